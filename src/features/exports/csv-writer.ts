import { stringify } from 'csv-stringify/sync'
import { spreadsheetCell } from '../../domain/spreadsheet-cell.ts'
import type { SheetBatches, SheetColumn } from './sheet.ts'

/** Excel reads a CSV as the local code page (GBK in China) unless it starts with a UTF-8 byte order mark. */
const BOM = '\uFEFF'
const encoder = new TextEncoder()

// RFC 4180: CRLF between records, quotes only where a field needs them (csv-stringify's default).
const lines = (rows: unknown[][]) => stringify(rows, { record_delimiter: 'windows' })

/** The CSV file, one piece per batch: the header first, then each batch as it is read. */
export async function* csvChunks(columns: SheetColumn[], batches: SheetBatches): AsyncGenerator<Uint8Array> {
  yield encoder.encode(BOM + lines([columns.map((c) => spreadsheetCell(c.header))]))
  for await (const batch of batches) {
    if (batch.length) yield encoder.encode(lines(batch.map((row) => row.map(spreadsheetCell))))
  }
}
