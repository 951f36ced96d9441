import { describe, expect, test } from 'vitest'
import { calendarEntryProblem, parseCalendarLines, weekday } from '../../src/domain/calendar-entry.ts'

describe('calendarEntryProblem', () => {
  test.each([
    ['a rest day on a weekday', '2027-10-01', 'rest', '国庆节', null],
    ['a rest day on a weekend', '2027-10-02', 'rest', '国庆节', null],
    ['a make-up workday on a Sunday', '2026-09-27', 'makeup_workday', '国庆节', null],
    ['a make-up workday on a Saturday', '2026-10-10', 'makeup_workday', '国庆节', null],
    ['a make-up workday on a Wednesday', '2027-01-06', 'makeup_workday', '元旦', { field: 'day', problem: 'makeup_on_weekday' }],
    ['30 February', '2027-02-30', 'rest', '春节', { field: 'day', problem: 'date' }],
    ['not a date', 'next Monday', 'rest', '春节', { field: 'day', problem: 'date' }],
    ['an unknown kind', '2027-02-10', 'holiday', '春节', { field: 'kind', problem: 'kind' }],
    ['no name', '2027-02-10', 'rest', '  ', { field: 'name', problem: 'name' }],
    ['a 61-character name', '2027-02-10', 'rest', '节'.repeat(61), { field: 'name', problem: 'name' }],
  ])('%s', (_n, day, kind, name, expected) => {
    expect(calendarEntryProblem(day, kind, name)).toEqual(expected)
  })

  test('weekday: 2026-10-01 is a Thursday, 2026-09-27 a Sunday', () => {
    expect(weekday('2026-10-01')).toBe(4)
    expect(weekday('2026-09-27')).toBe(0)
  })
})

describe('parseCalendarLines', () => {
  test('reads a notice pasted with a header, full-width commas and blank lines', () => {
    const { entries, problems } = parseCalendarLines('date,kind,name\n2027-01-01,rest,元旦\n\n2027-02-06，makeup_workday，春节\n', 2027)
    expect(problems).toEqual([])
    expect(entries).toEqual([
      { day: '2027-01-01', kind: 'rest', name: '元旦' },
      { day: '2027-02-06', kind: 'makeup_workday', name: '春节' },
    ])
  })

  test('reports every bad line by number: wrong year, duplicate, weekday make-up, bad date', () => {
    const { problems } = parseCalendarLines('2027-01-01,rest,元旦\n2026-12-31,rest,元旦\n2027-01-01,rest,元旦\n2027-01-06,makeup_workday,元旦\n2027-13-01,rest,x', 2027)
    expect(problems).toEqual([
      { line: 2, problem: 'year' },
      { line: 3, problem: 'duplicate' },
      { line: 4, problem: 'makeup_on_weekday' },
      { line: 5, problem: 'date' },
    ])
  })
})
