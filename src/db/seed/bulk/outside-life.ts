import type { ReferralTarget } from '../../../domain/case-actions.ts'
import type { Rng } from '../demo-people.ts'
import { settledFen } from './case-outcome.ts'
import type { CaseStory } from './case-story.ts'
import { daysLater } from './office-hours.ts'
import { OUTSIDE_BODIES, OUTSIDE_OUTCOMES } from './record-texts.ts'

/** How long outside bodies take to answer, in days: arbitration months, inspection weeks, a trial most of a year. */
const ANSWER_DAYS: Record<ReferralTarget, [number, number]> = { arbitration: [45, 300], labour_inspection: [20, 90], labour_bureau: [30, 120], litigation: [90, 400] }
const REF_PREFIX: Record<ReferralTarget, string> = { arbitration: '佛南劳人仲案字', labour_inspection: '南人社监', labour_bureau: '南人社协', litigation: '粤0605民初' }

/**
 * Referred out (refer_out): the leg to the outside body, its reference number and date of receipt
 * when they come back, its outcome in time, and the case closed as referred out (a tenth settle first).
 * The case's earlier legs still held end. Litigation is no route of ours: the route becomes null.
 */
export function referOut(s: CaseStory, r: Rng, at: number, actor: number, target: ReferralTarget): void {
  if (!s.can(at)) return
  const route = target === 'litigation' ? null : target
  for (const leg of s.legs) {
    if (leg.state === 'accepted' || leg.state === 'active') Object.assign(leg, { state: 'ended', ended_at: at })
  }
  const leg = {
    id: s.gen.ids.next('case_legs'), case_id: s.id, route: target, to_unit_id: null, outside_body: OUTSIDE_BODIES[target], outside_ref: null as string | null,
    outside_received_on: null as string | null, outside_outcome: null as string | null, state: 'active', reason: null, sent_at: at, sent_by: actor,
    ack_working_days: 2, acknowledged_at: null, acknowledged_by: null, reject_reason: null, ended_at: null,
  }
  s.legs.push(leg)
  s.act(at, 'refer_out', actor, { status: 'referred_out', route, suggested_route: route }, { referral_target: target, outside_body: leg.outside_body, leg_id: leg.id })
  const received = daysLater(r, at, 1, 7)
  if (!s.can(received)) return
  const year = s.day(received).slice(0, 4)
  Object.assign(leg, { outside_ref: `${REF_PREFIX[target]}〔${year}〕${r.int(10, 2999)}号`, outside_received_on: s.day(received) })
  s.record(received, 'outside_record', actor, { leg_id: leg.id, outside_ref: leg.outside_ref, outside_received_on: leg.outside_received_on, outcome_given: false })
  if (r.chance(0.1)) return s.close(daysLater(r, received, 10, 60), actor, 'negotiated_settlement', 'district', settledFen(s, r))
  const answered = daysLater(r, received, ...ANSWER_DAYS[target])
  if (!s.can(answered)) return
  leg.outside_outcome = r.pick(OUTSIDE_OUTCOMES[target])
  s.record(answered, 'outside_record', actor, { leg_id: leg.id, outside_ref: leg.outside_ref, outside_received_on: leg.outside_received_on, outcome_given: true })
  s.close(daysLater(r, answered, 1, 10), actor, 'referred_out', 'district', 0)
}
