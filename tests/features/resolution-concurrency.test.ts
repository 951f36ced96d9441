import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createTestContext, type TestContext } from '../support/test-app.ts'
import { agreementForm, makePeople, mediating, performing, version, type People } from './mediation.support.ts'

// Money is never counted twice: parallel submissions of the same payment or agreement form (a
// double tap on a phone, two colleagues at once) leave exactly one record (reliability D1).

let ctx: TestContext
let p: People
beforeAll(async () => {
  ctx = await createTestContext()
  p = await makePeople(ctx)
})
afterAll(() => ctx.close())

describe.skipIf(!process.env.DATABASE_URL)('parallel submissions on PostgreSQL', () => {
  test('10 parallel payments of the whole first instalment: one is kept, nine get 409, nothing is overpaid', async () => {
    const id = await performing(ctx, p)
    const [first] = await ctx.db.selectFrom('agreement_instalments').innerJoin('agreements', 'agreements.id', 'agreement_instalments.agreement_id')
      .select(['agreement_instalments.id', 'agreement_instalments.amount_fen']).where('agreements.case_id', '=', id).orderBy('seq').execute()
    const form = { version: await version(ctx, id), instalment_id: String(first!.id), paid_on: '2026-11-20', amount: '5000.10', method: '', note: '' }
    const statuses = (await Promise.all(Array.from({ length: 10 }, () => p.asMediator.post(`/cases/${id}/payments`, form)))).map((r) => r.status)
    expect(statuses.filter((s) => s === 303)).toHaveLength(1)
    expect(statuses.filter((s) => s === 409)).toHaveLength(9)
    const paid = await ctx.db.selectFrom('agreement_payments').select('amount_fen').where('case_id', '=', id).execute()
    expect(paid.map((x) => x.amount_fen)).toEqual([first!.amount_fen])
    expect(await ctx.db.selectFrom('case_events').select('id').where('case_id', '=', id).where('kind', '=', 'record.payment').execute()).toHaveLength(1)
  }, 60_000)

  test('10 parallel agreements for one case: one takes effect, with its items and instalments once', async () => {
    const id = await mediating(ctx, p)
    const form = await agreementForm(ctx, id)
    const statuses = (await Promise.all(Array.from({ length: 10 }, () => p.asMediator.post(`/cases/${id}/agreements`, form)))).map((r) => r.status)
    expect(statuses.filter((s) => s === 303)).toHaveLength(1)
    expect(statuses.filter((s) => s === 409)).toHaveLength(9)
    const agreements = await ctx.db.selectFrom('agreements').select('id').where('case_id', '=', id).execute()
    expect(agreements).toHaveLength(1)
    const instalments = await ctx.db.selectFrom('agreement_instalments').select('id').where('agreement_id', '=', agreements[0]!.id).execute()
    expect(instalments.length).toBeGreaterThan(0)
    expect((await ctx.db.selectFrom('cases').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('performing')
  }, 60_000)
})
