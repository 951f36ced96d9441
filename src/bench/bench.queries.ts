import { sql } from 'kysely'
import type { Db } from '../db/connect.ts'

// What the bench reads from the database it measures: the scale, and real ids to ask for.

export async function countCases(db: Db): Promise<number> {
  const row = await db.selectFrom('cases').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function postgresVersion(db: Db): Promise<string> {
  const { rows } = await sql<{ version: string }>`select version() as version`.execute(db)
  return rows[0]!.version
}

/** The town holding the most cases (its grassroots units' cases included): the realistic filter to measure. */
export async function busiestTown(db: Db): Promise<{ id: number; name: string } | undefined> {
  const [units, counts] = await Promise.all([
    db.selectFrom('org_units').select(['id', 'kind', 'name', 'path']).execute(),
    db.selectFrom('cases').select(['org_unit_id', (eb) => eb.fn.countAll<string>().as('n')]).groupBy('org_unit_id').execute(),
  ])
  const pathOf = new Map(units.map((u) => [u.id, u.path]))
  const towns = units.filter((u) => u.kind === 'town').map((t) => ({
    id: t.id,
    name: t.name,
    cases: counts.filter((c) => (pathOf.get(c.org_unit_id) ?? '').startsWith(t.path)).reduce((a, c) => a + Number(c.n), 0),
  }))
  towns.sort((a, b) => b.cases - a.cases)
  return towns[0] && { id: towns[0].id, name: towns[0].name }
}

/** Case ids spread over the whole table, so the case page does not read one cached row. */
export async function sampleCaseIds(db: Db, n: number): Promise<number[]> {
  const rows = await db.selectFrom('cases').select('id').orderBy(sql`random()`).limit(n).execute()
  return rows.map((r) => r.id)
}

export function sampleRespondents(db: Db, n: number): Promise<{ id: number; kind: string }[]> {
  return db.selectFrom('respondents').select(['id', 'kind']).orderBy(sql`random()`).limit(n).execute()
}

/** The units a user may register cases into: their own and every unit below it. */
export async function unitsUnderUser(db: Db, username: string): Promise<number[]> {
  const rows = await db
    .selectFrom('users')
    .innerJoin('org_units as own', 'own.id', 'users.org_unit_id')
    .innerJoin('org_units as unit', (j) => j.on(sql<boolean>`unit.path like own.path || '%'`))
    .select('unit.id')
    .where('users.username', '=', username)
    .execute()
  return rows.map((r) => r.id)
}

/**
 * The PostgreSQL backends serving this database's clients (the bench's own idle connections
 * included; they use next to no CPU), to read their CPU time from /proc on this same machine.
 */
export async function databaseBackendPids(db: Db): Promise<number[]> {
  const { rows } = await sql<{ pid: number }>`
    select pid from pg_stat_activity
    where datname = current_database() and backend_type = 'client backend' and pid <> pg_backend_pid()`.execute(db)
  return rows.map((r) => r.pid)
}

/** Cases a user registered with idempotency keys starting with `prefix` (8 hex digits): one run's. */
export async function casesRegisteredInBatch(db: Db, username: string, prefix: string): Promise<number> {
  const row = await db
    .selectFrom('idempotency_keys')
    .innerJoin('users', 'users.id', 'idempotency_keys.user_id')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('users.username', '=', username)
    .where('idempotency_keys.key', '>=', `${prefix}-0000-0000-0000-000000000000`)
    .where('idempotency_keys.key', '<=', `${prefix}-ffff-ffff-ffff-ffffffffffff`)
    .where('idempotency_keys.case_id', 'is not', null)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
