import { checkAgreementMoney, MAX_INSTALMENTS, type AgreementProblem } from '../../domain/agreement.ts'
import { isIsoDate } from '../../domain/beijing-date.ts'
import { DISPUTE_TYPES, isOneOf } from '../../domain/case-vocabulary.ts'
import { parseYuan, sumFen } from '../../domain/money.ts'
import { dateField } from '../case-actions/record-fields.ts'
import { one, type Errors, type Values } from '../case-actions/case-actions.forms.ts'
import type { claimsForAgreement, NewAgreement } from './agreement.queries.ts'

// The agreement's own form as typed: terms, method, dates, the amount agreed on each claim, items
// agreed beyond the claims, and instalments that add up to the total to the fen. Read beside the
// state machine's effective date (record_agreement_in_effect, agreement.check.ts).

export const EXTRA_ROWS = 3
export const LIMITS = { terms: 8000, performance_method: 500, description: 500 } as const

export type ClaimRow = Awaited<ReturnType<typeof claimsForAgreement>>[number]
export const claimField = (id: number) => `agreed_${id}`
export const extraField = (n: number, part: 'kind' | 'description' | 'amount') => `extra_${n}_${part}`
export const dueField = (n: number) => `due_${n}`
export const amountField = (n: number) => `amount_${n}`
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1)

/** Every field of the agreement's form beyond the state machine's, as typed (capped). */
export function readAgreementValues(body: Record<string, unknown>, claims: readonly ClaimRow[]): Values {
  const names = ['terms', 'performance_method', 'signed_on', 'session_id', ...claims.map((cl) => claimField(cl.id)),
    ...range(EXTRA_ROWS).flatMap((n) => [extraField(n, 'kind'), extraField(n, 'description'), extraField(n, 'amount')]),
    ...range(MAX_INSTALMENTS).flatMap((n) => [dueField(n), amountField(n)])]
  return Object.fromEntries(names.map((name) => [name, one(body, name, LIMITS.terms + 1000)]))
}

/** An amount field: blank (an error when required), not money, or the fen. */
function money(errors: Errors, v: Values, name: string, required: boolean): bigint | null {
  const s = (v[name] ?? '').trim()
  if (!s) { if (required) errors[name] = 'actions.error.required'; return null }
  const fen = parseYuan(s)
  if (fen === null) errors[name] = 'mediation.error.money'
  return fen
}

function text(errors: Errors, v: Values, name: string, limit: number, required: boolean): string {
  const s = (v[name] ?? '').trim()
  if (required && !s) errors[name] = 'actions.error.required'
  else if (s.length > limit) errors[name] = 'actions.error.tooLong'
  return s
}

const PROBLEM_FIELD: Record<AgreementProblem['code'], 'due' | 'amount' | 'instalments'> = {
  negative_agreed: 'instalments', instalment_not_positive: 'amount', due_not_ascending: 'due', due_before_effective: 'due',
  too_many_instalments: 'instalments', instalments_without_money: 'instalments', no_instalments: 'instalments', instalments_sum: 'instalments',
}
const PROBLEM_MESSAGE = {
  negative_agreed: 'mediation.error.money', instalment_not_positive: 'mediation.error.amountPositive', due_not_ascending: 'mediation.error.dueNotAscending',
  due_before_effective: 'mediation.error.dueBeforeEffective', too_many_instalments: 'mediation.error.tooManyInstalments',
  instalments_without_money: 'mediation.error.instalmentsWithoutMoney', no_instalments: 'mediation.error.noInstalments',
  instalments_sum: 'mediation.error.instalmentsSum',
} as const satisfies Record<AgreementProblem['code'], string>

/** The agreement as typed: errors beside its fields, and (when there are none) what to write. */
export function parseAgreement(v: Values, claims: readonly ClaimRow[], sessionIds: readonly number[], today: string) {
  const errors: Errors = {}
  const terms = text(errors, v, 'terms', LIMITS.terms, true)
  const method = text(errors, v, 'performance_method', LIMITS.performance_method, true)
  const signedOn = dateField(errors, v, today, 'signed_on', true)
  const effective = (v.effective_date ?? '').trim()
  const effectiveOn = isIsoDate(effective) ? effective : null
  if (signedOn && effectiveOn && effectiveOn < signedOn) errors.effective_date = 'mediation.error.effectiveBeforeSigned'
  const session = (v.session_id ?? '').trim()
  const sessionId = /^\d{1,9}$/.test(session) && sessionIds.includes(Number(session)) ? Number(session) : null
  if (session && sessionId === null) errors.session_id = 'actions.error.notOffered'

  const items: NewAgreement['items'] = []
  for (const cl of claims) {
    const agreed = money(errors, v, claimField(cl.id), true)
    if (agreed !== null) items.push({ claimId: cl.id, kind: cl.kind, description: cl.description, claimedFen: BigInt(cl.amount_fen), agreedFen: agreed })
  }
  for (const n of range(EXTRA_ROWS)) {
    const [kindName, descName, amountName] = [extraField(n, 'kind'), extraField(n, 'description'), extraField(n, 'amount')]
    if (![kindName, descName, amountName].some((f) => (v[f] ?? '').trim())) continue
    const kind = (v[kindName] ?? '').trim()
    if (!isOneOf(DISPUTE_TYPES, kind)) errors[kindName] = kind ? 'actions.error.invalid' : 'actions.error.required'
    const description = text(errors, v, descName, LIMITS.description, false)
    const agreed = money(errors, v, amountName, true)
    if (agreed !== null && isOneOf(DISPUTE_TYPES, kind)) items.push({ claimId: null, kind, description, claimedFen: 0n, agreedFen: agreed })
  }

  const instalments: NewAgreement['instalments'] = []
  const rowOf: number[] = []
  for (const n of range(MAX_INSTALMENTS)) {
    const [dueName, amountName] = [dueField(n), amountField(n)]
    if (!(v[dueName] ?? '').trim() && !(v[amountName] ?? '').trim()) continue
    const due = dateField(errors, v, today, dueName, false, false)
    const amount = money(errors, v, amountName, false)
    if (!(v[dueName] ?? '').trim()) errors[dueName] = 'mediation.error.rowIncomplete'
    if (!(v[amountName] ?? '').trim()) errors[amountName] = 'mediation.error.rowIncomplete'
    if (due && amount !== null) { instalments.push({ dueOn: due, amountFen: amount }); rowOf.push(n) }
  }

  // The sums are only checked once every amount could be read: a sum over half the rows would mislead.
  const amountsRead = !Object.keys(errors).some((f) => /^(agreed_|extra_\d+_amount|amount_|due_)/.test(f))
  if (amountsRead) {
    for (const p of checkAgreementMoney(items, instalments, effectiveOn ?? '')) {
      const where = PROBLEM_FIELD[p.code]
      const name = 'index' in p && where !== 'instalments' ? (where === 'due' ? dueField(rowOf[p.index]!) : amountField(rowOf[p.index]!)) : 'instalments'
      errors[name] ??= PROBLEM_MESSAGE[p.code]
    }
  }
  const agreement = { sessionId, terms, performanceMethod: method, signedOn: signedOn ?? '', effectiveOn: effectiveOn ?? '', items, instalments }
  return { errors, agreement, agreedFen: sumFen(items.map((i) => i.agreedFen)), instalmentsFen: sumFen(instalments.map((i) => i.amountFen)) }
}
