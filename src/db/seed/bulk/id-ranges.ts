import type postgres from 'postgres'
import { formatCaseNumber } from '../../../domain/case-number.ts'
import type { Ids } from './case-story.ts'
import { IDENTITY_TABLES, type TableName } from './tables.ts'

/**
 * Ids the seed assigns itself: before the load each identity sequence is moved past a block of
 * ids big enough for what the seed can write (cases: exactly n; child rows: a bound per case), so
 * an app writing meanwhile takes ids above the block. Batches of cases are generated in parallel,
 * so each batch takes its own part of a table's block (batchIds): child ids rise with the cases but
 * leave gaps. Afterwards, if nobody else took any, the sequence is set to the last id used.
 */
export const PER_CASE: Partial<Record<TableName, number>> = {
  cases: 1, workers: 6, claims: 6, case_events: 80, case_legs: 3, mediation_sessions: 5, agreements: 2, agreement_items: 8,
  agreement_instalments: 12, agreement_payments: 12, consultation_notes: 2, court_linkages: 3, attachments: 3,
  mediation_extensions: 1, limitation_events: 1, collective_groups: 1,
}

type Block = { seq: string; first: number; last: number; next: number }

export class IdRanges implements Ids {
  private constructor(private readonly blocks: Map<TableName, Block>) {}

  static async reserve(sql: postgres.Sql, cases: number, respondents: number): Promise<IdRanges> {
    const blocks = new Map<TableName, Block>()
    for (const table of IDENTITY_TABLES) {
      const size = table === 'respondents' ? respondents : cases * PER_CASE[table]!
      const [{ seq }] = (await sql`select pg_get_serial_sequence(${table}, 'id') as seq`) as unknown as [{ seq: string }]
      // Table and sequence names are ours (tables.ts, and what PostgreSQL named the identity), never input.
      const [{ first }] = (await sql.unsafe(`select greatest((select coalesce(max(id), 0) from ${table}),
        (select case when is_called then last_value else 0 end from ${seq})) + 1 as first`)) as unknown as [{ first: string }]
      const start = Number(first)
      await sql`select setval(${seq}::regclass, ${start + size - 1})`
      blocks.set(table, { seq, first: start, last: start + size - 1, next: start })
    }
    return new IdRanges(blocks)
  }

  /** The next id of a table whose rows are written in order on this thread (respondents, collective groups). */
  next(table: TableName): number {
    const b = this.blocks.get(table)!
    if (b.next > b.last) throw new Error(`${table}: more rows than the ${b.last - b.first + 1} ids reserved`)
    return b.next++
  }

  first(table: TableName): number {
    return this.blocks.get(table)!.first
  }

  /** Closes each block at the last id used, unless another writer has moved the sequence since. */
  async settle(sql: postgres.Sql, lastUsed: ReadonlyMap<TableName, number>): Promise<void> {
    for (const [table, b] of this.blocks) {
      const last = Math.max(b.next - 1, lastUsed.get(table) ?? 0)
      await sql.unsafe(`select case when last_value = $1 then setval($2::regclass, $3, $4) end from ${b.seq}`, [b.last, b.seq, Math.max(last, 1), last >= 1])
    }
  }
}

/**
 * Case numbers, gap-free per year: the counter of each year is raised by that year's cases in the
 * cases table's loading transaction, which holds the rows until it commits; a concurrent intake
 * waits for it and then continues after the seed's numbers.
 */
export async function takeCaseNumbers(sql: postgres.Sql, perYear: Map<number, number>): Promise<(year: number) => string> {
  const next = new Map<number, number>()
  for (const [year, count] of [...perYear].sort(([a], [b]) => a - b)) {
    const [row] = await sql<{ last_seq: number }[]>`
      insert into case_counters (year, last_seq) values (${year}, ${count})
      on conflict (year) do update set last_seq = case_counters.last_seq + excluded.last_seq
      returning last_seq`
    next.set(year, row!.last_seq - count + 1)
  }
  return (year) => {
    const seq = next.get(year)
    if (seq === undefined) throw new Error(`no case numbers taken for ${year}`)
    next.set(year, seq + 1)
    return formatCaseNumber(year, seq)
  }
}

/** A batch's part of each child table's block: as many ids as its cases may need, from where its cases start. */
export function batchIds(firsts: Partial<Record<TableName, number>>, firstCase: number, cases: number): Ids & { lastUsed(): Partial<Record<TableName, number>> } {
  const next: Partial<Record<TableName, number>> = {}
  const limit: Partial<Record<TableName, number>> = {}
  for (const [table, per] of Object.entries(PER_CASE) as [TableName, number][]) {
    if (firsts[table] === undefined) continue
    next[table] = firsts[table]! + firstCase * per
    limit[table] = next[table]! + cases * per
  }
  const start = { ...next }
  return {
    next(table) {
      const id = next[table]
      if (id === undefined || id >= limit[table]!) throw new Error(`${table}: no id left in this batch's block`)
      next[table] = id + 1
      return id
    },
    lastUsed: () => Object.fromEntries(Object.entries(next).filter(([t, n]) => n! > start[t as TableName]!).map(([t, n]) => [t, n! - 1])),
  }
}
