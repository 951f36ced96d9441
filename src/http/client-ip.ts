import type { Context } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { AppEnv } from '../app-env.ts'

/**
 * The address a request came from. X-Forwarded-For is believed only when TRUST_PROXY says a proxy
 * of ours sits in front; otherwise anyone could pick their own address and dodge the login throttle.
 */
export function clientIp(c: Context<AppEnv>): string {
  if (c.get('config').trustProxy) {
    const forwarded = c.req.header('X-Forwarded-For')?.split(',')[0]?.trim()
    if (forwarded) return forwarded.slice(0, 64)
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    return 'unknown' // app.request() in tests has no socket
  }
}
