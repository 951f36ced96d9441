/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { hasChromium, signIn, startHarness, watchConsole, type Harness } from './browser-support.ts'
import { loadConfig } from '../../src/config.ts'
import { seedDemoCases } from '../../src/db/seed/demo-cases.ts'
import { seedOnFirstStart } from '../../src/db/seed/first-start.ts'

// Issue 6's check: a manager opens the dashboard in Chinese, clicks a bar of a server-rendered
// chart, and lands on the case list showing the cases that bar counted.

const PASSWORD = 'demo pass for the dashboard journey'

describe.skipIf(!hasChromium)('in the browser: the dashboard drills down from a bar to its cases', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness()
    await seedOnFirstStart(h.ctx.db, { ...loadConfig({ DEMO_PASSWORD: PASSWORD }), dataDir: '/nonexistent-dashboard-browser' })
    await seedDemoCases(h.ctx.db, h.ctx.pii, new Date())
  }, 120_000)
  afterAll(() => h?.close())

  test('the bar of a town opens the list of that town’s cases received in the period', async () => {
    const page = await h.browser.newPage()
    const errors = watchConsole(page)
    await signIn(page, h.base, 'manager', PASSWORD)
    await page.goto(`${h.base}/dashboard?from=2024-01&to=${new Date().toISOString().slice(0, 7)}`)
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN')
    await expect.poll(() => page.locator('h1').textContent()).toBe('统计看板')

    // The chart is an SVG drawn on the server, with a title and a description for screen readers.
    const chart = page.getByTestId('chart-towns')
    const svg = chart.locator('svg').first()
    expect(await svg.getAttribute('role')).toBe('img')
    expect(await chart.textContent()).toContain('各镇街收案与结案')

    // The bar of 狮山镇 for cases received: its link, and the number its table row gives.
    const bar = svg.locator('a').filter({ has: page.locator('title', { hasText: '狮山镇总工会' }) }).first()
    const barHref = await bar.getAttribute('href')
    const row = chart.locator('tr', { hasText: '狮山镇总工会' })
    const expected = Number((await row.locator('a').first().textContent())!.replace(/,/g, ''))
    expect(expected).toBeGreaterThan(0)

    await Promise.all([page.waitForURL((u) => u.pathname === '/cases'), bar.click()])
    const url = new URL(page.url())
    expect(url.pathname + url.search).toBe(barHref)
    expect(url.searchParams.get('town')).not.toBeNull()
    expect(url.searchParams.get('from')).toBe('2024-01-01')
    await expect.poll(() => page.getByTestId('case-count').textContent()).toContain(`共 ${expected} 件`)
    // The list's filter bar shows the town it was narrowed to.
    expect(await page.locator('select[name="town"] option:checked').textContent()).toBe('狮山镇总工会')
    expect(errors).toEqual([])
  }, 60_000)

  test('the annual report prints one page per year, without the navigation', async () => {
    const page = await h.browser.newPage()
    const errors = watchConsole(page)
    await signIn(page, h.base, 'manager', PASSWORD)
    await page.goto(`${h.base}/reports/annual`)
    await page.emulateMedia({ media: 'print' })
    const years = page.locator('.report-year')
    expect(await years.count()).toBeGreaterThanOrEqual(2)
    const breaks = await years.evaluateAll((els) => els.map((e) => getComputedStyle(e).breakAfter))
    expect(breaks.slice(0, -1).every((b) => b === 'page')).toBe(true)
    expect(await page.locator('.sidenav').isVisible()).toBe(false)
    expect(await years.first().locator('.figure').count()).toBe(8)
    expect(errors).toEqual([])
  }, 60_000)
})
