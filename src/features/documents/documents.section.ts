import type { Context } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { DOCUMENT_READERS } from '../../domain/documents.ts'
import { hasAnyRole } from '../../domain/roles.ts'
import type { CaseDetail } from '../cases/cases.queries.ts'
import { loadDocumentCase } from './documents.pages.ts'

/** The case page's list of documents that apply now, each opening its printable page; null for those who print none. */
export async function documentsSection(c: Context<AppEnv>, k: CaseDetail): Promise<Record<string, unknown> | null> {
  const t = c.get('t')
  if (!hasAnyRole(c.get('user')!.roles, DOCUMENT_READERS)) return null
  const loaded = await loadDocumentCase(c, k.id)
  if (!loaded) return null
  return {
    documents: loaded.available.map((kind) => ({ kind, href: `/cases/${k.id}/documents/${kind}`, label: t(`documents.name.${kind}`) })),
    sessions: loaded.sessions.map((s) => ({
      href: `/cases/${k.id}/documents/session-record/${s.id}`,
      label: t('documents.section.sessionRecord', { date: s.held_on }),
    })),
  }
}
