import type { Context } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { attachmentsSection } from '../attachments/attachments.section.ts'
import { documentsSection } from '../documents/documents.section.ts'
import { courtSection } from '../legal/court.section.ts'
import { notesSection } from '../legal/notes.section.ts'
import { agreementSection } from '../mediation/agreement.section.ts'
import { claimsSection } from '../mediation/claims.section.ts'
import { sessionsSection } from '../mediation/sessions.section.ts'
import type { CaseDetail } from './cases.queries.ts'
import type { FormName } from '../case-actions/case-actions.forms.ts'

/**
 * The case page's record sections (DESIGN §7: claims claimed / agreed / paid, sessions, agreement
 * and payments, legal notes, court linkage, attachments, documents). Each feature shapes its own;
 * null leaves a section out. `offered` is what the action panel offers this user now, so a section
 * links to an action only when the panel would take it. Sequential on purpose: PGlite has one connection.
 */
export async function resolutionSections(c: Context<AppEnv>, k: CaseDetail, offered: readonly FormName[]) {
  return {
    claimsView: await claimsSection(c, k),
    sessions: await sessionsSection(c, k),
    agreement: await agreementSection(c, k, offered),
    notes: await notesSection(c, k),
    court: await courtSection(c, k),
    attachments: await attachmentsSection(c, k),
    documents: await documentsSection(c, k),
  }
}
