import type { Context } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { mayReadConsultationNote, NOTE_VISIBILITIES, recordPermit } from '../../domain/case-records.ts'
import type { CaseStatus, Route } from '../../domain/case-vocabulary.ts'
import { formatDateTime } from '../../http/format.ts'
import type { CaseDetail } from '../cases/cases.queries.ts'
import { caseNotes } from './legal.queries.ts'

const paragraphs = (s: string) => s.split(/\r?\n\s*\r?\n|\r?\n/).map((p) => p.trim()).filter(Boolean)

/**
 * The consultation notes this user may read, newest first. The section is there when a note can be
 * read, or a legal adviser is on the case; it never depends on notes the user may not read, so an
 * internal note leaves no trace for the mediator. An informant reads no notes and gets no section.
 */
export async function notesSection(c: Context<AppEnv>, k: CaseDetail): Promise<Record<string, unknown> | null> {
  const t = c.get('t')
  const user = c.get('user')!
  const readable = NOTE_VISIBILITIES.filter((v) => mayReadConsultationNote(user.roles, v))
  if (readable.length === 0) return null
  const notes = await caseNotes(c.get('db'), k.id, readable)
  const writer = recordPermit('consultation_note', k.status as CaseStatus, user.roles, {
    userId: user.id, assignedLegalAdviserId: k.assigned_legal_adviser_id, route: k.route as Route | null,
  }) === 'ok'
  if (notes.length === 0 && k.assigned_legal_adviser_id === null) return null
  return {
    emptyText: t(writer ? 'legal.notes.emptyWriter' : 'legal.notes.empty'),
    notes: notes.map((n) => ({
      id: n.id,
      visibility: t(n.visibility === 'internal' ? 'legal.notes.badge.internal' : 'legal.notes.badge.shared'),
      badgeCls: n.visibility === 'internal' ? 'warn' : 'ok',
      by: t('legal.notes.by', { author: n.author_name, date: formatDateTime(n.created_at) }),
      legalAid: n.legal_aid,
      legalBasis: paragraphs(n.legal_basis),
      advice: paragraphs(n.advice),
    })),
  }
}
