/** The federation's three levels (DESIGN §1): district → town → grassroots (a park's union may hold enterprise unions). */
export const ORG_KINDS = ['district', 'town', 'grassroots'] as const
export type OrgKind = (typeof ORG_KINDS)[number]

const PARENT_KINDS: Record<OrgKind, readonly OrgKind[]> = {
  district: [],
  town: ['district'],
  grassroots: ['town', 'grassroots'],
}

export function isOrgKind(v: unknown): v is OrgKind {
  return typeof v === 'string' && (ORG_KINDS as readonly string[]).includes(v)
}

export function canBeChildOf(kind: OrgKind, parentKind: OrgKind | null): boolean {
  return parentKind === null ? kind === 'district' : PARENT_KINDS[kind].includes(parentKind)
}

/** Paths are '/1/5/23/'. A unit cannot move under itself or anything below it. */
export function isInSubtree(path: string, rootPath: string): boolean {
  return path.startsWith(rootPath)
}

export function movedPath(path: string, oldPrefix: string, newPrefix: string): string {
  return isInSubtree(path, oldPrefix) ? newPrefix + path.slice(oldPrefix.length) : path
}
