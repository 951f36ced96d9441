import type { Context, MiddlewareHandler } from 'hono'
import { createMiddleware } from 'hono/factory'
import { matchedRoutes } from 'hono/route'
import type { AppEnv } from '../app-env.ts'
import { hasAnyRole, type Role } from '../domain/roles.ts'
import { recordAudit } from '../features/audit/audit.ts'
import { page } from '../http/render.ts'
import { saveDraft, type DraftFields } from './form-drafts.queries.ts'

/**
 * Every route states who may use it, with one of `publicRoute`, `signedIn` or `allow(...roles)`.
 * The global `denyUndeclared` guard refuses any route that did not, so forgetting is safe.
 */
export type AccessPolicy = { kind: 'public' } | { kind: 'signed_in' } | { kind: 'roles'; roles: readonly Role[] }

const ACCESS = Symbol('access-policy')
type Declared = MiddlewareHandler<AppEnv> & { [ACCESS]: AccessPolicy }

export function policyOf(handler: unknown): AccessPolicy | undefined {
  return (handler as Partial<Declared> | null)?.[ACCESS]
}

function declare(policy: AccessPolicy, mw: MiddlewareHandler<AppEnv>): Declared {
  return Object.assign(mw, { [ACCESS]: policy })
}

/** Routes a person may use before signing in: the login page, static files, health checks. */
export const publicRoute = declare({ kind: 'public' }, async (_c, next) => {
  await next()
})

// Paths a user who must change their password may still reach.
const PASSWORD_CHANGE_PATHS = new Set(['/account/password', '/logout', '/lang'])

async function requireUser(c: Context<AppEnv>, next: () => Promise<void>, roles: readonly Role[] | null) {
  const user = c.get('user')
  if (!user) return askToSignIn(c)
  if (user.mustChangePassword && !PASSWORD_CHANGE_PATHS.has(c.req.path)) {
    return c.req.header('HX-Request') ? hxRedirect(c, '/account/password') : c.redirect('/account/password', 303)
  }
  if (roles && !hasAnyRole(user.roles, roles)) return forbidden(c)
  await next()
}

export const signedIn = declare({ kind: 'signed_in' }, (c, next) => requireUser(c, next, null))

export function allow(...roles: Role[]): Declared {
  return declare({ kind: 'roles', roles }, (c, next) => requireUser(c, next, roles))
}

/** Global guard: a matched endpoint with no declared policy is refused (deny by default). */
export const denyUndeclared = createMiddleware<AppEnv>(async (c, next) => {
  const endpoints = matchedRoutes(c).filter((r) => r.method !== 'ALL')
  if (endpoints.length > 0 && !endpoints.some((r) => policyOf(r.handler))) return forbidden(c)
  await next()
})

export async function forbidden(c: Context<AppEnv>) {
  await recordAudit(c, { event: 'access.denied', outcome: 'denied', objectType: 'route', objectId: `${c.req.method} ${c.req.path}` })
  return page(c, 'errors/forbidden', { title: c.get('t')('error.forbidden.title') }, 403)
}

function hxRedirect(c: Context<AppEnv>, location: string) {
  c.header('HX-Redirect', location)
  return c.body(null, 204)
}

/** Only same-site paths are followed after sign-in, never another host (open-redirect guard). */
export function safeNext(next: string | undefined | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return '/'
  return next
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
const NOT_KEPT = /password|token|^_/i

/**
 * Not signed in (or the session ran out). An htmx request gets HX-Redirect, never a login page
 * swapped into a fragment. If the session just expired during a form submission, what the user
 * typed is kept for them and they come back to that form after signing in again.
 */
async function askToSignIn(c: Context<AppEnv>) {
  const isHx = c.req.header('HX-Request') === 'true'
  let returnTo = c.req.method === 'GET' ? c.req.path + new URL(c.req.url).search : '/'
  if (UNSAFE.has(c.req.method)) {
    const body = await formBody(c)
    const formPage = pageOfForm(c) ?? (typeof body?._page === 'string' ? safeNext(body._page) : null)
    if (formPage) returnTo = formPage
    const expiredUserId = c.get('expiredUserId')
    const fields = body && keptFields(body)
    if (expiredUserId && formPage && fields) await saveDraft(c.get('db'), expiredUserId, formPage, fields, c.get('now')())
  } else if (isHx) {
    returnTo = pageOfForm(c) ?? returnTo
  }
  const location = `/login?next=${encodeURIComponent(safeNext(returnTo))}${c.get('expiredUserId') ? '&expired=1' : ''}`
  return isHx ? hxRedirect(c, location) : c.redirect(location, 303)
}

/** The page the form was on: htmx tells us (HX-Current-URL); a plain form says so in `_page`. */
function pageOfForm(c: Context<AppEnv>): string | null {
  const current = c.req.header('HX-Current-URL')
  if (current) {
    try {
      const url = new URL(current)
      if (url.origin === new URL(c.req.url).origin) return url.pathname + url.search
    } catch {
      return null
    }
  }
  return null
}

async function formBody(c: Context<AppEnv>) {
  const type = c.req.header('Content-Type') ?? ''
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) return null
  return c.req.parseBody({ all: true })
}

function keptFields(body: Record<string, unknown>): DraftFields | null {
  const fields: DraftFields = {}
  for (const [name, value] of Object.entries(body)) {
    if (NOT_KEPT.test(name)) continue
    const values = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string')
    if (values.length > 0) fields[name] = values.length === 1 ? values[0]! : values
  }
  return Object.keys(fields).length > 0 ? fields : null
}
