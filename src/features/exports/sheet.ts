import type { SheetValue } from '../../domain/spreadsheet-cell.ts'

/**
 * What an export writer is given: the columns, and the rows as batches that arrive one at a time.
 * `money` cells are yuan as exact decimal text ('12345.60') and `date` cells 'YYYY-MM-DD': the CSV
 * writes them as they are, the XLSX writer turns them into numbers and dates a spreadsheet can sum.
 */
export type ColumnKind = 'text' | 'int' | 'money' | 'date'
export type SheetColumn = { header: string; kind: ColumnKind; width?: number }
export type SheetBatches = AsyncIterable<SheetValue[][]>
export type ExportFormat = 'csv' | 'xlsx'

export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'xlsx']

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

/** Counts the rows as they pass, for the audit row and the job's progress. */
export async function* countRows(batches: SheetBatches, onBatch: (rows: number) => void | Promise<void>): SheetBatches {
  for await (const batch of batches) {
    await onBatch(batch.length)
    yield batch
  }
}
