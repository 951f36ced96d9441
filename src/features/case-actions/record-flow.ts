import type { Context } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { forbidden } from '../../auth/access.ts'
import type { Db } from '../../db/connect.ts'
import type { ActionContext } from '../../domain/case-actions.ts'
import { beijingDate } from '../../domain/beijing-date.ts'
import { recordPermit, type RecordName } from '../../domain/case-records.ts'
import type { CaseStatus } from '../../domain/case-vocabulary.ts'
import { flash } from '../../http/render.ts'
import type { Translate } from '../../i18n/i18n.ts'
import { recordAudit } from '../audit/audit.ts'
import { refreshCaseClocks } from '../cases/case-clocks.ts'
import { refreshRisk } from '../cases/case-risk.queries.ts'
import { lengthErrors, one, versionOf, type Errors, type Values } from './case-actions.forms.ts'
import { conflict, idParam, renderPanel, visibleCase } from './case-actions.http.ts'
import { actionContext, withRetry, type ActionCase } from './case-actions.queries.ts'

/**
 * One flow for every record kept beside the state machine (sessions, payments, notes, court
 * linkage, attachments, extensions…): find the case in the user's scope, ask case-records.ts
 * whether this user may keep this record now, draw the form in the action panel, validate, and
 * write the record, an event, the clocks and an audit row in one transaction guarded by the
 * case's version (a stale form gets 409 and keeps what was typed).
 *
 * A record module supplies a RecordDefinition; record-flows.ts lists them; the panel and the
 * routes are built from that list.
 */

type C = Context<AppEnv>

/** A field of the generic form (views/case-actions/_form.eta). */
export type Option = { value: string; label: string }
export type Field = { name: string; type: string; label: string; required?: boolean; hint?: string; options?: Option[]; maxlength?: number; accept?: string }

/** Templates views/case-actions/_custom-form.eta knows how to include (Eta includes need literal paths). */
export type CustomTemplate = 'agreement' | 'payment' | 'attachment'

export type Validated = {
  errors: Errors
  /** Writes the record (inside the transaction) and returns what the timeline event keeps: never a party's numbers. */
  write: (trx: Db) => Promise<Record<string, unknown>>
}

export type RecordRequest = {
  c: C
  k: ActionCase
  ctx: ActionContext
  /** Every submitted field, first value of each, capped (see `one`). */
  values: Values
  /** Submitted files (multipart forms), by field name. */
  files: Record<string, File>
  /** The sub-resource from the URL (a leg, a court linkage…), when the definition has `target`. */
  targetId: number | null
  now: Date
  today: string
}

export type RecordDefinition = {
  name: RecordName
  /** Relative to /cases, e.g. '/:id{[0-9]+}/sessions'; a `:targetId` segment names a sub-resource. */
  path: string
  /** Whether the panel shows a button for it (records of a sub-resource are offered beside it instead). */
  button: boolean
  /** Whether there is anything to record now, beyond the permission (a payment needs money owed). */
  offered?: (c: C, k: ActionCase) => Promise<boolean>
  /** The sub-resource named by :targetId, if it belongs to the case; null → 404. */
  target?: (c: C, k: ActionCase, id: number) => Promise<number | null>
  /** The generic form's fields… */
  fields?: (c: C, k: ActionCase, ctx: ActionContext, targetId: number | null) => Promise<Field[]>
  /** …or a template of its own, with the data it prints. */
  template?: CustomTemplate
  templateData?: (c: C, k: ActionCase, values: Values, targetId: number | null) => Promise<Record<string, unknown>>
  /** Values a fresh form starts with. */
  defaults?: (c: C, k: ActionCase, targetId: number | null) => Promise<Values>
  validate: (r: RecordRequest) => Promise<Validated>
  /** Recompute the case's risk after writing (records that change what risk reads). */
  refreshesRisk?: boolean
  /** multipart/form-data (attachments). */
  multipart?: boolean
  /** Extra words for the timeline entry of `record.<name>`, from its payload. */
  describe?: (t: Translate, payload: Record<string, unknown>) => string[]
}

export const recordHref = (def: RecordDefinition, caseId: number, targetId?: number | null) =>
  `/cases${def.path.replace(':id{[0-9]+}', String(caseId)).replace(':targetId{[0-9]+}', String(targetId ?? ''))}`

/**
 * The longest text any record keeps (a consultation note's advice: 8,000 characters), with room to
 * spare: a longer paste is kept for the 422 that says it is too long, never silently cut.
 */
export const RECORD_TEXT_CAP = 9000

/** Every string field of a submitted form, the first of repeated ones, capped; files apart. */
export function readBody(body: Record<string, unknown>) {
  const values: Values = {}
  const files: Record<string, File> = {}
  for (const [name, raw] of Object.entries(body)) {
    const v = Array.isArray(raw) ? raw[0] : raw
    if (typeof v === 'string') values[name] = one(body, name, RECORD_TEXT_CAP)
    else if (v instanceof File) files[name] = v
  }
  return { values, files }
}

/** GET draws the form in the panel; POST keeps the record. */
export async function handleRecord(c: C, def: RecordDefinition, post: boolean) {
  const k = await visibleCase(c)
  if (!k) return c.notFound()
  let targetId: number | null = null
  if (def.target) {
    const id = idParam(c, 'targetId')
    targetId = id === null ? null : await def.target(c, k, id)
    if (targetId === null) return c.notFound()
  }
  const user = c.get('user')!
  const now = c.get('now')()
  const { ctx } = await actionContext(c.get('db'), user, k, now)
  const permit = recordPermit(def.name, k.status as CaseStatus, user.roles, ctx)
  if (permit === 'forbidden') return forbidden(c)
  const { values, files } = post ? readBody(await c.req.parseBody({ all: true })) : { values: { ...(await def.defaults?.(c, k, targetId)), version: String(k.version) }, files: {} }
  const open = { name: def.name, values, errors: {} as Errors, targetId: targetId ?? undefined }
  if (permit === 'wrong_state') return post ? conflict(c, k.id, open) : renderPanel(c, k, { ...open, conflict: true }, 409)
  if (!post) return renderPanel(c, k, open)
  const today = beijingDate(now)
  const { errors: found, write } = await def.validate({ c, k, ctx, values, files, targetId, now, today })
  const errors = { ...lengthErrors(values), ...found }
  if (Object.keys(errors).length) return renderPanel(c, k, { ...open, errors }, 422)
  const version = versionOf(values)
  if (version !== k.version) return conflict(c, k.id, open)
  const done = await withRetry(() => c.get('db').transaction().execute(async (trx) => {
    const updated = await trx.updateTable('cases').set({ version: version + 1, updated_at: now, last_actor_id: user.id })
      .where('id', '=', k.id).where('version', '=', version).where('status', '=', k.status).returning('id').executeTakeFirst()
    if (!updated) return false
    const payload = await write(trx)
    await trx.insertInto('case_events').values({ case_id: k.id, at: now, actor_id: user.id, kind: `record.${def.name}`, payload: { status: k.status, version: version + 1, ...payload } }).execute()
    await refreshCaseClocks(trx, k.id, now)
    if (def.refreshesRisk) await refreshRisk(trx, k.id, now, user.id)
    await recordAudit(c, { event: `case.${def.name}`, objectType: 'case', objectId: k.id }, trx)
    return true
  }))
  if (!done) return conflict(c, k.id, open)
  flash(c, 'actions.done')
  return c.redirect(`/cases/${k.id}`, 303)
}
