import { describe, expect, test } from 'vitest'
import { neutraliseText, spreadsheetCell } from '../../src/domain/spreadsheet-cell.ts'

const DANGEROUS = ['=', '+', '-', '@', '\t', '\r', '\n', '\u0000', '＝', '＋', '－', '＠']

describe('neutraliseText', () => {
  test.each([
    ['=HYPERLINK("http://x.example","点我")', `'=HYPERLINK("http://x.example","点我")`, 'the X6 example'],
    ['=1+1', "'=1+1", 'a formula'],
    ['+8613812345678', "'+8613812345678", 'a phone with country code'],
    ['-2+3+cmd|\' /C calc\'!A0', "'-2+3+cmd|' /C calc'!A0", 'the DDE payload'],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)", 'an at-function'],
    ['\t=1+1', "'\t=1+1", 'a tab before a formula'],
    ['\r=1+1', "'\r=1+1", 'a carriage return before a formula'],
    ['\n=1+1', "'\n=1+1", 'a line feed before a formula'],
    ['\u0000x', "'\u0000x", 'a NUL'],
    ['＝1+1', "'＝1+1", 'a full-width equals sign'],
    ['－5', "'－5", 'a full-width minus'],
    ['=', "'=", 'the sign alone'],
  ])('%j → %j (%s)', (input, expected) => {
    expect(neutraliseText(input)).toBe(expected)
  })

  test.each([
    ['张伟', 'a Chinese name'],
    ['甲公司等3家', 'a summary'],
    ['a=b', 'an equals sign inside'],
    ['1-2', 'a minus inside'],
    [' =1+1', 'a leading space (no spreadsheet evaluates it)'],
    ["'=1+1", 'already neutralised: not prefixed twice'],
    ['138****5678', 'a masked phone'],
    ['2026-11-22', 'a date'],
    ['', 'empty'],
  ])('%j is left alone (%s)', (input) => {
    expect(neutraliseText(input)).toBe(input)
  })

  test('every character that can start a formula, followed by anything, gets exactly one apostrophe', () => {
    for (const first of DANGEROUS) {
      for (const rest of ['', 'x', '1+1', '=', "'"]) {
        const out = neutraliseText(first + rest)
        expect(out, JSON.stringify(first + rest)).toBe(`'${first}${rest}`)
      }
    }
  })

  test('no other ASCII or common CJK first character is touched', () => {
    const safe: string[] = []
    for (let code = 0; code < 0x80; code++) safe.push(String.fromCharCode(code))
    safe.push('中', '（', '￥', '。', '，')
    for (const first of safe.filter((ch) => !DANGEROUS.includes(ch))) {
      expect(neutraliseText(`${first}=1`)).toBe(`${first}=1`)
    }
  })
})

describe('spreadsheetCell', () => {
  test('numbers stay numbers, including negative ones (a value, never a formula)', () => {
    expect(spreadsheetCell(12345.67)).toBe(12345.67)
    expect(spreadsheetCell(-5)).toBe(-5)
    expect(spreadsheetCell(0)).toBe(0)
  })

  test('a number that is not finite becomes empty', () => {
    expect(spreadsheetCell(Number.NaN)).toBeNull()
    expect(spreadsheetCell(Number.POSITIVE_INFINITY)).toBeNull()
  })

  test('null stays null; text goes through the neutraliser', () => {
    expect(spreadsheetCell(null)).toBeNull()
    expect(spreadsheetCell('-5')).toBe("'-5")
    expect(spreadsheetCell('张伟')).toBe('张伟')
  })
})
