import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { Browser, signedIn, text } from '../support/http.ts'
import { makeCase, worker } from '../support/case-fixtures.ts'
import { auditRows, lastAuditId, makeDistrict, makeUser, type District, type TestUser } from '../support/fixtures.ts'
import { createTestContext, type TestContext } from '../support/test-app.ts'

let ctx: TestContext
let world: District
let officer: TestUser
let manager: TestUser
let mediator: TestUser
let mediator2: TestUser
let adviser: TestUser
let informant: TestUser
let asOfficer: Browser
let asManager: Browser
let asMediator: Browser
let asAdviser: Browser

beforeAll(async () => {
  ctx = await createTestContext()
  world = await makeDistrict(ctx.db)
  officer = await makeUser(ctx.db, world.townA, ['rights_officer'])
  manager = await makeUser(ctx.db, world.townA, ['manager'])
  mediator = await makeUser(ctx.db, world.townA, ['mediator'], { displayName: '调解员甲' })
  mediator2 = await makeUser(ctx.db, world.townA, ['mediator'], { displayName: '调解员乙' })
  adviser = await makeUser(ctx.db, world.townA, ['legal_adviser'])
  informant = await makeUser(ctx.db, world.grassrootsA, ['informant'])
  asOfficer = await signedIn(ctx.app, officer.username, officer.password)
  asManager = await signedIn(ctx.app, manager.username, manager.password)
  asMediator = await signedIn(ctx.app, mediator.username, mediator.password)
  asAdviser = await signedIn(ctx.app, adviser.username, adviser.password)
})
afterAll(() => ctx.close())

const kase = (id: number) => ctx.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
const events = (id: number, kind: string) => ctx.db.selectFrom('case_events').selectAll().where('case_id', '=', id).where('kind', '=', kind).execute()
const clock = (id: number, kind: string) => ctx.db.selectFrom('case_clocks').selectAll().where('case_id', '=', id).where('kind', '=', kind).executeTakeFirst()
const registered = async (more = {}) => (await makeCase(ctx, world.townA, officer, more)).id
const v = async (id: number) => String((await kase(id)).version)
/** The agreement form (mediation/agreement.check.ts) for a case without claims: terms only, nothing to pay. */
const agreement = (effective: string) => ({ terms: '双方同意恢复劳动关系。', performance_method: '当面履行', signed_on: '2026-11-18', effective_date: effective })

async function accepted(route = 'mediation') {
  const id = await registered()
  const res = await asOfficer.post(`/cases/${id}/acceptance`, { version: await v(id), route })
  expect(res.status).toBe(303)
  return id
}

describe('the panel', () => {
  test('shows only what this user may do now, each opening its form in place', async () => {
    const id = await registered()
    const html = await (await asOfficer.get(`/cases/${id}`)).text()
    expect(html).toContain('data-testid="action-panel"')
    expect(html).toContain('data-testid="action-accept_and_route"')
    expect(html).toContain('data-testid="action-decline"')
    expect(html).not.toContain('data-testid="action-close"')
    expect(html).toContain(`hx-get="/cases/${id}/acceptance"`)
    const mediatorPage = await (await asMediator.get(`/cases/${id}`)).text()
    expect(mediatorPage).not.toContain('data-testid="action-accept_and_route"')
  })

  test('the inline form is a fragment for htmx and a full page without it', async () => {
    const id = await registered()
    const frag = await asOfficer.request(`/cases/${id}/acceptance`, { method: 'GET', hx: true, headers: { 'HX-Target': 'action-panel' } })
    const body = await frag.text()
    expect(frag.status).toBe(200)
    expect(body).not.toContain('<html')
    expect(body).toContain('id="action-panel"')
    expect(body).toContain('name="version"')
    expect(body).toContain('data-testid="route-suggestion"')
    expect(text(body)).toContain('默认调解')
    const full = await (await asOfficer.get(`/cases/${id}/acceptance`)).text()
    expect(full).toContain('<html')
    expect(full).toContain('data-testid="action-form"')
  })
})

