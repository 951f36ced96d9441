import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { AppEnv } from '../../app-env.ts'
import { fragment, page } from '../../http/render.ts'
import { loadActionCase, type ActionCase } from './case-actions.queries.ts'
import { panelView, type OpenForm } from './case-actions.panel.ts'

type C = Context<AppEnv>

export const idParam = (c: C, name = 'id') => {
  const v = c.req.param(name) ?? ''
  return /^\d{1,9}$/.test(v) ? Number(v) : null
}

/** The case, if this user may see it at all (case-scope); otherwise it does not exist for them. */
export async function visibleCase(c: C): Promise<ActionCase | null> {
  const id = idParam(c)
  return id === null ? null : ((await loadActionCase(c.get('db'), c.get('user')!, id)) ?? null)
}

/**
 * The panel with a form open: alone for htmx (swapped over the panel, whatever the form's boosted
 * target was, and never pushed into the history), or as a full page that works without script.
 */
export async function renderPanel(c: C, k: ActionCase, open: OpenForm | undefined, status: ContentfulStatusCode = 200) {
  const view = await panelView(c, k, open)
  if (c.req.header('HX-Request') === 'true' && c.req.header('HX-Boosted') !== 'true' || (c.req.header('HX-Request') === 'true' && c.req.method === 'POST')) {
    c.header('HX-Retarget', '#action-panel')
    c.header('HX-Reswap', 'outerHTML')
    c.header('HX-Push-Url', 'false')
    return fragment(c, 'case-actions/_panel', view, status)
  }
  return page(c, 'case-actions/form', { title: k.case_no, k: { id: k.id, caseNo: k.case_no, title: k.title }, panel: view }, status)
}

/** Someone else changed the case since the form was drawn: say who and when, and keep what was typed. */
export async function conflict(c: C, caseId: number, open: OpenForm) {
  const fresh = await loadActionCase(c.get('db'), c.get('user')!, caseId)
  if (!fresh) return c.notFound()
  return renderPanel(c, fresh, { ...open, conflict: true }, 409)
}
