import type { CurrentUser } from '../../app-env.ts'
import { caseVisibleTo } from '../../auth/case-scope.ts'
import type { Db } from '../../db/connect.ts'
import type { CheckedFile } from './attachment-file.ts'
import type { AttachmentKind } from './attachment-limits.ts'

export type NewAttachment = { caseId: number; kind: AttachmentKind; description: string | null; file: CheckedFile; uploadedBy: number; at: Date }

/** The row and its bytes, in the caller's transaction: both or neither. */
export async function insertAttachment(trx: Db, a: NewAttachment): Promise<number> {
  const { id } = await trx.insertInto('attachments').values({
    case_id: a.caseId, kind: a.kind, filename: a.file.filename, mime: a.file.mime, size_bytes: a.file.size,
    sha256: a.file.sha256, description: a.description, uploaded_by: a.uploadedBy, uploaded_at: a.at,
  }).returning('id').executeTakeFirstOrThrow()
  await trx.insertInto('attachment_contents').values({ attachment_id: id, content: a.file.bytes }).execute()
  return id
}

/** A case's attachments for its page (the case already found in the user's scope): never the bytes. */
export function caseAttachments(db: Db, caseId: number) {
  return db.selectFrom('attachments').innerJoin('users', 'users.id', 'attachments.uploaded_by')
    .select(['attachments.id', 'attachments.kind', 'attachments.filename', 'attachments.mime', 'attachments.size_bytes',
      'attachments.description', 'attachments.uploaded_at', 'users.display_name as uploader'])
    .where('attachments.case_id', '=', caseId).orderBy('attachments.id').execute()
}

/** One attachment with its bytes, only if it belongs to this case and the case is in the user's scope. */
export function visibleAttachment(db: Db, user: CurrentUser, caseId: number, attachmentId: number) {
  return db.selectFrom('attachments')
    .innerJoin('cases', 'cases.id', 'attachments.case_id')
    .innerJoin('attachment_contents', 'attachment_contents.attachment_id', 'attachments.id')
    .select(['attachments.id', 'attachments.kind', 'attachments.filename', 'attachments.mime', 'attachments.size_bytes', 'attachment_contents.content'])
    .where('attachments.id', '=', attachmentId).where('attachments.case_id', '=', caseId).where(caseVisibleTo(user, 'cases'))
    .executeTakeFirst()
}
