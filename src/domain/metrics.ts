import { daysBetween } from './beijing-date.ts'
import { CLOSURE_REASONS, type ClosureReason } from './case-actions.ts'
import type { Channel, DisputeType, RiskLevel, Route } from './case-vocabulary.ts'
import type { ResolutionLevel } from './closure.ts'
import { distinctWorkers } from './collective.ts'
import { addCalendarDays } from './working-calendar.ts'

/**
 * What managers see (DESIGN §4), defined once. Every metric is a count, a rate, an amount or a
 * percentile over a set of cases, and each set is a case-list filter (MetricFilter: the keys and
 * values of /cases?…), so every figure links to exactly the cases it counts. The database layer
 * counts each filter with the case list's own conditions; `matches` below is the plain-language
 * meaning of each key, and `evaluate` computes every figure from case facts in memory: the unit
 * tests check it on hand-computed fixtures and the integration tests check the dashboard's SQL
 * against it.
 *
 * Periods are whole months on Beijing dates. "Closed in the period" is when a case is counted for
 * closures, outcomes, amounts and timeliness; "received in the period" for intake counts.
 */

/** Closure reasons counted as an agreement or a settlement: the mediation succeeded. */
export const AGREED_CLOSURES: readonly ClosureReason[] = ['agreement_performed', 'agreement_reached', 'negotiated_settlement']
/** Closures that helped workers (DESIGN §4 "workers helped"): an agreement, a settlement or advice. */
export const HELPED_CLOSURES: readonly ClosureReason[] = [...AGREED_CLOSURES, 'advice_given']
/** Closures that sent the dispute elsewhere. */
export const REFERRED_CLOSURES: readonly ClosureReason[] = ['referred_out', 'mediation_lapsed']
export const CLOSURE_GROUPS = {
  agreed: AGREED_CLOSURES,
  helped: HELPED_CLOSURES,
  unreferred: CLOSURE_REASONS.filter((r) => !REFERRED_CLOSURES.includes(r)),
} as const
export type ClosureGroup = keyof typeof CLOSURE_GROUPS

/** Collective disputes are the orange and red ones (DESIGN §2). */
export const RISK_GROUPS = { collective: ['orange', 'red'] as readonly RiskLevel[] } as const
export type RiskGroup = keyof typeof RISK_GROUPS

/** 三来: letters, visits and calls (the 12351 hotline is a call). */
export const CHANNEL_GROUPS = { sanlai: ['letter', 'visit', 'call', 'hotline_12351'] as readonly Channel[] } as const
export type ChannelGroup = keyof typeof CHANNEL_GROUPS

export const TIMINGS = ['on_time', 'late', 'timed'] as const
export type Timing = (typeof TIMINGS)[number]

/** A set of cases, as the case list's URL keys (all Beijing dates inclusive). */
export type MetricFilter = {
  /** Received (reported) between. */
  from?: string
  to?: string
  closed_from?: string
  closed_to?: string
  /** In hand during the period: accepted by its end and not closed before its start (closure-rate base). */
  handled_from?: string
  handled_to?: string
  status?: 'open'
  town?: number
  accepted?: '1'
  mediated?: '1'
  agreement?: '1'
  closure?: ClosureReason | ClosureGroup
  level?: ResolutionLevel
  timing?: Timing
  risk?: RiskLevel | RiskGroup
  channel?: Channel | ChannelGroup
  route?: Route | 'none'
  type?: DisputeType
  assignee?: number | 'none'
  industry?: string
  overdue?: '1'
}

/** What `evaluate` and `matches` need to know of a case: the facts the database holds, as dates. */
export type CaseFact = {
  id: number
  reportedOn: string
  /** The day the application was accepted and routed; null if it never was (or was declined). */
  acceptedOn: string | null
  applicationOn: string | null
  closedOn: string | null
  status: string
  townId: number | null
  route: string | null
  channel: string
  disputeTypes: readonly string[]
  riskLevel: string
  closureReason: string | null
  resolutionLevel: string | null
  mediatorId: number | null
  industries: readonly string[]
  /** At least one mediation session was held. */
  mediated: boolean
  hasAgreement: boolean
  agreementEffectiveOn: string | null
  /** Due day of the mediation period (after any consented extension); null when it never ran. */
  mediationDueOn: string | null
  /** A clock of the case is overdue as of today. */
  overdue: boolean
  claimedFen: number
  agreedFen: number
  recoveredFen: number
  declaredWorkers: number
  workerKeys: readonly (string | null)[]
}

const inRange = (d: string | null, from?: string, to?: string) =>
  d !== null && (from === undefined || d >= from) && (to === undefined || d <= to)

