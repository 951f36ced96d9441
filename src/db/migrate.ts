import { promises as fs } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { FileMigrationProvider, Migrator, type Kysely } from 'kysely'

export const migrationFolder = fileURLToPath(new URL('../../migrations', import.meta.url))

/**
 * Brings the schema to the latest migration. Kysely's PostgreSQL adapter runs the whole batch in
 * one transaction holding `pg_advisory_xact_lock`, so two processes starting together do not both
 * migrate: the second waits, then finds nothing left to do.
 */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new FileMigrationProvider({ fs, path, migrationFolder }) })
  const { error, results } = await migrator.migrateToLatest()
  if (error) throw error instanceof Error ? error : new Error(String(error))
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}
