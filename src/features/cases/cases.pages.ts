import type { Context } from 'hono'
import { hasAnyRole } from '../../domain/roles.ts'
import { START_DATE_CORRECTORS } from '../../domain/intake-rules.ts'
import { caseClocks, clockViews } from './case-clocks.ts'
import { actionPanel } from '../case-actions/case-actions.panel.ts'
import { recordDefinition } from '../case-actions/record-flows.ts'
import { isRecordName } from '../../domain/case-records.ts'
import { resolutionSections } from './case-sections.ts'
import type { AppEnv, CurrentUser } from '../../app-env.ts'
import { readsSubtree } from '../../auth/case-scope.ts'
import { beijingDate, daysBetween } from '../../domain/beijing-date.ts'
import { CLOSURE_REASONS } from '../../domain/case-actions.ts'
import { CASE_STATUSES, CHANNELS, DISPUTE_TYPES, RISK_LEVELS, ROUTES } from '../../domain/case-vocabulary.ts'
import { RESOLUTION_LEVELS } from '../../domain/closure.ts'
import { TIMINGS } from '../../domain/metrics.ts'
import { COLLECTIVE_RULES } from '../../domain/collective.ts'
import { formatFen, sumFen } from '../../domain/money.ts'
import { canRevealPii } from '../../domain/pii-reveal.ts'
import type { Role } from '../../domain/roles.ts'
import { RISK_RULES } from '../../domain/risk.ts'
import { formatDateTime } from '../../http/format.ts'
import { fragment, page } from '../../http/render.ts'
import { isMessageKey, label, type MessageKey, type Translate } from '../../i18n/i18n.ts'
import { CASE_SORTS, caseListHref, caseSearch, formatCursor, hasFilters, type CaseFilter } from './cases.filters.ts'
import {
  caseClaims, caseRespondents, caseTimeline, caseWorkers, countCases, groupCases, isRevealed, listCases, listConditions,
  respondentSummaries, townNames, workerSecrets, workerSummaries, type CaseDetail,
} from './cases.queries.ts'
import { resolveListScope } from './list-scope.ts'
import { EXPORTERS } from '../exports/exporters.ts'

// Loads and shapes everything the case screens show, so the templates only print.

type C = Context<AppEnv>

/** Who reads cases at all (DESIGN §1): everyone but the admin, who sees no case content. */
export const CASE_READERS: Role[] = ['informant', 'rights_officer', 'bargaining_instructor', 'mediator', 'legal_adviser', 'manager']
/** Who may report a new case (the list's empty state and toolbar link to /cases/new for them). */
const REPORTERS: readonly Role[] = ['informant', 'rights_officer', 'bargaining_instructor']

export const RISK_BADGE: Record<string, string> = { red: 'bad', orange: 'warn', yellow: 'warn', green: 'ok' }

const labels = (t: Translate, prefix: string, values: readonly unknown[]) => values.map((v) => label(t, prefix, v)).join(t('cases.sep'))
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : Number(v) || 0)
const fen = (v: unknown) => (typeof v === 'string' && /^\d+$/.test(v) ? formatFen(v) : typeof v === 'number' ? formatFen(Math.trunc(v)) : '—')

export function riskBadge(t: Translate, level: string) {
  return { label: label(t, 'risk', level), cls: RISK_BADGE[level] ?? '' }
}

/** Every reason a risk rule fired, in words, with the threshold from the rules module. */
export function riskReasonText(t: Translate, reason: unknown): string {
  const r = (reason && typeof reason === 'object' ? reason : {}) as Record<string, unknown>
  const signs = () => labels(t, 'sign', Array.isArray(r.signs) ? r.signs : [])
  switch (r.code) {
    case 'collective_action': return t('cases.risk.reason.collective_action', { signs: signs() })
    case 'workers_30': return t('cases.risk.reason.workers_30', { workers: num(r.workers), threshold: RISK_RULES.redWorkers })
    case 'claims_1m': return t('cases.risk.reason.claims_1m', { amount: fen(r.fen), threshold: formatFen(RISK_RULES.redClaimFen) })
    case 'collective':
      return t('cases.risk.reason.collective', { workers: num(r.workers), threshold: COLLECTIVE_RULES.workers, days: COLLECTIVE_RULES.windowDays })
    case 'collective_contract': return t('cases.risk.reason.collective_contract')
    case 'collective_sign': return t('cases.risk.reason.collective_sign', { signs: signs() })
    case 'migrant_wage_arrears': return t('cases.risk.reason.migrant_wage_arrears')
    case 'limitation_near': {
      const days = num(r.days)
      return days >= 0 ? t('cases.risk.reason.limitation_near', { days }) : t('cases.risk.reason.limitation_passed', { days: -days })
    }
    case 'repeat_respondent': return t('cases.risk.reason.repeat_respondent', { cases: num(r.cases), threshold: RISK_RULES.repeatCases })
    default: return t('cases.risk.reason.unknown', { code: String(r.code ?? '') })
  }
}

