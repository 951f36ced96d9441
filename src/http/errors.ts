import type { Context, ErrorHandler, NotFoundHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { AppEnv } from '../app-env.ts'
import { translator } from '../i18n/i18n.ts'
import { page } from './render.ts'

export const onNotFound: NotFoundHandler<AppEnv> = (c) =>
  page(c, 'errors/not-found', { title: c.get('t')('error.notFound.title') }, 404)

/**
 * The one last-resort handler: the person sees a request id to quote to support, never a stack,
 * SQL or a file path; the log gets the details under the same id.
 */
export const onError: ErrorHandler<AppEnv> = (err, c: Context<AppEnv>) => {
  if (err instanceof HTTPException && err.status < 500) {
    return page(c, 'errors/error', { title: err.message || String(err.status), message: '' }, err.status)
  }
  const requestId = c.get('requestId') ?? 'unknown'
  console.error(`[${requestId}] ${c.req.method} ${c.req.path} failed:`, err)
  if (!c.get('t')) c.set('t', translator('zh-CN'))
  if (c.get('user') === undefined) c.set('user', null)
  return page(c, 'errors/server-error', { title: c.get('t')('error.server.title'), requestId }, 500)
}
