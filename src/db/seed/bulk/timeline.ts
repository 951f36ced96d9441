import { addYears } from '../../../domain/beijing-date.ts'

/**
 * When each generated case was reported. Case i of n falls on a day drawn from a density over the
 * last `years` years: volume grows about 8% a year, peaks before the Spring Festival (wage arrears
 * in December and January) and dips in February, and is low at weekends. Cases come in time order
 * (case i+1 is never earlier than case i), so ids and case numbers rise with time, and the count
 * per year is known before any case is generated: each year's block of case numbers is taken at once.
 */
export const HOUR = 3_600_000
export const DAY = 86_400_000
const BEIJING = 8 * HOUR

/** Days since 1970-01-01 in Beijing. China has kept UTC+8 without summer time since 1991. */
export const bjDayNumber = (ms: number) => Math.floor((ms + BEIJING) / DAY)
const DAY_TEXT: string[] = []
/** The Beijing calendar day of an instant, 'YYYY-MM-DD' (the generator asks millions of times: kept per day). */
export function bjDay(ms: number): string {
  const n = bjDayNumber(ms)
  return (DAY_TEXT[n] ??= new Date(n * DAY).toISOString().slice(0, 10))
}
/** Midnight in Beijing starting that day. */
export const bjMidnight = (day: string) => Date.parse(`${day}T00:00:00Z`) - BEIJING

const MONTH_FACTOR = [1.3, 0.7, 1.0, 1.0, 0.95, 0.95, 1.0, 1.0, 0.95, 0.95, 1.05, 1.25]
const WEEKDAY_FACTOR = [0.25, 1, 1, 1, 1, 1, 0.35] // Sunday first, as getUTCDay

export type Timeline = {
  n: number
  first: number // Beijing midnight of the first day
  /** Cumulative case counts at each day's start (length days + 1, last = n). */
  cum: Float64Array
  /** Office hours of the last day end earlier: it is today. */
  lastDayEnd: number
}

export function planTimeline(n: number, years: number, now: Date): Timeline {
  // Today counts only once the office has been open a while; otherwise the last day is yesterday.
  const nowMs = now.getTime() - 10 * 60_000
  let last = bjMidnight(bjDay(nowMs))
  if (nowMs - last < 9 * HOUR) last -= DAY
  const first = bjMidnight(addYears(bjDay(last), -years)) + DAY
  const days = Math.round((last - first) / DAY) + 1
  const cum = new Float64Array(days + 1)
  for (let d = 0; d < days; d++) {
    const date = new Date(first + d * DAY + BEIJING)
    const w = 1.08 ** (d / 365) * MONTH_FACTOR[date.getUTCMonth()]! * WEEKDAY_FACTOR[date.getUTCDay()]!
    cum[d + 1] = cum[d]! + w
  }
  const scale = n / cum[days]!
  for (let d = 0; d <= days; d++) cum[d] = cum[d]! * scale
  return { n, first, cum, lastDayEnd: Math.min(last + 18 * HOUR, nowMs) }
}

/** The instant case i was reported: its day by the density, its hour by its place within the day. */
export function reportedAt(t: Timeline, i: number): number {
  const x = i + 0.5
  let lo = 0
  let hi = t.cum.length - 2
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (t.cum[mid]! <= x) lo = mid
    else hi = mid - 1
  }
  const within = (x - t.cum[lo]!) / (t.cum[lo + 1]! - t.cum[lo]!)
  const open = t.first + lo * DAY + 8.5 * HOUR
  const close = Math.min(t.first + lo * DAY + 18 * HOUR, t.lastDayEnd)
  return Math.floor(open + within * Math.max(0, close - open))
}

/** How many of the n cases fall in each Beijing year. */
export function casesPerYear(t: Timeline): Map<number, number> {
  const out = new Map<number, number>()
  for (let i = 0; i < t.n; i++) {
    const year = Number(bjDay(reportedAt(t, i)).slice(0, 4))
    out.set(year, (out.get(year) ?? 0) + 1)
  }
  return out
}
