import { isOneOf } from '../../domain/case-vocabulary.ts'
import { COURT_RESULTS, isCourtKind, resultFits, resultsFor } from '../../domain/court-linkage.ts'
import type { Errors } from '../case-actions/case-actions.forms.ts'
import { chooseOption, dateField, options, textField } from '../case-actions/record-fields.ts'
import type { RecordDefinition } from '../case-actions/record-flow.ts'
import { COURT_REF_MAX, kindLabel, LINKAGE_NOTE_MAX } from './court-form.ts'
import { linkageOfCase, recordCourtAnswer } from './legal.queries.ts'

// The court's answer to a linkage of this case (another case's linkage is a 404): only a result
// its kind can end with, dated between the filing and today; the reference may be filled in now.

export const courtResultRecord: RecordDefinition = {
  name: 'court_result',
  path: '/:id{[0-9]+}/court-linkages/:targetId{[0-9]+}/result',
  button: false,
  target: async (c, k, id) => (await linkageOfCase(c.get('db'), k.id, id))?.id ?? null,
  defaults: async (c, k, targetId) => {
    const l = targetId === null ? undefined : await linkageOfCase(c.get('db'), k.id, targetId)
    return { court_ref: l?.court_ref ?? '', note: l?.note ?? '' }
  },
  fields: async (c, k, _ctx, targetId) => {
    const t = c.get('t')
    const l = targetId === null ? undefined : await linkageOfCase(c.get('db'), k.id, targetId)
    const kind = l && isCourtKind(l.kind) ? l.kind : null
    return [
      { name: 'result', type: 'select', label: t('legal.field.result'), required: true, hint: kind && l ? `${t(`legal.kind.${kind}`)} · ${l.court}` : undefined,
        options: kind ? options(t, 'legal.result', resultsFor(kind)) : [chooseOption(t)] },
      { name: 'result_on', type: 'date', label: t('legal.field.resultOn'), required: true },
      { name: 'court_ref', type: 'text', label: t('legal.field.courtRef'), maxlength: COURT_REF_MAX },
      { name: 'note', type: 'textarea', label: t('legal.field.note'), maxlength: LINKAGE_NOTE_MAX },
    ]
  },
  validate: async ({ c, k, values: v, today, now, targetId }) => {
    const errors: Errors = {}
    const l = (await linkageOfCase(c.get('db'), k.id, targetId!))!
    const kind = isCourtKind(l.kind) ? l.kind : null
    const result = kind && resultFits(kind, v.result) ? v.result : null
    if (l.result !== 'pending') errors.result = 'legal.error.alreadyDecided'
    else if (!result) errors.result = v.result ? 'actions.error.notOffered' : 'actions.error.required'
    const resultOn = dateField(errors, v, today, 'result_on', true)
    if (resultOn && resultOn < l.started_on) errors.result_on = 'legal.error.resultBeforeStart'
    const courtRef = textField(errors, v, 'court_ref', COURT_REF_MAX, { tooLong: 'legal.error.tooLong80' })
    const note = textField(errors, v, 'note', LINKAGE_NOTE_MAX, { tooLong: 'actions.error.tooLong' })
    return { errors, write: async (trx) => {
      await recordCourtAnswer(trx, k.id, l.id, { result: result!, resultOn: resultOn!, courtRef, note, at: now })
      return { linkage_id: l.id, court_kind: kind, court_result: result, result_on: resultOn, court_ref: courtRef }
    } }
  },
  describe: (t, p) => {
    const kind = kindLabel(p.court_kind)
    const result = isOneOf(COURT_RESULTS, p.court_result) ? p.court_result : null
    return [...(kind ? [t(kind)] : []), ...(result ? [t(`legal.result.${result}`)] : [])]
  },
}
