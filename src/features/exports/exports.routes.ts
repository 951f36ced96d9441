import { Hono } from 'hono'
import type { AppEnv } from '../../app-env.ts'

/** Exports of the case list and the dashboard tables (issue 6): built in exports/. */
export const exportRoutes = new Hono<AppEnv>()
