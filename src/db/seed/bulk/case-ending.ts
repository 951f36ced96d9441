import { daysBetween } from '../../../domain/beijing-date.ts'
import { settle } from '../../../domain/clock-rules.ts'
import { computeClocks, type Clock, type ClockFacts } from '../../../domain/clocks.ts'
import { courtClockFacts } from '../../../domain/court-linkage.ts'
import { limitationDeadline } from '../../../domain/limitation.ts'
import { assessRisk, RISK_RANK } from '../../../domain/risk.ts'
import type { WorkingCalendar } from '../../../domain/working-calendar.ts'
import type { CaseStory } from './case-story.ts'

/**
 * A case's last writes once its life is over: its risk (at intake, when grouped, and as it stands),
 * its clocks, the facts the case_facts triggers would have copied onto it, its events in time
 * order with their versions, and the rows that changed during its life.
 */
export function endCase(s: CaseStory): void {
  const k = s.k
  const gen = s.gen
  risk(s)
  const clocks = clockRows(s)
  for (const c of clocks) gen.sink('case_clocks', c)
  const industries = [...new Set(s.respondents.map((x) => x.industry).filter((x): x is string => x !== null))]
  const inEffect = s.agreements.some((a) => a.state === 'in_effect')
  Object.assign(k, {
    mediated: s.sessions > 0,
    has_agreement: s.agreements.length > 0,
    agreed_fen: inEffect ? s.agreedFen : 0,
    mediation_due_on: clocks.filter((c) => c.kind === 'mediation' && c.due_on !== null).map((c) => c.due_on!).sort().at(-1) ?? null,
    industries: industries.length > 1 ? gen.sortIndustries(industries) : industries,
  })
  for (const leg of s.legs) gen.sink('case_legs', leg)
  for (const a of s.agreements) gen.sink('agreements', a)
  for (const l of s.linkages) gen.sink('court_linkages', l)

  // A stable sort: events of one moment stay in the order the app writes them.
  s.events.sort((a, b) => a.at - b.at)
  let version = 1
  for (const e of s.events) {
    if (e.versioned) {
      e.payload.version = ++version
      k.updated_at = e.at
      k.last_actor_id = e.actor
    }
    gen.sink('case_events', { id: gen.ids.next('case_events'), case_id: s.id, at: e.at, actor_id: e.actor, kind: e.kind, payload: e.payload })
  }
  k.version = version
  gen.sink('cases', k)
}

const OPEN = (status: string) => status !== 'closed' && status !== 'declined'

/**
 * Risk as refreshRisk computes it: at intake (before any group), when the case joined its group,
 * and as it stands when the case closed (or today, while open). An event marks each change of level.
 */
function risk(s: CaseStory) {
  const k = s.k
  const reportedAt = k.reported_at as number
  const reporter = k.reported_by as number
  const g = s.group
  const groupedAtIntake = g !== null && g.at <= reportedAt
  let level = 'green'
  const change = (at: number, actor: number | null, next: ReturnType<typeof assess>) => {
    if (next.level !== level) s.event(at, 'risk.changed', actor, { before: level, after: next.level, reasons: next.reasons.map((x) => x.code) })
    level = next.level
  }
  if (g && groupedAtIntake) s.event(reportedAt, 'collective.grouped', null, { group_id: g.id, workers: g.workers, cases: g.cases })
  change(reportedAt, reporter, assess(s, s.day(reportedAt), groupedAtIntake ? g.workers : null))
  if (g && !groupedAtIntake) {
    s.event(g.at, 'collective.grouped', null, { group_id: g.id, workers: g.workers, cases: g.cases })
    change(g.at, null, assess(s, s.day(g.at), g.workers))
  }
  const closedAt = (k.closed_at ?? (k.status === 'declined' ? k.decided_at : null)) as number | null
  const final = assess(s, closedAt === null ? s.gen.today : s.day(closedAt), g ? g.finalWorkers : null)
  const lastChange = s.events.reduce((at, e) => (e.versioned && e.at > at ? e.at : at), reportedAt)
  change(closedAt ?? lastChange, null, final)
  Object.assign(k, { risk_level: final.level, risk_rank: RISK_RANK[final.level], risk_reasons: final.reasons, collective_group_id: g ? g.id : null })
}

function assess(s: CaseStory, day: string, groupWorkers: number | null) {
  const k = s.k
  const types = k.dispute_types as string[]
  let nearest: number | null = null
  for (const w of s.workers) {
    const due = limitationDeadline({ disputeTypes: types, knewDate: w.knewDate, leaveDate: w.leaveDate })
    if (due !== null) nearest = Math.min(nearest ?? Infinity, daysBetween(day, due))
  }
  return assessRisk({
    collectiveSigns: k.collective_signs as string[],
    workers: Math.max(k.workers_involved as number, s.workers.length, groupWorkers ?? 0),
    claimedTotalFen: BigInt(k.claimed_total_fen as number),
    collective: groupWorkers !== null,
    disputeTypes: types,
    migrantWageArrears: types.includes('wages') && s.workers.some((w) => w.migrant),
    limitationDaysLeft: nearest,
    respondentCasesLast12Months: s.repeatCases,
  })
}