export function closureReasonsOf(v: ClosureReason | ClosureGroup): readonly string[] {
  return v in CLOSURE_GROUPS ? CLOSURE_GROUPS[v as ClosureGroup] : [v]
}
export function riskLevelsOf(v: RiskLevel | RiskGroup): readonly string[] {
  return v in RISK_GROUPS ? RISK_GROUPS[v as RiskGroup] : [v]
}
export function channelsOf(v: Channel | ChannelGroup): readonly string[] {
  return v in CHANNEL_GROUPS ? CHANNEL_GROUPS[v as ChannelGroup] : [v]
}

/** The day mediation ended for timeliness: the agreement's effective day, else the closure. */
function mediationEndedOn(c: CaseFact): string | null {
  return c.agreementEffectiveOn ?? c.closedOn
}

/** What each filter key means, case by case. */
export function matches(c: CaseFact, f: MetricFilter): boolean {
  if ((f.from || f.to) && !inRange(c.reportedOn, f.from, f.to)) return false
  if ((f.closed_from || f.closed_to) && !inRange(c.closedOn, f.closed_from, f.closed_to)) return false
  if (f.handled_from || f.handled_to) {
    if (c.acceptedOn === null || (f.handled_to && c.acceptedOn > f.handled_to)) return false
    if (f.handled_from && c.closedOn !== null && c.closedOn < f.handled_from) return false
  }
  if (f.status === 'open' && (c.status === 'closed' || c.status === 'declined')) return false
  if (f.town !== undefined && c.townId !== f.town) return false
  if (f.accepted && c.acceptedOn === null) return false
  if (f.mediated && !c.mediated) return false
  if (f.agreement && !c.hasAgreement) return false
  if (f.closure && !closureReasonsOf(f.closure).includes(c.closureReason ?? '')) return false
  if (f.level && c.resolutionLevel !== f.level) return false
  if (f.timing) {
    const ended = mediationEndedOn(c)
    if (c.closedOn === null || c.mediationDueOn === null || ended === null) return false
    if (f.timing === 'on_time' && ended > c.mediationDueOn) return false
    if (f.timing === 'late' && ended <= c.mediationDueOn) return false
  }
  if (f.risk && !riskLevelsOf(f.risk).includes(c.riskLevel)) return false
  if (f.channel && !channelsOf(f.channel).includes(c.channel)) return false
  if (f.route && c.route !== (f.route === 'none' ? null : f.route)) return false
  if (f.type && !c.disputeTypes.includes(f.type)) return false
  if (f.assignee !== undefined && c.mediatorId !== (f.assignee === 'none' ? null : f.assignee)) return false
  if (f.industry !== undefined && !c.industries.includes(f.industry)) return false
  // Only an open case's clocks run.
  if (f.overdue && (!c.overdue || c.status === 'closed' || c.status === 'declined')) return false
  return true
}

// Periods.

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/
/** The longest period a dashboard shows: ten years, like the seed's report card. */
export const MAX_PERIOD_MONTHS = 120

export type Period = { fromMonth: string; toMonth: string; from: string; to: string }

export function isMonth(v: unknown): v is string {
  return typeof v === 'string' && MONTH.test(v)
}

export function monthStart(month: string): string {
  return `${month}-01`
}

export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`
  return addCalendarDays(next, -1)
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const i = y * 12 + (m - 1) + n
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`
}

export function monthsOf(p: Period): string[] {
  const out: string[] = []
  for (let m = p.fromMonth; m <= p.toMonth; m = addMonths(m, 1)) out.push(m)
  return out
}

/** From January of today's year to today's month: what a manager looks at first. */
export function defaultPeriod(today: string): Period {
  const month = today.slice(0, 7)
  return period(`${month.slice(0, 4)}-01`, month)!
}

/** A period of whole months, or null when the months are malformed, reversed or too many. */
export function period(fromMonth: unknown, toMonth: unknown): Period | null {
  if (!isMonth(fromMonth) || !isMonth(toMonth) || fromMonth > toMonth) return null
  if (addMonths(fromMonth, MAX_PERIOD_MONTHS - 1) < toMonth) return null
  return { fromMonth, toMonth, from: monthStart(fromMonth), to: monthEnd(toMonth) }
}

export function yearPeriod(year: number): Period {
  return period(`${year}-01`, `${year}-12`)!
}

// The sets behind the figures.

export const receivedIn = (p: Period): MetricFilter => ({ from: p.from, to: p.to })
export const closedIn = (p: Period): MetricFilter => ({ closed_from: p.from, closed_to: p.to })
export const handledIn = (p: Period): MetricFilter => ({ handled_from: p.from, handled_to: p.to })

export type Measure =
  | { kind: 'count'; filter: MetricFilter }
  | { kind: 'rate'; numerator: MetricFilter; denominator: MetricFilter }
  /** Nearest-rank percentile of the days from application to closure. */
  | { kind: 'days'; p: number; filter: MetricFilter }
  | { kind: 'amount'; field: 'claimedFen' | 'agreedFen' | 'recoveredFen'; filter: MetricFilter }
  /** Distinct workers (collective.ts distinctWorkers): identified ones once, the rest per case. */
  | { kind: 'workers'; filter: MetricFilter }

