/**
 * China's unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from a
 * 31-character set (no I, O, S, V, Z); the last is a check character over the first 17.
 */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

export type UsccProblem = 'length' | 'charset' | 'check'

export function normaliseUscc(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase()
}

export function usccCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(first17[i]!) * WEIGHTS[i]!
  return CHARSET[(31 - (sum % 31)) % 31]!
}

export function usccProblem(code: string): UsccProblem | null {
  if (code.length !== 18) return 'length'
  if ([...code].some((ch) => !CHARSET.includes(ch))) return 'charset'
  // The administrative-division part (characters 3–8) is digits only.
  if (!/^\d{6}$/.test(code.slice(2, 8))) return 'charset'
  return usccCheckChar(code.slice(0, 17)) === code[17] ? null : 'check'
}
