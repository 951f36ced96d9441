import { Hono } from 'hono'
import { sql } from 'kysely'
import type { AppEnv } from '../../app-env.ts'
import { publicRoute } from '../../auth/access.ts'

/** For a load balancer: /healthz says the process runs, /readyz that the database answers. */
export const healthRoutes = new Hono<AppEnv>()
  .get('/healthz', publicRoute, (c) => c.text('ok'))
  .get('/readyz', publicRoute, async (c) => {
    try {
      await sql`select 1`.execute(c.get('db'))
      return c.text('ready')
    } catch {
      return c.text('database unavailable', 503)
    }
  })
