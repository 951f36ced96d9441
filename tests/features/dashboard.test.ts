import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { loadConfig } from '../../src/config.ts'
import { seedDemoCases } from '../../src/db/seed/demo-cases.ts'
import { seedOnFirstStart } from '../../src/db/seed/first-start.ts'
import { beijingDate } from '../../src/domain/beijing-date.ts'
import { evaluate, headlineMeasures, HEADLINE_METRICS, matches, measureInTown, period, type CaseFact } from '../../src/domain/metrics.ts'
import { formatFen } from '../../src/domain/money.ts'
import { makeUnit, makeUser, type TestUser } from '../support/fixtures.ts'
import { Browser, signedIn, text } from '../support/http.ts'
import { loadCaseFacts } from '../support/metric-facts.ts'
import { createTestContext, type TestContext } from '../support/test-app.ts'

// The demo district (seven towns, ~300 cases through every state) is the fixture: the dashboard
// must agree with the list behind every link, and with domain/metrics.ts over the same cases.

let ctx: TestContext
let facts: CaseFact[]
let manager: Browser
let townManager: TestUser
let shishan: { id: number; name: string; path: string; code: string | null }
const PASSWORD = 'demo pass for dashboard'
const PERIOD = 'from=2024-01&to=2026-11'
const p = period('2024-01', '2026-11')!

beforeAll(async () => {
  ctx = await createTestContext()
  await seedOnFirstStart(ctx.db, { ...loadConfig({ DEMO_PASSWORD: PASSWORD }), dataDir: '/nonexistent-dashboard' })
  await seedDemoCases(ctx.db, ctx.pii, ctx.clock.now())
  facts = await loadCaseFacts(ctx.db, beijingDate(ctx.clock.now()))
  manager = new Browser(ctx.app)
  await manager.login('manager', PASSWORD)
  shishan = await ctx.db.selectFrom('org_units').select(['id', 'name', 'path', 'code']).where('name', '=', '狮山镇总工会').executeTakeFirstOrThrow()
  townManager = await makeUser(ctx.db, shishan, ['manager'])
}, 120_000)
afterAll(() => ctx.close())

const unescape = (s: string) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'")
/** Every link on a page to the case list that says how many cases it selects. */
const countedLinks = (html: string) =>
  [...html.matchAll(/<a[^>]*?href="(\/cases\?[^"]*)"[^>]*?data-count="(\d+)"/g)].map((m) => ({ href: unescape(m[1]!), count: Number(m[2]) }))
const listCount = async (b: Browser, href: string) => {
  const html = await (await b.get(href)).text()
  const m = /data-testid="case-count">共 ([\d,]+) 件/.exec(html)
  if (!m) throw new Error(`no count on ${href}`)
  return Number(m[1]!.replace(/,/g, ''))
}
const figureText = (html: string, key: string) => {
  const m = new RegExp(`data-testid="figure-${key}"[\\s\\S]*?class="figure-value"[^>]*>([^<]*)<`).exec(html)
  return m ? m[1]!.trim() : null
}

function expectedText(key: (typeof HEADLINE_METRICS)[number], cases: CaseFact[], town?: number): string {
  const m = measureInTown(headlineMeasures(p)[key], town)
  const v = evaluate(m, cases)
  switch (m.kind) {
    case 'rate': return v.value === null ? '—' : `${v.value.toFixed(1)}%`
    case 'days': return v.value === null ? '—' : `${v.value} 天`
    case 'amount': return formatFen(v.value!)
    default: return v.value!.toLocaleString('en-US')
  }
}

