import { Hono } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { allow } from '../../auth/access.ts'
import { recordAudit } from '../audit/audit.ts'
import { attachmentHeaders } from './attachment-download.ts'
import { visibleAttachment } from './attachments.queries.ts'

/** Everyone who reads cases; an admin sees no case content. Scope decides which cases (404 outside it). */
const id = (v: string | undefined) => (v && /^\d{1,9}$/.test(v) ? Number(v) : null)

const readers = allow('informant', 'rights_officer', 'bargaining_instructor', 'mediator', 'legal_adviser', 'manager')

/** GET /cases/:id/attachments/:aid — the bytes as stored, with one audit row per download. Mounted under /cases. */
export const attachmentRoutes = new Hono<AppEnv>()
  .get('/:id{[0-9]+}/attachments/:aid{[0-9]+}', readers, async (c) => {
    const caseId = id(c.req.param('id'))
    const attachmentId = id(c.req.param('aid'))
    if (caseId === null || attachmentId === null) return c.notFound()
    const a = await visibleAttachment(c.get('db'), c.get('user')!, caseId, attachmentId)
    if (!a) return c.notFound()
    await recordAudit(c, { event: 'attachment.downloaded', objectType: 'case', objectId: caseId, details: { attachment_id: a.id, kind: a.kind, size: a.size_bytes } })
    return c.body(new Uint8Array(a.content), 200, attachmentHeaders(a.mime, a.filename, a.content.byteLength))
  })
