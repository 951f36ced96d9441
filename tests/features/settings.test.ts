import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { makeCase } from '../support/case-fixtures.ts'
import { auditRows, lastAuditId, makeDistrict, makeUser } from '../support/fixtures.ts'
import { signedIn, text } from '../support/http.ts'
import { createTestContext, type TestContext } from '../support/test-app.ts'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx.close())

describe('the referral acknowledgment deadline', () => {
  test('an admin sets it (1–30 working days, audited), and the next referral uses it', async () => {
    const world = await makeDistrict(ctx.db)
    const admin = await makeUser(ctx.db, world.district, ['admin'])
    const a = await signedIn(ctx.app, admin.username, admin.password)
    expect(await (await a.get('/admin/settings')).text()).toContain('value="2"')
    for (const bad of ['0', '31', 'two', '']) {
      const res = await a.post('/admin/settings', { ack_days: bad })
      expect(res.status).toBe(422)
      expect(text(await res.text())).toContain('1 到 30')
    }
    const since = await lastAuditId(ctx.db)
    expect((await a.post('/admin/settings', { ack_days: '5' })).status).toBe(303)
    expect((await auditRows(ctx.db, 'admin.settings.update', since))[0]!.details).toEqual({ before: 2, after: 5 })

    const officer = await makeUser(ctx.db, world.townA, ['rights_officer'])
    const b = await signedIn(ctx.app, officer.username, officer.password)
    const { id } = await makeCase(ctx, world.townA, officer)
    expect((await b.post(`/cases/${id}/acceptance`, { route: 'mediation', version: '1' })).status).toBe(303)
    expect((await b.post(`/cases/${id}/referral`, { to_unit_id: String(world.townB.id), reason: '', version: '2' })).status).toBe(303)
    const leg = await ctx.db.selectFrom('case_legs').select('ack_working_days').where('case_id', '=', id).executeTakeFirstOrThrow()
    expect(leg.ack_working_days).toBe(5)
    const m = await makeUser(ctx.db, world.district, ['manager'])
    expect((await (await signedIn(ctx.app, m.username, m.password)).get('/admin/settings')).status).toBe(403)
  })
})
