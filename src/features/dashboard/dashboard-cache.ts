import type { Db } from '../../db/connect.ts'

export interface DataVersionsTable {
  name: string
  /** int8 as a string: bumped once by every transaction that commits a change to cases, people or units. */
  version: string
}

/** What the dashboard reads changed since `version` was read? One primary-key lookup. */
export async function casesVersion(db: Db): Promise<string> {
  const row = await db.selectFrom('data_versions').select('version').where('name', '=', 'cases').executeTakeFirst()
  return row?.version ?? '0'
}

/**
 * Computed dashboards, kept while the data they were computed from stays the same. A manager
 * opens the same period again and again, and a district's figures cost a second of database time
 * over a million cases; a changed case moves the version and the next view recomputes. Exact,
 * because the version is read before the figures: data newer than the version can only make an
 * entry fresher than its label, never staler. Each process keeps its own.
 */
export class VersionedCache<T> {
  private entries = new Map<string, { version: string; value: T }>()
  constructor(private readonly capacity = 200) {}

  async get(db: Db, key: string, compute: () => Promise<T>): Promise<T> {
    const version = await casesVersion(db)
    const hit = this.entries.get(key)
    if (hit && hit.version === version) {
      // Least recently used leaves first: a Map iterates in insertion order.
      this.entries.delete(key)
      this.entries.set(key, hit)
      return hit.value
    }
    const value = await compute()
    this.entries.delete(key)
    this.entries.set(key, { version, value })
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!)
    return value
  }
}
