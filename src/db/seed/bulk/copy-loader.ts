import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Writable } from 'node:stream'
import postgres from 'postgres'
import { CopyBuffer, copyStatement, type Row } from './copy-format.ts'
import { Spool } from './spool.ts'
import { TABLES, WRITERS, type TableName } from './tables.ts'

type Sql = postgres.Sql
type Lane = {
  table: TableName; sql: Sql; spool: Spool; pending: CopyBuffer; rows: number
  stream: Writable | null; pumping: Promise<void> | null; indexes: { name: string; def: string }[]
}

const FLUSH_BYTES = 256 * 1024

/**
 * One connection per table, each in a transaction for the whole load: it drops the table's
 * secondary indexes, streams its rows with COPY (through a spool file, spool.ts), rebuilds the
 * indexes, takes the table's statistics and, once every table has done so, commits. A failure
 * anywhere rolls every table back, indexes included. The connections run with
 * session_replication_role = replica, which skips triggers and foreign-key checks: the generator
 * writes consistent rows and the case facts the triggers would keep (it needs a superuser, or a
 * role granted that setting).
 */
export class CopyLoader {
  private readonly lanes = new Map<TableName, Lane>()
  private failure: Error | null = null

  private constructor(private readonly dir: string) {}

  static async open(url: string, tables: readonly TableName[], memory: (t: TableName) => string): Promise<CopyLoader> {
    const loader = new CopyLoader(mkdtempSync(path.join(tmpdir(), 'fq-bulk-seed-')))
    for (const table of tables) {
      const sql = postgres(url, {
        max: 1, onnotice: () => {},
        connection: { application_name: 'fengqiao-bulk-seed', session_replication_role: 'replica', statement_timeout: 0, synchronous_commit: 'off', maintenance_work_mem: memory(table) },
      })
      loader.lanes.set(table, { table, sql, spool: new Spool(path.join(loader.dir, `${table}.copy`)), pending: new CopyBuffer(), rows: 0, stream: null, pumping: null, indexes: [] })
    }
    await Promise.all([...loader.lanes.values()].map((l) => l.sql`begin`))
    return loader
  }

  /** The connection of a table's lane, inside its transaction (e.g. to take the case numbers there). */
  sql(table: TableName): Sql {
    return this.lanes.get(table)!.sql
  }

  /**
   * Drops secondary indexes (never a primary key or a unique index) until the rebuild, saving their
   * definitions. Each table's are rebuilt on its own connection, all tables at once, so the case
   * table keeps its B-tree indexes: they take the rows in the order they come (by time, by case),
   * which is cheap, and rebuilt one after another they would outlast the rest. Its GIN indexes go:
   * adding a row's tokens one row at a time is what costs.
   */
  async dropIndexes(): Promise<void> {
    const sql = this.lanes.values().next().value!.sql
    const rows = await sql<{ table: TableName; name: string; def: string }[]>`
      select c.relname as table, ic.relname as name, pg_get_indexdef(i.indexrelid) as def
      from pg_index i join pg_class c on c.oid = i.indrelid join pg_class ic on ic.oid = i.indexrelid
      join pg_namespace n on n.oid = c.relnamespace join pg_am am on am.oid = ic.relam
      where n.nspname = current_schema() and c.relname in ${sql([...this.lanes.keys()])}
        and not i.indisunique and not i.indisprimary and (c.relname <> 'cases' or am.amname <> 'btree')
      order by c.relname, ic.relname`
    for (const row of rows) this.lanes.get(row.table)!.indexes.push({ name: row.name, def: row.def })
    await Promise.all([...this.lanes.values()].map(async (l) => {
      for (const ix of l.indexes) await l.sql.unsafe(`drop index ${quote(ix.name)}`)
    }))
  }

  async startCopies(): Promise<void> {
    await Promise.all([...this.lanes.values()].map(async (l) => {
      const stream = await l.sql.unsafe(copyStatement(TABLES[l.table])).writable()
      stream.on('error', (e: Error) => { this.failure ??= e })
      l.stream = stream
      l.pumping = l.spool.pump(stream, () => this.failure)
      l.pumping.catch((e: Error) => { this.failure ??= e })
    }))
  }

  readonly sink = (table: TableName, row: Row): void => {
    const l = this.lanes.get(table)!
    WRITERS[table](l.pending, row)
    l.rows++
    if (l.pending.size >= FLUSH_BYTES) l.spool.write(l.pending.take())
  }

  /** Rows already in COPY form (a generated batch's), counted by the caller. */
  write(table: TableName, data: Uint8Array, rows: number): void {
    const l = this.lanes.get(table)!
    if (l.pending.size) l.spool.write(l.pending.take())
    l.spool.write(data)
    l.rows += rows
  }

  /** Throws the first failure of any lane (a rejected row, a lost connection). */
  check(): void {
    if (this.failure) throw this.failure
  }

  /** Bytes written and not yet sent, over all tables. */
  get backlog(): number {
    return [...this.lanes.values()].reduce((a, l) => a + l.spool.size, 0)
  }

  /**
   * Every table at once: the rest of its rows sent, its dropped indexes rebuilt from their saved
   * definitions, then ANALYZE, still in its transaction (ANALYZE counts the transaction's own rows).
   * So the other tables' work runs beside the case table's long text-search index.
   */
  async finish(onStep: (what: string) => void): Promise<Record<TableName, number>> {
    await Promise.all([...this.lanes.values()].map(async (l) => {
      if (l.pending.size) l.spool.write(l.pending.take())
      l.spool.finish()
      await l.pumping
      await new Promise<void>((resolve, reject) => {
        l.stream!.once('error', reject)
        l.stream!.end(resolve)
      })
      this.check()
      onStep(`${l.table} loaded`)
      for (const ix of l.indexes) {
        await l.sql.unsafe(ix.def)
        onStep(ix.name)
      }
      await l.sql.unsafe(`analyze ${l.table}`)
      onStep(`analyze ${l.table}`)
    }))
    return Object.fromEntries([...this.lanes.values()].map((l) => [l.table, l.rows])) as Record<TableName, number>
  }

  /** How many steps finish() reports. */
  get steps(): number {
    return [...this.lanes.values()].reduce((a, l) => a + l.indexes.length + 2, 0)
  }

  async commit(): Promise<void> {
    for (const l of this.lanes.values()) await l.sql`commit`
  }

  /** Rolls back whatever is still open, closes every connection and removes the spool files. */
  async close(): Promise<void> {
    this.failure ??= new Error('closed')
    await Promise.all([...this.lanes.values()].map(async (l) => {
      l.stream?.destroy()
      await l.pumping?.catch(() => {})
      await l.sql.end({ timeout: 5 }).catch(() => {})
      l.spool.close()
    }))
    rmSync(this.dir, { recursive: true, force: true })
  }
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`