describe('acceptance and decline', () => {
  test('accepting on the suggested route needs no reason; it sets decided_at, an event, an audit row, and meets the acceptance clock', async () => {
    const id = await registered()
    expect((await clock(id, 'acceptance'))!.status).not.toBe('met')
    const since = await lastAuditId(ctx.db)
    const before = await kase(id)
    const res = await asOfficer.post(`/cases/${id}/acceptance`, { version: String(before.version), route: 'mediation' })
    expect(res.status).toBe(303)
    expect(res.headers.get('Location')).toBe(`/cases/${id}`)
    const after = await kase(id)
    expect(after).toMatchObject({ status: 'in_progress', route: 'mediation', version: before.version + 1, last_actor_id: officer.id, suggested_route: 'mediation' })
    expect(after.decided_at).not.toBeNull()
    const [e] = await events(id, 'action.accept_and_route')
    expect(e!.payload).toMatchObject({ before: 'registered', after: 'in_progress', route_after: 'mediation' })
    expect(await auditRows(ctx.db, 'case.accept_and_route', since)).toHaveLength(1)
    expect((await clock(id, 'acceptance'))!.status).toBe('met')
  })

  test('overriding the suggestion without a reason is a 422 with the message beside the field and the input kept', async () => {
    const id = await registered()
    const res = await asOfficer.post(`/cases/${id}/acceptance`, { version: await v(id), route: 'legal_consultation' }, { hx: true })
    expect(res.status).toBe(422)
    expect(res.headers.get('HX-Retarget')).toBe('#action-panel')
    const html = await res.text()
    expect(html).toContain('所选路径与系统建议不同')
    expect(html).toMatch(/<option value="legal_consultation" selected>/)
    expect((await kase(id)).status).toBe('registered')
    const ok = await asOfficer.post(`/cases/${id}/acceptance`, { version: await v(id), route: 'legal_consultation', reason: '当事人只要咨询' })
    expect(ok.status).toBe(303)
    expect((await events(id, 'action.accept_and_route'))[0]!.payload).toMatchObject({ reason: '当事人只要咨询' })
  })

  test('a role that may never accept is refused with 403; an informant cannot even see the case', async () => {
    const id = await registered()
    expect((await asMediator.post(`/cases/${id}/acceptance`, { version: await v(id), route: 'mediation' })).status).toBe(403)
    expect((await asAdviser.post(`/cases/${id}/acceptance`, { version: await v(id), route: 'mediation' })).status).toBe(403)
    const asInformant = await signedIn(ctx.app, informant.username, informant.password)
    expect((await asInformant.post(`/cases/${id}/acceptance`, { version: await v(id), route: 'mediation' })).status).toBe(403)
    expect((await kase(id)).status).toBe('registered')
  })

  test('a stale form gets 409 naming who changed the case, with the input kept', async () => {
    const id = await registered()
    const version = await v(id)
    expect((await asManager.post(`/cases/${id}/acceptance`, { version, route: 'mediation' })).status).toBe(303)
    const res = await asOfficer.post(`/cases/${id}/decline`, { version, decline_reason: 'other', note: '我写的说明' }, { hx: true })
    expect(res.status).toBe(409)
    const html = await res.text()
    expect(html).toContain('data-testid="conflict"')
    expect(text(html)).toContain(`测试${manager.username}`)
    expect(text(html)).toContain('最新的更改：受理并分流；已登记 → 处理中；处理方式：调解')
    expect(html).toContain('我写的说明')
    expect((await kase(id)).status).toBe('in_progress')
  })

  test('an old version on a case in the right status is still a 409, and nothing changes', async () => {
    const id = await registered()
    const res = await asOfficer.post(`/cases/${id}/decline`, { version: '0', decline_reason: 'duplicate' })
    expect(res.status).toBe(409)
    expect((await kase(id)).status).toBe('registered')
  })

  test('decline needs a reason (and a note for "other"); the arbitration route is then shown', async () => {
    const id = await registered()
    expect((await asOfficer.post(`/cases/${id}/decline`, { version: await v(id) })).status).toBe(422)
    const other = await asOfficer.post(`/cases/${id}/decline`, { version: await v(id), decline_reason: 'other' })
    expect(other.status).toBe(422)
    expect(await other.text()).toContain('原因为“其他”时请写明说明')
    expect((await asOfficer.post(`/cases/${id}/decline`, { version: await v(id), decline_reason: 'bogus' })).status).toBe(422)
    expect((await asOfficer.post(`/cases/${id}/decline`, { version: await v(id), decline_reason: 'respondent_refused_mediation' })).status).toBe(303)
    const k = await kase(id)
    expect(k).toMatchObject({ status: 'declined', decline_reason: 'respondent_refused_mediation', route: null })
    expect(k.decided_at).not.toBeNull()
    const page = await (await asOfficer.get(`/cases/${id}`)).text()
    expect(page).toContain('data-testid="arbitration-open"')
    expect(page).toContain('data-testid="declined-notice"')
    expect(page).toContain('data-testid="action-reopen_declined"')
  })

  test('reconsidering a declined case needs a reason and brings it back to triage', async () => {
    const id = await registered()
    await asOfficer.post(`/cases/${id}/decline`, { version: await v(id), decline_reason: 'duplicate' })
    expect((await asManager.post(`/cases/${id}/reconsideration`, { version: await v(id) })).status).toBe(422)
    expect((await asManager.post(`/cases/${id}/reconsideration`, { version: await v(id), reason: '并非重复' })).status).toBe(303)
    expect(await kase(id)).toMatchObject({ status: 'registered', decided_at: null, decline_reason: null })
  })
})

