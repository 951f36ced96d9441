import { readdir } from 'node:fs/promises'
import { fileURLToPath, pathToFileURL } from 'node:url'
import path from 'node:path'
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely'

export const migrationFolder = fileURLToPath(new URL('../../migrations', import.meta.url))

/**
 * Kysely's FileMigrationProvider imports from inside node_modules, where neither tsx nor vitest
 * transforms TypeScript; importing here keeps `.ts` migrations loadable in both.
 */
const folderProvider: MigrationProvider = {
  async getMigrations() {
    const migrations: Record<string, Migration> = {}
    for (const file of (await readdir(migrationFolder)).sort()) {
      if (!/\.(ts|js|mjs)$/.test(file) || file.endsWith('.d.ts')) continue
      migrations[file.replace(/\.(ts|js|mjs)$/, '')] = (await import(pathToFileURL(path.join(migrationFolder, file)).href)) as Migration
    }
    return migrations
  },
}

/**
 * Brings the schema to the latest migration. Kysely's PostgreSQL adapter runs the whole batch in
 * one transaction holding `pg_advisory_xact_lock`, so two processes starting together do not both
 * migrate: the second waits, then finds nothing left to do.
 */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: folderProvider })
  const { error, results } = await migrator.migrateToLatest()
  if (error) throw error instanceof Error ? error : new Error(String(error))
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}
