import { Hono } from 'hono'
import type { AppEnv } from '../../app-env.ts'

export const caseRoutes = new Hono<AppEnv>()
