import { Hono, type Context } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { allow } from '../../auth/access.ts'
import { takeDraft } from '../../auth/form-drafts.queries.ts'
import { beijingDate } from '../../domain/beijing-date.ts'
import { isOneOf, INTAKE_FORMS, type IntakeForm } from '../../domain/case-vocabulary.ts'
import { intakeFormsFor, reportChannelFor } from '../../domain/intake-rules.ts'
import { normalisePhone, phoneProblem } from '../../domain/phone.ts'
import { normaliseResidentId } from '../../domain/resident-id.ts'
import { recordAudit } from '../audit/audit.ts'
import { flash, fragment } from '../../http/render.ts'
import { checkField, parseIntake, requestHash, values, type Body } from './intake.forms.ts'
import { intakePage, rowFragment, MAX_RESPONDENT_SLOTS } from './intake.pages.ts'
import {
  claimIdempotencyKey, insertCase, openCasesOfWorker, respondentsByIds, settleIdempotencyKey, unitInPath,
} from './intake.queries.ts'
import { applicationRoutes } from './application.routes.ts'
import { reportPhoto } from './intake.photo.ts'
import { insertAttachment } from '../attachments/attachments.queries.ts'

type C = Context<AppEnv>
const intakeRoles = allow('informant', 'rights_officer', 'bargaining_instructor')

/** The form asked for, if this user may fill it in; otherwise the richest one they may. */
function chosenForm(c: C, asked: string | undefined): IntakeForm | null {
  const allowed = intakeFormsFor(c.get('user')!.roles)
  if (isOneOf(INTAKE_FORMS, asked) && allowed.includes(asked)) return asked
  return allowed[0] ?? null
}

const fieldContext = (c: C, v: ReturnType<typeof values>, name: string) => {
  const prefix = name.includes('.') ? name.slice(0, name.lastIndexOf('.') + 1) : ''
  const sibling = (f: string) => {
    const x = v[prefix + f]
    return (Array.isArray(x) ? x[0] : x) ?? ''
  }
  return { today: beijingDate(c.get('now')()), now: c.get('now')(), sibling }
}

