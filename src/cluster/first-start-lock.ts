import { sql } from 'kysely'
import type { Connection } from '../db/connect.ts'

/** Any constant no other code uses for an advisory lock (Kysely's migrator uses its own). */
const FIRST_START_LOCK = 7_310_226_004_102n

/**
 * Runs the once-per-start work (migrations, recording the PII key's fingerprint, the first-start
 * seed) holding a PostgreSQL advisory lock, so app processes started together, on one machine or
 * several, take turns: the first does the work, the others find it done. The lock belongs to a
 * transaction of its own that stays open meanwhile (the work itself runs on other connections):
 * it ends with that transaction even if the process dies, and it survives PgBouncer in
 * transaction mode, where a session-level lock could be taken and released on different servers.
 * PGlite is one process with one connection: nothing to take turns with.
 */
export async function withFirstStartLock<T>(conn: Connection, work: () => Promise<T>): Promise<T> {
  if (conn.kind !== 'postgres') return work()
  return conn.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${FIRST_START_LOCK})`.execute(trx)
    return work()
  })
}
