import type { AttachmentMime } from './attachment-limits.ts'

/**
 * How a stored file is served. The type is the one read from its bytes at upload, and the browser
 * may not guess another (nosniff). A sandboxed document with no sources can run no script in our
 * origin, whatever a crafted file holds. Images open in the browser; a PDF is downloaded and opened
 * by the reader, because Chrome refuses to show a PDF in a sandboxed document; HEIC few browsers
 * can show at all. Personal data: never cached.
 */
const INLINE: readonly AttachmentMime[] = ['image/jpeg', 'image/png', 'image/webp']

export const FILE_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"

export function attachmentHeaders(mime: string, filename: string, size: number): Record<string, string> {
  const inline = (INLINE as readonly string[]).includes(mime)
  return {
    'Content-Type': mime,
    'Content-Length': String(size),
    'Content-Disposition': contentDisposition(inline ? 'inline' : 'attachment', filename),
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': FILE_CSP,
    'Cache-Control': 'private, no-store',
    'Cross-Origin-Resource-Policy': 'same-origin',
  }
}

/**
 * RFC 6266 with an RFC 5987 `filename*` for the real (often Chinese) name, and a plain ASCII
 * `filename` for the rare client that reads only that.
 */
export function contentDisposition(type: 'inline' | 'attachment', filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%;]/g, '_')
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`
}
