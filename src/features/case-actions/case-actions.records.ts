import type { CurrentUser } from '../../app-env.ts'
import type { ActionContext } from '../../domain/case-actions.ts'
import { OPEN_STATUSES, type CaseStatus } from '../../domain/case-vocabulary.ts'
import type { Role } from '../../domain/roles.ts'
import type { ActionCase } from './case-actions.queries.ts'

/**
 * Records kept beside the state machine (they change no status): an extension of the mediation
 * period, a worker's limitation event, and what an outside body did with a leg sent to it.
 * Same order of checks as case-actions.ts: no role that could → forbidden; wrong status → wrong_state.
 */
export type RecordName = 'extension' | 'limitation_event' | 'outside_record'

export const RECORD_ROLES: Record<RecordName, Role[]> = {
  extension: ['rights_officer', 'bargaining_instructor', 'mediator'],
  limitation_event: ['rights_officer', 'bargaining_instructor', 'legal_adviser'],
  outside_record: ['rights_officer', 'bargaining_instructor', 'manager'],
}

function roleFits(role: Role, user: CurrentUser, ctx: ActionContext) {
  if (!user.roles.includes(role)) return false
  if (role === 'bargaining_instructor') return ctx.collective === true
  if (role === 'mediator') return ctx.assignedMediatorId === user.id
  if (role === 'legal_adviser') return ctx.assignedLegalAdviserId === user.id
  return true
}

export function recordPermit(name: RecordName, k: ActionCase, user: CurrentUser, ctx: ActionContext): 'ok' | 'forbidden' | 'wrong_state' {
  if (!RECORD_ROLES[name].some((r) => roleFits(r, user, ctx))) return 'forbidden'
  const status = k.status as CaseStatus
  if (name === 'extension') return status === 'in_progress' && k.route === 'mediation' ? 'ok' : 'wrong_state'
  if (name === 'limitation_event') return OPEN_STATUSES.includes(status) ? 'ok' : 'wrong_state'
  return 'ok'
}
