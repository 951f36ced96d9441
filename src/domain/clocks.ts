import { isIsoDate } from './beijing-date.ts'
import { limitationClock, type WorkerLimitationFacts } from './clock-limitation.ts'
import { CLOCK_PERIODS, DEFAULT_ACK_WORKING_DAYS, missingClock, settle, type Clock, type ClockBasis, type ClockHead, type CourtReferralKind } from './clock-rules.ts'
import { addWorkingDays, periodEnd, type WorkingCalendar } from './working-calendar.ts'

/**
 * The statutory-clock engine (DESIGN §3). Pure: the app assembles ClockFacts from the case row and
 * its events, loads the calendar (working-calendar.ts) and passes today's Beijing date
 * (beijingDate(new Date())); nothing here reads the clock, the time zone or the database, so a
 * corrected trigger date simply gives new clocks on the next call.
 *
 *   computeClocks(facts, cal, today) → { clocks: Clock[]; arbitrationOpen: boolean }
 *
 * Clocks come in a fixed order: acceptance, mediation or the court's, arbitral review, judicial
 * confirmation, referral acknowledgments (subject.referralIndex), limitation per worker
 * (subject.workerIndex). `arbitrationOpen` says the case page should offer the arbitration route:
 * the mediation (or court) period lapsed without agreement, or the application was declined. It
 * only informs: escalation is a right and no clock ever blocks it. A closed case's clocks show
 * 'stopped' (their due days kept) unless met before closure; a reopened case passes closedOn null.
 */
export type MediationExtension = {
  consentedByWorkerOn: string | null
  consentedByRespondentOn: string | null
  /** The day the parties agreed mediation may run to; taken as agreed, not rolled off a rest day. */
  newDueOn: string
}

export type ReferralFacts = {
  sentOn: string
  /** Accepted or rejected with a reason: either answers the referral. */
  acknowledgedOn: string | null
  ackWorkingDays?: number
}

export type ClockFacts = {
  /** Receipt of a party's application: starts the mediation and acceptance clocks (null: none yet). */
  applicationReceivedOn: string | null
  acceptanceDecidedOn: string | null
  /** The decision was to decline (不予受理): the mediation clock stops and arbitration is shown. */
  declined?: boolean
  mediationExtensions: readonly MediationExtension[]
  /** The day the agreement took effect (signed and sealed): meets the mediation clock. */
  agreementEffectiveOn: string | null
  arbitralReviewAppliedOn?: string | null
  judicialConfirmationAppliedOn?: string | null
  /** A court referral runs the court's clock instead of the mediation clock (from receipt of the
   * court's materials, 特邀调解规定 Art. 27). */
  courtReferral: { kind: CourtReferralKind; receivedOn: string } | null
  closedOn: string | null
  referrals: readonly ReferralFacts[]
  workers: readonly WorkerLimitationFacts[]
}

export type ClockResult = { clocks: Clock[]; arbitrationOpen: boolean }

const COURT_BASIS: Record<CourtReferralKind, ClockBasis> = {
  entrusted_pre_filing: 'law.court_entrusted_art27',
  commissioned: 'law.court_commissioned_art27',
  commissioned_simple: 'law.court_commissioned_simple_art27',
}

