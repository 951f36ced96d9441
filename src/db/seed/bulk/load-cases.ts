import { sql } from 'kysely'
import postgres from 'postgres'
import { beijingDate } from '../../../domain/beijing-date.ts'
import { loadCalendar } from '../../../features/cases/case-clocks.ts'
import type { PiiCipher } from '../../../privacy/pii-cipher.ts'
import type { Db } from '../../connect.ts'
import { prng } from '../demo-people.ts'
import type { WorkingCalendar } from '../../../domain/working-calendar.ts'
import { onThisThread, onThreads, type BatchRunner, type GeneratedBatch } from './batch-runners.ts'
import { Planner } from './case-plan.ts'
import type { BatchSetup } from './generate-batch.ts'
import { choice } from './choice.ts'
import { CopyLoader } from './copy-loader.ts'
import { IdRanges, PER_CASE, takeCaseNumbers } from './id-ranges.ts'
import { INDUSTRIES } from './organisations.ts'
import { progressBar } from './progress.ts'
import { findRealData, RealDataError } from './real-data.ts'
import { RespondentPool } from './respondent-pool.ts'
import { prepareWorld } from './seed-world.ts'
import { TABLE_NAMES, type TableName } from './tables.ts'
import { casesPerYear, DAY, planTimeline } from './timeline.ts'

export type LoadOptions = {
  /** The database, as a URL too: the load opens a connection per table. */
  url: string
  db: Db
  pii: PiiCipher
  /** The PII key itself, for generator threads (each builds its cipher); without it, one thread. */
  piiKey?: Uint8Array
  /** Generator threads besides this one (0: generate here). */
  threads?: number
  cases: number
  years: number
  now: Date
  /** Mix into a database holding data that is not the seed's. */
  force?: boolean
  /** Same seed, same cases (on the same database state). */
  seed?: number
  /** Progress bar and phase lines on stderr. */
  progress?: boolean
}
export type LoadReport = {
  cases: number; firstCaseId: number; rows: Record<TableName, number>; threads: number
  phases: { name: string; seconds: number }[]; perYear: Map<number, number>
}

/** Nanhai's towns by their share of cases: the two big industrial towns and the city centre lead. */
const TOWN_WEIGHT: Record<string, number> = { 'NH-GC': 24, 'NH-SS': 20, 'NH-DL': 19, 'NH-LS': 11, 'NH-XQ': 9, 'NH-JJ': 7, 'NH-DZ': 10 }
/** About one respondent for every nine cases. */
const CASES_PER_RESPONDENT = 9
const BATCH = 2000

/**
 * N realistic cases of the last `years` years added to PostgreSQL. Phases: the staff and units
 * of the demo district; ids and case numbers taken; every table loaded with COPY on its own
 * connection in one transaction each, secondary indexes dropped first and rebuilt after, while
 * batches of cases are planned here and generated on generator threads; each table's indexes
 * rebuilt and its statistics taken; all committed together.
 */
