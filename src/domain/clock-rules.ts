import { daysBetween } from './beijing-date.ts'
import { addCalendarDays, isWorkingDay, type CalResult, type Period, type WorkingCalendar } from './working-calendar.ts'

/**
 * The statutory clocks' lengths, legal bases and status rule (DESIGN §3), shared by clocks.ts and
 * clock-limitation.ts. The types of the engine's input and output live here too; clocks.ts
 * re-exports them, so callers import from clocks.ts only.
 */

/** A clock is `due_soon` when its due day is at most this many working days after today; the
 * navigation badge uses the same threshold. */
export const DUE_SOON_WORKING_DAYS = 2
/** Referral acknowledgment, when the referral does not set its own (ours: DESIGN §3). */
export const DEFAULT_ACK_WORKING_DAYS = 2

export const CLOCK_PERIODS = {
  mediation: { days: 15 }, //                  调解仲裁法 Art. 14 ¶3: 15 days from receipt
  acceptance: { workingDays: 3 }, //           enterprise mediation rules (domain.md R8)
  arbitral_review: { days: 15 }, //            仲裁办案规则 Art. 74
  judicial_confirmation: { days: 30 }, //      民诉法 Art. 205; 人民调解法 Art. 33
  entrusted_pre_filing: { days: 30 }, //       特邀调解规定 Art. 27: 委派
  commissioned: { days: 15 }, //               委托, ordinary procedure
  commissioned_simple: { days: 7 }, //         委托, simple procedure
  limitation: { years: 1 }, //                 调解仲裁法 Art. 27 ¶1
} as const satisfies Record<string, Period>

export type CourtReferralKind = 'entrusted_pre_filing' | 'commissioned' | 'commissioned_simple'

/** Message-key-friendly legal bases; the case page shows the article text for each. */
export const CLOCK_BASES = [
  'law.mediation_art14',
  'law.mediation_extended_by_consent',
  'rule.acceptance_3_working_days',
  'law.court_entrusted_art27',
  'law.court_commissioned_art27',
  'law.court_commissioned_simple_art27',
  'law.court_extended_by_consent',
  'law.arbitral_review_art74',
  'law.judicial_confirmation_art205',
  'law.limitation_art27',
  'law.limitation_art27_wages_after_leaving',
  'law.limitation_art27_wages_employed',
  'ours.referral_ack',
] as const
export type ClockBasis = (typeof CLOCK_BASES)[number]

export type ClockKind = 'mediation' | 'court_mediation' | 'acceptance' | 'arbitral_review' | 'judicial_confirmation' | 'referral_ack' | 'limitation'

/**
 * running / due_soon / overdue: the clock runs (daysLeft set). met: the awaited act happened
 * (endedOn; late when after due). stopped: the case closed, or the clock became moot, first.
 * not_started: no start yet (wage arrears while employed, or no date recorded).
 * calendar_missing: the due day needs a year the calendar does not hold (missingYear).
 */
export type ClockStatus = 'running' | 'due_soon' | 'overdue' | 'met' | 'stopped' | 'not_started' | 'calendar_missing'

export type Clock = {
  kind: ClockKind
  basis: ClockBasis
  /** The trigger day (not counted); null only when not_started. */
  start: string | null
  /** The last day of the period, after the rest-day roll; null when not_started or calendar_missing. */
  due: string | null
  /** Calendar days from today to due, negative when overdue; null unless running/due_soon/overdue. */
  daysLeft: number | null
  status: ClockStatus
  endedOn?: string
  late?: boolean
  missingYear?: number
  subject?: { workerIndex: number } | { referralIndex: number }
  /** Mediation and court clocks extended by consent: the due day the law alone would give. */
  statutoryDue?: string
  /** Limitation: the interruption the current year runs from (Art. 27 ¶2). */
  interruptedOn?: string
  /** Limitation: calendar days added by suspensions (Art. 27 ¶3). */
  suspendedDays?: number
}

export type ClockHead = Pick<Clock, 'kind' | 'basis' | 'start'> & Partial<Pick<Clock, 'subject' | 'statutoryDue' | 'interruptedOn' | 'suspendedDays'>>

/** The clock for a computation that needed a year the calendar does not hold. */
export function missingClock(head: ClockHead, missingYear: number): Clock {
  return { ...head, due: null, daysLeft: null, status: 'calendar_missing', missingYear }
}

/**
 * The status of a clock whose due day is known. The awaited act (metOn) wins over a stop that came
 * after it; a clock never blocks anything, it only tells.
 */
export function settle(cal: WorkingCalendar, today: string, head: ClockHead, due: string, metOn: string | null, stoppedOn: string | null): Clock {
  const base = { ...head, due, daysLeft: null }
  if (metOn !== null && (stoppedOn === null || metOn <= stoppedOn)) return { ...base, status: 'met', endedOn: metOn, late: metOn > due }
  if (stoppedOn !== null) return { ...base, status: 'stopped', endedOn: stoppedOn }
  const daysLeft = daysBetween(today, due)
  if (daysLeft < 0) return { ...base, daysLeft, status: 'overdue' }
  const soon = dueWithin(cal, today, due, DUE_SOON_WORKING_DAYS)
  if (!soon.ok) return missingClock(head, soon.missingYear)
  return { ...base, daysLeft, status: soon.value ? 'due_soon' : 'running' }
}

/**
 * Whether (today, due] holds at most n working days. Counted back from the due day, whose year the
 * due computation has already needed, and stopped at the (n+1)-th working day, so only the days just
 * before the due day are consulted, never the whole way back to today.
 */
function dueWithin(cal: WorkingCalendar, today: string, due: string, n: number): CalResult<boolean> {
  let counted = 0
  for (let d = due; d > today; d = addCalendarDays(d, -1)) {
    const w = isWorkingDay(cal, d)
    if (!w.ok) return w
    if (w.value && ++counted > n) return { ok: true, value: false }
  }
  return { ok: true, value: true }
}
