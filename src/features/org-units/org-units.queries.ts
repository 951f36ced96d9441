import { sql } from 'kysely'
import type { Db } from '../../db/connect.ts'
import { unitInSubtree } from '../../auth/scope.ts'
import { siblingKey, type ExistingUnit, type OrgKind, type PlannedUnit } from '../../domain/org-tree.ts'
import type { ParentRef } from './org-units.forms.ts'

export type Unit = { id: number; parentId: number | null; kind: OrgKind; name: string; code: string | null; path: string }

const COLUMNS = ['u.id', 'u.parent_id', 'u.kind', 'u.name', 'u.code', 'u.path'] as const
type Row = { id: number; parent_id: number | null; kind: string; name: string; code: string | null; path: string }
const toUnit = (r: Row): Unit => ({ id: r.id, parentId: r.parent_id, kind: r.kind as OrgKind, name: r.name, code: r.code, path: r.path })

// Paths sort as a pre-order walk only byte by byte; a locale collation may skip the slashes.
const byPath = sql`u.path collate "C"`

const units = (db: Db, scopePath: string) => db.selectFrom('org_units as u').select(COLUMNS).where(unitInSubtree(scopePath, 'u.path'))

/** A unit inside the admin's area, or undefined (missing and out of area look the same). `lock` for a move. */
export async function findUnit(db: Db, ref: ParentRef, scopePath: string, lock = false): Promise<Unit | undefined> {
  let q = units(db, scopePath)
  q = 'id' in ref ? q.where('u.id', '=', ref.id) : q.where('u.code', '=', ref.code)
  const row = await (lock ? q.forUpdate() : q).executeTakeFirst()
  return row && toUnit(row)
}

/** The subtree query: one prefix scan on org_units_path_idx at any size. */
export function subtreeQuery(db: Db, path: string) {
  return db.selectFrom('org_units').select(['id', 'path']).where(unitInSubtree(path))
}

export async function countSubtree(db: Db, path: string): Promise<number> {
  const row = await db.selectFrom('org_units').select(sql<string>`count(*)`.as('n')).where(unitInSubtree(path)).executeTakeFirstOrThrow()
  return Number(row.n)
}

/** The first screen: the root, its children, and every district or town below it. */
export async function overviewRows(db: Db, root: Unit, limit: number): Promise<Unit[]> {
  const rows = await units(db, root.path)
    .where((eb) => eb.or([eb('u.kind', '<>', 'grassroots'), eb('u.parent_id', '=', root.id), eb('u.id', '=', root.id)]))
    .orderBy(byPath)
    .limit(limit)
    .execute()
  return rows.map(toUnit)
}

/** One unit's whole subtree; cut at `limit` in path order, so every row's ancestors are present. */
export async function subtreeRows(db: Db, root: Unit, limit: number): Promise<Unit[]> {
  return (await units(db, root.path).orderBy(byPath).limit(limit).execute()).map(toUnit)
}

export async function searchUnits(db: Db, scopePath: string, q: string, limit: number): Promise<Unit[]> {
  const pattern = `%${q.replace(/[%_\\]/g, '\\$&')}%`
  const rows = await units(db, scopePath)
    .where((eb) => eb.or([eb('u.name', 'ilike', pattern), eb('u.code', 'ilike', pattern)]))
    .orderBy(byPath)
    .limit(limit)
    .execute()
  return rows.map(toUnit)
}

export async function unitsByIds(db: Db, ids: number[]): Promise<Unit[]> {
  if (ids.length === 0) return []
  return (await db.selectFrom('org_units as u').select(COLUMNS).where('u.id', 'in', ids).orderBy(byPath).execute()).map(toUnit)
}

/** How many users and direct children each unit has, for the rows shown. */
export async function countsFor(db: Db, ids: number[]): Promise<{ users: Map<number, number>; children: Map<number, number> }> {
  if (ids.length === 0) return { users: new Map(), children: new Map() }
  const [users, children] = await Promise.all([
    db.selectFrom('users').select(['org_unit_id as id', sql<string>`count(*)`.as('n')]).where('org_unit_id', 'in', ids).groupBy('org_unit_id').execute(),
    db.selectFrom('org_units').select(['parent_id as id', sql<string>`count(*)`.as('n')]).where('parent_id', 'in', ids).groupBy('parent_id').execute(),
  ])
  const toMap = (rows: { id: number | null; n: string }[]) => new Map(rows.map((r) => [r.id!, Number(r.n)]))
  return { users: toMap(users), children: toMap(children) }
}

