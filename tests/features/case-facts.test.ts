import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { loadConfig } from '../../src/config.ts'
import type { Db } from '../../src/db/connect.ts'
import { seedDemoCases } from '../../src/db/seed/demo-cases.ts'
import { seedOnFirstStart } from '../../src/db/seed/first-start.ts'
import { seedBulk } from '../../src/db/seed/bulk/seed-bulk.ts'
import { createTestContext, type TestContext } from '../support/test-app.ts'

// The facts copied onto each case row (migration case_facts) must equal a recount from the
// tables they come from, after every kind of change: the dashboard and the list trust them.

let ctx: TestContext

type Facts = { id: number; mediated: boolean; has_agreement: boolean; agreed_fen: string; mediation_due_on: string | null; industries: string[] }

/** The facts as stored on the case rows. */
async function stored(db: Db): Promise<Facts[]> {
  const { rows } = await sql<Facts>`select id, mediated, has_agreement, agreed_fen::text as agreed_fen,
    mediation_due_on::text as mediation_due_on, industries from cases order by id`.execute(db)
  return rows
}

/** The same facts recounted from scratch, one table at a time. */
async function recounted(db: Db): Promise<Facts[]> {
  const { rows } = await sql<Facts>`select c.id,
      exists (select 1 from mediation_sessions s where s.case_id = c.id) as mediated,
      exists (select 1 from agreements a where a.case_id = c.id) as has_agreement,
      coalesce((select sum(ai.agreed_fen) from agreements a join agreement_items ai on ai.agreement_id = a.id
        where a.case_id = c.id and a.state = 'in_effect'), 0)::text as agreed_fen,
      (select max(k.due_on) from case_clocks k where k.case_id = c.id and k.kind = 'mediation')::text as mediation_due_on,
      coalesce((select array_agg(distinct r.industry order by r.industry) from case_respondents cr
        join respondents r on r.id = cr.respondent_id where cr.case_id = c.id and r.industry is not null), '{}') as industries
    from cases c order by c.id`.execute(db)
  return rows
}

beforeAll(async () => {
  ctx = await createTestContext()
  await seedOnFirstStart(ctx.db, { ...loadConfig({ DEMO_PASSWORD: 'case facts pass' }), dataDir: '/nonexistent-case-facts' })
  await seedDemoCases(ctx.db, ctx.pii, ctx.clock.now())
}, 120_000)
afterAll(() => ctx.close())

describe('facts kept on the case row', () => {
  test('after the demo district is written, every case equals its recount, and every kind of fact occurs', async () => {
    const rows = await stored(ctx.db)
    expect(rows).toEqual(await recounted(ctx.db))
    expect(rows.some((r) => r.mediated)).toBe(true)
    expect(rows.some((r) => r.has_agreement && r.agreed_fen !== '0')).toBe(true)
    expect(rows.some((r) => r.mediation_due_on !== null)).toBe(true)
    expect(rows.some((r) => r.industries.length > 0)).toBe(true)
  })

  test('a respondent whose industry changes moves all its cases with it', async () => {
    const r = await ctx.db.selectFrom('case_respondents').select(['respondent_id', sql<number>`count(*)::int`.as('n')])
      .groupBy('respondent_id').orderBy(sql`count(*)`, 'desc').executeTakeFirstOrThrow()
    await ctx.db.updateTable('respondents').set({ industry: '测试新行业' }).where('id', '=', r.respondent_id).execute()
    const cases = await ctx.db.selectFrom('cases').innerJoin('case_respondents as cr', 'cr.case_id', 'cases.id')
      .select('cases.industries').where('cr.respondent_id', '=', r.respondent_id).execute()
    expect(cases.length).toBe(r.n)
    for (const c of cases) expect(c.industries).toContain('测试新行业')
    expect(await stored(ctx.db)).toEqual(await recounted(ctx.db))
  })

  test('a superseded agreement stops counting, its successor counts, and clock rewrites keep the due day', async () => {
    const ag = await ctx.db.selectFrom('agreements').select(['id', 'case_id']).where('state', '=', 'in_effect').orderBy('id').executeTakeFirstOrThrow()
    await ctx.db.transaction().execute(async (trx) => {
      await trx.updateTable('agreements').set({ state: 'superseded' }).where('id', '=', ag.id).execute()
      const next = await trx.insertInto('agreements').values({
        case_id: ag.case_id, terms: '补充协议', performance_method: '银行转账', signed_on: '2026-11-18', effective_on: '2026-11-18',
        recorded_by: 1, recorded_at: new Date(),
      }).returning('id').executeTakeFirstOrThrow()
      await trx.insertInto('agreement_items').values({ agreement_id: next.id, position: 1, kind: 'wages', agreed_fen: '123456' }).execute()
    })
    const after = await ctx.db.selectFrom('cases').select(['agreed_fen', 'has_agreement']).where('id', '=', ag.case_id).executeTakeFirstOrThrow()
    expect(after).toEqual({ agreed_fen: '123456', has_agreement: true })

    const clock = await ctx.db.selectFrom('case_clocks').selectAll().where('kind', '=', 'mediation').executeTakeFirstOrThrow()
    await ctx.db.deleteFrom('case_clocks').where('case_id', '=', clock.case_id).where('kind', '=', 'mediation').execute()
    expect((await ctx.db.selectFrom('cases').select('mediation_due_on').where('id', '=', clock.case_id).executeTakeFirstOrThrow()).mediation_due_on).toBeNull()
    await ctx.db.insertInto('case_clocks').values({ ...clock, due_on: '2027-01-15' }).execute()
    expect((await ctx.db.selectFrom('cases').select('mediation_due_on').where('id', '=', clock.case_id).executeTakeFirstOrThrow()).mediation_due_on).toBe('2027-01-15')
    expect(await stored(ctx.db)).toEqual(await recounted(ctx.db))
  })

  test('a session recorded on a case never mediated marks it mediated', async () => {
    const k = await ctx.db.selectFrom('cases').select('id').where('mediated', '=', false).orderBy('id').executeTakeFirstOrThrow()
    await ctx.db.insertInto('mediation_sessions').values({
      case_id: k.id, held_on: '2026-11-19', mode: 'in_person', participants: '双方', result: 'adjourned', recorded_by: 1, recorded_at: new Date(),
    }).execute()
    expect((await ctx.db.selectFrom('cases').select('mediated').where('id', '=', k.id).executeTakeFirstOrThrow()).mediated).toBe(true)
    expect(await stored(ctx.db)).toEqual(await recounted(ctx.db))
  })

  // The bulk seed loads with triggers off (COPY, for speed) and writes these columns itself.
  test.skipIf(!process.env.DATABASE_URL)('cases loaded by `npm run seed` carry the same facts as a recount', async () => {
    const config = { ...loadConfig({ DEMO_PASSWORD: 'case facts pass' }), dataDir: '/nonexistent-case-facts' }
    await seedBulk(ctx.db, { cases: 3000, pii: ctx.pii, config, quiet: true })
    const rows = await stored(ctx.db)
    expect(rows.length).toBeGreaterThan(3000)
    expect(rows).toEqual(await recounted(ctx.db))
  }, 120_000)
})
