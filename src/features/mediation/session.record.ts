import { isOneOf } from '../../domain/case-vocabulary.ts'
import { isMessageKey } from '../../i18n/i18n.ts'
import { dateField, options, textField } from '../case-actions/record-fields.ts'
import { TEXT_LIMIT, type Errors } from '../case-actions/case-actions.forms.ts'
import type { RecordDefinition } from '../case-actions/record-flow.ts'
import { insertSession, SESSION_MODES, SESSION_RESULTS } from './mediation.queries.ts'

// A mediation session, logged by the mediator from the case page (DESIGN §2 "Resolution"): when,
// how, who came, what came of it, and when the parties meet next.

// The record flow reads at most TEXT_LIMIT + 1000 characters of a field (readBody), so a record's
// text stays within TEXT_LIMIT: a longer summary is refused, never cut short without a word.
const PARTICIPANTS_LIMIT = TEXT_LIMIT
const SUMMARY_LIMIT = TEXT_LIMIT
const PLACE_LIMIT = 200

export const sessionRecord: RecordDefinition = {
  name: 'session',
  path: '/:id{[0-9]+}/sessions',
  button: true,
  fields: async (c) => {
    const t = c.get('t')
    return [
      { name: 'held_on', type: 'date', label: t('mediation.field.heldOn'), required: true },
      { name: 'mode', type: 'select', label: t('mediation.field.mode'), required: true, options: options(t, 'mediation.mode', SESSION_MODES) },
      { name: 'place', type: 'text', label: t('mediation.field.place'), maxlength: PLACE_LIMIT },
      { name: 'participants', type: 'textarea', label: t('mediation.field.participants'), required: true, hint: t('mediation.hint.participants'), maxlength: PARTICIPANTS_LIMIT },
      { name: 'result', type: 'select', label: t('mediation.field.result'), required: true, options: options(t, 'mediation.result', SESSION_RESULTS) },
      { name: 'summary', type: 'textarea', label: t('mediation.field.summary'), maxlength: SUMMARY_LIMIT },
      { name: 'next_session_on', type: 'date', label: t('mediation.field.nextSessionOn'), hint: t('mediation.hint.nextSessionOn') },
    ]
  },
  validate: async ({ c, k, values: v, today, now }) => {
    const errors: Errors = {}
    const heldOn = dateField(errors, v, today, 'held_on', true)
    const next = dateField(errors, v, today, 'next_session_on', false, false)
    if (heldOn && next && next <= heldOn) errors.next_session_on = 'mediation.error.nextBeforeHeld'
    const mode = isOneOf(SESSION_MODES, v.mode) ? v.mode : null
    if (!mode) errors.mode = v.mode ? 'actions.error.invalid' : 'actions.error.required'
    const result = isOneOf(SESSION_RESULTS, v.result) ? v.result : null
    if (!result) errors.result = v.result ? 'actions.error.invalid' : 'actions.error.required'
    const participants = textField(errors, v, 'participants', PARTICIPANTS_LIMIT, { required: true })
    const place = textField(errors, v, 'place', PLACE_LIMIT)
    const summary = textField(errors, v, 'summary', SUMMARY_LIMIT)
    return { errors, write: async (trx) => {
      const id = await insertSession(trx, {
        caseId: k.id, heldOn: heldOn!, mode: mode!, place, participants: participants!, result: result!, summary, nextSessionOn: next,
        recordedBy: c.get('user')!.id, recordedAt: now,
      })
      // Names of the people present stay on the session, not on the timeline.
      return { session_id: id, held_on: heldOn, mode, result, next_session_on: next }
    } }
  },
  describe: (t, p) => {
    const words: string[] = []
    for (const [prefix, value] of [['mediation.mode', p.mode], ['mediation.result', p.result]] as const) {
      const key = `${prefix}.${String(value)}`
      if (isMessageKey(key)) words.push(t(key))
    }
    if (typeof p.next_session_on === 'string') words.push(t('mediation.sessions.next', { date: p.next_session_on }))
    return words
  },
}
