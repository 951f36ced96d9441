import type { CaseStatus, Route } from './case-vocabulary.ts'
import type { Role } from './roles.ts'

/**
 * The printable documents of a case and when each applies (DESIGN §2; domain.md: agreement
 * content per 人民调解法 Arts. 28–29, judicial confirmation per Art. 33):
 *
 *   availableDocuments(facts)  → the documents the case has now, in DOCUMENT_KINDS order
 *   terminationGround(facts)   → why mediation ended without agreement, or null
 *
 * Session records (调解笔录) are one per session and apply whenever the session exists.
 */
export const DOCUMENT_KINDS = [
  'registration-form', // 案件登记表: an application was taken
  'acceptance-notice', // 受理通知书: accepted and routed
  'non-acceptance-notice', // 不予受理通知书: declined
  'mediation-agreement', // 调解协议书: the agreement in effect
  'judicial-confirmation-application', // 司法确认申请书: joint, within 30 days of the agreement's effect
  'termination-notice', // 终止调解通知书: mediation ended without agreement
] as const
export type DocumentKind = (typeof DOCUMENT_KINDS)[number]
export const isDocumentKind = (v: unknown): v is DocumentKind => typeof v === 'string' && (DOCUMENT_KINDS as readonly string[]).includes(v)

/** Who prints documents: every case reader but the informant, who only reports (DESIGN §1). */
export const DOCUMENT_READERS: Role[] = ['rights_officer', 'bargaining_instructor', 'mediator', 'legal_adviser', 'manager']

/** Documents that name the parties in full: the only ones that may carry full phone and ID numbers. */
export const PARTY_DOCUMENTS: readonly DocumentKind[] = ['registration-form', 'mediation-agreement', 'judicial-confirmation-application']

export type DocumentFacts = {
  status: CaseStatus
  route: Route | null
  applicationReceived: boolean
  /** The acceptance decision was made (decided_at) and it was not a decline. */
  accepted: boolean
  agreementInEffect: boolean
  closureReason: string | null
  sessionsHeld: number
  /** A session recorded the respondent refusing to mediate (result respondent_refused). */
  respondentRefusedAtSession: boolean
}

/** Closure reasons that end a mediation without agreement: the termination notice's grounds. */
export const TERMINATING_CLOSURES = ['withdrawn', 'other_party_refused', 'party_unreachable', 'mediation_lapsed', 'referred_out'] as const
export type TerminationGround = (typeof TERMINATING_CLOSURES)[number] | 'respondent_refused'

/**
 * A mediation is over without agreement when the case closed for one of those reasons after a
 * mediation (its route was mediation, or a session was held), when it was referred out after a
 * session, or when the respondent refused at a session. An agreement in effect means it did not
 * end that way, whatever happened later (a withdrawal during performance is no termination).
 */
export function terminationGround(f: DocumentFacts): TerminationGround | null {
  if (f.agreementInEffect || !f.accepted) return null
  const mediated = f.route === 'mediation' || f.sessionsHeld > 0
  if (f.status === 'closed' && mediated && (TERMINATING_CLOSURES as readonly string[]).includes(f.closureReason ?? '')) {
    return f.closureReason as TerminationGround
  }
  if (f.status === 'referred_out' && f.sessionsHeld > 0) return 'referred_out'
  if (f.respondentRefusedAtSession) return 'respondent_refused'
  return null
}

export function availableDocuments(f: DocumentFacts): DocumentKind[] {
  const applies: Record<DocumentKind, boolean> = {
    'registration-form': f.applicationReceived,
    'acceptance-notice': f.accepted,
    'non-acceptance-notice': f.status === 'declined',
    'mediation-agreement': f.agreementInEffect,
    'judicial-confirmation-application': f.agreementInEffect,
    'termination-notice': terminationGround(f) !== null,
  }
  return DOCUMENT_KINDS.filter((k) => applies[k])
}

/** 2026-11-20 → 2026年11月20日, as official documents write dates. */
export function chineseDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate)
  if (!m) throw new RangeError(`not a date: ${isoDate}`)
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`
}
