import { afterEach, describe, expect, test, vi } from 'vitest'
import { addYears, beijingDate, beijingYear, daysBetween, isIsoDate } from '../../src/domain/beijing-date.ts'

const INSTANTS = [
  ['2026-04-15T15:59:59.999Z', '2026-04-15', 'last millisecond before Beijing midnight'],
  ['2026-04-15T16:00:00.000Z', '2026-04-16', 'Beijing midnight (16:00 UTC)'],
  ['2026-04-16T00:00:00.000Z', '2026-04-16', 'UTC midnight is 08:00 in Beijing'],
  ['2026-04-16T15:59:59.000Z', '2026-04-16', '23:59:59 in Beijing'],
  ['2025-12-31T15:59:59.999Z', '2025-12-31', 'New Year’s Eve, last moment'],
  ['2025-12-31T16:00:00.000Z', '2026-01-01', 'New Year in Beijing while still 31 Dec in UTC'],
  ['2024-02-28T16:00:00.000Z', '2024-02-29', 'leap day begins'],
  ['2024-02-29T16:00:00.000Z', '2024-03-01', 'leap day ends'],
  ['2026-03-08T07:30:00.000Z', '2026-03-08', 'the morning US clocks go forward'],
  ['2026-11-01T06:30:00.000Z', '2026-11-01', 'the morning US clocks go back'],
] as const

describe('beijingDate', () => {
  test.each(INSTANTS)('%s → %s (%s)', (iso, expected) => {
    expect(beijingDate(new Date(iso))).toBe(expected)
  })

  test('an invalid instant throws rather than inventing a date', () => {
    expect(() => beijingDate(new Date('not a date'))).toThrow()
  })
})

describe('beijingYear', () => {
  test.each([
    ['2025-12-31T15:59:59.999Z', 2025],
    ['2025-12-31T16:00:00.000Z', 2026],
    ['2026-06-30T12:00:00.000Z', 2026],
  ])('%s → %i', (iso, year) => {
    expect(beijingYear(new Date(iso))).toBe(year)
  })
})

describe('whatever the process time zone', () => {
  const originalTz = process.env.TZ
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ
    else process.env.TZ = originalTz
    vi.resetModules()
  })

  const ZONES = [
    ['UTC', 0],
    ['America/Los_Angeles', 480],
    ['America/New_York', 300],
    ['Europe/London', 0],
    ['Asia/Shanghai', -480],
    ['Asia/Kolkata', -330],
    ['Asia/Kathmandu', -345],
    ['Pacific/Kiritimati', -840],
    ['Pacific/Pago_Pago', 660],
  ] as const

  test.each(ZONES)('TZ=%s: every instant maps to the same Beijing date, also when the module loads in that zone', async (tz, januaryOffset) => {
    process.env.TZ = tz
    // The zone has really changed for this process (Node re-reads TZ when it is assigned).
    expect(new Date('2026-01-15T12:00:00Z').getTimezoneOffset()).toBe(januaryOffset)
    vi.resetModules()
    const fresh = await import('../../src/domain/beijing-date.ts')
    for (const [iso, expected] of INSTANTS) {
      expect(fresh.beijingDate(new Date(iso)), `${iso} in ${tz}`).toBe(expected)
      expect(beijingDate(new Date(iso)), `${iso} in ${tz} (module loaded earlier)`).toBe(expected)
    }
    expect(fresh.beijingYear(new Date('2025-12-31T16:00:00Z'))).toBe(2026)
    // Date-only arithmetic must not slip a day across a DST change either.
    expect(fresh.daysBetween('2026-03-07', '2026-03-09')).toBe(2)
    expect(fresh.daysBetween('2026-10-31', '2026-11-02')).toBe(2)
    expect(fresh.daysBetween('2026-03-28', '2026-03-30')).toBe(2)
    expect(fresh.addYears('2024-02-29', 1)).toBe('2025-02-28')
    expect(fresh.isIsoDate('2026-03-08')).toBe(true)
  })
})

describe('daysBetween', () => {
  test.each([
    ['2026-04-16', '2026-05-06', 20, 'the DESIGN §3 mediation example'],
    ['2026-04-16', '2026-04-16', 0, 'same day'],
    ['2026-04-16', '2026-04-17', 1, 'next day'],
    ['2026-05-06', '2026-04-16', -20, 'b earlier than a'],
    ['2024-02-28', '2024-03-01', 2, 'over a leap day'],
    ['2023-02-28', '2023-03-01', 1, 'over the end of a non-leap February'],
    ['2024-01-01', '2025-01-01', 366, 'a leap year'],
    ['2025-01-01', '2026-01-01', 365, 'a common year'],
    ['2025-12-31', '2026-01-01', 1, 'over New Year'],
    ['1999-12-31', '2000-03-01', 61, 'into the 2000 leap year'],
  ])('%s → %s = %i (%s)', (a, b, days) => {
    expect(daysBetween(a, b)).toBe(days)
  })
})

describe('addYears', () => {
  test.each([
    ['2024-02-29', 1, '2025-02-28', '29 Feb into a common year becomes 28 Feb'],
    ['2024-02-29', 4, '2028-02-29', '29 Feb into a leap year stays'],
    ['2024-02-29', -1, '2023-02-28', 'backwards from 29 Feb'],
    ['2024-02-29', -4, '2020-02-29', 'backwards into a leap year'],
    ['2096-02-29', 4, '2100-02-28', '2100 is not a leap year'],
    ['1996-02-29', 4, '2000-02-29', '2000 is a leap year'],
    ['2023-02-28', 1, '2024-02-28', '28 Feb stays 28 Feb in a leap year'],
    ['2023-03-01', 1, '2024-03-01', '1 Mar stays 1 Mar'],
    ['2025-12-31', 1, '2026-12-31', 'last day of the year'],
    ['2026-01-01', 1, '2027-01-01', 'first day of the year'],
    ['2026-04-16', 0, '2026-04-16', 'zero years'],
    ['2026-04-16', 10, '2036-04-16', 'ten years'],
    ['2025-06-30', 1, '2026-06-30', 'a 30-day month'],
  ])('%s + %i years → %s (%s)', (day, n, expected) => {
    expect(addYears(day, n)).toBe(expected)
  })
})

describe('isIsoDate', () => {
  test.each(['2024-02-29', '2000-02-29', '2026-12-31', '2026-01-01', '1900-01-01', '2026-04-30'])('%s is a date', (v) => {
    expect(isIsoDate(v)).toBe(true)
  })

  test.each([
    ['2023-02-29', '29 Feb of a common year'],
    ['1900-02-29', '29 Feb 1900'],
    ['2100-02-29', '29 Feb 2100'],
    ['2026-02-30', '30 Feb'],
    ['2026-04-31', '31 Apr'],
    ['2026-13-01', 'month 13'],
    ['2026-00-10', 'month 00'],
    ['2026-01-00', 'day 00'],
    ['2026-01-32', 'day 32'],
    ['2026-1-5', 'no zero padding'],
    ['20260105', 'no hyphens'],
    ['2026/01/05', 'slashes'],
    ['2026-01-05T00:00', 'with a time'],
    [' 2026-01-05', 'leading space'],
    ['2026-01-05 ', 'trailing space'],
    ['', 'empty'],
    ['２０２６-01-05', 'full-width digits'],
  ])('%j is not a date (%s)', (v) => {
    expect(isIsoDate(v)).toBe(false)
  })
})
