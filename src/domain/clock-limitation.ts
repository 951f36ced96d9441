import { daysBetween } from './beijing-date.ts'
import { CLOCK_PERIODS, missingClock, settle, type Clock, type ClockHead } from './clock-rules.ts'
import { addCalendarDays, addMonths, nextWorkingDayOnOrAfter, type CalResult, type WorkingCalendar } from './working-calendar.ts'

/**
 * Each worker's arbitration limitation, the rule of 调解仲裁法 Art. 27 as implemented here:
 *
 * ¶1 The limitation is one year from the day the worker knew or should have known the right was
 *    infringed (`knewOn`; when it is not recorded, the leave date stands in, as in limitation.ts).
 * ¶2 It is interrupted when a party claims the right from the other side, asks an authority for
 *    relief, or the other side agrees to perform; from the interruption the full year runs afresh.
 *    Only interruptions the case records count (`interruptions`): the engine does not decide on its
 *    own that the mediation application was one. An interruption after the period has run out does
 *    not revive it and is ignored, as is one on or before the day the period runs from.
 * ¶3 It is suspended when force majeure or another proper reason keeps the worker from applying;
 *    counting resumes when the cause is removed. A suspension {from, to} stops the period on `from`
 *    and resumes it on `to`, so it prolongs the period by the calendar days between them (to − from);
 *    only the part after the day the current year runs from counts, only if it begins before the
 *    period has run out, and overlapping suspensions count once. (Unlike 民法典 Art. 194, Art. 27
 *    has no "last six months" condition.)
 * ¶4 Wage arrears (劳动报酬: wages, overtime pay) while employed: no limitation while the employment
 *    lasts; once it ends, one year from the leave date. Mixed with another dispute type, the other
 *    claim's year is the one that binds, as in limitation.ts.
 *
 * The year ends on the same date a year later (28 Feb for 29 Feb), plus suspended days, rolled to the
 * next working day when that is a rest day (民法典 Arts. 201–203).
 */
export type Suspension = { from: string; to: string }

export type WorkerLimitationFacts = {
  disputeTypes: readonly string[]
  knewOn: string | null
  leftOn: string | null
  interruptions: readonly string[]
  suspensions: readonly Suspension[]
}

const WAGE_TYPES: readonly string[] = ['wages', 'overtime']

export function limitationClock(cal: WorkingCalendar, today: string, w: WorkerLimitationFacts, workerIndex: number, closedOn: string | null): Clock {
  const subject = { workerIndex }
  const wagesOnly = w.disputeTypes.length > 0 && w.disputeTypes.every((t) => WAGE_TYPES.includes(t))
  if (wagesOnly && w.leftOn === null) {
    return { kind: 'limitation', basis: 'law.limitation_art27_wages_employed', start: null, due: null, daysLeft: null, status: 'not_started', subject }
  }
  const start = wagesOnly ? w.leftOn : (w.knewOn ?? w.leftOn)
  const basis = wagesOnly ? 'law.limitation_art27_wages_after_leaving' : 'law.limitation_art27'
  if (start === null) return { kind: 'limitation', basis, start: null, due: null, daysLeft: null, status: 'not_started', subject }

  const pauses = merge(w.suspensions)
  let anchor = start
  let interruptedOn: string | undefined
  for (const d of [...new Set(w.interruptions)].sort()) {
    if (d <= anchor) continue
    const run = runningEnd(cal, anchor, pauses)
    if (!run.ok) return missingClock({ kind: 'limitation', basis, start, subject }, run.missingYear)
    const alive = aliveOn(cal, run.value.end, d)
    if (!alive.ok) return missingClock({ kind: 'limitation', basis, start, subject }, alive.missingYear)
    if (!alive.value) break
    anchor = d
    interruptedOn = d
  }
  const run = runningEnd(cal, anchor, pauses)
  const head: ClockHead = { kind: 'limitation', basis, start, subject }
  if (interruptedOn) head.interruptedOn = interruptedOn
  if (!run.ok) return missingClock(head, run.missingYear)
  if (run.value.suspendedDays > 0) head.suspendedDays = run.value.suspendedDays
  const due = nextWorkingDayOnOrAfter(cal, run.value.end)
  if (!due.ok) return missingClock(head, due.missingYear)
  return settle(cal, today, head, due.value, null, closedOn)
}

/** The last day of the year running from `anchor`, before the rest-day roll, with suspensions. */
function runningEnd(cal: WorkingCalendar, anchor: string, pauses: readonly Suspension[]): CalResult<{ end: string; suspendedDays: number }> {
  let end = addMonths(anchor, 12 * CLOCK_PERIODS.limitation.years)
  let suspendedDays = 0
  for (const p of pauses) {
    if (p.to <= anchor) continue
    const from = p.from > anchor ? p.from : anchor
    const alive = aliveOn(cal, end, from)
    if (!alive.ok) return alive
    if (!alive.value) break
    const days = daysBetween(from, p.to)
    end = addCalendarDays(end, days)
    suspendedDays += days
  }
  return { ok: true, value: { end, suspendedDays } }
}

/** Whether the period whose unrolled last day is `end` still runs on `day` (the roll counts too). */
function aliveOn(cal: WorkingCalendar, end: string, day: string): CalResult<boolean> {
  if (day <= end) return { ok: true, value: true }
  const rolled = nextWorkingDayOnOrAfter(cal, end)
  return rolled.ok ? { ok: true, value: day <= rolled.value } : rolled
}

/** Suspensions sorted and merged where they overlap or touch; empty or reversed ones dropped. */
function merge(suspensions: readonly Suspension[]): Suspension[] {
  const sorted = suspensions.filter((s) => s.to > s.from).sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))
  const out: Suspension[] = []
  for (const s of sorted) {
    const last = out.at(-1)
    if (last && s.from <= last.to) last.to = s.to > last.to ? s.to : last.to
    else out.push({ ...s })
  }
  return out
}
