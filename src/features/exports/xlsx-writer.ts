import { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'
import { spreadsheetCell, type SheetValue } from '../../domain/spreadsheet-cell.ts'
import type { ColumnKind, SheetBatches, SheetColumn } from './sheet.ts'

type Worksheet = ExcelJS.Worksheet

const STYLE: Partial<Record<ColumnKind, Partial<ExcelJS.Style>>> = {
  money: { numFmt: '#,##0.00' },
  date: { numFmt: 'yyyy-mm-dd' },
}
const WIDTH: Record<ColumnKind, number> = { text: 16, int: 10, money: 14, date: 12 }

/** How much sheet XML may wait to be compressed before the next batch is read. */
const PENDING_LIMIT = 1024 * 1024

/** 'cases', 'cases (2)', …: Excel allows 31 characters and none of []:*?/\ in a sheet's name. */
export function sheetTitle(base: string, n: number): string {
  const suffix = n > 1 ? ` (${n})` : ''
  const clean = base.replace(/[[\]:*?/\\]/g, '_').trim() || 'sheet'
  return clean.slice(0, 31 - suffix.length) + suffix
}

function xlsxValue(kind: ColumnKind, v: SheetValue): ExcelJS.CellValue {
  if (v === null) return null
  if (kind === 'money' && typeof v === 'string' && /^\d+\.\d{2}$/.test(v)) return Number(v)
  // A calendar day, with no time zone: midnight UTC is the serial number of that very day.
  if (kind === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return new Date(`${v}T00:00:00Z`)
  return v
}

/**
 * exceljs's streaming writer hands each sheet's XML to the zip compressor without waiting for it
 * (row.commit() is synchronous), so a writer faster than the compressor would pile XML up in
 * memory. We read how much is waiting (the sheet stream's buffers and what the compressor has not
 * yet taken) and let it drain before reading the next batch. These are exceljs 4.4 internals: if
 * they change, fail loudly rather than silently lose the bound.
 */
type SheetStream = { buffers?: { length: number }[]; pipes?: { writableLength?: number }[] }

function sheetStream(ws: Worksheet): Required<SheetStream> {
  const s = (ws as unknown as { stream: SheetStream }).stream
  if (!Array.isArray(s?.buffers) || !Array.isArray(s?.pipes)) throw new Error('exceljs internals changed: review the XLSX export backpressure')
  return s as Required<SheetStream>
}

export function pendingXmlBytes(ws: Worksheet): number {
  const s = sheetStream(ws)
  return s.buffers.reduce((n, b) => n + b.length, 0) + s.pipes.reduce((n, p) => n + (p.writableLength ?? 0), 0)
}

/** Waits a moment, unless the zip writer has failed (then waiting would never end). */
async function pause(failure: { error: Error | null }) {
  if (failure.error) throw failure.error
  await new Promise<void>((resolve) => setTimeout(resolve, 1))
}

/** Until the compressor has taken this sheet's entry (the previous sheet's is finished). */
async function untilCompressing(ws: Worksheet, failure: { error: Error | null }) {
  while (sheetStream(ws).pipes.length === 0) await pause(failure)
}

async function untilDrained(ws: Worksheet, failure: { error: Error | null }) {
  while (pendingXmlBytes(ws) > PENDING_LIMIT) await pause(failure)
}

/**
 * The XLSX file, one piece after each batch. A sheet holds `sheetRows` rows with its header,
 * then the next sheet begins with the header again. Text cells are written as inline strings
 * (no shared-string table to keep in memory), each through the formula neutraliser.
 */
export async function* xlsxChunks(columns: SheetColumn[], batches: SheetBatches, o: { sheetName: string; sheetRows: number }): AsyncGenerator<Uint8Array> {
  const sink = new PassThrough()
  const out: Buffer[] = []
  sink.on('data', (b: Buffer) => out.push(b))
  const ended = new Promise<void>((resolve, reject) => {
    sink.once('end', resolve)
    sink.once('error', reject)
  })
  ended.catch(() => {}) // awaited below; a reader that left early must not leave it unhandled
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: false, useStyles: true })
  const failure: { error: Error | null } = { error: null }
  ;(book as unknown as { zip: NodeJS.EventEmitter }).zip.on('error', (e: Error) => {
    failure.error = e
  })
  const take = () => out.splice(0, out.length)
  // exceljs gives every cell its own copy of the column's style and then looks each copy up by
  // its XML; one shared object per column is looked up once (its style table caches by object).
  const cellStyles = columns.map((c) => STYLE[c.kind] ?? {})
  let sheets = 0
  let rowsInSheet = 0
  const openSheet = async () => {
    const ws = book.addWorksheet(sheetTitle(o.sheetName, ++sheets), { views: [{ state: 'frozen', ySplit: 1 }] })
    ws.columns = columns.map((c) => ({ width: c.width ?? WIDTH[c.kind], ...(STYLE[c.kind] ? { style: STYLE[c.kind] } : {}) }))
    ws.addRow(columns.map((c) => spreadsheetCell(c.header))).commit()
    rowsInSheet = 1
    await untilCompressing(ws, failure)
    return ws
  }
  let finished = false
  try {
    let sheet = await openSheet()
    for await (const batch of batches) {
      for (const row of batch) {
        if (rowsInSheet >= o.sheetRows) {
          sheet.commit()
          sheet = await openSheet()
        }
        const added = sheet.addRow(row.map((v, i) => xlsxValue(columns[i]?.kind ?? 'text', spreadsheetCell(v))))
        added.eachCell((cell, col) => {
          cell.style = cellStyles[col - 1] ?? {}
        })
        added.commit()
        rowsInSheet++
      }
      await untilDrained(sheet, failure)
      for (const piece of take()) yield piece
    }
    await book.commit()
    await ended
    for (const piece of take()) yield piece
    finished = true
  } finally {
    // The reader went away (or a query failed): drop what is half written.
    if (!finished) sink.destroy()
  }
}
