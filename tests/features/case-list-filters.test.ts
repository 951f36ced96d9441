import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { refreshCaseClocks } from '../../src/features/cases/case-clocks.ts'
import { makeCase, makeRespondent } from '../support/case-fixtures.ts'
import { makeDistrict, makeUser, type District, type TestUser } from '../support/fixtures.ts'
import { Browser, signedIn, text } from '../support/http.ts'
import { createTestContext, type TestContext } from '../support/test-app.ts'

let ctx: TestContext
let world: District
const DAY = 86_400_000
const k: Record<string, { id: number; caseNo: string }> = {}
let mediatorA: TestUser
let mediatorB: TestUser
let manager: Browser
let officerA: Browser

async function move(id: number, set: Record<string, unknown>) {
  await ctx.db.updateTable('cases').set(set as never).where('id', '=', id).execute()
  await refreshCaseClocks(ctx.db, id, ctx.clock.now())
}
const caseNos = (html: string) => [...new Set(html.slice(html.indexOf('id="case-results"') + 1).match(/南海-\d{4}-\d{6}/g) ?? [])]

beforeAll(async () => {
  ctx = await createTestContext()
  world = await makeDistrict(ctx.db)
  const now = ctx.clock.now()
  const at = (days: number) => new Date(now.getTime() - days * DAY)
  const offA = await makeUser(ctx.db, world.townA, ['rights_officer'])
  const offB = await makeUser(ctx.db, world.townB, ['rights_officer'])
  mediatorA = await makeUser(ctx.db, world.townA, ['mediator'], { displayName: '调解员甲' })
  mediatorB = await makeUser(ctx.db, world.townB, ['mediator'], { displayName: '调解员乙' })
  const boss = await makeUser(ctx.db, world.district, ['manager'])
  k.medA = await makeCase(ctx, world.townA, offA, { reportedAt: at(30), applicationReceivedAt: at(30) })
  k.consA = await makeCase(ctx, world.townA, offA, { reportedAt: at(4), applicationReceivedAt: at(4) })
  k.medB = await makeCase(ctx, world.townB, offB, { reportedAt: at(3), applicationReceivedAt: at(3) })
  k.sentToB = await makeCase(ctx, world.townA, offA, { reportedAt: at(2), applicationReceivedAt: at(2) })
  k.plainA = await makeCase(ctx, world.townA, offA, { reportedAt: at(1), applicationReceivedAt: null })
  await move(k.medA.id, { status: 'in_progress', route: 'mediation', assigned_mediator_id: mediatorA.id, holder_unit_id: world.townA.id, decided_at: at(29) })
  await move(k.consA.id, { status: 'in_progress', route: 'legal_consultation', holder_unit_id: world.townA.id, decided_at: at(3) })
  await move(k.medB.id, { status: 'in_progress', route: 'mediation', assigned_mediator_id: mediatorB.id, holder_unit_id: world.townB.id, decided_at: at(2) })
  await move(k.sentToB.id, { status: 'in_progress', route: 'mediation', holder_unit_id: world.townA.id, decided_at: at(1) })
  await ctx.db.insertInto('case_legs').values({
    case_id: k.sentToB.id, route: 'mediation', to_unit_id: world.townB.id, state: 'awaiting_ack', sent_at: at(1), sent_by: offA.id,
  }).execute()
  await refreshCaseClocks(ctx.db, k.sentToB.id, now)
  manager = await signedIn(ctx.app, boss.username, boss.password)
  officerA = await signedIn(ctx.app, offA.username, offA.password)
})
afterAll(() => ctx.close())

async function listed(b: Browser, query: string) {
  const res = await b.get(`/cases${query}`)
  expect(res.status).toBe(200)
  const html = await res.text()
  return { html, nos: caseNos(html) }
}

