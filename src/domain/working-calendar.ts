import { isIsoDate } from './beijing-date.ts'

/**
 * The official working-day calendar and the period arithmetic of DESIGN §3 (民法典 Arts. 201–203,
 * 民诉法 Art. 85). Pure: the app loads `workday_calendar` and `calendar_years` and calls
 * `calendarFrom`; everything here works on Beijing dates as 'YYYY-MM-DD' strings, computed in UTC
 * so the server's time zone never moves a day.
 *
 *   calendarFrom(rows, years)              → WorkingCalendar
 *   isWorkingDay(cal, day)                 → CalResult<boolean>
 *   nextWorkingDayOnOrAfter(cal, day)      → CalResult<string>   (the rest-day roll of Art. 203)
 *   addWorkingDays(cal, start, n)          → CalResult<string>   (start not counted)
 *   workingDaysBetween(cal, from, to)      → CalResult<number>   (working days in (from, to])
 *   periodEnd(cal, start, period)          → CalResult<string>   (a whole statutory period)
 *   addCalendarDays(day, n), addMonths(day, n) → string           (no calendar needed)
 *
 * Whatever depends on the calendar returns `{ ok: false, missingYear }` as soon as it would have to
 * look at a day of a year that is not loaded: the notice for a year comes out each November, and
 * until then "calendar not loaded" is shown, never a guess (data/README.md). Only the days actually
 * inspected matter, so 2026-12-31 (a Thursday) is a working day even while 2027 is missing.
 * Malformed dates are programming errors and throw a RangeError.
 */
export type WorkingCalendar = {
  loadedYears: ReadonlySet<number>
  /** Official rest days ('rest' rows), weekend days inside a holiday block included. */
  restDays: ReadonlySet<string>
  /** Saturdays and Sundays that are working days (调休). */
  makeupWorkdays: ReadonlySet<string>
}

export type CalendarRow = { day: string; kind: 'rest' | 'makeup_workday' }

export type CalResult<T> = { ok: true; value: T } | { ok: false; missingYear: number }

/** A statutory period: calendar days, months, years, or working days. */
export type Period = { days: number } | { months: number } | { years: number } | { workingDays: number }

/**
 * Rows of a year not listed in `years` are kept but never consulted: a year is loaded whole or not
 * at all (the calendar_years table), so a stray row cannot make a half-known year look known.
 */
export function calendarFrom(rows: readonly CalendarRow[], years: readonly number[]): WorkingCalendar {
  const restDays = new Set<string>()
  const makeupWorkdays = new Set<string>()
  for (const r of rows) {
    assertDate(r.day)
    if (r.kind === 'rest') restDays.add(r.day)
    else if (r.kind === 'makeup_workday') makeupWorkdays.add(r.day)
    else throw new RangeError(`unknown calendar kind ${String((r as { kind: unknown }).kind)}`)
  }
  for (const d of restDays) if (makeupWorkdays.has(d)) throw new RangeError(`${d} is both a rest day and a make-up workday`)
  return { loadedYears: new Set(years), restDays, makeupWorkdays }
}

export function isWorkingDay(cal: WorkingCalendar, day: string): CalResult<boolean> {
  assertDate(day)
  const year = Number(day.slice(0, 4))
  if (!cal.loadedYears.has(year)) return { ok: false, missingYear: year }
  if (cal.makeupWorkdays.has(day)) return { ok: true, value: true }
  if (cal.restDays.has(day)) return { ok: true, value: false }
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay()
  return { ok: true, value: weekday !== 0 && weekday !== 6 }
}

/** `day` itself when it is a working day, else the first working day after it (民法典 Art. 203). */
export function nextWorkingDayOnOrAfter(cal: WorkingCalendar, day: string): CalResult<string> {
  for (let d = day; ; d = addCalendarDays(d, 1)) {
    const w = isWorkingDay(cal, d)
    if (!w.ok) return w
    if (w.value) return { ok: true, value: d }
  }
}

/**
 * The n-th working day after `start` (the start day is not counted, whether or not it is a working
 * day); make-up workdays count, official rest days and ordinary weekends do not. n = 0 gives start.
 */
export function addWorkingDays(cal: WorkingCalendar, start: string, n: number): CalResult<string> {
  assertCount(n)
  let d = start
  assertDate(d)
  for (let counted = 0; counted < n; ) {
    d = addCalendarDays(d, 1)
    const w = isWorkingDay(cal, d)
    if (!w.ok) return w
    if (w.value) counted++
  }
  return { ok: true, value: d }
}

/**
 * Working days in (from, to]: `from` excluded, `to` included, so that
 * workingDaysBetween(cal, s, addWorkingDays(cal, s, n)) = n. Negative when `to` is earlier.
 */
export function workingDaysBetween(cal: WorkingCalendar, from: string, to: string): CalResult<number> {
  assertDate(from)
  assertDate(to)
  if (to < from) {
    const back = workingDaysBetween(cal, to, from)
    return back.ok ? { ok: true, value: -back.value } : back
  }
  let count = 0
  for (let d = from; d < to; ) {
    d = addCalendarDays(d, 1)
    const w = isWorkingDay(cal, d)
    if (!w.ok) return w
    if (w.value) count++
  }
  return { ok: true, value: count }
}

/**
 * The last day of a period that starts on `start` (not counted). Days, months and years end on the
 * last day counted, or the same date of the last month (its last day when it has none), rolled to
 * the next working day when that is a rest day; working-day periods end on a working day already.
 */
export function periodEnd(cal: WorkingCalendar, start: string, period: Period): CalResult<string> {
  if ('workingDays' in period) return addWorkingDays(cal, start, period.workingDays)
  const raw = 'days' in period ? addCalendarDays(start, period.days)
    : 'months' in period ? addMonths(start, period.months)
    : addMonths(start, 12 * period.years)
  return nextWorkingDayOnOrAfter(cal, raw)
}

export function addCalendarDays(day: string, n: number): string {
  assertDate(day)
  if (!Number.isInteger(n)) throw new RangeError(`not a whole number of days: ${n}`)
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)
}

/** The same date n months later (n may be negative), or that month's last day when it has none. */
export function addMonths(day: string, n: number): string {
  assertDate(day)
  if (!Number.isInteger(n)) throw new RangeError(`not a whole number of months: ${n}`)
  const total = Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1 + n
  const y = Math.floor(total / 12)
  const m = total - y * 12 + 1
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate()
  const d = Math.min(Number(day.slice(8, 10)), last)
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

function assertDate(day: string): void {
  if (!isIsoDate(day)) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(day)}`)
}

function assertCount(n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`not a count of working days: ${n}`)
}