export function computeClocks(f: ClockFacts, cal: WorkingCalendar, today: string): ClockResult {
  if (!isIsoDate(today)) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(today)}`)
  const clocks: Clock[] = []
  const closed = f.closedOn

  if (f.applicationReceivedOn) {
    const head: ClockHead = { kind: 'acceptance', basis: 'rule.acceptance_3_working_days', start: f.applicationReceivedOn }
    const due = periodEnd(cal, f.applicationReceivedOn, CLOCK_PERIODS.acceptance)
    clocks.push(due.ok ? settle(cal, today, head, due.value, f.acceptanceDecidedOn, closed) : missingClock(head, due.missingYear))
  }

  const mediation = mediationClock(f, cal, today)
  if (mediation) clocks.push(mediation)

  if (f.agreementEffectiveOn) {
    const review = f.arbitralReviewAppliedOn ?? null
    const confirmation = f.judicialConfirmationAppliedOn ?? null
    // The two routes are alternatives (domain.md R17): applying for one makes the other moot.
    clocks.push(agreementClock(f, cal, today, 'arbitral_review', 'law.arbitral_review_art74', review, earliest(closed, confirmation)))
    clocks.push(agreementClock(f, cal, today, 'judicial_confirmation', 'law.judicial_confirmation_art205', confirmation, earliest(closed, review)))
  }

  f.referrals.forEach((r, referralIndex) => {
    const head: ClockHead = { kind: 'referral_ack', basis: 'ours.referral_ack', start: r.sentOn, subject: { referralIndex } }
    const due = addWorkingDays(cal, r.sentOn, r.ackWorkingDays ?? DEFAULT_ACK_WORKING_DAYS)
    clocks.push(due.ok ? settle(cal, today, head, due.value, r.acknowledgedOn, closed) : missingClock(head, due.missingYear))
  })

  f.workers.forEach((w, workerIndex) => clocks.push(limitationClock(cal, today, w, workerIndex, closed)))

  const arbitrationOpen = closed === null && (f.declined === true || mediation?.status === 'overdue')
  return { clocks, arbitrationOpen }
}

/**
 * 15 days from receipt (调解仲裁法 Art. 14 ¶3), or the court's 30/15/7 days from receipt of its
 * materials. Only an extension both parties consented to counts; the latest one agreed (by its later
 * consent, then by its place in the list) sets the due day, and never below the statutory one: an
 * "extension" cannot shorten the period after which a party may go to arbitration.
 */
function mediationClock(f: ClockFacts, cal: WorkingCalendar, today: string): Clock | null {
  const court = f.courtReferral
  const start = court ? court.receivedOn : f.applicationReceivedOn
  if (!start) return null
  const head: ClockHead = court
    ? { kind: 'court_mediation', basis: COURT_BASIS[court.kind], start }
    : { kind: 'mediation', basis: 'law.mediation_art14', start }
  const statutory = periodEnd(cal, start, CLOCK_PERIODS[court ? court.kind : 'mediation'])
  if (!statutory.ok) return missingClock(head, statutory.missingYear)
  let due = statutory.value
  let agreedOn = ''
  for (const e of f.mediationExtensions) {
    if (!e.consentedByWorkerOn || !e.consentedByRespondentOn) continue
    const on = e.consentedByWorkerOn > e.consentedByRespondentOn ? e.consentedByWorkerOn : e.consentedByRespondentOn
    if (on < agreedOn) continue
    agreedOn = on
    due = e.newDueOn > statutory.value ? e.newDueOn : statutory.value
  }
  if (due !== statutory.value) {
    head.basis = court ? 'law.court_extended_by_consent' : 'law.mediation_extended_by_consent'
    head.statutoryDue = statutory.value
  }
  const stoppedOn = f.closedOn ?? (!court && f.declined && f.acceptanceDecidedOn ? f.acceptanceDecidedOn : null)
  return settle(cal, today, head, due, f.agreementEffectiveOn, stoppedOn)
}

function agreementClock(f: ClockFacts, cal: WorkingCalendar, today: string, kind: 'arbitral_review' | 'judicial_confirmation', basis: ClockBasis, metOn: string | null, stoppedOn: string | null): Clock {
  const start = f.agreementEffectiveOn!
  const head: ClockHead = { kind, basis, start }
  const due = periodEnd(cal, start, CLOCK_PERIODS[kind])
  return due.ok ? settle(cal, today, head, due.value, metOn, stoppedOn) : missingClock(head, due.missingYear)
}

function earliest(a: string | null, b: string | null): string | null {
  if (a === null) return b
  if (b === null) return a
  return a < b ? a : b
}

export { DUE_SOON_WORKING_DAYS, DEFAULT_ACK_WORKING_DAYS, CLOCK_BASES, CLOCK_PERIODS } from './clock-rules.ts'
export type { Clock, ClockBasis, ClockKind, ClockStatus, CourtReferralKind } from './clock-rules.ts'
export type { Suspension, WorkerLimitationFacts } from './clock-limitation.ts'
