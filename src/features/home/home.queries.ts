import { sql, type Expression, type SqlBool } from 'kysely'
import type { CurrentUser } from '../../app-env.ts'
import { caseVisibleTo } from '../../auth/case-scope.ts'
import type { Db } from '../../db/connect.ts'
import { inSubtree, unitInSubtree } from '../../auth/scope.ts'
import { RISK_RANK } from '../../domain/risk.ts'
import { hasAnyRole } from '../../domain/roles.ts'
import { OPEN_CASE, hasOverdueClock, nextClock } from '../cases/cases.queries.ts'

export async function adminOverview(db: Db, unitPath: string, now: Date) {
  const inScope = inSubtree(unitPath, 'users.org_unit_id')
  const [users, units, locked, recent] = await Promise.all([
    db.selectFrom('users').select(sql<string>`count(*)`.as('n')).where(inScope).executeTakeFirstOrThrow(),
    db.selectFrom('org_units').select(sql<string>`count(*)`.as('n')).where(unitInSubtree(unitPath)).executeTakeFirstOrThrow(),
    db.selectFrom('users').select(sql<string>`count(*)`.as('n')).where(inScope).where('locked_until', '>', now).executeTakeFirstOrThrow(),
    db.selectFrom('audit_log').select(['id', 'at', 'event', 'actor_username', 'outcome']).orderBy('id', 'desc').limit(8).execute(),
  ])
  return { users: Number(users.n), units: Number(units.n), locked: Number(locked.n), recent }
}

/** What this user reported lately and where each report stands: the informant's first question. */
export function recentReports(db: Db, userId: number) {
  return db
    .selectFrom('cases')
    .select(['id', 'case_no', 'title', 'status', 'risk_level', 'reported_at'])
    .where('reported_by', '=', userId)
    .orderBy('reported_at', 'desc')
    .orderBy('id', 'desc')
    .limit(10)
    .execute()
}

// The queues of "my work" (DESIGN §7). Every one applies caseVisibleTo and reads the stored clocks
// (case_clocks): nothing here recomputes a clock.

type Condition = Expression<SqlBool>

/** Cases by their nearest running clock: overdue first (their due days are the earliest), then soonest; none last. */
export function casesByDeadline(db: Db, user: CurrentUser, mine: Condition, limit = HOME_LIMIT) {
  return db.selectFrom('cases')
    .leftJoinLateral((j) => nextClock(j), (join) => join.onTrue())
    .select([
      'cases.id', 'cases.case_no', 'cases.title', 'cases.status', 'cases.route', 'cases.risk_level',
      'next_clock.kind as clock_kind', 'next_clock.due_on as clock_due',
    ])
    .where(caseVisibleTo(user, 'cases'))
    .where(mine)
    .orderBy(sql`next_clock.due_on asc nulls last`).orderBy('cases.id')
    .limit(limit)
    .execute()
}

export const HOME_LIMIT = 30

/** Received and not yet routed: reports awaiting an application, and applications awaiting acceptance. */
export function triageQueue(db: Db, user: CurrentUser, limit = HOME_LIMIT) {
  return db.selectFrom('cases')
    .leftJoin('case_clocks as acc', (j) => j.onRef('acc.case_id', '=', 'cases.id').on('acc.kind', '=', 'acceptance').on('acc.subject', '=', ''))
    .select((s) => [
      'cases.id', 'cases.case_no', 'cases.title', 'cases.status', 'cases.channel', 'cases.dispute_types', 'cases.collective_contract',
      'cases.reported_at', 'cases.risk_level', 'acc.due_on as acceptance_due', 'acc.status as acceptance_status',
      s.selectFrom('case_clocks as lim').select(sql<string | null>`min(lim.due_on)::text`.as('d'))
        .whereRef('lim.case_id', '=', 'cases.id').where('lim.kind', '=', 'limitation')
        .where(sql<boolean>`lim.status in ('running', 'due_soon', 'overdue')`).as('limitation_due'),
    ])
    .where(caseVisibleTo(user, 'cases'))
    .where('cases.status', 'in', ['registered', 'reported'])
    // Applications first (their acceptance clock runs), nearest acceptance day first; then reports, oldest first.
    .orderBy(sql`acc.due_on asc nulls last`).orderBy('cases.reported_at').orderBy('cases.id')
    .limit(limit)
    .execute()
}

/** The worker flags routing looks at, for a page of cases: one query. */
export async function workerFlags(db: Db, caseIds: number[]) {
  if (!caseIds.length) return new Map<number, { under16: boolean; platformWorker: boolean }[]>()
  const rows = await db.selectFrom('workers').select(['case_id', 'under_16', 'platform_worker']).where('case_id', 'in', caseIds).execute()
  const out = new Map<number, { under16: boolean; platformWorker: boolean }[]>()
  for (const w of rows) out.set(w.case_id, [...(out.get(w.case_id) ?? []), { under16: w.under_16, platformWorker: w.platform_worker }])
  return out
}

/** Legs sent to a unit of the user's subtree that still wait for its acceptance or rejection. */
export function referralsAwaiting(db: Db, user: CurrentUser, limit = HOME_LIMIT) {
  return db.selectFrom('case_legs as leg')
    .innerJoin('cases', 'cases.id', 'leg.case_id')
    .innerJoin('org_units as to_unit', 'to_unit.id', 'leg.to_unit_id')
    .leftJoin('users as sender', 'sender.id', 'leg.sent_by')
    .select([
      'leg.id as leg_id', 'leg.route', 'leg.sent_at', 'leg.ack_working_days', 'cases.id', 'cases.case_no', 'cases.title',
      'cases.risk_level', 'to_unit.name as to_unit_name', 'sender.display_name as sender_name',
    ])
    .where('leg.state', '=', 'awaiting_ack')
    .where(inSubtree(user.orgUnit.path, 'leg.to_unit_id'))
    .where(caseVisibleTo(user, 'cases'))
    .orderBy('leg.sent_at').orderBy('leg.id')
    .limit(limit)
    .execute()
}

