import { Hono, type Context } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { allow } from '../../auth/access.ts'
import { ancestorIds, canBeChildOf, inTreeOrder, isInSubtree, moveProblem, type MoveProblem } from '../../domain/org-tree.ts'
import { keptValues, validForm, type FieldErrors, type FormValues } from '../../http/form-errors.ts'
import { flash, page } from '../../http/render.ts'
import type { MessageKey } from '../../i18n/i18n.ts'
import { recordAudit } from '../audit/audit.ts'
import { createUnitForm, importForm, moveUnitForm, parentRef, updateUnitForm } from './org-units.forms.ts'
import { checkImport, IMPORT_MAX_ROWS } from './org-units.import.ts'
import {
  countsFor, countSubtree, findUnit, insertPlanned, insertUnit, moveUnit, overviewRows, parentChoices, searchUnits,
  subtreeRows, uniqueViolation, unitsByIds, updateUnit, type Unit,
} from './org-units.queries.ts'

type C = Context<AppEnv>
const LIST_LIMIT = 1000
const SEARCH_LIMIT = 100
const scope = (c: C) => c.get('user')!.orgUnit
const idOf = (v: string | undefined) => (v && /^\d{1,9}$/.test(v) ? Number(v) : null)

const MOVE_ERRORS: Record<MoveProblem, MessageKey> = {
  scope_root: 'orgUnits.error.scopeRoot',
  same_parent: 'orgUnits.error.sameParent',
  under_itself: 'orgUnits.error.underItself',
  kind_not_allowed: 'orgUnits.error.kindNotAllowed',
}

/** Runs a write; a unique index refusing it (SQLSTATE 23505) becomes a message beside `field`. */
async function unlessTaken<T>(write: () => Promise<T>, field: (which: 'code' | 'name') => [string, MessageKey]): Promise<T | { errors: FieldErrors }> {
  try {
    return await write()
  } catch (err) {
    const which = uniqueViolation(err)
    if (!which) throw err
    const [name, key] = field(which)
    return { errors: { [name]: key } }
  }
}

const takenMessage = (which: 'code' | 'name'): [string, MessageKey] =>
  which === 'code' ? ['code', 'orgUnits.error.codeTaken'] : ['name', 'orgUnits.error.nameTaken']

/** The rows shown, with what each row needs: user and child counts, parent name in search results. */
async function tableRows(c: C, rows: Unit[], rootPath: string, flat: boolean) {
  const db = c.get('db')
  const counts = await countsFor(db, rows.map((r) => r.id))
  // Search results name their parent, unless it lies outside the admin's area.
  const parentIds = flat ? [...new Set(rows.flatMap((r) => (r.parentId === null ? [] : [r.parentId])))] : []
  const parents = new Map((await unitsByIds(db, parentIds)).filter((p) => isInSubtree(p.path, scope(c).path)).map((p) => [p.id, p.name]))
  const ordered = flat ? rows.map((r) => ({ ...r, depth: 0 })) : inTreeOrder(rows, rootPath)
  return ordered.map((r) => ({
    ...r,
    users: counts.users.get(r.id) ?? 0,
    children: counts.children.get(r.id) ?? 0,
    parentName: (r.parentId !== null && parents.get(r.parentId)) || '',
  }))
}

async function newPage(c: C, errors: FieldErrors = {}, values: FormValues = {}, status: 200 | 422 = 200) {
  const db = c.get('db')
  const choices = await parentChoices(db, scope(c).path)
  const wanted = typeof values.parent === 'string' ? parentRef(values.parent) : { id: idOf(c.req.query('parent')) ?? scope(c).id }
  const preset = await findUnit(db, wanted, scope(c).path)
  if (preset && !choices.some((u) => u.id === preset.id)) choices.push(preset)
  const defaults = { parent: preset ? `#${preset.id}` : '', kind: preset?.kind === 'district' ? 'town' : 'grassroots' }
  return page(c, 'admin/org-units/new', { title: c.get('t')('orgUnits.newUnit'), choices, errors, values: { ...defaults, ...values } }, status)
}

