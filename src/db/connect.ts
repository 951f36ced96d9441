import { mkdirSync } from 'node:fs'
import { Kysely, type LogConfig } from 'kysely'
import type { PGlite } from '@electric-sql/pglite'
import postgres from 'postgres'
import { PostgresJSDialect } from 'kysely-postgres-js'
import type { Database } from './database.ts'

export type Db = Kysely<Database>
export type DbKind = 'pglite' | 'postgres'
export type Connection = { db: Db; kind: DbKind }

/**
 * Both drivers must hand the app the same JavaScript types, so we decide them here once:
 * int8 (counts, money in fen, bigserial) is a string, `date` is a 'YYYY-MM-DD' string (a Beijing
 * calendar date has no time zone), timestamptz is a Date, numeric is a string, jsonb is an object.
 */
const keepAsText = (v: string) => v

/** `log` sees every statement run (the query-plan test collects them to EXPLAIN each). */
export async function connectPostgres(url: string, opts: { log?: LogConfig } = {}): Promise<Connection> {
  const sql = postgres(url, {
    max: 10,
    connect_timeout: 5,
    onnotice: () => {},
    // JIT off: the dashboard's one-pass aggregates carry many subqueries, which inflates their cost
    // estimate past jit_above_cost, and compiling them took ~100 ms of a 120 ms statement over 300 cases.
    connection: { application_name: 'fengqiao', statement_timeout: 15_000, jit: 'off' },
    types: { dateOnly: { to: 1082, from: [1082], serialize: (v: string) => v, parse: keepAsText } },
  })
  return { db: new Kysely<Database>({ dialect: new PostgresJSDialect({ postgres: sql }), ...(opts.log ? { log: opts.log } : {}) }), kind: 'postgres' }
}

/** `dataDir` undefined means in memory; `loadDataDir` starts from a dumped, already migrated database. */
export async function connectPglite(opts: { dataDir?: string; loadDataDir?: Blob | File } = {}): Promise<Connection & { pglite: PGlite }> {
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true })
  // Loaded only when used: the module alone adds ~50 MB to a process that serves PostgreSQL.
  const [{ PGlite, types }, { PGliteDialect }] = await Promise.all([import('@electric-sql/pglite'), import('kysely-pglite-dialect')])
  const pg = await PGlite.create(opts.dataDir, {
    parsers: { [types.INT8]: keepAsText, [types.DATE]: keepAsText },
    ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
  })
  return { db: new Kysely<Database>({ dialect: new PGliteDialect(pg) }), kind: 'pglite', pglite: pg }
}

export function connect(opts: { databaseUrl?: string | undefined; dataDir: string }): Promise<Connection> {
  return opts.databaseUrl ? connectPostgres(opts.databaseUrl) : connectPglite({ dataDir: `${opts.dataDir}/pg` })
}
