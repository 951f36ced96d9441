import { needsReassignmentReason } from './assignment.ts'
import { isIsoDate } from './beijing-date.ts'
import { RESOLUTION_LEVELS } from './closure.ts'
import { parseYuan } from './money.ts'
import { isOneOf, type CaseStatus, type Route } from './case-vocabulary.ts'
import type { Role } from './roles.ts'

/**
 * The case state machine as data (DESIGN §2 table; issue 4). Status and route are separate
 * fields; each action says from which statuses it may be taken, what the status and the route
 * become, who may take it, and what the form must give.
 *
 *   availableActions(status, roles, ctx?)          → the actions this user may take now (ACTION_NAMES order)
 *   checkAction(action, status, roles, input, ctx?) → { ok: true, to, route }
 *                                                   | { ok: false, code: 'forbidden' }      403
 *                                                   | { ok: false, code: 'wrong_state' }    409
 *                                                   | { ok: false, code: 'missing_input' | 'invalid_input', field, problems }  422
 *   ACTION_HTTP_STATUS[code]                        → the HTTP status for a refusal
 *   closureReasonsFrom(status)                      → the closure reasons offered from that status
 *
 * `to` is the new status; `route` the case's route afterwards (null: no leg active). The handler
 * writes both and an event; the caller loads `ctx` from the case and the user, and checks an action
 * name from a URL with `isAction` first.
 *
 * Who (DESIGN §1). The informant only reports and the admin sees no cases: neither has an action.
 * The rights officer registers, triages, routes and does the casework. The bargaining instructor is
 * a rights officer for collective cases only. The manager routes, overrides, reassigns and reopens,
 * but neither takes applications nor does casework or closes. A mediator acts only on cases
 * assigned to them (consent, agreement, closing a mediation or court-linkage leg, closing after
 * performance); a legal adviser only on cases assigned to them (closing a consultation or
 * court-linkage leg). Consultation notes, sessions and the like are issue 5 (see LATER below).
 *
 * Order of checks, so the status code means what the user needs to hear:
 *   1. none of the user's roles could ever take this action on this case → forbidden
 *      (a bargaining instructor on a non-collective case, a mediator not assigned to it, …);
 *   2. the case is not in a status (or on a route, or in a referral state) the action starts
 *      from → wrong_state: the case moved on since the page was drawn;
 *   3. the user's role may take the action, but not in this status or on this route → forbidden;
 *   4. the input: every problem is listed; `field` is the first, `code` says whether it is missing.
 *
 * Deviations from the DESIGN §2 table, each because a rule elsewhere in the design needs it:
 * - `refer_out` also leaves `reported` and `registered` (an outward route confirmed at triage, e.g.
 *   child labour → labour inspection, collective-contract signing → labour bureau) and
 *   `performing` (an unperformed agreement may go to arbitration, 调解仲裁法 Art. 15).
 * - `reject_referral` returns a leg another unit refused to `registered`, the sender's triage queue.
 *
 * LATER (issue 5, not built here): record_session, record_agreement (terms, amounts), record_payment,
 * extend_mediation (both parties' consent), add_consultation_note, record_court_linkage,
 * record_referral_receipt and record_referral_outcome (outside bodies' reference, date, outcome),
 * attach_document.
 */

/** Routes a leg of ours can be on: the rest are outward referrals. */
export const LEG_ROUTES = ['mediation', 'legal_consultation', 'court_linkage'] as const satisfies readonly Route[]
export type LegRoute = (typeof LEG_ROUTES)[number]

/** Where `refer_out` sends a case. Litigation is no route of ours: the route becomes null. */
export const REFERRAL_TARGETS = ['arbitration', 'labour_inspection', 'labour_bureau', 'litigation'] as const
export type ReferralTarget = (typeof REFERRAL_TARGETS)[number]