describe('the case list, new filters', () => {
  test('route', async () => {
    expect((await listed(manager, '?route=legal_consultation')).nos).toEqual([k.consA!.caseNo])
    expect((await listed(manager, '?route=mediation')).nos.sort()).toEqual([k.medA!.caseNo, k.medB!.caseNo, k.sentToB!.caseNo].sort())
    // Town A's officer does not see town B's mediation case.
    expect((await listed(officerA, '?route=mediation')).nos.sort()).toEqual([k.medA!.caseNo, k.sentToB!.caseNo].sort())
  })

  test('assignee: a mediator by id, "mine", and nobody outside the scope', async () => {
    expect((await listed(manager, `?assignee=${mediatorA.id}`)).nos).toEqual([k.medA!.caseNo])
    expect((await listed(manager, `?assignee=${mediatorB.id}`)).nos).toEqual([k.medB!.caseNo])
    // A town-B mediator is not on town A's list: the filter is ignored rather than revealing anything.
    const other = await listed(officerA, `?assignee=${mediatorB.id}`)
    expect(other.nos).not.toContain(k.medB!.caseNo)
    expect(other.html).not.toContain('调解员乙')
    expect(other.html).toContain('调解员甲')
    const med = await signedIn(ctx.app, mediatorA.username, mediatorA.password)
    const mine = await listed(med, '?assignee=mine')
    expect(mine.nos).toEqual([k.medA!.caseNo])
    expect(mine.html).toContain('<option value="mine" selected>')
  })

  test('holding unit: held by the unit, or a referral awaiting its acknowledgment', async () => {
    expect((await listed(manager, `?holder=${world.townB.id}`)).nos.sort()).toEqual([k.medB!.caseNo, k.sentToB!.caseNo].sort())
    expect((await listed(manager, `?holder=${world.townA.id}`)).nos.sort()).toEqual([k.medA!.caseNo, k.consA!.caseNo, k.sentToB!.caseNo].sort())
    // Town A's officer cannot pick town B (not in scope): the filter is ignored, and town B's case stays hidden.
    const a = await listed(officerA, `?holder=${world.townB.id}`)
    expect(a.nos).not.toContain(k.medB!.caseNo)
  })

  test('overdue: cases with an overdue clock, within scope', async () => {
    const { nos, html } = await listed(manager, '?overdue=1')
    expect(nos).toEqual([k.medA!.caseNo])
    expect(html).toMatch(/name="overdue" value="1" checked/)
    expect(html).toMatch(/<details class="more-filters" open>/)
    expect((await listed(officerA, '?overdue=1&route=mediation')).nos).toEqual([k.medA!.caseNo])
  })

  test('the next-deadline column shows the nearest running clock with its days left', async () => {
    const { html } = await listed(manager, `?q=${encodeURIComponent(k.medA!.caseNo)}`)
    const row = text(/<tbody>[\s\S]*<\/tbody>/.exec(html)![0])
    expect(row).toMatch(/\d{4}-\d{2}-\d{2} 已超期 \d+ 天/)
    const { html: h2 } = await listed(manager, `?q=${encodeURIComponent(k.consA!.caseNo)}`)
    expect(text(/<tbody>[\s\S]*<\/tbody>/.exec(h2)![0])).toMatch(/剩 \d+ 天/)
  })

  test('the pager keeps the new filters', async () => {
    const { html } = await listed(manager, `?route=mediation&holder=${world.townB.id}&overdue=1&after=t0i0`)
    expect(html).toContain(`href="/cases?route=mediation&amp;holder=${world.townB.id}&amp;overdue=1"`)
  })
})

