import type { Context } from 'hono'
import { sql } from 'kysely'
import type { AppEnv, CurrentUser } from '../../app-env.ts'
import { beijingDate, daysBetween } from '../../domain/beijing-date.ts'
import { OPEN_STATUSES } from '../../domain/case-vocabulary.ts'
import { hasAnyRole } from '../../domain/roles.ts'
import { suggestRoute, type RoutingReason } from '../../domain/routing.ts'
import { addWorkingDays } from '../../domain/working-calendar.ts'
import type { Translate } from '../../i18n/i18n.ts'
import { loadCalendar } from '../cases/case-clocks.ts'
import { deadlineView, riskBadge, riskReasons } from '../cases/cases.pages.ts'
import { label } from '../../i18n/i18n.ts'
import { earlyWarningCases } from '../early-warning/early-warning.queries.ts'
import {
  agreementWindows, casesAwaitingNote, casesByDeadline, headlineFigures, referralsAwaiting, sessionsToday, triageQueue, workerFlags,
} from './home.queries.ts'

// Loads and shapes each role's section of the home page (DESIGN §7), so the template only prints.

type C = Context<AppEnv>
const TRIAGE_ROLES = ['rights_officer', 'bargaining_instructor'] as const
/** Statuses past triage: the triage queue already lists reported and registered cases. */
const PAST_TRIAGE = OPEN_STATUSES.filter((s) => s !== 'reported' && s !== 'registered')

/** The routing reasons in words, the route they point to after each. */
export function routingReasonText(t: Translate, r: RoutingReason): string {
  const route = label(t, 'route', r.route)
  switch (r.code) {
    case 'child_labour': return t('home.routing.child_labour', { workers: r.workers, route })
    case 'platform_worker': return t('home.routing.platform_worker', { workers: r.workers, route })
    case 'limitation_near':
      return r.days >= 0 ? t('home.routing.limitation_near', { days: r.days, route }) : t('home.routing.limitation_passed', { days: -r.days, route })
    default: return t(`home.routing.${r.code}`, { route })
  }
}

const stage = (cc: unknown): 'signing' | 'performance' | null => {
  const s = cc && typeof cc === 'object' ? (cc as Record<string, unknown>).stage : null
  return s === 'signing' || s === 'performance' ? s : null
}

type Row = { id: number; case_no: string; title: string; status: string; route: string | null; risk_level: string; clock_kind: string | null; clock_due: string | null }

function caseItem(t: Translate, r: Row, today: string) {
  return {
    href: `/cases/${r.id}`,
    caseNo: r.case_no,
    title: r.title,
    status: label(t, 'status', r.status),
    route: r.route ? label(t, 'route', r.route) : null,
    risk: riskBadge(t, r.risk_level),
    deadline: deadlineView(t, r.clock_kind, r.clock_due, today),
  }
}

async function triageSection(c: C, user: CurrentUser, today: string) {
  const t = c.get('t')
  const db = c.get('db')
  const [queue, referrals, cal] = await Promise.all([triageQueue(db, user), referralsAwaiting(db, user), loadCalendar(db)])
  const flags = await workerFlags(db, queue.map((k) => k.id))
  const mine = await casesByDeadline(db, user, sql<boolean>`(cases.assigned_mediator_id = ${user.id} or cases.assigned_legal_adviser_id = ${user.id}
    or cases.reported_by = ${user.id}) and cases.status in (${sql.join(PAST_TRIAGE)})`)
  return {
    triage: queue.map((k) => {
      const suggestion = suggestRoute({
        channel: k.channel,
        disputeTypes: k.dispute_types,
        workers: flags.get(k.id) ?? [],
        collectiveContractStage: stage(k.collective_contract),
        limitationDaysLeft: k.limitation_due ? daysBetween(today, k.limitation_due) : null,
      })
      return {
        href: `/cases/${k.id}`,
        caseNo: k.case_no,
        title: k.title,
        status: label(t, 'status', k.status),
        risk: riskBadge(t, k.risk_level),
        reportedAt: k.reported_at,
        route: label(t, 'route', suggestion.route),
        reasons: suggestion.reasons.map((r) => routingReasonText(t, r)),
        acceptance: k.acceptance_due ? deadlineView(t, 'acceptance', k.acceptance_due, today) : null,
      }
    }),
    referrals: referrals.map((l) => {
      const due = addWorkingDays(cal, beijingDate(l.sent_at), l.ack_working_days)
      return {
        href: `/cases/${l.id}`,
        caseNo: l.case_no,
        title: l.title,
        route: label(t, 'route', l.route),
        toUnit: l.to_unit_name,
        sender: l.sender_name ?? '—',
        sentAt: l.sent_at,
        ack: due.ok ? deadlineView(t, 'referral_ack', due.value, today) : null,
        calendarMissing: due.ok ? null : t('clocks.status.calendar_missing', { year: due.missingYear }),
      }
    }),
    mine: mine.map((r) => caseItem(t, r, today)),
  }
}

