import type { Context } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { MAX_INSTALMENTS } from '../../domain/agreement.ts'
import { beijingDate } from '../../domain/beijing-date.ts'
import { DISPUTE_TYPES } from '../../domain/case-vocabulary.ts'
import { formatFen } from '../../domain/money.ts'
import type { Values } from '../case-actions/case-actions.forms.ts'
import type { ActionCase } from '../case-actions/case-actions.queries.ts'
import { options } from '../case-actions/record-fields.ts'
import { label } from '../../i18n/i18n.ts'
import { agreementFormContext } from './agreement.check.ts'
import { amountField, claimField, dueField, EXTRA_ROWS, extraField, LIMITS, parseAgreement } from './agreement.parse.ts'

/** Instalment rows shown open; the rest (up to MAX_INSTALMENTS) sit in a disclosure that works without script. */
export const OPEN_INSTALMENT_ROWS = 4
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i)
const typed = (v: Values, names: string[]) => names.some((n) => (v[n] ?? '').trim() !== '')

/** What views/mediation/_agreement-form.eta prints besides the values and errors. */
export async function agreementFormData(c: Context<AppEnv>, k: ActionCase, values: Values): Promise<Record<string, unknown> | null> {
  const t = c.get('t')
  const { claims, sessions } = await agreementFormContext(c, k)
  // The totals as typed, for the messages that name both sums.
  const { agreedFen, instalmentsFen } = parseAgreement(values, claims, sessions.map((s) => s.id), beijingDate(c.get('now')()))
  const extraNames = (n: number) => [extraField(n, 'kind'), extraField(n, 'description'), extraField(n, 'amount')]
  const rowNames = (n: number) => [dueField(n), amountField(n)]
  return {
    limits: LIMITS,
    sessionOptions: [{ value: '', label: t('mediation.session.none') }, ...sessions.map((s) => ({
      value: String(s.id), label: t('mediation.session.option', { date: s.held_on, mode: label(t, 'mediation.mode', s.mode), result: label(t, 'mediation.result', s.result) }),
    }))],
    claims: claims.map((cl) => ({
      name: claimField(cl.id),
      label: t('mediation.form.claimLabel', { kind: label(t, 'disputeType', cl.kind), claimed: formatFen(cl.amount_fen) }) + (cl.description ? ` · ${cl.description}` : ''),
    })),
    kindOptions: options(t, 'disputeType', DISPUTE_TYPES),
    extras: range(1, EXTRA_ROWS).map((n) => ({ n, kind: extraField(n, 'kind'), description: extraField(n, 'description'), amount: extraField(n, 'amount') })),
    // Without claims the extra items are the only place for money: shown open.
    extrasOpen: claims.length === 0 || range(1, EXTRA_ROWS).some((n) => typed(values, extraNames(n))),
    rows: range(1, OPEN_INSTALMENT_ROWS).map((n) => ({ n, due: dueField(n), amount: amountField(n) })),
    moreRows: range(OPEN_INSTALMENT_ROWS + 1, MAX_INSTALMENTS).map((n) => ({ n, due: dueField(n), amount: amountField(n) })),
    moreOpen: range(OPEN_INSTALMENT_ROWS + 1, MAX_INSTALMENTS).some((n) => typed(values, rowNames(n))),
    params: { agreed: formatFen(agreedFen), instalments: formatFen(instalmentsFen), max: MAX_INSTALMENTS },
  }
}
