import type { Db } from '../../connect.ts'
import { personName, type Rng } from '../demo-people.ts'
import { DISTRICT } from '../district.ts'
import { grassrootsUnitName } from './organisations.ts'

/**
 * The people and units a million cases need: the demo district has four grassroots unions and one
 * mediator a town, so the bulk seed adds dozens of grassroots unions per town (inserted one by one
 * in SQL, so the path trigger runs) and a realistic staff: informants at grassroots unions, rights
 * officers, mediators, legal advisers. All are demo users sharing the demo users' password.
 * Runs again without adding twice: units and usernames it already made are kept.
 */
export type Staff = { officers: number[]; mediators: number[]; advisers: number[]; instructors: number[] }
export type Town = Staff & {
  id: number; name: string; code: string; path: string
  grassroots: number[]
  informants: { id: number; unitId: number }[]
}
export type World = { district: Staff & { id: number; path: string }; towns: Town[] }

const GRASSROOTS_PER_TOWN = 60
const PER_TOWN = { rights_officer: 4, mediator: 10, legal_adviser: 1, bargaining_instructor: 1 } as const
const PER_DISTRICT = { rights_officer: 2, mediator: 4, legal_adviser: 3 } as const
const INFORMANTS_PER_TOWN = 20

export async function prepareWorld(db: Db, r: Rng): Promise<World> {
  const district = await db.selectFrom('org_units').select(['id', 'path']).where('code', '=', DISTRICT.code).executeTakeFirst()
  if (!district) throw new Error(`The demo district (org unit code ${DISTRICT.code}) is missing: the bulk seed fills the demo district only.`)
  const towns = await db.selectFrom('org_units').select(['id', 'name', 'code', 'path']).where('parent_id', '=', district.id)
    .where('kind', '=', 'town').orderBy('id').execute()
  const demo = await db.selectFrom('users').select('password_hash').where('is_demo', '=', true).orderBy('id').limit(1).executeTakeFirst()
  if (!demo) throw new Error('No demo users: the bulk seed needs them as staff (they are created on an empty database).')

  for (const town of towns) {
    const have = await db.selectFrom('org_units').select('id').where('parent_id', '=', town.id).execute()
    const names = new Set<string>()
    for (let i = have.length; i < GRASSROOTS_PER_TOWN; i++) names.add(grassrootsUnitName(r, town.name))
    let n = 0
    for (const name of names) {
      await db.insertInto('org_units').values({ kind: 'grassroots', name, code: `${town.code}-G${String(++n).padStart(3, '0')}`, parent_id: town.id })
        .onConflict((oc) => oc.doNothing()).execute()
    }
  }

  const units = await db.selectFrom('org_units').select(['id', 'parent_id', 'code']).where('kind', '=', 'grassroots').orderBy('id').execute()
  const wanted: { username: string; unitId: number; role: string }[] = []
  const add = (prefix: string, role: string, count: number, unitOf: (i: number) => number) => {
    for (let i = 1; i <= count; i++) wanted.push({ username: `${role}_${prefix}_${String(i).padStart(2, '0')}`, unitId: unitOf(i), role })
  }
  for (const [role, count] of Object.entries(PER_DISTRICT)) add('nh', role, count, () => district.id)
  for (const town of towns) {
    const prefix = town.code!.split('-')[1]!.toLowerCase()
    for (const [role, count] of Object.entries(PER_TOWN)) add(prefix, role, count, () => town.id)
    const mine = units.filter((u) => u.parent_id === town.id)
    add(prefix, 'informant', Math.min(INFORMANTS_PER_TOWN, mine.length), (i) => mine[(i * 3) % mine.length]!.id)
  }
  for (const w of wanted) {
    const user = await db.insertInto('users')
      .values({ username: w.username, display_name: personName(r), password_hash: demo.password_hash, org_unit_id: w.unitId, is_demo: true })
      .onConflict((oc) => oc.column('username').doNothing()).returning('id').executeTakeFirst()
    if (user) await db.insertInto('user_roles').values({ user_id: user.id, role: w.role }).execute()
  }
  return loadWorld(db, district, towns, units)
}

async function loadWorld(db: Db, district: { id: number; path: string }, towns: { id: number; name: string; code: string | null; path: string }[],
  units: { id: number; parent_id: number | null }[]): Promise<World> {
  const staff = await db.selectFrom('users').innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select(['users.id', 'users.org_unit_id', 'user_roles.role']).where('users.is_demo', '=', true)
    .where('users.disabled_at', 'is', null).orderBy('users.id').execute()
  const of = (role: string, unitIds: Set<number>) => staff.filter((s) => s.role === role && unitIds.has(s.org_unit_id)).map((s) => s.id)
  const pick = (unitIds: Set<number>): Staff => ({
    officers: of('rights_officer', unitIds), mediators: of('mediator', unitIds), advisers: of('legal_adviser', unitIds), instructors: of('bargaining_instructor', unitIds),
  })
  const d = pick(new Set([district.id]))
  return {
    district: { id: district.id, path: district.path, ...d },
    towns: towns.map((t) => {
      const grassroots = units.filter((u) => u.parent_id === t.id).map((u) => u.id)
      const own = pick(new Set([t.id]))
      const inGrassroots = new Set(grassroots)
      // A town without staff of a role borrows the district's, who see every town.
      const or = (mine: number[], theirs: number[]) => (mine.length ? mine : theirs)
      return {
        id: t.id, name: t.name, code: t.code ?? '', path: t.path, grassroots,
        officers: or(own.officers, d.officers), mediators: or(own.mediators, d.mediators), advisers: or(own.advisers, d.advisers),
        instructors: or(own.instructors, d.instructors),
        informants: staff.filter((s) => s.role === 'informant' && inGrassroots.has(s.org_unit_id)).map((s) => ({ id: s.id, unitId: s.org_unit_id })),
      }
    }),
  }
}