async function showPage(c: C, errors: FieldErrors = {}, values: FormValues = {}, status: 200 | 422 = 200) {
  const db = c.get('db')
  const id = idOf(c.req.param('id'))
  const unit = id === null ? undefined : await findUnit(db, { id }, scope(c).path)
  if (!unit) return c.notFound()
  const [ancestors, counts, total, choices] = await Promise.all([
    unitsByIds(db, ancestorIds(unit.path)),
    countsFor(db, [unit.id]),
    countSubtree(db, unit.path),
    parentChoices(db, scope(c).path),
  ])
  const inScope = ancestors.filter((a) => isInSubtree(a.path, scope(c).path))
  return page(c, 'admin/org-units/show', {
    title: unit.name,
    unit,
    breadcrumb: inScope,
    parent: ancestors.at(-1) ?? null,
    users: counts.users.get(unit.id) ?? 0,
    children: counts.children.get(unit.id) ?? 0,
    descendants: total - 1,
    moveChoices: choices.filter((p) => canBeChildOf(unit.kind, p.kind) && !isInSubtree(p.path, unit.path) && p.id !== unit.parentId),
    can: { move: unit.path !== scope(c).path },
    errors,
    values,
  }, status)
}

async function importPage(c: C, data: { errors?: FieldErrors; values?: FormValues; problems?: { line: number; key: MessageKey; value: string }[] }, status: 200 | 422 = 200) {
  const problems = data.problems ?? []
  return page(c, 'admin/org-units/import', {
    title: c.get('t')('orgUnits.import.title'),
    errors: data.errors ?? {},
    values: data.values ?? {},
    problems: problems.slice(0, 200),
    moreProblems: Math.max(0, problems.length - 200),
    problemCount: problems.length,
    maxRows: IMPORT_MAX_ROWS,
  }, status)
}

