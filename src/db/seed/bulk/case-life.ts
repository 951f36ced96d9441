import type { ClosureReason, DeclineReason } from '../../../domain/case-actions.ts'
import type { Route } from '../../../domain/case-vocabulary.ts'
import type { Rng } from '../demo-people.ts'
import { attach } from './attachment-files.ts'
import type { CaseStory } from './case-story.ts'
import { choice } from './choice.ts'
import { agreementLife } from './agreement-life.ts'
import { mediationLevel, settledFen } from './case-outcome.ts'
import { daysLater, hoursLater } from './office-hours.ts'
import { referOut } from './outside-life.ts'
import { DECLINE_NOTES, EXTENSION_REASON, LIMITATION_REASONS, REFERRAL_REASONS, REJECT_REASONS, REOPEN_REASON } from './record-texts.ts'
import { consultationNotes, courtLinkage, holdSessions, type SessionResult } from './resolution-steps.ts'
import type { Town } from './seed-world.ts'
import { DAY } from './timeline.ts'

/**
 * A case's life after intake (DESIGN §2), step by step in time; the first step that would fall
 * after now does not happen, and the case stays where it is. So the open cases are the recent ones
 * and those with long legs (instalments still due, an arbitration pending), in every open status.
 * Shares follow the field: about 6% declined, most cases mediated, and of the mediations that end,
 * about four in five with an agreement or a settlement.
 */
const reportClosure = choice<ClosureReason>([['advice_given', 45], ['negotiated_settlement', 20], ['withdrawn', 10], ['party_unreachable', 10], ['not_a_labour_dispute', 15]])
const declineReason = choice<DeclineReason>([
  ['not_a_labour_dispute', 30], ['respondent_refused_mediation', 20], ['already_in_arbitration_or_court', 15], ['duplicate', 15],
  ['out_of_jurisdiction', 12], ['applicant_withdrew', 6], ['other', 2],
])
type Outcome = 'agreement' | 'settlement' | 'arbitration' | 'withdrawn' | 'unreachable' | 'lapsed' | 'refused' | 'stalled'
const mediationOutcome = choice<Outcome>([
  ['agreement', 62], ['settlement', 14], ['arbitration', 8], ['withdrawn', 5], ['unreachable', 3], ['lapsed', 2], ['refused', 3], ['stalled', 3],
])
const LAST_SESSION: Record<Outcome, SessionResult> = {
  agreement: 'agreement', settlement: 'partial_agreement', arbitration: 'no_agreement', withdrawn: 'adjourned',
  unreachable: 'respondent_absent', lapsed: 'no_agreement', refused: 'respondent_refused', stalled: 'adjourned',
}

export function live(s: CaseStory, r: Rng, towns: readonly Town[]): void {
  const officer = r.pick(s.staff.officers)
  if (s.status === 'reported' && !fromReport(s, r, officer)) return
  let t = s.k.application_received_at as number
  t = r.chance(0.01) ? daysLater(r, t, 5, 30) : hoursLater(r, t, 4, 60)
  if (!s.can(t)) return
  if (r.chance(0.06)) {
    const reason = declineReason(r)
    const note = reason === 'other' ? r.pick(DECLINE_NOTES) : null
    s.act(t, 'decline', officer, { status: 'declined', route: null, decided_at: t, decline_reason: reason, decline_note: note }, { decline_reason: reason, ...(note ? { note } : {}) })
    if (!r.chance(0.05)) return
    t = daysLater(r, t, 3, 20)
    if (!s.can(t)) return
    s.act(t, 'reopen_declined', officer, { status: 'registered', route: null, decided_at: null, decline_reason: null, decline_note: null }, { reason: REOPEN_REASON })
    t = hoursLater(r, t, 4, 48)
    if (!s.can(t)) return
  }
  const types = s.k.dispute_types as string[]
  if (types.includes('collective_contract') && r.chance(0.9)) return referOut(s, r, t, officer, 'labour_bureau')
  if (r.chance(0.025)) return referOut(s, r, t, officer, 'labour_inspection')
  const route: Route = s.k.channel === 'court_referral' ? 'court_linkage'
    : (types.includes('labour_relationship') && r.chance(0.55)) || r.chance(0.08) ? 'legal_consultation' : 'mediation'
  accept(s, r, t, officer, route)
  if (route === 'mediation') return mediation(s, r, t, officer, towns)
  if (route === 'legal_consultation') return consultation(s, r, t, officer, towns)
  return courtReferral(s, r, t, officer)
}

