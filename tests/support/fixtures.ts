import type { Db } from '../../src/db/connect.ts'
import { hashPassword } from '../../src/auth/password.ts'
import type { Role } from '../../src/domain/roles.ts'

export const PASSWORD = 'correct horse battery staple'
let hashed: Promise<string> | undefined
let seq = 0
const unique = (prefix: string) => `${prefix}${++seq}${Math.random().toString(36).slice(2, 6)}`

export type Unit = { id: number; name: string; path: string; code: string | null }
export type District = { district: Unit; townA: Unit; townB: Unit; grassrootsA: Unit; grassrootsB: Unit }

export async function makeUnit(db: Db, kind: 'district' | 'town' | 'grassroots', parent: Unit | null, name = unique(`${kind}-`)): Promise<Unit> {
  return db
    .insertInto('org_units')
    .values({ kind, name, parent_id: parent?.id ?? null, code: unique('c') })
    .returning(['id', 'name', 'path', 'code'])
    .executeTakeFirstOrThrow()
}

/** A district with two towns (A and B) and one grassroots union in each: the scope tests' world. */
export async function makeDistrict(db: Db): Promise<District> {
  const district = await makeUnit(db, 'district', null, unique('区总工会'))
  const townA = await makeUnit(db, 'town', district, unique('桂城'))
  const townB = await makeUnit(db, 'town', district, unique('狮山'))
  return {
    district,
    townA,
    townB,
    grassrootsA: await makeUnit(db, 'grassroots', townA),
    grassrootsB: await makeUnit(db, 'grassroots', townB),
  }
}

export type TestUser = { id: number; username: string; password: string; unit: Unit }

export async function makeUser(db: Db, unit: Unit, roles: Role[], opts: { username?: string; password?: string; displayName?: string } = {}): Promise<TestUser> {
  const password = opts.password ?? PASSWORD
  const passwordHash = opts.password ? await hashPassword(password) : await (hashed ??= hashPassword(PASSWORD))
  const username = opts.username ?? unique(`${roles[0] ?? 'user'}_`).toLowerCase()
  const user = await db
    .insertInto('users')
    .values({ username, display_name: opts.displayName ?? `测试${username}`, password_hash: passwordHash, org_unit_id: unit.id })
    .returning('id')
    .executeTakeFirstOrThrow()
  if (roles.length) await db.insertInto('user_roles').values(roles.map((role) => ({ user_id: user.id, role }))).execute()
  return { id: user.id, username, password, unit }
}

export async function auditRows(db: Db, event: string, sinceId = '0') {
  return db.selectFrom('audit_log').selectAll().where('event', '=', event).where('id', '>', sinceId).orderBy('id').execute()
}

export async function lastAuditId(db: Db): Promise<string> {
  const row = await db.selectFrom('audit_log').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst()
  return row?.id ?? '0'
}
