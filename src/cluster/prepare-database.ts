import type { Config } from '../config.ts'
import { connect, type Connection } from '../db/connect.ts'
import { migrateToLatest } from '../db/migrate.ts'
import { seedOnFirstStart, type SeedReport } from '../db/seed/first-start.ts'
import { loadPiiCipher, PiiKeyError } from '../privacy/pii-key.ts'
import type { PiiCipher } from '../privacy/pii-cipher.ts'
import { withFirstStartLock } from './first-start-lock.ts'

export type Prepared = Connection & { pii: PiiCipher; seed: SeedReport }

/**
 * What happens once per start, before anything serves: migrate, load (or, on a first embedded
 * start, generate) the PII key, seed an empty database. With WORKERS > 1 only the primary does
 * this, so the key file in DATA_DIR is never raced; separate `npm start`s against one PostgreSQL
 * take turns under an advisory lock, so the seed and the key's fingerprint are written once.
 */
export async function prepareDatabase(config: Config): Promise<Prepared> {
  const conn = await connect(config)
  try {
    const { pii, seed } = await withFirstStartLock(conn, async () => {
      const applied = await migrateToLatest(conn.db)
      if (applied.length > 0) console.log(`Migrated: ${applied.join(', ')}`)
      const pii = await loadPiiCipher(conn.db, config)
      return { pii, seed: await seedOnFirstStart(conn.db, config) }
    })
    return { ...conn, pii, seed }
  } catch (e) {
    return exitOnKeyError(conn, e)
  }
}

/** A worker only reads the key the primary made sure of (from PII_KEY or DATA_DIR/pii.key). */
export async function loadPiiOrExit(conn: Connection, config: Config): Promise<PiiCipher> {
  try {
    return await loadPiiCipher(conn.db, config)
  } catch (e) {
    return exitOnKeyError(conn, e)
  }
}

/** A key that cannot be used is a message for the person starting the app, not a stack trace. */
async function exitOnKeyError(conn: Connection, e: unknown): Promise<never> {
  if (!(e instanceof PiiKeyError)) throw e
  console.error(`\nCannot start: ${e.message}\n`)
  await conn.db.destroy()
  process.exit(1)
}