describe('consent, agreement, closure, reopening', () => {
  test('the respondent’s consent or refusal is recorded', async () => {
    const id = await registered()
    expect((await asOfficer.post(`/cases/${id}/consent`, { version: await v(id), consent: 'maybe' })).status).toBe(422)
    expect((await asOfficer.post(`/cases/${id}/consent`, { version: await v(id), consent: 'refused' })).status).toBe(303)
    const k = await kase(id)
    expect(k.respondent_consent).toBe('refused')
    expect(k.consent_at).not.toBeNull()
    // The refusal now points the suggestion at arbitration.
    const form = await (await asOfficer.get(`/cases/${id}/acceptance`)).text()
    expect(text(form)).toContain('被申请人拒绝调解')
  })

  test('agreement in effect moves to performing; the assigned mediator may close after performance', async () => {
    const id = await accepted()
    expect((await asOfficer.post(`/cases/${id}/agreements`, { ...agreement('2027-01-01'), version: await v(id) })).status).toBe(422)
    expect((await asOfficer.post(`/cases/${id}/agreements`, { ...agreement('2026-11-19'), version: await v(id) })).status).toBe(303)
    expect(await kase(id)).toMatchObject({ status: 'performing', agreement_effective_on: '2026-11-19' })
    // not assigned yet: the mediator may not close
    expect((await asMediator.post(`/cases/${id}/closure`, { version: await v(id), closure_reason: 'agreement_performed' })).status).toBe(403)
    expect((await asOfficer.post(`/cases/${id}/mediator`, { version: await v(id), mediator_id: String(mediator.id) })).status).toBe(303)
    expect((await asMediator.post(`/cases/${id}/closure`, { version: await v(id), closure_reason: 'referred_out' })).status).toBe(422)
    expect((await asMediator.post(`/cases/${id}/closure`, { version: await v(id), closure_reason: 'agreement_performed', resolution_level: 'town', recovered: '0' })).status).toBe(303)
    const k = await kase(id)
    expect(k).toMatchObject({ status: 'closed', closure_reason: 'agreement_performed' })
    expect(k.closed_at).not.toBeNull()
  })

  test('closing a closed case is a 409; only a manager reopens, with a route and a reason', async () => {
    const id = await accepted()
    await asOfficer.post(`/cases/${id}/closure`, { version: await v(id), closure_reason: 'withdrawn', resolution_level: 'town', recovered: '0' })
    const again = await asOfficer.post(`/cases/${id}/closure`, { version: await v(id), closure_reason: 'withdrawn', resolution_level: 'town', recovered: '0' })
    expect(again.status).toBe(409)
    expect(await again.text()).toContain('data-testid="conflict"')
    expect((await asOfficer.post(`/cases/${id}/reopening`, { version: await v(id), route: 'mediation', reason: 'x' })).status).toBe(403)
    expect((await asManager.post(`/cases/${id}/reopening`, { version: await v(id), route: 'mediation' })).status).toBe(422)
    expect((await asManager.post(`/cases/${id}/reopening`, { version: await v(id), route: 'mediation', reason: '当事人反悔' })).status).toBe(303)
    expect(await kase(id)).toMatchObject({ status: 'in_progress', closed_at: null, closure_reason: null })
  })

  test('change of route needs a reason and a different route; non-performance goes to court linkage', async () => {
    const id = await accepted()
    expect((await asOfficer.post(`/cases/${id}/route`, { version: await v(id), route: 'mediation', reason: 'x' })).status).toBe(422)
    expect((await asOfficer.post(`/cases/${id}/route`, { version: await v(id), route: 'court_linkage' })).status).toBe(422)
    expect((await asOfficer.post(`/cases/${id}/route`, { version: await v(id), route: 'court_linkage', reason: '申请司法确认' })).status).toBe(303)
    expect((await asOfficer.post(`/cases/${id}/agreements`, { ...agreement('2026-11-20'), version: await v(id) })).status).toBe(303)
    expect((await asOfficer.post(`/cases/${id}/court-linkage`, { version: await v(id) })).status).toBe(422)
    expect((await asManager.post(`/cases/${id}/court-linkage`, { version: await v(id), reason: '逾期未付' })).status).toBe(303)
    expect(await kase(id)).toMatchObject({ status: 'in_progress', route: 'court_linkage' })
  })

  test('refer out records the outside body and the sender later records its reference and outcome', async () => {
    const id = await accepted()
    expect((await asOfficer.post(`/cases/${id}/outward-referral`, { version: await v(id), referral_target: 'arbitration' })).status).toBe(422)
    expect((await asOfficer.post(`/cases/${id}/outward-referral`, { version: await v(id), referral_target: 'arbitration', reason: '调解不成', outside_body: '南海区仲裁委' })).status).toBe(303)
    expect(await kase(id)).toMatchObject({ status: 'referred_out', route: 'arbitration' })
    const leg = await ctx.db.selectFrom('case_legs').selectAll().where('case_id', '=', id).executeTakeFirstOrThrow()
    expect(leg).toMatchObject({ route: 'arbitration', outside_body: '南海区仲裁委', state: 'active', to_unit_id: null })
    const page = await (await asOfficer.get(`/cases/${id}`)).text()
    expect(page).toContain(`data-testid="leg-record-${leg.id}"`)
    const path = `/cases/${id}/legs/${leg.id}/outside-record`
    expect((await asOfficer.post(path, { version: await v(id) })).status).toBe(422)
    expect((await asOfficer.post(path, { version: await v(id), outside_received_on: '2026-13-01' })).status).toBe(422)
    expect((await asMediator.post(path, { version: await v(id), outside_ref: 'X' })).status).toBe(403)
    expect((await asOfficer.post(path, { version: await v(id), outside_ref: '南劳人仲案字〔2026〕88号', outside_received_on: '2026-11-20', outside_outcome: '已立案' })).status).toBe(303)
    expect(await ctx.db.selectFrom('case_legs').selectAll().where('id', '=', leg.id).executeTakeFirstOrThrow()).toMatchObject({ outside_ref: '南劳人仲案字〔2026〕88号', outside_received_on: '2026-11-20' })
    expect(await events(id, 'record.outside_record')).toHaveLength(1)
  })
})

