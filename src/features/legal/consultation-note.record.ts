import { isOneOf } from '../../domain/case-vocabulary.ts'
import { NOTE_VISIBILITIES } from '../../domain/case-records.ts'
import type { Errors } from '../case-actions/case-actions.forms.ts'
import { options, textField } from '../case-actions/record-fields.ts'
import type { RecordDefinition } from '../case-actions/record-flow.ts'
import { insertNote } from './legal.queries.ts'

// A legal adviser's consultation note (DESIGN §2: legal basis, advice; internal or shareable).

export const LEGAL_BASIS_MAX = 4000
export const ADVICE_MAX = 8000

export const consultationNoteRecord: RecordDefinition = {
  name: 'consultation_note',
  path: '/:id{[0-9]+}/consultation-notes',
  button: true,
  fields: async (c) => {
    const t = c.get('t')
    return [
      { name: 'legal_basis', type: 'textarea', label: t('legal.field.legalBasis'), required: true, hint: t('legal.hint.legalBasis'), maxlength: LEGAL_BASIS_MAX },
      { name: 'advice', type: 'textarea', label: t('legal.field.advice'), required: true, maxlength: ADVICE_MAX },
      // No default: whether the mediator may read it is the adviser's call each time.
      { name: 'visibility', type: 'select', label: t('legal.field.visibility'), required: true, hint: t('legal.hint.visibility'), options: options(t, 'legal.visibility', NOTE_VISIBILITIES) },
      { name: 'legal_aid', type: 'checkbox', label: t('legal.field.legalAid') },
    ]
  },
  validate: async ({ c, k, values: v, now }) => {
    const errors: Errors = {}
    const legalBasis = textField(errors, v, 'legal_basis', LEGAL_BASIS_MAX, { required: true, tooLong: 'legal.error.tooLong4000' })
    const advice = textField(errors, v, 'advice', ADVICE_MAX, { required: true, tooLong: 'legal.error.tooLong8000' })
    const visibility = isOneOf(NOTE_VISIBILITIES, v.visibility) ? v.visibility : null
    if (!visibility) errors.visibility = v.visibility ? 'actions.error.notOffered' : 'actions.error.required'
    // An unticked box sends nothing: "no".
    const aid = v.legal_aid ?? ''
    if (!['', 'no', 'yes'].includes(aid)) errors.legal_aid = 'actions.error.notOffered'
    return { errors, write: async (trx) => {
      const id = await insertNote(trx, { caseId: k.id, authorId: c.get('user')!.id, legalBasis: legalBasis!, advice: advice!, visibility: visibility!, legalAid: aid === 'yes', at: now })
      // Only the visibility: the timeline is read by people an internal note is kept from.
      return { note_id: id, visibility }
    } }
  },
  describe: (t, p) => (p.visibility === 'internal' || p.visibility === 'shared' ? [t(`legal.notes.badge.${p.visibility}`)] : []),
}
