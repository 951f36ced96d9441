import { triggerDateRoutes } from './trigger-dates.routes.ts'
import { Hono, type Context } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { allow, forbidden } from '../../auth/access.ts'
import { ACTIONS, checkAction, type Action } from '../../domain/case-actions.ts'
import { beijingDate } from '../../domain/beijing-date.ts'
import type { Role } from '../../domain/roles.ts'
import { flash } from '../../http/render.ts'
import { recordAudit } from '../audit/audit.ts'
import { applyAction } from './case-actions.apply.ts'
import { lengthErrors, one, OUTSIDE_BODY_LIMIT, problemErrors, readInput, SLUGS, versionOf, type Errors } from './case-actions.forms.ts'
import { conflict, renderPanel, visibleCase } from './case-actions.http.ts'
import { actionContext, referralUnits, staffCandidates, withRetry, type ActionCase } from './case-actions.queries.ts'
import { caseRecordRoutes } from './case-records.routes.ts'
import type { ActionInput } from '../../domain/case-actions.ts'

type C = Context<AppEnv>

/** The state machine's actions the panel offers (the application has its own page, /cases/:id/application). */
type PanelAction = Exclude<keyof typeof SLUGS, 'extension' | 'limitation_event'>
const PANEL_ACTIONS = (Object.keys(SLUGS) as (keyof typeof SLUGS)[]).filter((n): n is PanelAction => n in ACTIONS)
/** Every role the state machine could ever admit to an action: the route's declared policy. */
const rolesOf = (a: Action): Role[] => [...new Set(ACTIONS[a].grants.map((g) => g.role))]

async function showForm(c: C, action: PanelAction) {
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

async function perform(c: C, action: PanelAction) {
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
  const errors = { ...(check.ok ? await offeredErrors(c, k, action, input) : problemErrors(action, check.problems)), ...lengthErrors(values) }
  if (!check.ok || Object.keys(errors).length) return renderPanel(c, k, { ...open, errors }, 422)
  const version = versionOf(values)
  if (version !== k.version) return conflict(c, k.id, open)
  const outsideBody = action === 'refer_out' ? (one(body, 'outside_body', OUTSIDE_BODY_LIMIT).trim() || c.get('t')(`actions.referralTarget.${input.referralTarget as 'arbitration'}`)) : null
  const done = await withRetry(() => c.get('db').transaction().execute((trx) => applyAction(trx,
    { action, to: check.to, route: check.route, input, outsideBody, suggested: suggestion.route },
    { k, version, actorId: user.id, now },
    (t) => recordAudit(c, { event: `case.${action}`, objectType: 'case', objectId: k.id, details: { before: k.status, after: check.to } }, t))))
  if (!done) return conflict(c, k.id, open)
  flash(c, 'actions.done')
  return c.redirect(`/cases/${k.id}`, 303)
}

/** /cases/:id/<noun>: every state change of a case is a POST to a sub-resource of it; GET draws its form. */
export const caseActionRoutes = new Hono<AppEnv>()
for (const action of PANEL_ACTIONS) {
  const path = `/:id{[0-9]+}/${SLUGS[action]}`
  caseActionRoutes.get(path, allow(...rolesOf(action)), (c) => showForm(c, action))
  caseActionRoutes.post(path, allow(...rolesOf(action)), (c) => perform(c, action))
}
caseActionRoutes.route('/', caseRecordRoutes)
caseActionRoutes.route('/', triggerDateRoutes)
