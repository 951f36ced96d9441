import { describe, expect, test } from 'vitest'
import {
  addCalendarDays, addMonths, addWorkingDays, calendarFrom, isWorkingDay, nextWorkingDayOnOrAfter, periodEnd, workingDaysBetween,
  type CalendarRow, type CalResult, type Period,
} from '../../src/domain/working-calendar.ts'

import { officialCalendar } from '../support/official-calendar.ts'

/**
 * The official calendar as the migration loads it (migrations/data/workday-calendar-cn.csv, a copy of
 * data/workday-calendar-cn.csv). Every expected date below was worked out by hand from those rows and
 * a printed calendar; the comment on each row names the rows used. "Ordinary" weekend = a Saturday
 * or Sunday not in the file.
 */
const { rows, cal } = officialCalendar()

const ok = <T>(value: T): CalResult<T> => ({ ok: true, value })
const missing = (missingYear: number): CalResult<never> => ({ ok: false, missingYear })

describe('the calendar file', () => {
  test('holds 2024–2026 as the migration loads it', () => {
    expect(rows.length).toBe(108)
    expect(cal.restDays.size + cal.makeupWorkdays.size).toBe(108)
    expect([...cal.loadedYears]).toEqual([2024, 2025, 2026])
  })

  test('a day cannot be both a rest day and a make-up workday', () => {
    expect(() => calendarFrom([{ day: '2026-05-09', kind: 'rest' }, { day: '2026-05-09', kind: 'makeup_workday' }], [2026])).toThrow(RangeError)
  })

  test.each(['2026-5-9', '2026-02-30', ''])('a malformed day %j is refused', (day) => {
    expect(() => calendarFrom([{ day, kind: 'rest' }], [2026])).toThrow(RangeError)
  })

  test('an unknown kind is refused', () => {
    expect(() => calendarFrom([{ day: '2026-05-09', kind: 'holiday' as 'rest' }], [2026])).toThrow(RangeError)
  })
})

describe('isWorkingDay', () => {
  test.each<[string, CalResult<boolean>, string]>([
    ['2026-05-01', ok(false), 'Fri, 2026-05-01..05 rest (Labour Day)'],
    ['2026-05-09', ok(true), 'Sat, 2026-05-09 makeup_workday'],
    ['2026-05-10', ok(false), 'Sun, ordinary weekend'],
    ['2026-05-06', ok(true), 'Wed, ordinary weekday after the holiday'],
    ['2024-02-04', ok(true), 'Sun, 2024-02-04 makeup_workday (Spring Festival)'],
    ['2024-02-18', ok(true), 'Sun, 2024-02-18 makeup_workday (Spring Festival)'],
    ['2025-01-26', ok(true), 'Sun, 2025-01-26 makeup_workday (Spring Festival)'],
    ['2025-02-08', ok(true), 'Sat, 2025-02-08 makeup_workday (Spring Festival)'],
    ['2025-01-28', ok(false), 'Tue, 2025-01-28..02-04 rest (Spring Festival)'],
    ['2026-02-23', ok(false), 'Mon, 2026-02-15..23 rest (Spring Festival)'],
    ['2024-04-07', ok(true), 'Sun, 2024-04-07 makeup_workday (Qingming)'],
    ['2024-06-10', ok(false), 'Mon, 2024-06-10 rest (Dragon Boat)'],
    ['2025-06-02', ok(false), 'Mon, 2025-05-31..06-02 rest (Dragon Boat)'],
    ['2024-09-14', ok(true), 'Sat, 2024-09-14 makeup_workday (Mid-Autumn)'],
    ['2024-09-16', ok(false), 'Mon, 2024-09-15..17 rest (Mid-Autumn)'],
    ['2026-09-25', ok(false), 'Fri, 2026-09-25..27 rest (Mid-Autumn)'],
    ['2025-09-28', ok(true), 'Sun, 2025-09-28 makeup_workday (National Day)'],
    ['2025-10-08', ok(false), 'Wed, 2025-10-01..08 rest (National Day and Mid-Autumn)'],
    ['2025-10-11', ok(true), 'Sat, 2025-10-11 makeup_workday'],
    ['2026-09-20', ok(true), 'Sun, 2026-09-20 makeup_workday (National Day)'],
    ['2026-10-10', ok(true), 'Sat, 2026-10-10 makeup_workday (National Day)'],
    ['2024-12-31', ok(true), 'Tue, ordinary weekday'],
    ['2026-12-31', ok(true), 'Thu, ordinary weekday, last loaded day'],
    ['2027-01-04', missing(2027), '2027 is not loaded: no guess that a Monday works'],
    ['2023-12-29', missing(2023), '2023 is not loaded either'],
  ])('%s → %j (%s)', (day, expected) => {
    expect(isWorkingDay(cal, day)).toEqual(expected)
  })

  test('rows of a year not listed as loaded are never consulted', () => {
    const partial = calendarFrom(rows, [2024, 2025])
    expect(isWorkingDay(partial, '2026-05-06')).toEqual(missing(2026))
    expect(isWorkingDay(partial, '2025-05-06')).toEqual(ok(true))
  })
})