/** An informant's report: an application follows (a third), or it is answered and closed. False: nothing more. */
function fromReport(s: CaseStory, r: Rng, officer: number): boolean {
  const at = s.k.reported_at as number
  if (r.chance(0.3)) {
    const t = daysLater(r, at, 1, 10)
    if (!s.can(t)) return false
    s.k.status = 'registered'
    s.k.application_received_at = t
    s.event(t, 'application.received', officer, { before: 'reported', after: 'registered', received_at: new Date(t).toISOString(), version: 0 }, true)
    return true
  }
  const t = r.chance(0.02) ? daysLater(r, at, 30, 120) : daysLater(r, at, 1, 15)
  if (!s.can(t)) return false
  const reason = reportClosure(r)
  const level = r.chance(0.6) ? 'grassroots' : 'town'
  const recovered = reason === 'negotiated_settlement' ? r.int(10, 200) * 10_000 : 0
  s.act(t, 'close_without_dispute', officer, { status: 'closed', closure_reason: reason, closed_at: t, resolution_level: level, recovered_fen: recovered },
    { closure_reason: reason, resolution_level: level, recovered_fen: String(recovered) })
  return false
}

function accept(s: CaseStory, r: Rng, t: number, officer: number, route: Route) {
  const mediator = route === 'legal_consultation' ? null : r.pick(s.staff.mediators)
  const adviser = route === 'mediation' ? null : r.pick(s.staff.advisers)
  s.act(t, 'accept_and_route', officer, {
    status: 'in_progress', route, decided_at: t, suggested_route: route, holder_unit_id: s.staff.id, assigned_mediator_id: mediator, assigned_legal_adviser_id: adviser,
  }, { route, ...(mediator ? { mediator_id: mediator } : {}), ...(adviser ? { legal_adviser_id: adviser } : {}) })
}

function mediation(s: CaseStory, r: Rng, from: number, originOfficer: number, towns: readonly Town[]): void {
  let t = from
  let officer = originOfficer
  if (towns.length > 1 && r.chance(0.03)) {
    const moved = referToTown(s, r, t, officer, towns)
    if (!moved) return
    ;({ t, officer } = moved)
  }
  const mediator = s.k.assigned_mediator_id as number
  t = daysLater(r, t, 0.5, 5)
  if (!s.can(t)) return
  const refused = r.chance(0.06)
  const consent = refused ? 'refused' : 'consented'
  s.act(t, 'record_consent', mediator, { respondent_consent: consent, consent_at: t }, { consent })
  if (refused) return s.close(daysLater(r, t, 0.5, 3), mediator, 'other_party_refused', mediationLevel(s, r), 0)
  if (r.chance(0.015)) attach(s, r, hoursLater(r, t, 1, 24), mediator, 'evidence')
  sideRecords(s, r, t, mediator)
  const outcome = mediationOutcome(r)
  const held = holdSessions(s, r, t, outcome === 'agreement' || outcome === 'settlement' ? r.int(1, 3) : r.int(1, 2), LAST_SESSION[outcome], mediator)
  if (!held) return
  const level = mediationLevel(s, r)
  const after = (min: number, max: number) => daysLater(r, held.at, min, max)
  switch (outcome) {
    case 'agreement': return agreementLife(s, r, r.chance(0.15) ? after(0.5, 1.5) : held.at, held.id, mediator, officer)
    case 'settlement': return s.close(after(0, 3), mediator, 'negotiated_settlement', level, settledFen(s, r))
    case 'arbitration': return referOut(s, r, after(1, 10), officer, 'arbitration')
    case 'withdrawn': return s.close(after(1, 10), mediator, 'withdrawn', level, 0)
    case 'unreachable': return s.close(after(3, 15), mediator, 'party_unreachable', level, 0)
    case 'refused': return s.close(after(0, 3), mediator, 'other_party_refused', level, 0)
    case 'lapsed': return s.close(Math.max(after(1, 5), (s.k.application_received_at as number) + 16 * DAY), mediator, 'mediation_lapsed', level, 0)
    // Adjourned again and again, and left open for months: the overdue mediations of the managers' list.
    case 'stalled': return s.close(after(60, 700), mediator, r.chance(0.5) ? 'party_unreachable' : 'mediation_lapsed', level, 0)
  }
}