describe('the dashboard', () => {
  test('every headline figure equals domain/metrics.ts evaluated over the same cases', async () => {
    const html = await (await manager.get(`/dashboard?${PERIOD}`)).text()
    for (const key of HEADLINE_METRICS) expect(figureText(html, key), key).toBe(expectedText(key, facts))
    // The demo district is realistic: a success rate in the field's good range, money recovered.
    const success = evaluate(headlineMeasures(p).mediationSuccess, facts)
    expect(success.value).toBeGreaterThanOrEqual(70)
    expect(evaluate(headlineMeasures(p).recovered, facts).value).toBeGreaterThan(0)
  })

  test('every number, bar and table cell links to a case list showing exactly that many cases', async () => {
    const html = await (await manager.get(`/dashboard?${PERIOD}`)).text()
    const links = countedLinks(html)
    // Figures, each chart's table (months × 2, towns × 2, funnel, routes, types, levels), mediators, channels, industries.
    expect(links.length).toBeGreaterThan(150)
    const distinct = new Map(links.map((l) => [l.href, l.count]))
    expect([...new Set(links.map((l) => l.href))].every((h) => links.filter((l) => l.href === h).every((l) => l.count === distinct.get(h)))).toBe(true)
    const nonZero = [...distinct].filter(([, n]) => n > 0)
    expect(nonZero.length).toBeGreaterThan(60)
    for (const [href, count] of distinct) expect(await listCount(manager, href), href).toBe(count)
  }, 120_000)

  test('each bar in a chart is an SVG link to the same list as its row in the table below', async () => {
    const html = await (await manager.get(`/dashboard?${PERIOD}`)).text()
    const charts = [...html.matchAll(/<figure[\s\S]*?<\/figure>/g)].map((m) => m[0])
    expect(charts.length).toBe(6)
    for (const chart of charts) {
      const svg = /<svg[\s\S]*<\/svg>/.exec(chart)![0]
      const barLinks = [...svg.matchAll(/<a [^>]*href="([^"]+)"/g)].map((m) => unescape(m[1]!))
      const tableLinks = countedLinks(chart.slice(chart.indexOf('</svg>'))).map((l) => l.href)
      expect(barLinks.length).toBeGreaterThan(0)
      expect(new Set(barLinks)).toEqual(new Set(tableLinks))
    }
  })

  test('a town manager sees only their town, and cannot widen it from the URL', async () => {
    const b = await signedIn(ctx.app, townManager.username, townManager.password)
    const html = await (await b.get(`/dashboard?${PERIOD}`)).text()
    const mine = facts.filter((f) => f.townId === shishan.id)
    expect(mine.length).toBeGreaterThan(10)
    expect(figureText(html, 'received')).toBe(String(mine.filter((f) => matches(f, { from: p.from, to: p.to })).length))
    for (const key of HEADLINE_METRICS) expect(figureText(html, key), key).toBe(expectedText(key, mine))
    expect(text(html)).not.toContain('桂城街道总工会')
    for (const { href, count } of countedLinks(html).slice(0, 25)) expect(await listCount(b, href), href).toBe(count)

    const guicheng = await ctx.db.selectFrom('org_units').select('id').where('name', '=', '桂城街道总工会').executeTakeFirstOrThrow()
    const widened = await (await b.get(`/dashboard?${PERIOD}&town=${guicheng.id}`)).text()
    expect(text(widened)).toContain('该镇街不在您的辖区内')
    expect(figureText(widened, 'received')).toBe(figureText(html, 'received'))
  })

  test('a district manager narrows to one town from the filter, and every link still counts true', async () => {
    const html = await (await manager.get(`/dashboard?${PERIOD}&town=${shishan.id}`)).text()
    const mine = facts.filter((f) => f.townId === shishan.id)
    for (const key of HEADLINE_METRICS) expect(figureText(html, key), key).toBe(expectedText(key, mine, shishan.id))
    const links = countedLinks(html)
    expect(links.filter((l) => l.href.includes('from=')).every((l) => l.href.includes(`town=${shishan.id}`))).toBe(true)
    for (const { href, count } of new Map(links.map((l) => [l.href, l])).values()) expect(await listCount(manager, href), href).toBe(count)
  }, 120_000)

  test('a bad period keeps the page, says why beside the field, and shows the year so far', async () => {
    for (const [query, message] of [['from=2026-13&to=2026-11', '请按“2026-01”的格式填写月份'], ['from=2026-10&to=2026-01', '起始月份须不晚于截止月份']] as const) {
      const res = await manager.get(`/dashboard?${query}`)
      expect(res.status).toBe(200)
      const html = await res.text()
      expect(html).toMatch(new RegExp(`data-testid="period-error">${message}`))
      expect(text(html)).toContain('统计期间：2026-01-01 至 2026-11-30')
    }
  })

  test('speaks English on request: labels, chart names, the table headings', async () => {
    const en = new Browser(ctx.app)
    await en.login('manager', PASSWORD)
    await en.post('/lang', { locale: 'en', back: '/' })
    const html = await (await en.get(`/dashboard?${PERIOD}`)).text()
    const words = text(html)
    for (const phrase of ['Dashboard', 'Mediation success rate', 'Closure rate', 'Received and closed per town', 'Mediators']) expect(words).toContain(phrase)
    expect(words).not.toContain('调解成功率')
    expect(figureText(html, 'daysMedian')).toMatch(/^\d+ days$/)
    const csv = new TextDecoder().decode(await (await en.get(`/dashboard/tables/funnel?format=csv&${PERIOD}`)).arrayBuffer())
    expect(csv.split(/\r?\n/)[0]).toBe('Stage,Cases')
    // The language is kept with the person: back to Chinese for the tests that follow.
    await en.post('/lang', { locale: 'zh-CN', back: '/' })
  })

  test('is for managers only', async () => {
    for (const role of ['mediator', 'rights_officer', 'informant', 'admin']) {
      const b = new Browser(ctx.app)
      await b.login(role, PASSWORD)
      expect((await b.get('/dashboard')).status, role).toBe(403)
      expect((await b.get('/reports/annual')).status, role).toBe(403)
      expect((await b.get('/dashboard/tables/towns')).status, role).toBe(403)
    }
    expect((await new Browser(ctx.app).get('/dashboard')).status).toBe(303)
  })

  test('each table downloads as CSV and XLSX with the numbers on the page, and is audited', async () => {
    const res = await manager.get(`/dashboard/tables/towns?format=csv&${PERIOD}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toMatch(/text\/csv/)
    const bytes = new Uint8Array(await res.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]) // the byte order mark Excel needs for Chinese
    const lines = new TextDecoder().decode(bytes).trim().split(/\r?\n/)
    expect(lines[0]).toBe('镇街,收案,结案')
    expect(lines).toHaveLength(8)
    const shishanLine = lines.find((l) => l.startsWith('狮山镇总工会'))!
    const received = facts.filter((f) => f.townId === shishan.id && matches(f, { from: p.from, to: p.to })).length
    expect(shishanLine.split(',')[1]).toBe(String(received))
    const xlsx = await manager.get(`/dashboard/tables/mediators?format=xlsx&${PERIOD}`)
    expect(xlsx.status).toBe(200)
    expect(new Uint8Array(await xlsx.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b])) // a zip
    const audit = await ctx.db.selectFrom('audit_log').select(['event', 'details']).where('event', '=', 'export').orderBy('id', 'desc').limit(2).execute()
    expect(audit.map((a) => (a.details as { kind: string }).kind)).toEqual(['dashboard.mediators', 'dashboard.towns'])
    expect((await manager.get('/dashboard/tables/nonsense?format=csv')).status).toBe(404)
  })
})

describe('the annual report card', () => {
  test('per year and in total, each figure links to a list of exactly the cases it counts', async () => {
    const html = await (await manager.get('/reports/annual')).text()
    const years = [...html.matchAll(/data-testid="report-year-(\d{4})"/g)].map((m) => Number(m[1]))
    expect(years.length).toBeGreaterThanOrEqual(2)
    expect(years[0]).toBe(2026) // newest first, one section (one printed page) each
    const links = [...html.matchAll(/<a href="(\/cases\?[^"]*)">([\d,]+)<\/a>/g)].map((m) => ({ href: unescape(m[1]!), n: Number(m[2]!.replace(/,/g, '')) }))
    const received = links.filter((l) => /^\/cases\?from=\d{4}-01-01&to=\d{4}-12-31$/.test(l.href))
    expect(received.length).toBeGreaterThanOrEqual(years.length)
    for (const l of links.filter((x) => !x.href.includes('closure=helped'))) expect(await listCount(manager, l.href), l.href).toBe(l.n)
    // Received per year adds up to the total; every case received shows in some year.
    const total = /data-testid="report-total"[\s\S]*?<\/tr>/.exec(html)![0]
    const totalReceived = Number(/<a href="[^"]*">([\d,]+)<\/a>/.exec(total)![1]!.replace(/,/g, ''))
    expect(totalReceived).toBe(facts.length)
  }, 120_000)

  test('a manager whose area has no cases yet is told so, not shown a card of zeros', async () => {
    const district = await ctx.db.selectFrom('org_units').select(['id', 'name', 'path', 'code']).where('kind', '=', 'district').executeTakeFirstOrThrow()
    const quiet = await makeUnit(ctx.db, 'town', district)
    const boss = await makeUser(ctx.db, quiet, ['manager'])
    const b = await signedIn(ctx.app, boss.username, boss.password)
    const html = await (await b.get('/reports/annual')).text()
    expect(html).toContain('data-testid="report-empty"')
    expect(html).not.toContain('data-testid="report-summary"')
  })
})