export const riskReasons = (t: Translate, reasons: unknown) => (Array.isArray(reasons) ? reasons : []).map((r) => riskReasonText(t, r))

/** "甲公司等3家" / "Acme and 2 more"; null when none is recorded. */
export function respondentSummary(t: Translate, s: { first: string; count: number } | undefined): string | null {
  if (!s) return null
  return s.count > 1 ? t('cases.respondentsMore', { first: s.first, count: s.count, others: s.count - 1 }) : s.first
}

function workerSummary(t: Translate, s: { first: string; count: number } | undefined, declared: number): string {
  const count = Math.max(declared, s?.count ?? 0)
  if (!s) return count > 0 ? t('cases.workersCount', { count }) : '—'
  return count > 1 ? t('cases.workersMore', { first: s.first, count, others: count - 1 }) : s.first
}

// The list.

const option = (value: string, text: string, current: unknown) => ({ value, label: text, selected: value === String(current ?? '') })

function outcomeOpen(f: CaseFilter): boolean {
  return Boolean(f.closure || f.level || f.closed_from || f.closed_to || f.timing || f.industry || f.accepted || f.mediated || f.agreement || f.handled_from || f.handled_to)
}

/** The closure-and-outcome filters: where the dashboard's links land (domain/metrics.ts). */
function outcomeFilters(t: Translate, f: CaseFilter) {
  return {
    closureOptions: [option('', t('cases.filter.allClosures'), f.closure),
      ...(['agreed', 'helped', 'unreferred'] as const).map((g) => option(g, t(`cases.filter.closureGroup.${g}`), f.closure)),
      ...CLOSURE_REASONS.map((r) => option(r, t(`actions.closureReason.${r}`), f.closure))],
    levelOptions: [option('', t('cases.filter.allLevels'), f.level), ...RESOLUTION_LEVELS.map((l) => option(l, t(`closure.level.${l}`), f.level))],
    timingOptions: [option('', t('cases.filter.anyTiming'), f.timing), ...TIMINGS.map((v) => option(v, t(`cases.filter.timing.${v}`), f.timing))],
    closedFrom: f.closed_from ?? '',
    closedTo: f.closed_to ?? '',
    industry: f.industry ?? '',
    flags: (['accepted', 'mediated', 'agreement'] as const).map((k) => ({ name: k, label: t(`cases.filter.${k}`), checked: f[k] === '1' })),
    // "In hand during a period" has no control of its own: it is kept, and said, while the user narrows further.
    handled: f.handled_from || f.handled_to
      ? { from: f.handled_from ?? '', to: f.handled_to ?? '', text: t('cases.filter.handled', { from: f.handled_from ?? '…', to: f.handled_to ?? '…' }) }
      : null,
  }
}

/** The same filters as a CSV or Excel download (exports/). */
function exportLinks(listHref: string) {
  const query = listHref.slice('/cases'.length)
  return { csv: `/exports/cases.csv${query}`, xlsx: `/exports/cases.xlsx${query}` }
}

