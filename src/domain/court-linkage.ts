import type { CaseStatus, Route } from './case-vocabulary.ts'
import { isOneOf } from './case-vocabulary.ts'
import type { CourtReferralKind } from './clocks.ts'

/**
 * Court linkage (诉调对接, DESIGN §2; domain.md R12, R16, R27): which kind of court file makes sense
 * in which state of the case, which results each kind can end with, and what a case's linkages
 * tell the clock engine.
 *
 *   courtKindsAllowed({ status, route, agreementInEffect }) → the kinds a user may file now
 *   resultsFor(kind)                                        → the results that kind may end with
 *   courtClockFacts(linkages)                               → { courtReferral, judicialConfirmationAppliedOn }
 *
 * Judicial confirmation (司法确认, 民诉法 Art. 205) and a payment order (支付令, 调解仲裁法 Art. 16)
 * both stand on a mediation agreement: confirmation while it is in effect (performing); a payment
 * order also after non-performance sent the case to court linkage. The court's own pre-filing
 * mediation (委派 30 days; 委托 15, simple procedure 7: 特邀调解规定 Art. 27) is a court-linkage leg.
 */
export const COURT_KINDS = ['judicial_confirmation', 'payment_order', 'entrusted_pre_filing', 'commissioned', 'commissioned_simple'] as const
export type CourtKind = (typeof COURT_KINDS)[number]
export const isCourtKind = (v: unknown): v is CourtKind => isOneOf(COURT_KINDS, v)

export const PRE_FILING_KINDS = ['entrusted_pre_filing', 'commissioned', 'commissioned_simple'] as const satisfies readonly CourtReferralKind[]
export const isPreFiling = (kind: CourtKind): kind is CourtReferralKind => isOneOf(PRE_FILING_KINDS, kind)

export const COURT_RESULTS = ['confirmed', 'not_confirmed', 'order_issued', 'order_objected', 'mediated', 'mediation_failed', 'withdrawn'] as const
export type CourtResult = (typeof COURT_RESULTS)[number]

const RESULTS: Record<CourtKind, readonly CourtResult[]> = {
  judicial_confirmation: ['confirmed', 'not_confirmed', 'withdrawn'],
  // An objection (异议) ends the order; the worker may then sue on the agreement (R13).
  payment_order: ['order_issued', 'order_objected', 'withdrawn'],
  entrusted_pre_filing: ['mediated', 'mediation_failed', 'withdrawn'],
  commissioned: ['mediated', 'mediation_failed', 'withdrawn'],
  commissioned_simple: ['mediated', 'mediation_failed', 'withdrawn'],
}

export const resultsFor = (kind: CourtKind): readonly CourtResult[] => RESULTS[kind]
export const resultFits = (kind: CourtKind, result: unknown): result is CourtResult => isOneOf(RESULTS[kind], result)

export type CourtCase = { status: CaseStatus; route: Route | null; agreementInEffect: boolean }

/** The kinds that may be filed now, in COURT_KINDS order; none outside court work. */
export function courtKindsAllowed(k: CourtCase): CourtKind[] {
  const allowed = new Set<CourtKind>()
  if (k.status === 'performing') {
    allowed.add('judicial_confirmation')
    allowed.add('payment_order')
  }
  if (k.status === 'in_progress' && k.route === 'court_linkage') {
    for (const kind of PRE_FILING_KINDS) allowed.add(kind)
    if (k.agreementInEffect) allowed.add('payment_order')
  }
  return COURT_KINDS.filter((kind) => allowed.has(kind))
}

/** Kinds that stand on the agreement: filed on or after the day it took effect. */
export const needsAgreement = (kind: CourtKind) => kind === 'judicial_confirmation' || kind === 'payment_order'

export type LinkageFacts = { id: number; kind: string; startedOn: string; result: string }

/**
 * A second application of a kind still pending before a court is a duplicate (a double submission,
 * or a file kept twice); once the court answered, a new one may follow.
 */
export const pendingOfKind = (kind: CourtKind, linkages: readonly LinkageFacts[]) =>
  linkages.some((l) => l.kind === kind && l.result === 'pending')

/**
 * What the linkages tell the clock engine. The latest pre-filing referral (by its start, then as
 * filed) runs the court's clock from the day its materials were received; the first application for
 * judicial confirmation meets that window, whatever the court later decides.
 */
export function courtClockFacts(linkages: readonly LinkageFacts[]): {
  courtReferral: { kind: CourtReferralKind; receivedOn: string } | null
  judicialConfirmationAppliedOn: string | null
} {
  let referral: LinkageFacts | null = null
  let confirmation: string | null = null
  for (const l of linkages) {
    if (!isCourtKind(l.kind)) continue
    if (isPreFiling(l.kind) && (!referral || l.startedOn > referral.startedOn || (l.startedOn === referral.startedOn && l.id > referral.id))) referral = l
    if (l.kind === 'judicial_confirmation' && (confirmation === null || l.startedOn < confirmation)) confirmation = l.startedOn
  }
  return {
    courtReferral: referral ? { kind: referral.kind as CourtReferralKind, receivedOn: referral.startedOn } : null,
    judicialConfirmationAppliedOn: confirmation,
  }
}