describe('nextWorkingDayOnOrAfter (the rest-day roll, 民法典 Art. 203)', () => {
  test.each<[string, CalResult<string>, string]>([
    ['2026-05-01', ok('2026-05-06'), '2026-05-01..05 rest → Wed 05-06'],
    ['2026-05-06', ok('2026-05-06'), 'already a working day'],
    ['2026-05-09', ok('2026-05-09'), 'Sat 05-09 is a makeup_workday: no roll'],
    ['2026-05-10', ok('2026-05-11'), 'ordinary Sun → Mon'],
    ['2026-02-15', ok('2026-02-24'), '2026-02-15..23 rest → Tue 02-24'],
    ['2026-02-14', ok('2026-02-14'), 'Sat 2026-02-14 makeup_workday'],
    ['2024-02-10', ok('2024-02-18'), '2024-02-10..17 rest → Sun 02-18, a makeup_workday'],
    ['2025-01-28', ok('2025-02-05'), '2025-01-28..02-04 rest → Wed 02-05'],
    ['2024-04-04', ok('2024-04-07'), '2024-04-04..06 rest → Sun 04-07, a makeup_workday'],
    ['2025-04-04', ok('2025-04-07'), '2025-04-04..06 rest → Mon 04-07'],
    ['2026-04-04', ok('2026-04-07'), '2026-04-04..06 rest → Tue 04-07'],
    ['2024-06-08', ok('2024-06-11'), 'ordinary Sat, Sun, then 2024-06-10 rest → Tue 06-11'],
    ['2025-05-31', ok('2025-06-03'), '2025-05-31..06-02 rest → Tue 06-03'],
    ['2026-06-19', ok('2026-06-22'), '2026-06-19..21 rest → Mon 06-22'],
    ['2024-09-15', ok('2024-09-18'), '2024-09-15..17 rest → Wed 09-18'],
    ['2026-09-26', ok('2026-09-28'), '2026-09-25..27 rest → Mon 09-28'],
    ['2024-10-05', ok('2024-10-08'), '2024-10-01..07 rest → Tue 10-08'],
    ['2025-10-01', ok('2025-10-09'), '2025-10-01..08 rest → Thu 10-09'],
    ['2026-10-01', ok('2026-10-08'), '2026-10-01..07 rest → Thu 10-08'],
    ['2026-01-01', ok('2026-01-04'), '2026-01-01..03 rest → Sun 01-04, a makeup_workday'],
    ['2025-12-27', ok('2025-12-29'), 'ordinary Sat, Sun → Mon'],
    ['2026-12-31', ok('2026-12-31'), 'Thu: a working day, 2027 never needed'],
    ['2027-01-01', missing(2027), '2027 not loaded'],
  ])('%s → %j (%s)', (day, expected) => {
    expect(nextWorkingDayOnOrAfter(cal, day)).toEqual(expected)
  })
})

