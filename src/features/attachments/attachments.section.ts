import type { Context } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { formatDateTime } from '../../http/format.ts'
import { isMessageKey } from '../../i18n/i18n.ts'
import type { CaseDetail } from '../cases/cases.queries.ts'
import { caseAttachments } from './attachments.queries.ts'

/** 2 KB, 340 KB, 9.8 MB: what a person needs to guess the download on a phone's data plan. */
export function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}

/** The case page's attachments (the case was found in the user's scope): names link to the audited download. */
export async function attachmentsSection(c: Context<AppEnv>, k: CaseDetail): Promise<Record<string, unknown> | null> {
  const t = c.get('t')
  const rows = await caseAttachments(c.get('db'), k.id)
  return {
    rows: rows.map((a) => {
      const kindKey = `attachments.kind.${a.kind}`
      return {
        id: a.id,
        kind: isMessageKey(kindKey) ? t(kindKey) : a.kind,
        filename: a.filename,
        href: `/cases/${k.id}/attachments/${a.id}`,
        size: formatSize(a.size_bytes),
        uploader: a.uploader,
        at: formatDateTime(a.uploaded_at),
        description: a.description,
      }
    }),
  }
}
