import { Hono, type Context } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { allow } from '../../auth/access.ts'
import { takeDraft } from '../../auth/form-drafts.queries.ts'
import { hashPassword } from '../../auth/password.ts'
import { validForm, type FieldErrors } from '../../http/form-errors.ts'
import { flash } from '../../http/render.ts'
import { recordAudit } from '../audit/audit.ts'
import { act, endSessions, targetOf, userActionRoutes } from './users.actions.ts'
import { createUserForm, updateUserForm, userListQuery } from './users.forms.ts'
import { listPage, newPage, showPage } from './users.pages.ts'
import { insertUser, isUniqueViolation, lockUser, setRoles, unitIsInScope, updateProfile, usernameTaken } from './users.queries.ts'

type C = Context<AppEnv>
const scopeOf = (c: C) => c.get('user')!.orgUnit.path
const draftFor = (c: C) => takeDraft(c.get('db'), c.get('user')!.id, c.req.path, c.get('now')())

export const userRoutes = new Hono<AppEnv>()
  .get('/', allow('admin'), (c) => listPage(c, userListQuery.parse(c.req.query())))

  .get('/new', allow('admin'), async (c) => {
    const draft = await draftFor(c)
    return newPage(c, { values: draft ?? {}, restored: draft !== null })
  })

  .post('/', allow('admin'), validForm(createUserForm, (c, errors, values) => newPage(c, { values, errors }, 422)), async (c) => {
    const input = c.req.valid('form')
    const db = c.get('db')
    const values = { username: input.username, display_name: input.display_name, org_unit_id: String(input.org_unit_id), roles: input.roles }
    const refuse = (errors: FieldErrors) => newPage(c, { values, errors }, 422)
    if (!(await unitIsInScope(db, scopeOf(c), input.org_unit_id))) return refuse({ org_unit_id: 'users.error.unitOutOfScope' })
    if (await usernameTaken(db, input.username)) return refuse({ username: 'users.error.usernameTaken' })
    const passwordHash = await hashPassword(input.password)
    let id: number
    try {
      id = await db.transaction().execute(async (trx) => {
        const newId = await insertUser(trx, { username: input.username, displayName: input.display_name, orgUnitId: input.org_unit_id, passwordHash, roles: input.roles }, c.get('now')())
        const details = { username: input.username, org_unit_id: input.org_unit_id, roles: input.roles }
        await recordAudit(c, { event: 'admin.user.create', objectType: 'user', objectId: newId, details }, trx)
        return newId
      })
    } catch (err) {
      // Two admins creating the same username at once: the unique index decides.
      if (isUniqueViolation(err)) return refuse({ username: 'users.error.usernameTaken' })
      throw err
    }
    flash(c, 'users.created')
    return c.redirect(`/admin/users/${id}`, 303)
  })

  .get('/:id', allow('admin'), async (c) => {
    const target = await targetOf(c)
    if (!target) return c.notFound()
    const draft = await draftFor(c)
    return showPage(c, target, { values: draft ?? undefined, restored: draft !== null })
  })

  .post(
    '/:id',
    allow('admin'),
    validForm(updateUserForm, async (c, errors, values) => {
      const target = await targetOf(c)
      return target ? showPage(c, target, { errors, values }, 422) : c.notFound()
    }),
    async (c) => {
      const target = await targetOf(c)
      if (!target) return c.notFound()
      const input = c.req.valid('form')
      const values = { display_name: input.display_name, org_unit_id: String(input.org_unit_id), roles: input.roles }
      const refuse = (errors: FieldErrors) => showPage(c, target, { values, errors }, 422)
      if (!(await unitIsInScope(c.get('db'), scopeOf(c), input.org_unit_id))) return refuse({ org_unit_id: 'users.error.unitOutOfScope' })
      // Removing one's own admin role could leave a subtree with nobody to manage it.
      if (target.id === c.get('user')!.id && !input.roles.includes('admin')) return refuse({ roles: 'users.error.selfAdmin' })
      const accessChanged = target.org_unit_id !== input.org_unit_id || target.roles.join() !== input.roles.join()
      return act(c, target, 'admin.user.update', accessChanged ? 'users.updatedSignedOut' : 'users.updated', async (trx) => {
        const before = await lockUser(trx, target.id)
        const changed = [
          before.display_name !== input.display_name && 'display_name',
          before.org_unit_id !== input.org_unit_id && 'org_unit_id',
          before.roles.join() !== input.roles.join() && 'roles',
        ].filter((f): f is string => f !== false)
        await updateProfile(trx, target.id, { displayName: input.display_name, orgUnitId: input.org_unit_id })
        if (changed.includes('roles')) await setRoles(trx, target.id, input.roles)
        // What a user may see depends on their roles and unit: a change takes effect at once.
        const ended = changed.includes('roles') || changed.includes('org_unit_id') ? await endSessions(c, trx, target.id) : 0
        return {
          changed,
          before: { roles: before.roles, org_unit_id: before.org_unit_id },
          after: { roles: input.roles, org_unit_id: input.org_unit_id },
          sessions_ended: ended,
        }
      })
    },
  )

  .route('/', userActionRoutes)
