import type { Context } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { agreementPerformance, remainingFen } from '../../domain/agreement.ts'
import { formatFen, parseYuan } from '../../domain/money.ts'
import { dateField } from '../case-actions/record-fields.ts'
import type { Errors, Values } from '../case-actions/case-actions.forms.ts'
import type { ActionCase } from '../case-actions/case-actions.queries.ts'
import type { Option, RecordDefinition } from '../case-actions/record-flow.ts'
import { inEffectAgreement, insertPayment, instalmentState, instalmentsWithPaid } from './agreement.queries.ts'

// A payment received under the agreement in effect, against one instalment (DESIGN §2). It may
// not exceed what is still owed on that instalment: an overpayment is a new agreement's business.

type C = Context<AppEnv>
const METHOD_LIMIT = 200

/** The agreement in effect and its instalments, each with what is still owed. */
async function owed(c: C, k: ActionCase) {
  const agreement = await inEffectAgreement(c.get('db'), k.id)
  const rows = agreement ? await instalmentsWithPaid(c.get('db'), agreement.id) : []
  return { agreement, rows: rows.map((r) => ({ ...r, state: instalmentState(r), remaining: remainingFen(instalmentState(r)) })) }
}

const chosenId = (v: Values) => (/^\d{1,9}$/.test(v.instalment_id ?? '') ? Number(v.instalment_id) : null)

export const paymentRecord: RecordDefinition = {
  name: 'payment',
  path: '/:id{[0-9]+}/payments',
  button: true,
  // An agreement with nothing (left) to pay has no payment to record.
  offered: async (c, k) => (await owed(c, k)).rows.some((r) => r.remaining > 0n),
  template: 'payment',
  templateData: async (c, k, values) => {
    const t = c.get('t')
    const { agreement, rows } = await owed(c, k)
    const open = rows.filter((r) => r.remaining > 0n)
    const options: Option[] = [{ value: '', label: t('actions.choose') }, ...open.map((r) => ({
      value: String(r.id), label: t('mediation.instalment.option', { seq: r.seq, due: r.due_on, remaining: formatFen(r.remaining) }),
    }))]
    const chosen = rows.find((r) => r.id === chosenId(values))
    return {
      options,
      nothingOwed: open.length === 0,
      // Parameters of the messages beside the fields: what is owed on the chosen instalment, when the agreement took effect.
      params: { remaining: chosen ? formatFen(chosen.remaining) : '', date: agreement?.effective_on ?? '' },
    }
  },
  defaults: async (c, k): Promise<Values> => {
    const open = (await owed(c, k)).rows.filter((r) => r.remaining > 0n)
    return open.length ? { instalment_id: String(open[0]!.id) } : {}
  },
  validate: async ({ c, k, values: v, today, now }) => {
    const errors: Errors = {}
    const { agreement, rows } = await owed(c, k)
    const id = chosenId(v)
    const chosen = rows.find((r) => r.id === id && r.remaining > 0n)
    if (!rows.some((r) => r.remaining > 0n)) errors.instalment_id = 'mediation.error.nothingOwed'
    else if (!chosen) errors.instalment_id = v.instalment_id ? 'actions.error.notOffered' : 'actions.error.required'
    const paidOn = dateField(errors, v, today, 'paid_on', true)
    if (paidOn && agreement && paidOn < agreement.effective_on) errors.paid_on = 'mediation.error.paidBeforeEffective'
    const raw = (v.amount ?? '').trim()
    const amount = raw ? parseYuan(raw) : null
    if (!raw) errors.amount = 'actions.error.required'
    else if (amount === null) errors.amount = 'mediation.error.money'
    else if (amount <= 0n) errors.amount = 'mediation.error.amountPositive'
    else if (chosen && amount > chosen.remaining) errors.amount = 'mediation.error.overRemaining'
    const method = (v.method ?? '').trim()
    if (method.length > METHOD_LIMIT) errors.method = 'actions.error.tooLong'
    const note = (v.note ?? '').trim()
    return { errors, write: async (trx) => {
      await insertPayment(trx, {
        caseId: k.id, instalmentId: chosen!.id, paidOn: paidOn!, amountFen: amount!, method: method || null, note: note || null,
        recordedBy: c.get('user')!.id, recordedAt: now,
      })
      const after = rows.map((r) => (r.id === chosen!.id ? { ...r.state, paidFen: r.state.paidFen + amount! } : r.state))
      return { instalment_seq: chosen!.seq, amount_fen: amount!.toString(), paid_on: paidOn, performance: agreementPerformance(after, today) }
    } }
  },
  describe: (t, p) => {
    const words: string[] = []
    if (typeof p.amount_fen === 'string' && /^\d+$/.test(p.amount_fen)) {
      words.push(t('mediation.event.payment', { seq: typeof p.instalment_seq === 'number' ? p.instalment_seq : '?', amount: formatFen(p.amount_fen) }))
    }
    if (p.performance === 'performed') words.push(t('mediation.performance.performed'))
    return words
  },
}