describe('addWorkingDays (start day not counted; make-up workdays count)', () => {
  test.each<[string, number, CalResult<string>, string]>([
    ['2026-04-30', 3, ok('2026-05-08'), '05-01..05 rest; Wed 05-06 (1), Thu 05-07 (2), Fri 05-08 (3)'],
    ['2026-05-07', 2, ok('2026-05-09'), 'Fri 05-08 (1), Sat 05-09 makeup_workday (2)'],
    ['2026-02-13', 3, ok('2026-02-25'), 'Sat 02-14 makeup (1), 02-15..23 rest, Tue 02-24 (2), Wed 02-25 (3)'],
    ['2024-02-08', 3, ok('2024-02-19'), 'Fri 02-09 (1), 02-10..17 rest, Sun 02-18 makeup (2), Mon 02-19 (3)'],
    ['2025-01-24', 3, ok('2025-02-05'), 'ordinary Sat, Sun 01-26 makeup (1), Mon 01-27 (2), 01-28..02-04 rest, Wed 02-05 (3)'],
    ['2024-04-03', 2, ok('2024-04-08'), '04-04..06 rest, Sun 04-07 makeup (1), Mon 04-08 (2)'],
    ['2024-04-26', 2, ok('2024-04-29'), 'ordinary Sat 04-27, Sun 04-28 makeup (1), Mon 04-29 (2)'],
    ['2024-06-07', 1, ok('2024-06-11'), 'ordinary Sat, Sun, Mon 06-10 rest (Dragon Boat), Tue 06-11 (1)'],
    ['2024-09-13', 2, ok('2024-09-18'), 'Sat 09-14 makeup (1), 09-15..17 rest, Wed 09-18 (2)'],
    ['2026-09-18', 3, ok('2026-09-22'), 'ordinary Sat, Sun 09-20 makeup (1), Mon 09-21 (2), Tue 09-22 (3)'],
    ['2026-09-23', 3, ok('2026-09-29'), 'Thu 09-24 (1), 09-25..27 rest, Mon 09-28 (2), Tue 09-29 (3)'],
    ['2025-09-26', 3, ok('2025-09-30'), 'ordinary Sat, Sun 09-28 makeup (1), Mon 09-29 (2), Tue 09-30 (3)'],
    ['2025-09-30', 3, ok('2025-10-11'), '10-01..08 rest, Thu 10-09 (1), Fri 10-10 (2), Sat 10-11 makeup (3)'],
    ['2026-09-30', 2, ok('2026-10-09'), '10-01..07 rest, Thu 10-08 (1), Fri 10-09 (2)'],
    ['2026-10-09', 1, ok('2026-10-10'), 'Sat 10-10 makeup (1)'],
    ['2026-05-02', 1, ok('2026-05-06'), 'starting on a rest day changes nothing: 05-03..05 rest, Wed 05-06 (1)'],
    ['2024-12-31', 1, ok('2025-01-02'), '2025-01-01 rest, Thu 01-02 (1)'],
    ['2025-12-31', 1, ok('2026-01-04'), '2026-01-01..03 rest, Sun 01-04 makeup (1)'],
    ['2026-04-16', 0, ok('2026-04-16'), 'zero working days'],
    ['2026-12-30', 1, ok('2026-12-31'), 'Thu 12-31 (1): 2027 not needed'],
    ['2026-12-30', 3, missing(2027), 'Thu 12-31 (1), then 2027-01-01 is unknown'],
    ['2023-12-29', 1, missing(2023), 'the next day, 2023-12-30, is in 2023: not loaded'],
  ])('%s + %i working days → %j (%s)', (start, n, expected) => {
    expect(addWorkingDays(cal, start, n)).toEqual(expected)
  })

  test.each([-1, 1.5, Number.NaN])('%d is not a count of working days', (n) => {
    expect(() => addWorkingDays(cal, '2026-04-16', n)).toThrow(RangeError)
  })
})

describe('workingDaysBetween (working days in (from, to])', () => {
  test.each<[string, string, CalResult<number>, string]>([
    ['2026-04-30', '2026-05-08', ok(3), 'the inverse of addWorkingDays: 05-06, 05-07, 05-08'],
    ['2026-05-08', '2026-04-30', ok(-3), 'backwards'],
    ['2026-04-16', '2026-04-16', ok(0), 'same day'],
    ['2026-04-16', '2026-05-06', ok(11), '04-17, 04-20..24, 04-27..30, then 05-01..05 rest, 05-06'],
    ['2026-02-13', '2026-02-28', ok(6), 'Sat 02-14 makeup, 02-24..27, Sat 02-28 makeup'],
    ['2026-05-08', '2026-05-10', ok(1), 'Sat 05-09 makeup counts, ordinary Sun 05-10 does not'],
    ['2026-12-30', '2027-01-04', missing(2027), 'runs into 2027'],
  ])('%s → %s = %j (%s)', (from, to, expected) => {
    expect(workingDaysBetween(cal, from, to)).toEqual(expected)
  })
})

