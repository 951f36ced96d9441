import { Hono } from 'hono'
import type { AppEnv } from '../../app-env.ts'

/** POST /cases/:id/<action>: every state change of a case, as a sub-resource of it. */
export const caseActionRoutes = new Hono<AppEnv>()
