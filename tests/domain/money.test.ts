import { describe, expect, test } from 'vitest'
import { MAX_FEN, fenToYuanInput, formatFen, parseYuan, sumFen } from '../../src/domain/money.ts'

describe('parseYuan: what people type', () => {
  test.each([
    ['12345', 1_234_500n, 'whole yuan'],
    ['12,345.6', 1_234_560n, 'thousands separator and one decimal'],
    ['¥12345.67', 1_234_567n, 'yen/yuan sign'],
    ['￥12,345.67', 1_234_567n, 'full-width yuan sign'],
    ['１２３４５.００', 1_234_500n, 'full-width digits'],
    ['１２，３４５．６７元', 1_234_567n, 'full-width comma and point, 元 after'],
    ['12345元', 1_234_500n, '元 after the number'],
    ['¥ 12,345.67 ', 1_234_567n, 'spaces around'],
    ['1,234,567.89', 123_456_789n, 'two thousands separators'],
    ['0.01', 1n, 'one fen'],
    ['0.1', 10n, 'one jiao'],
    ['0', 0n, 'zero'],
    ['0.00', 0n, 'zero with decimals'],
    ['007', 700n, 'leading zeros'],
    ['999', 99_900n, 'three digits, no separator'],
    ['100000000000', MAX_FEN, '¥100 billion: exactly MAX_FEN'],
    ['100,000,000,000.00', MAX_FEN, 'MAX_FEN with separators'],
  ])('%j → %s fen (%s)', (input, fen) => {
    expect(parseYuan(input)).toBe(fen)
  })

  test.each([
    ['', 'empty'],
    ['   ', 'only spaces'],
    ['.5', 'no digit before the point'],
    ['12.', 'point without decimals'],
    ['12.345', 'three decimals (below a fen)'],
    ['１２.３４５', 'three full-width decimals'],
    ['-5', 'negative'],
    ['+5', 'explicit plus'],
    ['1e5', 'exponent'],
    ['Infinity', 'Infinity'],
    ['NaN', 'NaN'],
    ['0x10', 'hexadecimal'],
    ['1_000', 'underscore separator'],
    ['12.3.4', 'two points'],
    ['abc', 'not a number'],
    ['¥', 'sign alone'],
    ['元', '元 alone'],
    ['100000000000.01', 'one fen over MAX_FEN'],
    ['9999999999999', '13 digits of yuan, over MAX_FEN'],
    ['99999999999999999999', '20 digits'],
    ['三百元', 'Chinese numerals'],
    ['12元5角', 'yuan and jiao'],
    ['12元5', 'digits after 元 (would otherwise read as 125)'],
    ['1¥2', 'sign in the middle'],
    ['1,5', 'comma that is not a thousands separator (would otherwise read as 15)'],
    ['12,50', 'decimal comma (would otherwise read as 1250)'],
    ['1234,567', 'first group longer than three digits'],
    [',123', 'leading comma'],
    ['123,', 'trailing comma'],
    ['12.3,4', 'comma in the decimals'],
  ])('%j is rejected (%s)', (input) => {
    expect(parseYuan(input)).toBeNull()
  })

  test('MAX_FEN is ¥100 billion and fits a PostgreSQL bigint', () => {
    expect(MAX_FEN).toBe(10_000_000_000_000n)
    expect(MAX_FEN < 2n ** 63n - 1n).toBe(true)
  })

  test('every amount from 0.00 to 20.99 round-trips through fenToYuanInput', () => {
    for (let fen = 0n; fen < 2100n; fen++) expect(parseYuan(fenToYuanInput(fen))).toBe(fen)
  })
})

describe('formatFen', () => {
  test.each([
    [0n, '¥0.00'],
    [1n, '¥0.01'],
    [99n, '¥0.99'],
    [100n, '¥1.00'],
    [101n, '¥1.01'],
    [123_456n, '¥1,234.56'],
    [100_000n, '¥1,000.00'],
    [99_999n, '¥999.99'],
    [123_456_789n, '¥1,234,567.89'],
    [100_000_000n, '¥1,000,000.00'],
    [MAX_FEN, '¥100,000,000,000.00'],
    [-150n, '-¥1.50'],
    [-1n, '-¥0.01'],
  ])('%s fen → %s', (fen, expected) => {
    expect(formatFen(fen)).toBe(expected)
  })

  test.each([
    [123_456_789n, '¥1,234,567.89'],
    ['123456789', '¥1,234,567.89'],
    [123_456_789, '¥1,234,567.89'],
    ['0', '¥0.00'],
    [0, '¥0.00'],
    ['99', '¥0.99'],
    [100, '¥1.00'],
  ])('accepts bigint, string (from the database) and number: %s → %s', (fen, expected) => {
    expect(formatFen(fen)).toBe(expected)
  })

  test('more than Number.MAX_SAFE_INTEGER fen as a string stays exact', () => {
    expect(formatFen('9007199254740993')).toBe('¥90,071,992,547,409.93')
  })

  test('a fractional number of fen is a programming error and throws', () => {
    expect(() => formatFen(1.5)).toThrow()
  })
})

describe('fenToYuanInput (form fields)', () => {
  test.each([
    [0n, '0.00'],
    [1n, '0.01'],
    [10n, '0.10'],
    [1_234_560n, '12345.60'],
    ['123456789', '1234567.89'],
    [MAX_FEN, '100000000000.00'],
    [-150n, '-1.50'],
    [-5n, '-0.05'],
  ])('%s → %s', (fen, expected) => {
    expect(fenToYuanInput(fen)).toBe(expected)
  })
})

describe('sumFen is exact', () => {
  test('0.1 + 0.2 yuan is exactly 30 fen (where floating point gives 0.30000000000000004)', () => {
    expect(0.1 + 0.2).not.toBe(0.3)
    expect(sumFen([parseYuan('0.1')!, parseYuan('0.2')!])).toBe(30n)
  })

  test.each([
    [[], 0n, 'nothing'],
    [[1n], 1n, 'one value'],
    [[10n, 20n], 30n, 'bigints'],
    [['10', '20'], 30n, 'strings from the database'],
    [[10n, '20', 0n], 30n, 'mixed'],
    [['9007199254740993', '1'], 9_007_199_254_740_994n, 'beyond Number.MAX_SAFE_INTEGER'],
    [[150n, -50n], 100n, 'a negative adjustment'],
  ])('[%s] → %s (%s)', (values, expected) => {
    expect(sumFen(values)).toBe(expected)
  })

  test('a thousand payments of ¥0.01 make ¥10.00', () => {
    const payments = Array.from({ length: 1000 }, () => parseYuan('0.01')!)
    expect(formatFen(sumFen(payments))).toBe('¥10.00')
  })

  test('instalments add up to the agreed amount to the fen', () => {
    const instalments = ['3,333.33', '3,333.33', '3,333.34'].map((v) => parseYuan(v)!)
    expect(sumFen(instalments)).toBe(parseYuan('10000')!)
  })
})
