import type { Rng } from '../demo-people.ts'
import { attach } from './attachment-files.ts'
import type { CaseStory } from './case-story.ts'
import { choice } from './choice.ts'
import { mediationLevel } from './case-outcome.ts'
import { daysLater, hoursLater } from './office-hours.ts'
import { referOut } from './outside-life.ts'
import { courtLinkage, holdSessions, payInstalments, recordAgreement } from './resolution-steps.ts'
import { bjMidnight } from './timeline.ts'

/**
 * From an agreement in effect to its end: most are paid on time and closed as performed; some are
 * closed at once with performance left to follow up; some are paid late; a few are not performed,
 * and the case goes to court (a payment order, or the court's mediation and a new agreement that
 * supersedes the first) or, when the order is objected to, to litigation. A fifth of the parties
 * also ask the court to confirm their agreement (司法确认).
 */
const paying = choice([['on_time', 85], ['late', 8], ['defaulting', 7]] as const)

export function agreementLife(s: CaseStory, r: Rng, effective: number, sessionId: number, mediator: number, officer: number): void {
  const items = s.claims.length
    ? s.claims.map((c) => ({ claimId: c.id, kind: c.kind, description: c.description, claimedFen: c.amountFen, agreedFen: Math.floor(c.amountFen * r.int(60, 100) / 100) }))
    : [lumpSum(s, r)]
  if (!recordAgreement(s, r, effective, mediator, sessionId, items)) return
  if (r.chance(0.15)) attach(s, r, hoursLater(r, effective, 1, 48), mediator, 'signed_agreement')
  const year = s.day(effective).slice(0, 4)
  if (r.chance(0.2)) {
    const answered = courtLinkage(s, r, daysLater(r, effective, 2, 8), mediator, 'judicial_confirmation', `（${year}）粤0605民特${r.int(100, 999)}号`,
      r.chance(0.85) ? 'confirmed' : 'not_confirmed', [5, 15])
    if (answered) s.busyUntil = Math.max(s.busyUntil, answered)
  }
  const level = mediationLevel(s, r)
  if (r.chance(0.1) || s.instalments.length === 0) return s.close(daysLater(r, effective, 1, 7), mediator, 'agreement_reached', level, 0)
  const how = paying(r)
  const last = payInstalments(s, r, mediator, how, effective)
  if (last === null) return
  if (how !== 'defaulting') {
    if (r.chance(0.08)) attach(s, r, hoursLater(r, last, 1, 24), mediator, 'receipt')
    return s.close(daysLater(r, last, 1, 10), mediator, 'agreement_performed', level, s.paidFen)
  }
  notPerformed(s, r, mediator, officer)
}

function notPerformed(s: CaseStory, r: Rng, mediator: number, officer: number): void {
  const lastDue = bjMidnight(s.instalments[s.instalments.length - 1]!.dueOn)
  let t = daysLater(r, lastDue, 15, 40)
  if (!s.can(t)) return
  s.act(t, 'non_performance_to_court', officer, { status: 'in_progress', route: 'court_linkage' }, { reason: '被申请人未按调解协议履行' })
  const adviser = (s.k.assigned_legal_adviser_id as number | null) ?? r.pick(s.staff.advisers)
  if (s.k.assigned_legal_adviser_id === null) {
    s.act(t, 'assign_legal_adviser', officer, { assigned_legal_adviser_id: adviser }, { legal_adviser_id: adviser })
  }
  const year = s.day(t).slice(0, 4)
  t = daysLater(r, t, 1, 5)
  if (r.chance(0.6)) {
    const issued = r.chance(0.85)
    const answered = courtLinkage(s, r, t, adviser, 'payment_order', `（${year}）粤0605民督${r.int(100, 999)}号`, issued ? 'order_issued' : 'order_objected', [10, 25])
    if (answered === null) return
    if (!issued) return referOut(s, r, daysLater(r, answered, 3, 15), officer, 'litigation')
    const paid = payInstalments(s, r, mediator, 'late', answered)
    if (paid !== null) s.close(daysLater(r, paid, 1, 10), adviser, 'agreement_performed', 'court', s.paidFen)
    return
  }
  // The court mediates again; the new agreement covers what is still owed.
  const filed = courtLinkage(s, r, t, adviser, 'commissioned', `（${year}）粤0605民诉前调${r.int(1000, 9999)}号`, null, [0, 0])
  if (filed === null) return
  const linkage = s.linkages[s.linkages.length - 1]!
  const held = holdSessions(s, r, filed, 1, 'agreement', mediator)
  if (!held) return
  const owed = s.instalments.reduce((a, i) => a + i.amountFen - i.paidFen, 0)
  const agreed = Math.max(100, Math.floor(owed * r.int(80, 100) / 100))
  const kind = (s.k.dispute_types as string[])[0]!
  if (!recordAgreement(s, r, held.at, mediator, held.id, [{ claimId: null, kind, description: '原调解协议未履行部分', claimedFen: owed, agreedFen: agreed }])) return
  Object.assign(linkage, { result: 'mediated', result_on: s.day(held.at), updated_at: held.at })
  s.record(held.at, 'court_result', adviser, { linkage_id: linkage.id, court_kind: 'commissioned', court_result: 'mediated', result_on: linkage.result_on, court_ref: linkage.court_ref })
  const paid = payInstalments(s, r, mediator, 'on_time', held.at)
  if (paid !== null) s.close(daysLater(r, paid, 1, 10), adviser, 'agreement_performed', 'court', s.paidFen)
}

/** Nothing itemised at intake: one sum agreed (or, for a collective contract, terms without money). */
function lumpSum(s: CaseStory, r: Rng) {
  const kind = (s.k.dispute_types as string[])[0]!
  if (kind === 'collective_contract') return { claimId: null, kind, description: '双方同意恢复工资集体协商', claimedFen: 0, agreedFen: 0 }
  return { claimId: null, kind, description: '一次性支付', claimedFen: 0, agreedFen: r.int(3000, 60000) * 100 }
}