/** Sent to another town (the worker lives there); it takes the case and assigns its mediator, or sends it back. */
function referToTown(s: CaseStory, r: Rng, from: number, officer: number, towns: readonly Town[]): { t: number; officer: number } | null {
  const other = r.pick(towns.filter((x) => x.id !== s.town.id))
  const sent = hoursLater(r, from, 2, 48)
  if (!s.can(sent)) return null
  const leg = {
    id: s.gen.ids.next('case_legs'), case_id: s.id, route: 'mediation', to_unit_id: other.id, outside_body: null, outside_ref: null, outside_received_on: null,
    outside_outcome: null, state: 'awaiting_ack', reason: r.pick(REFERRAL_REASONS), sent_at: sent, sent_by: officer, ack_working_days: 2,
    acknowledged_at: null as number | null, acknowledged_by: null as number | null, reject_reason: null as string | null, ended_at: null as number | null,
  }
  s.legs.push(leg)
  s.act(sent, 'refer_to_unit', officer, {}, { to_unit_id: other.id, leg_id: leg.id })
  const answered = hoursLater(r, sent, 4, 72)
  if (!s.can(answered)) return null
  const theirs = r.pick(other.officers)
  Object.assign(leg, { acknowledged_at: answered, acknowledged_by: theirs })
  if (r.chance(0.15)) {
    const reason = r.pick(REJECT_REASONS)
    Object.assign(leg, { state: 'rejected', reject_reason: reason, ended_at: answered })
    s.act(answered, 'reject_referral', theirs, { status: 'registered', route: null, holder_unit_id: null }, { leg_id: leg.id, reason })
    const again = hoursLater(r, answered, 2, 48)
    if (!s.can(again)) return null
    accept(s, r, again, officer, 'mediation')
    return { t: again, officer }
  }
  leg.state = 'accepted'
  s.act(answered, 'acknowledge_referral', theirs, { holder_unit_id: other.id }, { leg_id: leg.id })
  const assigned = hoursLater(r, answered, 1, 24)
  if (!s.can(assigned)) return null
  const mediator = r.pick(other.mediators)
  s.act(assigned, 'assign_mediator', theirs, { assigned_mediator_id: mediator }, { mediator_id: mediator, reason: '转入本镇调解' })
  return { t: assigned, officer: theirs }
}

