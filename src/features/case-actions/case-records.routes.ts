import type { Context } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import type { Errors, Values } from './case-actions.forms.ts'
import { caseWorkersBrief, caseLegs } from './case-actions.queries.ts'
import type { Field, RecordDefinition } from './record-flow.ts'
import { chooseOption, dateField, options } from './record-fields.ts'

// Records of issue 4 kept beside the state machine: an extension of the mediation period (both
// parties' consent), a worker's limitation event, and what an outside body did with a leg.

type C = Context<AppEnv>

export const extensionRecord: RecordDefinition = {
  name: 'extension',
  path: '/:id{[0-9]+}/extensions',
  button: true,
  fields: async (c) => {
    const t = c.get('t')
    return [
      { name: 'worker_consent_on', type: 'date', label: t('actions.field.workerConsentOn'), required: true },
      { name: 'respondent_consent_on', type: 'date', label: t('actions.field.respondentConsentOn'), required: true },
      { name: 'new_due_on', type: 'date', label: t('actions.field.newDueOn'), required: true, hint: t('actions.hint.extension') },
    ]
  },
  validate: async ({ k, values: v, today, c, now }) => {
    const errors: Errors = {}
    const w = dateField(errors, v, today, 'worker_consent_on', false)
    const r = dateField(errors, v, today, 'respondent_consent_on', false)
    if (!w && !errors.worker_consent_on) errors.worker_consent_on = 'actions.error.bothConsents'
    if (!r && !errors.respondent_consent_on) errors.respondent_consent_on = 'actions.error.bothConsents'
    const due = dateField(errors, v, today, 'new_due_on', true, false)
    if (due && due <= today) errors.new_due_on = 'actions.error.dueInPast'
    return { errors, write: async (trx) => {
      await trx.insertInto('mediation_extensions').values({ case_id: k.id, worker_consent_on: w, respondent_consent_on: r, new_due_on: due!, recorded_by: c.get('user')!.id, recorded_at: now }).execute()
      return { worker_consent_on: w, respondent_consent_on: r, new_due_on: due }
    } }
  },
}

export const limitationEventRecord: RecordDefinition = {
  name: 'limitation_event',
  path: '/:id{[0-9]+}/limitation-events',
  button: true,
  refreshesRisk: true,
  fields: async (c, k) => {
    const t = c.get('t')
    const workers = await caseWorkersBrief(c.get('db'), k.id)
    const fields: Field[] = [
      { name: 'worker_id', type: 'select', label: t('actions.field.worker'), required: true, options: [chooseOption(t), ...workers.map((w) => ({ value: String(w.id), label: w.name }))] },
      { name: 'kind', type: 'select', label: t('actions.field.limitationKind'), required: true, options: options(t, 'actions.limitationKind', ['interruption', 'suspension']) },
      { name: 'from_on', type: 'date', label: t('actions.field.fromOn'), required: true },
      { name: 'to_on', type: 'date', label: t('actions.field.toOn'), hint: t('actions.hint.toOn') },
      { name: 'reason', type: 'textarea', label: t('actions.field.reason'), required: true },
    ]
    return fields
  },
  validate: async ({ c, k, values: v, today, now }) => {
    const errors: Errors = {}
    const workerId = /^\d{1,9}$/.test(v.worker_id ?? '') ? Number(v.worker_id) : null
    const worker = workerId && (await c.get('db').selectFrom('workers').select('id').where('id', '=', workerId).where('case_id', '=', k.id).executeTakeFirst())
    if (!worker) errors.worker_id = v.worker_id ? 'actions.error.notOffered' : 'actions.error.required'
    const kind = v.kind === 'interruption' || v.kind === 'suspension' ? v.kind : null
    if (!kind) errors.kind = v.kind ? 'actions.error.invalid' : 'actions.error.required'
    const from = dateField(errors, v, today, 'from_on', true)
    const to = dateField(errors, v, today, 'to_on', kind === 'suspension')
    if (from && to && to < from) errors.to_on = 'actions.error.toBeforeFrom'
    if (!(v.reason ?? '').trim()) errors.reason ??= 'actions.error.required'
    return { errors, write: async (trx) => {
      await trx.insertInto('limitation_events').values({ worker_id: workerId!, kind: kind!, from_on: from!, to_on: kind === 'suspension' ? to : null, reason: v.reason!.trim(), recorded_by: c.get('user')!.id, recorded_at: now }).execute()
      return { worker_id: workerId, limitation_kind: kind, from_on: from, to_on: kind === 'suspension' ? to : null, reason: v.reason!.trim() }
    } }
  },
}

export const outsideRecord: RecordDefinition = {
  name: 'outside_record',
  path: '/:id{[0-9]+}/legs/:targetId{[0-9]+}/outside-record',
  button: false,
  target: async (c, k, id) => {
    const leg = await c.get('db').selectFrom('case_legs').select('id').where('id', '=', id).where('case_id', '=', k.id).where('outside_body', 'is not', null).executeTakeFirst()
    return leg?.id ?? null
  },
  defaults: async (c: C, k, legId) => {
    const leg = (await caseLegs(c.get('db'), k.id)).find((l) => l.id === legId)
    return { outside_ref: leg?.outside_ref ?? '', outside_received_on: leg?.outside_received_on ?? '', outside_outcome: leg?.outside_outcome ?? '' }
  },
  fields: async (c) => {
    const t = c.get('t')
    return [
      { name: 'outside_ref', type: 'text', label: t('actions.field.outsideRef') },
      { name: 'outside_received_on', type: 'date', label: t('actions.field.outsideReceivedOn') },
      { name: 'outside_outcome', type: 'textarea', label: t('actions.field.outsideOutcome') },
    ]
  },
  validate: async ({ k, values: v, today, targetId }) => {
    const errors: Errors = {}
    const received = dateField(errors, v, today, 'outside_received_on', false)
    const ref = (v.outside_ref ?? '').trim() || null
    const outcome = (v.outside_outcome ?? '').trim() || null
    if (!ref && !received && !outcome && Object.keys(errors).length === 0) errors.outside_ref = 'actions.error.nothingGiven'
    return { errors, write: async (trx) => {
      await trx.updateTable('case_legs').set({ outside_ref: ref, outside_received_on: received, outside_outcome: outcome }).where('id', '=', targetId!).where('case_id', '=', k.id).execute()
      return { leg_id: targetId, outside_ref: ref, outside_received_on: received, outcome_given: outcome !== null }
    } }
  },
}
