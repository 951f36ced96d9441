import type { Db } from '../../db/connect.ts'
import { parseYuan } from '../../domain/money.ts'
import type { Action, ActionInput } from '../../domain/case-actions.ts'
import type { CaseStatus, Route } from '../../domain/case-vocabulary.ts'
import { refreshCaseClocks } from '../cases/case-clocks.ts'
import { refreshRisk } from '../cases/case-risk.queries.ts'
import { ackWorkingDays, awaitingLeg, type ActionCase } from './case-actions.queries.ts'

export type Applied = {
  action: Action; to: CaseStatus; route: Route | null; input: ActionInput; outsideBody: string | null; suggested: Route | null
  eventExtra?: Record<string, unknown>
}
type Change = { k: ActionCase; version: number; actorId: number; now: Date }

/**
 * One action, written (call inside a transaction): the case row, guarded by the version and status
 * the user saw (optimistic concurrency, reliability D1); the leg it opens or settles; an event; the
 * records its feature module writes (`extra`: an agreement's items and instalments…); the
 * clocks and risk. Returns false when someone else changed the case first: nothing is written.
 */
export async function applyAction(
  trx: Db, a: Applied, ch: Change, extra: (trx: Db) => Promise<void>, audit: (trx: Db) => Promise<void>,
): Promise<boolean> {
  const { k, now, actorId } = ch
  const i = a.input
  const set: Record<string, unknown> = { status: a.to, route: a.route }
  switch (a.action) {
    case 'accept_and_route': Object.assign(set, { decided_at: now, suggested_route: a.suggested }); break
    case 'refer_out': set.suggested_route = a.suggested; break
    case 'decline': Object.assign(set, { decided_at: now, decline_reason: i.declineReason, decline_note: i.note?.trim() || null }); break
    case 'reopen_declined': Object.assign(set, { decided_at: null, decline_reason: null, decline_note: null }); break
    case 'record_consent': Object.assign(set, { respondent_consent: i.consent, consent_at: now }); break
    case 'record_agreement_in_effect': set.agreement_effective_on = i.effectiveDate; break
    case 'assign_mediator': set.assigned_mediator_id = i.mediatorId; break
    case 'assign_legal_adviser': set.assigned_legal_adviser_id = i.legalAdviserId; break
    case 'close': case 'close_without_dispute': Object.assign(set, {
      closure_reason: i.closureReason, closed_at: now, resolution_level: i.resolutionLevel, recovered_fen: recoveredFen(a), closure_note: i.note?.trim() || null,
    }); break
    case 'reopen': Object.assign(set, { closure_reason: null, closed_at: null, resolution_level: null, recovered_fen: null, closure_note: null }); break
    case 'reject_referral': set.holder_unit_id = null; break
  }
  let leg: { id: number; to_unit_id: number | null } | undefined
  if (a.action === 'acknowledge_referral' || a.action === 'reject_referral') {
    leg = await awaitingLeg(trx, k.id)
    if (!leg) return false
    if (a.action === 'acknowledge_referral') set.holder_unit_id = leg.to_unit_id
  }
  const updated = await trx.updateTable('cases')
    .set({ ...set, version: ch.version + 1, updated_at: now, last_actor_id: actorId })
    .where('id', '=', k.id).where('version', '=', ch.version).where('status', '=', k.status)
    .returning('id').executeTakeFirst()
  if (!updated) return false

  let legId: number | null = leg?.id ?? null
  if (a.action === 'refer_to_unit') {
    legId = (await trx.insertInto('case_legs').values({
      case_id: k.id, route: k.route ?? 'mediation', to_unit_id: i.toUnitId!, state: 'awaiting_ack', reason: i.reason?.trim() || null,
      sent_at: now, sent_by: actorId, ack_working_days: await ackWorkingDays(trx),
    }).returning('id').executeTakeFirstOrThrow()).id
  } else if (a.action === 'refer_out') {
    await trx.updateTable('case_legs').set({ state: 'ended', ended_at: now }).where('case_id', '=', k.id).where('state', 'in', ['accepted', 'active']).execute()
    legId = (await trx.insertInto('case_legs').values({
      case_id: k.id, route: i.referralTarget!, outside_body: a.outsideBody, state: 'active', reason: i.reason?.trim() || null, sent_at: now, sent_by: actorId,
    }).returning('id').executeTakeFirstOrThrow()).id
  } else if (leg && a.action === 'acknowledge_referral') {
    await trx.updateTable('case_legs').set({ state: 'accepted', acknowledged_at: now, acknowledged_by: actorId }).where('id', '=', leg.id).execute()
  } else if (leg && a.action === 'reject_referral') {
    await trx.updateTable('case_legs').set({ state: 'rejected', acknowledged_at: now, acknowledged_by: actorId, reject_reason: i.reason!.trim(), ended_at: now })
      .where('id', '=', leg.id).execute()
  }

  await trx.insertInto('case_events').values({
    case_id: k.id, at: now, actor_id: actorId, kind: `action.${a.action}`,
    payload: {
      before: k.status, after: a.to, route_before: k.route, route_after: a.route, version: ch.version + 1,
      ...(legId !== null ? { leg_id: legId } : {}),
      ...eventInputs(a),
      ...a.eventExtra,
    },
  }).execute()
  await extra(trx)
  await refreshCaseClocks(trx, k.id, now)
  if (a.to !== k.status) await refreshRisk(trx, k.id, now, actorId)
  await audit(trx)
  return true
}

/** The inputs worth keeping on the timeline: choices, ids, dates and written reasons; never a party's numbers. */
function eventInputs(a: Applied): Record<string, unknown> {
  const i = a.input
  const out: Record<string, unknown> = {
    route: i.route, referral_target: i.referralTarget, closure_reason: i.closureReason, decline_reason: i.declineReason,
    consent: i.consent, resolution_level: i.resolutionLevel, recovered_fen: recoveredFen(a) ?? undefined, mediator_id: i.mediatorId, legal_adviser_id: i.legalAdviserId, to_unit_id: i.toUnitId,
    effective_date: i.effectiveDate, outside_body: a.outsideBody ?? undefined,
    reason: i.reason?.trim() || undefined, note: i.note?.trim() || undefined,
  }
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined && v !== null && v !== ''))
}

/** The amount recovered at closure, exact in fen (the state machine has checked it parses). */
function recoveredFen(a: Applied): string | null {
  if (a.action !== 'close' && a.action !== 'close_without_dispute') return null
  const fen = a.input.recovered === undefined ? null : parseYuan(a.input.recovered)
  return fen === null ? null : fen.toString()
}
