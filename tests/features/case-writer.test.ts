import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { sql } from 'kysely'
import { makeCase, makeRespondent, worker } from '../support/case-fixtures.ts'
import { makeDistrict, makeUser, type District, type TestUser } from '../support/fixtures.ts'
import { createTestContext, type TestContext } from '../support/test-app.ts'

let ctx: TestContext
let world: District
let officer: TestUser
beforeAll(async () => {
  ctx = await createTestContext()
  world = await makeDistrict(ctx.db)
  officer = await makeUser(ctx.db, world.townA, ['rights_officer'])
})
afterAll(() => ctx.close())

describe('writing a case', () => {
  test('numbers it per Beijing year, stores personal numbers encrypted with a blind index and a mask, and starts the timeline', async () => {
    const r = await makeRespondent(ctx.db)
    const { id, caseNo } = await makeCase(ctx, world.townA, officer, {
      respondents: [{ respondentId: r.id, role: 'employer' }],
      workers: [worker('李秀英', { phone: '13812345678', idType: 'resident_id', idNumber: '11010519491231002X' })],
      claims: [{ kind: 'wages', description: '8–10 月工资', amountFen: 1234567n }, { kind: 'overtime', description: '', amountFen: 1n }],
    })
    expect(caseNo).toMatch(/^南海-2026-\d{6}$/)
    const w = await ctx.db.selectFrom('workers').selectAll().where('case_id', '=', id).executeTakeFirstOrThrow()
    expect(w.phone_masked).toBe('138****5678')
    expect(w.id_masked).toBe('1101**********002X')
    expect(Buffer.from(w.phone_enc!).toString('latin1')).not.toContain('13812345678')
    expect(ctx.pii.decrypt(w.id_number_enc!)).toBe('11010519491231002X')
    expect(Buffer.from(w.phone_bidx!).equals(Buffer.from(ctx.pii.blindIndex('phone', '13812345678')))).toBe(true)
    const c = await ctx.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect(c.claimed_total_fen).toBe('1234568')
    expect(c.status).toBe('registered')
    const events = await ctx.db.selectFrom('case_events').selectAll().where('case_id', '=', id).execute()
    expect(events[0]!.kind).toBe('case.created')
    expect(JSON.stringify(events)).not.toMatch(/13812345678|11010519491231002X/)
  })

  test('cases against one respondent with one dispute type add up to a collective group at 10 distinct workers', async () => {
    const r = await makeRespondent(ctx.db)
    const party = [{ respondentId: r.id, role: 'employer' as const }]
    const same = worker('王强', { phone: '13900000001' })
    const a = await makeCase(ctx, world.townA, officer, { respondents: party, workersInvolved: 4, workers: [same] })
    const b = await makeCase(ctx, world.townA, officer, { respondents: party, workersInvolved: 5, workers: [same] })
    const risk = async (id: number) => (await ctx.db.selectFrom('cases').select(['risk_level', 'collective_group_id']).where('id', '=', id).executeTakeFirstOrThrow())
    expect((await risk(a.id)).collective_group_id).toBeNull() // 4 + 5 - 1 shared = 8... still below 10
    const c = await makeCase(ctx, world.townA, officer, { respondents: party, workersInvolved: 2, workers: [worker('赵敏'), worker('钱多')] })
    for (const id of [a.id, b.id, c.id]) {
      const row = await risk(id)
      expect(row.collective_group_id).not.toBeNull()
      expect(row.risk_level).toBe('orange')
    }
    const events = await ctx.db.selectFrom('case_events').select('kind').where('case_id', '=', a.id).execute()
    expect(events.map((e) => e.kind)).toEqual(['case.created', 'collective.grouped', 'risk.changed'])
  })

  test.skipIf(!process.env.DATABASE_URL)('20 intakes at once get 20 distinct consecutive numbers', async () => {
    const before = await ctx.db.selectFrom('case_counters').select('last_seq').where('year', '=', 2026).executeTakeFirst()
    const start = before?.last_seq ?? 0
    const results = await Promise.all(Array.from({ length: 20 }, () => makeCase(ctx, world.townB, officer)))
    const seqs = results.map((r) => Number(r.caseNo.slice(-6))).sort((x, y) => x - y)
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => start + i + 1))
  })

  test('a failed intake gives its number back', async () => {
    const first = await makeCase(ctx, world.townA, officer)
    await expect(ctx.db.transaction().execute(async (trx) => {
      await sql`update case_counters set last_seq = last_seq + 1 where year = 2026`.execute(trx)
      throw new Error('boom')
    })).rejects.toThrow('boom')
    const next = await makeCase(ctx, world.townA, officer)
    expect(Number(next.caseNo.slice(-6))).toBe(Number(first.caseNo.slice(-6)) + 1)
  })
})

describe('the case timeline', () => {
  test('is append-only: the database refuses to change or delete an event', async () => {
    const { id } = await makeCase(ctx, world.townA, officer)
    const [event] = await ctx.db.selectFrom('case_events').select('id').where('case_id', '=', id).execute()
    await expect(ctx.db.updateTable('case_events').set({ kind: 'x' }).where('id', '=', event!.id).execute()).rejects.toThrow(/append-only/)
    await expect(ctx.db.deleteFrom('case_events').where('id', '=', event!.id).execute()).rejects.toThrow(/append-only/)
    await expect(sql`truncate case_events cascade`.execute(ctx.db)).rejects.toThrow(/append-only/)
  })
})
