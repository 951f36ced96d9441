/** The federation's three levels (DESIGN §1): district → town → grassroots (a park's union may hold enterprise unions). */
export const ORG_KINDS = ['district', 'town', 'grassroots'] as const
export type OrgKind = (typeof ORG_KINDS)[number]

const PARENT_KINDS: Record<OrgKind, readonly OrgKind[]> = {
  district: [],
  town: ['district'],
  grassroots: ['town', 'grassroots'],
}

export const UNIT_NAME_MAX = 100
export const UNIT_CODE_MAX = 40
// Codes are typed into CSV files and other systems: letters, digits and a few separators only.
export const UNIT_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/

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

/** '/1/' is depth 0, '/1/5/' depth 1, and so on. */
export function depthOf(path: string): number {
  return path.split('/').length - 3
}

/** The ids of a unit's ancestors, root first, read from its path (the unit itself excluded). */
export function ancestorIds(path: string): number[] {
  return path.split('/').filter(Boolean).slice(0, -1).map(Number)
}

export type NameProblem = 'missing' | 'too_long' | 'control_chars'
export type CodeProblem = 'too_long' | 'format'

export function unitNameProblem(name: string): NameProblem | null {
  if (name.trim() === '') return 'missing'
  // The database counts characters, not UTF-16 units.
  if ([...name].length > UNIT_NAME_MAX) return 'too_long'
  if (/\p{Cc}/u.test(name)) return 'control_chars'
  return null
}

export function unitCodeProblem(code: string): CodeProblem | null {
  if (code.length > UNIT_CODE_MAX) return 'too_long'
  if (!UNIT_CODE_PATTERN.test(code)) return 'format'
  return null
}

type Placed = { id: number; kind: OrgKind; path: string }

export type MoveProblem = 'scope_root' | 'same_parent' | 'under_itself' | 'kind_not_allowed'

/**
 * Whether `unit` may move under `newParent`. The admin's own root never moves: that would take
 * it (and everything under it) out of the area the admin manages.
 */
export function moveProblem(unit: Placed & { parentId: number | null }, newParent: Placed, scopeRootPath: string): MoveProblem | null {
  if (unit.path === scopeRootPath) return 'scope_root'
  if (isInSubtree(newParent.path, unit.path)) return 'under_itself'
  if (unit.parentId === newParent.id) return 'same_parent'
  if (!canBeChildOf(unit.kind, newParent.kind)) return 'kind_not_allowed'
  return null
}

export type TreeRow = { id: number; parentId: number | null; name: string; path: string }

/**
 * Rows of one subtree in reading order: each unit followed by its children, siblings by name,
 * with the depth below `rootPath`. Rows whose parent is absent start their own branch.
 */
export function inTreeOrder<R extends TreeRow>(rows: readonly R[], rootPath: string): (R & { depth: number })[] {
  const ids = new Set(rows.map((r) => r.id))
  const children = new Map<number | null, R[]>()
  for (const r of rows) {
    const key = r.parentId !== null && ids.has(r.parentId) ? r.parentId : null
    const list = children.get(key)
    if (list) list.push(r)
    else children.set(key, [r])
  }
  const byName = (a: R, b: R) => a.name.localeCompare(b.name, 'zh-CN') || a.id - b.id
  const base = depthOf(rootPath)
  const out: (R & { depth: number })[] = []
  const walk = (key: number | null) => {
    for (const r of (children.get(key) ?? []).sort(byName)) {
      out.push({ ...r, depth: Math.max(0, depthOf(r.path) - base) })
      walk(r.id)
    }
  }
  walk(null)
  return out
}

export type ImportRow = { line: number; code: string; name: string; kind: string; parentCode: string }
export type ExistingUnit = { id: number; kind: OrgKind; inScope: boolean }
export type ImportProblemCode =
  | 'code_missing' | 'code_too_long' | 'code_format' | 'code_repeated' | 'code_taken'
  | 'name_missing' | 'name_too_long' | 'name_control_chars' | 'name_repeated' | 'name_taken'
  | 'kind_unknown' | 'kind_not_allowed' | 'parent_missing' | 'parent_later' | 'parent_not_found'
export type ImportProblem = { line: number; problem: ImportProblemCode; value: string }
export type PlannedUnit = {
  code: string
  name: string
  kind: OrgKind
  parent: { id: number } | { code: string }
  /** 0 under an existing unit, n+1 under a unit of generation n: each generation is one insert. */
  generation: number
}

export const siblingKey = (parentId: number, name: string) => `${parentId}\n${name}`

/**
 * Checks a whole import before anything is written (all or nothing). `existing` holds the
 * units already stored under the codes the file mentions; `takenNames` the names already used
 * under the existing parents it mentions (see `siblingKey`). A parent must be an earlier row or
 * an existing unit in the admin's area; an import never creates a district, which has no parent.
 */
export function planImport(
  rows: readonly ImportRow[],
  existing: ReadonlyMap<string, ExistingUnit>,
  takenNames: ReadonlySet<string>,
): { problems: ImportProblem[]; units: PlannedUnit[] } {
  const problems: ImportProblem[] = []
  const units: PlannedUnit[] = []
  const inFile = new Map<string, { kind: OrgKind | null; generation: number }>()
  const lastLineOf = new Map(rows.map((r) => [r.code, r.line]))
  const siblings = new Set<string>()
  for (const row of rows) {
    const found: ImportProblem[] = []
    const add = (problem: ImportProblemCode, value = '') => found.push({ line: row.line, problem, value })

    const codeProblem = row.code === '' ? 'missing' : unitCodeProblem(row.code)
    if (codeProblem) add(`code_${codeProblem}`, row.code)
    else if (inFile.has(row.code)) add('code_repeated', row.code)
    else if (existing.has(row.code)) add('code_taken', row.code)

    const nameProblem = unitNameProblem(row.name)
    if (nameProblem) add(`name_${nameProblem}`, row.name)

    const kindText = row.kind.toLowerCase()
    const kind = isOrgKind(kindText) ? kindText : null
    if (!kind) add('kind_unknown', row.kind)

    let parent: PlannedUnit['parent'] | null = null
    let parentKind: OrgKind | null = null
    let generation = 0
    const fromFile = inFile.get(row.parentCode)
    const stored = existing.get(row.parentCode)
    if (row.parentCode === '') add('parent_missing')
    else if (fromFile) {
      parent = { code: row.parentCode }
      parentKind = fromFile.kind
      generation = fromFile.generation + 1
    } else if (stored?.inScope) {
      parent = { id: stored.id }
      parentKind = stored.kind
    } else if ((lastLineOf.get(row.parentCode) ?? 0) > row.line) add('parent_later', row.parentCode)
    else add('parent_not_found', row.parentCode)

    if (kind && parentKind && !canBeChildOf(kind, parentKind)) add('kind_not_allowed', row.kind)
    if (parent && !nameProblem) {
      const key = 'id' in parent ? siblingKey(parent.id, row.name) : `code:${parent.code}\n${row.name}`
      if (siblings.has(key)) add('name_repeated', row.name)
      else if ('id' in parent && takenNames.has(key)) add('name_taken', row.name)
      siblings.add(key)
    }
    // Later rows may still hang under this one, so their own problems are reported, not a cascade.
    if (!codeProblem && !inFile.has(row.code)) inFile.set(row.code, { kind, generation })
    if (found.length) problems.push(...found)
    else units.push({ code: row.code, name: row.name, kind: kind!, parent: parent!, generation })
  }
  return { problems, units }
}
