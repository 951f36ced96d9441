import { CsvError, parse } from 'csv-parse/sync'
import type { Db } from '../../db/connect.ts'
import { planImport, type ImportProblemCode, type ImportRow, type PlannedUnit } from '../../domain/org-tree.ts'
import type { MessageKey } from '../../i18n/i18n.ts'
import { takenSiblingNames, unitsByCodes } from './org-units.queries.ts'

export const IMPORT_MAX_ROWS = 5000
const COLUMNS = ['code', 'name', 'kind', 'parent_code'] as const

export type CsvProblemCode = 'csv_syntax' | 'header' | 'columns' | 'empty' | 'too_many_rows'
export type CsvProblem = { line: number; problem: CsvProblemCode; value: string }

/**
 * Reads the pasted CSV (UTF-8, with or without a BOM; header row required, columns in any
 * order). Line numbers are those the person sees in their spreadsheet or editor.
 */
export function parseUnitsCsv(text: string): { rows: ImportRow[]; problems: CsvProblem[] } {
  let records: { record: string[]; info: { lines: number } }[]
  try {
    // With `info`, each record comes wrapped with where it ended; the typings do not say so.
    records = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as typeof records
  } catch (err) {
    if (err instanceof CsvError) return { rows: [], problems: [{ line: Number(err.lines) || 1, problem: 'csv_syntax', value: '' }] }
    throw err
  }
  const [header, ...body] = records
  const names = header?.record.map((h) => h.toLowerCase()) ?? []
  const at = COLUMNS.map((c) => names.indexOf(c))
  if (!header || at.some((i) => i < 0)) {
    return { rows: [], problems: [{ line: header?.info.lines ?? 1, problem: 'header', value: COLUMNS.join(',') }] }
  }
  if (body.length === 0) return { rows: [], problems: [{ line: header.info.lines, problem: 'empty', value: '' }] }
  if (body.length > IMPORT_MAX_ROWS) return { rows: [], problems: [{ line: 1, problem: 'too_many_rows', value: String(body.length) }] }

  const rows: ImportRow[] = []
  const problems: CsvProblem[] = []
  for (const { record, info } of body) {
    if (record.length !== names.length) {
      problems.push({ line: info.lines, problem: 'columns', value: String(record.length) })
      continue
    }
    const [code, name, kind, parentCode] = at.map((i) => record[i] ?? '') as [string, string, string, string]
    rows.push({ line: info.lines, code, name, kind, parentCode })
  }
  return { rows, problems }
}

export type ImportProblemMessage = { line: number; key: MessageKey; value: string }

/**
 * Everything wrong with an import, each with its line, or the units to insert. Reads only: the
 * caller writes the plan in one transaction, and the unique indexes still guard against a race.
 */
export async function checkImport(db: Db, text: string, scopePath: string): Promise<{ problems: ImportProblemMessage[]; units: PlannedUnit[] }> {
  const parsed = parseUnitsCsv(text)
  const codes = [...new Set(parsed.rows.flatMap((r) => [r.code, r.parentCode]).filter((v) => v !== ''))]
  const existing = await unitsByCodes(db, codes, scopePath)
  const parentIds = [...new Set(parsed.rows.map((r) => existing.get(r.parentCode)).filter((u) => u?.inScope).map((u) => u!.id))]
  const taken = await takenSiblingNames(db, parentIds, [...new Set(parsed.rows.map((r) => r.name))])
  const plan = planImport(parsed.rows, existing, taken)
  const problems = [...parsed.problems, ...plan.problems]
    .sort((a, b) => a.line - b.line)
    .map((p) => ({ line: p.line, key: problemKey(p.problem), value: p.value }))
  return { problems, units: plan.units }
}

const problemKey = (code: CsvProblemCode | ImportProblemCode): MessageKey => `orgUnits.import.problem.${code}`
