/**
 * Money is kept exactly, in fen (分), as bigint: claims, agreements and payments must add up to
 * the cent, which floating-point yuan cannot promise.
 */
export const MAX_FEN = 10n ** 13n // ¥100 billion: far above any labour claim, well inside int8

/** Parses what a person types: '12345', '12,345.6', '¥12345.67', '１２３４５' (full-width). Null if not money. */
export function parseYuan(input: string): bigint | null {
  // NFKC turns full-width digits, ，．and ￥ into 0-9 , . ¥. The sign may only lead and 元 only
  // trail, and a comma must separate thousands: '12,50' or '12元5' are refused, not read as 1250 or 125.
  const t = input.normalize('NFKC').replace(/\s+/g, '')
  const m = /^¥?(\d{1,3}(?:,\d{3})+|\d{1,13})(?:\.(\d{1,2}))?元?$/.exec(t)
  if (!m) return null
  const fen = BigInt(m[1]!.replace(/,/g, '')) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'))
  return fen <= MAX_FEN ? fen : null
}

/** ¥12,345.00 */
export function formatFen(fen: bigint | string | number): string {
  const v = BigInt(fen)
  const sign = v < 0n ? '-' : ''
  const abs = v < 0n ? -v : v
  const yuan = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${sign}¥${yuan}.${(abs % 100n).toString().padStart(2, '0')}`
}

/** For form fields: 12345.60 without grouping or sign. */
export function fenToYuanInput(fen: bigint | string): string {
  const v = BigInt(fen)
  const abs = v < 0n ? -v : v
  return `${v < 0n ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`
}

export function sumFen(values: readonly (bigint | string)[]): bigint {
  return values.reduce<bigint>((a, b) => a + BigInt(b), 0n)
}
