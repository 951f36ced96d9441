/**
 * An amount in Chinese capital numerals (大写金额), as agreements and receipts must state it beside
 * the figures, following the People's Bank rules for writing amounts on payment documents
 * (《正确填写票据和结算凭证的基本规定》): 壹万贰仟叁佰肆拾伍元陆角柒分.
 *
 * - whole yuan end in 整: 壹拾元整 (and 拾 at the head keeps its 壹, so it cannot be altered);
 * - a run of zeros inside the number is one 零: 壹仟零壹拾元整, 壹亿零壹仟元整;
 * - a zero 角 before a 分 is written 零 (壹佰元零伍分); so is a zero units place before a 角
 *   (壹拾万柒仟元零伍角叁分, the rules' own example);
 * - nothing follows 角 or 分; less than one yuan starts at its first digit (伍分).
 *
 * Exact from fen: bigint arithmetic only, never a float.
 */
const DIGITS = '零壹贰叁肆伍陆柒捌玖'
const PLACES = ['', '拾', '佰', '仟']
const SECTIONS = ['', '万', '亿']
/** 10^12 yuan (a 万亿): beyond what 万 and 亿 sections say, and far beyond money.ts's MAX_FEN. */
const LIMIT_FEN = 10n ** 14n

/** 0–9999 without leading zeros; a zero between digits is one 零, trailing zeros are silent. */
function sectionWords(n: number): string {
  let out = ''
  let zero = false
  for (let place = 3; place >= 0; place--) {
    const d = Math.floor(n / 10 ** place) % 10
    if (d === 0) {
      zero = out !== ''
      continue
    }
    if (zero) out += '零'
    out += DIGITS[d]! + PLACES[place]!
    zero = false
  }
  return out
}

/** A positive whole number in four-digit sections (万, 亿): 壹拾万零壹拾, 壹亿零壹. */
function wholeWords(n: bigint): string {
  const sections: number[] = []
  for (let v = n; v > 0n; v /= 10000n) sections.push(Number(v % 10000n))
  let out = ''
  let gap = false
  for (let i = sections.length - 1; i >= 0; i--) {
    const s = sections[i]!
    if (s === 0) {
      gap = out !== ''
      continue
    }
    if (out !== '' && (gap || s < 1000)) out += '零'
    out += sectionWords(s) + SECTIONS[i]!
    gap = false
  }
  return out
}

export function fenInCapitals(fen: bigint | string | number): string {
  const v = BigInt(fen)
  if (v < 0n || v >= LIMIT_FEN) throw new RangeError(`amount out of range: ${v}`)
  if (v === 0n) return '零元整'
  const yuan = v / 100n
  const jiao = Number((v / 10n) % 10n)
  const cents = Number(v % 10n)
  let out = yuan > 0n ? `${wholeWords(yuan)}元` : ''
  if (jiao === 0 && cents === 0) return `${out}整`
  if (yuan > 0n && (jiao === 0 || yuan % 10n === 0n)) out += '零'
  if (jiao > 0) out += `${DIGITS[jiao]}角`
  if (cents > 0) out += `${DIGITS[cents]}分`
  return out
}