/** DESIGN §2: one of these on every closed case. */
export const CLOSURE_REASONS = [
  'agreement_performed',
  'agreement_reached', // performance pending follow-up
  'negotiated_settlement',
  'advice_given',
  'withdrawn',
  'other_party_refused',
  'party_unreachable',
  'mediation_lapsed', // referred on
  'referred_out', // to arbitration, court or inspection
  'not_a_labour_dispute',
] as const
export type ClosureReason = (typeof CLOSURE_REASONS)[number]

/**
 * Which closure reasons fit which status. A report closes without an application; a leg closes
 * with its outcome; after an agreement only performance (or giving up on it) remains; a referral
 * closes when the outside body has it, unless the parties settle or withdraw first.
 */
export const CLOSURE_REASONS_FROM: Partial<Record<CaseStatus, readonly ClosureReason[]>> = {
  reported: ['advice_given', 'negotiated_settlement', 'withdrawn', 'party_unreachable', 'not_a_labour_dispute'],
  in_progress: ['agreement_performed', 'agreement_reached', 'negotiated_settlement', 'advice_given', 'withdrawn',
    'other_party_refused', 'party_unreachable', 'mediation_lapsed', 'not_a_labour_dispute'],
  performing: ['agreement_performed', 'agreement_reached', 'withdrawn', 'party_unreachable'],
  referred_out: ['referred_out', 'negotiated_settlement', 'withdrawn'],
}

export function closureReasonsFrom(status: CaseStatus): readonly ClosureReason[] {
  return CLOSURE_REASONS_FROM[status] ?? []
}

/** Why an application is not accepted (DESIGN §2); the written notice also shows the arbitration route. */
export const DECLINE_REASONS = [
  'not_a_labour_dispute',
  'respondent_refused_mediation',
  'already_in_arbitration_or_court',
  'duplicate',
  'out_of_jurisdiction',
  'applicant_withdrew',
  'other', // with a note
] as const
export type DeclineReason = (typeof DECLINE_REASONS)[number]

/** The respondent's answer to the invitation to mediate. */
export const CONSENTS = ['consented', 'refused'] as const
export type Consent = (typeof CONSENTS)[number]

/** What an action's form may carry. Enumerations arrive as the form's strings and are checked here. */
export type ActionInput = Partial<{
  applicationDate: string
  effectiveDate: string
  route: string
  referralTarget: string
  closureReason: string
  declineReason: string
  consent: string
  /** Closure: the level it was resolved at (closure.ts) and the amount recovered, in yuan as typed. */
  resolutionLevel: string
  recovered: string
  /** A written reason: overriding the suggested route, reopening, reassigning, rejecting a referral. */
  reason: string
  note: string
  mediatorId: number
  legalAdviserId: number
  toUnitId: number
}>
export type InputField = keyof ActionInput

/** Facts about the case and the user that decide what they may do. Omitted facts count as "no". */
export type ActionContext = {
  userId?: number | null
  assignedMediatorId?: number | null
  assignedLegalAdviserId?: number | null
  /** Who reported the case: an informant works only on what they reported (case-records.ts). */
  reporterId?: number | null
  /** Collective by the cross-case rule or a collective-contract dispute (collective.ts). */
  collective?: boolean
  /** The case's current route. */
  route?: Route | null
  /** suggestRoute(...).route for the case now; choosing anything else needs a written reason. */
  suggestedRoute?: Route | null
  /** An agreement is in effect and money agreed in it is still unpaid: it cannot close as performed. */
  agreementOutstanding?: boolean
  /** The current leg was sent to another unit and awaits acknowledgment: by the user's unit, or another. */
  referral?: ReferralState
}
export const REFERRAL_STATES = ['none', 'awaiting_us', 'awaiting_other'] as const
export type ReferralState = (typeof REFERRAL_STATES)[number]

/** A role that may take an action, optionally only in some of its from-statuses or on some routes. */
export type Grant = { role: Role; states?: readonly CaseStatus[]; routes?: readonly Route[] }