export async function listPage(c: C, filter: CaseFilter) {
  const t = c.get('t')
  const db = c.get('db')
  const user = c.get('user')!
  const today = beijingDate(c.get('now')())
  const { filter: f, scope, towns, mediators } = await resolveListScope(db, user, filter, today)
  const search = caseSearch(f.q, c.get('pii'))
  const conditions = listConditions(user, f, search, scope)
  const { rows, next } = await listCases(db, conditions, f)
  const total = await countCases(db, conditions)
  const ids = rows.map((r) => r.id)
  const respondents = await respondentSummaries(db, ids)
  const workers = await workerSummaries(db, ids)
  const townOf = await townNames(db, rows.map((r) => r.org_unit_id))
  const data = {
    title: t('cases.title'),
    q: f.q ?? '',
    from: f.from ?? '',
    to: f.to ?? '',
    moreOpen: Boolean(f.channel || f.from || f.to || f.sort !== 'newest' || f.route || f.assignee !== undefined || f.holder || f.overdue || outcomeOpen(f)),
    outcome: outcomeFilters(t, f),
    statusOptions: [option('', t('cases.filter.allStatuses'), f.status), option('open', t('cases.filter.open'), f.status), ...CASE_STATUSES.map((s) => option(s, t(`status.${s}`), f.status))],
    townOptions: towns.length > 1 ? [option('', t('cases.filter.allTowns'), f.town), ...towns.map((u) => option(String(u.id), u.name, f.town))] : null,
    typeOptions: [option('', t('cases.filter.allTypes'), f.type), ...DISPUTE_TYPES.map((d) => option(d, t(`disputeType.${d}`), f.type))],
    riskOptions: [option('', t('cases.filter.allRisks'), f.risk), ...RISK_LEVELS.map((r) => option(r, t(`risk.${r}`), f.risk)),
      option('collective', t('cases.filter.riskGroup.collective'), f.risk)],
    channelOptions: [option('', t('cases.filter.allChannels'), f.channel), ...CHANNELS.map((ch) => option(ch, t(`channel.${ch}`), f.channel)),
      option('sanlai', t('cases.filter.channelGroup.sanlai'), f.channel)],
    routeOptions: [option('', t('cases.filter.allRoutes'), f.route), ...ROUTES.map((r) => option(r, t(`route.${r}`), f.route)),
      option('none', t('cases.filter.noRoute'), f.route)],
    assigneeOptions: readsSubtree(user)
      ? [
          option('', t('cases.filter.anyAssignee'), f.assignee),
          ...(user.roles.includes('mediator') ? [option('mine', t('cases.filter.assignedToMe'), f.assignee)] : []),
          option('none', t('cases.filter.noAssignee'), f.assignee),
          ...mediators.filter((m) => m.id !== user.id || !user.roles.includes('mediator')).map((m) => option(String(m.id), m.display_name, f.assignee)),
        ]
      : null,
    holderOptions: towns.length ? [option('', t('cases.filter.anyHolder'), f.holder), ...towns.map((u) => option(String(u.id), u.name, f.holder))] : null,
    overdue: f.overdue === '1',
    sortOptions: CASE_SORTS.map((s) => option(s, t(`cases.sort.${s}`), f.sort)),
    countText: total.capped ? t('cases.countCapped', { count: total.count }) : t('cases.count', { count: total.count }),
    rows: rows.map((r) => ({
      href: `/cases/${r.id}`,
      caseNo: r.case_no,
      received: r.reported_at,
      town: townOf.get(r.org_unit_id) ?? '—',
      respondents: respondentSummary(t, respondents.get(r.id)) ?? '—',
      workers: workerSummary(t, workers.get(r.id), r.workers_involved),
      types: labels(t, 'disputeType', r.dispute_types) || '—',
      risk: riskBadge(t, r.risk_level),
      status: label(t, 'status', r.status),
      route: r.route ? label(t, 'route', r.route) : '—',
      assignee: r.mediator_name ?? '—',
      deadline: deadlineView(t, r.clock_kind, r.clock_due, today),
    })),
    nextHref: next ? caseListHref(f, formatCursor(f.sort, next)) : null,
    firstHref: f.after ? caseListHref(f) : null,
    filtered: hasFilters(f),
    can: { report: user.roles.some((r) => REPORTERS.includes(r)) },
    // Never a searched phone or ID number in a link (it would sit in the address bar and history).
    exportLinks: hasAnyRole(user.roles, EXPORTERS) && search?.kind !== 'phone' && search?.kind !== 'id_number'
      ? exportLinks(caseListHref({ ...f, after: undefined })) : null,
  }
  // Only a request aimed at the results gets the fragment; a boosted link or a reload gets the page.
  if (c.req.header('HX-Target') === 'case-results') {
    // The history gets the tidy address of these results (no empty fields), and never a full
    // phone or ID number typed into the search box.
    const pii = search?.kind === 'phone' || search?.kind === 'id_number'
    c.header('HX-Push-Url', pii ? 'false' : caseListHref(f, f.after ? formatCursor(f.sort, f.after) : undefined))
    return fragment(c, 'cases/_results', data)
  }
  return page(c, 'cases/index', data)
}

/**
 * A stored clock's due day with the days left, counted from today rather than read from the stored
 * status (which is as of the case's last change). null: no clock runs.
 */
export function deadlineView(t: Translate, kind: string | null, due: string | null, today: string) {
  if (!kind || !due) return null
  const left = daysBetween(today, due)
  return {
    kind: kind === 'limitation' ? t('cases.deadline.limitation') : label(t, 'clocks.kind', kind),
    due,
    text: left < 0 ? t('cases.deadline.overdue', { days: -left }) : left === 0 ? t('cases.deadline.today') : t('cases.deadline.left', { days: left }),
    cls: left < 0 ? 'bad' : left <= DUE_SOON_DAYS ? 'warn' : 'ok',
  }
}
/** Calendar days within which a badge turns amber: the clocks' two working days, give or take a weekend. */
const DUE_SOON_DAYS = 3

