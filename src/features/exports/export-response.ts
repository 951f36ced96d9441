import type { Context } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import type { SheetValue } from '../../domain/spreadsheet-cell.ts'
import { formatDateTime } from '../../http/format.ts'
import { page } from '../../http/render.ts'
import { recordAudit } from '../audit/audit.ts'
import { csvChunks } from './csv-writer.ts'
import { exportLimits } from './export-limits.ts'
import { exportsWithinHour } from './exports.queries.ts'
import { CONTENT_TYPES, countRows, type ExportFormat, type SheetBatches, type SheetColumn } from './sheet.ts'
import { xlsxChunks } from './xlsx-writer.ts'

type C = Context<AppEnv>

/** What the audit row says the export was: its kind ('cases', or a dashboard table) and filter. */
export type ExportAudit = { kind: string; filter: string }

/** `cases-20261122-1530.csv`: ASCII only, on Beijing time, so every browser saves it under that name. */
export function exportFilename(stem: string, format: ExportFormat, now: Date): string {
  const stamp = formatDateTime(now).replace(/^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/, '$1$2$3-$4$5')
  const safe = stem.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'export'
  return `${safe}-${stamp}.${format}`
}

export function fileHeaders(format: ExportFormat, filename: string, length?: number): Record<string, string> {
  return {
    'Content-Type': CONTENT_TYPES[format],
    'Content-Disposition': `attachment; filename="${filename}"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...(length !== undefined ? { 'Content-Length': String(length) } : {}),
  }
}

/** The file's bytes, piece by piece, from batches of rows. */
export function fileChunks(format: ExportFormat, columns: SheetColumn[], batches: SheetBatches, sheetName: string): AsyncGenerator<Uint8Array> {
  return format === 'csv' ? csvChunks(columns, batches) : xlsxChunks(columns, batches, { sheetName, sheetRows: exportLimits.sheetRows })
}

/**
 * At most `perHour` exports per user in any hour (reliability P4): null when this one may go
 * ahead, else the 429 page (and the refusal is audited, though it does not count as an export).
 */
export async function refuseOverLimit(c: C, audit: ExportAudit & { format: ExportFormat }): Promise<Response | null> {
  const user = c.get('user')!
  const now = c.get('now')()
  const { count, oldest } = await exportsWithinHour(c.get('db'), user.id, now)
  if (count < exportLimits.perHour) return null
  await recordAudit(c, { event: 'export', outcome: 'denied', objectType: 'export', objectId: audit.kind, details: { ...audit, reason: 'rate_limit' } })
  const wait = oldest ? Math.max(60, Math.ceil((oldest.getTime() + 3_600_000 - now.getTime()) / 1000)) : 3600
  c.header('Retry-After', String(wait))
  const t = c.get('t')
  return page(c, 'errors/error', {
    title: t('exports.tooMany.title'),
    message: t('exports.tooMany.body', { limit: exportLimits.perHour, minutes: Math.ceil(wait / 60) }),
  }, 429)
}

/**
 * Streams the file to the browser as the batches are read: a pull-based stream, so the next batch
 * is read only when the previous piece has been taken. The audit row is written when the file is
 * complete, with the row count. If the browser goes away (or a query fails) the reading stops at
 * once and the audit row still says so: outcome failure, `complete: false`, and the rows read by
 * then, since part of the file may already have left.
 */
export function streamExport(c: C, o: { format: ExportFormat; stem: string; columns: SheetColumn[]; batches: SheetBatches; audit: ExportAudit }): Response {
  let rows = 0
  const chunks = fileChunks(o.format, o.columns, countRows(o.batches, (n) => { rows += n }), o.stem)
  let audited = false
  const audit = async (complete: boolean, reason?: string) => {
    if (audited) return
    audited = true
    await recordAudit(c, {
      event: 'export',
      outcome: complete ? 'success' : 'failure',
      objectType: 'export',
      objectId: o.audit.kind,
      details: { kind: o.audit.kind, format: o.format, filter: o.audit.filter, rows, ...(complete ? {} : { complete: false, reason }) },
    })
  }
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await chunks.next()
          if (next.done) {
            await audit(true)
            controller.close()
          } else controller.enqueue(next.value)
        } catch (e) {
          await audit(false, 'error').catch(() => {})
          controller.error(e)
        }
      },
      async cancel() {
        await chunks.return(undefined)
        await audit(false, 'client_left')
      },
    },
    { highWaterMark: 0 },
  )
  return new Response(body, { status: 200, headers: fileHeaders(o.format, exportFilename(o.stem, o.format, c.get('now')())) })
}

/**
 * A small table already in memory (the dashboard's tables) as CSV or XLSX, with the same
 * neutralising, byte order mark, rate limit and audit as the case export. The route that calls it
 * declares who may use it.
 */
export async function tableExport(
  c: C,
  o: { format: 'csv' | 'xlsx'; name: string; columns: string[]; rows: SheetValue[][]; audit: ExportAudit },
): Promise<Response> {
  const refused = await refuseOverLimit(c, { ...o.audit, format: o.format })
  if (refused) return refused
  async function* once() {
    yield o.rows
  }
  return streamExport(c, { format: o.format, stem: o.name, columns: o.columns.map((header) => ({ header, kind: 'text' })), batches: once(), audit: o.audit })
}
