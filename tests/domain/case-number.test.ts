import { describe, expect, test } from 'vitest'
import { CASE_NUMBER_PREFIX, formatCaseNumber, looksLikeCaseNumber } from '../../src/domain/case-number.ts'

describe('formatCaseNumber', () => {
  test.each([
    [2026, 1, '南海-2026-000001'],
    [2026, 123, '南海-2026-000123'],
    [2026, 99_999, '南海-2026-099999'],
    [2026, 999_999, '南海-2026-999999'],
    [2027, 42, '南海-2027-000042'],
  ])('%i, sequence %i → %s', (year, seq, expected) => {
    expect(formatCaseNumber(year, seq)).toBe(expected)
  })

  test('the default prefix is 南海', () => {
    expect(CASE_NUMBER_PREFIX).toBe('南海')
  })

  test('another prefix', () => {
    expect(formatCaseNumber(2026, 7, '佛山')).toBe('佛山-2026-000007')
  })
})

describe('looksLikeCaseNumber (search box)', () => {
  test.each([
    ['南海-2026-000123', 'a full case number'],
    ['  南海-2026-000123  ', 'with spaces around'],
    ['南海-2026-123', 'without the zero padding'],
    ['南海-2026-1', 'a one-digit sequence'],
    ['NH-2026-000123', 'a Latin prefix'],
    ['佛山市南海区总工-2026-000001', 'an eight-character prefix'],
  ])('%j → yes (%s)', (q) => {
    expect(looksLikeCaseNumber(q)).toBe(true)
  })

  test.each([
    ['', 'empty'],
    ['张伟', 'a name'],
    ['13812345678', 'a phone number'],
    ['南海2026000123', 'no hyphens'],
    ['南海-26-000123', 'a two-digit year'],
    ['南海-2026-0001234', 'a seven-digit sequence'],
    ['南海-2026-', 'no sequence'],
    ['-2026-000123', 'no prefix'],
    ['佛山市南海区总工会-2026-1', 'a nine-character prefix'],
    ['南 海-2026-1', 'a space inside the prefix'],
    ['南海-2026-12a', 'a letter in the sequence'],
    ['南海-2026-000123 张伟', 'followed by other words'],
  ])('%j → no (%s)', (q) => {
    expect(looksLikeCaseNumber(q)).toBe(false)
  })

  test.each([1, 7, 123, 999_999])('every number formatCaseNumber makes is recognised (sequence %i)', (seq) => {
    expect(looksLikeCaseNumber(formatCaseNumber(2026, seq))).toBe(true)
  })
})