describe('addMonths (the same date, or the month’s last day: 民法典 Art. 202)', () => {
  test.each([
    ['2026-01-31', 1, '2026-02-28', 'no 31 Feb: last day of February'],
    ['2024-01-31', 1, '2024-02-29', 'leap year 2024'],
    ['2025-01-29', 1, '2025-02-28', 'no 29 Feb in 2025'],
    ['2024-02-29', 12, '2025-02-28', 'a year from a leap day'],
    ['2024-02-29', 48, '2028-02-29', 'four years from a leap day'],
    ['2026-03-31', 1, '2026-04-30', '30-day month'],
    ['2025-04-30', 1, '2025-05-30', 'the 30th stays the 30th, not the month end'],
    ['2026-08-31', 1, '2026-09-30', '31 Aug → 30 Sep'],
    ['2026-12-15', 1, '2027-01-15', 'over the year end'],
    ['2026-11-30', 3, '2027-02-28', 'several months, into a short February'],
    ['2023-11-30', 3, '2024-02-29', 'into a leap February'],
    ['2026-03-31', -1, '2026-02-28', 'backwards'],
    ['2026-01-15', -1, '2025-12-15', 'backwards over the year end'],
    ['2026-04-16', 0, '2026-04-16', 'zero months'],
  ])('%s + %i months → %s (%s)', (day, n, expected) => {
    expect(addMonths(day, n)).toBe(expected)
  })
})

describe('addCalendarDays', () => {
  test.each([
    ['2026-04-16', 15, '2026-05-01', 'the DESIGN §3 example, before the roll'],
    ['2024-02-28', 1, '2024-02-29', 'leap day'],
    ['2024-02-28', 2, '2024-03-01', 'over the leap day'],
    ['2025-02-28', 1, '2025-03-01', 'common year'],
    ['2026-12-31', 1, '2027-01-01', 'needs no calendar'],
    ['2026-01-01', -1, '2025-12-31', 'backwards'],
  ])('%s + %i → %s (%s)', (day, n, expected) => {
    expect(addCalendarDays(day, n)).toBe(expected)
  })

  test('a malformed date throws', () => {
    expect(() => addCalendarDays('2026-02-30', 1)).toThrow(RangeError)
  })
})

describe('periodEnd', () => {
  test.each<[string, Period, CalResult<string>, string]>([
    ['2026-04-16', { days: 15 }, ok('2026-05-06'), 'DESIGN §3: day 15 is 05-01, in 2026-05-01..05 rest → 05-06'],
    ['2026-01-31', { months: 1 }, ok('2026-02-28'), 'month end: 02-28, a Sat but 2026-02-28 makeup_workday'],
    ['2025-01-31', { months: 1 }, ok('2025-02-28'), 'month end: Fri 2025-02-28'],
    ['2024-01-31', { months: 1 }, ok('2024-02-29'), 'leap year: Thu 2024-02-29'],
    ['2024-02-29', { years: 1 }, ok('2025-02-28'), 'a year from a leap day: Fri 2025-02-28'],
    ['2024-09-30', { days: 1 }, ok('2024-10-08'), '2024-10-01..07 rest → Tue 10-08'],
    ['2026-04-16', { workingDays: 3 }, ok('2026-04-21'), 'Fri 04-17 (1), Mon 04-20 (2), Tue 04-21 (3)'],
    ['2025-10-01', { years: 1 }, ok('2026-10-08'), '2026-10-01 in 2026-10-01..07 rest → 10-08'],
    ['2026-09-30', { years: 1 }, missing(2027), 'ends in 2027'],
  ])('%s + %j → %j (%s)', (start, period, expected) => {
    expect(periodEnd(cal, start, period)).toEqual(expected)
  })
})
