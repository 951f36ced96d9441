import { beijingDate } from '../../domain/beijing-date.ts'
import { CLOSURE_REASONS_FROM, DECLINE_REASONS } from '../../domain/case-actions.ts'
import type { Route } from '../../domain/case-vocabulary.ts'
import { refreshCaseClocks } from '../../features/cases/case-clocks.ts'
import { refreshRisk } from '../../features/cases/case-risk.queries.ts'
import type { Db } from '../connect.ts'
import { prng, type Rng } from './demo-people.ts'
import { agreementSteps, courtSteps, judicialConfirmationStep, noteSteps, sessionSteps, type Claim, type Step } from './demo-resolution.ts'

const DAY = 86_400_000
const HOUR = 3_600_000
const OUTSIDE: Record<string, string> = {
  arbitration: '佛山市南海区劳动人事争议仲裁委员会',
  labour_inspection: '佛山市南海区人力资源和社会保障局劳动保障监察大队',
  labour_bureau: '佛山市南海区人力资源和社会保障局',
  litigation: '佛山市南海区人民法院',
}

type K = {
  id: number; org_unit_id: number; status: string; channel: string; reported_at: Date; application_received_at: Date | null
  dispute_types: string[]; reported_by: number; version: number; claimed_total_fen: string
}

/**
 * Moves a realistic share of the demo cases through their life (DESIGN §2) by writing the rows
 * directly, each step with the event the case actions would write (`action.<name>`): accepted and
 * routed (with a mediator or legal adviser of the case's town where one exists), declined, referred
 * out (outside body, reference, receipt date), referred to another town (one awaiting
 * acknowledgment, one rejected), mediation sessions, agreements with instalments and payments (some
 * late), legal notes, court linkage, closed with a reason, a resolution level and the amount
 * recovered. About four in five mediations that end do so with an agreement or a settlement
 * (the field's good practice is 75–90%). Then every case's clocks
 * are stored: mediations a few weeks old are overdue; some workers' limitation dates fall within 30 days.
 */
