import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { beijingDate } from '../../src/domain/beijing-date.ts'
import { refreshCaseClocks } from '../../src/features/cases/case-clocks.ts'
import { makeCase, worker } from '../support/case-fixtures.ts'
import { makeDistrict, makeUser, type District, type TestUser } from '../support/fixtures.ts'
import { signedIn, text } from '../support/http.ts'
import { createTestContext, type TestContext } from '../support/test-app.ts'

let ctx: TestContext
let world: District
const DAY = 86_400_000
const users: Record<string, TestUser> = {}
const k: Record<string, { id: number; caseNo: string }> = {}

/** Moves a case along by writing its row, as the seed does, then stores its clocks. */
async function move(id: number, set: Record<string, unknown>) {
  await ctx.db.updateTable('cases').set(set as never).where('id', '=', id).execute()
  await refreshCaseClocks(ctx.db, id, ctx.clock.now())
}

const section = (html: string, testid: string) => {
  const start = html.indexOf(`data-testid="${testid}"`)
  if (start < 0) return null
  const end = html.indexOf('</section>', start)
  return html.slice(start, end)
}
const nos = (html: string | null) => [...(html ?? '').matchAll(/南海-\d{4}-\d{6}/g)].map((m) => m[0])
const homeOf = async (u: TestUser) => (await (await signedIn(ctx.app, u.username, u.password)).get('/')).text()
const badge = (html: string) => Number(/data-testid="badge-home">(\d+)</.exec(html)?.[1] ?? 0)

beforeAll(async () => {
  ctx = await createTestContext()
  world = await makeDistrict(ctx.db)
  const now = ctx.clock.now()
  users.officerA = await makeUser(ctx.db, world.townA, ['rights_officer'])
  users.officerB = await makeUser(ctx.db, world.townB, ['rights_officer'])
  users.mediatorA = await makeUser(ctx.db, world.townA, ['mediator'])
  users.adviserA = await makeUser(ctx.db, world.townA, ['legal_adviser'])
  users.managerA = await makeUser(ctx.db, world.townA, ['manager'])
  users.both = await makeUser(ctx.db, world.townA, ['mediator', 'manager'])
  users.informant = await makeUser(ctx.db, world.grassrootsA, ['informant'])
  const at = (days: number) => new Date(now.getTime() - days * DAY)

  // Triage: a registered application with a child worker in town A; one in town B.
  k.triageA = await makeCase(ctx, world.townA, users.officerA, {
    title: '童工欠薪', workers: [worker('小明', { under16: true })], applicationReceivedAt: at(1), reportedAt: at(1),
  })
  k.triageB = await makeCase(ctx, world.townB, users.officerB, { title: '乙镇欠薪' })
  // Mediation: one overdue (applied 30 days ago), one running; one in town B the town-A mediator cannot see.
  k.overdue = await makeCase(ctx, world.townA, users.officerA, { title: '超期调解', reportedAt: at(30), applicationReceivedAt: at(30) })
  k.running = await makeCase(ctx, world.townA, users.officerA, { title: '进行中调解', reportedAt: at(5), applicationReceivedAt: at(5) })
  k.otherTown = await makeCase(ctx, world.townB, users.officerB, { title: '乙镇调解', reportedAt: at(30), applicationReceivedAt: at(30) })
  for (const [c, holder] of [[k.overdue, world.townA], [k.running, world.townA], [k.otherTown, world.townB]] as const) {
    await move(c!.id, { status: 'in_progress', route: 'mediation', decided_at: at(1), assigned_mediator_id: users.mediatorA!.id, holder_unit_id: holder.id })
  }
  await move(k.running!.id, { assigned_mediator_id: users.both!.id })
  // An agreement in effect 5 days ago, assigned to the legal adviser: review and confirmation windows run.
  k.agreement = await makeCase(ctx, world.townA, users.officerA, { title: '协议履行', reportedAt: at(20), applicationReceivedAt: at(20) })
  await move(k.agreement.id, {
    status: 'performing', route: 'mediation', decided_at: at(19), assigned_legal_adviser_id: users.adviserA!.id, agreement_effective_on: beijingDate(at(5)),
  })
  // A referral of the running case to town B, waiting for its acknowledgment.
  await ctx.db.insertInto('case_legs').values({
    case_id: k.running.id, route: 'mediation', to_unit_id: world.townB.id, state: 'awaiting_ack', sent_at: at(1), sent_by: users.officerA!.id,
  }).execute()
  await refreshCaseClocks(ctx.db, k.running.id, now)
  for (const c of [k.triageA, k.triageB]) await refreshCaseClocks(ctx.db, c!.id, now)
})
afterAll(() => ctx.close())

