import { sql, type Expression, type SqlBool } from 'kysely'
import type { Db } from '../../db/connect.ts'
import { atMicros, nextClock, reportedMicros } from '../cases/cases.queries.ts'

// Every query of the exports feature. The case conditions come from the case list's own
// listConditions (which applies caseVisibleTo); nothing here widens them.

type Condition = Expression<SqlBool>

/** Where the previous batch ended: reported_at in whole microseconds (exact on both drivers) and the id. */
export type BatchCursor = { micros: string; id: number }


/** How many cases match, counted up to `cap` (the caller asks one more than its threshold). */
export async function countCasesUpTo(db: Db, conditions: Condition[], cap?: number): Promise<number> {
  let hits = db.selectFrom('cases').select('cases.id').where((w) => w.and(conditions))
  if (cap !== undefined) hits = hits.limit(cap)
  const row = await db.selectFrom(hits.as('hit')).select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

/**
 * One batch of the export, newest first, keyset-paged on (reported_at, id) like the case list:
 * each batch is one index range, so the millionth row costs what the first did.
 */
export function caseExportBatch(db: Db, conditions: Condition[], after: BatchCursor | null, limit: number) {
  const keyset = after ? [sql<boolean>`(cases.reported_at, cases.id) < (${atMicros(after.micros)}, ${after.id})`] : []
  return db
    .selectFrom('cases')
    .leftJoin('users as mediator', 'mediator.id', 'cases.assigned_mediator_id')
    .leftJoinLateral((j) => nextClock(j), (join) => join.onTrue())
    .select([
      'cases.id', 'cases.case_no', 'cases.reported_at', 'cases.org_unit_id', 'cases.workers_involved', 'cases.dispute_types',
      'cases.channel', 'cases.risk_level', 'cases.status', 'cases.route', 'mediator.display_name as mediator_name',
      'next_clock.due_on as clock_due', 'cases.closure_reason', 'cases.closed_at', 'cases.resolution_level',
      'cases.claimed_total_fen', 'cases.recovered_fen', reportedMicros.as('micros'),
    ])
    .where((w) => w.and([...conditions, ...keyset]))
    .orderBy('cases.reported_at', 'desc')
    .orderBy('cases.id', 'desc')
    .limit(limit)
    .execute()
}

/** The first listed worker's masked phone (the order workerSummaries names them in). Never the ciphertext. */
export async function firstWorkerPhones(db: Db, caseIds: number[]) {
  if (!caseIds.length) return new Map<number, string>()
  const rows = await db.selectFrom('workers')
    .distinctOn('case_id')
    .select(['case_id', 'phone_masked'])
    .where(sql<boolean>`case_id = any(${caseIds}::int[])`)
    .orderBy('case_id').orderBy('position').orderBy('id')
    .execute()
  return new Map(rows.flatMap((r) => (r.phone_masked ? [[r.case_id, r.phone_masked] as const] : [])))
}

// Rate limit (reliability P4): exports written to the audit log in the last hour, and jobs that
// will write one when they finish.

export async function exportsWithinHour(db: Db, userId: number, now: Date): Promise<{ count: number; oldest: Date | null }> {
  const since = new Date(now.getTime() - 3_600_000)
  const audited = await db.selectFrom('audit_log')
    .select([sql<string>`count(*)`.as('n'), sql<Date | null>`min(at)`.as('oldest')])
    .where('actor_id', '=', userId)
    .where('at', '>', since)
    .where('event', '=', 'export')
    .where('outcome', '<>', 'denied')
    .executeTakeFirstOrThrow()
  const pending = await db.selectFrom('export_jobs')
    .select(sql<string>`count(*)`.as('n'))
    .where('user_id', '=', userId)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirstOrThrow()
  const oldest = audited.oldest === null ? null : new Date(audited.oldest)
  return { count: Number(audited.n) + Number(pending.n), oldest }
}

// Background jobs.

export type NewExportJob = { userId: number; kind: 'cases'; format: 'csv' | 'xlsx'; filter: string; locale: string; filename: string; requestId: string }

export async function insertExportJob(db: Db, job: NewExportJob, now: Date): Promise<number> {
  const row = await db.insertInto('export_jobs')
    .values({
      user_id: job.userId, kind: job.kind, format: job.format, filter: job.filter, locale: job.locale,
      filename: job.filename, request_id: job.requestId, created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

const JOB_COLUMNS = [
  'id', 'user_id', 'kind', 'format', 'filter', 'locale', 'status', 'rows_done', 'rows_total', 'bytes', 'chunks', 'filename',
  'error', 'attempts', 'request_id', 'created_at', 'started_at', 'finished_at',
] as const

export type ExportJob = NonNullable<Awaited<ReturnType<typeof findOwnJob>>>

/** A job only its owner may see: anyone else's is as missing as a job that never was. */
export function findOwnJob(db: Db, userId: number, id: number) {
  return db.selectFrom('export_jobs').select(JOB_COLUMNS).where('id', '=', id).where('user_id', '=', userId).executeTakeFirst()
}

export function recentOwnJobs(db: Db, userId: number, limit = 50) {
  return db.selectFrom('export_jobs').select(JOB_COLUMNS).where('user_id', '=', userId)
    .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute()
}

/**
 * A running job whose process stopped reporting (it crashed, or was killed) is given up once it
 * has been tried `maxAttempts` times; before that, claimJob takes it over.
 */
export async function giveUpStaleJobs(db: Db, now: Date, staleBefore: Date, maxAttempts: number) {
  await db.updateTable('export_jobs')
    .set({ status: 'failed', error: 'stalled', finished_at: now })
    .where('status', '=', 'running')
    .where('heartbeat_at', '<', staleBefore)
    .where('attempts', '>=', maxAttempts)
    .execute()
}

/**
 * Takes the oldest waiting job, or a running one whose process went quiet. SKIP LOCKED lets
 * several processes claim at once without waiting for each other or taking the same job; the
 * raised `attempts` is the claim's token, so a process that was presumed dead cannot keep writing.
 */
export async function claimJob(db: Db, now: Date, staleBefore: Date) {
  const candidate = db.selectFrom('export_jobs').select('id')
    .where((w) => w.or([w('status', '=', 'queued'), w.and([w('status', '=', 'running'), w('heartbeat_at', '<', staleBefore)])]))
    .orderBy('id')
    .limit(1)
    .forUpdate()
    .skipLocked()
  return db.updateTable('export_jobs')
    .set((s) => ({ status: 'running', started_at: now, heartbeat_at: now, rows_done: 0, attempts: s('attempts', '+', 1) }))
    .where('id', '=', candidate)
    .returning(JOB_COLUMNS)
    .executeTakeFirst()
}

/** Progress, written only while this claim still holds the job; false means another process took it. */
export async function reportProgress(db: Db, job: { id: number; attempts: number }, progress: { rowsDone: number; rowsTotal?: number }, now: Date) {
  const res = await db.updateTable('export_jobs')
    .set({ rows_done: progress.rowsDone, heartbeat_at: now, ...(progress.rowsTotal !== undefined ? { rows_total: progress.rowsTotal } : {}) })
    .where('id', '=', job.id).where('attempts', '=', job.attempts).where('status', '=', 'running')
    .executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}

export async function deleteJobChunks(db: Db, jobId: number) {
  await db.deleteFrom('export_job_chunks').where('job_id', '=', jobId).execute()
}

export async function insertJobChunk(db: Db, jobId: number, seq: number, data: Uint8Array) {
  await db.insertInto('export_job_chunks').values({ job_id: jobId, seq, data }).execute()
}

export async function finishJob(db: Db, job: { id: number; attempts: number }, done: { rows: number; bytes: number; chunks: number }, now: Date) {
  const res = await db.updateTable('export_jobs')
    .set({ status: 'done', rows_done: done.rows, rows_total: done.rows, bytes: String(done.bytes), chunks: done.chunks, finished_at: now, heartbeat_at: now })
    .where('id', '=', job.id).where('attempts', '=', job.attempts).where('status', '=', 'running')
    .executeTakeFirst()
  return Number(res.numUpdatedRows) === 1
}

export async function failJob(db: Db, job: { id: number; attempts: number }, error: string, now: Date) {
  await db.updateTable('export_jobs')
    .set({ status: 'failed', error, finished_at: now })
    .where('id', '=', job.id).where('attempts', '=', job.attempts).where('status', '=', 'running')
    .execute()
}

/** Back in the queue (the process is shutting down): another process, or this one after its restart, runs it. */
export async function requeueJob(db: Db, job: { id: number; attempts: number }) {
  await db.updateTable('export_jobs')
    .set({ status: 'queued', rows_done: 0, heartbeat_at: null })
    .where('id', '=', job.id).where('attempts', '=', job.attempts).where('status', '=', 'running')
    .execute()
}

/** One stored piece of a finished file: read one at a time, so serving it holds ~1 MiB. */
export async function jobChunk(db: Db, jobId: number, seq: number): Promise<Uint8Array | null> {
  const row = await db.selectFrom('export_job_chunks').select('data').where('job_id', '=', jobId).where('seq', '=', seq).executeTakeFirst()
  return row ? row.data : null
}

/** Jobs and files older than the retention period; the chunks go with their job (on delete cascade). */
export async function deleteExpiredJobs(db: Db, before: Date): Promise<number> {
  const res = await db.deleteFrom('export_jobs').where('created_at', '<', before).executeTakeFirst()
  return Number(res.numDeletedRows)
}