export async function seedDemoLifecycle(db: Db, now: Date): Promise<void> {
  const r = prng(20261121)
  const towns = await db.selectFrom('org_units').select(['id', 'path']).where('kind', '=', 'town').orderBy('id').execute()
  const units = await db.selectFrom('org_units').select(['id', 'path']).execute()
  const staff = await db.selectFrom('users').innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .innerJoin('org_units', 'org_units.id', 'users.org_unit_id').select(['users.id', 'user_roles.role', 'org_units.path']).execute()
  const cases = (await db.selectFrom('cases')
    .select(['id', 'org_unit_id', 'status', 'channel', 'reported_at', 'application_received_at', 'dispute_types', 'reported_by', 'version', 'claimed_total_fen'])
    .orderBy('reported_at').orderBy('id').execute()) as K[]
  const claimsOf = new Map<number, Claim[]>()
  for (const c of await db.selectFrom('claims').select(['id', 'case_id', 'kind', 'description', 'amount_fen']).orderBy('case_id').orderBy('position').execute()) {
    claimsOf.set(c.case_id, [...(claimsOf.get(c.case_id) ?? []), { id: c.id, kind: c.kind, description: c.description, amount_fen: String(c.amount_fen) }])
  }
  const today = beijingDate(now)
  const pathOf = new Map(units.map((u) => [u.id, u.path]))
  const townOf = (unitId: number) => towns.find((t) => pathOf.get(unitId)!.startsWith(t.path))!
  // A person may only be assigned a case they can see: one of their subtree.
  const who = (role: string, unitPath: string) => staff.find((s) => s.role === role && unitPath.startsWith(s.path))?.id ?? null
  const officer = (unitPath: string) => who('rights_officer', unitPath) ?? staff.find((s) => s.role === 'rights_officer')!.id

  let referredToTown = 0
  let rejected = 0
  const plans: { k: K; steps: Step[]; legs: Record<string, unknown>[] }[] = []
  for (const k of cases) {
    const town = townOf(k.org_unit_id)
    const actor = officer(town.path)
    const age = (now.getTime() - k.reported_at.getTime()) / DAY
    const steps: Step[] = []
    const legs: Record<string, unknown>[] = []
    const after = (base: Date, hours: number) => new Date(Math.min(now.getTime() - HOUR, base.getTime() + hours * HOUR))
    if (k.status === 'reported') {
      // Old reports were answered with advice; recent ones wait for an application.
      if (age > 20 && r.chance(0.8)) steps.push({ at: after(k.reported_at, r.int(24, 200)), action: 'close_without_dispute', set: { status: 'closed', closure_reason: r.pick(CLOSURE_REASONS_FROM.reported!), resolution_level: r.chance(0.6) ? 'grassroots' : 'town', recovered_fen: '0' } })
      plans.push({ k, steps, legs })
      continue
    }
    const received = k.application_received_at ?? k.reported_at
    if (age < 3 || r.chance(0.06)) { plans.push({ k, steps, legs }); continue } // the triage queue
    const decided = after(received, r.int(4, 60))
    if (r.chance(0.07)) {
      steps.push({ at: decided, action: 'decline', set: { status: 'declined', route: null, decided_at: decided, decline_reason: r.pick(DECLINE_REASONS.filter((d) => d !== 'other')) } })
      plans.push({ k, steps, legs })
      continue
    }
    const route: Route = k.channel === 'court_referral' ? 'court_linkage'
      : k.dispute_types.includes('collective_contract') ? 'labour_bureau'
      : k.dispute_types.includes('labour_relationship') && r.chance(0.6) ? 'legal_consultation'
      : r.chance(0.06) ? 'labour_inspection' : r.chance(0.08) ? 'legal_consultation' : 'mediation'
    if (route === 'labour_bureau' || route === 'labour_inspection') {
      referOut(steps, legs, route, decided, r, actor, now)
      if (age > 90 && r.chance(0.7)) steps.push({ at: after(decided, r.int(300, 1500)), action: 'close', set: { status: 'closed', closure_reason: 'referred_out', resolution_level: 'district', recovered_fen: '0' } })
      plans.push({ k, steps, legs })
      continue
    }
    const claims = claimsOf.get(k.id) ?? []
    const type = k.dispute_types[0] ?? 'wages'
    const year = Number(beijingDate(decided).slice(0, 4))
    const level = (): string => (route === 'court_linkage' ? 'court' : r.chance(0.08) ? 'district' : r.chance(0.2) ? 'grassroots' : 'town')
    const close = (at: Date, reason: string, recovered: bigint) =>
      steps.push({ at, action: 'close', set: { status: 'closed', closure_reason: reason, resolution_level: level(), recovered_fen: recovered.toString() } })
    /** Some settlement: part of what was claimed (a round sum when nothing was itemised). */
    const settled = () => (BigInt(k.claimed_total_fen) > 0n ? BigInt(k.claimed_total_fen) * BigInt(r.int(50, 90)) / 100n : BigInt(r.int(20, 300)) * 10_000n)
    const mediator = route === 'legal_consultation' ? null : who('mediator', town.path)
    const adviser = route === 'mediation' ? null : who('legal_adviser', town.path)
    steps.push({
      at: decided, action: 'accept_and_route',
      set: { status: 'in_progress', route, decided_at: decided, suggested_route: route, holder_unit_id: town.id, assigned_mediator_id: mediator, assigned_legal_adviser_id: adviser },
    })
    // One referral to another town waits for its acknowledgment; one was rejected and is back in triage.
    if (age < 20 && route === 'mediation' && (referredToTown < 1 || rejected < 1)) {
      const other = towns.find((t) => t.id !== town.id)!
      const sent = new Date(now.getTime() - (rejected < 1 ? 3 : 1) * DAY)
      if (rejected < 1) {
        rejected++
        legs.push({ route, to_unit_id: other.id, state: 'rejected', reason: '该企业注册地在邻镇，转请属地调解', sent_at: sent, sent_by: actor,
          acknowledged_at: new Date(sent.getTime() + DAY), acknowledged_by: officer(other.path), reject_reason: '劳动者工作地点在本镇以外，退回原单位', ended_at: new Date(sent.getTime() + DAY) })
        steps.push({ at: sent, action: 'refer_to_unit', set: {}, payload: { to_unit_id: other.id } })
        steps.push({ at: new Date(sent.getTime() + DAY), action: 'reject_referral', set: { status: 'registered', route: null, holder_unit_id: null, assigned_mediator_id: null } })
      } else {
        referredToTown++
        legs.push({ route, to_unit_id: other.id, state: 'awaiting_ack', reason: '劳动者住所地在该镇，便于调解', sent_at: sent, sent_by: actor })
        steps.push({ at: sent, action: 'refer_to_unit', set: {}, payload: { to_unit_id: other.id } })
      }
      plans.push({ k, steps, legs })
      continue
    }
    if (route === 'court_linkage') {
      const done = age > 60 && r.chance(0.75)
      const ok = r.chance(0.8)
      steps.push(...courtSteps(r, decided, year, done ? (ok ? 'mediated' : 'mediation_failed') : 'pending', done ? after(decided, r.int(200, 600)) : null, actor))
    }
    if (route === 'legal_consultation') {
      if (adviser) steps.push(...noteSteps(r, decided, now, adviser))
      if (age >= 45 && r.chance(0.85)) close(after(decided, r.int(48, 500)), 'advice_given', 0n)
      plans.push({ k, steps, legs })
      continue
    }
    if (age < 45) {
      // In progress (past 15 days its mediation clock is overdue; some have a session today), or an
      // agreement took effect lately: its review and confirmation windows run, its first instalment falls due.
      if (age > 12 && r.chance(0.3)) {
        const effective = new Date(now.getTime() - r.int(2, 12) * DAY)
        steps.push(...sessionSteps(r, decided, effective, 'agreement', mediator))
        steps.push(...agreementSteps(r, claims, type, effective, now, 'some', mediator).steps)
      } else if (age > 2) {
        const next = r.chance(0.25) ? today : beijingDate(new Date(now.getTime() + r.int(1, 10) * DAY))
        steps.push(...sessionSteps(r, decided, new Date(now.getTime() - DAY / 2), 'adjourned', mediator, next))
      }
      plans.push({ k, steps, legs })
      continue
    }
    const roll = r.next()
    if (roll < 0.55) {
      // An agreement took effect; performing (some instalments late), or performed and closed.
      const effective = after(decided, r.int(48, 300))
      steps.push(...sessionSteps(r, decided, effective, 'agreement', mediator))
      const performed = age > 240 || r.chance(0.5)
      const plan = agreementSteps(r, claims, type, effective, now, performed ? 'all' : 'some', mediator)
      steps.push(...plan.steps)
      if (performed) close(after(plan.lastPaid, r.int(24, 240)), 'agreement_performed', plan.paidFen)
      else if (route === 'court_linkage' || r.chance(0.3)) steps.push(judicialConfirmationStep(r, after(effective, r.int(48, 400)), now, year, adviser ?? mediator))
    } else if (route === 'mediation' && roll < 0.62) {
      const failed = after(decided, r.int(200, 330))
      steps.push(...sessionSteps(r, decided, failed, 'no_agreement', mediator))
      referOut(steps, legs, 'arbitration', after(decided, r.int(340, 400)), r, actor, now)
      if (r.chance(0.6)) steps.push({ at: after(decided, r.int(500, 1500)), action: 'close', set: { status: 'closed', closure_reason: 'referred_out', resolution_level: 'district', recovered_fen: '0' } })
    } else if (roll < 0.92) {
      const reason = r.weighted([['negotiated_settlement', 40], ['agreement_reached', 25], ['withdrawn', 15], ['other_party_refused', 12], ['party_unreachable', 8]] as const)
      const closed = after(decided, r.int(48, 360))
      const last = reason === 'other_party_refused' ? 'respondent_refused' : reason === 'party_unreachable' ? 'respondent_absent'
        : reason === 'withdrawn' ? 'no_agreement' : reason === 'agreement_reached' ? 'agreement' : 'partial_agreement'
      steps.push(...sessionSteps(r, decided, closed, last, mediator))
      close(closed, reason, reason === 'negotiated_settlement' ? settled() : 0n)
    } else {
      steps.push(...sessionSteps(r, decided, new Date(now.getTime() - DAY), 'adjourned', mediator, beijingDate(new Date(now.getTime() + r.int(1, 7) * DAY))))
    }
    plans.push({ k, steps, legs })
  }

  for (let i = 0; i < plans.length; i += 50) {
    await db.transaction().execute(async (trx) => {
      for (const { k, steps, legs } of plans.slice(i, i + 50)) {
        if (steps.length === 0) continue
        let status = k.status
        let version = k.version
        let route: string | null = null
        const set: Record<string, unknown> = {}
        // Records interleave with actions by date (a stable sort keeps same-moment steps in order).
        if (steps.some((s) => s.kind)) steps.sort((a, b) => a.at.getTime() - b.at.getTime())
        for (const s of steps) {
          const after = (s.set.status as string | undefined) ?? status
          const routeAfter: string | null = 'route' in s.set ? (s.set.route as string | null) : route
          version++
          await s.write?.(trx, k.id)
          await trx.insertInto('case_events').values({
            case_id: k.id, at: s.at, actor_id: null, kind: s.kind ?? `action.${s.action}`,
            payload: s.kind
              ? { status, version, ...(s.payload ?? {}) }
              : { before: status, after, route_before: route, route_after: routeAfter, version, ...(s.payload ?? {}), ...pick(s.set) },
          }).execute()
          Object.assign(set, s.set)
          if (s.action === 'close' || s.action === 'close_without_dispute') set.closed_at = s.at
          status = after
          route = routeAfter
        }
        for (const leg of legs) await trx.insertInto('case_legs').values({ case_id: k.id, ...leg } as never).execute()
        await trx.updateTable('cases').set({ ...set, version, updated_at: steps.at(-1)!.at } as never).where('id', '=', k.id).execute()
      }
    })
  }
  // Every case's clocks as of now, and the risk that depends on them (limitation dates near).
  for (let i = 0; i < cases.length; i += 100) {
    await db.transaction().execute(async (trx) => {
      for (const k of cases.slice(i, i + 100)) {
        await refreshCaseClocks(trx, k.id, now)
        await refreshRisk(trx, k.id, now, null)
      }
    })
  }
}

