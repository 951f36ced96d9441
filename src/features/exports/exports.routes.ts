import { Hono, type Context } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { allow } from '../../auth/access.ts'
import { beijingDate } from '../../domain/beijing-date.ts'
import { fragment, page } from '../../http/render.ts'
import { isMessageKey, type Translate } from '../../i18n/i18n.ts'
import { recordAudit } from '../audit/audit.ts'
import { caseColumns, caseRows, exceedsStreamLimit, resolveCaseExport } from './case-export.ts'
import { runPendingExportJobs } from './export-jobs.ts'
import { EXPORTERS } from './exporters.ts'
import { exportLimits } from './export-limits.ts'
import { exportFilename, fileHeaders, refuseOverLimit, streamExport } from './export-response.ts'
import { findOwnJob, insertExportJob, jobChunk, recentOwnJobs, type ExportJob } from './exports.queries.ts'
import { EXPORT_FORMATS, type ExportFormat } from './sheet.ts'

type C = Context<AppEnv>

const count = (n: number) => n.toLocaleString('en-US')
const listHref = (query: string) => (query ? `/cases?${query}` : '/cases')

/** The filtered case list as a file, streamed; too large a one is offered as a background job instead. */
async function caseExport(c: C, format: ExportFormat) {
  const t = c.get('t')
  const db = c.get('db')
  const e = await resolveCaseExport(db, c.get('user')!, c.get('pii'), c.req.query(), beijingDate(c.get('now')()))
  const refused = await refuseOverLimit(c, { kind: 'cases', format, filter: e.auditQuery })
  if (refused) return refused
  // A search by phone or ID number finds one person's few cases: it always streams, and so its
  // number never has to be stored in a job.
  if (!e.personalSearch && (await exceedsStreamLimit(db, e))) {
    return page(c, 'exports/large', {
      title: t('exports.large.title'),
      threshold: count(exportLimits.streamRows),
      format,
      formatLabel: t(`exports.format.${format}`),
      filter: e.query,
      listHref: listHref(e.query),
    })
  }
  return streamExport(c, { format, stem: 'cases', columns: caseColumns(t), batches: caseRows(db, t, e), audit: { kind: 'cases', filter: e.auditQuery } })
}

function jobView(t: Translate, j: ExportJob) {
  const error = j.error && `exports.job.error.${j.error}`
  return {
    id: j.id,
    href: `/exports/jobs/${j.id}`,
    status: t(`exports.job.status.${j.status as 'queued' | 'running' | 'done' | 'failed'}`),
    polling: j.status === 'queued' || j.status === 'running',
    formatLabel: t(`exports.format.${j.format as ExportFormat}`),
    createdAt: j.created_at,
    done: j.rows_done,
    total: j.rows_total,
    doneText: count(j.rows_done),
    totalText: j.rows_total === null ? '' : count(j.rows_total),
    filename: j.filename,
    fileHref: j.status === 'done' ? `/exports/jobs/${j.id}/file` : null,
    error: j.status === 'failed' ? t(error && isMessageKey(error) ? error : 'exports.job.error.error') : null,
    listHref: listHref(j.filter),
  }
}

async function ownJob(c: C) {
  const raw = c.req.param('id')
  if (!raw || !/^\d{1,9}$/.test(raw)) return undefined
  return findOwnJob(c.get('db'), c.get('user')!.id, Number(raw))
}

function invalid(c: C, body: 'exports.invalid.body' | 'exports.personalSearch.body') {
  const t = c.get('t')
  return page(c, 'errors/error', { title: t('exports.invalid.title'), message: t(body) }, 422)
}

export const exportRoutes = new Hono<AppEnv>()
  .get('/', allow(...EXPORTERS), async (c) => {
    const t = c.get('t')
    const jobs = await recentOwnJobs(c.get('db'), c.get('user')!.id)
    return page(c, 'exports/index', { title: t('exports.jobs.title'), threshold: count(exportLimits.streamRows), jobs: jobs.map((j) => jobView(t, j)) })
  })

  .get('/cases.csv', allow(...EXPORTERS), (c) => caseExport(c, 'csv'))
  .get('/cases.xlsx', allow(...EXPORTERS), (c) => caseExport(c, 'xlsx'))

  /** A background export: the job is queued and started at once, and the browser goes to its page. */
  .post('/jobs', allow(...EXPORTERS), async (c) => {
    const form = await c.req.parseBody()
    const format = EXPORT_FORMATS.find((f) => f === form.format)
    const filter = typeof form.filter === 'string' && form.filter.length <= 2000 ? form.filter : null
    if (!format || filter === null) return invalid(c, 'exports.invalid.body')
    const db = c.get('db')
    const user = c.get('user')!
    const now = c.get('now')
    const e = await resolveCaseExport(db, user, c.get('pii'), Object.fromEntries(new URLSearchParams(filter)), beijingDate(now()))
    if (e.personalSearch) return invalid(c, 'exports.personalSearch.body')
    const refused = await refuseOverLimit(c, { kind: 'cases', format, filter: e.auditQuery })
    if (refused) return refused
    const id = await insertExportJob(db, {
      userId: user.id, kind: 'cases', format, filter: e.query, locale: c.get('locale'),
      filename: exportFilename('cases', format, now()), requestId: c.get('requestId'),
    }, now())
    // Started now, not awaited: the request answers at once and the poller is only the fallback.
    runPendingExportJobs(db, { pii: c.get('pii'), now }).catch((err) => console.error('Export jobs:', err))
    return c.redirect(`/exports/jobs/${id}`, 303)
  })

  /** The job's progress: the whole page, or (for its own 2-second poll) just the progress section. */
  .get('/jobs/:id', allow(...EXPORTERS), async (c) => {
    const job = await ownJob(c)
    if (!job) return c.notFound()
    const t = c.get('t')
    const data = { title: t('exports.job.title'), job: jobView(t, job), keepDays: exportLimits.keepDays }
    return c.req.header('HX-Target') === 'job-progress' ? fragment(c, 'exports/_job', data) : page(c, 'exports/job', data)
  })

  /**
   * The finished file, read back one stored chunk at a time. Fetching it is audited too: the
   * export row says what was prepared, this one who took a copy and when.
   */
  .get('/jobs/:id/file', allow(...EXPORTERS), async (c) => {
    const job = await ownJob(c)
    if (!job || job.status !== 'done' || job.chunks === null || job.bytes === null) return c.notFound()
    const db = c.get('db')
    await recordAudit(c, { event: 'export.download', objectType: 'export_job', objectId: job.id, details: { kind: job.kind, format: job.format, rows: job.rows_done } })
    const chunks = job.chunks
    let seq = 0
    const body = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          if (seq >= chunks) return controller.close()
          const data = await jobChunk(db, job.id, seq++)
          if (!data) return controller.error(new Error(`export job ${job.id}: chunk ${seq - 1} is missing`))
          controller.enqueue(data)
        },
      },
      { highWaterMark: 0 },
    )
    return new Response(body, { status: 200, headers: fileHeaders(job.format as ExportFormat, job.filename, Number(job.bytes)) })
  })
