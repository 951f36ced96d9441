import { Hono } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { signedIn } from '../../auth/access.ts'
import { page } from '../../http/render.ts'
import { intakeFormsFor } from '../../domain/intake-rules.ts'
import { adminOverview, recentReports } from './home.queries.ts'

/** `/`: each role's own starting point (DESIGN §7). Case queues join here as the case features land. */
export const homeRoutes = new Hono<AppEnv>().get('/', signedIn, async (c) => {
  const user = c.get('user')!
  const t = c.get('t')
  const overview = user.roles.includes('admin') ? await adminOverview(c.get('db'), user.orgUnit.path, c.get('now')()) : null
  const canReport = intakeFormsFor(user.roles).length > 0
  const reports = canReport ? (await recentReports(c.get('db'), user.id)).map((r) => ({ ...r, statusLabel: t(`status.${r.status}` as never) })) : []
  return page(c, 'home/index', { title: t('home.title'), overview, canReport, reports })
})
