import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../app-env.ts'
import { beijingDate } from '../domain/beijing-date.ts'
import { hasAnyRole } from '../domain/roles.ts'
import { earlyWarningCount } from '../features/early-warning/early-warning.queries.ts'
import { homeBadgeCounts } from '../features/home/home.queries.ts'

/**
 * Counts beside the navigation (DESIGN §7: what needs the user now). Only full pages show the
 * navigation, so fragment requests skip the queries; a full page costs at most two:
 * - earlyWarning: open red and orange cases the user may see (managers, rights officers, instructors);
 * - home: referrals waiting for the user's unit to acknowledge, plus open cases of theirs (assigned
 *   to them; any in scope for a rights officer) with a clock due within two working days or overdue.
 */
export const navBadges = createMiddleware<AppEnv>(async (c, next) => {
  c.set('badges', {})
  const user = c.get('user')
  const fullPage = c.req.method === 'GET' && (c.req.header('HX-Request') !== 'true' || c.req.header('HX-Boosted') === 'true')
  if (user && fullPage) {
    const db = c.get('db')
    const warn = hasAnyRole(user.roles, ['manager', 'rights_officer', 'bargaining_instructor'])
    const [earlyWarning, home] = await Promise.all([
      warn ? earlyWarningCount(db, user) : Promise.resolve(0),
      homeBadgeCounts(db, user, beijingDate(c.get('now')())),
    ])
    c.set('badges', { earlyWarning, home: home.referrals + home.dueCases })
  }
  await next()
})
