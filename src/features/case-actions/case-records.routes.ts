import { Hono, type Context } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { allow, forbidden } from '../../auth/access.ts'
import type { Db } from '../../db/connect.ts'
import { beijingDate, isIsoDate } from '../../domain/beijing-date.ts'
import { flash } from '../../http/render.ts'
import { recordAudit } from '../audit/audit.ts'
import { refreshCaseClocks } from '../cases/case-clocks.ts'
import { refreshRisk } from '../cases/case-risk.queries.ts'
import { lengthErrors, one, versionOf, type Errors, type Values } from './case-actions.forms.ts'
import { conflict, idParam, renderPanel, visibleCase } from './case-actions.http.ts'
import { actionContext, withRetry, type ActionCase } from './case-actions.queries.ts'
import { RECORD_ROLES, recordPermit, type RecordName } from './case-actions.records.ts'

type C = Context<AppEnv>
const FIELDS: Record<RecordName, string[]> = {
  extension: ['worker_consent_on', 'respondent_consent_on', 'new_due_on'],
  limitation_event: ['worker_id', 'kind', 'from_on', 'to_on', 'reason'],
  outside_record: ['outside_ref', 'outside_received_on', 'outside_outcome'],
}

type Checked = { errors: Errors; write: (trx: Db) => Promise<Record<string, unknown>> }

async function validate(c: C, k: ActionCase, name: RecordName, v: Values, legId: number | null): Promise<Checked> {
  const errors: Errors = { ...lengthErrors(v) }
  const today = beijingDate(c.get('now')())
  const user = c.get('user')!
  const now = c.get('now')()
  const date = (f: string, required: boolean, notFuture = true) => {
    const s = (v[f] ?? '').trim()
    if (!s) { if (required) errors[f] ??= 'actions.error.required'; return null }
    if (!isIsoDate(s)) { errors[f] ??= 'actions.error.invalid'; return null }
    if (notFuture && s > today) { errors[f] ??= 'actions.error.futureDate'; return null }
    return s
  }
  if (name === 'extension') {
    const w = date('worker_consent_on', false)
    const r = date('respondent_consent_on', false)
    if (!w && !errors.worker_consent_on) errors.worker_consent_on = 'actions.error.bothConsents'
    if (!r && !errors.respondent_consent_on) errors.respondent_consent_on = 'actions.error.bothConsents'
    const due = date('new_due_on', true, false)
    if (due && due <= today) errors.new_due_on = 'actions.error.dueInPast'
    return { errors, write: async (trx) => {
      await trx.insertInto('mediation_extensions').values({ case_id: k.id, worker_consent_on: w, respondent_consent_on: r, new_due_on: due!, recorded_by: user.id, recorded_at: now }).execute()
      return { worker_consent_on: w, respondent_consent_on: r, new_due_on: due }
    } }
  }
  if (name === 'limitation_event') {
    const workerId = /^\d{1,9}$/.test(v.worker_id ?? '') ? Number(v.worker_id) : null
    const worker = workerId && (await c.get('db').selectFrom('workers').select('id').where('id', '=', workerId).where('case_id', '=', k.id).executeTakeFirst())
    if (!worker) errors.worker_id = v.worker_id ? 'actions.error.notOffered' : 'actions.error.required'
    const kind = v.kind === 'interruption' || v.kind === 'suspension' ? v.kind : null
    if (!kind) errors.kind = v.kind ? 'actions.error.invalid' : 'actions.error.required'
    const from = date('from_on', true)
    const to = date('to_on', kind === 'suspension')
    if (from && to && to < from) errors.to_on = 'actions.error.toBeforeFrom'
    if (!(v.reason ?? '').trim()) errors.reason ??= 'actions.error.required'
    return { errors, write: async (trx) => {
      await trx.insertInto('limitation_events').values({ worker_id: workerId!, kind: kind!, from_on: from!, to_on: kind === 'suspension' ? to : null, reason: v.reason!.trim(), recorded_by: user.id, recorded_at: now }).execute()
      return { worker_id: workerId, limitation_kind: kind, from_on: from, to_on: kind === 'suspension' ? to : null, reason: v.reason!.trim() }
    } }
  }
  const received = date('outside_received_on', false)
  const ref = (v.outside_ref ?? '').trim() || null
  const outcome = (v.outside_outcome ?? '').trim() || null
  if (!ref && !received && !outcome && Object.keys(errors).length === 0) errors.outside_ref = 'actions.error.nothingGiven'
  return { errors, write: async (trx) => {
    await trx.updateTable('case_legs').set({ outside_ref: ref, outside_received_on: received, outside_outcome: outcome }).where('id', '=', legId!).where('case_id', '=', k.id).execute()
    return { leg_id: legId, outside_ref: ref, outside_received_on: received, outcome_given: outcome !== null }
  } }
}

