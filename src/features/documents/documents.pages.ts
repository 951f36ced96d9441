import type { Context } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { beijingDate } from '../../domain/beijing-date.ts'
import { CLOCK_PERIODS } from '../../domain/clocks.ts'
import { availableDocuments, PARTY_DOCUMENTS, terminationGround, type DocumentFacts, type DocumentKind } from '../../domain/documents.ts'
import type { CaseStatus, Route } from '../../domain/case-vocabulary.ts'
import { periodEnd } from '../../domain/working-calendar.ts'
import { page } from '../../http/render.ts'
import { translator } from '../../i18n/i18n.ts'
import { recordAudit } from '../audit/audit.ts'
import { caseClocks, loadCalendar } from '../cases/case-clocks.ts'
import { caseClaims, townNames } from '../cases/cases.queries.ts'
import { applicants, mayPrintFullNumbers, respondents } from './document-parties.ts'
import {
  acceptanceView, agreementView, caseSummary, declineView, heading, registrationView, sessionView, terminationView, zhDay,
} from './document-views.ts'
import { findCase } from '../cases/cases.queries.ts'
import { agreementInEffect, documentSessions } from './documents.queries.ts'

type C = Context<AppEnv>

/** Official documents are in Chinese whatever the UI language; only the toolbar follows the user's. */
const zh = translator('zh-CN')

/** The case (in scope), its sessions and agreement, and which documents apply to it now. */
export async function loadDocumentCase(c: C, id: number) {
  const db = c.get('db')
  const user = c.get('user')!
  const k = await findCase(db, user, id)
  if (!k) return null
  const sessions = await documentSessions(db, user, id)
  const agreement = await agreementInEffect(db, user, id)
  const facts: DocumentFacts = {
    status: k.status as CaseStatus,
    route: k.route as Route | null,
    applicationReceived: k.application_received_at !== null,
    accepted: k.decided_at !== null && k.status !== 'declined',
    agreementInEffect: agreement !== undefined,
    closureReason: k.closure_reason,
    sessionsHeld: sessions.length,
    respondentRefusedAtSession: sessions.some((s) => s.result === 'respondent_refused'),
  }
  return { k, sessions, agreement, facts, available: availableDocuments(facts) }
}
type Loaded = NonNullable<Awaited<ReturnType<typeof loadDocumentCase>>>

/** What one kind of document says beyond the shared heading and parties. */
async function body(c: C, kind: DocumentKind, l: Loaded) {
  const { k, agreement } = l
  switch (kind) {
    case 'registration-form':
      return { reg: registrationView(zh, k, await caseClaims(c.get('db'), c.get('user')!, k.id)) }
    case 'acceptance-notice': {
      const { clocks } = await caseClocks(c.get('db'), k.id, c.get('now')())
      return { accept: acceptanceView(zh, k, clocks.find((x) => x.kind === 'mediation' || x.kind === 'court_mediation')) }
    }
    case 'non-acceptance-notice':
      return { decline: declineView(zh, k) }
    case 'mediation-agreement':
      return { agreement: agreementView(zh, agreement!) }
    case 'judicial-confirmation-application': {
      const due = periodEnd(await loadCalendar(c.get('db')), agreement!.effective_on, CLOCK_PERIODS.judicial_confirmation)
      return { agreement: agreementView(zh, agreement!), judicialDue: due.ok ? zhDay(due.value) : null }
    }
    case 'termination-notice': {
      const ground = terminationGround(l.facts)!
      const refusal = l.sessions.find((s) => s.result === 'respondent_refused')
      return { termination: terminationView(zh, ground, k.closed_at ?? refusal?.held_on ?? beijingDate(c.get('now')())) }
    }
  }
}

async function render(c: C, l: Loaded, template: string, title: string, extra: Record<string, unknown>, parties: { full: boolean; document: string }) {
  const { k } = l
  const town = (await townNames(c.get('db'), [k.org_unit_id])).get(k.org_unit_id) ?? null
  const people = await applicants(c, zh, k, parties.full)
  const others = await respondents(c, zh, k)
  // Full numbers on paper are a disclosure like a reveal on screen: each print is audited.
  if (people.revealed > 0) {
    await recordAudit(c, { event: 'document.printed_with_pii', objectType: 'case', objectId: k.id, details: { document: parties.document } })
  }
  return page(c, template, {
    title: `${title} · ${k.case_no}`,
    d: zh,
    docTitle: title,
    backHref: `/cases/${k.id}`,
    fullNumbers: people.revealed > 0,
    head: heading(k, town),
    mediator: k.mediator_name ?? '',
    k: caseSummary(zh, k),
    applicants: people.people,
    respondents: others,
    applicantNames: people.people.map((p) => p.name).join(zh('documents.doc.sep')) || zh('documents.doc.applicant'),
    respondentNames: others.map((r) => r.name).join(zh('documents.doc.sep')) || zh('documents.doc.respondent'),
    ...extra,
  })
}

export async function showDocument(c: C, l: Loaded, kind: DocumentKind) {
  const full = PARTY_DOCUMENTS.includes(kind) && mayPrintFullNumbers(c, l.k)
  return render(c, l, `documents/${kind}`, zh(`documents.name.${kind}`), await body(c, kind, l), { full, document: kind })
}

export async function showSessionRecord(c: C, l: Loaded, sessionId: number) {
  const s = l.sessions.find((x) => x.id === sessionId)
  if (!s) return c.notFound()
  return render(c, l, 'documents/session-record', zh('documents.name.session-record'), { session: sessionView(zh, s) }, { full: false, document: 'session-record' })
}
