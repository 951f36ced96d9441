import { prng } from '../db/seed/demo-people.ts'
import type { ScenarioId } from './bench-result.ts'
import { intakeForm, type IntakeTargets } from './intake-form.ts'
import { sameOriginForm } from './sign-in.ts'

export type Scenario = {
  id: ScenarioId
  name: string
  /** As a reader would type it (unencoded). */
  request: string
  method: 'GET' | 'POST'
  path: string
  headers: Record<string, string>
  body?: string
  /** Changes each request: another case id, another registration. */
  vary?: () => { path?: string; body?: string }
  expect: { status: number; location?: RegExp }
  /** How the requests were made, for the report. */
  note?: string
  /**
   * Intake only: starts a new batch of idempotency keys (their first 8 hex digits) and returns its
   * prefix, so the cases one run created can be counted exactly, apart from the warm-up's.
   */
  startBatch?: () => string
}

export type Fixtures = {
  baseUrl: string
  managerCookie: string
  officerCookie: string
  town: { id: number; name: string } | undefined
  caseIds: number[]
  search: string
  intake: IntakeTargets
  manager: string
  officer: string
}

const page = (cookie: string) => ({ Cookie: cookie, Accept: 'text/html' })

/** The seven measurements of issue 7, each as real a request as a signed-in browser would send. */
export function buildScenarios(ids: readonly ScenarioId[], fx: Fixtures): Scenario[] {
  const all: Record<ScenarioId, () => Scenario> = {
    bare: () => ({
      id: 'bare', name: 'Bare route (ceiling)', request: 'GET /healthz', method: 'GET', path: '/healthz', headers: {}, expect: { status: 200 },
      note: 'Bare route: `/healthz`, the app\'s own unauthenticated health route: it goes through every middleware of the app but touches no database.',
    }),
    list: () => ({
      id: 'list', name: 'Case list', request: 'GET /cases', method: 'GET', path: '/cases', headers: page(fx.managerCookie), expect: { status: 200 },
      note: `Pages are read by the demo district manager "${fx.manager}", who sees every case.`,
    }),
    filtered: () => {
      const query = `status=open&town=${fx.town?.id ?? ''}&type=wages`
      return {
        id: 'filtered', name: 'Filtered case list', request: `GET /cases?${query}`, method: 'GET', path: `/cases?${query}`,
        headers: page(fx.managerCookie), expect: { status: 200 },
        note: `Filtered list: open wage cases of ${fx.town ? `${fx.town.name} (town ${fx.town.id}), the town with the most cases` : 'no town (the database has none)'}.`,
      }
    },
    search: () => ({
      id: 'search', name: 'Search', request: `GET /cases?q=${fx.search}`, method: 'GET', path: `/cases?q=${encodeURIComponent(fx.search)}`,
      headers: page(fx.managerCookie), expect: { status: 200 },
      note: `Search: "${fx.search}"${fx.search === '工资' ? ' (wages), the commonest word of a labour dispute: it matches a large share of cases, the hard case for a list sorted by date' : ''}.`,
    }),
    case: () => {
      let next = 0
      const path = (id: number) => `/cases/${id}`
      return {
        id: 'case', name: 'Case page', request: 'GET /cases/:id', method: 'GET', path: path(fx.caseIds[0]!), headers: page(fx.managerCookie),
        vary: () => ({ path: path(fx.caseIds[next++ % fx.caseIds.length]!) }),
        expect: { status: 200 },
        note: `Case page: ${fx.caseIds.length.toLocaleString('en-US')} case ids drawn at random from the whole table, asked for in turn.`,
      }
    },
    dashboard: () => ({
      id: 'dashboard', name: 'Dashboard', request: 'GET /dashboard', method: 'GET', path: '/dashboard', headers: page(fx.managerCookie), expect: { status: 200 },
    }),
    intake: () => {
      const rng = prng(20_261_122)
      const newPrefix = () => crypto.randomUUID().slice(0, 8)
      let prefix = newPrefix()
      const form = () => intakeForm(rng, fx.intake, Date.now(), prefix + crypto.randomUUID().slice(8)).toString()
      return {
        id: 'intake', name: 'Intake (POST)', request: 'POST /cases?form=full', method: 'POST', path: '/cases?form=full',
        headers: { Cookie: fx.officerCookie, ...sameOriginForm(fx.baseUrl) }, body: form(),
        vary: () => ({ body: form() }),
        startBatch: () => (prefix = newPrefix()),
        expect: { status: 303, location: /^\/cases\/\d+$/ },
        note: `Intake: the rights officer "${fx.officer}" registers cases on the full form, each with a fresh idempotency key and its own content ` +
          '(src/bench/intake-form.ts: 1–2 respondents, 1–3 workers, 1–2 claims, 70% with a written application); only a 303 to the new case counts.',
      }
    },
  }
  return ids.map((id) => all[id]())
}
