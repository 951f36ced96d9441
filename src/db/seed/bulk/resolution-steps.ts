import { agreementPerformance } from '../../../domain/agreement.ts'
import type { Rng } from '../demo-people.ts'
import type { CaseStory, Instalment } from './case-story.ts'
import { choice } from './choice.ts'
import { daysLater } from './office-hours.ts'
import { AGREEMENT_TERMS, COURT, LEGAL_NOTES, PARTICIPANTS, PERFORMANCE_METHODS, PLACES, SESSION_SUMMARIES } from './record-texts.ts'
import { bjMidnight, DAY, HOUR } from './timeline.ts'

// The records of issue 5, each written as the app's record or action writes it: the row, and its
// event. Every function returns null (or stops) at the first step that lies after now.

export type SessionResult = keyof typeof SESSION_SUMMARIES
const mode = choice([['in_person', 70], ['phone', 18], ['video', 12]] as const)

/** `count` sessions from `from`; the last ends as `last`. The time of the last, or null if it is still to come. */
export function holdSessions(s: CaseStory, r: Rng, from: number, count: number, last: SessionResult, mediator: number): { at: number; id: number } | null {
  const times: number[] = []
  let t = from
  for (let i = 0; i < count; i++) times.push((t = daysLater(r, t, i === 0 ? 1 : 3, i === 0 ? 6 : 9)))
  let held: { at: number; id: number } | null = null
  for (let i = 0; i < count; i++) {
    const at = times[i]!
    if (!s.can(at)) return null
    const result: SessionResult = i === count - 1 ? last : r.chance(0.2) ? 'partial_agreement' : 'adjourned'
    const how = mode(r)
    const id = s.gen.ids.next('mediation_sessions')
    const next = i < count - 1 ? s.day(times[i + 1]!) : null
    const row = {
      id, case_id: s.id, held_on: s.day(at), mode: how, place: how === 'in_person' ? r.pick(PLACES) : null, participants: r.pick(PARTICIPANTS),
      result, summary: r.pick(SESSION_SUMMARIES[result]), next_session_on: next, recorded_by: mediator, recorded_at: at,
    }
    s.gen.sink('mediation_sessions', row)
    s.sessions++
    s.record(at, 'session', mediator, { session_id: id, held_on: row.held_on, mode: how, result, next_session_on: next })
    held = { at, id }
  }
  return held
}

/**
 * An agreement in effect from `at` (record_agreement_in_effect): each claim agreed at a share of
 * what was claimed, or one sum when nothing was itemised, paid in one to six monthly instalments.
 * A later agreement supersedes the one in effect.
 */
export function recordAgreement(s: CaseStory, r: Rng, at: number, actor: number, sessionId: number | null,
  items: { claimId: number | null; kind: string; description: string; claimedFen: number; agreedFen: number }[]): boolean {
  if (!s.can(at)) return false
  for (const a of s.agreements) a.state = 'superseded'
  const id = s.gen.ids.next('agreements')
  const day = s.day(at)
  s.agreements.push({
    id, case_id: s.id, session_id: sessionId, terms: AGREEMENT_TERMS, performance_method: r.pick(PERFORMANCE_METHODS),
    signed_on: day, effective_on: day, state: 'in_effect', recorded_by: actor, recorded_at: at,
  })
  let total = 0
  items.forEach((item, i) => {
    total += item.agreedFen
    s.gen.sink('agreement_items', {
      id: s.gen.ids.next('agreement_items'), agreement_id: id, claim_id: item.claimId, position: i + 1, kind: item.kind,
      description: item.description, claimed_fen: item.claimedFen, agreed_fen: item.agreedFen,
    })
  })
  // Bigger sums are paid over more months (¥20,000 and up: two to six instalments).
  const n = total === 0 ? 0 : total > 2_000_000 ? r.int(2, 6) : r.int(1, 2)
  const each = n ? Math.floor(total / n) : 0
  s.instalments = []
  for (let seq = 1; seq <= n; seq++) {
    const inst: Instalment = { id: s.gen.ids.next('agreement_instalments'), seq, dueOn: s.day(at + (10 + (seq - 1) * 30) * DAY), amountFen: seq === n ? total - each * (n - 1) : each, paidFen: 0 }
    s.instalments.push(inst)
    s.gen.sink('agreement_instalments', { id: inst.id, agreement_id: id, seq, due_on: inst.dueOn, amount_fen: inst.amountFen })
  }
  s.agreedFen = total
  s.act(at, 'record_agreement_in_effect', actor, { status: 'performing', agreement_effective_on: day },
    { effective_date: day, agreed_fen: String(total), instalments: n })
  return true
}