export async function loadCases(o: LoadOptions): Promise<LoadReport> {
  const phases: { name: string; seconds: number }[] = []
  let mark = Date.now()
  const phase = (name: string) => {
    phases.push({ name, seconds: (Date.now() - mark) / 1000 })
    if (o.progress) process.stderr.write(`  ${name}: ${((Date.now() - mark) / 1000).toFixed(1)} s\n`)
    mark = Date.now()
  }
  const found = await findRealData(o.db)
  if (found && !o.force) throw new RealDataError(found)

  const seed = o.seed ?? 20261122
  const r = prng(seed)
  const world = await prepareWorld(o.db, r)
  const timeline = planTimeline(o.cases, o.years, o.now)
  const perYear = casesPerYear(timeline)
  const [cal, industries] = await Promise.all([loadCalendar(o.db), databaseOrder(o.db, INDUSTRIES)])
  phase('district, staff and plan')

  const admin = postgres(o.url, { max: 1, onnotice: () => {} })
  let loader: CopyLoader | null = null
  let runner: BatchRunner | null = null
  try {
    const townShare = world.towns.map((t) => TOWN_WEIGHT[t.code] ?? 10)
    const shareTotal = townShare.reduce((a, b) => a + b, 0)
    const perTown = world.towns.map((t, i) => ({
      townName: t.name, cases: Math.round((o.cases * townShare[i]!) / shareTotal),
      respondents: Math.max(3, Math.round((o.cases * townShare[i]!) / shareTotal / CASES_PER_RESPONDENT)),
    }))
    const ids = await IdRanges.reserve(admin, o.cases, perTown.reduce((a, t) => a + t.respondents, 0))
    const usccs = new Set((await admin<{ uscc: string }[]>`select uscc from respondents where uscc is not null`).map((x) => x.uscc))
    loader = await CopyLoader.open(o.url, TABLE_NAMES, (t) => (t === 'cases' ? '1GB' : '256MB'))
    const caseNo = await takeCaseNumbers(loader.sql('cases'), perYear)
    await loader.dropIndexes()
    await loader.startCopies()
    const sink = loader.sink
    const pool = new RespondentPool(perTown, ids.first('respondents'), r, usccs, (resp, extra) => {
      ids.next('respondents')
      sink('respondents', { id: resp.id, name: resp.name, industry: resp.industry, created_by: null, created_at: timeline.first - r.int(1, 400) * DAY, ...extra })
    })
    const setup: BatchSetup = {
      world, pii: o.pii, cal, today: beijingDate(o.now), now: o.now.getTime(), limit: o.now.getTime() - 5 * 60_000, industries, seed,
      firstIds: Object.fromEntries(TABLE_NAMES.filter((t) => t !== 'cases' && PER_CASE[t] !== undefined).map((t) => [t, ids.first(t)])), batchSize: BATCH,
    }
    runner = (o.threads && o.piiKey ? await onThreads(o.threads, {
      ...setup, pii: undefined, cal: undefined, key: o.piiKey, fingerprint: o.pii.fingerprint, calendar: calendarRows(cal),
    } as never) : null) ?? onThisThread(setup)
    phase(`ids, case numbers, indexes dropped, ${runner.threads || 'no'} generator threads`)

    const pickTown = choice(world.towns.map((_, i) => [i, townShare[i]!] as const))
    const planner = new Planner(timeline, pool, pickTown, caseNo, ids.first('cases'), r, () => ids.next('collective_groups'), sink)
    const bar = o.progress ? progressBar('cases  ', o.cases) : null
    const lastIds = new Map<TableName, number>([['cases', ids.first('cases') + o.cases - 1]])
    const batches = Math.ceil(o.cases / BATCH)
    const inFlight: Promise<GeneratedBatch>[] = []
    let planned = 0
    for (let written = 0; written < batches; written++) {
      while (planned < batches && inFlight.length < Math.max(2, runner.threads * 3)) {
        const plans = []
        for (let i = planned * BATCH; i < Math.min(o.cases, (planned + 1) * BATCH); i++) plans.push(planner.plan(i))
        inFlight.push(runner.run(planned++, plans))
      }
      const batch = await inFlight.shift()!
      for (const c of batch.chunks) loader.write(c.table, c.data, batch.rows[c.table] ?? 0)
      for (const [t, id] of Object.entries(batch.lastIds) as [TableName, number][]) lastIds.set(t, Math.max(lastIds.get(t) ?? 0, id))
      loader.check()
      bar?.update(Math.min(o.cases, (written + 1) * BATCH))
      // Lets the spool pumps send what was just written.
      await new Promise((resolve) => setImmediate(resolve))
    }
    bar?.done()
    phase('generate (COPY under way)')

    const steps = o.progress ? progressBar('tables ', loader.steps) : null
    let done = 0
    const rows = await loader.finish(() => steps?.update(++done))
    steps?.done()
    phase('finish COPY, rebuild indexes, analyze')
    await noteChange(loader.sql('cases'))
    await loader.commit()
    await ids.settle(admin, lastIds)
    phase('commit')
    return { cases: o.cases, firstCaseId: ids.first('cases'), rows, threads: runner.threads, phases, perYear }
  } finally {
    await runner?.close()
    await loader?.close()
    await admin.end({ timeout: 5 })
  }
}

/** The calendar as rows again, for a generator thread to rebuild. */
function calendarRows(cal: WorkingCalendar) {
  return {
    rows: [...[...cal.restDays].map((day) => ({ day, kind: 'rest' as const })), ...[...cal.makeupWorkdays].map((day) => ({ day, kind: 'makeup_workday' as const }))],
    years: [...cal.loadedYears],
  }
}

/**
 * The load skips triggers, so it tells what they would have: the cases changed (the number a
 * process's cached dashboard is checked against, migration data_version), in the same transaction.
 */
async function noteChange(sql: postgres.Sql): Promise<void> {
  const [row] = await sql<{ t: string | null }[]>`select to_regclass('data_versions')::text as t`
  if (row?.t) await sql`update data_versions set version = version + 1 where name = 'cases'`
}

/** Values in the order the database sorts them (its collation), as the case_facts trigger's `order by`. */
async function databaseOrder(db: Db, values: readonly string[]): Promise<string[]> {
  const { rows } = await sql<{ v: string }>`select v from unnest(${[...values]}::text[]) as v order by v`.execute(db)
  return rows.map((row) => row.v)
}

