import { loadCurrentUser } from '../../auth/auth.queries.ts'
import type { Db } from '../../db/connect.ts'
import { beijingDate } from '../../domain/beijing-date.ts'
import { hasAnyRole } from '../../domain/roles.ts'
import { isLocale, translator } from '../../i18n/i18n.ts'
import type { PiiCipher } from '../../privacy/pii-cipher.ts'
import { insertAudit } from '../audit/audit.queries.ts'
import { caseColumns, caseRows, resolveCaseExport } from './case-export.ts'
import { fileChunks } from './export-response.ts'
import { exportLimits } from './export-limits.ts'
import { EXPORTERS } from './exporters.ts'
import {
  claimJob, countCasesUpTo, deleteExpiredJobs, deleteJobChunks, failJob, finishJob, giveUpStaleJobs, insertJobChunk, reportProgress,
  requeueJob,
} from './exports.queries.ts'
import { countRows, type ExportFormat } from './sheet.ts'

// Kept here too for the case list, which imports it from this module.

export type JobDeps = { pii: PiiCipher; now?: () => Date }

type Claimed = NonNullable<Awaited<ReturnType<typeof claimJob>>>

/** Another process took the job over (this one was presumed dead): stop without touching it. */
class LostClaim extends Error {}
/** This process is shutting down: the job goes back to the queue. */
class Stopping extends Error {}

// One drain of the queue at a time per database handle in this process: a job created while one
// runs is picked up by the same drain, and whoever asks (the poller, a request, a test) waits for it.
const drains = new WeakMap<Db, { current: Promise<number>; again: boolean }>()
const stopping = new WeakSet<Db>()

/**
 * Runs every waiting job, one after another, and resolves with how many this call finished or
 * failed. Other processes on the same PostgreSQL run other jobs at the same time (SKIP LOCKED).
 */
export function runPendingExportJobs(db: Db, deps: JobDeps): Promise<number> {
  const running = drains.get(db)
  if (running) {
    running.again = true
    return running.current
  }
  const state = { current: Promise.resolve(0), again: false }
  state.current = (async () => {
    let handled = 0
    try {
      do {
        state.again = false
        handled += await drainQueue(db, deps)
      } while (state.again && !stopping.has(db))
    } finally {
      drains.delete(db)
    }
    return handled
  })()
  drains.set(db, state)
  return state.current
}

async function drainQueue(db: Db, deps: JobDeps): Promise<number> {
  const now = deps.now ?? (() => new Date())
  let handled = 0
  while (!stopping.has(db)) {
    const staleBefore = new Date(now().getTime() - exportLimits.staleMs)
    await giveUpStaleJobs(db, now(), staleBefore, exportLimits.maxAttempts)
    const job = await claimJob(db, now(), staleBefore)
    if (!job) break
    await runJob(db, job, deps.pii, now)
    handled++
  }
  return handled
}

/** Joins pieces into stored chunks of about `size` bytes. */
function chunker(size: number) {
  let parts: Uint8Array[] = []
  let length = 0
  return {
    add(piece: Uint8Array): Uint8Array | null {
      parts.push(piece)
      length += piece.length
      return length >= size ? this.flush() : null
    },
    flush(): Uint8Array | null {
      if (!length) return null
      const out = Buffer.concat(parts, length)
      parts = []
      length = 0
      return out
    },
  }
}

async function runJob(db: Db, job: Claimed, pii: PiiCipher, now: () => Date) {
  try {
    // The job runs as its user now, not as they were when they asked: a user disabled or stripped
    // of the role since gets nothing, and the scope is today's.
    const user = await loadCurrentUser(db, job.user_id)
    if (!user || !hasAnyRole(user.roles, EXPORTERS)) return await failJob(db, job, 'user', now())
    const t = translator(isLocale(job.locale) ? job.locale : 'zh-CN')
    const e = await resolveCaseExport(db, user, pii, Object.fromEntries(new URLSearchParams(job.filter)), beijingDate(now()))
    if (e.personalSearch) return await failJob(db, job, 'filter', now())
    if (!(await reportProgress(db, job, { rowsDone: 0, rowsTotal: await countCasesUpTo(db, e.conditions) }, now()))) throw new LostClaim()
    // What an earlier attempt (a process that died) stored is started again from scratch.
    await deleteJobChunks(db, job.id)

    let rows = 0
    const batches = countRows(caseRows(db, t, e), async (n) => {
      if (stopping.has(db)) throw new Stopping()
      rows += n
      if (!(await reportProgress(db, job, { rowsDone: rows }, now()))) throw new LostClaim()
    })
    const pieces = chunker(exportLimits.chunkBytes)
    let seq = 0
    let bytes = 0
    const store = async (data: Uint8Array | null) => {
      if (!data) return
      // The claim is checked in the same transaction as the write: a process whose claim was
      // taken over cannot add a chunk to the new attempt's file.
      await db.transaction().execute(async (trx) => {
        if (!(await reportProgress(trx, job, { rowsDone: rows }, now()))) throw new LostClaim()
        await insertJobChunk(trx, job.id, seq, data)
      })
      seq++
      bytes += data.length
    }
    for await (const piece of fileChunks(job.format as ExportFormat, caseColumns(t), batches, 'cases')) await store(pieces.add(piece))
    await store(pieces.flush())

    await db.transaction().execute(async (trx) => {
      if (!(await finishJob(trx, job, { rows, bytes, chunks: seq }, now()))) throw new LostClaim()
      await insertAudit(trx, {
        at: now(),
        actor_id: user.id,
        actor_username: user.username,
        actor_roles: user.roles,
        actor_org_unit_id: user.orgUnit.id,
        ip: null,
        request_id: job.request_id,
        event: 'export',
        object_type: 'export_job',
        object_id: String(job.id),
        outcome: 'success',
        details: { kind: job.kind, format: job.format, filter: job.filter, rows, job: job.id },
      })
    })
  } catch (e) {
    if (e instanceof LostClaim) return
    if (e instanceof Stopping) return await requeueJob(db, job)
    console.error(`Export job ${job.id} failed:`, e)
    await failJob(db, job, 'error', now()).catch(() => {})
  }
}

/**
 * The background worker of `npm start`: runs waiting jobs every few seconds (a job is also started
 * right after it is created), and deletes jobs and files past their keeping time once an hour.
 * stop() lets the running job put itself back in the queue, then resolves.
 */
export function startExportWorker(db: Db, deps: { pii: PiiCipher; pollMs?: number }) {
  let lastCleanup = 0
  const tick = async () => {
    if (Date.now() - lastCleanup > 3_600_000) {
      lastCleanup = Date.now()
      await deleteExpiredJobs(db, new Date(Date.now() - exportLimits.keepDays * 86_400_000))
    }
    await runPendingExportJobs(db, { pii: deps.pii })
  }
  const run = () => void tick().catch((e) => console.error('Export jobs:', e))
  const timer = setInterval(run, deps.pollMs ?? 3000)
  run()
  return {
    async stop() {
      clearInterval(timer)
      stopping.add(db)
      await drains.get(db)?.current.catch(() => 0)
    },
  }
}