const running = new WeakMap<WorkingCalendar, Map<string, Clock | null>>()

/**
 * A closed case's mediation clock, as computeClocks gives it, a thousand times faster: its due day
 * depends only on the start and any extension, so the engine computes it once per start (as if
 * the clock still ran); whether it was met or stopped is then the engine's own `settle`.
 */
function closedMediationClock(f: ClockFacts, cal: WorkingCalendar, today: string): Clock[] {
  if (f.courtReferral || !f.applicationReceivedOn) return []
  const cache = running.get(cal) ?? running.set(cal, new Map()).get(cal)!
  const key = `${today}|${f.applicationReceivedOn}|${f.mediationExtensions.length ? JSON.stringify(f.mediationExtensions) : ''}`
  let clock = cache.get(key)
  if (clock === undefined) {
    const facts: ClockFacts = { applicationReceivedOn: f.applicationReceivedOn, acceptanceDecidedOn: null, mediationExtensions: f.mediationExtensions,
      agreementEffectiveOn: null, courtReferral: null, closedOn: null, referrals: [], workers: [] }
    clock = computeClocks(facts, cal, today).clocks.find((c) => c.kind === 'mediation') ?? null
    cache.set(key, clock)
  }
  if (!clock || clock.due === null) return clock ? [clock] : []
  // mediationClock's stop: the closure, or a decision to decline.
  const stoppedOn = f.closedOn ?? (f.declined && f.acceptanceDecidedOn ? f.acceptanceDecidedOn : null)
  const head = { kind: clock.kind, basis: clock.basis, start: clock.start, ...(clock.statutoryDue ? { statutoryDue: clock.statutoryDue } : {}) }
  return [settle(cal, today, head, clock.due, f.agreementEffectiveOn, stoppedOn)]
}

/**
 * The clocks refreshCaseClocks would store, from the same facts caseClockFacts reads. An open
 * case keeps all of them; a closed one only its mediation clock, which the dashboard's timeliness
 * reads (the rest are recomputed whenever the case page is shown).
 */
function clockRows(s: CaseStory) {
  const k = s.k
  const day = (v: unknown) => (typeof v === 'number' ? s.day(v) : null)
  const open = OPEN(k.status as string)
  const courtReferred = k.channel === 'court_referral'
  const received = day(k.application_received_at)
  const court = courtClockFacts(s.linkages.map((l) => ({ id: l.id as number, kind: l.kind as string, startedOn: l.started_on as string, result: l.result as string })))
  const facts: ClockFacts = {
    applicationReceivedOn: courtReferred ? null : received,
    acceptanceDecidedOn: day(k.decided_at),
    declined: k.status === 'declined',
    mediationExtensions: s.extensions.map((e) => ({ consentedByWorkerOn: e.worker_consent_on, consentedByRespondentOn: e.respondent_consent_on, newDueOn: e.new_due_on })),
    agreementEffectiveOn: k.agreement_effective_on as string | null,
    judicialConfirmationAppliedOn: court.judicialConfirmationAppliedOn,
    courtReferral: court.courtReferral ?? (courtReferred ? { kind: 'entrusted_pre_filing', receivedOn: received ?? s.day(k.reported_at as number) } : null),
    closedOn: day(k.closed_at),
    referrals: open ? s.legs.filter((l) => l.to_unit_id !== null).map((l) => ({ sentOn: day(l.sent_at)!, acknowledgedOn: day(l.acknowledged_at), ackWorkingDays: l.ack_working_days as number })) : [],
    workers: open ? s.workers.map((w) => ({
      disputeTypes: k.dispute_types as string[], knewOn: w.knewDate, leftOn: w.leaveDate,
      interruptions: s.limitationEvents.filter((e) => e.workerId === w.id && e.kind === 'interruption').map((e) => e.from),
      suspensions: s.limitationEvents.filter((e) => e.workerId === w.id && e.kind === 'suspension' && e.to).map((e) => ({ from: e.from, to: e.to! })),
    })) : [],
  }
  const clocks = open ? computeClocks(facts, s.gen.cal, s.gen.today).clocks : closedMediationClock(facts, s.gen.cal, s.gen.today)
  return clocks.map((c) => ({
    case_id: s.id, kind: c.kind,
    subject: c.subject ? ('workerIndex' in c.subject ? `w${c.subject.workerIndex}` : `r${c.subject.referralIndex}`) : '',
    basis: c.basis, start_on: c.start, due_on: c.due, status: c.status,
  }))
}
