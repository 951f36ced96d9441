/**
 * Mainland resident ID numbers (GB 11643-1999): 6-digit area, 8-digit birth date, 3-digit sequence
 * (odd for men), and an ISO 7064 MOD 11-2 check character. A number can pass the check and
 * still carry an impossible birth date, so both are verified.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = '10X98765432'

export type ResidentIdResult =
  | { ok: true; birthDate: string; sex: 'male' | 'female' }
  | { ok: false; problem: 'format' | 'birth_date' | 'check_digit' }

export function normaliseResidentId(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase()
}

export function residentIdCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!
  return CHECK[sum % 11]!
}

/** `today` is the Beijing date 'YYYY-MM-DD' the check is made on: a birth date after it is not real. */
export function checkResidentId(id: string, today: string): ResidentIdResult {
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, problem: 'format' }
  const y = Number(id.slice(6, 10))
  const m = Number(id.slice(10, 12))
  const d = Number(id.slice(12, 14))
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`
  const date = new Date(Date.UTC(y, m - 1, d))
  const real = y >= 1900 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
  if (!real || birthDate > today) return { ok: false, problem: 'birth_date' }
  if (residentIdCheckChar(id.slice(0, 17)) !== id[17]) return { ok: false, problem: 'check_digit' }
  return { ok: true, birthDate, sex: Number(id[16]) % 2 === 1 ? 'male' : 'female' }
}

/** Whole years between a birth date and a day, both 'YYYY-MM-DD'. */
export function ageOn(birthDate: string, day: string): number {
  const age = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4))
  return day.slice(5) < birthDate.slice(5) ? age - 1 : age
}

/** Child labour (劳动法 Art. 15): under 16 on the day the case was reported. */
export function isUnder16(birthDate: string, day: string): boolean {
  return ageOn(birthDate, day) < 16
}
