import { Hono } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { signedIn } from '../../auth/access.ts'
import { hashPassword, verifyPassword } from '../../auth/password.ts'
import { invalidateUserSessions } from '../../auth/session.ts'
import { checkPassword } from '../../domain/password-policy.ts'
import { validForm, type FieldErrors } from '../../http/form-errors.ts'
import { flash, page } from '../../http/render.ts'
import { recordAudit } from '../audit/audit.ts'
import { changePasswordForm } from './account.forms.ts'
import { passwordHashOf, setOwnPassword } from './account.queries.ts'

const form = (c: Parameters<typeof page>[0], errors: FieldErrors = {}, status: 200 | 422 = 200) =>
  page(c, 'account/password', { title: c.get('t')('account.password.title'), errors }, status)

/** Every user can change their own password; doing so signs them out everywhere else. */
export const accountRoutes = new Hono<AppEnv>()
  .get('/password', signedIn, (c) => form(c))
  .post(
    '/password',
    signedIn,
    validForm(changePasswordForm, (c, errors) => form(c, errors, 422)),
    async (c) => {
      const user = c.get('user')!
      const db = c.get('db')
      const input = c.req.valid('form')
      const stored = await passwordHashOf(db, user.id)
      if (!stored || !(await verifyPassword(stored, input.current_password))) {
        return form(c, { current_password: 'account.password.wrongCurrent' }, 422)
      }
      const problem = checkPassword(input.new_password, user.username)
      if (problem) return form(c, { new_password: `password.${problem}` }, 422)
      if (input.new_password !== input.confirm_password) return form(c, { confirm_password: 'account.password.mismatch' }, 422)
      const newHash = await hashPassword(input.new_password)
      await db.transaction().execute(async (trx) => {
        await setOwnPassword(trx, user.id, newHash, c.get('now')())
        const ended = await invalidateUserSessions(trx, user.id, c.get('sessionId')!)
        await recordAudit(c, { event: 'account.password_changed', objectType: 'user', objectId: user.id, details: { other_sessions_ended: ended } }, trx)
      })
      flash(c, 'account.password.changed')
      return c.redirect('/', 303)
    },
  )
