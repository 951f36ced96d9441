import type { MessageKey } from '../../i18n/i18n.ts'
import { checkFile, fileError, isBlankFile, type CheckedFile } from '../attachments/attachment-file.ts'

/**
 * The informant's optional photo (a notice on the gate, a crowd at the canteen): checked like any
 * attachment, but images only. A refused photo cannot be kept for the next try, so its message says
 * the rest of the form was kept and the photo must be chosen again.
 */
export async function reportPhoto(raw: unknown): Promise<{ file: CheckedFile | null; error?: MessageKey }> {
  const first = Array.isArray(raw) ? raw[0] : raw
  if (isBlankFile(first)) return { file: null }
  const checked = await checkFile(first, 'image')
  return checked.ok ? { file: checked.file } : { file: null, error: fileError(checked.problem, 'photo') }
}