/** Admins keep the org-unit tree of their own area (DESIGN §1). Every change is audited in its own transaction. */
export const orgUnitRoutes = new Hono<AppEnv>()
  .get('/', allow('admin'), async (c) => {
    const db = c.get('db')
    const q = (c.req.query('q') ?? '').trim().slice(0, 100)
    const rootParam = c.req.query('root')
    const drill = rootParam !== undefined
    const rootId = drill ? idOf(rootParam) : scope(c).id
    const root = rootId === null ? undefined : await findUnit(db, { id: rootId }, scope(c).path)
    if (!root) return c.notFound()
    const limit = q ? SEARCH_LIMIT : LIST_LIMIT
    const found = q
      ? await searchUnits(db, scope(c).path, q, limit + 1)
      : drill ? await subtreeRows(db, root, limit + 1) : await overviewRows(db, root, limit + 1)
    const breadcrumb = drill && !q ? (await unitsByIds(db, ancestorIds(root.path))).filter((a) => isInSubtree(a.path, scope(c).path)) : []
    const imported = idOf(c.req.query('imported'))
    return page(c, 'admin/org-units/index', {
      title: c.get('t')('orgUnits.title'),
      q,
      root,
      drill,
      breadcrumb,
      rows: await tableRows(c, found.slice(0, limit), root.path, q !== ''),
      truncated: found.length > limit ? limit : 0,
      imported: imported === null ? null : c.get('t')('orgUnits.imported', { n: imported }),
    })
  })

  .get('/new', allow('admin'), (c) => newPage(c))

  .post('/', allow('admin'), validForm(createUnitForm, (c, errors, values) => newPage(c, errors, values, 422)), async (c) => {
    const input = c.req.valid('form')
    const result = await unlessTaken(
      () =>
        c.get('db').transaction().execute(async (trx) => {
          const parent = await findUnit(trx, parentRef(input.parent), scope(c).path)
          if (!parent) return { errors: { parent: 'orgUnits.error.parentNotFound' } as FieldErrors }
          if (!canBeChildOf(input.kind, parent.kind)) return { errors: { kind: 'orgUnits.error.kindNotAllowed' } as FieldErrors }
          const unit = await insertUnit(trx, { parentId: parent.id, kind: input.kind, name: input.name, code: input.code })
          await recordAudit(c, { event: 'admin.org_unit.create', objectType: 'org_unit', objectId: unit.id,
            details: { name: unit.name, kind: unit.kind, code: unit.code, parent_id: parent.id } }, trx)
          return { unit }
        }),
      takenMessage,
    )
    if ('errors' in result) return newPage(c, result.errors, keptValues(await c.req.parseBody()), 422)
    flash(c, 'orgUnits.created')
    return c.redirect(`/admin/org-units?root=${result.unit.parentId}`, 303)
  })

  .get('/import', allow('admin'), (c) => importPage(c, {}))

  .post('/import', allow('admin'), validForm(importForm, (c, errors, values) => importPage(c, { errors, values }, 422)), async (c) => {
    const { csv } = c.req.valid('form')
    const values = { csv }
    const checked = await checkImport(c.get('db'), csv, scope(c).path)
    if (checked.problems.length) return importPage(c, { values, problems: checked.problems }, 422)
    const result = await unlessTaken(
      () =>
        c.get('db').transaction().execute(async (trx) => {
          const count = await insertPlanned(trx, checked.units)
          await recordAudit(c, { event: 'admin.org_unit.import', objectType: 'org_unit', details: { rows: count } }, trx)
          return { count }
        }),
      () => ['csv', 'orgUnits.import.conflict'],
    )
    if ('errors' in result) return importPage(c, { values, errors: result.errors }, 422)
    return c.redirect(`/admin/org-units?imported=${result.count}`, 303)
  })

  .get('/:id{[0-9]+}', allow('admin'), (c) => showPage(c))

  .post('/:id{[0-9]+}', allow('admin'), validForm(updateUnitForm, (c, errors, values) => showPage(c, errors, values, 422)), async (c) => {
    const input = c.req.valid('form')
    const id = idOf(c.req.param('id'))
    const result = await unlessTaken(
      () =>
        c.get('db').transaction().execute(async (trx) => {
          const unit = id === null ? undefined : await findUnit(trx, { id }, scope(c).path, true)
          if (!unit) return { missing: true as const }
          if (unit.name === input.name && unit.code === input.code) return { changed: false }
          await updateUnit(trx, unit.id, input)
          await recordAudit(c, { event: 'admin.org_unit.update', objectType: 'org_unit', objectId: unit.id,
            details: { before: { name: unit.name, code: unit.code }, after: { name: input.name, code: input.code } } }, trx)
          return { changed: true }
        }),
      takenMessage,
    )
    if ('missing' in result) return c.notFound()
    if ('errors' in result) return showPage(c, result.errors, keptValues(await c.req.parseBody()), 422)
    flash(c, result.changed ? 'orgUnits.updated' : 'orgUnits.unchanged')
    return c.redirect(`/admin/org-units/${id}`, 303)
  })

  .post('/:id{[0-9]+}/move', allow('admin'), validForm(moveUnitForm, (c, errors, values) => showPage(c, errors, values, 422)), async (c) => {
    const input = c.req.valid('form')
    const id = idOf(c.req.param('id'))
    const result = await unlessTaken(
      () =>
        c.get('db').transaction().execute(async (trx) => {
          // Both rows locked: two moves at once cannot build a cycle between them.
          const unit = id === null ? undefined : await findUnit(trx, { id }, scope(c).path, true)
          if (!unit) return { missing: true as const }
          const parent = await findUnit(trx, parentRef(input.parent), scope(c).path, true)
          if (!parent) return { errors: { parent: 'orgUnits.error.parentNotFound' } as FieldErrors }
          const problem = moveProblem(unit, parent, scope(c).path)
          if (problem) return { errors: { parent: MOVE_ERRORS[problem] } as FieldErrors }
          const { newPath, moved } = await moveUnit(trx, unit, parent)
          await recordAudit(c, { event: 'admin.org_unit.move', objectType: 'org_unit', objectId: unit.id,
            details: { old_parent_id: unit.parentId, new_parent_id: parent.id, old_path: unit.path, new_path: newPath, units_moved: moved } }, trx)
          return { moved }
        }),
      () => ['parent', 'orgUnits.error.nameTakenUnderParent'],
    )
    if ('missing' in result) return c.notFound()
    if ('errors' in result) return showPage(c, result.errors, keptValues(await c.req.parseBody()), 422)
    flash(c, 'orgUnits.moved')
    return c.redirect(`/admin/org-units/${id}`, 303)
  })
