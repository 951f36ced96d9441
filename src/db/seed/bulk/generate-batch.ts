import type { WorkingCalendar } from '../../../domain/working-calendar.ts'
import type { PiiCipher } from '../../../privacy/pii-cipher.ts'
import { prng } from '../demo-people.ts'
import { endCase } from './case-ending.ts'
import { takeIn } from './case-intake.ts'
import { live } from './case-life.ts'
import type { CasePlan } from './case-plan.ts'
import type { Gen } from './case-story.ts'
import { CopyBuffer } from './copy-format.ts'
import { batchIds } from './id-ranges.ts'
import type { World } from './seed-world.ts'
import { TABLES, WRITERS, type TableName } from './tables.ts'

/** What every batch needs, the same for the whole run (and for every thread). */
export type BatchSetup = {
  world: World
  pii: PiiCipher
  cal: WorkingCalendar
  today: string
  now: number
  limit: number
  /** Industries in the database's sort order. */
  industries: string[]
  seed: number
  /** The first reserved id of each child table. */
  firstIds: Partial<Record<TableName, number>>
  batchSize: number
}
export type BatchResult = { index: number; chunks: { table: TableName; data: Uint8Array }[]; rows: Partial<Record<TableName, number>>; lastIds: Partial<Record<TableName, number>> }

/** Cases of one batch, whole (intake, life, ending), as COPY input per table (UTF-8 bytes). */
export function generateBatch(setup: BatchSetup, index: number, plans: readonly CasePlan[]): BatchResult {
  const lanes = new Map((Object.keys(TABLES) as TableName[]).map((t) => [t, { out: new CopyBuffer(), write: WRITERS[t] }]))
  const rank = new Map(setup.industries.map((x, i) => [x, i]))
  const ids = batchIds(setup.firstIds, index * setup.batchSize, plans.length)
  const gen: Gen = {
    ids, now: setup.now, limit: setup.limit, today: setup.today, cal: setup.cal,
    sink: (table, row) => {
      const lane = lanes.get(table)!
      lane.write(lane.out, row)
    },
    sortIndustries: (values) => values.sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0)),
  }
  // Each batch draws from a source of its own: the same cases whichever thread, whatever order.
  const r = prng(Math.imul(setup.seed ^ 0x5bd1e995, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b))
  for (const plan of plans) {
    const story = takeIn(gen, setup, r, plan)
    live(story, r, setup.world.towns)
    endCase(story)
  }
  const used = [...lanes].filter(([, l]) => l.out.rows > 0)
  return {
    index, rows: Object.fromEntries(used.map(([t, l]) => [t, l.out.rows])), chunks: used.map(([table, l]) => ({ table, data: l.out.take() })), lastIds: ids.lastUsed(),
  }
}
