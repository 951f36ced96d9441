import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { makeCase, worker } from '../support/case-fixtures.ts'
import { makeDistrict, makeUser, type District, type TestUser } from '../support/fixtures.ts'
import { signedIn, text, type Browser } from '../support/http.ts'
import { createTestContext, type TestContext } from '../support/test-app.ts'
import { refreshCaseClocks } from '../../src/features/cases/case-clocks.ts'

let ctx: TestContext
let world: District
let officer: TestUser
let b: Browser
beforeAll(async () => {
  ctx = await createTestContext() // the fake clock reads 2026-11-20 10:00 Beijing
  world = await makeDistrict(ctx.db)
  officer = await makeUser(ctx.db, world.townA, ['rights_officer'])
  b = await signedIn(ctx.app, officer.username, officer.password)
})
afterAll(() => ctx.close())

const page = async (id: number) => text(await (await b.get(`/cases/${id}`)).text())
const beijing = (iso: string) => new Date(`${iso}+08:00`)

describe('the clocks on the case page', () => {
  test('a fresh application shows the mediation period with its due date, weekday, days left and article', async () => {
    const { id } = await makeCase(ctx, world.townA, officer, { reportedAt: beijing('2026-11-19T09:00'), applicationReceivedAt: beijing('2026-11-19T09:00') })
    const html = await page(id)
    // 15 days from 11-19 (not counted): day 15 is 12-04, a Friday and a working day.
    expect(html).toContain('调解期限 截止 2026-12-04（五） 剩 14 天')
    expect(html).toContain('第十四条')
    // 3 working days from Thursday 11-19: 11-20, 11-23, 11-24.
    expect(html).toContain('受理决定 截止 2026-11-24（二） 剩 4 天，即将到期')
    expect(html).not.toContain('可以直接申请劳动仲裁')
  })

  test('DESIGN’s example: an application on 2026-04-16 ends 2026-05-06 past Labour Day, and once lapsed the arbitration route shows', async () => {
    const { id } = await makeCase(ctx, world.townA, officer, { reportedAt: beijing('2026-04-16T09:00'), applicationReceivedAt: beijing('2026-04-16T09:00') })
    const html = await page(id)
    expect(html).toContain('调解期限 截止 2026-05-06（三） 已超期')
    expect(html).toContain('当事人可以直接申请劳动仲裁')
  })

  test('a period that needs a year the calendar does not hold says so instead of guessing', async () => {
    const { id } = await makeCase(ctx, world.townA, officer, { reportedAt: beijing('2026-12-25T09:00'), applicationReceivedAt: beijing('2026-12-25T09:00') })
    expect(await page(id)).toContain('2027 年工作日历未载入')
  })

  test('each worker’s arbitration limitation, and none for wages while still employed', async () => {
    const { id } = await makeCase(ctx, world.townA, officer, {
      disputeTypes: ['wages'],
      workers: [worker('赵敏', { leaveDate: '2026-03-10' }), worker('钱多')],
    })
    const html = await page(id)
    // One year from leaving: 2027-03-10 needs 2027's calendar to know whether it is a working day.
    expect(html).toContain('仲裁时效（赵敏）')
    expect(html).toContain('仲裁时效（钱多）')
    expect(html).toContain('不受 1 年时效限制')
  })

  test('a reported case offers the rights officer the step that starts the clocks', async () => {
    const { id } = await makeCase(ctx, world.townA, officer, { applicationReceivedAt: null, workers: [] })
    const html = await (await b.get(`/cases/${id}`)).text()
    expect(html).toContain(`href="/cases/${id}/application"`)
    expect(text(html)).toContain('收到调解申请后，这里会显示')
  })
})

describe('stored clocks', () => {
  test('are written with the case and rewritten when the application arrives', async () => {
    const { id } = await makeCase(ctx, world.townA, officer, { applicationReceivedAt: null, disputeTypes: ['dismissal'], workers: [worker('孙丽', { knewDate: '2026-01-05' })] })
    const stored = async () => (await ctx.db.selectFrom('case_clocks').select(['kind', 'subject', 'due_on', 'status']).where('case_id', '=', id).orderBy('kind').execute())
    // One year from 2026-01-05 is 2027-01-05: whether that is a working day needs 2027's calendar.
    expect(await stored()).toEqual([{ kind: 'limitation', subject: 'w0', due_on: null, status: 'calendar_missing' }])
    const res = await b.post(`/cases/${id}/application`, { received_at: '2026-11-19T09:00', version: '1' })
    expect(res.status).toBe(303)
    const after = await stored()
    expect(after.find((c) => c.kind === 'mediation')).toMatchObject({ due_on: '2026-12-04', status: 'running' })
    // Due Tuesday 11-24: two working days after Friday 11-20 (Monday, Tuesday), so "due soon".
    expect(after.find((c) => c.kind === 'acceptance')).toMatchObject({ due_on: '2026-11-24', status: 'due_soon' })
  })
})

