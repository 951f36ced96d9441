import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { refreshCaseClocks } from '../../src/features/cases/case-clocks.ts'
import { makeCase } from '../support/case-fixtures.ts'
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