// The case page.

const EVENT_DATE_KEYS = ['received_at', 'application_received_at', 'at']

/** A timeline entry in words, from its kind and payload. Kinds this page does not know yet still show. */
export function eventText(t: Translate, kind: string, payload: Record<string, unknown>): string {
  switch (kind) {
    case 'case.created':
      return t('cases.event.created', {
        channel: label(t, 'channel', payload.channel),
        status: label(t, 'status', payload.status),
        workers: num(payload.workers),
        respondents: num(payload.respondents),
        claims: num(payload.claims),
        amount: fen(payload.claimed_fen),
      })
    case 'collective.grouped':
      return t('cases.event.grouped', { workers: num(payload.workers), cases: Array.isArray(payload.cases) ? payload.cases.length : 0 })
    case 'risk.changed': {
      const codes = Array.isArray(payload.reasons) ? payload.reasons : []
      const params = { before: label(t, 'risk', payload.before), after: label(t, 'risk', payload.after) }
      return codes.length
        ? t('cases.event.riskChangedBecause', { ...params, reasons: labels(t, 'cases.riskCode', codes) })
        : t('cases.event.riskChanged', params)
    }
    case 'application.received': {
      const at = EVENT_DATE_KEYS.map((k) => payload[k]).find((v) => typeof v === 'string' && !Number.isNaN(Date.parse(v))) as string | undefined
      return at ? t('cases.event.applicationReceivedAt', { at: formatDateTime(new Date(at)) }) : t('cases.event.applicationReceived')
    }
    default:
      return actionEventText(t, kind, payload) ?? t('cases.event.other', { kind })
  }
}

/**
 * Events written by the case actions (`action.<name>`) and records (`record.<name>`): the action's
 * name, the status and route it moved the case between, and the choices that explain it.
 */
function actionEventText(t: Translate, kind: string, p: Record<string, unknown>): string | null {
  const m = /^(action|record)\.([a-z_]+)$/.exec(kind)
  const nameKey = m && `actions.name.${m[2]}`
  if (!m || !nameKey || !isMessageKey(nameKey)) return null
  const parts = [t(nameKey)]
  if (typeof p.before === 'string' && typeof p.after === 'string' && p.before !== p.after) {
    parts.push(t('cases.event.statusMove', { before: label(t, 'status', p.before), after: label(t, 'status', p.after) }))
  }
  if (typeof p.route_after === 'string' && p.route_after !== p.route_before) parts.push(t('cases.event.routeNow', { route: label(t, 'route', p.route_after) }))
  const choice = (prefix: string, v: unknown) => (typeof v === 'string' && isMessageKey(`${prefix}.${v}`) ? t(`${prefix}.${v}` as MessageKey) : null)
  for (const text of [choice('actions.closureReason', p.closure_reason), choice('actions.declineReason', p.decline_reason),
    choice('actions.referralTarget', p.referral_target), choice('actions.consent', p.consent)]) if (text) parts.push(text)
  if (typeof p.outside_body === 'string') parts.push(p.outside_body)
  if (typeof p.agreed_fen === 'string') parts.push(t('cases.event.agreed', { amount: fen(p.agreed_fen), instalments: num(p.instalments) }))
  if (typeof p.resolution_level === 'string') parts.push(label(t, 'closure.level', p.resolution_level))
  if (typeof p.recovered_fen === 'string') parts.push(t('cases.event.recovered', { amount: fen(p.recovered_fen) }))
  if (m[1] === 'record' && isRecordName(m[2])) parts.push(...(recordDefinition(m[2]).describe?.(t, p) ?? []))
  if (typeof p.reason === 'string') parts.push(t('cases.event.because', { reason: p.reason }))
  return parts.join('；')
}

const mayReveal = (user: CurrentUser, k: CaseDetail) =>
  canRevealPii({ roles: user.roles, userId: user.id, assignedMediatorId: k.assigned_mediator_id, assignedLegalAdviserId: k.assigned_legal_adviser_id })

