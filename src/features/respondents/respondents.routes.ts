import { Hono, type Context } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { allow } from '../../auth/access.ts'
import { takeDraft } from '../../auth/form-drafts.queries.ts'
import { validForm, type FieldErrors, type FormValues } from '../../http/form-errors.ts'
import { flash, page } from '../../http/render.ts'
import { recordAudit } from '../audit/audit.ts'
import { FIELDS, listQuery, plainValues, respondentForm, slotOf, type RespondentInput } from './respondents.forms.ts'
import {
  chosenData, chosenFragment, formPage, inlineForm, listPage, optionsFragment, pickerFragment, prefill, showPage, type FormState,
} from './respondents.pages.ts'
import { findByUscc, findRespondent, insertRespondent, isUniqueViolation, lockRespondent, updateRespondent } from './respondents.queries.ts'

type C = Context<AppEnv>

// Everyone who takes intake or works cases; not admin, who sees no case content (DESIGN §1).
const registry = allow('informant', 'rights_officer', 'bargaining_instructor', 'mediator', 'legal_adviser', 'manager')

const idOf = (c: C) => {
  const raw = c.req.param('id')
  return raw && /^\d{1,9}$/.test(raw) ? Number(raw) : null
}
const respondentOf = async (c: C) => {
  const id = idOf(c)
  return id === null ? undefined : findRespondent(c.get('db'), id)
}
const draftFor = (c: C, path: string) => takeDraft(c.get('db'), c.get('user')!.id, path, c.get('now')())

/** The intake form's slot when htmx asks for a piece of its respondent picker; null for a plain page request. */
const inlineSlot = (c: C) => (c.req.header('HX-Request') === 'true' ? slotOf(c.req.query('slot')) : null)
const badSlot = (c: C) => page(c, 'errors/error', { title: c.get('t')('respondents.error.badSlot'), message: '' }, 400)

/** The form's fields as strings, to put back in the form (no code is an empty field). */
const asValues = (r: Record<(typeof FIELDS)[number], string | null>): FormValues => Object.fromEntries(FIELDS.map((f) => [f, r[f] ?? '']))

/** A code already registered is refused by name, with a link, so the user picks that respondent instead. */
async function duplicateOf(c: C, input: RespondentInput, exceptId?: number): Promise<FormState | null> {
  if (!input.uscc) return null
  const existing = await findByUscc(c.get('db'), input.uscc, exceptId)
  return existing ? { values: asValues(input), errors: { uscc: 'respondents.error.usccTaken' }, duplicate: existing } : null
}

/** Changed field names only: the audit row says what was edited, the respondent row holds the values. */
const changedFields = (before: Record<string, unknown>, after: RespondentInput) =>
  (Object.keys(after) as (keyof RespondentInput)[]).filter((k) => (before[k] ?? null) !== after[k])

export const respondentRoutes = new Hono<AppEnv>()
  .get('/', registry, (c) => listPage(c, listQuery.parse(c.req.query()).q))

  // The intake's search box sends its own name (respondents.<slot>.query); `q` serves other callers.
  .get('/search', registry, (c) => {
    const slot = slotOf(c.req.query('slot'))
    if (slot === null) return badSlot(c)
    const q = (c.req.query('q') ?? c.req.query(`respondents.${slot}.query`) ?? '').trim().slice(0, 100)
    return optionsFragment(c, slot, q)
  })

  .get('/picker', registry, (c) => {
    const slot = slotOf(c.req.query('slot'))
    return slot === null ? badSlot(c) : pickerFragment(c, slot)
  })

  .get('/new', registry, async (c) => {
    const values = prefill(c.req.query('q'))
    const slot = inlineSlot(c)
    if (slot !== null) return inlineForm(c, slot, { values })
    const draft = await draftFor(c, '/respondents/new')
    return formPage(c, null, { values: draft ?? values, restored: draft !== null })
  })

  .post(
    '/',
    registry,
    validForm(respondentForm, (c, errors, values) => {
      const slot = inlineSlot(c)
      return slot === null ? formPage(c, null, { values, errors }, 422) : inlineForm(c, slot, { values: plainValues(values), errors }, 422)
    }),
    async (c) => {
      const input = c.req.valid('form')
      const slot = inlineSlot(c)
      const refuse = (s: FormState) => (slot === null ? formPage(c, null, s, 422) : inlineForm(c, slot, s, 422))
      const duplicate = await duplicateOf(c, input)
      if (duplicate) return refuse(duplicate)
      let id: number
      try {
        id = await c.get('db').transaction().execute(async (trx) => {
          const newId = await insertRespondent(trx, input, c.get('user')!.id, c.get('now')())
          await recordAudit(c, { event: 'respondent.create', objectType: 'respondent', objectId: newId, details: { kind: input.kind } }, trx)
          return newId
        })
      } catch (err) {
        // Two people registering the same code at once: the unique index decides.
        if (isUniqueViolation(err)) return refuse((await duplicateOf(c, input)) ?? { values: asValues(input), errors: { uscc: 'respondents.error.usccTaken' } })
        throw err
      }
      if (slot !== null) return chosenFragment(c, (await chosenData(c, id, slot))!)
      flash(c, 'respondents.created')
      return c.redirect(`/respondents/${id}`, 303)
    },
  )

  .get('/:id', registry, async (c) => {
    const r = await respondentOf(c)
    return r ? showPage(c, r) : c.notFound()
  })

  .get('/:id/chosen', registry, async (c) => {
    const slot = slotOf(c.req.query('slot'))
    if (slot === null) return badSlot(c)
    const id = idOf(c)
    const data = id === null ? null : await chosenData(c, id, slot)
    return data ? chosenFragment(c, data) : c.notFound()
  })

  .get('/:id/edit', registry, async (c) => {
    const r = await respondentOf(c)
    if (!r) return c.notFound()
    const draft = await draftFor(c, `/respondents/${r.id}/edit`)
    return formPage(c, r, { values: draft ?? asValues(r), restored: draft !== null })
  })

  .post(
    '/:id',
    registry,
    validForm(respondentForm, async (c, errors, values) => {
      const r = await respondentOf(c)
      return r ? formPage(c, r, { values, errors }, 422) : c.notFound()
    }),
    async (c) => {
      const r = await respondentOf(c)
      if (!r) return c.notFound()
      const input = c.req.valid('form')
      const duplicate = await duplicateOf(c, input, r.id)
      if (duplicate) return formPage(c, r, duplicate, 422)
      const errors: FieldErrors = { uscc: 'respondents.error.usccTaken' }
      try {
        await c.get('db').transaction().execute(async (trx) => {
          const before = (await lockRespondent(trx, r.id))!
          await updateRespondent(trx, r.id, input)
          await recordAudit(c, { event: 'respondent.update', objectType: 'respondent', objectId: r.id, details: { changed: changedFields(before, input) } }, trx)
        })
      } catch (err) {
        if (isUniqueViolation(err)) return formPage(c, r, { values: asValues(input), errors }, 422)
        throw err
      }
      flash(c, 'respondents.updated')
      return c.redirect(`/respondents/${r.id}`, 303)
    },
  )
