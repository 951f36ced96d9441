import type { Translate, MessageKey } from '../../i18n/i18n.ts'
import type { Db } from '../../db/connect.ts'
import { beijingDate } from '../../domain/beijing-date.ts'
import { weekday } from '../../domain/calendar-entry.ts'
import { computeClocks, type Clock, type ClockFacts } from '../../domain/clocks.ts'
import { calendarFrom, type CalendarRow } from '../../domain/working-calendar.ts'

/** The official calendar as the clock engine wants it: a few dozen rows a year, read per case page. */
export async function loadCalendar(db: Db) {
  const [rows, years] = await Promise.all([
    db.selectFrom('workday_calendar').select(['day', 'kind']).execute(),
    db.selectFrom('calendar_years').select('year').execute(),
  ])
  return calendarFrom(rows as CalendarRow[], years.map((y) => y.year))
}

type CaseFacts = {
  id: number
  channel: string
  status: string
  reported_at: Date
  application_received_at: Date | null
  dispute_types: string[]
}

/**
 * Builds the engine's facts from what the case records today (issue 3: receipt, channel, workers'
 * dates). Acceptance, extensions, agreements and legs join as the case's life is recorded.
 */
export async function caseClocks(db: Db, k: CaseFacts, now: Date) {
  const workers = await db.selectFrom('workers').select(['name', 'knew_date', 'leave_date']).where('case_id', '=', k.id).orderBy('position').execute()
  const courtReferred = k.channel === 'court_referral'
  const received = k.application_received_at ? beijingDate(k.application_received_at) : null
  const facts: ClockFacts = {
    applicationReceivedOn: courtReferred ? null : received,
    acceptanceDecidedOn: null,
    declined: k.status === 'declined',
    mediationExtensions: [],
    agreementEffectiveOn: null,
    courtReferral: courtReferred ? { kind: 'entrusted_pre_filing', receivedOn: received ?? beijingDate(k.reported_at) } : null,
    closedOn: null,
    referrals: [],
    workers: workers.map((w) => ({ disputeTypes: k.dispute_types, knewOn: w.knew_date, leftOn: w.leave_date, interruptions: [], suspensions: [] })),
  }
  const result = computeClocks(facts, await loadCalendar(db), beijingDate(now))
  return { ...result, workerNames: workers.map((w) => w.name) }
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
