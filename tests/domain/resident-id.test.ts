import { describe, expect, test } from 'vitest'
import { ageOn, checkResidentId, isUnder16, normaliseResidentId, residentIdCheckChar } from '../../src/domain/resident-id.ts'

const TODAY = '2026-05-01'
/** Appends the correct check character, so that only the part under test can be wrong. */
const withCheck = (first17: string) => first17 + residentIdCheckChar(first17)

/*
 * Check characters worked out by hand (GB 11643 / ISO 7064 MOD 11-2). Weights:
 *   7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2; sum mod 11 → 0:1 1:0 2:X 3:9 4:8 5:7 6:6 7:5 8:4 9:3 10:2.
 *
 * 11010519491231002X (the standard's own example):
 *   1·7+1·9+0·10+1·5+0·8+5·4+1·2+9·1+4·6+9·3+1·7+2·9+3·10+1·5+0·8+0·4+2·2
 *   = 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 mod 11 = 2 → X. Sequence 002 even: female.
 * 440605199001011236 (Nanhai, born 1990-01-01, sequence 123 odd: male):
 *   28+36+0+30+0+20+2+9+54+0+0+9+0+5+8+8+6 = 215; 215 mod 11 = 6 → 6.
 * 44060519850715001X (born 1985-07-15, sequence 001: male):
 *   28+36+0+30+0+20+2+9+48+15+0+63+10+25+0+0+2 = 288; 288 mod 11 = 2 → X.
 * 440605200802290023 (born 29 Feb 2008, a leap year; sequence 002: female):
 *   28+36+0+30+0+20+4+0+0+24+0+18+20+45+0+0+4 = 229; 229 mod 11 = 9 → 3.
 * 440605201006150016 (born 2010-06-15, sequence 001: male):
 *   28+36+0+30+0+20+4+0+6+0+0+54+10+25+0+0+2 = 215; 215 mod 11 = 6 → 6.
 */
const VALID = [
  ['11010519491231002X', '1949-12-31', 'female', 'GB 11643 example'],
  ['440605199001011236', '1990-01-01', 'male', 'Nanhai, check digit 6'],
  ['44060519850715001X', '1985-07-15', 'male', 'check character X'],
  ['440605200802290023', '2008-02-29', 'female', '29 Feb in a leap year'],
  ['440605201006150016', '2010-06-15', 'male', 'a minor'],
] as const

describe('valid resident IDs', () => {
  test.each(VALID)('%s → born %s, %s (%s)', (id, birthDate, sex) => {
    expect(checkResidentId(id, TODAY)).toEqual({ ok: true, birthDate, sex })
  })
  test.each(VALID)('check character of %s is recomputed from the first 17', (id) => {
    expect(residentIdCheckChar(id.slice(0, 17))).toBe(id[17])
  })
})

describe('wrong check digit', () => {
  test.each([
    ['110105194912310021', 'GB example with 1 instead of X'],
    ['110105194912310020', 'GB example with 0 instead of X'],
    ['440605199001011235', 'Nanhai with 5 instead of 6'],
    ['440605199001011230', 'Nanhai with 0 instead of 6'],
    ['440605199001011239', 'Nanhai with 9 instead of 6'],
    ['44060519850715001X'.slice(0, 17) + '2', 'X replaced by 2'],
    ['440605200802290024', '29 Feb ID with 4 instead of 3'],
  ])('%s (%s) → check_digit', (id) => {
    expect(checkResidentId(id, TODAY)).toEqual({ ok: false, problem: 'check_digit' })
  })

  test('every single-digit change among the first 17 is caught (as a date or a check problem)', () => {
    let checked = 0
    for (const [id] of VALID) {
      for (let i = 0; i < 17; i++) {
        for (let digit = 0; digit <= 9; digit++) {
          if (String(digit) === id[i]) continue
          const bad = id.slice(0, i) + digit + id.slice(i + 1)
          const result = checkResidentId(bad, TODAY)
          expect(result.ok, bad).toBe(false)
          // Outside the birth date only the check digit can object.
          if (i < 6 || i >= 14) expect(result, bad).toEqual({ ok: false, problem: 'check_digit' })
          checked++
        }
      }
    }
    expect(checked).toBe(5 * 17 * 9)
  })

  test('swapping two different adjacent digits in the sequence part is caught', () => {
    // 440605199001011236 → sequence 123 becomes 213 and 132.
    expect(checkResidentId('440605199001012136', TODAY)).toEqual({ ok: false, problem: 'check_digit' })
    expect(checkResidentId('440605199001011326', TODAY)).toEqual({ ok: false, problem: 'check_digit' })
  })
})

