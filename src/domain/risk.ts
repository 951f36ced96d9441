import { RED_SIGNS, type RiskLevel } from './case-vocabulary.ts'

/**
 * Risk is computed from facts, never typed (DESIGN §2). Every rule that fires is kept as a reason,
 * and the level is the highest of them. Thresholds live here, in one place.
 */
export const RISK_RULES = {
  redWorkers: 30,
  redClaimFen: 100_000_000n, // ¥1,000,000
  limitationWarnDays: 30,
  repeatCases: 3,
} as const

export type RiskFacts = {
  collectiveSigns: readonly string[]
  /** The larger of the declared headcount and the distinct workers across the collective group. */
  workers: number
  claimedTotalFen: bigint
  /** Collective by the cross-case rule (see collective.ts). */
  collective: boolean
  disputeTypes: readonly string[]
  migrantWageArrears: boolean
  /** Days from today to the nearest limitation deadline among the workers; null when none applies. */
  limitationDaysLeft: number | null
  /** Cases against any of this case's respondents in the last 12 months, this one included. */
  respondentCasesLast12Months: number
}

export type RiskReason =
  | { code: 'collective_action'; level: 'red'; signs: string[] }
  | { code: 'workers_30'; level: 'red'; workers: number }
  | { code: 'claims_1m'; level: 'red'; fen: string }
  | { code: 'collective'; level: 'orange'; workers: number }
  | { code: 'collective_contract'; level: 'orange' }
  | { code: 'collective_sign'; level: 'orange'; signs: string[] }
  | { code: 'migrant_wage_arrears'; level: 'yellow' }
  | { code: 'limitation_near'; level: 'yellow'; days: number }
  | { code: 'repeat_respondent'; level: 'yellow'; cases: number }

export const RISK_RANK: Record<RiskLevel, number> = { green: 0, yellow: 1, orange: 2, red: 3 }

export function assessRisk(f: RiskFacts, rules = RISK_RULES): { level: RiskLevel; reasons: RiskReason[] } {
  const reasons: RiskReason[] = []
  const redSigns = f.collectiveSigns.filter((s) => (RED_SIGNS as readonly string[]).includes(s))
  const otherSigns = f.collectiveSigns.filter((s) => !(RED_SIGNS as readonly string[]).includes(s))
  if (redSigns.length) reasons.push({ code: 'collective_action', level: 'red', signs: redSigns })
  if (f.workers >= rules.redWorkers) reasons.push({ code: 'workers_30', level: 'red', workers: f.workers })
  if (f.claimedTotalFen >= rules.redClaimFen) reasons.push({ code: 'claims_1m', level: 'red', fen: f.claimedTotalFen.toString() })
  if (f.disputeTypes.includes('collective_contract')) reasons.push({ code: 'collective_contract', level: 'orange' })
  else if (f.collective) reasons.push({ code: 'collective', level: 'orange', workers: f.workers })
  if (otherSigns.length) reasons.push({ code: 'collective_sign', level: 'orange', signs: otherSigns })
  if (f.migrantWageArrears) reasons.push({ code: 'migrant_wage_arrears', level: 'yellow' })
  if (f.limitationDaysLeft !== null && f.limitationDaysLeft <= rules.limitationWarnDays) {
    reasons.push({ code: 'limitation_near', level: 'yellow', days: f.limitationDaysLeft })
  }
  if (f.respondentCasesLast12Months >= rules.repeatCases) {
    reasons.push({ code: 'repeat_respondent', level: 'yellow', cases: f.respondentCasesLast12Months })
  }
  const level = reasons.reduce<RiskLevel>((top, r) => (RISK_RANK[r.level] > RISK_RANK[top] ? r.level : top), 'green')
  return { level, reasons }
}
