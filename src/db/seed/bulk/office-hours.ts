import type { Rng } from '../demo-people.ts'
import { bjDayNumber, DAY, HOUR } from './timeline.ts'

/** The first moment in office hours (9:00–17:30 Beijing, Monday to Friday) at or after `ms`. */
export function office(r: Rng, ms: number): number {
  let day = bjDayNumber(ms)
  let t = ms
  const time = ms - (day * DAY - 8 * HOUR)
  if (time > 17.5 * HOUR) t = (++day) * DAY + HOUR + r.next() * 2 * HOUR // 9:00 Beijing is 1:00 UTC
  else if (time < 9 * HOUR) t = day * DAY + HOUR + r.next() * 2 * HOUR
  const weekday = (day + 4) % 7 // day 0, 1970-01-01, was a Thursday
  return Math.floor(weekday === 6 ? t + 2 * DAY : weekday === 0 ? t + DAY : t)
}

/** Some hours after `from`, in office hours. */
export function hoursLater(r: Rng, from: number, min: number, max: number): number {
  return office(r, from + (min + r.next() * (max - min)) * HOUR)
}

/** Some days after `from`, in office hours. */
export function daysLater(r: Rng, from: number, min: number, max: number): number {
  return office(r, from + (min + r.next() * (max - min)) * DAY)
}