export const HEADLINE_METRICS = [
  'received', 'closed', 'closureRate', 'mediationSuccess', 'onTime', 'daysMedian', 'daysP90',
  'claimed', 'agreed', 'recovered', 'performance', 'workersHelped', 'defused', 'openCollective',
  'openCollectiveWorkers', 'sanlai', 'overdueOpen',
] as const
export type HeadlineMetric = (typeof HEADLINE_METRICS)[number]

/** The definitions of DESIGN §4. */
export function headlineMeasures(p: Period): Record<HeadlineMetric, Measure> {
  const closed = closedIn(p)
  const collectiveOpen: MetricFilter = { status: 'open', risk: 'collective' }
  return {
    received: { kind: 'count', filter: receivedIn(p) },
    closed: { kind: 'count', filter: closed },
    closureRate: { kind: 'rate', numerator: { ...closed, accepted: '1' }, denominator: handledIn(p) },
    mediationSuccess: { kind: 'rate', numerator: { ...closed, mediated: '1', closure: 'agreed' }, denominator: { ...closed, mediated: '1' } },
    onTime: { kind: 'rate', numerator: { ...closed, timing: 'on_time' }, denominator: { ...closed, timing: 'timed' } },
    daysMedian: { kind: 'days', p: 0.5, filter: { ...closed, accepted: '1' } },
    daysP90: { kind: 'days', p: 0.9, filter: { ...closed, accepted: '1' } },
    claimed: { kind: 'amount', field: 'claimedFen', filter: closed },
    agreed: { kind: 'amount', field: 'agreedFen', filter: closed },
    recovered: { kind: 'amount', field: 'recoveredFen', filter: closed },
    performance: { kind: 'rate', numerator: { ...closed, agreement: '1', closure: 'agreement_performed' }, denominator: { ...closed, agreement: '1' } },
    workersHelped: { kind: 'workers', filter: { ...closed, closure: 'helped' } },
    defused: { kind: 'count', filter: { ...closed, risk: 'collective', closure: 'unreferred' } },
    openCollective: { kind: 'count', filter: collectiveOpen },
    openCollectiveWorkers: { kind: 'workers', filter: collectiveOpen },
    sanlai: { kind: 'count', filter: { ...receivedIn(p), channel: 'sanlai' } },
    overdueOpen: { kind: 'count', filter: { status: 'open', overdue: '1' } },
  }
}

/** Narrows every set to one town (the dashboard's town filter). */
export function inTown(f: MetricFilter, town: number | undefined): MetricFilter {
  return town === undefined ? f : { ...f, town }
}

export function measureInTown(m: Measure, town: number | undefined): Measure {
  return m.kind === 'rate'
    ? { ...m, numerator: inTown(m.numerator, town), denominator: inTown(m.denominator, town) }
    : { ...m, filter: inTown(m.filter, town) }
}

/** The filters a measure counts (a rate has two). */
export function measureFilters(m: Measure): MetricFilter[] {
  return m.kind === 'rate' ? [m.numerator, m.denominator] : [m.filter]
}

// Values.

/** A share in percent, one decimal; null when there is nothing to divide by. */
export function rate(numerator: number, denominator: number): number | null {
  return denominator > 0 ? Math.round((numerator / denominator) * 1000) / 10 : null
}

/** Nearest-rank percentile (the smallest value with at least p of the values at or below it). */
export function percentile(values: readonly number[], p: number): number | null {
  if (!values.length) return null
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!
}

/** Calendar days from the application to closure, for the cases that had an application. */
export function daysToClose(c: CaseFact): number | null {
  return c.applicationOn !== null && c.closedOn !== null ? daysBetween(c.applicationOn, c.closedOn) : null
}

export type MeasureValue = { value: number | null; count: number; denominatorCount?: number }

/** Any measure over case facts in memory: the reference the database layer must agree with. */
export function evaluate(m: Measure, cases: readonly CaseFact[]): MeasureValue {
  const of = (f: MetricFilter) => cases.filter((c) => matches(c, f))
  switch (m.kind) {
    case 'count': {
      const n = of(m.filter).length
      return { value: n, count: n }
    }
    case 'rate': {
      const n = of(m.numerator).length
      const d = of(m.denominator).length
      return { value: rate(n, d), count: n, denominatorCount: d }
    }
    case 'days': {
      const set = of(m.filter)
      return { value: percentile(set.map(daysToClose).filter((d): d is number => d !== null), m.p), count: set.length }
    }
    case 'amount': {
      const set = of(m.filter)
      return { value: set.reduce((s, c) => s + c[m.field], 0), count: set.length }
    }
    case 'workers': {
      const set = of(m.filter)
      return { value: distinctWorkers(set.map((c) => ({ declaredWorkers: c.declaredWorkers, workerKeys: c.workerKeys }))), count: set.length }
    }
  }
}

