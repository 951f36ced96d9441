import { Hono } from 'hono'
import type { AppEnv } from '../../app-env.ts'

// Placeholder until the documents feature is built: /cases/:id/documents/...
export const documentRoutes = new Hono<AppEnv>()
