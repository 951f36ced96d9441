import type { Action, ActionInput, InputField, InputProblem } from '../../domain/case-actions.ts'
import type { RecordName } from '../../domain/case-records.ts'
import type { MessageKey } from '../../i18n/i18n.ts'

/** The name of each state-machine input in an HTML form. */
export const FORM_NAME: Record<InputField, string> = {
  applicationDate: 'application_date', effectiveDate: 'effective_date', route: 'route', referralTarget: 'referral_target',
  closureReason: 'closure_reason', declineReason: 'decline_reason', consent: 'consent', resolutionLevel: 'resolution_level', recovered: 'recovered',
  reason: 'reason', note: 'note',
  mediatorId: 'mediator_id', legalAdviserId: 'legal_adviser_id', toUnitId: 'to_unit_id',
}
const ID_FIELDS: InputField[] = ['mediatorId', 'legalAdviserId', 'toUnitId']
export const TEXT_LIMIT = 2000
export const OUTSIDE_BODY_LIMIT = 200

export type Values = Record<string, string>
export type Errors = Record<string, MessageKey>

/** One value of a submitted field: the first when repeated, capped so a huge paste is kept but not stored. */
export function one(body: Record<string, unknown>, name: string, cap = TEXT_LIMIT + 1000): string {
  const v = body[name]
  const s = Array.isArray(v) ? v[0] : v
  return typeof s === 'string' ? s.slice(0, cap) : ''
}

/** The form's values as typed (to show again) and as the state machine's input. */
export function readInput(body: Record<string, unknown>, extra: string[] = []) {
  const values: Values = {}
  const input: ActionInput = {}
  for (const [field, name] of Object.entries(FORM_NAME) as [InputField, string][]) {
    const raw = one(body, name)
    values[name] = raw
    if (raw.trim() === '') continue
    if (ID_FIELDS.includes(field)) (input as Record<string, unknown>)[field] = /^\d{1,9}$/.test(raw.trim()) ? Number(raw.trim()) : raw
    else (input as Record<string, unknown>)[field] = field === 'reason' || field === 'note' ? raw : raw.trim()
  }
  for (const name of ['version', ...extra]) values[name] = one(body, name)
  return { values, input }
}

export const versionOf = (values: Values) => (/^\d{1,9}$/.test(values.version ?? '') ? Number(values.version) : null)

/** A message beside each field the state machine found wanting. */
export function problemErrors(action: Action, problems: InputProblem[]): Errors {
  const errors: Errors = {}
  for (const p of problems) {
    const name = FORM_NAME[p.field]
    if (errors[name]) continue
    if (p.problem === 'unchanged') errors[name] = 'actions.error.unchanged'
    else if (p.problem === 'unperformed') errors[name] = 'closure.error.unperformed'
    else if (p.problem === 'invalid' && p.field === 'recovered') errors[name] = 'closure.error.recovered'
    else if (p.problem === 'invalid') errors[name] = 'actions.error.invalid'
    else if (p.field === 'reason' && (action === 'accept_and_route' || action === 'refer_out')) errors[name] = 'actions.error.overrideReason'
    else if (p.field === 'reason' && (action === 'assign_mediator' || action === 'assign_legal_adviser')) errors[name] = 'actions.error.reassignReason'
    else if (p.field === 'note') errors[name] = 'actions.error.noteForOther'
    else errors[name] = 'actions.error.required'
  }
  return errors
}

/** Checks the state machine leaves to us: lengths of written text. */
export function lengthErrors(values: Values): Errors {
  const errors: Errors = {}
  for (const name of ['reason', 'note', 'outside_outcome']) if ((values[name] ?? '').length > TEXT_LIMIT) errors[name] = 'actions.error.tooLong'
  for (const name of ['outside_body', 'outside_ref']) if ((values[name] ?? '').length > OUTSIDE_BODY_LIMIT) errors[name] = 'actions.error.tooLong'
  return errors
}

/** Every form the panel can open: the state machine's actions and the records kept beside them. */
export const SLUGS = {
  close_without_dispute: 'closure-without-dispute', accept_and_route: 'acceptance', decline: 'decline', reopen_declined: 'reconsideration',
  refer_out: 'outward-referral', change_route: 'route', refer_to_unit: 'referral', acknowledge_referral: 'referral-acknowledgement',
  reject_referral: 'referral-rejection', assign_mediator: 'mediator', assign_legal_adviser: 'legal-adviser', record_consent: 'consent',
  record_agreement_in_effect: 'agreements', non_performance_to_court: 'court-linkage', close: 'closure', reopen: 'reopening',
} as const satisfies Record<Exclude<Action, 'register_application'>, string>
/** A form the panel can open: a state-machine action, or a record kept beside it (case-records.ts). */
export type FormName = keyof typeof SLUGS | RecordName
export const isActionForm = (name: FormName): name is keyof typeof SLUGS => name in SLUGS
