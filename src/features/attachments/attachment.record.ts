import { isOneOf } from '../../domain/case-vocabulary.ts'
import type { Translate } from '../../i18n/i18n.ts'
import type { Errors } from '../case-actions/case-actions.forms.ts'
import { options } from '../case-actions/record-fields.ts'
import type { RecordDefinition } from '../case-actions/record-flow.ts'
import { checkFile, fileError } from './attachment-file.ts'
import { ATTACHMENT_KINDS, DESCRIPTION_LIMIT } from './attachment-limits.ts'
import { insertAttachment } from './attachments.queries.ts'
import { formatSize } from './attachments.section.ts'

/**
 * A file kept with the case: evidence, a signed agreement, a receipt, a photo. The bytes go into
 * the database with the row, in the record's transaction, so every app process can serve them;
 * the timeline keeps the kind, type and size, never the content or the name.
 */
export const attachmentRecord: RecordDefinition = {
  name: 'attachment',
  path: '/:id{[0-9]+}/attachments',
  button: true,
  multipart: true,
  template: 'attachment',
  fields: async (c) => {
    const t = c.get('t')
    return [
      { name: 'file', type: 'file', label: t('attachments.field.file'), required: true, accept: 'image/*,application/pdf', hint: t('attachments.hint.file') },
      { name: 'kind', type: 'select', label: t('attachments.field.kind'), required: true, options: options(t, 'attachments.kind', ATTACHMENT_KINDS) },
      { name: 'description', type: 'textarea', label: t('attachments.field.description'), maxlength: DESCRIPTION_LIMIT, hint: t('attachments.hint.description') },
    ]
  },
  validate: async ({ c, k, values: v, files, now }) => {
    const errors: Errors = {}
    const checked = await checkFile(files.file)
    if (!checked.ok) errors.file = fileError(checked.problem, 'upload')
    const kind = isOneOf(ATTACHMENT_KINDS, v.kind) ? v.kind : null
    if (!kind) errors.kind = v.kind ? 'actions.error.invalid' : 'actions.error.required'
    const description = (v.description ?? '').trim()
    if ([...description].length > DESCRIPTION_LIMIT) errors.description = 'actions.error.tooLong'
    return { errors, write: async (trx) => {
      if (!checked.ok) throw new Error('attachment written without a checked file')
      const id = await insertAttachment(trx, { caseId: k.id, kind: kind!, description: description || null, file: checked.file, uploadedBy: c.get('user')!.id, at: now })
      return { attachment_id: id, kind, mime: checked.file.mime, size: checked.file.size }
    } }
  },
  describe: (t: Translate, p) => {
    const parts: string[] = []
    if (isOneOf(ATTACHMENT_KINDS, p.kind)) parts.push(t(`attachments.kind.${p.kind}`))
    if (typeof p.size === 'number') parts.push(formatSize(p.size))
    return parts
  },
}
