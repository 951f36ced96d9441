import type { Translate, MessageKey } from '../../i18n/i18n.ts'
import type { Db } from '../../db/connect.ts'
import { beijingDate } from '../../domain/beijing-date.ts'
import { weekday } from '../../domain/calendar-entry.ts'
import { computeClocks, type Clock, type ClockFacts } from '../../domain/clocks.ts'
import { courtClockFacts } from '../../domain/court-linkage.ts'
import { calendarFrom, type CalendarRow } from '../../domain/working-calendar.ts'

/** The official calendar as the clock engine wants it: a few dozen rows a year. */
export async function loadCalendar(db: Db) {
  const [rows, years] = await Promise.all([
    db.selectFrom('workday_calendar').select(['day', 'kind']).execute(),
    db.selectFrom('calendar_years').select('year').execute(),
  ])
  return calendarFrom(rows as CalendarRow[], years.map((y) => y.year))
}

const day = (d: Date | null) => (d ? beijingDate(d) : null)

/** Everything the clock engine needs about one case, read from the case, its workers, extensions, legs and court linkage. */
export async function caseClockFacts(db: Db, caseId: number) {
  const k = await db.selectFrom('cases')
    .select(['id', 'channel', 'status', 'reported_at', 'application_received_at', 'decided_at', 'dispute_types', 'agreement_effective_on', 'closed_at'])
    .where('id', '=', caseId).executeTakeFirstOrThrow()
  const [workers, events, extensions, legs, linkages] = await Promise.all([
    db.selectFrom('workers').select(['id', 'name', 'knew_date', 'leave_date']).where('case_id', '=', caseId).orderBy('position').execute(),
    db.selectFrom('limitation_events').innerJoin('workers', 'workers.id', 'limitation_events.worker_id')
      .select(['limitation_events.worker_id', 'kind', 'from_on', 'to_on']).where('workers.case_id', '=', caseId).execute(),
    db.selectFrom('mediation_extensions').select(['worker_consent_on', 'respondent_consent_on', 'new_due_on']).where('case_id', '=', caseId).orderBy('id').execute(),
    db.selectFrom('case_legs').select(['sent_at', 'acknowledged_at', 'ack_working_days']).where('case_id', '=', caseId).where('to_unit_id', 'is not', null).orderBy('id').execute(),
    db.selectFrom('court_linkages').select(['id', 'kind', 'started_on as startedOn', 'result']).where('case_id', '=', caseId).orderBy('id').execute(),
  ])
  // A recorded court referral says which of the court's clocks runs and from when; without one, a
  // case that came in from a court is taken as 委派 from its application date.
  const court = courtClockFacts(linkages)
  const courtReferred = k.channel === 'court_referral'
  const received = day(k.application_received_at)
  const facts: ClockFacts = {
    applicationReceivedOn: courtReferred ? null : received,
    acceptanceDecidedOn: day(k.decided_at),
    declined: k.status === 'declined',
    mediationExtensions: extensions.map((e) => ({ consentedByWorkerOn: e.worker_consent_on, consentedByRespondentOn: e.respondent_consent_on, newDueOn: e.new_due_on })),
    agreementEffectiveOn: k.agreement_effective_on,
    judicialConfirmationAppliedOn: court.judicialConfirmationAppliedOn,
    courtReferral: court.courtReferral ?? (courtReferred ? { kind: 'entrusted_pre_filing', receivedOn: received ?? beijingDate(k.reported_at) } : null),
    closedOn: day(k.closed_at),
    referrals: legs.map((l) => ({ sentOn: beijingDate(l.sent_at), acknowledgedOn: day(l.acknowledged_at), ackWorkingDays: l.ack_working_days })),
    workers: workers.map((w) => ({
      disputeTypes: k.dispute_types,
      knewOn: w.knew_date,
      leftOn: w.leave_date,
      interruptions: events.filter((e) => e.worker_id === w.id && e.kind === 'interruption').map((e) => e.from_on),
      suspensions: events.filter((e) => e.worker_id === w.id && e.kind === 'suspension' && e.to_on).map((e) => ({ from: e.from_on, to: e.to_on! })),
    })),
  }
  return { facts, workerNames: workers.map((w) => w.name) }
}

export async function caseClocks(db: Db, caseId: number, now: Date) {
  const { facts, workerNames } = await caseClockFacts(db, caseId)
  return { ...computeClocks(facts, await loadCalendar(db), beijingDate(now)), workerNames }
}

/**
 * Rewrites the stored clocks of a case, inside the transaction of whatever changed it: queues sort
 * by `case_clocks.due_on` and the badge counts clocks due soon without recomputing every case.
 */
export async function refreshCaseClocks(trx: Db, caseId: number, now: Date): Promise<void> {
  const { clocks } = await caseClocks(trx, caseId, now)
  await trx.deleteFrom('case_clocks').where('case_id', '=', caseId).execute()
  if (clocks.length === 0) return
  await trx.insertInto('case_clocks').values(clocks.map((c) => ({
    case_id: caseId,
    kind: c.kind,
    subject: c.subject ? ('workerIndex' in c.subject ? `w${c.subject.workerIndex}` : `r${c.subject.referralIndex}`) : '',
    basis: c.basis,
    start_on: c.start,
    due_on: c.due,
    status: c.status,
  }))).execute()
}

const CLASS: Record<Clock['status'], string> = {
  running: 'ok', due_soon: 'warn', overdue: 'bad', met: '', stopped: '', not_started: '', calendar_missing: 'warn',
}

/** Each clock in words: what it is, its due date with the weekday, where it stands, and the law behind it. */
export function clockViews(t: Translate, r: Awaited<ReturnType<typeof caseClocks>>) {
  return r.clocks.map((c) => {
    const worker = c.subject && 'workerIndex' in c.subject ? (r.workerNames[c.subject.workerIndex] ?? '') : ''
    const status =
      c.status === 'calendar_missing' ? t('clocks.status.calendar_missing', { year: c.missingYear ?? '' })
      : c.daysLeft !== null ? t(`clocks.status.${c.status}` as MessageKey, { days: Math.abs(c.daysLeft) })
      : t(`clocks.status.${c.status}` as MessageKey)
    return {
      kind: t(`clocks.kind.${c.kind}` as MessageKey, { worker }),
      due: c.due ? t('clocks.due', { date: c.due, weekday: t(`calendar.weekday.${weekday(c.due)}` as MessageKey) }) : null,
      status,
      cls: CLASS[c.status],
      basis: t(c.basis as MessageKey),
    }
  })
}
