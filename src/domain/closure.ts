import type { Route } from './case-vocabulary.ts'

/**
 * What closure records beside its reason (DESIGN §2, §4): the level at which the dispute was
 * resolved — the managers' "share resolved at grassroots / town / district / court" — and the
 * amount actually recovered for the workers.
 */
export const RESOLUTION_LEVELS = ['grassroots', 'town', 'district', 'court'] as const
export type ResolutionLevel = (typeof RESOLUTION_LEVELS)[number]

/** The kinds of org unit (org-tree.ts) that work cases. */
export type UnitKind = 'district' | 'town' | 'grassroots'

/**
 * The level the closure form proposes: a case settled through court linkage counts for the court;
 * otherwise the unit that worked it. Only a proposal: the user confirms or changes it.
 */
export function suggestResolutionLevel(route: Route | null, workingUnitKind: string | null): ResolutionLevel {
  if (route === 'court_linkage') return 'court'
  if (workingUnitKind === 'grassroots' || workingUnitKind === 'town' || workingUnitKind === 'district') return workingUnitKind
  return 'town'
}
