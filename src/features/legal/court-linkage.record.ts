import type { CaseStatus, Route } from '../../domain/case-vocabulary.ts'
import { courtKindsAllowed, needsAgreement, pendingOfKind, type CourtKind } from '../../domain/court-linkage.ts'
import type { Errors } from '../case-actions/case-actions.forms.ts'
import { dateField, options, textField } from '../case-actions/record-fields.ts'
import type { ActionCase } from '../case-actions/case-actions.queries.ts'
import type { RecordDefinition } from '../case-actions/record-flow.ts'
import type { Db } from '../../db/connect.ts'
import { COURT_MAX, COURT_REF_MAX, kindLabel, LINKAGE_NOTE_MAX } from './court-form.ts'
import { agreementEffectiveOn, caseLinkages, insertLinkage } from './legal.queries.ts'

// Court linkage (诉调对接): filing with a court (judicial confirmation, payment order) or taking its
// pre-filing mediation. Which kind fits when is court-linkage.ts; the court's answer is
// court-result.record.ts (re-exported here beside the filing, as record-flows.ts expects).
export { courtResultRecord } from './court-result.record.ts'

async function kindsNow(db: Db, k: ActionCase): Promise<{ kinds: CourtKind[]; agreementOn: string | null }> {
  const agreementOn = await agreementEffectiveOn(db, k.id)
  return { kinds: courtKindsAllowed({ status: k.status as CaseStatus, route: k.route as Route | null, agreementInEffect: agreementOn !== null }), agreementOn }
}

export const courtLinkageRecord: RecordDefinition = {
  name: 'court_linkage',
  path: '/:id{[0-9]+}/court-linkages',
  button: true,
  fields: async (c, k) => {
    const t = c.get('t')
    const { kinds } = await kindsNow(c.get('db'), k)
    return [
      { name: 'kind', type: 'select', label: t('legal.field.kind'), required: true, options: options(t, 'legal.kind', kinds) },
      { name: 'court', type: 'text', label: t('legal.field.court'), required: true, hint: t('legal.hint.court'), maxlength: COURT_MAX },
      { name: 'court_ref', type: 'text', label: t('legal.field.courtRef'), hint: t('legal.hint.courtRef'), maxlength: COURT_REF_MAX },
      { name: 'started_on', type: 'date', label: t('legal.field.startedOn'), required: true, hint: t('legal.hint.startedOn') },
      { name: 'note', type: 'textarea', label: t('legal.field.note'), maxlength: LINKAGE_NOTE_MAX },
    ]
  },
  validate: async ({ c, k, values: v, today, now }) => {
    const db = c.get('db')
    const errors: Errors = {}
    const { kinds, agreementOn } = await kindsNow(db, k)
    const kind = kinds.find((x) => x === v.kind) ?? null
    if (!kind) errors.kind = v.kind ? 'actions.error.notOffered' : 'actions.error.required'
    else if (pendingOfKind(kind, (await caseLinkages(db, k.id)).map((l) => ({ id: l.id, kind: l.kind, startedOn: l.started_on, result: l.result })))) {
      errors.kind = 'legal.error.pendingSameKind'
    }
    const court = textField(errors, v, 'court', COURT_MAX, { required: true, tooLong: 'legal.error.tooLong200' })
    const courtRef = textField(errors, v, 'court_ref', COURT_REF_MAX, { tooLong: 'legal.error.tooLong80' })
    const startedOn = dateField(errors, v, today, 'started_on', true)
    if (kind && startedOn && needsAgreement(kind) && agreementOn && startedOn < agreementOn) errors.started_on = 'legal.error.beforeAgreement'
    const note = textField(errors, v, 'note', LINKAGE_NOTE_MAX, { tooLong: 'actions.error.tooLong' })
    return { errors, write: async (trx) => {
      const id = await insertLinkage(trx, { caseId: k.id, kind: kind!, court: court!, courtRef, startedOn: startedOn!, note, by: c.get('user')!.id, at: now })
      return { linkage_id: id, court_kind: kind, court, court_ref: courtRef, started_on: startedOn }
    } }
  },
  describe: (t, p) => {
    const kind = kindLabel(p.court_kind)
    return [...(kind ? [t(kind)] : []), ...(typeof p.court === 'string' ? [p.court] : []), ...(typeof p.court_ref === 'string' ? [t('legal.court.ref', { ref: p.court_ref })] : [])]
  },
}
