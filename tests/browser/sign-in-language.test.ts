/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { hasChromium, signIn, startHarness, watchConsole, type Harness } from './browser-support.ts'
import { makeDistrict, makeUser, type TestUser } from '../support/fixtures.ts'

describe.skipIf(!hasChromium)('in the browser: sign in, switch language, sign out', () => {
  let h: Harness
  let mediator: TestUser
  beforeAll(async () => {
    h = await startHarness()
    const world = await makeDistrict(h.ctx.db)
    mediator = await makeUser(h.ctx.db, world.townA, ['mediator'], { displayName: '梁志强' })
  })
  afterAll(() => h?.close())

  test('a mediator signs in in Chinese, switches to English, sees English navigation, and signs out', async () => {
    const page = await h.browser.newPage()
    const errors = watchConsole(page)
    await page.goto(`${h.base}/login`)
    expect(await page.locator('h1').textContent()).toBe('登录')
    await signIn(page, h.base, mediator.username, mediator.password)
    expect(await page.locator('.sidenav').textContent()).toContain('我的工作')
    expect(await page.getByTestId('who').textContent()).toContain('梁志强')

    // htmx is ours and locked down.
    const config = await page.evaluate(() => {
      const c = (window as unknown as { htmx: { config: Record<string, unknown> } }).htmx.config
      return { selfRequestsOnly: c.selfRequestsOnly, allowEval: c.allowEval, allowScriptTags: c.allowScriptTags, historyCacheSize: c.historyCacheSize }
    })
    expect(config).toEqual({ selfRequestsOnly: true, allowEval: false, allowScriptTags: false, historyCacheSize: 0 })

    await page.click('.lang-switch button')
    await page.waitForFunction(() => document.documentElement.lang === 'en')
    expect(await page.locator('.sidenav').textContent()).toContain('My work')
    expect(await page.locator('h1').textContent()).toContain('Hello')

    await Promise.all([page.waitForURL(/\/login$/), page.getByTestId('logout').click()])
    expect(await page.locator('h1').textContent()).toBe('Sign in')
    // The session is gone: going back to the home page asks to sign in again.
    await page.goto(`${h.base}/`)
    expect(new URL(page.url()).pathname).toBe('/login')
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('htmx')))).toEqual([])
    expect(errors).toEqual([])
  })

  test('the phone layout fits a 360-px screen with the navigation at the bottom', async () => {
    const page = await h.browser.newPage()
    await page.setViewportSize({ width: 360, height: 740 })
    await signIn(page, h.base, mediator.username, mediator.password)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow).toBeLessThanOrEqual(0)
    const nav = await page.locator('.sidenav').boundingBox()
    expect(nav!.y + nav!.height).toBeGreaterThan(700)
    await page.screenshot({ path: '/tmp/fq-phone-home.png' })
  })
})
