import { describe, expect, test } from 'vitest'
import { normaliseUscc, usccCheckChar, usccProblem } from '../../src/domain/uscc.ts'

/** GB 32100-2015 character set: digits and capitals without I, O, S, V, Z; index = value. */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'

/**
 * Codes published by the companies themselves (business licence / annual reports). Each also passes
 * the GB 11714 check on characters 9–17 (the embedded organisation code), which the module does not
 * test, so they are genuine and not merely lucky under one check.
 */
const REAL_CODES = [
  ['91440300708461136T', 'Tencent (深圳市腾讯计算机系统有限公司)'],
  ['914403001922038216', 'Huawei (华为技术有限公司): check character is a digit'],
  ['91330100799655058B', 'Alibaba (阿里巴巴（中国）有限公司)'],
  ['91110000802100433B', 'Baidu (北京百度网讯科技有限公司)'],
  ['91110108551385082Q', 'Xiaomi (小米科技有限责任公司)'],
  ['91440606722473344C', 'Midea (美的集团股份有限公司, Foshan Shunde 440606)'],
  ['91440400192548256N', 'Gree (珠海格力电器股份有限公司)'],
  ['91440300192317458F', 'BYD (比亚迪股份有限公司)'],
  ['91440300192181490G', 'Vanke (万科企业股份有限公司)'],
  ['9144030010001686XA', 'China Merchants Bank (招商银行): X inside the organisation code'],
] as const

/*
 * Constructed codes, check characters worked out by hand. Values: 0–9 → 0–9, A10 B11 C12 D13 E14 F15
 * G16 H17 J18 K19 L20 M21 N22 P23 Q24 R25 T26 U27 W28 X29 Y30. Weights 1 3 9 27 19 26 16 17 20 29 25
 * 13 8 24 10 30 28. Check = (31 − sum mod 31) mod 31.
 *
 * 91440605MA4W3K2N5 (an enterprise in Nanhai, 440605):
 *   9·1 + 1·3 + 4·9 + 4·27 + 0·19 + 6·26 + 0·16 + 5·17 + M21·20 + A10·29 + 4·25 + W28·13 + 3·8
 *   + K19·24 + 2·10 + N22·30 + 5·28
 *   = 9+3+36+108+0+156+0+85+420+290+100+364+24+456+20+660+140 = 2871; 2871 = 31·92 + 19;
 *   31 − 19 = 12 → 'C'.
 * 92440605MA51R7KQ5 (an individual business): 9+6+36+108+0+156+0+85+420+290+125+13+200+168+190+720+140
 *   = 2666 = 31·86 + 0 → (31 − 0) mod 31 = 0 → '0' (the wrap-around case).
 * 92440605MA51R7KQF: as above with the last 5·28 = 140 replaced by F15·28 = 420: 2946 = 31·95 + 1;
 *   31 − 1 = 30 → 'Y' (the highest value).
 */
const CONSTRUCTED = [
  ['91440605MA4W3K2N5C', 'enterprise in Nanhai, check C'],
  ['92440605MA51R7KQ50', 'individual business, sum divisible by 31 → check 0'],
  ['92440605MA51R7KQFY', 'sum ≡ 1 (mod 31) → check Y'],
] as const

describe('valid codes', () => {
  test.each([...REAL_CODES, ...CONSTRUCTED])('%s (%s) has no problem', (code) => {
    expect(usccProblem(code)).toBeNull()
  })
  test.each([...REAL_CODES, ...CONSTRUCTED])('check character of %s is recomputed from the first 17', (code) => {
    expect(usccCheckChar(code.slice(0, 17))).toBe(code[17])
  })
})

describe('wrong check character', () => {
  test.each([
    ['91440300708461136U', 'Tencent with U instead of T'],
    ['914403001922038217', 'Huawei with 7 instead of 6'],
    ['91330100799655058C', 'Alibaba with C instead of B'],
    ['91440605MA4W3K2N5D', 'constructed Nanhai code with D instead of C'],
    ['92440605MA51R7KQ5Y', 'the 0-check code with Y'],
    ['92440605MA51R7KQF0', 'the Y-check code with 0'],
  ])('%s (%s) → check', (code) => {
    expect(usccProblem(code)).toBe('check')
  })

  test('every single-character substitution in a valid code is caught', () => {
    let tried = 0
    for (const [code] of [...REAL_CODES, ...CONSTRUCTED]) {
      for (let i = 0; i < 18; i++) {
        for (const ch of CHARSET) {
          if (ch === code[i]) continue
          const bad = code.slice(0, i) + ch + code.slice(i + 1)
          const expected = i >= 2 && i < 8 && !/\d/.test(ch) ? 'charset' : 'check'
          expect(usccProblem(bad), `${bad} (position ${i + 1})`).toBe(expected)
          tried++
        }
      }
    }
    expect(tried).toBe(13 * 18 * 30)
  })

  test('every swap of two different adjacent characters among the first 17 is caught', () => {
    for (const [code] of [...REAL_CODES, ...CONSTRUCTED]) {
      for (let i = 0; i < 16; i++) {
        if (code[i] === code[i + 1]) continue
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2)
        expect(usccProblem(swapped), swapped).not.toBeNull()
      }
    }
  })
})