/** A field the form must give, or must give only when a condition holds. */
export type InputRule = InputField | { field: InputField; when: InputCondition }
export type InputCondition =
  | 'differs_from_suggestion' // the chosen route or referral target is not the suggested route
  | 'decline_reason_other'
  | 'replacing_mediator'
  | 'replacing_legal_adviser'

/** What the route becomes: unchanged, none, the input's `route`, the referral target's route, or a fixed one. */
export type RouteEffect = 'keep' | 'clear' | 'input' | 'target' | Route

export type ActionSpec = {
  from: readonly CaseStatus[]
  to: CaseStatus | 'same'
  route: RouteEffect
  grants: readonly Grant[]
  inputs: readonly InputRule[]
  /** The case must be on one of these routes (else wrong_state). */
  onRoutes?: readonly Route[]
  /** The case's internal-referral state must be this one; actions without it ignore referrals. */
  referral?: ReferralState
}

const RO: Grant = { role: 'rights_officer' }
const BI: Grant = { role: 'bargaining_instructor' }
const MG: Grant = { role: 'manager' }
/** Intake and casework: the rights officer, and the bargaining instructor on collective cases. */
const CASEWORK = [RO, BI]
/** Routing decisions: casework roles plus the manager. */
const TRIAGE = [RO, BI, MG]

export const ACTIONS = {
  register_application: { from: ['reported'], to: 'registered', route: 'keep', grants: CASEWORK, inputs: ['applicationDate'] },
  close_without_dispute: { from: ['reported'], to: 'closed', route: 'keep', grants: CASEWORK, inputs: ['closureReason', 'resolutionLevel', 'recovered'] },
  accept_and_route: {
    from: ['registered'], to: 'in_progress', route: 'input', grants: TRIAGE,
    inputs: ['route', { field: 'reason', when: 'differs_from_suggestion' }],
  },
  decline: {
    from: ['registered'], to: 'declined', route: 'clear', grants: TRIAGE,
    inputs: ['declineReason', { field: 'note', when: 'decline_reason_other' }],
  },
  reopen_declined: { from: ['declined'], to: 'registered', route: 'clear', grants: TRIAGE, inputs: ['reason'] },
  refer_out: {
    from: ['reported', 'registered', 'in_progress', 'performing'], to: 'referred_out', route: 'target', grants: TRIAGE,
    inputs: ['referralTarget', { field: 'reason', when: 'differs_from_suggestion' }],
  },
  change_route: { from: ['in_progress'], to: 'same', route: 'input', grants: TRIAGE, inputs: ['route', 'reason'] },
  refer_to_unit: { from: ['in_progress'], to: 'same', route: 'keep', grants: TRIAGE, inputs: ['toUnitId'], referral: 'none' },
  acknowledge_referral: { from: ['in_progress'], to: 'same', route: 'keep', grants: TRIAGE, inputs: [], referral: 'awaiting_us' },
  reject_referral: { from: ['in_progress'], to: 'registered', route: 'clear', grants: TRIAGE, inputs: ['reason'], referral: 'awaiting_us' },
  assign_mediator: {
    from: ['registered', 'in_progress', 'performing'], to: 'same', route: 'keep', grants: TRIAGE,
    inputs: ['mediatorId', { field: 'reason', when: 'replacing_mediator' }],
  },
  assign_legal_adviser: {
    from: ['registered', 'in_progress', 'performing'], to: 'same', route: 'keep', grants: TRIAGE,
    inputs: ['legalAdviserId', { field: 'reason', when: 'replacing_legal_adviser' }],
  },
  record_consent: {
    from: ['registered', 'in_progress'], to: 'same', route: 'keep', grants: [RO, BI, { role: 'mediator' }], inputs: ['consent'],
  },
  record_agreement_in_effect: {
    from: ['in_progress'], to: 'performing', route: 'keep', grants: [RO, BI, { role: 'mediator' }], inputs: ['effectiveDate'],
    onRoutes: ['mediation', 'court_linkage'],
  },
  non_performance_to_court: { from: ['performing'], to: 'in_progress', route: 'court_linkage', grants: TRIAGE, inputs: ['reason'] },
  close: {
    from: ['in_progress', 'performing', 'referred_out'], to: 'closed', route: 'keep',
    grants: [
      RO, BI,
      { role: 'mediator', states: ['in_progress'], routes: ['mediation', 'court_linkage'] },
      { role: 'mediator', states: ['performing'] },
      { role: 'legal_adviser', states: ['in_progress'], routes: ['legal_consultation', 'court_linkage'] },
    ],
    inputs: ['closureReason', 'resolutionLevel', 'recovered'],
  },
  reopen: { from: ['closed'], to: 'in_progress', route: 'input', grants: [MG], inputs: ['route', 'reason'] },
} as const satisfies Record<string, ActionSpec>

