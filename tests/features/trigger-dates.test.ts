import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { makeCase, worker } from '../support/case-fixtures.ts'
import { auditRows, lastAuditId, makeDistrict, makeUser, type District, type TestUser } from '../support/fixtures.ts'
import { signedIn, text, type Browser } from '../support/http.ts'
import { createTestContext, type TestContext } from '../support/test-app.ts'

let ctx: TestContext
let world: District
let officer: TestUser
let b: Browser
beforeAll(async () => {
  ctx = await createTestContext()
  world = await makeDistrict(ctx.db)
  officer = await makeUser(ctx.db, world.townA, ['rights_officer'])
  b = await signedIn(ctx.app, officer.username, officer.password)
})
afterAll(() => ctx.close())

const clock = async (caseId: number, kind: string) =>
  ctx.db.selectFrom('case_clocks').select(['due_on', 'status']).where('case_id', '=', caseId).where('kind', '=', kind).executeTakeFirst()

describe('correcting the start dates', () => {
  test('a corrected application time and leaving date recompute every clock, with the change on the timeline and in the audit log', async () => {
    const at = new Date('2026-11-19T01:00:00Z')
    const { id } = await makeCase(ctx, world.townA, officer, { reportedAt: at, applicationReceivedAt: at, disputeTypes: ['wages'], workers: [worker('周敏')] })
    expect(await clock(id, 'mediation')).toEqual({ due_on: '2026-12-04', status: 'running' })
    const w = await ctx.db.selectFrom('workers').select('id').where('case_id', '=', id).executeTakeFirstOrThrow()
    const since = await lastAuditId(ctx.db)
    const res = await b.post(`/cases/${id}/trigger-dates`, {
      version: '1', application_received_at: '2026-11-12T09:00', [`w${w.id}.leave_date`]: '2026-01-31', [`w${w.id}.knew_date`]: '', reason: '申请书落款日期登记错了',
    })
    expect(res.status).toBe(303)
    // 15 days from 11-12: 11-27, a Friday.
    expect(await clock(id, 'mediation')).toEqual({ due_on: '2026-11-27', status: 'running' })
    // Wages after leaving 2026-01-31: one year later, 2027-01-31, needs 2027's calendar.
    expect(await clock(id, 'limitation')).toEqual({ due_on: null, status: 'calendar_missing' })
    expect(text(await (await b.get(`/cases/${id}`)).text())).toContain('更正起算日期；理由：申请书落款日期登记错了')
    expect(await auditRows(ctx.db, 'case.trigger_dates', since)).toHaveLength(1)
  })

  test('a reason is required, a stale form gets 409, and a mediator may not', async () => {
    const { id } = await makeCase(ctx, world.townA, officer)
    const missing = await b.post(`/cases/${id}/trigger-dates`, { version: '1', application_received_at: '2026-11-19T09:00', reason: '' })
    expect(missing.status).toBe(422)
    expect(text(await missing.text())).toContain('此项必填')
    const stale = await b.post(`/cases/${id}/trigger-dates`, { version: '7', application_received_at: '2026-11-19T09:00', reason: '核对' })
    expect(stale.status).toBe(409)
    const mediator = await makeUser(ctx.db, world.townA, ['mediator'])
    const m = await signedIn(ctx.app, mediator.username, mediator.password)
    expect((await m.post(`/cases/${id}/trigger-dates`, { version: '1', reason: 'x' })).status).toBe(403)
    const outsider = await makeUser(ctx.db, world.townB, ['rights_officer'])
    const o = await signedIn(ctx.app, outsider.username, outsider.password)
    expect((await o.get(`/cases/${id}/trigger-dates`)).status).toBe(404)
  })
})
