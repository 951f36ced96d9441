import { describe, expect, test } from 'vitest'
import { fenInCapitals } from '../../src/domain/chinese-amount.ts'
import { parseYuan } from '../../src/domain/money.ts'

const fen = (yuan: string) => parseYuan(yuan)!

describe('fenInCapitals: amounts in capital numerals (大写)', () => {
  test.each([
    ['0', '零元整', 'zero'],
    ['0.05', '伍分', 'fen only'],
    ['0.50', '伍角', 'jiao only, nothing after 角'],
    ['0.55', '伍角伍分', 'jiao and fen'],
    ['1.00', '壹元整', 'one yuan'],
    ['10.00', '壹拾元整', '拾 at the head keeps its 壹'],
    ['10.50', '壹拾元零伍角', 'zero units place before a jiao'],
    ['11.00', '壹拾壹元整', 'eleven'],
    ['100.00', '壹佰元整', 'trailing zeros are silent'],
    ['101.00', '壹佰零壹元整', 'a zero between digits'],
    ['110.00', '壹佰壹拾元整', 'hundred and ten'],
    ['325.04', '叁佰贰拾伍元零肆分', 'zero jiao before fen is written (PBoC example)'],
    ['1001.00', '壹仟零壹元整', 'a run of zeros is one 零'],
    ['1010.00', '壹仟零壹拾元整', 'zero inside, trailing zero silent'],
    ['1409.50', '壹仟肆佰零玖元伍角', 'PBoC example'],
    ['1680.32', '壹仟陆佰捌拾元零叁角贰分', 'PBoC example'],
    ['6007.14', '陆仟零柒元壹角肆分', 'PBoC example'],
    ['10000.00', '壹万元整', 'ten thousand'],
    ['12345.67', '壹万贰仟叁佰肆拾伍元陆角柒分', 'every place'],
    ['16409.02', '壹万陆仟肆佰零玖元零贰分', 'PBoC example'],
    ['100010.01', '壹拾万零壹拾元零壹分', 'zero across the 万 boundary'],
    ['107000.53', '壹拾万柒仟元零伍角叁分', 'PBoC example: no 零 when the thousands digit follows 万'],
    ['1000000.00', '壹佰万元整', 'a zero section says nothing'],
    ['1000100.00', '壹佰万零壹佰元整', 'leading zeros of a section'],
    ['100000001.00', '壹亿零壹元整', 'an empty 万 section is one 零'],
    ['100001000.00', '壹亿零壹仟元整', 'an empty 万 section before a full section'],
    ['120000000.00', '壹亿贰仟万元整', 'no 零 between 亿 and a thousands digit'],
    ['100000000000.00', '壹仟亿元整', 'the largest amount parseYuan accepts'],
    ['99999999999.99', '玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分', 'all nines'],
  ])('%s → %s (%s)', (yuan, words) => {
    expect(fenInCapitals(fen(yuan))).toBe(words)
  })

  test('takes fen as bigint, string (int8 from the database) or number alike', () => {
    expect(fenInCapitals('1234567')).toBe('壹万贰仟叁佰肆拾伍元陆角柒分')
    expect(fenInCapitals(1234567)).toBe('壹万贰仟叁佰肆拾伍元陆角柒分')
  })

  test('refuses negative amounts and amounts of a 万亿 or more', () => {
    expect(() => fenInCapitals(-1n)).toThrow(RangeError)
    expect(() => fenInCapitals(10n ** 14n)).toThrow(RangeError)
    expect(fenInCapitals(10n ** 14n - 1n)).toBe('玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分')
  })

  // Reads the words back: every amount from one fen to ¥2,000.00, and a sweep of large ones, must say
  // exactly its own value, with no doubled 零 and no 零 just before a unit.
  const DIGIT = '零壹贰叁肆伍陆柒捌玖'
  const PLACE: Record<string, bigint> = { 拾: 10n, 佰: 100n, 仟: 1000n }
  function readBack(words: string): bigint {
    const m = /^(?:(.+)元)?(?:零)?(?:(.)角)?(?:(.)分)?(整)?$/.exec(words)!
    const whole = (s: string): bigint => {
      let total = 0n
      for (const [unit, size] of [['亿', 100_000_000n], ['万', 10_000n]] as const) {
        const i = s.indexOf(unit)
        if (i >= 0) {
          total += whole(s.slice(0, i)) * size
          s = s.slice(i + 1)
        }
      }
      let section = 0n
      let digit = 0n
      for (const ch of s) {
        if (ch in PLACE) {
          section += digit * PLACE[ch]!
          digit = 0n
        } else digit = BigInt(DIGIT.indexOf(ch))
      }
      return total + section + digit
    }
    const yuan = m[1] ? (m[1] === '零' ? 0n : whole(m[1])) : 0n
    return yuan * 100n + (m[2] ? BigInt(DIGIT.indexOf(m[2])) * 10n : 0n) + (m[3] ? BigInt(DIGIT.indexOf(m[3])) : 0n)
  }

  test('every amount from one fen to ¥2,000.00 reads back to itself', () => {
    const wrong: string[] = []
    for (let v = 1n; v <= 200_000n; v++) {
      const words = fenInCapitals(v)
      if (readBack(words) !== v || /零零|零[元万亿角分]|^零/.test(words)) wrong.push(`${v}: ${words}`)
      if (wrong.length > 5) break
    }
    expect(wrong).toEqual([])
  })

  test('large amounts read back to themselves', () => {
    const wrong: string[] = []
    for (let v = 1n; v < 10n ** 13n; v = v * 7n + 13n) {
      for (const x of [v, v * 100n, v * 10_000n + 5n]) {
        if (x >= 10n ** 14n) continue
        const words = fenInCapitals(x)
        if (readBack(words) !== x || /零零|零[元万亿角分]/.test(words)) wrong.push(`${x}: ${words}`)
      }
    }
    expect(wrong).toEqual([])
  })
})
