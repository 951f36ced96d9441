import { Hono } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { allow } from '../../auth/access.ts'
import { DOCUMENT_READERS, isDocumentKind } from '../../domain/documents.ts'
import { idParam } from '../case-actions/case-actions.http.ts'
import { loadDocumentCase, showDocument, showSessionRecord } from './documents.pages.ts'

/**
 * /cases/:id/documents/<kind> and /cases/:id/documents/session-record/<session id>: printable A4
 * pages. A case outside the user's scope, a document that does not apply to the case as it stands,
 * and an unknown kind are all the same 404.
 */
export const documentRoutes = new Hono<AppEnv>()
  .get('/:id{[0-9]+}/documents/session-record/:sid{[0-9]+}', allow(...DOCUMENT_READERS), async (c) => {
    const id = idParam(c)
    const sid = idParam(c, 'sid')
    const loaded = id === null || sid === null ? null : await loadDocumentCase(c, id)
    return loaded && sid !== null ? showSessionRecord(c, loaded, sid) : c.notFound()
  })
  .get('/:id{[0-9]+}/documents/:doc', allow(...DOCUMENT_READERS), async (c) => {
    const id = idParam(c)
    const kind = c.req.param('doc')
    if (id === null || !isDocumentKind(kind)) return c.notFound()
    const loaded = await loadDocumentCase(c, id)
    return loaded && loaded.available.includes(kind) ? showDocument(c, loaded, kind) : c.notFound()
  })
