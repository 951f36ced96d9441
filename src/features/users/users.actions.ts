import { Hono, type Context } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { allow } from '../../auth/access.ts'
import { hashPassword } from '../../auth/password.ts'
import { invalidateUserSessions } from '../../auth/session.ts'
import type { Db } from '../../db/connect.ts'
import { checkPassword } from '../../domain/password-policy.ts'
import { validForm } from '../../http/form-errors.ts'
import { flash } from '../../http/render.ts'
import type { MessageKey } from '../../i18n/i18n.ts'
import { recordAudit } from '../audit/audit.ts'
import { resetPasswordForm } from './users.forms.ts'
import { showPage } from './users.pages.ts'
import { clearLockout, findUserInScope, lockUser, setDisabled, setTemporaryPassword, type ManagedUser } from './users.queries.ts'

type C = Context<AppEnv>

/** Missing, malformed or outside the admin's subtree: all three are the same 404. */
export async function targetOf(c: C): Promise<ManagedUser | undefined> {
  const raw = c.req.param('id')
  if (!raw || !/^\d{1,9}$/.test(raw)) return undefined
  return findUserInScope(c.get('db'), c.get('user')!.orgUnit.path, Number(raw), c.get('now')())
}

/** An admin acting on their own account keeps the session they are using; every other one ends. */
export const endSessions = (c: C, trx: Db, userId: number) =>
  invalidateUserSessions(trx, userId, userId === c.get('user')!.id ? c.get('sessionId')! : undefined)

/** The change, any session ending and its one audit row commit together or not at all. */
export async function act(c: C, target: ManagedUser, event: string, done: MessageKey, work: (trx: Db) => Promise<Record<string, unknown>>) {
  await c.get('db').transaction().execute(async (trx) => {
    const details = await work(trx)
    await recordAudit(c, { event, objectType: 'user', objectId: target.id, details }, trx)
  })
  flash(c, done)
  return c.redirect(`/admin/users/${target.id}`, 303)
}

/** The buttons on a user's page: each is a POST to a noun under /admin/users/:id. */
export const userActionRoutes = new Hono<AppEnv>()
  .post('/:id/disable', allow('admin'), async (c) => {
    const target = await targetOf(c)
    if (!target) return c.notFound()
    // Locking oneself out could leave a subtree with nobody to manage it.
    if (target.id === c.get('user')!.id) return showPage(c, target, { actionError: 'users.error.selfDisable' }, 422)
    return act(c, target, 'admin.user.disable', 'users.disabled', async (trx) => {
      await setDisabled(trx, target.id, true, c.get('now')())
      return { sessions_ended: await endSessions(c, trx, target.id) }
    })
  })

  .post('/:id/enable', allow('admin'), async (c) => {
    const target = await targetOf(c)
    if (!target) return c.notFound()
    return act(c, target, 'admin.user.enable', 'users.enabled', async (trx) => {
      await setDisabled(trx, target.id, false, c.get('now')())
      return {}
    })
  })

  .post(
    '/:id/password-reset',
    allow('admin'),
    validForm(resetPasswordForm, async (c, errors) => {
      const target = await targetOf(c)
      return target ? showPage(c, target, { resetErrors: errors }, 422) : c.notFound()
    }),
    async (c) => {
      const target = await targetOf(c)
      if (!target) return c.notFound()
      const { password } = c.req.valid('form')
      const problem = checkPassword(password, target.username)
      if (problem) return showPage(c, target, { resetErrors: { password: `password.${problem}` } }, 422)
      const passwordHash = await hashPassword(password)
      return act(c, target, 'admin.user.password_reset', 'users.passwordReset', async (trx) => {
        await setTemporaryPassword(trx, target.id, passwordHash, c.get('now')())
        return { sessions_ended: await endSessions(c, trx, target.id) }
      })
    },
  )

  .post('/:id/unlock', allow('admin'), async (c) => {
    const target = await targetOf(c)
    if (!target) return c.notFound()
    return act(c, target, 'admin.user.unlock', 'users.unlocked', async (trx) => {
      const before = await lockUser(trx, target.id)
      await clearLockout(trx, target.id)
      return { failed_logins_before: before.failed_logins, locked_until_before: before.locked_until?.toISOString() ?? null }
    })
  })

  .post('/:id/sessions/end', allow('admin'), async (c) => {
    const target = await targetOf(c)
    if (!target) return c.notFound()
    return act(c, target, 'admin.user.sessions_end', 'users.sessionsEnded', async (trx) => ({
      sessions_ended: await endSessions(c, trx, target.id),
    }))
  })