/** The workers section: masked, or (after an allowed reveal in this session) the full numbers. */
export async function workersView(c: C, k: CaseDetail, revealed: boolean) {
  const t = c.get('t')
  const db = c.get('db')
  const user = c.get('user')!
  const rows = await caseWorkers(db, user, k.id)
  const canReveal = mayReveal(user, k)
  const shown = revealed && canReveal
  const secrets = shown ? new Map((await workerSecrets(db, user, k.id)).map((s) => [s.id, s])) : null
  const pii = c.get('pii')
  return {
    caseId: k.id,
    revealed: shown,
    can: { reveal: canReveal && !shown && rows.some((w) => w.phone_masked || w.id_masked) },
    anyUnder16: rows.some((w) => w.under_16),
    rows: rows.map((w) => {
      const secret = secrets?.get(w.id)
      const phone = secret?.phone_enc ? pii.decrypt(secret.phone_enc) : w.phone_masked
      return {
        name: w.name,
        phone: phone ?? '—',
        phoneHref: secret?.phone_enc && phone ? `tel:${phone}` : null,
        idType: label(t, 'idType', w.id_type),
        idNumber: (secret?.id_number_enc ? pii.decrypt(secret.id_number_enc) : w.id_masked) ?? '',
        under16: w.under_16,
        flags: [
          ...(w.under_16 ? [{ label: t('cases.workers.flag.under16'), cls: 'bad' }] : []),
          ...(w.migrant ? [{ label: t('cases.workers.flag.migrant'), cls: '' }] : []),
          ...(w.platform_worker ? [{ label: t('cases.workers.flag.platform'), cls: '' }] : []),
        ],
        hireDate: w.hire_date,
        leaveDate: w.leave_date,
        knewDate: w.knew_date,
      }
    }),
  }
}

export async function showPage(c: C, k: CaseDetail) {
  const t = c.get('t')
  const db = c.get('db')
  const user = c.get('user')!
  const revealed = await isRevealed(db, c.get('sessionId'), k.id)
  const respondents = await caseRespondents(db, user, k.id)
  const others = k.collective_group_id ? await groupCases(db, user, k.collective_group_id, k.id) : []
  const events = await caseTimeline(db, user, k.id)
  const town = (await townNames(db, [k.org_unit_id])).get(k.org_unit_id) ?? null
  const clocks = await caseClocks(db, k.id, c.get('now')())
  const { panel, offered } = await actionPanel(c, k.id)
  return page(c, 'cases/show', {
    panel,
    clocks: clockViews(t, clocks),
    arbitrationOpen: clocks.arbitrationOpen,
    can: {
      correctDates: hasAnyRole(user.roles, START_DATE_CORRECTORS),
    },
    title: k.case_no,
    k: {
      id: k.id,
      caseNo: k.case_no,
      title: k.title,
      status: label(t, 'status', k.status),
      route: k.route ? label(t, 'route', k.route) : null,
      risk: riskBadge(t, k.risk_level),
      reasons: riskReasons(t, k.risk_reasons),
      channel: label(t, 'channel', k.channel),
      channelRef: k.channel_ref,
      reportedAt: k.reported_at,
      applicationAt: k.application_received_at,
      unit: k.unit_name,
      // A case held by the town itself needs no second mention of the town.
      town: town === k.unit_name ? null : town,
      reporter: k.reporter_name,
      mediator: k.mediator_name,
      adviser: k.adviser_name,
      types: labels(t, 'disputeType', k.dispute_types),
      signs: labels(t, 'sign', k.collective_signs),
      workersInvolved: k.workers_involved,
      closure: k.status === 'closed' && k.closure_reason
        ? {
            reason: label(t, 'actions.closureReason', k.closure_reason),
            at: k.closed_at,
            level: k.resolution_level ? label(t, 'closure.level', k.resolution_level) : null,
            recovered: k.recovered_fen !== null ? formatFen(k.recovered_fen) : null,
            note: k.closure_note,
          }
        : null,
      facts: k.facts.split(/\n\s*\n|\r?\n/).map((p) => p.trim()).filter(Boolean),
    },
    respondents: respondents.map((r) => ({ href: `/respondents/${r.id}`, name: r.name, role: label(t, 'respondentRole', r.role) })),
    workers: await workersView(c, k, revealed),
    ...(await resolutionSections(c, k, offered)),
    group: k.collective_group_id
      ? {
          workers: k.group_workers ?? 0,
          type: k.group_type ? label(t, 'disputeType', k.group_type) : '',
          others: others.map((o) => ({ href: `/cases/${o.id}`, caseNo: o.case_no, status: label(t, 'status', o.status), reportedAt: o.reported_at, workers: o.workers_involved })),
        }
      : null,
    timeline: events.map((e) => ({ at: e.at, actor: e.actor_name ?? t('cases.event.system'), text: eventText(t, e.kind, e.payload) })),
  })
}

/** Whole Beijing days since the case was reported (0 on the day itself). */
export const daysOpen = (reportedAt: Date, now: Date) => daysBetween(beijingDate(reportedAt), beijingDate(now))
