import { Hono } from 'hono'
import { setCookie } from 'hono/cookie'
import type { AppEnv } from '../app-env.ts'
import { addressThrottled, afterFailure, isLocked } from '../domain/login-throttle.ts'
import { cookieExpiry } from '../domain/session-expiry.ts'
import { recordAudit } from '../features/audit/audit.ts'
import { isLocale } from '../i18n/i18n.ts'
import { clientIp } from '../http/client-ip.ts'
import { page } from '../http/render.ts'
import { publicRoute, safeNext, signedIn } from './access.ts'
import {
  addressFailureCounts, clearLoginFailures, findUserForLogin, recordAddressFailure, setLoginFailures, setUserLocale,
} from './auth.queries.ts'
import { verifyAgainstNothing, verifyPassword } from './password.ts'
import { createSession, invalidateSession } from './session.ts'
import { clearSessionCookie, writeSessionCookie } from './session-cookie.ts'
import { LANG_COOKIE } from './session.middleware.ts'

const field = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '')

export const authRoutes = new Hono<AppEnv>()
  .get('/login', publicRoute, (c) => {
    if (c.get('user')) return c.redirect(safeNext(c.req.query('next')), 303)
    return page(c, 'auth/login', {
      title: c.get('t')('auth.signIn'),
      next: safeNext(c.req.query('next')),
      expired: c.req.query('expired') === '1',
      username: '',
      error: null,
    })
  })

  .post('/login', publicRoute, async (c) => {
    const db = c.get('db')
    const t = c.get('t')
    const now = c.get('now')()
    const ip = clientIp(c)
    const body = await c.req.parseBody()
    const username = field(body.username, 40).trim().toLowerCase()
    const password = field(body.password, 512)
    const next = safeNext(field(body.next, 2000))
    const failPage = (status: 401 | 429, error: string) =>
      page(c, 'auth/login', { title: t('auth.signIn'), next, expired: false, username, error }, status)

    const counts = await addressFailureCounts(db, ip, now)
    if (addressThrottled(counts.minute, counts.hour)) {
      await recordAudit(c, { event: 'auth.login', outcome: 'denied', details: { reason: 'address_throttled' }, actor: { id: null, username } })
      return failPage(429, t('auth.throttled'))
    }

    const user = username ? await findUserForLogin(db, username) : undefined
    const locked = user ? isLocked(user.locked_until, now) : false
    // Unknown user, disabled, locked or wrong password: one answer, so none of them can be told apart.
    const passwordOk = user && !user.disabled_at && !locked ? await verifyPassword(user.password_hash, password) : await verifyAgainstNothing(password)
    if (!user || !passwordOk) {
      await recordAddressFailure(db, ip, now)
      const reason = !user ? 'unknown_user' : user.disabled_at ? 'disabled' : locked ? 'locked' : 'wrong_password'
      await recordAudit(c, { event: 'auth.login', outcome: 'failure', details: { reason }, actor: { id: user?.id ?? null, username } })
      if (user && reason === 'wrong_password') {
        const { failures, lockUntil } = afterFailure(user.failed_logins, now)
        await setLoginFailures(db, user.id, failures, lockUntil)
        if (lockUntil) {
          await recordAudit(c, { event: 'auth.lockout', outcome: 'success', objectType: 'user', objectId: user.id,
            details: { until: lockUntil.toISOString(), failures }, actor: { id: user.id, username } })
        }
      }
      return failPage(401, t('auth.failed'))
    }

    // A fresh token at every login; any session the browser brought along is ended (no fixation).
    const previous = c.get('sessionId')
    if (previous) await invalidateSession(db, previous)
    await clearLoginFailures(db, user.id)
    const { token, session } = await createSession(db, user.id, now, { ip, userAgent: c.req.header('User-Agent') ?? null })
    writeSessionCookie(c, token, cookieExpiry(session, now))
    await recordAudit(c, { event: 'auth.login', outcome: 'success', objectType: 'user', objectId: user.id, actor: { id: user.id, username } })
    return c.redirect(next, 303)
  })

  .post('/logout', signedIn, async (c) => {
    await recordAudit(c, { event: 'auth.logout', objectType: 'user', objectId: c.get('user')!.id })
    await invalidateSession(c.get('db'), c.get('sessionId')!)
    clearSessionCookie(c)
    c.header('Clear-Site-Data', '"cache", "storage"')
    return c.redirect('/login', 303)
  })

  /** The language switch: remembered in a cookie, and on the account when signed in. */
  .post('/lang', publicRoute, async (c) => {
    const body = await c.req.parseBody()
    const locale = isLocale(body.locale) ? body.locale : 'zh-CN'
    setCookie(c, LANG_COOKIE, locale, { path: '/', sameSite: 'Lax', httpOnly: true, maxAge: 365 * 86_400 })
    const user = c.get('user')
    if (user) await setUserLocale(c.get('db'), user.id, locale)
    return c.redirect(safeNext(field(body.back, 2000)), 303)
  })
