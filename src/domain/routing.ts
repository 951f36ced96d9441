import type { Route } from './case-vocabulary.ts'

/**
 * The suggested route for a case (DESIGN §2 "Routing"; domain.md §3). A suggestion only: the rights
 * officer or a manager confirms it or picks another route with a written reason (case-actions.ts
 * asks for that reason whenever the chosen route differs from `suggestRoute(...).route`).
 *
 *   suggestRoute(facts, rules?) → { route, reasons, alternatives }
 *
 * Every rule that fires is kept as a reason, in priority order (ROUTING_PRIORITY, highest first);
 * the first reason that decides picks the route. One rule only *offers* an alternative and never
 * decides: pure wage arrears point to a labour-inspection complaint next to whatever was picked.
 * When no deciding rule fires the route is mediation, with the reason `default_mediation`.
 * `alternatives` lists the other routes the fired reasons point to, in the same order.
 *
 * Why this order:
 * 1. child_labour: a worker under 16 is a matter for labour inspection whatever else is true.
 * 2–4. court_referred, agreement_unperformed, judicial_confirmation: a court already holds the case
 *    (and its own clock), or only a court can make the agreement enforceable.
 * 5–6. collective contracts: disputes while signing one go to the labour bureau for coordination;
 *    disputes while performing one go to arbitration (劳动法 Art. 84).
 * 7–8. respondent_refused, mediation_lapsed: mediation cannot proceed, and escalation is a right
 *    that is never blocked (DESIGN §3), so these beat the legal-consultation reasons.
 * 9–13. relationship_unclear, platform_worker, limitation_near, legal_aid, advice_only: the legal post.
 */
export const ROUTING_RULES = { limitationNearDays: 30 } as const

export type RoutingFacts = {
  channel: string
  disputeTypes: readonly string[]
  workers: readonly { under16?: boolean; platformWorker?: boolean }[]
  /** Only for collective-contract disputes: the stage the dispute arose in. */
  collectiveContractStage: 'signing' | 'performance' | null
  /** Days to the nearest arbitration limitation among the workers; null when none runs. */
  limitationDaysLeft: number | null
  /** Whether there is a labour relationship at all is in doubt (contractors, gig work…). */
  relationshipUnclear?: boolean
  /** The worker asks for advice, not for mediation. */
  adviceOnly?: boolean
  legalAidRequested?: boolean
  /** Recorded with the respondent's consent (case-actions `record_consent`). */
  respondentRefusedMediation?: boolean
  /** The mediation period (with any consented extension) ran out without an agreement. */
  mediationLapsed?: boolean
  /** An agreement in effect was not performed by its deadline: payment order or enforcement. */
  agreementUnperformed?: boolean
  /** The parties jointly ask for judicial confirmation of their agreement. */
  judicialConfirmationRequested?: boolean
}

export type RoutingReason =
  | { code: 'child_labour'; route: 'labour_inspection'; workers: number }
  | { code: 'court_referred'; route: 'court_linkage' }
  | { code: 'agreement_unperformed'; route: 'court_linkage' }
  | { code: 'judicial_confirmation'; route: 'court_linkage' }
  | { code: 'collective_contract_signing'; route: 'labour_bureau' }
  | { code: 'collective_contract_performance'; route: 'arbitration' }
  | { code: 'respondent_refused'; route: 'arbitration' }
  | { code: 'mediation_lapsed'; route: 'arbitration' }
  | { code: 'relationship_unclear'; route: 'legal_consultation' }
  | { code: 'platform_worker'; route: 'legal_consultation'; workers: number }
  | { code: 'limitation_near'; route: 'legal_consultation'; days: number }
  | { code: 'legal_aid'; route: 'legal_consultation' }
  | { code: 'advice_only'; route: 'legal_consultation' }
  | { code: 'default_mediation'; route: 'mediation' }
  | { code: 'wage_arrears'; route: 'labour_inspection' }

export type RoutingCode = RoutingReason['code']

/** Highest first. `wage_arrears` comes after `default_mediation`, so it never decides (see above). */
export const ROUTING_PRIORITY: readonly RoutingCode[] = [
  'child_labour',
  'court_referred',
  'agreement_unperformed',
  'judicial_confirmation',
  'collective_contract_signing',
  'collective_contract_performance',
  'respondent_refused',
  'mediation_lapsed',
  'relationship_unclear',
  'platform_worker',
  'limitation_near',
  'legal_aid',
  'advice_only',
  'default_mediation',
  'wage_arrears',
]

export type RouteSuggestion = { route: Route; reasons: RoutingReason[]; alternatives: Route[] }

/** Wage and overtime pay only: what a labour-inspection complaint handles (as in limitation.ts). */
const PAY_TYPES = ['wages', 'overtime']

export function suggestRoute(f: RoutingFacts, rules: { limitationNearDays: number } = ROUTING_RULES): RouteSuggestion {
  const fired: RoutingReason[] = []
  const under16 = f.workers.filter((w) => w.under16).length
  const platform = f.workers.filter((w) => w.platformWorker).length

  if (under16 > 0) fired.push({ code: 'child_labour', route: 'labour_inspection', workers: under16 })
  if (f.channel === 'court_referral') fired.push({ code: 'court_referred', route: 'court_linkage' })
  if (f.agreementUnperformed) fired.push({ code: 'agreement_unperformed', route: 'court_linkage' })
  if (f.judicialConfirmationRequested) fired.push({ code: 'judicial_confirmation', route: 'court_linkage' })
  if (f.collectiveContractStage === 'signing') fired.push({ code: 'collective_contract_signing', route: 'labour_bureau' })
  if (f.collectiveContractStage === 'performance') fired.push({ code: 'collective_contract_performance', route: 'arbitration' })
  if (f.respondentRefusedMediation) fired.push({ code: 'respondent_refused', route: 'arbitration' })
  if (f.mediationLapsed) fired.push({ code: 'mediation_lapsed', route: 'arbitration' })
  if (f.relationshipUnclear) fired.push({ code: 'relationship_unclear', route: 'legal_consultation' })
  if (platform > 0) fired.push({ code: 'platform_worker', route: 'legal_consultation', workers: platform })
  if (f.limitationDaysLeft !== null && f.limitationDaysLeft <= rules.limitationNearDays) {
    fired.push({ code: 'limitation_near', route: 'legal_consultation', days: f.limitationDaysLeft })
  }
  if (f.legalAidRequested) fired.push({ code: 'legal_aid', route: 'legal_consultation' })
  if (f.adviceOnly) fired.push({ code: 'advice_only', route: 'legal_consultation' })
  if (fired.length === 0) fired.push({ code: 'default_mediation', route: 'mediation' })
  // After the default, and last in priority: it never decides, it only offers its route.
  if (f.disputeTypes.length > 0 && f.disputeTypes.every((t) => PAY_TYPES.includes(t))) {
    fired.push({ code: 'wage_arrears', route: 'labour_inspection' })
  }

  const reasons = fired.sort((a, b) => ROUTING_PRIORITY.indexOf(a.code) - ROUTING_PRIORITY.indexOf(b.code))
  // reasons[0] is a deciding rule or default_mediation; the fallback only satisfies the type checker.
  const route: Route = reasons[0]?.route ?? 'mediation'
  const alternatives: Route[] = []
  for (const r of reasons) if (r.route !== route && !alternatives.includes(r.route)) alternatives.push(r.route)
  return { route, reasons, alternatives }
}
