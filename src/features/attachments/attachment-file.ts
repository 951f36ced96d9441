import { createHash } from 'node:crypto'
import { fileTypeFromBuffer } from 'file-type'
import type { MessageKey } from '../../i18n/i18n.ts'
import { ATTACHMENT_MIMES, MAX_ATTACHMENT_BYTES, type AttachmentMime } from './attachment-limits.ts'

/**
 * The one check every uploaded file goes through (the case's attachments and the informant's photo
 * at intake): present, not empty, at most 10 MiB, and of a type we serve, judged from its bytes,
 * never from its name or the browser's claim. A renamed .exe or HTML page is refused; a PDF called
 * .jpg is kept as the PDF it is.
 */

export type CheckedFile = { bytes: Uint8Array; mime: AttachmentMime; size: number; sha256: string; filename: string }
export type FileProblem = 'missing' | 'empty' | 'tooLarge' | 'type'
export type FileCheck = { ok: true; file: CheckedFile } | { ok: false; problem: FileProblem }

const IMAGE_MIMES: readonly AttachmentMime[] = ATTACHMENT_MIMES.filter((m) => m.startsWith('image/'))

/** A browser sends an empty, nameless part for a file input left blank. */
export const isBlankFile = (f: unknown): boolean => !(f instanceof File) || (f.name === '' && f.size === 0)

export async function checkFile(f: unknown, only: 'any' | 'image' = 'any'): Promise<FileCheck> {
  if (isBlankFile(f)) return { ok: false, problem: 'missing' }
  const file = f as File
  if (file.size === 0) return { ok: false, problem: 'empty' }
  if (file.size > MAX_ATTACHMENT_BYTES) return { ok: false, problem: 'tooLarge' }
  const bytes = new Uint8Array(await file.arrayBuffer())
  const detected = (await fileTypeFromBuffer(bytes))?.mime
  const allowed = only === 'image' ? IMAGE_MIMES : ATTACHMENT_MIMES
  const mime = allowed.find((m) => m === detected)
  if (!mime) return { ok: false, problem: 'type' }
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  return { ok: true, file: { bytes, mime, size: bytes.length, sha256, filename: cleanFilename(file.name, mime) } }
}

/** The message beside the field: the general upload, or the photo at intake (which cannot be kept on a 422). */
export function fileError(problem: FileProblem, where: 'upload' | 'photo'): MessageKey {
  return `attachments.${where}.${problem}`
}

const EXTENSIONS: Record<AttachmentMime, readonly string[]> = {
  'image/jpeg': ['jpg', 'jpeg', 'jpe', 'jfif'],
  'image/png': ['png'],
  'image/webp': ['webp'],
  'image/heic': ['heic', 'heif'],
  'image/heif': ['heif', 'heic'],
  'application/pdf': ['pdf'],
}
const MAX_NAME = 255
// C0/C1 controls, and the bidirectional overrides that make "photo\u202Egpj.exe" read as "photoexe.jpg".
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

/**
 * The name shown and offered on download: the last path part only (old browsers send
 * C:\fakepath\…), no control or direction characters, the extension of what the bytes really are,
 * at most 255 characters. Chinese is kept as typed.
 */
export function cleanFilename(raw: string, mime: AttachmentMime): string {
  const last = raw.normalize('NFC').split(/[/\\]/).pop() ?? ''
  const name = last.replace(UNSAFE_CHARS, '').trim().replace(/^\.+/, '')
  const exts = EXTENSIONS[mime]
  const m = /^(.*)\.([A-Za-z0-9]{1,5})$/.exec(name)
  const fits = m !== null && exts.includes(m[2]!.toLowerCase())
  const suffix = fits ? `.${m[2]}` : `.${exts[0]}`
  const stem = (m ? m[1]! : name).trim() || 'attachment'
  return [...stem].slice(0, MAX_NAME - suffix.length).join('').trimEnd() + suffix
}
