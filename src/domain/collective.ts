/**
 * A collective dispute is 10 or more workers with a common claim, counted *across* cases: distinct
 * workers in open cases against the same respondent with the same dispute type within 30 days
 * (DESIGN §2). A collective-contract dispute is collective at any headcount.
 */
export const COLLECTIVE_RULES = { workers: 10, windowDays: 30 } as const

export type CaseHeadcount = {
  /** What the reporter said: "about 40 workers". */
  declaredWorkers: number
  /** One entry per listed worker: a stable identity (blind index of ID or phone) or null when unknown. */
  workerKeys: readonly (string | null)[]
}

/**
 * Workers known by ID or phone are counted once however many cases list them; unidentified
 * workers and the declared headcount cannot be matched, so each case adds its own.
 */
export function distinctWorkers(cases: readonly CaseHeadcount[]): number {
  const known = new Set<string>()
  let unmatched = 0
  for (const c of cases) {
    // Distinct within the case too: a key listed twice is one identified worker, and the rest of the
    // declared headcount are others.
    const ids = new Set(c.workerKeys.filter((k): k is string => k !== null))
    const unidentified = c.workerKeys.filter((k) => k === null).length
    ids.forEach((k) => known.add(k))
    unmatched += Math.max(c.declaredWorkers - ids.size, unidentified, 0)
  }
  return known.size + unmatched
}

export function isCollective(headcount: number, disputeTypes: readonly string[], rules = COLLECTIVE_RULES): boolean {
  return disputeTypes.includes('collective_contract') || headcount >= rules.workers
}
