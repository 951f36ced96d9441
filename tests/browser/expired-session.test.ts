/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { hasChromium, signIn, startHarness, watchConsole, type Harness } from './browser-support.ts'
import { makeDistrict, makeUser, type District, type TestUser } from '../support/fixtures.ts'

describe.skipIf(!hasChromium)('in the browser: a session that runs out while typing', () => {
  let h: Harness
  let admin: TestUser
  let world: District
  beforeAll(async () => {
    h = await startHarness()
    world = await makeDistrict(h.ctx.db)
    admin = await makeUser(h.ctx.db, world.district, ['admin'])
  })
  afterAll(() => h?.close())

  test('sends the user to sign in, then back to the form with what they had typed', async () => {
    const page = await h.browser.newPage()
    const errors = watchConsole(page)
    await signIn(page, h.base, admin.username, admin.password)
    await page.goto(`${h.base}/admin/users/new`)
    await page.fill('#f-username', 'wang_fang')
    await page.fill('#f-display_name', '王芳')
    await page.selectOption('#f-org_unit_id', String(world.townA.id))
    await page.check('input[name=roles][value=mediator]')
    await page.fill('#f-password', 'a long temporary phrase')

    h.ctx.clock.minutes(31) // the server's clock: the session is now idle too long

    await Promise.all([page.waitForURL(/\/login\?/), page.click('#new-user-form button[type=submit]')])
    const login = new URL(page.url())
    expect(login.searchParams.get('next')).toBe('/admin/users/new')
    expect(await page.locator('.notice').textContent()).toContain('登录已超时')
    // No login form was swapped into the page: this is the whole login page.
    expect(await page.locator('form[action="/login"]').count()).toBe(1)
    expect(await page.locator('#new-user-form').count()).toBe(0)

    await page.fill('#username', admin.username)
    await page.fill('#password', admin.password)
    await Promise.all([page.waitForURL(/\/admin\/users\/new$/), page.click('form[action="/login"] button[type=submit]')])
    expect(await page.inputValue('#f-username')).toBe('wang_fang')
    expect(await page.inputValue('#f-display_name')).toBe('王芳')
    expect(await page.inputValue('#f-org_unit_id')).toBe(String(world.townA.id))
    expect(await page.isChecked('input[name=roles][value=mediator]')).toBe(true)
    expect(await page.inputValue('#f-password')).toBe('') // never kept
    expect(await h.ctx.db.selectFrom('users').select('id').where('username', '=', 'wang_fang').executeTakeFirst()).toBeUndefined()

    await page.fill('#f-password', 'a long temporary phrase')
    await Promise.all([page.waitForURL(/\/admin\/users\/\d+$/), page.click('#new-user-form button[type=submit]')])
    expect(await h.ctx.db.selectFrom('users').select('display_name').where('username', '=', 'wang_fang').executeTakeFirstOrThrow()).toEqual({ display_name: '王芳' })
    expect(errors).toEqual([])
  })

  test('a validation error shows beside the field, in English too, and keeps what was typed', async () => {
    const page = await h.browser.newPage()
    await signIn(page, h.base, admin.username, admin.password)
    await page.goto(`${h.base}/admin/users/new`)
    await page.click('.lang-switch button')
    await page.waitForFunction(() => document.documentElement.lang === 'en')
    await page.fill('#f-username', 'Bad Name!')
    await page.fill('#f-display_name', 'Chen Jie')
    await page.selectOption('#f-org_unit_id', String(world.grassrootsA.id))
    await page.check('input[name=roles][value=informant]')
    await page.fill('#f-password', 'short')
    await page.click('#new-user-form button[type=submit]')
    await page.waitForSelector('#f-username-err:not(:empty)')
    expect(await page.locator('#f-username-err').textContent()).not.toBe('')
    expect(await page.locator('#f-password-err').textContent()).toContain('12')
    expect(await page.inputValue('#f-display_name')).toBe('Chen Jie')
    expect(await page.inputValue('#f-org_unit_id')).toBe(String(world.grassrootsA.id))
    expect(new URL(page.url()).pathname).toBe('/admin/users/new')
    await page.screenshot({ path: '/tmp/fq-user-422.png' })
  })
})
