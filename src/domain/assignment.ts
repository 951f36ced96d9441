/**
 * Which mediator to suggest for a case (issue 4): the one in the unit with the fewest open cases.
 *
 *   rankMediators(candidates, { excludeUserId? })  → everyone available, suggested first
 *   suggestMediator(candidates, { excludeUserId? }) → the first of those, or null when nobody is
 *   needsReassignmentReason(currentId, newId)      → true when someone already assigned is replaced
 *
 * The caller loads the candidates (mediators of the case's unit, each with the count of open cases
 * assigned to them); this module only orders them. Ties go to the lower user id: names would sort
 * differently with and without ICU collation, ids never do, and whoever gets the case has one more
 * open case the next time, so ties do not keep landing on the same person.
 */
export type MediatorCandidate = {
  userId: number
  name: string
  openCases: number
  /** On leave, away, or otherwise not taking cases: never suggested. */
  onLeave?: boolean
}

export type SuggestOptions = {
  /** Leave this person out: the current mediator, when the case is being reassigned. */
  excludeUserId?: number | null
}

export function rankMediators(candidates: readonly MediatorCandidate[], opts: SuggestOptions = {}): MediatorCandidate[] {
  return candidates
    .filter((c) => !c.onLeave && c.userId !== opts.excludeUserId)
    .sort((a, b) => a.openCases - b.openCases || a.userId - b.userId)
}

export function suggestMediator(candidates: readonly MediatorCandidate[], opts: SuggestOptions = {}): MediatorCandidate | null {
  return rankMediators(candidates, opts)[0] ?? null
}

/**
 * A first assignment needs no reason; replacing someone does (it lands in the timeline), and
 * "reassigning" to the same person is no change at all.
 */
export function needsReassignmentReason(currentId: number | null | undefined, newId: number): boolean {
  return currentId !== null && currentId !== undefined && currentId !== newId
}
