import { Hono } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { signedIn } from '../../auth/access.ts'
import { page } from '../../http/render.ts'
import { intakeFormsFor } from '../../domain/intake-rules.ts'
import { adminOverview, recentReports } from './home.queries.ts'
import { homeSections } from './home.sections.ts'

/** `/`: each role's own starting point (DESIGN §7); a user with several roles sees each role's section. */
export const homeRoutes = new Hono<AppEnv>().get('/', signedIn, async (c) => {
  const user = c.get('user')!
  const t = c.get('t')
  const overview = user.roles.includes('admin') ? await adminOverview(c.get('db'), user.orgUnit.path, c.get('now')()) : null
  const canReport = intakeFormsFor(user.roles).length > 0
  const reports = canReport ? (await recentReports(c.get('db'), user.id)).map((r) => ({ ...r, statusLabel: t(`status.${r.status}` as never) })) : []
  const sections = await homeSections(c)
  // The triage section belongs to whichever triage role comes first, so a user holding both sees it once.
  const triageRole = user.roles.find((r) => r === 'rights_officer' || r === 'bargaining_instructor') ?? null
  return page(c, 'home/index', { title: t('home.title'), overview, canReport, reports, ...sections, triageRole })
})