describe('forbidden letters I O S V Z', () => {
  // Each replaces a letter of a valid code; the charset problem is reported before any check.
  test.each([
    ['91440605MA4W3K2N5C', 8, 'I'],
    ['91440605MA4W3K2N5C', 8, 'O'],
    ['91440605MA4W3K2N5C', 11, 'S'],
    ['91440605MA4W3K2N5C', 13, 'V'],
    ['91440605MA4W3K2N5C', 15, 'Z'],
    ['91440300708461136T', 17, 'I'],
    ['91440300708461136T', 17, 'O'],
    ['91440300708461136T', 17, 'S'],
    ['91440300708461136T', 17, 'V'],
    ['91440300708461136T', 17, 'Z'],
    ['91440300708461136T', 0, 'S'],
    ['91440300708461136T', 1, 'Z'],
  ])('%s with position %i set to %s → charset', (code, i, letter) => {
    const bad = code.slice(0, i) + letter + code.slice(i + 1)
    expect(usccProblem(bad)).toBe('charset')
  })

  test('check character over 17 allowed characters is never a forbidden letter', () => {
    for (const [code] of [...REAL_CODES, ...CONSTRUCTED]) {
      for (const ch of CHARSET) {
        const first17 = code.slice(0, 16) + ch
        expect(CHARSET).toContain(usccCheckChar(first17))
      }
    }
  })

  test.each([
    ['91440300708461136t', 'lowercase letter (not normalised)'],
    ['91440300708461136-', 'punctuation'],
    ['91440300708461136 ', 'trailing space (not normalised)'],
    ['９1440300708461136T', 'a full-width digit'],
  ])('%s (%s) → charset', (code) => {
    expect(usccProblem(code)).toBe('charset')
  })
})

describe('letters in positions 3–8 (administrative division, digits only)', () => {
  test.each([
    ['91A40300708461136', 3],
    ['9144B300708461136', 5],
    ['91440300708461136', 0], // control: the untouched body
    ['914403W0708461136', 7],
    ['9144030A708461136', 8],
  ])('body %s with a letter at position %i', (first17, position) => {
    // Give it a correct check character so only the position rule can object.
    const code = first17 + usccCheckChar(first17)
    expect(usccProblem(code)).toBe(position === 0 ? null : 'charset')
  })

  test('letters in positions 1–2 and 9–17 are allowed', () => {
    const body = 'Y1440605MA4W3K2N5' // registration authority Y (other), organisation code with letters
    expect(usccProblem(body + usccCheckChar(body))).toBeNull()
  })
})

describe('wrong length', () => {
  test.each([
    ['', 0],
    ['9', 1],
    ['91440300708461136', 17],
    ['91440300708461136TT', 19],
    ['9144030070846113', 16],
    ['440300708461136', 15],
    ['91440300708461136T0', 19],
  ])('%j (%i characters) → length', (code) => {
    expect(usccProblem(code)).toBe('length')
  })
})

describe('normaliseUscc', () => {
  test.each([
    ['91440300708461136t', '91440300708461136T'],
    ['91440605ma4w3k2n5c', '91440605MA4W3K2N5C'],
    [' 9144 0300 7084 6113 6T ', '91440300708461136T'],
    ['9144030070846113\t6T\n', '91440300708461136T'],
    ['9144030070846113\u30006T', '91440300708461136T'], // ideographic space from a Chinese IME
  ])('%j → %s, which is valid', (input, expected) => {
    expect(normaliseUscc(input)).toBe(expected)
    expect(usccProblem(normaliseUscc(input))).toBeNull()
  })

  test('lowercase input is only valid after normalising', () => {
    expect(usccProblem('9144030010001686xa')).toBe('charset')
    expect(usccProblem(normaliseUscc('9144030010001686xa'))).toBeNull()
  })

  test('normalising does not invent validity: a wrong check stays wrong', () => {
    expect(usccProblem(normaliseUscc('91440300708461136u'))).toBe('check')
  })
})
