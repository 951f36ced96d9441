/** Phone numbers as people type them: mobiles (1[3-9] + 9 digits) and landlines with area code. */
export type PhoneProblem = 'format'

export function normalisePhone(input: string): string {
  // NFKC first: a Chinese IME easily types full-width digits, plus and hyphen (１３８－…, ＋８６).
  let p = input.normalize('NFKC').replace(/[\s\-()（）]/g, '')
  if (p.startsWith('+86')) p = p.slice(3)
  else if (p.startsWith('0086')) p = p.slice(4)
  return p
}

export function phoneProblem(normalised: string): PhoneProblem | null {
  if (/^1[3-9]\d{9}$/.test(normalised)) return null
  if (/^0\d{2,3}\d{7,8}$/.test(normalised)) return null // landline with area code, e.g. 075786281234
  if (/^(12351|12333|12345)$/.test(normalised)) return null
  return 'format'
}
