import { Hono, type Context } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { allow, forbidden } from '../../auth/access.ts'
import { canRevealPii } from '../../domain/pii-reveal.ts'
import { fragment } from '../../http/render.ts'
import { recordAudit } from '../audit/audit.ts'
import { parseCaseFilter } from './cases.filters.ts'
import { CASE_READERS, listPage, showPage, workersView } from './cases.pages.ts'
import { caseWorkers, findCase, recordReveal } from './cases.queries.ts'

type C = Context<AppEnv>

/** Missing, malformed or outside the user's scope: all three are the same 404. */
async function caseOf(c: C) {
  const raw = c.req.param('id')
  if (!raw || !/^\d{1,9}$/.test(raw)) return undefined
  return findCase(c.get('db'), c.get('user')!, Number(raw))
}

// /cases/new and its sub-paths belong to intake, which is mounted before this router.
export const caseRoutes = new Hono<AppEnv>()
  .get('/', allow(...CASE_READERS), (c) => listPage(c, parseCaseFilter(c.req.query())))

  .get('/:id', allow(...CASE_READERS), async (c) => {
    const found = await caseOf(c)
    return found ? showPage(c, found) : c.notFound()
  })

  /**
   * Shows full phones and ID numbers for this case for the rest of this session (DESIGN §6).
   * The first reveal per session and case is audited; the values themselves are never logged.
   */
  .post('/:id/reveal', allow(...CASE_READERS), async (c) => {
    const found = await caseOf(c)
    if (!found) return c.notFound()
    const user = c.get('user')!
    const allowed = canRevealPii({
      roles: user.roles, userId: user.id, assignedMediatorId: found.assigned_mediator_id, assignedLegalAdviserId: found.assigned_legal_adviser_id,
    })
    if (!allowed) return forbidden(c)
    await c.get('db').transaction().execute(async (trx) => {
      if (!(await recordReveal(trx, c.get('sessionId')!, found.id, c.get('now')()))) return
      const workers = await caseWorkers(trx, user, found.id)
      await recordAudit(c, { event: 'pii.reveal', objectType: 'case', objectId: found.id, details: { workers: workers.length } }, trx)
    })
    if (c.req.header('HX-Target') !== 'workers') return c.redirect(`/cases/${found.id}#workers`, 303)
    return fragment(c, 'cases/_workers', { workers: await workersView(c, found, true) })
  })
