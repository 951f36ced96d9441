import type { Rng } from '../demo-people.ts'
import type { CaseStory } from './case-story.ts'

/** What a settlement brings: part of what was claimed, or a round sum when nothing was itemised. */
export function settledFen(s: CaseStory, r: Rng): number {
  const claimed = s.k.claimed_total_fen as number
  return claimed > 0 ? Math.floor(claimed * r.int(50, 90) / 100) : r.int(20, 300) * 10_000
}

/** Where a mediation was resolved: the court's, the district's, or mostly the town's (some at a grassroots union). */
export function mediationLevel(s: CaseStory, r: Rng): string {
  if (s.route === 'court_linkage') return 'court'
  if (s.staff.id !== s.town.id) return 'district'
  if (s.k.intake_form === 'report') return r.chance(0.5) ? 'grassroots' : 'town'
  return r.chance(0.12) ? 'grassroots' : r.chance(0.08) ? 'district' : 'town'
}