/** Agreement windows (arbitral review, judicial confirmation) still open on the user's visible cases, closing soonest first. */
export function agreementWindows(db: Db, user: CurrentUser, mine: Condition | null, limit = HOME_LIMIT) {
  let q = db.selectFrom('case_clocks as cc')
    .innerJoin('cases', 'cases.id', 'cc.case_id')
    .select(['cases.id', 'cases.case_no', 'cases.title', 'cc.kind', 'cc.due_on'])
    .where('cc.kind', 'in', ['arbitral_review', 'judicial_confirmation'])
    .where(sql<boolean>`cc.status in ('running', 'due_soon', 'overdue')`)
    .where(caseVisibleTo(user, 'cases'))
  if (mine) q = q.where(mine)
  return q.orderBy('cc.due_on').orderBy('cases.id').limit(limit).execute()
}

/**
 * The mediator's sessions planned for today: cases assigned to them whose latest session set today
 * as the next date (a session held since supersedes the plan).
 */
export function sessionsToday(db: Db, user: CurrentUser, today: string, limit = HOME_LIMIT) {
  return db.selectFrom('mediation_sessions as ms')
    .innerJoin('cases', 'cases.id', 'ms.case_id')
    .select(['cases.id', 'cases.case_no', 'cases.title', 'ms.held_on', 'ms.place'])
    .where('ms.next_session_on', '=', today)
    .where('cases.assigned_mediator_id', '=', user.id)
    .where(OPEN_CASE)
    .where(caseVisibleTo(user, 'cases'))
    .where(sql<boolean>`not exists (select 1 from mediation_sessions later where later.case_id = ms.case_id
      and (later.held_on, later.id) > (ms.held_on, ms.id))`)
    .orderBy('cases.case_no')
    .limit(limit)
    .execute()
}

/** The legal adviser's open cases with no consultation note yet, by nearest deadline. */
export function casesAwaitingNote(db: Db, user: CurrentUser) {
  return casesByDeadline(db, user, sql<boolean>`cases.assigned_legal_adviser_id = ${user.id} and ${OPEN_CASE}
    and not exists (select 1 from consultation_notes n where n.case_id = cases.id)`)
}

/** The manager's headline figures, in one round trip. */
export async function headlineFigures(db: Db, user: CurrentUser, today: string) {
  const visible = caseVisibleTo(user, 'cases')
  const count = (more: Condition) => sql<string>`(select count(*) from cases where ${visible} and ${more})`
  const row = await db.selectNoFrom([
    count(OPEN_CASE).as('open'),
    count(sql<boolean>`${OPEN_CASE} and ${hasOverdueClock(today)}`).as('overdue'),
    count(sql<boolean>`${OPEN_CASE} and cases.risk_rank >= ${sql.lit(RISK_RANK.orange)}`).as('red_orange'),
    count(sql<boolean>`cases.status = 'registered'`).as('registered'),
  ]).executeTakeFirstOrThrow()
  return { open: Number(row.open), overdue: Number(row.overdue), redOrange: Number(row.red_orange), registered: Number(row.registered) }
}

/**
 * What the home badge counts (DESIGN §7 "what needs the user now"), in one query: referrals waiting
 * for the user's unit (triage roles), and open cases of theirs with a clock due within two working
 * days or past due (stored status due_soon/overdue, or a running clock whose day has passed).
 * Referral-acknowledgment clocks are left out of the second count: the first already counts them.
 */
export async function homeBadgeCounts(db: Db, user: CurrentUser, today: string) {
  const triage = hasAnyRole(user.roles, ['rights_officer', 'bargaining_instructor'])
  const mine = myClockCases(user)
  if (!triage && !mine) return { referrals: 0, dueCases: 0 }
  const visible = caseVisibleTo(user, 'cases')
  const row = await db.selectNoFrom([
    (triage
      ? sql<string>`(select count(*) from case_legs leg join cases on cases.id = leg.case_id
          where leg.state = 'awaiting_ack' and ${inSubtree(user.orgUnit.path, 'leg.to_unit_id')} and ${visible})`
      : sql<string>`0`).as('referrals'),
    (mine
      ? sql<string>`(select count(*) from cases where ${visible} and ${OPEN_CASE} and ${mine} and exists (
          select 1 from case_clocks cc where cc.case_id = cases.id and cc.kind <> 'referral_ack'
            and cc.status in ('running', 'due_soon', 'overdue') and (cc.status <> 'running' or cc.due_on < ${today}::date)))`
      : sql<string>`0`).as('due_cases'),
  ]).executeTakeFirstOrThrow()
  return { referrals: Number(row.referrals), dueCases: Number(row.due_cases) }
}

/** The cases whose clocks are the user's to watch: assigned to them, or (rights officers) any case of their scope. */
export function myClockCases(user: CurrentUser): Condition | null {
  if (hasAnyRole(user.roles, ['rights_officer', 'bargaining_instructor'])) return sql<boolean>`true`
  const parts: Condition[] = []
  if (user.roles.includes('mediator')) parts.push(sql<boolean>`cases.assigned_mediator_id = ${user.id}`)
  if (user.roles.includes('legal_adviser')) parts.push(sql<boolean>`cases.assigned_legal_adviser_id = ${user.id}`)
  return parts.length ? sql<boolean>`(${sql.join(parts, sql` or `)})` : null
}