describe("the case list, the dashboard's sets (domain/metrics.ts)", () => {
  const s: Record<string, { id: number; caseNo: string }> = {}
  beforeAll(async () => {
    const now = ctx.clock.now()
    const at = (days: number) => new Date(now.getTime() - days * DAY)
    const off = await makeUser(ctx.db, world.townB, ['rights_officer'])
    const shoes = await makeRespondent(ctx.db, { name: '西樵鞋业有限公司' })
    await ctx.db.updateTable('respondents').set({ industry: '制造业' }).where('id', '=', shoes.id).execute()
    const employer = [{ respondentId: shoes.id, role: 'employer' as const }]
    // Agreed in time, closed as performed last week; lapsed and referred on; advice on a hotline call.
    s.performed = await makeCase(ctx, world.townB, off, { reportedAt: at(40), applicationReceivedAt: at(40), respondents: employer, channel: 'letter' })
    s.lapsed = await makeCase(ctx, world.townB, off, { reportedAt: at(60), applicationReceivedAt: at(60), workersInvolved: 12, channel: 'online' })
    s.advice = await makeCase(ctx, world.townB, off, { reportedAt: at(5), applicationReceivedAt: null, channel: 'hotline_12351' })
    await move(s.performed.id, { status: 'closed', route: 'mediation', decided_at: at(39), agreement_effective_on: beijing(at(35)),
      closure_reason: 'agreement_performed', resolution_level: 'town', recovered_fen: '100000', closed_at: at(7) })
    await move(s.lapsed.id, { status: 'closed', route: 'arbitration', decided_at: at(59), closure_reason: 'mediation_lapsed', risk_level: 'orange',
      resolution_level: 'town', recovered_fen: '0', closed_at: at(10) })
    await move(s.advice.id, { status: 'closed', closure_reason: 'advice_given', resolution_level: 'grassroots', recovered_fen: '0', closed_at: at(4) })
  })
  const beijing = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
  const today = () => beijing(ctx.clock.now())
  const monthAgo = () => beijing(new Date(ctx.clock.now().getTime() - 30 * DAY))

  test('closed between two days, by closure reason or its group, and by level', async () => {
    const closed = `closed_from=${monthAgo()}&closed_to=${today()}`
    expect((await listed(manager, `?${closed}`)).nos.sort()).toEqual([s.performed!.caseNo, s.lapsed!.caseNo, s.advice!.caseNo].sort())
    expect((await listed(manager, `?${closed}&closure=agreed`)).nos).toEqual([s.performed!.caseNo])
    expect((await listed(manager, `?${closed}&closure=helped`)).nos.sort()).toEqual([s.performed!.caseNo, s.advice!.caseNo].sort())
    expect((await listed(manager, `?${closed}&closure=mediation_lapsed`)).nos).toEqual([s.lapsed!.caseNo])
    expect((await listed(manager, `?${closed}&level=grassroots`)).nos).toEqual([s.advice!.caseNo])
    expect((await listed(manager, `?closed_from=${today()}`)).nos).toEqual([])
  })

  test('within the mediation period or late: the agreement date (else closure) against the mediation clock', async () => {
    expect((await listed(manager, '?timing=on_time')).nos).toEqual([s.performed!.caseNo])
    expect((await listed(manager, '?timing=late')).nos).toEqual([s.lapsed!.caseNo])
    expect((await listed(manager, '?timing=timed')).nos.sort()).toEqual([s.performed!.caseNo, s.lapsed!.caseNo].sort())
  })

  test("industry, accepted, in hand during a period, groups of risk and channel, nobody's and unrouted", async () => {
    expect((await listed(manager, `?industry=${encodeURIComponent('制造业')}`)).nos).toEqual([s.performed!.caseNo])
    expect((await listed(manager, `?accepted=1&status=closed`)).nos.sort()).toEqual([s.performed!.caseNo, s.lapsed!.caseNo].sort())
    // In hand during the last week: accepted by its end and not closed before its start.
    const week = beijing(new Date(ctx.clock.now().getTime() - 7 * DAY))
    const inHand = (await listed(manager, `?handled_from=${week}&handled_to=${today()}`)).nos
    expect(inHand).toContain(s.performed!.caseNo)
    expect(inHand).not.toContain(s.lapsed!.caseNo)
    expect(inHand).not.toContain(s.advice!.caseNo)
    expect(inHand).toContain(k.medA!.caseNo)
    expect((await listed(manager, '?channel=sanlai&status=closed')).nos.sort()).toEqual([s.performed!.caseNo, s.advice!.caseNo].sort())
    expect((await listed(manager, '?risk=collective&status=closed')).nos).toEqual([s.lapsed!.caseNo])
    expect((await listed(manager, '?route=none&status=closed')).nos).toEqual([s.advice!.caseNo])
    expect((await listed(manager, '?assignee=none&status=in_progress')).nos.sort()).toEqual([k.consA!.caseNo, k.sentToB!.caseNo].sort())
  })

  test('the filter form shows and keeps every one of them', async () => {
    const { html } = await listed(manager, `?closure=agreed&level=town&timing=late&closed_from=2026-01-01&industry=${encodeURIComponent('制造业')}&accepted=1&handled_from=2026-01-01&handled_to=2026-06-30&risk=collective&channel=sanlai&route=none&assignee=none`)
    expect(html).toMatch(/<details class="more-filters" open>/)
    for (const v of ['agreed', 'town', 'late', 'collective', 'sanlai', 'none']) expect(html).toContain(`<option value="${v}" selected>`)
    expect(html).toContain('name="closed_from" value="2026-01-01"')
    expect(html).toContain('name="industry" maxlength="60" value="制造业"')
    expect(html).toMatch(/name="accepted" value="1" checked/)
    expect(html).toContain('<input type="hidden" name="handled_from" value="2026-01-01">')
    expect(text(html)).toContain('期间在办：2026-01-01 至 2026-06-30')
    // Nonsense is ignored, never an error.
    expect((await manager.get('/cases?closure=nope&level=x&timing=y&closed_from=2026-02-30&industry=' + 'x'.repeat(61))).status).toBe(200)
  })
})