async function outsideLeg(c: C, k: ActionCase) {
  const legId = idParam(c, 'legId')
  if (legId === null) return null
  const leg = await c.get('db').selectFrom('case_legs').select('id').where('id', '=', legId).where('case_id', '=', k.id).where('outside_body', 'is not', null).executeTakeFirst()
  return leg?.id ?? null
}

async function handle(c: C, name: RecordName, post: boolean) {
  const k = await visibleCase(c)
  if (!k) return c.notFound()
  const legId = name === 'outside_record' ? await outsideLeg(c, k) : null
  if (name === 'outside_record' && legId === null) return c.notFound()
  const user = c.get('user')!
  const { ctx } = await actionContext(c.get('db'), user, k, c.get('now')())
  const permit = recordPermit(name, k, user, ctx)
  if (permit === 'forbidden') return forbidden(c)
  const body = post ? await c.req.parseBody({ all: true }) : {}
  const values: Values = post ? Object.fromEntries(['version', ...FIELDS[name]].map((f) => [f, one(body, f)])) : { version: String(k.version) }
  const open = { name, values, errors: {} as Errors, legId: legId ?? undefined }
  if (permit === 'wrong_state') return post ? conflict(c, k.id, open) : renderPanel(c, k, { ...open, conflict: true }, 409)
  if (!post) return renderPanel(c, k, open)
  const { errors, write } = await validate(c, k, name, values, legId)
  if (Object.keys(errors).length) return renderPanel(c, k, { ...open, errors }, 422)
  const version = versionOf(values)
  if (version !== k.version) return conflict(c, k.id, open)
  const now = c.get('now')()
  const done = await withRetry(() => c.get('db').transaction().execute(async (trx) => {
    const updated = await trx.updateTable('cases').set({ version: version + 1, updated_at: now, last_actor_id: user.id })
      .where('id', '=', k.id).where('version', '=', version).where('status', '=', k.status).returning('id').executeTakeFirst()
    if (!updated) return false
    const payload = await write(trx)
    await trx.insertInto('case_events').values({ case_id: k.id, at: now, actor_id: user.id, kind: `record.${name}`, payload: { status: k.status, version: version + 1, ...payload } }).execute()
    await refreshCaseClocks(trx, k.id, now)
    if (name === 'limitation_event') await refreshRisk(trx, k.id, now, user.id)
    await recordAudit(c, { event: `case.${name}`, objectType: 'case', objectId: k.id }, trx)
    return true
  }))
  if (!done) return conflict(c, k.id, open)
  flash(c, 'actions.done')
  return c.redirect(`/cases/${k.id}`, 303)
}

/** Records beside the state machine: extensions (both parties' consent), limitation events, outside bodies' answers. */
export const caseRecordRoutes = new Hono<AppEnv>()
const PATHS: [RecordName, string][] = [
  ['extension', '/:id{[0-9]+}/extensions'],
  ['limitation_event', '/:id{[0-9]+}/limitation-events'],
  ['outside_record', '/:id{[0-9]+}/legs/:legId{[0-9]+}/outside-record'],
]
for (const [name, path] of PATHS) {
  caseRecordRoutes.get(path, allow(...RECORD_ROLES[name]), (c) => handle(c, name, false))
  caseRecordRoutes.post(path, allow(...RECORD_ROLES[name]), (c) => handle(c, name, true))
}
