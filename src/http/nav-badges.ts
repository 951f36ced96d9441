import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../app-env.ts'
import { hasAnyRole } from '../domain/roles.ts'
import { earlyWarningCount } from '../features/early-warning/early-warning.queries.ts'

/**
 * Counts beside the navigation (DESIGN §7: what needs the user now). Only full pages show the
 * navigation, so fragment requests skip the queries.
 */
export const navBadges = createMiddleware<AppEnv>(async (c, next) => {
  c.set('badges', {})
  const user = c.get('user')
  const fullPage = c.req.method === 'GET' && (c.req.header('HX-Request') !== 'true' || c.req.header('HX-Boosted') === 'true')
  if (user && fullPage && hasAnyRole(user.roles, ['manager', 'rights_officer', 'bargaining_instructor'])) {
    c.set('badges', { earlyWarning: await earlyWarningCount(c.get('db'), user) })
  }
  await next()
})
