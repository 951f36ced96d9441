import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { serve, type ServerType } from '@hono/node-server'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { createTestContext, type TestContext } from '../support/test-app.ts'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const hasChromium = existsSync(CHROMIUM)

// Where Chromium is missing the browser tests skip with a message, except in CI, where that is a failure.
if (!hasChromium) {
  if (process.env.CI) throw new Error(`Chromium not found at ${CHROMIUM}: CI must run the browser tests (apt-get install chromium)`)
  console.warn(`\n[browser tests skipped] Chromium not found at ${CHROMIUM}. Install it with: apt-get install -y chromium fonts-wqy-microhei\n`)
}

export type Harness = { ctx: TestContext; base: string; browser: BrowserContext; close: () => Promise<void> }

/** The real app on a real port over a fresh test database, and a headless Chromium with a fresh profile. */
export async function startHarness(): Promise<Harness> {
  const ctx = await createTestContext()
  // Cookies carry real expiry dates that Chromium enforces: start the fake clock at the real now.
  ctx.clock.current = new Date()
  const app = ctx.app
  let server!: ServerType
  const base = await new Promise<string>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(`http://127.0.0.1:${info.port}`))
  })
  const profile = mkdtempSync(path.join(tmpdir(), 'fq-chromium-'))
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  })
  return {
    ctx,
    base,
    browser,
    close: async () => {
      await browser.close()
      await new Promise((r) => server.close(r))
      rmSync(profile, { recursive: true, force: true })
      await ctx.close()
    },
  }
}

/** Collects console errors (CSP violations show up there) so a test can assert there were none. */
export function watchConsole(page: Page): string[] {
  const errors: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text())
  })
  page.on('pageerror', (e) => errors.push(e.message))
  return errors
}

/** Signs in from a clean slate: the pages of one test file share a cookie jar. */
export async function signIn(page: Page, base: string, username: string, password: string) {
  await page.context().clearCookies()
  await page.goto(`${base}/login`)
  await page.fill('#username', username)
  await page.fill('#password', password)
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('form[action="/login"] button[type=submit]')])
}

/** Opens an action of the case page's panel, fills it with `fill`, submits, and waits for the case page again. */
export async function act(page: Page, action: string, fill: (p: Page) => Promise<unknown> = async () => {}) {
  await page.getByTestId(`action-${action}`).click()
  await page.waitForSelector('[data-testid="action-form"]')
  await fill(page)
  // The page is already at /cases/:id, so wait for the posted form to be replaced by the new page.
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/cases/')),
    page.getByTestId('action-submit').click(),
  ])
  await page.waitForSelector('[data-testid="action-form"]', { state: 'detached' })
  await page.waitForSelector('[data-testid="action-panel"]')
}