export const intakeRoutes = new Hono<AppEnv>()
  .get('/new', intakeRoles, async (c) => {
    const form = chosenForm(c, c.req.query('form'))
    if (!form) return c.notFound()
    const draft = await takeDraft(c.get('db'), c.get('user')!.id, c.req.path + (c.req.query('form') ? `?form=${c.req.query('form')}` : ''), c.get('now')())
    return intakePage(c, form, draft ? { values: draft, restored: true } : {})
  })

  /** Checks one field as the user leaves it; htmx names the field in HX-Trigger-Name. */
  .post('/new/check', intakeRoles, async (c) => {
    const name = (c.req.header('HX-Trigger-Name') ?? '').slice(0, 60)
    const v = values((await c.req.parseBody({ all: true })) as Body)
    const raw = v[name]
    const value = (Array.isArray(raw) ? raw[0] : raw) ?? ''
    const ctx = fieldContext(c, v, name)
    const error = checkField(name, value, ctx)
    let warning: { key: 'intake.duplicateWorker'; cases: { id: number; caseNo: string }[] } | undefined
    if (!error && value.trim() !== '' && /^workers\.\d+\.(phone|id_number)$/.test(name)) {
      const isPhone = name.endsWith('.phone')
      if (!isPhone || !phoneProblem(normalisePhone(value))) {
        const index = isPhone
          ? c.get('pii').blindIndex('phone', normalisePhone(value))
          : c.get('pii').blindIndex('id_number', ctx.sibling('id_type') === 'resident_id' ? normaliseResidentId(value) : value.trim())
        const cases = await openCasesOfWorker(c.get('db'), c.get('user')!, isPhone ? 'phone_bidx' : 'id_bidx', index)
        if (cases.length) warning = { key: 'intake.duplicateWorker', cases }
      }
    }
    return fragment(c, 'shared/_field-error', { id: 'f-' + name.replace(/[^A-Za-z0-9_-]/g, '-'), error, warning })
  })

  .get('/new/rows/removed', intakeRoles, (c) => c.body(null, 200))
  .get('/new/rows/:group{respondents|workers|claims}', intakeRoles, (c) => {
    const index = Number(c.req.query('i'))
    const group = c.req.param('group') as 'respondents' | 'workers' | 'claims'
    const max = group === 'respondents' ? MAX_RESPONDENT_SLOTS - 1 : 199
    if (!Number.isInteger(index) || index < 0 || index > max) return c.notFound()
    return rowFragment(c, group, index)
  })

  .post('/', intakeRoles, async (c) => {
    const form = chosenForm(c, c.req.query('form'))
    if (!form) return c.notFound()
    const user = c.get('user')!
    const db = c.get('db')
    const now = c.get('now')()
    const body = await c.req.parseBody({ all: true })
    const v = values(body as Body)
    const { input, errors } = parseIntake(form, v, { today: beijingDate(now), now, defaultChannel: reportChannelFor(user.roles) })
    const photo = form === 'report' ? await reportPhoto(body.photo) : { file: null }
    if (photo.error) errors.photo = photo.error
    if (input) {
      const orgUnitId = input.orgUnitId ?? user.orgUnit.id
      if (!(await unitInPath(db, orgUnitId, user.orgUnit.path))) errors.org_unit_id = 'intake.error.unit'
      const found = await respondentsByIds(db, input.respondents.map((r) => r.respondentId))
      for (const r of input.respondents) if (!found.some((f) => f.id === r.respondentId)) errors[`respondents.${r.index}.respondent_id`] = 'intake.error.respondentPick'
    }
    if (!input || Object.keys(errors).length > 0) {
      // A file cannot be sent back to the browser: a good photo must be chosen again too.
      if (photo.file) errors.photo = 'attachments.photo.notKept'
      return intakePage(c, form, { values: v, errors }, 422)
    }

    const key = typeof v._key === 'string' && /^[0-9a-f-]{36}$/.test(v._key) ? v._key : crypto.randomUUID()
    const hash = requestHash(input, photo.file?.sha256)
    type Outcome = { kind: 'created'; id: number } | { kind: 'replay'; id: number } | { kind: 'conflict' }
    const outcome = await db.transaction().execute(async (trx): Promise<Outcome> => {
      const claim = await claimIdempotencyKey(trx, user.id, key, hash, now)
      if (!claim.claimed) return claim.sameRequest && claim.caseId ? { kind: 'replay', id: claim.caseId } : { kind: 'conflict' }
      const created = await insertCase(trx, c.get('pii'), {
        ...input,
        intakeForm: form,
        orgUnitId: input.orgUnitId ?? user.orgUnit.id,
        reportedBy: user.id,
        respondents: input.respondents.map(({ respondentId, role }) => ({ respondentId, role })),
      }, now)
      if (photo.file) await insertAttachment(trx, { caseId: created.id, kind: 'photo', description: null, file: photo.file, uploadedBy: user.id, at: now })
      await settleIdempotencyKey(trx, user.id, key, created.id)
      const photoDetails = photo.file ? { photo: { mime: photo.file.mime, size: photo.file.size } } : {}
      await recordAudit(c, { event: 'case.create', objectType: 'case', objectId: created.id, details: { case_no: created.caseNo, form, ...photoDetails } }, trx)
      return { kind: 'created', id: created.id }
    })
    if (outcome.kind === 'conflict') return intakePage(c, form, { values: { ...v, _key: crypto.randomUUID() }, replayConflict: true }, 422)
    if (outcome.kind === 'created') flash(c, form === 'report' ? 'intake.reported' : 'intake.created')
    return c.redirect(`/cases/${outcome.id}`, 303)
  })

  .route('/', applicationRoutes)
