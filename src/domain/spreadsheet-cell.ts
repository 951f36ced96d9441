/**
 * Formula injection in exports (reliability X6, OWASP "CSV Injection"): a spreadsheet that opens a
 * CSV or XLSX treats a cell beginning with = + - @ (and, in some programs, a leading tab, carriage
 * return or line feed before one) as a formula, so a worker named `=HYPERLINK("…")` would become a
 * live link or command in the manager's Excel. Such a cell gets a leading apostrophe: shown as
 * text, nothing evaluated. NUL never belongs in a cell either.
 *
 * The full-width forms (＝ ＋ － ＠) are included too: a Chinese input method types them easily,
 * and we would rather show one extra apostrophe than rely on every spreadsheet program refusing them.
 */
const FORMULA_START = /^[=+\-@\t\r\n\u0000\uFF1D\uFF0B\uFF0D\uFF20]/

export type SheetValue = string | number | null

/** Text that cannot start a formula. */
export function neutraliseText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

/**
 * One exported cell. A number stays a number (it is written as a value, never parsed as a
 * formula); a number that is not finite cannot be written at all and becomes empty.
 */
export function spreadsheetCell(value: SheetValue): SheetValue {
  if (value === null) return null
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  return neutraliseText(value)
}