describe('assignment', () => {
  test('suggests the mediator with the fewest open cases; reassignment needs a reason', async () => {
    const busy = await registered()
    await asOfficer.post(`/cases/${busy}/mediator`, { version: await v(busy), mediator_id: String(mediator.id) })
    const id = await registered()
    const form = await (await asOfficer.get(`/cases/${id}/mediator`)).text()
    expect(form).toMatch(new RegExp(`<option value="${mediator2.id}"[^>]*>调解员乙（在办 0 件，建议）`))
    expect((await asOfficer.post(`/cases/${id}/mediator`, { version: await v(id), mediator_id: String(adviser.id) })).status).toBe(422)
    expect((await asOfficer.post(`/cases/${id}/mediator`, { version: await v(id), mediator_id: String(mediator2.id) })).status).toBe(303)
    expect((await asOfficer.post(`/cases/${id}/mediator`, { version: await v(id), mediator_id: String(mediator2.id) })).status).toBe(422)
    const noReason = await asOfficer.post(`/cases/${id}/mediator`, { version: await v(id), mediator_id: String(mediator.id) })
    expect(noReason.status).toBe(422)
    expect(await noReason.text()).toContain('更换已指派人员')
    expect((await asManager.post(`/cases/${id}/mediator`, { version: await v(id), mediator_id: String(mediator.id), reason: '乙休假' })).status).toBe(303)
    expect((await kase(id)).assigned_mediator_id).toBe(mediator.id)
    expect((await asMediator.post(`/cases/${id}/mediator`, { version: await v(id), mediator_id: String(mediator2.id), reason: 'x' })).status).toBe(403)
  })

  test('a legal adviser is assigned from the unit’s advisers', async () => {
    const id = await registered()
    expect((await asOfficer.post(`/cases/${id}/legal-adviser`, { version: await v(id), legal_adviser_id: String(adviser.id) })).status).toBe(303)
    expect((await kase(id)).assigned_legal_adviser_id).toBe(adviser.id)
  })
})