export type Action = keyof typeof ACTIONS
export const ACTION_NAMES = Object.keys(ACTIONS) as Action[]
export const isAction = (v: unknown): v is Action => isOneOf(ACTION_NAMES, v)

const spec = (action: Action): ActionSpec => ACTIONS[action]

/**
 * Conditions a role carries on every action: a bargaining instructor works on collective cases,
 * a mediator and a legal adviser on cases assigned to them.
 */
export function roleApplies(role: Role, ctx: ActionContext): boolean {
  const me = ctx.userId ?? null
  switch (role) {
    case 'bargaining_instructor': return ctx.collective === true
    case 'mediator': return me !== null && ctx.assignedMediatorId === me
    case 'legal_adviser': return me !== null && ctx.assignedLegalAdviserId === me
    case 'informant': return me !== null && ctx.reporterId === me
    default: return true
  }
}

export type Refusal = { ok: false; code: 'forbidden' } | { ok: false; code: 'wrong_state' }
export type InputProblem = { field: InputField; problem: 'missing' | 'invalid' | 'unchanged' | 'unperformed' }
export type CheckResult =
  | { ok: true; to: CaseStatus; route: Route | null }
  | Refusal
  | { ok: false; code: 'missing_input' | 'invalid_input'; field: InputField; problems: InputProblem[] }

export const ACTION_HTTP_STATUS = { forbidden: 403, wrong_state: 409, missing_input: 422, invalid_input: 422 } as const

/** Steps 1–3 of the checks above: whether this user may take the action on this case now. */
function permit(action: Action, status: CaseStatus, roles: readonly Role[], ctx: ActionContext): Refusal | null {
  const s = spec(action)
  const usable = s.grants.filter((g) => roles.includes(g.role) && roleApplies(g.role, ctx))
  if (usable.length === 0) return { ok: false, code: 'forbidden' }
  if (!s.from.includes(status)) return { ok: false, code: 'wrong_state' }
  const route = ctx.route ?? null
  if (s.onRoutes && (route === null || !s.onRoutes.includes(route))) return { ok: false, code: 'wrong_state' }
  if (s.referral && (ctx.referral ?? 'none') !== s.referral) return { ok: false, code: 'wrong_state' }
  const fits = usable.some((g) => (!g.states || g.states.includes(status)) && (!g.routes || (route !== null && g.routes.includes(route))))
  return fits ? null : { ok: false, code: 'forbidden' }
}

export function availableActions(status: CaseStatus, roles: readonly Role[], ctx: ActionContext = {}): Action[] {
  return ACTION_NAMES.filter((a) => permit(a, status, roles, ctx) === null)
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '')
const isId = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v > 0

