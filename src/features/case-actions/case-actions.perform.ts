import type { Context } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { forbidden } from '../../auth/access.ts'
import { ACTIONS, checkAction, type Action } from '../../domain/case-actions.ts'
import { beijingDate } from '../../domain/beijing-date.ts'
import type { Role } from '../../domain/roles.ts'
import { flash } from '../../http/render.ts'
import type { Db } from '../../db/connect.ts'
import { recordAudit } from '../audit/audit.ts'
import { applyAction } from './case-actions.apply.ts'
import { lengthErrors, one, OUTSIDE_BODY_LIMIT, problemErrors, readInput, SLUGS, versionOf, type Errors } from './case-actions.forms.ts'
import { conflict, renderPanel, visibleCase } from './case-actions.http.ts'
import { actionContext, referralUnits, staffCandidates, withRetry, type ActionCase } from './case-actions.queries.ts'
import type { ActionInput } from '../../domain/case-actions.ts'

type C = Context<AppEnv>

/**
 * What an action's own module checks and writes beyond the state machine's inputs (the agreement's
 * terms, items and instalments; closure's amounts): errors beside its fields, the values to show
 * again, and what to write in the action's transaction.
 */
export type ExtraCheck = (c: C, k: ActionCase, body: Record<string, unknown>) => Promise<{
  errors: Errors
  values: Record<string, string>
  write?: (trx: Db) => Promise<void>
  /** Kept on the action's timeline event (amounts, counts; never a party's numbers). */
  event?: Record<string, unknown>
}>

/** The state machine's actions the panel offers (the application has its own page, /cases/:id/application). */
export type PanelAction = keyof typeof SLUGS
/** Every role the state machine could ever admit to an action: the route's declared policy. */
export const rolesOf = (a: Action): Role[] => [...new Set(ACTIONS[a].grants.map((g) => g.role))]

/** GET: the action's form, open in the panel. */
export async function showForm(c: C, action: PanelAction) {
  const k = await visibleCase(c)
  if (!k) return c.notFound()
  const { ctx, status } = await actionContext(c.get('db'), c.get('user')!, k, c.get('now')())
  const check = checkAction(action, status, c.get('user')!.roles, {}, ctx)
  if (!check.ok && check.code === 'forbidden') return forbidden(c)
  const open = { name: action, values: { version: String(k.version) }, errors: {} }
  return !check.ok && check.code === 'wrong_state' ? renderPanel(c, k, { ...open, conflict: true }, 409) : renderPanel(c, k, open)
}

/** Checks the state machine cannot make: the chosen person or unit is one the form offered; dates are not in the future. */
async function offeredErrors(c: C, k: ActionCase, action: Action, input: ActionInput): Promise<Errors> {
  const db = c.get('db')
  const errors: Errors = {}
  if (action === 'assign_mediator' || action === 'assign_legal_adviser') {
    const id = action === 'assign_mediator' ? input.mediatorId : input.legalAdviserId
    const staff = await staffCandidates(db, k, action === 'assign_mediator' ? 'mediator' : 'legal_adviser')
    if (!staff.some((s) => s.userId === id)) errors[action === 'assign_mediator' ? 'mediator_id' : 'legal_adviser_id'] = 'actions.error.notOffered'
  }
  if (action === 'refer_to_unit' && !(await referralUnits(db, k)).some((u) => u.id === input.toUnitId)) errors.to_unit_id = 'actions.error.notOffered'
  if (action === 'record_agreement_in_effect' && input.effectiveDate && input.effectiveDate > beijingDate(c.get('now')())) errors.effective_date = 'actions.error.futureDate'
  return errors
}

/** POST: the action, checked by the state machine and applied in one transaction. */
export async function perform(c: C, action: PanelAction, extra?: ExtraCheck) {
  const k = await visibleCase(c)
  if (!k) return c.notFound()
  const user = c.get('user')!
  const now = c.get('now')()
  const body = await c.req.parseBody({ all: true })
  const { values, input } = readInput(body, ['outside_body'])
  const open = { name: action, values, errors: {} as Errors }
  const { ctx, suggestion, status } = await actionContext(c.get('db'), user, k, now)
  const check = checkAction(action, status, user.roles, input, ctx)
  if (!check.ok && check.code === 'forbidden') return forbidden(c)
  if (!check.ok && check.code === 'wrong_state') return conflict(c, k.id, open)
  const more = extra ? await extra(c, k, body) : null
  const errors = { ...(check.ok ? await offeredErrors(c, k, action, input) : problemErrors(action, check.problems)), ...lengthErrors(values), ...more?.errors }
  if (more) Object.assign(values, more.values)
  if (!check.ok || Object.keys(errors).length) return renderPanel(c, k, { ...open, errors }, 422)
  const version = versionOf(values)
  if (version !== k.version) return conflict(c, k.id, open)
  const outsideBody = action === 'refer_out' ? (one(body, 'outside_body', OUTSIDE_BODY_LIMIT).trim() || c.get('t')(`actions.referralTarget.${input.referralTarget as 'arbitration'}`)) : null
  const done = await withRetry(() => c.get('db').transaction().execute((trx) => applyAction(trx,
    { action, to: check.to, route: check.route, input, outsideBody, suggested: suggestion.route, eventExtra: more?.event },
    { k, version, actorId: user.id, now },
    async (t) => { if (more?.write) await more.write(t) },
    (t) => recordAudit(c, { event: `case.${action}`, objectType: 'case', objectId: k.id, details: { before: k.status, after: check.to } }, t))))
  if (!done) return conflict(c, k.id, open)
  flash(c, 'actions.done')
  return c.redirect(`/cases/${k.id}`, 303)
}

