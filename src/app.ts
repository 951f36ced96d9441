import { Hono } from 'hono'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from './app-env.ts'
import type { Config } from './config.ts'
import type { Db, DbKind } from './db/connect.ts'
import type { PiiCipher } from './privacy/pii-cipher.ts'
import { denyUndeclared } from './auth/access.ts'
import { authRoutes } from './auth/auth.routes.ts'
import { localeMiddleware, sessionMiddleware } from './auth/session.middleware.ts'
import { accountRoutes } from './features/account/account.routes.ts'
import { auditRoutes } from './features/audit/audit.routes.ts'
import { calendarRoutes } from './features/calendar/calendar.routes.ts'
import { settingsRoutes } from './features/settings/settings.routes.ts'
import { healthRoutes } from './features/health/health.routes.ts'
import { homeRoutes } from './features/home/home.routes.ts'
import { orgUnitRoutes } from './features/org-units/org-units.routes.ts'
import { userRoutes } from './features/users/users.routes.ts'
import { caseRoutes } from './features/cases/cases.routes.ts'
import { caseActionRoutes } from './features/case-actions/case-actions.routes.ts'
import { intakeRoutes } from './features/intake/intake.routes.ts'
import { respondentRoutes } from './features/respondents/respondents.routes.ts'
import { earlyWarningRoutes } from './features/early-warning/early-warning.routes.ts'
import { dashboardRoutes } from './features/dashboard/dashboard.routes.ts'
import { exportRoutes } from './features/exports/exports.routes.ts'
import { reportRoutes } from './features/reports/reports.routes.ts'
import { onError, onNotFound } from './http/errors.ts'
import { csrfProtection, formBodiesOnly, formBodyLimit, noNulBytes, noStore, securityHeaders } from './http/security.ts'
import { navBadges } from './http/nav-badges.ts'
import { staticFiles } from './http/static.ts'

export type AppDeps = { db: Db; dbKind: DbKind; config: Config; pii: PiiCipher; now?: () => Date }

/** Builds the whole app without listening: the server and the tests both call this. */
export function createApp(deps: AppDeps) {
  const now = deps.now ?? (() => new Date())
  const app = new Hono<AppEnv>()

  app.use(
    createMiddleware<AppEnv>(async (c, next) => {
      c.set('db', deps.db)
      c.set('dbKind', deps.dbKind)
      c.set('config', deps.config)
      c.set('now', now)
      c.set('pii', deps.pii)
      c.set('requestId', crypto.randomUUID().slice(0, 8))
      await next()
      c.header('X-Request-Id', c.get('requestId'))
    }),
  )
  app.use(localeMiddleware, securityHeaders, noStore, formBodiesOnly, formBodyLimit, csrfProtection, noNulBytes)
  app.use(sessionMiddleware, denyUndeclared, navBadges)

  app.route('/', staticFiles)
  app.route('/', healthRoutes)
  app.route('/', authRoutes)
  app.route('/', homeRoutes)
  app.route('/account', accountRoutes)
  // Intake owns /cases/new (and its field checks); mounted first so it wins over /cases/:id.
  app.route('/cases', intakeRoutes)
  app.route('/cases', caseActionRoutes)
  app.route('/cases', caseRoutes)
  app.route('/respondents', respondentRoutes)
  app.route('/early-warning', earlyWarningRoutes)
  app.route('/dashboard', dashboardRoutes)
  app.route('/reports', reportRoutes)
  app.route('/exports', exportRoutes)
  app.route('/admin/users', userRoutes)
  app.route('/admin/org-units', orgUnitRoutes)
  app.route('/admin/audit', auditRoutes)
  app.route('/admin/calendar', calendarRoutes)
  app.route('/admin/settings', settingsRoutes)

  app.notFound(onNotFound)
  app.onError(onError)
  return app
}

export type App = ReturnType<typeof createApp>