/** Now and then: the parties extend the mediation period; a worker's limitation is interrupted or suspended. */
function sideRecords(s: CaseStory, r: Rng, t: number, mediator: number) {
  if (r.chance(0.03)) {
    const at = hoursLater(r, t, 2, 72)
    const received = s.k.application_received_at as number
    const row = { worker_consent_on: s.day(at), respondent_consent_on: s.day(at), new_due_on: s.day(received + r.int(25, 40) * DAY) }
    if (s.can(at)) {
      s.gen.sink('mediation_extensions', { id: s.gen.ids.next('mediation_extensions'), case_id: s.id, ...row, recorded_by: mediator, recorded_at: at })
      s.extensions.push(row)
      s.record(at, 'extension', mediator, { ...row, reason: EXTENSION_REASON })
    }
  }
  const worker = s.workers[0]
  if (worker && r.chance(0.006)) {
    const at = hoursLater(r, t, 2, 72)
    const kind = r.chance(0.6) ? 'interruption' : 'suspension'
    const fromOn = s.day(at - r.int(10, 60) * DAY)
    const toOn = kind === 'suspension' ? s.day(at - r.int(1, 9) * DAY) : null
    if (s.can(at)) {
      s.gen.sink('limitation_events', { id: s.gen.ids.next('limitation_events'), worker_id: worker.id, kind, from_on: fromOn, to_on: toOn, reason: LIMITATION_REASONS[kind], recorded_by: mediator, recorded_at: at })
      s.limitationEvents.push({ workerId: worker.id, kind, from: fromOn, to: toOn })
      s.record(at, 'limitation_event', mediator, { worker_id: worker.id, limitation_kind: kind, from_on: fromOn, to_on: toOn, reason: LIMITATION_REASONS[kind] })
    }
  }
}

function consultation(s: CaseStory, r: Rng, from: number, officer: number, towns: readonly Town[]): void {
  const adviser = s.k.assigned_legal_adviser_id as number
  const last = consultationNotes(s, r, from, adviser)
  if (last === null) return
  if (r.chance(0.1)) {
    const t = daysLater(r, last, 1, 10)
    if (!s.can(t)) return
    const mediator = r.pick(s.staff.mediators)
    s.act(t, 'change_route', officer, { route: 'mediation' }, { route: 'mediation', reason: '经法律咨询，双方同意调解' })
    s.act(t, 'assign_mediator', officer, { assigned_mediator_id: mediator }, { mediator_id: mediator })
    return mediation(s, r, t, officer, towns)
  }
  const reason = r.chance(0.85) ? 'advice_given' : r.chance(0.65) ? 'withdrawn' : 'not_a_labour_dispute'
  s.close(daysLater(r, last, 1, 20), adviser, reason, mediationLevel(s, r), 0)
}

/** A court's pre-filing mediation entrusted or commissioned to us, mediated by the town and answered to the court. */
function courtReferral(s: CaseStory, r: Rng, from: number, officer: number): void {
  const mediator = s.k.assigned_mediator_id as number
  const adviser = s.k.assigned_legal_adviser_id as number
  const kind = r.chance(0.7) ? 'entrusted_pre_filing' : r.chance(0.65) ? 'commissioned' : 'commissioned_simple'
  if (courtLinkage(s, r, from, adviser, kind, s.k.channel_ref as string, null, [0, 0]) === null) return
  const linkage = s.linkages[s.linkages.length - 1]!
  const roll = r.next()
  const held = holdSessions(s, r, from, r.int(1, 2), roll < 0.75 ? 'agreement' : roll < 0.95 ? 'no_agreement' : 'adjourned', mediator)
  if (!held) return
  const result = roll < 0.75 ? 'mediated' : roll < 0.95 ? 'mediation_failed' : 'withdrawn'
  Object.assign(linkage, { result, result_on: s.day(held.at), updated_at: held.at })
  s.record(held.at, 'court_result', adviser, { linkage_id: linkage.id, court_kind: kind, court_result: result, result_on: linkage.result_on, court_ref: linkage.court_ref })
  if (result === 'mediated') return agreementLife(s, r, daysLater(r, held.at, 0, 1), held.id, mediator, officer)
  s.close(daysLater(r, held.at, 1, 5), adviser, result === 'withdrawn' ? 'withdrawn' : r.chance(0.5) ? 'mediation_lapsed' : 'other_party_refused', 'court', 0)
}