/** Districts and towns in the area: the parents offered in pickers (grassroots parents are typed by code). */
export async function parentChoices(db: Db, scopePath: string, limit = 500): Promise<Unit[]> {
  return (await units(db, scopePath).where('u.kind', '<>', 'grassroots').orderBy(byPath).limit(limit).execute()).map(toUnit)
}

export async function insertUnit(db: Db, v: { parentId: number; kind: OrgKind; name: string; code: string | null }): Promise<Unit> {
  const row = await db
    .insertInto('org_units')
    .values({ parent_id: v.parentId, kind: v.kind, name: v.name, code: v.code })
    .returning(['id', 'parent_id', 'kind', 'name', 'code', 'path'])
    .executeTakeFirstOrThrow()
  return toUnit(row)
}

export async function updateUnit(db: Db, id: number, v: { name: string; code: string | null }) {
  await db.updateTable('org_units').set({ name: v.name, code: v.code }).where('id', '=', id).execute()
}

/** Re-parents `unit` and rewrites the path prefix of its whole subtree in one statement. Returns how many paths changed. */
export async function moveUnit(db: Db, unit: Unit, newParent: Unit): Promise<{ newPath: string; moved: number }> {
  const newPath = `${newParent.path}${unit.id}/`
  await db.updateTable('org_units').set({ parent_id: newParent.id }).where('id', '=', unit.id).execute()
  const result = await db
    .updateTable('org_units')
    .set({ path: sql<string>`${newPath}::text || substr(path, length(${unit.path}::text) + 1)` })
    .where(unitInSubtree(unit.path))
    .executeTakeFirst()
  return { newPath, moved: Number(result.numUpdatedRows) }
}

/** The stored units under the codes an import mentions, each marked in or out of the admin's area. */
export async function unitsByCodes(db: Db, codes: string[], scopePath: string): Promise<Map<string, ExistingUnit>> {
  const found = new Map<string, ExistingUnit>()
  for (let i = 0; i < codes.length; i += 1000) {
    const rows = await db
      .selectFrom('org_units as u')
      .select(['u.id', 'u.code', 'u.kind', unitInSubtree(scopePath, 'u.path').as('in_scope')])
      .where('u.code', 'in', codes.slice(i, i + 1000))
      .execute()
    for (const r of rows) found.set(r.code!, { id: r.id, kind: r.kind as OrgKind, inScope: r.in_scope })
  }
  return found
}

/** Which of `names` are already used under the given parents (see `siblingKey`). */
export async function takenSiblingNames(db: Db, parentIds: number[], names: string[]): Promise<Set<string>> {
  const taken = new Set<string>()
  if (parentIds.length === 0 || names.length === 0) return taken
  for (let i = 0; i < names.length; i += 1000) {
    const rows = await db
      .selectFrom('org_units')
      .select(['parent_id', 'name'])
      .where('parent_id', 'in', parentIds)
      .where('name', 'in', names.slice(i, i + 1000))
      .execute()
    for (const r of rows) taken.add(siblingKey(r.parent_id!, r.name))
  }
  return taken
}

/** Inserts a checked import generation by generation, so every parent exists (and has its path) before its children. */
export async function insertPlanned(db: Db, planned: PlannedUnit[]): Promise<number> {
  const idOf = new Map<string, number>()
  const generations = Math.max(-1, ...planned.map((u) => u.generation)) + 1
  let inserted = 0
  for (let g = 0; g < generations; g++) {
    const batch = planned.filter((u) => u.generation === g)
    for (let i = 0; i < batch.length; i += 1000) {
      const values = batch.slice(i, i + 1000).map((u) => ({
        parent_id: 'id' in u.parent ? u.parent.id : idOf.get(u.parent.code)!,
        kind: u.kind,
        name: u.name,
        code: u.code,
      }))
      const rows = await db.insertInto('org_units').values(values).returning(['id', 'code']).execute()
      for (const r of rows) idOf.set(r.code!, r.id)
      inserted += rows.length
    }
  }
  return inserted
}

/** Which unique rule a failed write broke (SQLSTATE 23505), whichever driver reported it. */
export function uniqueViolation(err: unknown): 'code' | 'name' | null {
  const e = err as { code?: string; constraint?: string; constraint_name?: string } | null
  if (e?.code !== '23505') return null
  const constraint = e.constraint ?? e.constraint_name ?? ''
  return constraint.includes('code') ? 'code' : 'name'
}
