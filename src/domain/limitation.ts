import { addYears } from './beijing-date.ts'

/**
 * A first estimate of each worker's arbitration limitation (调解仲裁法 Art. 27): one year from when
 * the worker knew or should have known of the violation; for wage arrears during employment no
 * limit while employed, then one year from leaving. The statutory-clock engine (rest days,
 * interruption, suspension) refines this; intake needs it for the early-warning rule.
 */
export type LimitationFacts = { disputeTypes: readonly string[]; knewDate: string | null; leaveDate: string | null }

export function limitationDeadline(f: LimitationFacts): string | null {
  const wagesOnly = f.disputeTypes.length > 0 && f.disputeTypes.every((t) => t === 'wages' || t === 'overtime')
  if (wagesOnly) return f.leaveDate ? addYears(f.leaveDate, 1) : null
  const start = f.knewDate ?? f.leaveDate
  return start ? addYears(start, 1) : null
}
