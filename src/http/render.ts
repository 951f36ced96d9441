import { fileURLToPath } from 'node:url'
import { Eta } from 'eta'
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { AppEnv } from '../app-env.ts'
import { isMessageKey, type MessageKey } from '../i18n/i18n.ts'
import { currentEntry, navigationFor } from './navigation.ts'
import { formatDate, formatDateTime } from './format.ts'

const eta = new Eta({ views: fileURLToPath(new URL('../../views', import.meta.url)), cache: true, autoEscape: true })

const FLASH_COOKIE = 'fq_flash'

/** Everything a template may use besides its own data: text, the user, and display formatting. */
function common(c: Context<AppEnv>) {
  const user = c.get('user')
  const entries = user ? navigationFor(user.roles) : []
  const current = currentEntry(entries, c.req.path)
  const badges = c.get('badges') ?? {}
  return {
    t: c.get('t'),
    locale: c.get('locale'),
    user,
    nav: entries.map((e) => ({ ...e, current: e.href === current, count: e.badge ? (badges[e.badge] ?? 0) : 0 })),
    path: c.req.path,
    fmt: { date: formatDate, dateTime: formatDateTime },
  }
}

/** A full page: the template calls layout() itself. */
export function page(c: Context<AppEnv>, template: string, data: Record<string, unknown> = {}, status: ContentfulStatusCode = 200) {
  const flashKey = getCookie(c, FLASH_COOKIE)
  if (flashKey) deleteCookie(c, FLASH_COOKIE, { path: '/' })
  const flash = flashKey && isMessageKey(flashKey) ? c.get('t')(flashKey) : null
  c.header('Vary', 'HX-Request')
  return c.html(eta.render(template, { ...common(c), flash, ...data }), status)
}

/** A fragment: the same partial a page includes, rendered alone for an htmx swap. */
export function fragment(c: Context<AppEnv>, template: string, data: Record<string, unknown> = {}, status: ContentfulStatusCode = 200) {
  c.header('Vary', 'HX-Request')
  return c.html(eta.render(template, { ...common(c), ...data }), status)
}

/** A one-line confirmation shown on the next page, after a POST that redirects (303). */
export function flash(c: Context<AppEnv>, key: MessageKey) {
  setCookie(c, FLASH_COOKIE, key, { path: '/', httpOnly: true, sameSite: 'Lax', maxAge: 60 })
}

/** Where a successful form POST goes next: 303 for a plain form, HX-Redirect... never needed with hx-boost. */
export function seeOther(c: Context<AppEnv>, location: string) {
  return c.redirect(location, 303)
}