async function managerSection(c: C, user: CurrentUser, today: string) {
  const t = c.get('t')
  const db = c.get('db')
  const [figures, board] = await Promise.all([headlineFigures(db, user, today), earlyWarningCases(db, user, 10)])
  return {
    figures: [
      { href: '/cases?status=open', value: figures.open, label: t('home.manager.open'), testid: 'open' },
      { href: '/cases?status=open&overdue=1', value: figures.overdue, label: t('home.manager.overdue'), testid: 'overdue' },
      { href: '/early-warning', value: figures.redOrange, label: t('home.manager.redOrange'), testid: 'red-orange' },
      { href: '/cases?status=registered', value: figures.registered, label: t('home.manager.registered'), testid: 'registered' },
    ],
    overdue: figures.overdue,
    board: board.map((k) => ({
      href: `/cases/${k.id}`,
      caseNo: k.case_no,
      risk: riskBadge(t, k.risk_level),
      reasons: riskReasons(t, k.risk_reasons).join(t('cases.sep')),
      reportedAt: k.reported_at,
    })),
  }
}

/** Everything the home page shows for this user's roles; a section is null when no role of theirs has it. */
export async function homeSections(c: C) {
  const user = c.get('user')!
  const t = c.get('t')
  const db = c.get('db')
  const today = beijingDate(c.get('now')())
  const triage = hasAnyRole(user.roles, TRIAGE_ROLES) ? await triageSection(c, user, today) : null
  const mediator = user.roles.includes('mediator')
    ? {
        mine: (await casesByDeadline(db, user, sql<boolean>`cases.assigned_mediator_id = ${user.id} and cases.status in (${sql.join(OPEN_STATUSES)})`)).map((r) => caseItem(t, r, today)),
        sessions: (await sessionsToday(db, user, today)).map((s) => ({
          href: `/cases/${s.id}`,
          caseNo: s.case_no,
          title: s.title,
          place: s.place,
          last: t('legal.home.lastSession', { date: s.held_on }),
        })),
      }
    : null
  const adviser = user.roles.includes('legal_adviser')
    ? {
        mine: (await casesByDeadline(db, user, sql<boolean>`cases.assigned_legal_adviser_id = ${user.id} and cases.status in (${sql.join(OPEN_STATUSES)})`)).map((r) => caseItem(t, r, today)),
        awaitingNote: (await casesAwaitingNote(db, user)).map((r) => caseItem(t, r, today)),
        windows: (await agreementWindows(db, user, sql<boolean>`cases.assigned_legal_adviser_id = ${user.id}`)).map((w) => ({
          href: `/cases/${w.id}`,
          caseNo: w.case_no,
          title: w.title,
          deadline: deadlineView(t, w.kind, w.due_on, today),
        })),
      }
    : null
  const manager = user.roles.includes('manager') ? await managerSection(c, user, today) : null
  return { triage, mediator, adviser, manager }
}
