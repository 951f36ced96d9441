/** Readable case numbers, unique per year: 南海-2026-000123. The sequence is gap-free (see intake). */
export const CASE_NUMBER_PREFIX = '南海'

export function formatCaseNumber(year: number, seq: number, prefix = CASE_NUMBER_PREFIX): string {
  return `${prefix}-${year}-${String(seq).padStart(6, '0')}`
}

export function looksLikeCaseNumber(q: string): boolean {
  return /^[^\s-]{1,8}-\d{4}-\d{1,6}$/.test(q.trim())
}
