/** What the attachments table accepts (the migration's checks say the same): 10 MiB, these types. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024

export const ATTACHMENT_MIMES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif', 'application/pdf'] as const
export type AttachmentMime = (typeof ATTACHMENT_MIMES)[number]

export const ATTACHMENT_KINDS = ['evidence', 'signed_agreement', 'receipt', 'photo', 'other'] as const
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number]

export const DESCRIPTION_LIMIT = 500

/**
 * The body limit of the routes that take a file: the file, the form's other fields and the
 * multipart boundaries. A file just over 10 MiB still arrives, so its form can say so beside the
 * field; anything far larger is cut off at the door (413).
 */
export const UPLOAD_BODY_LIMIT = MAX_ATTACHMENT_BYTES + 256 * 1024