describe('my work, per role', () => {
  test('rights officer: the triage queue with the suggested route and its reasons, only their town', async () => {
    const html = await homeOf(users.officerA!)
    const triage = section(html, 'home-triage')
    expect(nos(triage)).toContain(k.triageA!.caseNo)
    expect(nos(triage)).not.toContain(k.triageB!.caseNo)
    expect(nos(triage)).not.toContain(k.overdue!.caseNo)
    const words = text(triage!)
    expect(words).toContain('建议：劳动监察')
    expect(words).toContain('1 名劳动者未满 16 周岁（童工）')
    expect(words).toContain('受理决定期限')
    expect(nos(section(await homeOf(users.officerB!), 'home-triage'))).toEqual([k.triageB!.caseNo])
  })

  test('rights officer: referrals waiting for our acknowledgment, with their due date; not for the sender', async () => {
    const refs = section(await homeOf(users.officerB!), 'home-referrals')
    expect(nos(refs)).toEqual([k.running!.caseNo])
    expect(text(refs!)).toContain('签收期限')
    expect(text(refs!)).toContain('2026-11-23') // sent Thursday 11-19, two working days: Monday 11-23
    expect(nos(section(await homeOf(users.officerA!), 'home-referrals'))).toEqual([])
    expect(text(section(await homeOf(users.officerA!), 'home-referrals')!)).toContain('没有待签收的转办')
  })

  test('rights officer: my cases, overdue first then the nearest deadline', async () => {
    const mine = nos(section(await homeOf(users.officerA!), 'home-my-cases'))
    expect(mine.indexOf(k.overdue!.caseNo)).toBe(0)
    expect(mine).toContain(k.running!.caseNo)
    expect(mine).not.toContain(k.otherTown!.caseNo)
    expect(mine).not.toContain(k.triageA!.caseNo) // already in the triage queue
  })

  test('mediator: assigned cases with days-left badges, overdue first, nothing outside their town', async () => {
    const html = await homeOf(users.mediatorA!)
    const mine = section(html, 'home-mediator')
    expect(nos(mine)).toEqual([k.overdue!.caseNo])
    expect(text(mine!)).toMatch(/已超期 \d+ 天/)
    expect(section(html, 'home-triage')).toBeNull()
    expect(section(html, 'home-manager')).toBeNull()
  })

  test('a user with two roles sees both sections; the mediator list shows days left', async () => {
    const html = await homeOf(users.both!)
    expect(nos(section(html, 'home-mediator'))).toEqual([k.running!.caseNo])
    expect(text(section(html, 'home-mediator')!)).toMatch(/剩 \d+ 天/)
    expect(section(html, 'home-manager')).not.toBeNull()
  })

  test('legal adviser: assigned cases and the review/confirmation windows', async () => {
    const html = await homeOf(users.adviserA!)
    expect(nos(section(html, 'home-adviser'))).toEqual([k.agreement!.caseNo])
    const windows = text(section(html, 'home-windows')!)
    expect(windows).toContain('申请仲裁审查确认')
    expect(windows).toContain('申请司法确认')
    expect(nos(section(html, 'home-windows'))).toEqual([k.agreement!.caseNo, k.agreement!.caseNo])
  })

  test('manager: headline figures linking to the filtered list, and the overdue count', async () => {
    const html = await homeOf(users.managerA!)
    const fig = (id: string) => Number(new RegExp(`data-testid="figure-${id}"><strong>(\\d+)</strong>`).exec(html)?.[1])
    expect(fig('open')).toBe(4) // triageA, overdue, running, agreement
    expect(fig('overdue')).toBe(1)
    expect(fig('registered')).toBe(1)
    expect(fig('red-orange')).toBe(0)
    expect(html).toContain('href="/cases?status=open&amp;overdue=1"')
    expect(text(section(html, 'home-manager')!)).toContain('没有红色或橙色预警的在办案件')
  })

  test('informant: the report button and recent reports only', async () => {
    const html = await homeOf(users.informant!)
    expect(html).toContain('data-testid="report-button"')
    expect(section(html, 'home-triage')).toBeNull()
    expect(badge(html)).toBe(0)
  })
})

