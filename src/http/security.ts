import type { Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { csrf } from 'hono/csrf'
import { createMiddleware } from 'hono/factory'
import { secureHeaders } from 'hono/secure-headers'
import type { AppEnv } from '../app-env.ts'
import { UPLOAD_BODY_LIMIT } from '../features/attachments/attachment-limits.ts'
import { page } from './render.ts'

/**
 * CSP: scripts only from our origin (htmx and our own files), never inline or eval. Styles stay
 * 'self' too; htmx's own indicator styles are switched off in its config so none are injected, and
 * the server-drawn charts carry ECharts' text styles as SVG attributes (src/charts/svg-rewrite.ts).
 */
const appHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    frameAncestors: ["'none'"],
    formAction: ["'self'"],
  },
  strictTransportSecurity: 'max-age=31536000; includeSubDomains',
  referrerPolicy: 'no-referrer',
  crossOriginOpenerPolicy: 'same-origin',
  xFrameOptions: 'DENY',
})

/**
 * The headers above on every response, except that a response which set a policy of its own keeps
 * it: a served attachment sets a stricter one (sandbox, no sources), which the app-wide policy
 * would otherwise overwrite.
 */
export const securityHeaders = createMiddleware<AppEnv>(async (c, next) => {
  let own: string | null = null
  await appHeaders(c, async () => {
    await next()
    own = c.res.headers.get('Content-Security-Policy')
  })
  if (own) c.res.headers.set('Content-Security-Policy', own)
})

/** Same-origin requests only, judged by Origin or Sec-Fetch-Site as browsers send them. */
export const csrfProtection = csrf()

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data']

/**
 * Hono's csrf() only inspects form and text/plain bodies. We accept nothing else on unsafe
 * methods, so a JSON or other body can never slip past it (415).
 */
export const formBodiesOnly = createMiddleware<AppEnv>(async (c, next) => {
  if (UNSAFE.has(c.req.method)) {
    const type = (c.req.header('Content-Type') ?? '').toLowerCase()
    if (type !== '' && !FORM_TYPES.some((t) => type.startsWith(t))) {
      return page(c, 'errors/error', { title: c.get('t')('error.unsupported.title'), message: c.get('t')('error.unsupported.body') }, 415)
    }
  }
  await next()
})

/** Forms are small: 1 MiB, except the few routes that take a file. */
export const FORM_BODY_LIMIT = 1024 * 1024

/** Routes that take a file: a case's attachments, and the intake form (the informant's photo). */
const UPLOAD_ROUTES = [/^\/cases\/\d{1,9}\/attachments$/, /^\/cases$/]
const isUpload = (c: Context<AppEnv>) => c.req.method === 'POST' && UPLOAD_ROUTES.some((r) => r.test(c.req.path))

const tooLarge = (body: 'error.tooLarge.body' | 'attachments.tooLarge.body') => (c: Context) => {
  const t = (c as Context<AppEnv>).get('t')
  return page(c as Context<AppEnv>, 'errors/error', { title: t('error.tooLarge.title'), message: t(body) }, 413)
}
const formLimit = bodyLimit({ maxSize: FORM_BODY_LIMIT, onError: tooLarge('error.tooLarge.body') })
const uploadLimit = bodyLimit({ maxSize: UPLOAD_BODY_LIMIT, onError: tooLarge('attachments.tooLarge.body') })

export const formBodyLimit = createMiddleware<AppEnv>((c, next) => (isUpload(c) ? uploadLimit(c, next) : formLimit(c, next)))

/** Pages carry names and personal data: never cached by the browser or a proxy. */
export const noStore = createMiddleware<AppEnv>(async (c, next) => {
  await next()
  if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store')
})

/**
 * PostgreSQL cannot store a NUL character in text, so a form or query carrying one would fail deep
 * in a query. Nobody types one: refuse it at the door with a plain message (400).
 */
export const noNulBytes = createMiddleware<AppEnv>(async (c, next) => {
  const type = (c.req.header('Content-Type') ?? '').toLowerCase()
  const inUrl = /%00/.test(new URL(c.req.url).search) || c.req.path.includes('\u0000')
  let inBody = false
  if (UNSAFE.has(c.req.method) && type.startsWith('application/x-www-form-urlencoded')) inBody = /%00/i.test(await c.req.text())
  else if (UNSAFE.has(c.req.method) && type.startsWith('multipart/form-data')) {
    // Text fields only: an uploaded file may well contain NUL bytes.
    const fields = Object.values(await c.req.parseBody({ all: true })).flat()
    inBody = fields.some((v) => typeof v === 'string' && v.includes('\u0000'))
  }
  if (inUrl || inBody) {
    const t = c.get('t')
    return page(c, 'errors/error', { title: t('error.badCharacters.title'), message: t('error.badCharacters.body') }, 400)
  }
  await next()
})
