import type { CurrentUser } from '../../app-env.ts'
import { caseVisibleTo } from '../../auth/case-scope.ts'
import type { Db } from '../../db/connect.ts'
import type { ActionContext, ReferralState } from '../../domain/case-actions.ts'
import { OPEN_STATUSES, type CaseStatus, type Route } from '../../domain/case-vocabulary.ts'
import { DEFAULT_ACK_WORKING_DAYS } from '../../domain/clocks.ts'
import { suggestRoute, type RouteSuggestion } from '../../domain/routing.ts'
import { caseClocks } from '../cases/case-clocks.ts'
import { beijingDate } from '../../domain/beijing-date.ts'
import { agreementStanding } from '../mediation/agreement.queries.ts'

// What the action handlers read: the case as the state machine needs it, its legs, and the
// people and units a form may offer.

export async function loadActionCase(db: Db, user: CurrentUser, id: number) {
  return db.selectFrom('cases')
    .leftJoin('users as actor', 'actor.id', 'cases.last_actor_id')
    .select(['cases.id', 'cases.case_no', 'cases.title', 'cases.status', 'cases.route', 'cases.version', 'cases.updated_at', 'cases.org_unit_id',
      'cases.holder_unit_id', 'cases.channel', 'cases.dispute_types', 'cases.collective_group_id', 'cases.collective_contract',
      'cases.assigned_mediator_id', 'cases.assigned_legal_adviser_id', 'cases.respondent_consent', 'cases.decline_reason',
      'cases.closure_reason', 'cases.reported_by', 'actor.display_name as last_actor_name'])
    .where('cases.id', '=', id).where(caseVisibleTo(user, 'cases')).executeTakeFirst()
}
export type ActionCase = NonNullable<Awaited<ReturnType<typeof loadActionCase>>>

/** The leg sent to a unit of ours and not yet acknowledged or rejected, with the receiving unit's path. */
export function awaitingLeg(db: Db, caseId: number) {
  return db.selectFrom('case_legs').innerJoin('org_units', 'org_units.id', 'case_legs.to_unit_id')
    .select(['case_legs.id', 'case_legs.to_unit_id', 'org_units.path', 'org_units.name'])
    .where('case_legs.case_id', '=', caseId).where('case_legs.state', '=', 'awaiting_ack')
    .orderBy('case_legs.id', 'desc').executeTakeFirst()
}

export async function referralState(db: Db, user: CurrentUser, caseId: number): Promise<ReferralState> {
  const leg = await awaitingLeg(db, caseId)
  if (!leg) return 'none'
  return leg.path.startsWith(user.orgUnit.path) ? 'awaiting_us' : 'awaiting_other'
}

/** The route suggestion for the case as it stands (routing.ts), from its workers, contract stage and clocks. */
export async function routeSuggestion(db: Db, k: ActionCase, now: Date): Promise<RouteSuggestion> {
  const workers = await db.selectFrom('workers').select(['under_16', 'platform_worker']).where('case_id', '=', k.id).execute()
  const { clocks } = await caseClocks(db, k.id, now)
  const limitation = clocks.filter((c) => c.kind === 'limitation' && c.daysLeft !== null).map((c) => c.daysLeft!)
  const stage = k.collective_contract && typeof k.collective_contract === 'object' ? (k.collective_contract as Record<string, unknown>).stage : null
  return suggestRoute({
    channel: k.channel,
    disputeTypes: k.dispute_types,
    workers: workers.map((w) => ({ under16: w.under_16, platformWorker: w.platform_worker })),
    collectiveContractStage: stage === 'signing' || stage === 'performance' ? stage : null,
    limitationDaysLeft: limitation.length ? Math.min(...limitation) : null,
    respondentRefusedMediation: k.respondent_consent === 'refused',
    mediationLapsed: clocks.some((c) => c.kind === 'mediation' && c.status === 'overdue'),
    agreementUnperformed: k.status === 'performing',
  })
}