describe('the home badge', () => {
  test('a mediator: their open cases with a clock due within two working days or overdue', async () => {
    expect(badge(await homeOf(users.mediatorA!))).toBe(1)
  })

  test('a rights officer: referrals to acknowledge plus cases of their town with a clock due soon or overdue', async () => {
    const today = beijingDate(ctx.clock.now())
    const due = await ctx.db.selectFrom('cases').select(sql<string>`count(*)`.as('n'))
      .where('cases.org_unit_id', 'in', [world.townA.id, world.grassrootsA.id])
      .where('cases.status', 'not in', ['closed', 'declined'])
      .where(sql<boolean>`exists (select 1 from case_clocks cc where cc.case_id = cases.id and cc.kind <> 'referral_ack'
        and (cc.status in ('due_soon', 'overdue') or (cc.status = 'running' and cc.due_on < ${today}::date)))`)
      .executeTakeFirstOrThrow()
    const html = await homeOf(users.officerA!)
    expect(badge(html)).toBe(Number(due.n))
    expect(badge(html)).toBeGreaterThanOrEqual(1)
    // Town B: the referral from town A, and the town-B overdue case.
    expect(badge(await homeOf(users.officerB!))).toBe(2)
  })
})

describe('my work: the mediator’s sessions today and the legal adviser’s notes to write', () => {
  // A district of its own, so the figures and lists above are untouched.
  let w: District
  const p: Record<string, TestUser> = {}
  const c: Record<string, { id: number; caseNo: string }> = {}
  const session = (caseId: number, heldOn: string, nextOn: string | null, by: TestUser) =>
    ctx.db.insertInto('mediation_sessions').values({
      case_id: caseId, held_on: heldOn, mode: 'in_person', place: '桂城街道调解室', participants: '双方当事人', result: 'adjourned',
      next_session_on: nextOn, recorded_by: by.id, recorded_at: ctx.clock.now(),
    }).execute()

  beforeAll(async () => {
    w = await makeDistrict(ctx.db)
    p.officer = await makeUser(ctx.db, w.townA, ['rights_officer'])
    p.mediator = await makeUser(ctx.db, w.townA, ['mediator'])
    p.otherMediator = await makeUser(ctx.db, w.townA, ['mediator'])
    p.adviser = await makeUser(ctx.db, w.townA, ['legal_adviser'])
    p.otherAdviser = await makeUser(ctx.db, w.townA, ['legal_adviser'])
    const mediating = { status: 'in_progress', route: 'mediation', holder_unit_id: w.townA.id }
    for (const name of ['today', 'heldSince', 'tomorrow', 'othersToday', 'closedToday']) {
      c[name] = await makeCase(ctx, w.townA, p.officer!, { title: `调解-${name}` })
      await move(c[name]!.id, { ...mediating, assigned_mediator_id: (name === 'othersToday' ? p.otherMediator : p.mediator)!.id, ...(name === 'closedToday' ? { status: 'closed' } : {}) })
    }
    await session(c.today!.id, '2026-11-13', '2026-11-20', p.mediator!)
    // Planned for today, but the session was held this morning and set the next one.
    await session(c.heldSince!.id, '2026-11-13', '2026-11-20', p.mediator!)
    await session(c.heldSince!.id, '2026-11-20', '2026-11-27', p.mediator!)
    await session(c.tomorrow!.id, '2026-11-13', '2026-11-21', p.mediator!)
    await session(c.othersToday!.id, '2026-11-13', '2026-11-20', p.otherMediator!)
    await session(c.closedToday!.id, '2026-11-13', '2026-11-20', p.mediator!)

    const advising = { status: 'in_progress', route: 'legal_consultation' }
    for (const name of ['noNote', 'noteWritten', 'closedNoNote', 'othersNoNote']) {
      c[name] = await makeCase(ctx, w.townA, p.officer!, { title: `咨询-${name}` })
      await move(c[name]!.id, { ...advising, assigned_legal_adviser_id: (name === 'othersNoNote' ? p.otherAdviser : p.adviser)!.id, ...(name === 'closedNoNote' ? { status: 'closed' } : {}) })
    }
    await ctx.db.insertInto('consultation_notes').values({
      case_id: c.noteWritten!.id, author_id: p.adviser!.id, legal_basis: '依据', advice: '意见', visibility: 'internal', created_at: ctx.clock.now(),
    }).execute()
  })

  test('mediator: the sessions planned for today on their open cases, each linking to its case', async () => {
    const html = await homeOf(p.mediator!)
    const today = section(html, 'home-sessions')
    expect(nos(today)).toEqual([c.today!.caseNo])
    expect(today).toContain(`href="/cases/${c.today!.id}"`)
    expect(text(today!)).toContain('桂城街道调解室')
    expect(text(today!)).toContain('上次调解 2026-11-13')
  })

  test('mediator with nothing planned today: an empty state that says how a session gets here', async () => {
    const html = await homeOf(users.mediatorA!)
    expect(nos(section(html, 'home-sessions'))).toEqual([])
    expect(text(section(html, 'home-sessions')!)).toContain('今天没有安排调解')
  })

  test('legal adviser: open cases assigned to them with no note yet; writing one takes the case off the list', async () => {
    expect(nos(section(await homeOf(p.adviser!), 'home-awaiting-note'))).toEqual([c.noNote!.caseNo])
    const b = await signedIn(ctx.app, p.adviser!.username, p.adviser!.password)
    const { version } = await ctx.db.selectFrom('cases').select('version').where('id', '=', c.noNote!.id).executeTakeFirstOrThrow()
    const res = await b.post(`/cases/${c.noNote!.id}/consultation-notes`, { legal_basis: '《劳动合同法》第三十条', advice: '先调解', visibility: 'shared', version: String(version) })
    expect(res.status).toBe(303)
    const after = section(await b.get('/').then((r) => r.text()), 'home-awaiting-note')
    expect(nos(after)).toEqual([])
    expect(text(after!)).toContain('都已有咨询意见')
  })

  test('legal adviser: applying for judicial confirmation takes that window off the list; the review window is moot too', async () => {
    const b = await signedIn(ctx.app, users.adviserA!.username, users.adviserA!.password)
    expect(nos(section(await b.get('/').then((r) => r.text()), 'home-windows'))).toEqual([k.agreement!.caseNo, k.agreement!.caseNo])
    const { version } = await ctx.db.selectFrom('cases').select('version').where('id', '=', k.agreement!.id).executeTakeFirstOrThrow()
    const res = await b.post(`/cases/${k.agreement!.id}/court-linkages`, { kind: 'judicial_confirmation', court: '佛山市南海区人民法院', started_on: '2026-11-19', version: String(version) })
    expect(res.status).toBe(303)
    expect(nos(section(await b.get('/').then((r) => r.text()), 'home-windows'))).toEqual([])
  })
})
