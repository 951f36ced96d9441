import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { CLOSURE_REASONS } from '../../src/domain/case-actions.ts'
import { CASE_STATUSES, ROUTES } from '../../src/domain/case-vocabulary.ts'
import { searchTokens } from '../../src/domain/search-tokens.ts'
import { RealDataError } from '../../src/db/seed/bulk/real-data.ts'
import { seedBulk } from '../../src/db/seed/bulk/seed-bulk.ts'
import { makeUser } from '../support/fixtures.ts'
import { signedIn } from '../support/http.ts'
import { createTestContext, TEST_PII_KEY, type TestContext } from '../support/test-app.ts'

// `npm run seed -- --cases N` over a fresh database: what a person using the app would notice of a
// few thousand seeded cases. A year of them, so that even the short-lived states (a report not yet
// answered, a case waiting to be routed) are there.

const CASES = 4000
const PASSWORD = 'bulk seed demo pass'
const pgTemplate = inject('pgTemplate')
let ctx: TestContext
const config = () => ({ ...ctx.config, demoPassword: PASSWORD })
const rows = async <T>(q: ReturnType<typeof sql<T>>) => (await q.execute(ctx.db)).rows

describe.skipIf(!pgTemplate)('the bulk seed (PostgreSQL only: it loads with COPY over several connections, which PGlite has not)', () => {
  beforeAll(async () => {
    ctx = await createTestContext()
    await seedBulk(ctx.db, { cases: CASES, years: 1, pii: ctx.pii, piiKey: TEST_PII_KEY, config: config(), now: ctx.clock.now(), quiet: true })
  }, 120_000)
  afterAll(() => ctx?.close())

  test('every status and route, every record kind, every closure reason is there', async () => {
    const statuses = await rows(sql<{ status: string }>`select distinct status from cases`)
    expect(statuses.map((s) => s.status).sort()).toEqual([...CASE_STATUSES].sort())
    const routes = await rows(sql<{ route: string | null }>`select distinct route from cases`)
    expect(routes.map((r) => r.route).sort()).toEqual([...ROUTES, null].sort())
    const reasons = await rows(sql<{ r: string }>`select distinct closure_reason as r from cases where closure_reason is not null`)
    expect(reasons.map((x) => x.r).sort()).toEqual([...CLOSURE_REASONS].sort())
    for (const table of ['respondents', 'case_respondents', 'workers', 'claims', 'case_events', 'case_legs', 'case_clocks', 'collective_groups',
      'mediation_sessions', 'mediation_extensions', 'limitation_events', 'agreements', 'agreement_items', 'agreement_instalments',
      'agreement_payments', 'consultation_notes', 'court_linkages', 'attachments', 'attachment_contents']) {
      const [row] = await rows(sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`)
      expect(Number(row!.n), table).toBeGreaterThan(0)
    }
    const states = await rows(sql<{ state: string }>`select distinct state from agreements`)
    expect(states.map((s) => s.state).sort()).toEqual(['in_effect', 'superseded'])
    const legs = await rows(sql<{ state: string }>`select distinct state from case_legs`)
    expect(legs.map((s) => s.state)).toEqual(expect.arrayContaining(['active', 'accepted', 'rejected']))
    // Most are closed, a few percent open; mediations mostly end in an agreement or a settlement.
    const [share] = await rows(sql<{ open: number; success: number }>`select
      avg((status not in ('closed', 'declined'))::int)::float as open,
      avg((closure_reason in ('agreement_performed', 'agreement_reached', 'negotiated_settlement'))::int) filter (where mediated and closed_at is not null)::float as success
      from cases`)
    expect(share!.open).toBeGreaterThan(0.02)
    expect(share!.open).toBeLessThan(0.2)
    expect(share!.success).toBeGreaterThan(0.7)
    expect(share!.success).toBeLessThan(0.9)
  })

  test('case numbers are unique and gap-free in each year, and the counters stand at the last one', async () => {
    const years = await rows(sql<{ year: number; n: string; top: number; last_seq: number }>`
      select cc.year, count(c.id) as n, max(substr(c.case_no, 9)::int) as top, cc.last_seq
      from case_counters cc left join cases c on c.case_no like '南海-' || cc.year || '-%'
      group by cc.year, cc.last_seq order by cc.year`)
    expect(years.length).toBeGreaterThanOrEqual(2)
    for (const y of years) {
      expect(Number(y.n), String(y.year)).toBe(y.last_seq)
      expect(y.top, String(y.year)).toBe(y.last_seq)
    }
  })

  test('the facts copied onto each case match what its records say (as the case_facts triggers keep them)', async () => {
    const [bad] = await rows(sql<{ n: string }>`select count(*) as n from cases c cross join lateral (select
        exists (select 1 from mediation_sessions s where s.case_id = c.id) as mediated,
        exists (select 1 from agreements a where a.case_id = c.id) as has_agreement,
        coalesce((select sum(ai.agreed_fen) from agreements a join agreement_items ai on ai.agreement_id = a.id
          where a.case_id = c.id and a.state = 'in_effect'), 0) as agreed_fen,
        (select max(k.due_on) from case_clocks k where k.case_id = c.id and k.kind = 'mediation') as due_on,
        coalesce((select array_agg(distinct r.industry order by r.industry) from case_respondents cr join respondents r on r.id = cr.respondent_id
          where cr.case_id = c.id and r.industry is not null), '{}') as industries) f
      where (c.mediated, c.has_agreement, c.agreed_fen, c.mediation_due_on, c.industries)
        is distinct from (f.mediated, f.has_agreement, f.agreed_fen, f.due_on, f.industries)`)
    expect(Number(bad!.n)).toBe(0)
  })

  test('search tokens are those intake computes from the title, people, respondents and facts', async () => {
    const sample = await rows(sql<{ title: string; facts: string; search_tokens: string[]; workers: string[] | null; respondents: string[] | null }>`
      select c.title, c.facts, c.search_tokens,
        (select array_agg(w.name order by w.position) from workers w where w.case_id = c.id) as workers,
        (select array_agg(r.name order by cr.position) from case_respondents cr join respondents r on r.id = cr.respondent_id where cr.case_id = c.id) as respondents
      from cases c where c.id % 97 = 0`)
    expect(sample.length).toBeGreaterThan(20)
    for (const c of sample) {
      const expected = searchTokens([c.title, ...(c.workers ?? []), ...(c.respondents ?? []), c.facts])
      expect([...c.search_tokens].sort()).toEqual([...expected].sort())
    }
  })

  test('the demo manager signs in, sees the case list and opens a seeded case', async () => {
    const manager = await signedIn(ctx.app, 'manager', PASSWORD)
    const list = await (await manager.get('/cases')).text()
    const [newest] = await rows(sql<{ id: number; case_no: string }>`select id, case_no from cases order by reported_at desc, id desc limit 1`)
    expect(list).toContain(newest!.case_no)
    const page = await manager.get(`/cases/${newest!.id}`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain(newest!.case_no)
  })

  test('a phone number finds its case through the blind index', async () => {
    const [w] = await rows(sql<{ phone_enc: Uint8Array; case_no: string }>`
      select w.phone_enc, c.case_no from workers w join cases c on c.id = w.case_id where w.phone_enc is not null order by w.id desc limit 1`)
    const phone = ctx.pii.decrypt(w!.phone_enc)
    expect(phone).toMatch(/^1[3-9]\d{9}$/)
    const manager = await signedIn(ctx.app, 'manager', PASSWORD)
    expect(await (await manager.get(`/cases?q=${phone}`)).text()).toContain(w!.case_no)
  })

  test('every identity sequence stands past the ids the seed wrote', async () => {
    for (const table of ['cases', 'respondents', 'workers', 'claims', 'case_events', 'case_legs', 'collective_groups', 'mediation_sessions',
      'agreements', 'agreement_items', 'agreement_instalments', 'agreement_payments', 'consultation_notes', 'court_linkages', 'attachments']) {
      const [row] = await rows(sql<{ top: string; last: string }>`select (select max(id) from ${sql.table(table)}) as top,
        (select last_value from ${sql.raw(`${table}_id_seq`)}) as last`)
      expect(BigInt(row!.last), table).toBeGreaterThanOrEqual(BigInt(row!.top))
    }
  })

  test('an intake after the seed continues the ids and the year’s case numbers', async () => {
    const [before] = await rows(sql<{ id: number; seq: number }>`select (select max(id) from cases) as id, (select last_seq from case_counters where year = 2026) as seq`)
    const [resp] = await rows(sql<{ id: number }>`select id from respondents order by id limit 1`)
    const [town] = await rows(sql<{ id: number }>`select id from org_units where code = 'NH-GC'`)
    const officer = await signedIn(ctx.app, 'rights_officer', PASSWORD)
    const res = await officer.post('/cases?form=full', {
      _key: crypto.randomUUID(), channel: 'visit', channel_ref: '', reported_at: '2026-11-20T09:30', org_unit_id: String(town!.id),
      application: 'yes', application_received_at: '2026-11-20T10:00', title: '拖欠两个月工资', 'respondents.0.respondent_id': String(resp!.id),
      'respondents.0.role': 'employer', 'workers.0.name': '林晓东', 'workers.0.phone': '13912345678', 'workers.0.id_type': 'none',
      dispute_types: ['wages'], 'claims.0.kind': 'wages', 'claims.0.description': '9、10月工资', 'claims.0.amount': '9,000', facts: '公司拖欠两个月工资。', workers_involved: '',
    })
    expect(res.status).toBe(303)
    const id = Number(res.headers.get('Location')!.split('/').pop())
    expect(id).toBeGreaterThan(before!.id)
    const c = await ctx.db.selectFrom('cases').select('case_no').where('id', '=', id).executeTakeFirstOrThrow()
    expect(c.case_no).toBe(`南海-2026-${String(before!.seq + 1).padStart(6, '0')}`)
  })

  test('refuses a database holding a user who is not a demo user, and adds the cases when forced', async () => {
    const district = await ctx.db.selectFrom('org_units').select(['id', 'name', 'path', 'code']).where('code', '=', 'NH').executeTakeFirstOrThrow()
    const real = await makeUser(ctx.db, district, ['manager'], { username: 'zhang.wei' })
    const count = async () => Number((await rows(sql<{ n: string }>`select count(*) as n from cases`))[0]!.n)
    const before = await count()
    const run = (force: boolean) => seedBulk(ctx.db, { cases: 300, years: 1, pii: ctx.pii, piiKey: TEST_PII_KEY, config: config(), now: ctx.clock.now(), quiet: true, force })
    const refused = await run(false).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(RealDataError)
    expect((refused as Error).message).toContain(real.username)
    expect((refused as Error).message).toContain('--force')
    expect(await count()).toBe(before)

    await run(true)
    expect(await count()).toBe(before + 300)
    const gaps = await rows(sql<{ year: number }>`select cc.year from case_counters cc
      where cc.last_seq <> (select count(*) from cases c where c.case_no like '南海-' || cc.year || '-%')`)
    expect(gaps).toEqual([])
  })
})