describe('the court’s clock and judicial confirmation, from the court linkage', () => {
  const stored = async (id: number, kind: string) =>
    ctx.db.selectFrom('case_clocks').select(['basis', 'start_on', 'due_on', 'status']).where('case_id', '=', id).where('kind', '=', kind).executeTakeFirst()
  const file = async (id: number, form: Record<string, string>) => {
    const { version } = await ctx.db.selectFrom('cases').select('version').where('id', '=', id).executeTakeFirstOrThrow()
    const res = await b.post(`/cases/${id}/court-linkages`, { court: '佛山市南海区人民法院', ...form, version: String(version) })
    expect(res.status).toBe(303)
  }
  async function courtLeg(more: Record<string, unknown> = {}) {
    const { id } = await makeCase(ctx, world.townA, officer, { channel: 'court_referral', reportedAt: beijing('2026-11-19T09:00'), applicationReceivedAt: beijing('2026-11-19T09:00') })
    await ctx.db.updateTable('cases').set({ status: 'in_progress', route: 'court_linkage', ...more }).where('id', '=', id).execute()
    return id
  }

  test('a commissioned, simple-procedure referral runs 7 days from the materials’ receipt, replacing the default 委派 30 days', async () => {
    const id = await courtLeg()
    // Without a linkage, a court-referred case is taken as 委派 from its application: 30 days from
    // 11-19 is Saturday 12-19, rolled to Monday 12-21.
    expect(await page(id)).toContain('法院委派/委托调解期限 截止 2026-12-21（一）')
    await file(id, { kind: 'commissioned_simple', started_on: '2026-11-16' })
    // Received Monday 11-16 (not counted): day 7 is Monday 11-23, a working day; one working day after today.
    expect(await stored(id, 'court_mediation')).toEqual({ basis: 'law.court_commissioned_simple_art27', start_on: '2026-11-16', due_on: '2026-11-23', status: 'due_soon' })
    const html = await page(id)
    expect(html).toContain('法院委派/委托调解期限 截止 2026-11-23（一） 剩 3 天，即将到期')
    expect(html).toContain('适用简易程序的委托调解期限 7 日')
  })

  test('a 7-day referral ending inside the National Day holiday runs to the next working day', async () => {
    const id = await courtLeg()
    // Received Monday 09-28: day 7 is 10-05, a rest day; 10-06 and 10-07 too; Thursday 10-08 works.
    await file(id, { kind: 'commissioned_simple', started_on: '2026-09-28' })
    expect(await stored(id, 'court_mediation')).toMatchObject({ due_on: '2026-10-08', status: 'overdue' })
    expect(await page(id)).toContain('法院委派/委托调解期限 截止 2026-10-08（四） 已超期 43 天')
  })

  test('a commissioned (15-day) referral on a case that came by another channel', async () => {
    const { id } = await makeCase(ctx, world.townA, officer, { reportedAt: beijing('2026-11-02T09:00'), applicationReceivedAt: beijing('2026-11-02T09:00') })
    await ctx.db.updateTable('cases').set({ status: 'in_progress', route: 'court_linkage' }).where('id', '=', id).execute()
    await file(id, { kind: 'commissioned', started_on: '2026-11-13' })
    // Friday 11-13 + 15 days = Saturday 11-28, rolled to Monday 11-30.
    expect(await stored(id, 'court_mediation')).toMatchObject({ basis: 'law.court_commissioned_art27', due_on: '2026-11-30', status: 'running' })
    expect(await stored(id, 'mediation')).toBeUndefined()
  })

  test('applying for judicial confirmation meets that window and stops the arbitral-review one', async () => {
    const { id } = await makeCase(ctx, world.townA, officer, { reportedAt: beijing('2026-11-01T09:00'), applicationReceivedAt: beijing('2026-11-01T09:00') })
    await ctx.db.updateTable('cases').set({ status: 'performing', route: 'mediation', agreement_effective_on: '2026-11-10' }).where('id', '=', id).execute()
    await refreshCaseClocks(ctx.db, id, ctx.clock.now())
    // 30 days from 11-10: Thursday 12-10. Review: 15 days, Wednesday 11-25.
    expect(await stored(id, 'judicial_confirmation')).toMatchObject({ due_on: '2026-12-10', status: 'running' })
    expect(await stored(id, 'arbitral_review')).toMatchObject({ due_on: '2026-11-25', status: 'running' })
    await file(id, { kind: 'judicial_confirmation', started_on: '2026-11-12' })
    expect(await stored(id, 'judicial_confirmation')).toMatchObject({ due_on: '2026-12-10', status: 'met' })
    expect(await stored(id, 'arbitral_review')).toMatchObject({ status: 'stopped' })
    const html = await page(id)
    expect(html).toContain('申请司法确认 截止 2026-12-10（四） 已完成')
    expect(html).toContain('申请仲裁审查确认 截止 2026-11-25（三） 已停止')
  })
})