describe('birth date must be a real day', () => {
  test.each([
    ['44060519900230001', 'born 30 Feb'],
    ['44060519900231001', 'born 31 Feb'],
    ['44060519900431001', 'born 31 Apr'],
    ['44060519900631001', 'born 31 Jun'],
    ['44060519900931001', 'born 31 Sep'],
    ['44060519901131001', 'born 31 Nov'],
    ['44060520090229001', 'born 29 Feb 2009 (not a leap year)'],
    ['44060519000229001', 'born 29 Feb 1900 (century, not a leap year)'],
    ['44060519900001001', 'month 00'],
    ['44060519901301001', 'month 13'],
    ['44060519900100001', 'day 00'],
    ['44060519900132001', 'day 32'],
    ['44060518991231001', 'born 1899-12-31, before 1900'],
    ['44060508000101001', 'born in year 0800'],
    ['44060520260502001', 'born 2026-05-02, the day after today'],
    ['44060520270101001', 'born next year'],
    ['44060599991231001', 'born 9999-12-31'],
  ])('%s + check (%s) → birth_date', (first17) => {
    expect(checkResidentId(withCheck(first17), TODAY)).toEqual({ ok: false, problem: 'birth_date' })
  })

  test.each([
    ['44060520080229002', '2008-02-29', 'born 29 Feb 2008 (leap year)'],
    ['44060520000229002', '2000-02-29', 'born 29 Feb 2000 (divisible by 400: leap)'],
    ['44060519000101002', '1900-01-01', 'born 1900-01-01, the earliest accepted'],
    ['44060520260501002', '2026-05-01', 'born today'],
    ['44060519900430002', '1990-04-30', 'born 30 Apr'],
    ['44060519901231002', '1990-12-31', 'born 31 Dec'],
  ])('%s + check (%s) is accepted (%s)', (first17, birthDate) => {
    expect(checkResidentId(withCheck(first17), TODAY)).toEqual({ ok: true, birthDate, sex: 'female' })
  })

  test('the date is judged against the given today, not the clock', () => {
    const id = withCheck('44060520260502001')
    expect(checkResidentId(id, '2026-05-01')).toEqual({ ok: false, problem: 'birth_date' })
    expect(checkResidentId(id, '2026-05-02')).toMatchObject({ ok: true, birthDate: '2026-05-02' })
  })
})

describe('format', () => {
  test.each([
    ['', 'empty'],
    ['440605900101123', '15 digits (first-generation ID, no longer valid)'],
    ['4406051990010112', '16 digits'],
    ['44060519900101123', '17 digits (check character missing)'],
    ['4406051990010112366', '19 digits'],
    ['11010519491231002x', 'lowercase x (not normalised)'],
    ['1101051949123100X2', 'X not in last place'],
    ['11010519491231002Y', 'Y as check character'],
    ['44060519900101123 6', 'space inside (not normalised)'],
    ['４40605199001011236', 'a full-width digit'],
    ['H1234567890123456', 'a Hong Kong permit-like string'],
  ])('%j (%s) → format', (id) => {
    expect(checkResidentId(id, TODAY)).toEqual({ ok: false, problem: 'format' })
  })
})

describe('normaliseResidentId', () => {
  test.each([
    ['11010519491231002x', '11010519491231002X'],
    [' 110105 19491231 002x ', '11010519491231002X'],
    ['440605\u300019900101\t1236\n', '440605199001011236'],
  ])('%j → %s, which is valid', (input, expected) => {
    expect(normaliseResidentId(input)).toBe(expected)
    expect(checkResidentId(normaliseResidentId(input), TODAY).ok).toBe(true)
  })
})

describe('sex from the 17th digit', () => {
  test.each([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])('sequence ending in %i', (digit) => {
    const result = checkResidentId(withCheck(`4406051990010112${digit}`), TODAY)
    expect(result).toMatchObject({ ok: true, sex: digit % 2 === 1 ? 'male' : 'female' })
  })
})

describe('ageOn', () => {
  test.each([
    ['2010-06-15', '2026-06-14', 15, 'day before the 16th birthday'],
    ['2010-06-15', '2026-06-15', 16, 'on the 16th birthday'],
    ['2010-06-15', '2026-06-16', 16, 'day after the 16th birthday'],
    ['2010-06-15', '2010-06-15', 0, 'day of birth'],
    ['2010-06-15', '2011-06-14', 0, 'day before the first birthday'],
    ['2010-12-31', '2026-01-01', 15, 'born on New Year’s Eve, next New Year’s Day'],
    ['2010-01-01', '2025-12-31', 15, 'born on New Year’s Day, the last day of the 15th year'],
    ['1949-12-31', '2026-05-01', 76, 'GB example holder on 2026-05-01'],
    // 29 February birthdays
    ['2008-02-29', '2024-02-28', 15, '29 Feb baby, day before the 16th birthday (leap year)'],
    ['2008-02-29', '2024-02-29', 16, '29 Feb baby on the 16th birthday'],
    ['2008-02-29', '2024-03-01', 16, '29 Feb baby, day after'],
    ['2008-02-29', '2025-02-28', 16, '29 Feb baby on 28 Feb of a non-leap year: not yet 17'],
    ['2008-02-29', '2025-03-01', 17, '29 Feb baby on 1 Mar of a non-leap year: 17'],
    ['2007-03-01', '2024-02-29', 16, 'born 1 Mar, on 29 Feb of a leap year: not yet 17'],
  ])('born %s, on %s → %i (%s)', (birth, day, age) => {
    expect(ageOn(birth, day)).toBe(age)
  })
})

describe('isUnder16 (child labour)', () => {
  test.each([
    ['2010-06-15', '2026-06-14', true, 'day before the 16th birthday'],
    ['2010-06-15', '2026-06-15', false, 'on the 16th birthday'],
    ['2010-06-15', '2026-06-16', false, 'day after the 16th birthday'],
    ['2008-02-29', '2024-02-28', true, '29 Feb baby, 28 Feb of the 16th year'],
    ['2008-02-29', '2024-02-29', false, '29 Feb baby on the 16th birthday'],
    ['2008-02-29', '2024-03-01', false, '29 Feb baby, 1 Mar of the 16th year'],
    ['1990-01-01', '2026-05-01', false, 'an adult'],
    ['2026-01-01', '2026-05-01', true, 'an infant'],
  ])('born %s, on %s → %s (%s)', (birth, day, expected) => {
    expect(isUnder16(birth, day)).toBe(expected)
  })

  test('an ID holder born 2010-06-15 is under 16 on 2026-05-01', () => {
    const result = checkResidentId('440605201006150016', TODAY)
    if (!result.ok) throw new Error('expected a valid ID')
    expect(isUnder16(result.birthDate, TODAY)).toBe(true)
    expect(isUnder16(result.birthDate, '2026-06-15')).toBe(false)
  })
})
