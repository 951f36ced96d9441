import { CompiledQuery, type LogEvent } from 'kysely'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { createApp } from '../../src/app.ts'
import { loadConfig } from '../../src/config.ts'
import { connectPostgres, type Db } from '../../src/db/connect.ts'
import { seedBulk } from '../../src/db/seed/bulk/seed-bulk.ts'
import { createPiiCipher } from '../../src/privacy/pii-cipher.ts'
import { withDatabase } from '../support/global-setup.ts'
import { Browser } from '../support/http.ts'
import { TEST_PII_KEY } from '../support/test-app.ts'

// Every statement the case list, search, case page, early-warning board and dashboard run is
// EXPLAINed over a seeded register with fresh statistics: none may read the whole case table.
// A sequential scan that is harmless over the demo's 300 cases is seconds over a million.

const CASES = 200_000
const PASSWORD = 'query plans demo pass'
const pgTemplate = inject('pgTemplate')

type Captured = { sql: string; parameters: readonly unknown[] }
let captured: Captured[] = []
let db: Db
let admin: ReturnType<typeof postgres>
let name: string
let manager: Browser
let mediator: Browser
let townManager: Browser

const log = (e: LogEvent) => {
  if (e.level === 'query') captured.push({ sql: e.query.sql, parameters: e.query.parameters })
}

type PlanNode = { 'Node Type': string; 'Relation Name'?: string; Plans?: PlanNode[] }
const seqScansOfCases = (n: PlanNode): PlanNode[] =>
  [...(n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'cases' ? [n] : []), ...(n.Plans ?? []).flatMap(seqScansOfCases)]

/** The reading statements a page ran that touch the case table, each with its plan's scans of it. */
async function plansOf(b: Browser, path: string) {
  // A dashboard computed before is kept until the data moves: move it, so this one is computed.
  await db.updateTable('data_versions').set((eb) => ({ version: eb('version', '+', '1') })).execute()
  captured = []
  const res = await b.get(path)
  expect(res.status, path).toBe(200)
  const reads = captured.filter((q) => /^\s*(select|with)\b/i.test(q.sql) && /\bcases\b/.test(q.sql))
  expect(reads.length, `${path} reads cases`).toBeGreaterThan(0)
  const out: { sql: string; seqScans: number }[] = []
  for (const q of reads) {
    const { rows } = await db.executeQuery<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(CompiledQuery.raw(`explain (format json) ${q.sql}`, [...q.parameters]))
    const plan = rows[0]!['QUERY PLAN'][0]!.Plan
    out.push({ sql: q.sql, seqScans: seqScansOfCases(plan).length })
  }
  return out
}

describe.skipIf(!pgTemplate)('query plans over a large register (PostgreSQL only: PGlite serves one desk, not a province)', () => {
  beforeAll(async () => {
    const url = process.env.DATABASE_URL!
    name = `fq_t_${process.ppid}_plans_${Math.random().toString(36).slice(2, 8)}`
    admin = postgres(url, { max: 1, onnotice: () => {} })
    await admin.unsafe(`create database ${name} template ${pgTemplate}`)
    ;({ db } = await connectPostgres(withDatabase(url, name), { log }))
    const pii = createPiiCipher(TEST_PII_KEY)
    const config = { ...loadConfig({ NODE_ENV: 'test', DEMO_PASSWORD: PASSWORD }), dataDir: '/nonexistent-query-plans' }
    await seedBulk(db, { cases: CASES, pii, config, quiet: true })
    await db.executeQuery(CompiledQuery.raw('analyze'))
    const app = createApp({ db, dbKind: 'postgres', config, pii })
    manager = new Browser(app)
    await manager.login('manager', PASSWORD)
    mediator = new Browser(app)
    await mediator.login('mediator', PASSWORD)
    townManager = new Browser(app)
    await townManager.login(await townManagerName(), PASSWORD)
  }, 300_000)

  afterAll(async () => {
    await db?.destroy()
    await admin?.unsafe(`drop database if exists ${name} with (force)`)
    await admin?.end()
  })

  async function townManagerName() {
    const town = await db.selectFrom('users').innerJoin('user_roles', 'user_roles.user_id', 'users.id').innerJoin('org_units', 'org_units.id', 'users.org_unit_id')
      .select('users.username').where('user_roles.role', '=', 'manager').where('org_units.kind', '=', 'town').where('users.is_demo', '=', true)
      .orderBy('users.id').executeTakeFirst()
    return town?.username ?? 'manager'
  }

  const someCase = () => db.selectFrom('cases').select(['id', 'case_no']).orderBy('id', 'desc').limit(1).offset(123).executeTakeFirstOrThrow()

  async function listPages(): Promise<string[]> {
    const town = await db.selectFrom('org_units').select('id').where('kind', '=', 'town').orderBy('id').executeTakeFirstOrThrow()
    const k = await someCase()
    return [
      '/cases', '/cases?sort=risk', '/cases?sort=oldest', '/cases?status=open', '/cases?status=closed',
      `/cases?town=${town.id}`, '/cases?type=wages', '/cases?risk=red', '/cases?risk=collective', '/cases?channel=sanlai',
      '/cases?route=mediation', '/cases?route=none', '/cases?assignee=none', '/cases?overdue=1',
      '/cases?from=2026-01-01&to=2026-06-30', `/cases?status=open&town=${town.id}&type=wages`,
      '/cases?closed_from=2026-01-01&closed_to=2026-11-30&closure=agreed', '/cases?level=court', '/cases?timing=late&closed_from=2026-01-01',
      '/cases?mediated=1&closed_from=2026-01-01', '/cases?agreement=1', '/cases?industry=制造业',
      '/cases?q=工资', '/cases?q=拖欠', '/cases?q=五金厂', `/cases?q=${encodeURIComponent(k.case_no)}`,
    ]
  }

  test('the case list, its filters and its search never read the whole case table', async () => {
    const scanning: string[] = []
    for (const path of await listPages()) {
      for (const p of await plansOf(manager, path)) if (p.seqScans > 0) scanning.push(`${path}\n${p.sql}`)
    }
    expect(scanning).toEqual([])
  })

  test('the next page of the list walks on from its cursor', async () => {
    const first = await (await manager.get('/cases')).text()
    const next = /href="(\/cases\?[^"]*after=[^"]+)"/.exec(first)?.[1]?.replace(/&amp;/g, '&')
    expect(next).toBeDefined()
    for (const p of await plansOf(manager, next!)) expect(p.seqScans, p.sql).toBe(0)
  })

  test('a case page, the early-warning board and each role’s home never read the whole case table', async () => {
    const k = await someCase()
    for (const [b, path] of [[manager, `/cases/${k.id}`], [manager, '/early-warning'], [manager, '/'], [mediator, '/'], [mediator, '/cases'], [townManager, '/cases']] as const) {
      for (const p of await plansOf(b, path)) expect(p.seqScans, `${path}\n${p.sql}`).toBe(0)
    }
  })

  test('the dashboard, for the district and for a town, never reads the whole case table', async () => {
    const town = await db.selectFrom('org_units').select('id').where('kind', '=', 'town').orderBy('id').executeTakeFirstOrThrow()
    for (const [b, path] of [[manager, '/dashboard'], [manager, `/dashboard?town=${town.id}`], [townManager, '/dashboard']] as const) {
      const plans = await plansOf(b, path)
      expect(plans.length).toBeGreaterThan(5)
      for (const p of plans) expect(p.seqScans, `${path}\n${p.sql}`).toBe(0)
    }
  })
})