/** Whether a given (non-blank) value is acceptable for its field, in this status. */
function validValue(field: InputField, value: unknown, status: CaseStatus): boolean {
  switch (field) {
    case 'applicationDate':
    case 'effectiveDate': return typeof value === 'string' && isIsoDate(value)
    case 'route': return isOneOf(LEG_ROUTES, value)
    case 'referralTarget': return isOneOf(REFERRAL_TARGETS, value)
    case 'closureReason': return isOneOf(closureReasonsFrom(status), value)
    case 'declineReason': return isOneOf(DECLINE_REASONS, value)
    case 'consent': return isOneOf(CONSENTS, value)
    case 'resolutionLevel': return isOneOf(RESOLUTION_LEVELS, value)
    case 'recovered': return typeof value === 'string' && parseYuan(value) !== null
    case 'reason':
    case 'note': return typeof value === 'string'
    case 'mediatorId':
    case 'legalAdviserId':
    case 'toUnitId': return isId(value)
  }
}

function conditionHolds(when: InputCondition, action: Action, input: ActionInput, ctx: ActionContext): boolean {
  switch (when) {
    case 'differs_from_suggestion': {
      const chosen = action === 'refer_out' ? input.referralTarget : input.route
      return chosen !== (ctx.suggestedRoute ?? undefined)
    }
    case 'decline_reason_other': return input.declineReason === 'other'
    case 'replacing_mediator': return isId(input.mediatorId) && needsReassignmentReason(ctx.assignedMediatorId, input.mediatorId!)
    case 'replacing_legal_adviser': return isId(input.legalAdviserId) && needsReassignmentReason(ctx.assignedLegalAdviserId, input.legalAdviserId!)
  }
}

/** Values that would change nothing: a route change to the same route, assigning whoever is assigned. */
function unchanged(action: Action, input: ActionInput, ctx: ActionContext): InputField | null {
  if (action === 'change_route' && input.route === (ctx.route ?? undefined)) return 'route'
  if (action === 'assign_mediator' && input.mediatorId === (ctx.assignedMediatorId ?? undefined)) return 'mediatorId'
  if (action === 'assign_legal_adviser' && input.legalAdviserId === (ctx.assignedLegalAdviserId ?? undefined)) return 'legalAdviserId'
  return null
}

function routeAfter(effect: RouteEffect, input: ActionInput, ctx: ActionContext): Route | null {
  switch (effect) {
    case 'keep': return ctx.route ?? null
    case 'clear': return null
    case 'input': return input.route as LegRoute
    case 'target': return input.referralTarget === 'litigation' ? null : (input.referralTarget as Route)
    default: return effect
  }
}

export function checkAction(
  action: Action, status: CaseStatus, roles: readonly Role[], input: ActionInput, ctx: ActionContext = {},
): CheckResult {
  const refusal = permit(action, status, roles, ctx)
  if (refusal) return refusal
  const s = spec(action)
  const problems: InputProblem[] = []
  for (const rule of s.inputs) {
    const field = typeof rule === 'string' ? rule : rule.field
    if (typeof rule !== 'string' && !conditionHolds(rule.when, action, input, ctx)) continue
    const value = input[field]
    if (blank(value)) problems.push({ field, problem: 'missing' })
    else if (!validValue(field, value, status)) problems.push({ field, problem: 'invalid' })
  }
  // Money agreed and still unpaid: the agreement is not performed, whatever the form says.
  if (input.closureReason === 'agreement_performed' && ctx.agreementOutstanding === true && !problems.some((p) => p.field === 'closureReason')) {
    problems.push({ field: 'closureReason', problem: 'unperformed' })
  }
  const same = unchanged(action, input, ctx)
  if (same && !problems.some((p) => p.field === same)) problems.push({ field: same, problem: 'unchanged' })
  const first = problems[0]
  if (first) return { ok: false, code: first.problem === 'missing' ? 'missing_input' : 'invalid_input', field: first.field, problems }
  return { ok: true, to: s.to === 'same' ? status : s.to, route: routeAfter(s.route, input, ctx) }
}
