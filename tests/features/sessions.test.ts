import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { makeCase } from '../support/case-fixtures.ts'
import { auditRows, lastAuditId } from '../support/fixtures.ts'
import { text } from '../support/http.ts'
import { createTestContext, type TestContext } from '../support/test-app.ts'
import { agreementForm, eventsOf, fieldError, makePeople, mediating, performing, version, type People } from './mediation.support.ts'

let ctx: TestContext
let p: People
beforeAll(async () => {
  ctx = await createTestContext()
  p = await makePeople(ctx)
})
afterAll(() => ctx.close())

const sessionsOf = (caseId: number) => ctx.db.selectFrom('mediation_sessions').selectAll().where('case_id', '=', caseId).orderBy('id').execute()
const session = (more: Record<string, string> = {}) => ({
  held_on: '2026-11-18', mode: 'in_person', place: '桂城街道调解室', participants: '申请人张伟；被申请人代理人李某；调解员甲', result: 'adjourned',
  summary: '被申请人同意核对工资表后再谈。', next_session_on: '2026-11-25', ...more,
})

describe('recording a session', () => {
  test('the assigned mediator logs it from the case page; the timeline says how and with what result, the section shows the next session', async () => {
    const id = await mediating(ctx, p)
    const panel = await (await p.asMediator.get(`/cases/${id}`)).text()
    expect(panel).toContain('data-testid="action-session"')
    const form = await (await p.asMediator.get(`/cases/${id}/sessions`, { hx: true })).text()
    expect(form).toContain('name="participants"')
    expect(text(form)).toContain('视频调解')
    const since = await lastAuditId(ctx.db)
    const res = await p.asMediator.post(`/cases/${id}/sessions`, { version: await version(ctx, id), ...session() })
    expect(res.status).toBe(303)
    expect(await sessionsOf(id)).toMatchObject([{
      held_on: '2026-11-18', mode: 'in_person', place: '桂城街道调解室', result: 'adjourned', next_session_on: '2026-11-25', recorded_by: p.mediator.id,
    }])
    const [e] = await eventsOf(ctx, id, 'record.session')
    expect(e!.payload).toMatchObject({ mode: 'in_person', result: 'adjourned', next_session_on: '2026-11-25' })
    // Who came stays on the session, not in the event log.
    expect(JSON.stringify(e!.payload)).not.toContain('张伟')
    expect(await auditRows(ctx.db, 'case.session', since)).toHaveLength(1)

    await p.asMediator.post(`/cases/${id}/sessions`, { version: await version(ctx, id), ...session({ held_on: '2026-11-20', mode: 'video', result: 'no_agreement', next_session_on: '' }) })
    const html = await (await p.asMediator.get(`/cases/${id}`)).text()
    const page = text(html)
    expect(page).toContain('记录调解；现场调解；改期再调；下次调解：2026-11-25')
    expect(page).toContain('记录调解；视频调解；未达成协议')
    expect(html).toContain('data-testid="next-session"')
    expect(page).toContain('下次调解：2026-11-25')
    // newest first
    const section = html.slice(html.indexOf('data-testid="sessions"'))
    expect(section.indexOf('2026-11-20')).toBeLessThan(section.indexOf('2026-11-18'))
    expect(section).toContain('data-testid="session-next"')
  })

  test('a session is offered on the agreement form and kept on the agreement', async () => {
    const id = await mediating(ctx, p)
    await p.asMediator.post(`/cases/${id}/sessions`, { version: await version(ctx, id), ...session({ result: 'agreement', next_session_on: '' }) })
    const [s] = await sessionsOf(id)
    expect((await p.asMediator.post(`/cases/${id}/agreements`, await agreementForm(ctx, id, { session_id: String(s!.id) }))).status).toBe(303)
    expect((await ctx.db.selectFrom('agreements').select('session_id').where('case_id', '=', id).executeTakeFirstOrThrow()).session_id).toBe(s!.id)
    expect(text(await (await p.asMediator.get(`/cases/${id}`)).text())).toContain('调解日期 2026-11-18')
  })

  test('the rights officer may record one too; on a court-linkage leg as well', async () => {
    const id = await mediating(ctx, p, {}, 'court_linkage')
    expect((await p.asOfficer.post(`/cases/${id}/sessions`, { version: await version(ctx, id), ...session() })).status).toBe(303)
    expect(await sessionsOf(id)).toHaveLength(1)
  })
})

describe('bad input: 422 beside the field, values kept, nothing written', () => {
  test.each([
    ['held_on', '此项必填。', { held_on: '' }],
    ['held_on', '日期不能晚于今天。', { held_on: '2026-11-21' }],
    ['held_on', '此项的值无效。', { held_on: '2026-02-30' }],
    ['mode', '此项的值无效。', { mode: 'carrier_pigeon' }],
    ['mode', '此项必填。', { mode: '' }],
    ['result', '此项的值无效。', { result: 'maybe' }],
    ['participants', '此项必填。', { participants: '   ' }],
    ['participants', '内容过长。', { participants: '人'.repeat(2001) }],
    ['place', '内容过长。', { place: '地'.repeat(201) }],
    ['summary', '内容过长。', { summary: '摘'.repeat(2001) }],
    ['summary', '内容过长。', { summary: '摘'.repeat(5000) }],
    ['next_session_on', '下次调解日期须晚于本次调解日期。', { next_session_on: '2026-11-18' }],
    ['next_session_on', '此项的值无效。', { next_session_on: 'soon' }],
  ] as [string, string, Record<string, string>][])('%s: %s', async (field, message, bad) => {
    const id = await mediating(ctx, p)
    const res = await p.asMediator.post(`/cases/${id}/sessions`, { version: await version(ctx, id), ...session(bad) }, { hx: true })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(fieldError(html, field)).toBe(message)
    // what was typed is kept
    expect(html).toContain('place' in bad ? '被申请人同意核对工资表后再谈。' : '桂城街道调解室')
    expect(await sessionsOf(id)).toEqual([])
  })
})

describe('who may, and when', () => {
  test('a mediator not assigned, a legal adviser and a manager are refused with 403', async () => {
    const id = await mediating(ctx, p)
    for (const b of [p.asOtherMediator, p.asAdviser, p.asManager]) {
      expect((await b.post(`/cases/${id}/sessions`, { version: await version(ctx, id), ...session() })).status).toBe(403)
    }
    expect(await sessionsOf(id)).toEqual([])
  })

  test('a case not yet accepted, on the consultation route, or performing is a 409', async () => {
    const { id: registered } = await makeCase(ctx, p.world.townA, p.officer)
    expect((await p.asOfficer.post(`/cases/${registered}/sessions`, { version: await version(ctx, registered), ...session() })).status).toBe(409)
    const advice = await mediating(ctx, p, {}, 'legal_consultation')
    expect((await p.asOfficer.post(`/cases/${advice}/sessions`, { version: await version(ctx, advice), ...session() })).status).toBe(409)
    const done = await performing(ctx, p)
    const res = await p.asMediator.post(`/cases/${done}/sessions`, { version: await version(ctx, done), ...session() })
    expect(res.status).toBe(409)
    expect(await res.text()).toContain('data-testid="conflict"')
    for (const id of [registered, advice, done]) expect(await sessionsOf(id)).toEqual([])
  })
})