/** The event keeps the choices and dates, never a party's numbers. */
function pick(set: Record<string, unknown>) {
  const out: Record<string, unknown> = {}
  for (const key of ['route', 'closure_reason', 'decline_reason', 'agreement_effective_on', 'assigned_mediator_id', 'assigned_legal_adviser_id', 'resolution_level', 'recovered_fen']) {
    if (set[key] !== undefined && set[key] !== null) out[key] = set[key]
  }
  return out
}

function referOut(steps: Step[], legs: Record<string, unknown>[], target: keyof typeof OUTSIDE, at: Date, r: Rng, actor: number, now: Date) {
  const year = at.getUTCFullYear()
  const received = beijingDate(new Date(at.getTime() + r.int(1, 5) * DAY))
  steps.push({ at, action: 'refer_out', set: { status: 'referred_out', route: target === 'litigation' ? null : target, decided_at: at, suggested_route: target } })
  legs.push({
    route: target, outside_body: OUTSIDE[target], state: 'active', sent_at: at, sent_by: actor,
    outside_ref: target === 'arbitration' ? `佛南劳人仲案字〔${year}〕${r.int(100, 2999)}号` : `南人社${target === 'labour_bureau' ? '协' : '监'}〔${year}〕${r.int(10, 999)}号`,
    outside_received_on: received <= beijingDate(now) ? received : null,
  })
}
