import { expressionBuilder, sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely'
import type { CurrentUser } from '../../app-env.ts'
import { caseVisibleTo, readsSubtree } from '../../auth/case-scope.ts'
import { inSubtree, unitInSubtree } from '../../auth/scope.ts'
import type { Db } from '../../db/connect.ts'
import type { Database } from '../../db/database.ts'
import { channelsOf, closureReasonsOf, riskLevelsOf } from '../../domain/metrics.ts'
import { dayRange, receivedRange, type CaseFilter, type CaseSearch, type Cursor } from './cases.filters.ts'

// Every query here that reads a case applies caseVisibleTo: a case outside it does not exist.

export const PAGE_SIZE = 50
/** Counting stops here: "10,000+" is as useful to a person as the exact figure, and stays cheap. */
export const COUNT_CAP = 10_000

const eb = expressionBuilder<Database, 'cases'>()
type Condition = Expression<SqlBool>

/** reported_at in whole microseconds, exact on both drivers (int8 arrives as a string). */
export const reportedMicros = sql<string>`(extract(epoch from cases.reported_at) * 1000000)::bigint`
export const atMicros = (micros: string) => sql`(timestamptz 'epoch' + ${micros}::bigint * interval '1 microsecond')`

function searchCondition(s: CaseSearch): Condition {
  switch (s.kind) {
    case 'case_no':
      return eb('cases.case_no', '=', s.caseNo)
    case 'phone':
      return eb('cases.id', 'in', eb.selectFrom('workers').select('workers.case_id').where('workers.phone_bidx', '=', s.bidx))
    case 'id_number':
      return eb('cases.id', 'in', eb.selectFrom('workers').select('workers.case_id').where('workers.id_bidx', 'in', s.bidx))
    case 'tokens':
      // One bound text[] parameter on the GIN index: never SQL built from the query text.
      return sql<boolean>`cases.search_tokens @> ${s.tokens}::text[]`
  }
}

/** Clock statuses that still run: the predicate of the partial index case_clocks_due_idx, as literals. */
export const LIVE_CLOCK = sql<boolean>`status in ('running', 'due_soon', 'overdue')`

/**
 * A case with a clock past its due day. Stored statuses are as of the case's last change, so a
 * running clock whose day has passed since counts too.
 */
export function hasOverdueClock(today: string, alias = 'cases'): Condition {
  // IN rather than a correlated EXISTS: the few overdue clocks (case_clocks_due_idx) lead, not every case.
  return sql<boolean>`${sql.ref(`${alias}.id`)} in (select cc.case_id from case_clocks cc
    where cc.status in ('running', 'due_soon', 'overdue') and (cc.status = 'overdue' or cc.due_on < ${today}::date))`
}

/** Not closed and not declined, written as literals like the partial index cases_risk_open_idx. */
export const OPEN_CASE = sql<boolean>`cases.status not in ('closed', 'declined')`

/** Where the list's filters point: units and people already checked to be in the user's scope. */
export type ListScope = { townPath: string | null; holderPath: string | null; assigneeId: number | null; today: string }

/** The user's scope and the list's filters. */
export function listConditions(user: CurrentUser, f: CaseFilter, search: CaseSearch | null, scope: ListScope): Condition[] {
  return [caseVisibleTo(user, 'cases'), ...filterConditions(f, search, scope)]
}

/**
 * The list's filters alone, for a query that applies the user's scope once itself: the dashboard
 * counts dozens of sets in one pass, and repeating the scope's subqueries inside every
 * aggregate's FILTER would make PostgreSQL run them per row and per set.
 */
export function filterConditions(f: CaseFilter, search: CaseSearch | null, scope: ListScope): Condition[] {
  const out: Condition[] = []
  if (f.status === 'open') out.push(OPEN_CASE)
  else if (f.status) out.push(eb('cases.status', '=', f.status))
  if (scope.townPath) out.push(inSubtree(scope.townPath, 'cases.org_unit_id'))
  if (f.route === 'none') out.push(eb('cases.route', 'is', null))
  else if (f.route) out.push(eb('cases.route', '=', f.route))
  if (f.assignee === 'none') out.push(eb('cases.assigned_mediator_id', 'is', null))
  else if (f.assignee !== undefined) out.push(eb('cases.assigned_mediator_id', '=', scope.assigneeId ?? -1))
  if (scope.holderPath) {
    const path = scope.holderPath
    out.push(sql<boolean>`(${inSubtree(path, 'cases.holder_unit_id')} or cases.id in (select leg.case_id from case_legs leg
      where leg.state = 'awaiting_ack' and ${inSubtree(path, 'leg.to_unit_id')}))`)
  }
  // Only an open case's clocks run; saying so lets the open-case index lead.
  if (f.overdue) out.push(OPEN_CASE, hasOverdueClock(scope.today))
  if (f.type) out.push(sql<boolean>`cases.dispute_types @> ${[f.type]}::text[]`)
  // Literals, like the predicate of the partial index cases_risk_level_idx, whatever the plan caching.
  if (f.risk) out.push(sql<boolean>`cases.risk_level in (${sql.join(riskLevelsOf(f.risk).map((l) => sql.lit(l)))})`)
  if (f.channel) out.push(eb('cases.channel', 'in', [...channelsOf(f.channel)]))
  const range = receivedRange(f)
  if (range.from) out.push(eb('cases.reported_at', '>=', range.from))
  if (range.before) out.push(eb('cases.reported_at', '<', range.before))
  out.push(...outcomeConditions(f))
  if (search) out.push(searchCondition(search))
  return out
}

/** Accepted and routed: decided, and past the acceptance decision (never declined as it stands). */
const ACCEPTED = sql<boolean>`(cases.decided_at is not null and cases.status not in ('reported', 'registered', 'declined'))`
/** The Beijing day the mediation ended, for timeliness: the agreement's effective day, else closure. */
const MEDIATION_ENDED_ON = sql`coalesce(cases.agreement_effective_on, (cases.closed_at at time zone 'Asia/Shanghai')::date)`

/** The dashboard's sets (domain/metrics.ts `matches` says what each key means). */
function outcomeConditions(f: CaseFilter): Condition[] {
  const out: Condition[] = []
  const closed = dayRange(f.closed_from, f.closed_to)
  if (closed.from) out.push(eb('cases.closed_at', '>=', closed.from))
  if (closed.before) out.push(eb('cases.closed_at', '<', closed.before))
  if (f.handled_from || f.handled_to) {
    const handled = dayRange(f.handled_from, f.handled_to)
    out.push(ACCEPTED)
    if (handled.before) out.push(eb('cases.decided_at', '<', handled.before))
    if (handled.from) out.push(eb.or([eb('cases.closed_at', 'is', null), eb('cases.closed_at', '>=', handled.from)]))
  }
  if (f.accepted) out.push(ACCEPTED)
  if (f.mediated) out.push(eb('cases.mediated', '=', true))
  if (f.agreement) out.push(eb('cases.has_agreement', '=', true))
  if (f.closure) out.push(eb('cases.closure_reason', 'in', [...closureReasonsOf(f.closure)]))
  if (f.level) out.push(eb('cases.resolution_level', '=', f.level))
  if (f.timing) {
    const compare = f.timing === 'on_time' ? sql`and ${MEDIATION_ENDED_ON} <= cases.mediation_due_on` : f.timing === 'late' ? sql`and ${MEDIATION_ENDED_ON} > cases.mediation_due_on` : sql``
    out.push(sql<boolean>`(cases.closed_at is not null and cases.mediation_due_on is not null ${compare})`)
  }
  if (f.industry) out.push(sql<boolean>`cases.industries @> ${[f.industry]}::text[]`)
  return out
}

function afterCursor(sort: CaseFilter['sort'], c: Cursor): Condition {
  if (sort === 'risk') return sql<boolean>`(cases.risk_rank, cases.reported_at, cases.id) < (${c.rank}, ${atMicros(c.micros)}, ${c.id})`
  if (sort === 'oldest') return sql<boolean>`(cases.reported_at, cases.id) > (${atMicros(c.micros)}, ${c.id})`
  return sql<boolean>`(cases.reported_at, cases.id) < (${atMicros(c.micros)}, ${c.id})`
}

/**
 * One page of the list, keyset-paged on (reported_at, id) or (risk_rank, reported_at, id). The
 * page's ids are chosen first and only they are joined to their mediator and nearest clock: joined
 * before the limit, the clock lookup ran for every matching case when PostgreSQL chose to sort.
 */
export async function listCases(db: Db, conditions: Condition[], f: CaseFilter, limit = PAGE_SIZE) {
  let ids = db.selectFrom('cases').select(['cases.id', 'cases.risk_rank', 'cases.reported_at'])
    .where((w) => w.and(f.after ? [...conditions, afterCursor(f.sort, f.after)] : conditions))
    .limit(limit + 1)
  if (f.sort === 'risk') ids = ids.orderBy('cases.risk_rank', 'desc').orderBy('cases.reported_at', 'desc').orderBy('cases.id', 'desc')
  else if (f.sort === 'oldest') ids = ids.orderBy('cases.reported_at', 'asc').orderBy('cases.id', 'asc')
  else ids = ids.orderBy('cases.reported_at', 'desc').orderBy('cases.id', 'desc')
  let q = db
    .selectFrom(ids.as('p'))
    .innerJoin('cases', 'cases.id', 'p.id')
    .leftJoin('users as mediator', 'mediator.id', 'cases.assigned_mediator_id')
    .leftJoinLateral((j) => nextClock(j), (join) => join.onTrue())
    .select([
      'cases.id', 'cases.case_no', 'cases.reported_at', 'cases.status', 'cases.route', 'cases.risk_level', 'cases.risk_rank',
      'cases.dispute_types', 'cases.workers_involved', 'cases.org_unit_id', 'mediator.display_name as mediator_name',
      'next_clock.kind as clock_kind', 'next_clock.due_on as clock_due', reportedMicros.as('micros'),
    ])
  if (f.sort === 'risk') q = q.orderBy('p.risk_rank', 'desc').orderBy('p.reported_at', 'desc').orderBy('p.id', 'desc')
  else if (f.sort === 'oldest') q = q.orderBy('p.reported_at', 'asc').orderBy('p.id', 'asc')
  else q = q.orderBy('p.reported_at', 'desc').orderBy('p.id', 'desc')
  const rows = await q.execute()
  const page = rows.slice(0, limit)
  const last = page[page.length - 1]
  const next: Cursor | null = rows.length > limit && last ? { rank: last.risk_rank, micros: last.micros, id: last.id } : null
  return { rows: page, next }
}

/**
 * The case's nearest running clock (one row per case, by the case_clocks primary key): for a
 * lateral join, so a page or a queue reads its deadlines in the same query.
 */
export function nextClock(j: ExpressionBuilder<Database, 'cases'>) {
  return j.selectFrom('case_clocks')
    .select(['case_clocks.kind', 'case_clocks.due_on'])
    .whereRef('case_clocks.case_id', '=', 'cases.id')
    .where(sql<boolean>`case_clocks.status in ('running', 'due_soon', 'overdue')`)
    .where('case_clocks.due_on', 'is not', null)
    .orderBy('case_clocks.due_on').orderBy('case_clocks.kind')
    .limit(1)
    .as('next_clock')
}

/** The mediators a user may filter by: those of their subtree. */
export function mediatorsInScope(db: Db, user: CurrentUser) {
  if (!readsSubtree(user)) return Promise.resolve([])
  return db.selectFrom('users').innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select(['users.id', 'users.display_name'])
    .where('user_roles.role', '=', 'mediator')
    .where(inSubtree(user.orgUnit.path, 'users.org_unit_id'))
    .orderBy('users.display_name').orderBy('users.id')
    .limit(500)
    .execute()
}

/**
 * How many cases match, counted up to COUNT_CAP + 1. In the list's own order, so the count walks
 * the list's index and stops at the cap; unordered, PostgreSQL reads the table from the start,
 * which for a narrow filter over a million cases means reading all of it.
 */
export async function countCases(db: Db, conditions: Condition[]): Promise<{ count: number; capped: boolean }> {
  const hits = db.selectFrom('cases').select('cases.id').where((w) => w.and(conditions))
    .orderBy('cases.reported_at', 'desc').orderBy('cases.id', 'desc').limit(COUNT_CAP + 1)
  const row = await db.selectFrom(hits.as('hit')).select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow()
  const n = Number(row.n)
  return { count: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP }
}

/** The towns a user may filter by: those in their subtree (none for an informant, who sees only their own reports). */
export function townsInScope(db: Db, user: CurrentUser) {
  if (!readsSubtree(user)) return Promise.resolve([])
  return db.selectFrom('org_units').select(['id', 'name', 'path'])
    .where('kind', '=', 'town').where(unitInSubtree(user.orgUnit.path)).orderBy(sql`path collate "C"`).execute()
}

// Batch look-ups for a page of cases: a handful of queries per page, never one per row.

/** The first respondent's name (by position) and how many respondents each case has. */
export async function respondentSummaries(db: Db, caseIds: number[]) {
  if (!caseIds.length) return new Map<number, { first: string; count: number }>()
  const rows = await db.selectFrom('case_respondents as cr')
    .innerJoin('respondents as r', 'r.id', 'cr.respondent_id')
    .select([
      'cr.case_id',
      sql<string>`(array_agg(r.name order by cr.position, r.id))[1]`.as('first'),
      sql<string>`count(distinct cr.respondent_id)`.as('n'),
    ])
    .where('cr.case_id', 'in', caseIds)
    .groupBy('cr.case_id')
    .execute()
  return new Map(rows.map((r) => [r.case_id, { first: r.first, count: Number(r.n) }]))
}

/** The first worker's name and the number of workers listed: names only, never a phone or ID. */
export async function workerSummaries(db: Db, caseIds: number[]) {
  if (!caseIds.length) return new Map<number, { first: string; count: number }>()
  const rows = await db.selectFrom('workers')
    .select(['case_id', sql<string>`(array_agg(name order by position, id))[1]`.as('first'), sql<string>`count(*)`.as('n')])
    .where('case_id', 'in', caseIds)
    .groupBy('case_id')
    .execute()
  return new Map(rows.map((r) => [r.case_id, { first: r.first, count: Number(r.n) }]))
}

/** Each unit's town: the town-level unit whose path the unit's path starts with (itself, for a town). */
export async function townNames(db: Db, unitIds: number[]) {
  if (!unitIds.length) return new Map<number, string>()
  const rows = await db.selectFrom('org_units as u')
    .innerJoin('org_units as town', (j) => j.on('town.kind', '=', 'town').on(sql<boolean>`u.path like town.path || '%'`))
    .select(['u.id', 'town.name'])
    .where('u.id', 'in', [...new Set(unitIds)])
    .execute()
  return new Map(rows.map((r) => [r.id, r.name]))
}

// The case page.

export type CaseDetail = NonNullable<Awaited<ReturnType<typeof findCase>>>

export function findCase(db: Db, user: CurrentUser, id: number) {
  return db.selectFrom('cases')
    .innerJoin('org_units as unit', 'unit.id', 'cases.org_unit_id')
    .innerJoin('users as reporter', 'reporter.id', 'cases.reported_by')
    .leftJoin('users as mediator', 'mediator.id', 'cases.assigned_mediator_id')
    .leftJoin('users as adviser', 'adviser.id', 'cases.assigned_legal_adviser_id')
    .leftJoin('collective_groups as grp', 'grp.id', 'cases.collective_group_id')
    .select([
      'cases.id', 'cases.case_no', 'cases.status', 'cases.route', 'cases.channel', 'cases.channel_ref', 'cases.reported_at',
      'cases.application_received_at', 'cases.title', 'cases.facts', 'cases.dispute_types', 'cases.workers_involved',
      'cases.collective_signs', 'cases.claimed_total_fen', 'cases.risk_level', 'cases.risk_reasons', 'cases.collective_group_id',
      'cases.assigned_mediator_id', 'cases.assigned_legal_adviser_id', 'cases.org_unit_id', 'cases.reported_by', 'cases.holder_unit_id',
      'cases.closure_reason', 'cases.closed_at', 'cases.resolution_level', 'cases.recovered_fen', 'cases.closure_note',
      'cases.decline_reason', 'cases.decline_note', 'cases.decided_at', 'cases.agreement_effective_on',
      'unit.name as unit_name', 'reporter.display_name as reporter_name', 'mediator.display_name as mediator_name',
      'adviser.display_name as adviser_name', 'grp.workers_count as group_workers', 'grp.dispute_type as group_type',
    ])
    .where('cases.id', '=', id)
    .where(caseVisibleTo(user, 'cases'))
    .executeTakeFirst()
}

/** The case's respondents in the order given, with what a printed document names them by. */
export function caseRespondents(db: Db, user: CurrentUser, caseId: number) {
  return db.selectFrom('case_respondents as cr')
    .innerJoin('cases', 'cases.id', 'cr.case_id')
    .innerJoin('respondents as r', 'r.id', 'cr.respondent_id')
    .select(['r.id', 'r.name', 'r.kind', 'r.uscc', 'r.legal_representative', 'r.address', 'cr.role'])
    .where('cr.case_id', '=', caseId)
    .where(caseVisibleTo(user, 'cases'))
    .orderBy('cr.position').orderBy('r.id')
    .execute()
}

/** Workers as lists show them: masked numbers only. */
export function caseWorkers(db: Db, user: CurrentUser, caseId: number) {
  return db.selectFrom('workers')
    .innerJoin('cases', 'cases.id', 'workers.case_id')
    .select([
      'workers.id', 'workers.name', 'workers.phone_masked', 'workers.id_type', 'workers.id_masked', 'workers.under_16',
      'workers.migrant', 'workers.platform_worker', 'workers.hire_date', 'workers.leave_date', 'workers.knew_date',
    ])
    .where('workers.case_id', '=', caseId)
    .where(caseVisibleTo(user, 'cases'))
    .orderBy('workers.position').orderBy('workers.id')
    .execute()
}

/** The ciphertexts, read only for a reveal the rule allowed. */
export function workerSecrets(db: Db, user: CurrentUser, caseId: number) {
  return db.selectFrom('workers')
    .innerJoin('cases', 'cases.id', 'workers.case_id')
    .select(['workers.id', 'workers.phone_enc', 'workers.id_number_enc'])
    .where('workers.case_id', '=', caseId)
    .where(caseVisibleTo(user, 'cases'))
    .execute()
}

export function caseClaims(db: Db, user: CurrentUser, caseId: number) {
  return db.selectFrom('claims')
    .innerJoin('cases', 'cases.id', 'claims.case_id')
    .select(['claims.id', 'claims.kind', 'claims.description', 'claims.amount_fen'])
    .where('claims.case_id', '=', caseId)
    .where(caseVisibleTo(user, 'cases'))
    .orderBy('claims.position').orderBy('claims.id')
    .execute()
}

/** The other cases of a collective group that this user may see. */
export function groupCases(db: Db, user: CurrentUser, groupId: number, exceptId: number) {
  return db.selectFrom('cases')
    .select(['cases.id', 'cases.case_no', 'cases.status', 'cases.reported_at', 'cases.workers_involved'])
    .where('cases.collective_group_id', '=', groupId)
    .where('cases.id', '<>', exceptId)
    .where(caseVisibleTo(user, 'cases'))
    .orderBy('cases.reported_at').orderBy('cases.id')
    .limit(200)
    .execute()
}

/** The append-only log, oldest first. */
export function caseTimeline(db: Db, user: CurrentUser, caseId: number) {
  return db.selectFrom('case_events as e')
    .innerJoin('cases', 'cases.id', 'e.case_id')
    .leftJoin('users as actor', 'actor.id', 'e.actor_id')
    .select(['e.id', 'e.at', 'e.kind', 'e.payload', 'actor.display_name as actor_name'])
    .where('e.case_id', '=', caseId)
    .where(caseVisibleTo(user, 'cases'))
    .orderBy('e.id')
    .execute()
}

// Reveals of phones and ID numbers last for one case in one session (DESIGN §6).

export async function isRevealed(db: Db, sessionId: string | null, caseId: number): Promise<boolean> {
  if (!sessionId) return false
  const row = await db.selectFrom('pii_reveals').select('case_id').where('session_id', '=', sessionId).where('case_id', '=', caseId).executeTakeFirst()
  return row !== undefined
}

/** True when this session had not revealed this case before (so the caller logs it once). */
export async function recordReveal(db: Db, sessionId: string, caseId: number, now: Date): Promise<boolean> {
  const rows = await db.insertInto('pii_reveals')
    .values({ session_id: sessionId, case_id: caseId, at: now })
    .onConflict((oc) => oc.columns(['session_id', 'case_id']).doNothing())
    .returning('case_id')
    .execute()
  return rows.length > 0
}
