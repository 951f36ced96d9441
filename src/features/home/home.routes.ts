import { Hono } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { signedIn } from '../../auth/access.ts'
import { page } from '../../http/render.ts'
import { adminOverview } from './home.queries.ts'

/** `/`: each role's own starting point (DESIGN §7). Case queues join here as the case features land. */
export const homeRoutes = new Hono<AppEnv>().get('/', signedIn, async (c) => {
  const user = c.get('user')!
  const overview = user.roles.includes('admin') ? await adminOverview(c.get('db'), user.orgUnit.path, c.get('now')()) : null
  return page(c, 'home/index', { title: c.get('t')('home.title'), overview })
})
