import { beijingDate } from '../../domain/beijing-date.ts'
import { fenInCapitals } from '../../domain/chinese-amount.ts'
import { chineseDate, type TerminationGround } from '../../domain/documents.ts'
import { formatFen, sumFen } from '../../domain/money.ts'
import type { Translate } from '../../i18n/i18n.ts'
import { formatDateTime } from '../../http/format.ts'
import { label } from '../../i18n/i18n.ts'
import type { Agreement, DocumentCase } from './documents.queries.ts'

// Shapes what each printed document says. The text is the official Chinese wording from the
// catalogue (`d` is always the zh-CN translator); the templates only put it on the sheet.

/** 2026年11月20日 from a date or an instant (its Beijing day); '' when there is none. */
export const zhDay = (v: string | Date | null | undefined) => (!v ? '' : chineseDate(typeof v === 'string' ? v : beijingDate(v)))
/** 2026年11月20日 10:00 */
export const zhTime = (v: Date | null | undefined) => (v ? `${zhDay(v)} ${formatDateTime(v).slice(11)}` : '')

const paragraphs = (text: string | null | undefined) => (text ?? '').split(/\r?\n\s*\r?\n|\r?\n/).map((p) => p.trim()).filter(Boolean)

/** Heading lines every document shares: the issuing union (and its town) and the case number. */
export function heading(k: DocumentCase, town: string | null) {
  return { issuer: k.unit_name, town: town && town !== k.unit_name ? town : null, caseNo: k.case_no }
}

export function caseSummary(d: Translate, k: DocumentCase) {
  return {
    types: k.dispute_types.map((t) => label(d, 'disputeType', t)).join(d('documents.doc.sep')) || d('documents.doc.labourDispute'),
    received: zhDay(k.application_received_at ?? k.reported_at),
    decided: zhDay(k.decided_at),
    facts: paragraphs(k.facts),
  }
}

export function registrationView(d: Translate, k: DocumentCase, claims: { kind: string; description: string; amount_fen: string | bigint }[]) {
  return {
    unit: k.unit_name,
    channel: label(d, 'channel', k.channel),
    channelRef: k.channel_ref,
    reportedAt: zhTime(k.reported_at),
    applicationAt: zhTime(k.application_received_at),
    title: k.title,
    workersInvolved: k.workers_involved,
    signs: k.collective_signs.map((x) => label(d, 'sign', x)).join(d('documents.doc.sep')),
    status: label(d, 'status', k.status),
    route: k.route ? label(d, 'route', k.route) : '',
    registrar: k.reporter_name,
    claims: claims.map((cl) => ({ kind: label(d, 'disputeType', cl.kind), description: cl.description, amount: formatFen(cl.amount_fen) })),
    claimsTotal: formatFen(sumFen(claims.map((cl) => cl.amount_fen))),
  }
}

/** The mediation period as the clock engine has it: null when no due day is known (calendar missing). */
export function acceptanceView(d: Translate, k: DocumentCase, clock: { kind: string; due: string | null } | undefined) {
  return {
    route: k.route ? label(d, 'route', k.route) : '',
    mediator: k.mediator_name ?? d('documents.accept.noMediator'),
    court: clock?.kind === 'court_mediation',
    due: clock?.due ? zhDay(clock.due) : null,
  }
}

export function declineView(d: Translate, k: DocumentCase) {
  const reason = k.decline_reason ? label(d, 'actions.declineReason', k.decline_reason) : ''
  return { reason: [reason, k.decline_note?.trim()].filter(Boolean).join(d('documents.doc.semicolon')) }
}

export function agreementView(d: Translate, a: Agreement) {
  const agreed = sumFen(a.items.map((i) => i.agreed_fen))
  // Without items the instalments are what was agreed to be paid.
  const total = a.items.length ? agreed : sumFen(a.instalments.map((i) => i.amount_fen))
  return {
    terms: paragraphs(a.terms),
    method: a.performance_method,
    signedOn: zhDay(a.signed_on),
    effectiveOn: zhDay(a.effective_on),
    items: a.items.map((i) => ({ kind: label(d, 'disputeType', i.kind), description: i.description, claimed: formatFen(i.claimed_fen), agreed: formatFen(i.agreed_fen) })),
    claimedTotal: formatFen(sumFen(a.items.map((i) => i.claimed_fen))),
    total: formatFen(total),
    totalWords: fenInCapitals(total),
    instalments: a.instalments.map((i) => ({ seq: i.seq, due: zhDay(i.due_on), amount: formatFen(i.amount_fen) })),
  }
}

export function terminationView(d: Translate, ground: TerminationGround, on: string | Date) {
  return { ground: label(d, 'documents.termination.ground', ground), on: zhDay(on) }
}

export function sessionView(d: Translate, s: { held_on: string; mode: string; place: string | null; participants: string; result: string;
  summary: string | null; next_session_on: string | null; recorder_name: string }) {
  return {
    heldOn: zhDay(s.held_on),
    mode: label(d, 'documents.session.mode', s.mode),
    place: s.place ?? '',
    participants: paragraphs(s.participants),
    result: label(d, 'documents.session.result', s.result),
    summary: paragraphs(s.summary),
    next: s.next_session_on ? zhDay(s.next_session_on) : null,
    recorder: s.recorder_name,
  }
}
