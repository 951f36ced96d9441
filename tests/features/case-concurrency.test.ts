import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { Browser, signedIn } from '../support/http.ts'
import { makeCase } from '../support/case-fixtures.ts'
import { makeDistrict, makeUser, type District, type TestUser } from '../support/fixtures.ts'
import { createTestContext, type TestContext } from '../support/test-app.ts'

let ctx: TestContext
let world: District
let officer: TestUser
let asOfficer: Browser

beforeAll(async () => {
  ctx = await createTestContext()
  world = await makeDistrict(ctx.db)
  officer = await makeUser(ctx.db, world.townA, ['rights_officer'])
  asOfficer = await signedIn(ctx.app, officer.username, officer.password)
})
afterAll(() => ctx.close())

const kase = (id: number) => ctx.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
const actionEvents = (id: number) => ctx.db.selectFrom('case_events').selectAll().where('case_id', '=', id).where('kind', 'like', 'action.%').orderBy('id').execute()

describe('optimistic concurrency (reliability D1)', () => {
  test.skipIf(!process.env.DATABASE_URL)('20 parallel conflicting actions: exactly one applies, and the events agree with the case row', async () => {
    const id = (await makeCase(ctx, world.townA, officer)).id
    const version = String((await kase(id)).version)
    const forms = Array.from({ length: 20 }, (_, i) => i % 2 === 0
      ? asOfficer.post(`/cases/${id}/acceptance`, { version, route: 'mediation' })
      : asOfficer.post(`/cases/${id}/decline`, { version, decline_reason: 'duplicate' }))
    const statuses = (await Promise.all(forms)).map((r) => r.status)
    expect(statuses.filter((s) => s === 303)).toHaveLength(1)
    expect(statuses.filter((s) => s === 409)).toHaveLength(19)
    const k = await kase(id)
    const events = await actionEvents(id)
    expect(events).toHaveLength(1)
    expect(events[0]!.payload).toMatchObject({ before: 'registered', after: k.status, route_after: k.route, version: k.version })
    expect(k.version).toBe(Number(version) + 1)
  }, 60_000)

  test('sequentially, the second of two forms drawn at the same version gets 409 and the first one’s values stay', async () => {
    const id = (await makeCase(ctx, world.townA, officer)).id
    const version = String((await kase(id)).version)
    expect((await asOfficer.post(`/cases/${id}/consent`, { version, consent: 'consented' })).status).toBe(303)
    const second = await asOfficer.post(`/cases/${id}/consent`, { version, consent: 'refused' })
    expect(second.status).toBe(409)
    expect((await kase(id)).respondent_consent).toBe('consented')
  })
})

describe('atomicity (reliability D2)', () => {
  test('a failure part-way (the audit insert) leaves no case change, no event, no leg and no clock change', async () => {
    const id = (await makeCase(ctx, world.townA, officer)).id
    const before = await kase(id)
    const clocksBefore = await ctx.db.selectFrom('case_clocks').selectAll().where('case_id', '=', id).orderBy('kind').orderBy('subject').execute()
    const eventsBefore = await ctx.db.selectFrom('case_events').select('id').where('case_id', '=', id).execute()
    // Test-only: make the audit row of this one action fail, as a full disk or a bug would.
    await sql`create or replace function fq_test_fail_audit() returns trigger language plpgsql as $$
      begin if new.event = 'case.accept_and_route' then raise exception 'test: audit insert fails'; end if; return new; end $$`.execute(ctx.db)
    await sql`create trigger fq_test_fail_audit before insert on audit_log for each row execute function fq_test_fail_audit()`.execute(ctx.db)
    try {
      const res = await asOfficer.post(`/cases/${id}/acceptance`, { version: String(before.version), route: 'mediation' })
      expect(res.status).toBe(500)
      expect(await res.text()).not.toMatch(/test: audit insert fails|SQLSTATE/)
    } finally {
      await sql`drop trigger fq_test_fail_audit on audit_log`.execute(ctx.db)
    }
    expect(await kase(id)).toEqual(before)
    expect(await ctx.db.selectFrom('case_events').select('id').where('case_id', '=', id).execute()).toEqual(eventsBefore)
    expect(await ctx.db.selectFrom('case_clocks').selectAll().where('case_id', '=', id).orderBy('kind').orderBy('subject').execute()).toEqual(clocksBefore)
    // …and the same action succeeds once the fault is gone.
    expect((await asOfficer.post(`/cases/${id}/acceptance`, { version: String(before.version), route: 'mediation' })).status).toBe(303)
  })
})
