import { existsSync, readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import type { Config } from '../../../config.ts'
import { createPiiCipher, parseKey, type PiiCipher } from '../../../privacy/pii-cipher.ts'
import type { Db } from '../../connect.ts'
import { seedOnFirstStart, type SeedReport } from '../first-start.ts'
import { loadCases, type LoadReport } from './load-cases.ts'
import { findRealData, RealDataError } from './real-data.ts'

export type SeedBulkOptions = {
  cases: number
  pii: PiiCipher
  /** The key behind `pii`, for generator threads; found from the config (PII_KEY, the key file) when not given. */
  piiKey?: Uint8Array
  /** Generator threads (default: one per core; 0 generates on this thread). */
  threads?: number
  config: Config
  years?: number
  force?: boolean
  now?: Date
  seed?: number
  /** No progress bar or phase lines. */
  quiet?: boolean
}

/**
 * The bulk seed over a migrated PostgreSQL database: refuses one holding data that is not the
 * seed's (unless forced), creates the demo district and users on an empty one (first-start.ts),
 * and loads `cases` cases (load-cases.ts). Throws RealDataError when it refuses.
 */
export async function seedBulk(db: Db, o: SeedBulkOptions): Promise<LoadReport & { start: SeedReport }> {
  const found = await findRealData(db)
  if (found && !o.force) throw new RealDataError(found)
  const start = await seedOnFirstStart(db, o.config)
  const url = await urlOf(db, o.config)
  const piiKey = o.piiKey ?? keyOf(o.config)
  const report = await loadCases({
    url, db, pii: o.pii, cases: o.cases, years: o.years ?? 10, now: o.now ?? new Date(), force: o.force, seed: o.seed, progress: !o.quiet,
    // Threads rebuild the cipher from the key: only a key that is the cipher's own will do.
    piiKey: piiKey && createPiiCipher(piiKey).fingerprint === o.pii.fingerprint ? piiKey : undefined,
    threads: o.threads ?? availableParallelism(),
  })
  return { ...report, start }
}

/** The key as loadPiiCipher finds it: PII_KEY, else the key file of the data folder. */
function keyOf(config: Config): Uint8Array | undefined {
  if (config.piiKey) return parseKey(config.piiKey)
  const file = path.join(config.dataDir, 'pii.key')
  return existsSync(file) ? parseKey(readFileSync(file, 'utf8')) : undefined
}

/**
 * The load opens a connection per table, so it needs the database's URL: DATABASE_URL (from the
 * config, else the environment) pointed at the database this handle is connected to — a test's
 * own copy of the template, say.
 */
async function urlOf(db: Db, config: Config): Promise<string> {
  const base = config.databaseUrl ?? process.env.DATABASE_URL
  if (!base) throw new Error('The bulk seed needs DATABASE_URL (PostgreSQL).')
  const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(db)
  const url = new URL(base)
  url.pathname = `/${rows[0]!.name}`
  return url.toString()
}