/**
 * Payments against the instalments still owed: on time (a few days early at most), late, or the
 * first one only now and then (non-performance). The last payment's time, or null if some are still to come.
 */
export function payInstalments(s: CaseStory, r: Rng, actor: number, how: 'on_time' | 'late' | 'defaulting', from: number): number | null {
  let last = from
  for (const inst of s.instalments) {
    if (inst.paidFen >= inst.amountFen) continue
    if (how === 'defaulting' && (inst.seq > 1 || r.chance(0.6))) continue
    const due = bjMidnight(inst.dueOn) + 10 * HOUR
    const at = Math.max(from + HOUR, how === 'late' ? daysLater(r, due, 5, 40) : daysLater(r, due - 5 * DAY, 0, 5))
    if (!s.can(at)) return null
    const amount = inst.amountFen - inst.paidFen
    inst.paidFen += amount
    const paidOn = s.day(at)
    s.gen.sink('agreement_payments', {
      id: s.gen.ids.next('agreement_payments'), case_id: s.id, instalment_id: inst.id, paid_on: paidOn, amount_fen: amount,
      method: r.pick(['银行转账', '银行转账', '现金', '微信转账']), note: null, recorded_by: actor, recorded_at: at,
    })
    const performance = agreementPerformance(s.instalments.map((i) => ({ amountFen: BigInt(i.amountFen), paidFen: BigInt(i.paidFen), dueOn: i.dueOn })), paidOn)
    s.record(at, 'payment', actor, { instalment_seq: inst.seq, amount_fen: String(amount), paid_on: paidOn, performance })
    s.paidFen += amount
    last = Math.max(last, at)
  }
  return last
}

/** A court linkage filed on `at`; its answer (if any) `answerDays` later. The row is written when the case ends. */
export function courtLinkage(s: CaseStory, r: Rng, at: number, actor: number, kind: string, courtRef: string, result: string | null, answerDays: [number, number]): number | null {
  if (!s.can(at)) return null
  const id = s.gen.ids.next('court_linkages')
  const row = {
    id, case_id: s.id, kind, court: COURT, court_ref: courtRef, started_on: s.day(at), result: 'pending', result_on: null as string | null,
    note: null, recorded_by: actor, recorded_at: at, updated_at: at,
  }
  s.linkages.push(row)
  s.record(at, 'court_linkage', actor, { linkage_id: id, court_kind: kind, court: COURT, court_ref: courtRef, started_on: row.started_on })
  if (!result) return at
  const answered = daysLater(r, at, answerDays[0], answerDays[1])
  if (!s.can(answered)) return null
  Object.assign(row, { result, result_on: s.day(answered), updated_at: answered })
  s.record(answered, 'court_result', actor, { linkage_id: id, court_kind: kind, court_result: result, result_on: row.result_on, court_ref: courtRef })
  return answered
}

/** One or two consultation notes by the legal adviser; some kept internal. The time of the last. */
export function consultationNotes(s: CaseStory, r: Rng, from: number, adviser: number): number | null {
  let t = from
  for (let i = 0, n = r.chance(0.3) ? 2 : 1; i < n; i++) {
    t = daysLater(r, t, 0.2, 5)
    if (!s.can(t)) return null
    const note = r.pick(LEGAL_NOTES)
    const id = s.gen.ids.next('consultation_notes')
    const visibility = r.chance(0.7) ? 'shared' : 'internal'
    s.gen.sink('consultation_notes', { id, case_id: s.id, author_id: adviser, ...note, visibility, legal_aid: r.chance(0.15), created_at: t })
    s.record(t, 'consultation_note', adviser, { note_id: id, visibility })
  }
  return t
}