// Breakdowns: each bar or table row narrows a base set by one more key.

export const DIMENSIONS = ['town', 'route', 'type', 'channel', 'industry', 'mediator', 'level'] as const
export type Dimension = (typeof DIMENSIONS)[number]

/** The filter of one group of a breakdown; null stands for "none" (no route, no mediator). */
export function groupFilter(base: MetricFilter, dim: Dimension, key: string | number | null): MetricFilter {
  switch (dim) {
    case 'town': return { ...base, town: Number(key) }
    case 'route': return { ...base, route: (key ?? 'none') as Route | 'none' }
    case 'type': return { ...base, type: key as DisputeType }
    case 'channel': return { ...base, channel: key as Channel }
    case 'industry': return { ...base, industry: String(key) }
    case 'mediator': return { ...base, assignee: key === null ? 'none' : Number(key) }
    case 'level': return { ...base, level: key as ResolutionLevel }
  }
}

/** The group keys a case falls in for a dimension (a case of two dispute types is in both). */
export function groupKeys(c: CaseFact, dim: Dimension): (string | number | null)[] {
  switch (dim) {
    case 'town': return c.townId === null ? [] : [c.townId]
    case 'route': return [c.route]
    case 'type': return [...c.disputeTypes]
    case 'channel': return [c.channel]
    case 'industry': return [...new Set(c.industries)]
    case 'mediator': return [c.mediatorId]
    case 'level': return c.resolutionLevel === null ? [] : [c.resolutionLevel]
  }
}

/** A month of a trend: received that month, closed that month. */
export function monthFilters(month: string): { received: MetricFilter; closed: MetricFilter } {
  const p = period(month, month)!
  return { received: receivedIn(p), closed: closedIn(p) }
}

/** The funnel of DESIGN §4 over the cases received in the period. */
export function funnelFilters(p: Period): { key: 'received' | 'routed' | 'agreement' | 'performed'; filter: MetricFilter }[] {
  const base = receivedIn(p)
  return [
    { key: 'received', filter: base },
    { key: 'routed', filter: { ...base, accepted: '1' } },
    { key: 'agreement', filter: { ...base, agreement: '1' } },
    { key: 'performed', filter: { ...base, closure: 'agreement_performed' } },
  ]
}

/** The mediator table's columns: open load and the period's outcomes, before narrowing to one mediator (measureInGroup). */
export function mediatorMeasures(p: Period): Record<'open' | 'closed' | 'success' | 'onTime' | 'recovered', Measure> {
  const closed = closedIn(p)
  return {
    open: { kind: 'count', filter: { status: 'open' } },
    closed: { kind: 'count', filter: closed },
    success: { kind: 'rate', numerator: { ...closed, mediated: '1', closure: 'agreed' }, denominator: { ...closed, mediated: '1' } },
    onTime: { kind: 'rate', numerator: { ...closed, timing: 'on_time' }, denominator: { ...closed, timing: 'timed' } },
    recovered: { kind: 'amount', field: 'recoveredFen', filter: closed },
  }
}

/** A measure narrowed to one group of a dimension (one mediator's row, one town's bar). */
export function measureInGroup(m: Measure, dim: Dimension, key: string | number | null): Measure {
  return m.kind === 'rate'
    ? { ...m, numerator: groupFilter(m.numerator, dim, key), denominator: groupFilter(m.denominator, dim, key) }
    : { ...m, filter: groupFilter(m.filter, dim, key) }
}

export const ANNUAL_METRICS = ['received', 'sanlai', 'mediated', 'agreed', 'advice', 'recovered', 'workersHelped', 'defused'] as const
export type AnnualMetric = (typeof ANNUAL_METRICS)[number]

/** The report card (DESIGN §4, after the seed's ten-year card): one column per year, and the total. */
export function annualMeasures(p: Period): Record<AnnualMetric, Measure> {
  const closed = closedIn(p)
  return {
    received: { kind: 'count', filter: receivedIn(p) },
    sanlai: { kind: 'count', filter: { ...receivedIn(p), channel: 'sanlai' } },
    mediated: { kind: 'count', filter: { ...closed, mediated: '1' } },
    agreed: { kind: 'count', filter: { ...closed, closure: 'agreed' } },
    advice: { kind: 'count', filter: { ...closed, closure: 'advice_given' } },
    recovered: { kind: 'amount', field: 'recoveredFen', filter: closed },
    workersHelped: { kind: 'workers', filter: { ...closed, closure: 'helped' } },
    defused: { kind: 'count', filter: { ...closed, risk: 'collective', closure: 'unreferred' } },
  }
}
