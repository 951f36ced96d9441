import { createMiddleware } from 'hono/factory'
import { getCookie } from 'hono/cookie'
import type { AppEnv } from '../app-env.ts'
import { cookieExpiry } from '../domain/session-expiry.ts'
import { isLocale, translator } from '../i18n/i18n.ts'
import { loadCurrentUser } from './auth.queries.ts'
import { validateSessionToken } from './session.ts'
import { clearSessionCookie, readSessionCookie, writeSessionCookie } from './session-cookie.ts'

export const LANG_COOKIE = 'fq_lang'

/** Reads the session cookie once per request and sets c.var.user (or null) and the language. */
export const sessionMiddleware = createMiddleware<AppEnv>(async (c, next) => {
  c.set('user', null)
  c.set('sessionId', null)
  c.set('expiredUserId', null)
  const token = readSessionCookie(c)
  if (token) {
    const db = c.get('db')
    const now = c.get('now')()
    const check = await validateSessionToken(db, token, now)
    const user = check.ok ? await loadCurrentUser(db, check.session.userId) : null
    if (check.ok && user) {
      c.set('user', user)
      c.set('sessionId', check.session.id)
      writeSessionCookie(c, token, cookieExpiry(check.session, now))
    } else {
      if (!check.ok && check.reason !== 'invalid') c.set('expiredUserId', check.userId)
      clearSessionCookie(c)
    }
  }
  const userLocale = c.get('user')?.locale
  if (!isLocale(getCookie(c, LANG_COOKIE)) && userLocale) {
    c.set('locale', userLocale)
    c.set('t', translator(userLocale))
  }
  await next()
})

/** The language before anyone is known: the switch's cookie, else Chinese. */
export const localeMiddleware = createMiddleware<AppEnv>(async (c, next) => {
  const cookieLang = getCookie(c, LANG_COOKIE)
  const locale = isLocale(cookieLang) ? cookieLang : 'zh-CN'
  c.set('locale', locale)
  c.set('t', translator(locale))
  await next()
})