export async function actionContext(db: Db, user: CurrentUser, k: ActionCase, now: Date) {
  const suggestion = await routeSuggestion(db, k, now)
  const ctx: ActionContext = {
    userId: user.id,
    assignedMediatorId: k.assigned_mediator_id,
    assignedLegalAdviserId: k.assigned_legal_adviser_id,
    reporterId: k.reported_by,
    collective: k.collective_group_id !== null || k.dispute_types.includes('collective_contract'),
    route: k.route as Route | null,
    suggestedRoute: suggestion.route,
    referral: await referralState(db, user, k.id),
    agreementOutstanding: (await agreementStanding(db, k.id, beijingDate(now)))?.owing ?? false,
  }
  return { ctx, suggestion, status: k.status as CaseStatus }
}

/** The unit that works the case now: the one holding an acknowledged leg, else its own. */
export const workingUnit = (k: ActionCase) => k.holder_unit_id ?? k.org_unit_id

/** Units whose staff may be assigned: the working unit and, for a grassroots union, its town. */
function unitAndTown(db: Db, unitId: number) {
  return db.selectFrom('org_units').select('id')
    .where((eb) => eb.or([eb('id', '=', unitId), eb('id', '=', db.selectFrom('org_units as u').select('u.parent_id').where('u.id', '=', unitId).where('u.kind', '=', 'grassroots'))]))
}

/** Mediators (or legal advisers) of the case's unit or its town, each with the number of open cases assigned. */
export async function staffCandidates(db: Db, k: ActionCase, role: 'mediator' | 'legal_adviser') {
  const column = role === 'mediator' ? 'assigned_mediator_id' : 'assigned_legal_adviser_id'
  const rows = await db.selectFrom('users').innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select((eb) => ['users.id', 'users.display_name',
      eb.selectFrom('cases').select((e) => e.fn.countAll<string>().as('n')).whereRef(`cases.${column}`, '=', 'users.id')
        .where('cases.status', 'in', [...OPEN_STATUSES]).as('open_cases')])
    .where('user_roles.role', '=', role).where('users.disabled_at', 'is', null)
    .where('users.org_unit_id', 'in', unitAndTown(db, workingUnit(k)))
    .orderBy('users.id').limit(200).execute()
  return rows.map((r) => ({ userId: r.id, name: r.display_name, openCases: Number(r.open_cases ?? 0) }))
}

/** Towns and grassroots unions of the case's district a leg may be sent to (not the one working it now). */
export async function referralUnits(db: Db, k: ActionCase) {
  const own = await db.selectFrom('org_units').select('path').where('id', '=', k.org_unit_id).executeTakeFirstOrThrow()
  const district = own.path.split('/').filter(Boolean).slice(0, 1)
  const districtRow = await db.selectFrom('org_units').select(['path', 'kind']).where('id', '=', Number(district[0])).executeTakeFirst()
  const prefix = districtRow?.kind === 'district' ? districtRow.path : own.path
  return db.selectFrom('org_units').select(['id', 'name', 'kind'])
    .where('path', 'like', `${prefix}%`).where('kind', 'in', ['town', 'grassroots']).where('id', '!=', workingUnit(k))
    .orderBy('path').limit(500).execute()
}

export async function ackWorkingDays(db: Db): Promise<number> {
  const row = await db.selectFrom('app_settings').select('value').where('key', '=', 'referral_ack_working_days').executeTakeFirst()
  const n = Number(row?.value)
  return Number.isInteger(n) && n >= 1 && n <= 30 ? n : DEFAULT_ACK_WORKING_DAYS
}

export function caseLegs(db: Db, caseId: number) {
  return db.selectFrom('case_legs').leftJoin('org_units', 'org_units.id', 'case_legs.to_unit_id')
    .select(['case_legs.id', 'case_legs.route', 'case_legs.state', 'case_legs.outside_body', 'case_legs.outside_ref', 'case_legs.outside_received_on',
      'case_legs.outside_outcome', 'case_legs.sent_at', 'case_legs.acknowledged_at', 'case_legs.reject_reason', 'org_units.name as unit_name'])
    .where('case_legs.case_id', '=', caseId).orderBy('case_legs.id').execute()
}

export function caseWorkersBrief(db: Db, caseId: number) {
  return db.selectFrom('workers').select(['id', 'name']).where('case_id', '=', caseId).orderBy('position').execute()
}

/** Serialization failures and deadlocks are retried (reliability D2): the whole transaction again. */
export async function withRetry<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run()
    } catch (e) {
      const code = (e as { code?: string }).code
      if (i >= attempts || (code !== '40001' && code !== '40P01')) throw e
    }
  }
}