describe('extensions and limitation events', () => {
  test('an extension needs both parties’ consent dates; then the mediation clock moves', async () => {
    const id = await accepted()
    const due = (await clock(id, 'mediation'))!.due_on
    const one = await asOfficer.post(`/cases/${id}/extensions`, { version: await v(id), worker_consent_on: '2026-11-20', new_due_on: '2026-12-20' })
    expect(one.status).toBe(422)
    expect(await one.text()).toContain('延长调解期限须双方同意')
    expect((await asOfficer.post(`/cases/${id}/extensions`, { version: await v(id), worker_consent_on: '2026-11-20', respondent_consent_on: '2026-11-20', new_due_on: '2026-12-21' })).status).toBe(303)
    const after = (await clock(id, 'mediation'))!.due_on
    expect(after).not.toBe(due)
    expect(after).toBe('2026-12-21')
    expect((await asAdviser.post(`/cases/${id}/extensions`, { version: await v(id) })).status).toBe(403)
  })

  test('a limitation event per worker: a suspension needs its end and a reason', async () => {
    const id = (await makeCase(ctx, world.townA, officer, { workers: [worker('王芳', { leaveDate: '2026-01-10' })] })).id
    const w = await ctx.db.selectFrom('workers').select('id').where('case_id', '=', id).executeTakeFirstOrThrow()
    const base = { version: await v(id), worker_id: String(w.id), kind: 'suspension', from_on: '2026-03-01' }
    const bad = await asOfficer.post(`/cases/${id}/limitation-events`, base)
    expect(bad.status).toBe(422)
    expect((await asOfficer.post(`/cases/${id}/limitation-events`, { ...base, worker_id: '999999', to_on: '2026-04-01', reason: 'x' })).status).toBe(422)
    expect((await asOfficer.post(`/cases/${id}/limitation-events`, { ...base, to_on: '2026-04-01', reason: '不可抗力' })).status).toBe(303)
    expect(await ctx.db.selectFrom('limitation_events').selectAll().where('worker_id', '=', w.id).execute()).toHaveLength(1)
    const ev = (await events(id, 'record.limitation_event'))[0]!
    expect(JSON.stringify(ev.payload)).not.toContain('王芳')
  })
})

describe('addresses', () => {
  test('an unknown or out-of-scope case is a 404, never a 403 or 500', async () => {
    expect((await asOfficer.post('/cases/999999/acceptance', { version: '1', route: 'mediation' })).status).toBe(404)
    const other = (await makeCase(ctx, world.townB, await makeUser(ctx.db, world.townB, ['rights_officer']))).id
    expect((await asOfficer.post(`/cases/${other}/acceptance`, { version: '1', route: 'mediation' })).status).toBe(404)
    expect((await asOfficer.get(`/cases/${other}/acceptance`)).status).toBe(404)
  })
})
