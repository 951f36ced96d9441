import { sql } from 'kysely'
import type { Db } from '../../db/connect.ts'
import { inSubtree, unitInSubtree } from '../../auth/scope.ts'
import { ROLES, type Role } from '../../domain/roles.ts'
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS } from '../../domain/session-expiry.ts'

export const USER_STATUSES = ['active', 'disabled', 'locked'] as const
export type UserStatus = (typeof USER_STATUSES)[number]
export type UserFilter = { q?: string | undefined; role?: Role | undefined; status?: UserStatus | undefined; after?: string | undefined }

const rolesOfUser = sql<string[]>`coalesce((select array_agg(r.role order by r.role) from user_roles r where r.user_id = users.id), '{}')`
const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&')
/** Always in the order of ROLES, so two role lists compare equal exactly when they hold the same roles. */
const inRoleOrder = (held: readonly string[]): Role[] => ROLES.filter((r) => held.includes(r))

/** Disabled and locked can both hold (the home page counts every lock); neither means active. */
function statusesOf(row: { disabled_at: Date | null; locked_until: Date | null }, now: Date): UserStatus[] {
  const out: UserStatus[] = []
  if (row.disabled_at) out.push('disabled')
  if (row.locked_until && row.locked_until > now) out.push('locked')
  return out.length ? out : ['active']
}

/** Keyset-paged by username, so a page stays one index range however many users there are. */
export async function listUsers(db: Db, scopePath: string, filter: UserFilter, now: Date, limit = 50) {
  let q = db
    .selectFrom('users')
    .innerJoin('org_units', 'org_units.id', 'users.org_unit_id')
    .select(['users.id', 'users.username', 'users.display_name', 'users.disabled_at', 'users.locked_until', 'org_units.name as unit_name', rolesOfUser.as('roles')])
    .where(inSubtree(scopePath, 'users.org_unit_id'))
    .orderBy('users.username')
    .limit(limit + 1)
  if (filter.q) {
    const like = `%${escapeLike(filter.q)}%`
    q = q.where((eb) => eb.or([eb('users.username', 'ilike', like), eb('users.display_name', 'ilike', like)]))
  }
  const role = filter.role
  if (role) {
    q = q.where((eb) => eb.exists(eb.selectFrom('user_roles').select('user_roles.user_id').whereRef('user_roles.user_id', '=', 'users.id').where('user_roles.role', '=', role)))
  }
  if (filter.status === 'disabled') q = q.where('users.disabled_at', 'is not', null)
  if (filter.status === 'locked') q = q.where('users.locked_until', '>', now)
  if (filter.status === 'active') {
    q = q.where('users.disabled_at', 'is', null).where((eb) => eb.or([eb('users.locked_until', 'is', null), eb('users.locked_until', '<=', now)]))
  }
  if (filter.after) q = q.where('users.username', '>', filter.after)
  const rows = await q.execute()
  const page = rows.slice(0, limit).map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    unitName: r.unit_name,
    roles: inRoleOrder(r.roles),
    statuses: statusesOf(r, now),
  }))
  return { rows: page, nextAfter: rows.length > limit ? page[page.length - 1]!.username : null }
}

export type ManagedUser = NonNullable<Awaited<ReturnType<typeof findUserInScope>>>

/** A user the admin may manage, or undefined: outside the subtree looks exactly like missing. */
export async function findUserInScope(db: Db, scopePath: string, id: number, now: Date) {
  const row = await db
    .selectFrom('users')
    .innerJoin('org_units', 'org_units.id', 'users.org_unit_id')
    .select([
      'users.id', 'users.username', 'users.display_name', 'users.org_unit_id', 'users.disabled_at', 'users.failed_logins',
      'users.locked_until', 'users.must_change_password', 'users.created_at', 'org_units.name as unit_name', rolesOfUser.as('roles'),
    ])
    .where('users.id', '=', id)
    .where(inSubtree(scopePath, 'users.org_unit_id'))
    .executeTakeFirst()
  if (!row) return undefined
  return { ...row, roles: inRoleOrder(row.roles), statuses: statusesOf(row, now) }
}

/** Units an admin may assign, in tree order: "C" collation keeps '/' before digits on any locale. */
export function unitsInScope(db: Db, scopePath: string) {
  return db
    .selectFrom('org_units')
    .select(['id', 'name', 'path'])
    .where(unitInSubtree(scopePath))
    .orderBy(sql`path collate "C"`)
    .execute()
}

export async function unitIsInScope(db: Db, scopePath: string, unitId: number): Promise<boolean> {
  const row = await db.selectFrom('org_units').select('id').where('id', '=', unitId).where(unitInSubtree(scopePath)).executeTakeFirst()
  return row !== undefined
}

export async function usernameTaken(db: Db, username: string): Promise<boolean> {
  return (await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst()) !== undefined
}

export async function insertUser(
  db: Db,
  user: { username: string; displayName: string; orgUnitId: number; passwordHash: string; roles: Role[] },
  now: Date,
): Promise<number> {
  const { id } = await db
    .insertInto('users')
    .values({
      username: user.username,
      display_name: user.displayName,
      org_unit_id: user.orgUnitId,
      password_hash: user.passwordHash,
      must_change_password: true,
      password_changed_at: now,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await setRoles(db, id, user.roles)
  return id
}

/** The row as it stands, locked until the transaction ends, so before/after in the audit row are exact. */
export async function lockUser(db: Db, id: number) {
  const row = await db
    .selectFrom('users')
    .select(['id', 'display_name', 'org_unit_id', 'failed_logins', 'locked_until'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirstOrThrow()
  const roles = await db.selectFrom('user_roles').select('role').where('user_id', '=', id).execute()
  return { ...row, roles: inRoleOrder(roles.map((r) => r.role)) }
}

export async function updateProfile(db: Db, id: number, fields: { displayName: string; orgUnitId: number }) {
  await db.updateTable('users').set({ display_name: fields.displayName, org_unit_id: fields.orgUnitId }).where('id', '=', id).execute()
}

export async function setRoles(db: Db, id: number, roles: Role[]) {
  await db.deleteFrom('user_roles').where('user_id', '=', id).execute()
  if (roles.length) await db.insertInto('user_roles').values(roles.map((role) => ({ user_id: id, role }))).execute()
}

/** Keeps the first disable time if the account was already disabled. */
export async function setDisabled(db: Db, id: number, disabled: boolean, now: Date) {
  await db
    .updateTable('users')
    .set({ disabled_at: disabled ? sql<Date>`coalesce(disabled_at, ${now})` : null })
    .where('id', '=', id)
    .execute()
}

export async function setTemporaryPassword(db: Db, id: number, passwordHash: string, now: Date) {
  await db.updateTable('users').set({ password_hash: passwordHash, must_change_password: true, password_changed_at: now }).where('id', '=', id).execute()
}

export async function clearLockout(db: Db, id: number) {
  await db.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', id).execute()
}

/** Rows of expired sessions linger until their cookie comes back, so count only the live ones. */
export async function activeSessionCount(db: Db, userId: number, now: Date): Promise<number> {
  const row = await db
    .selectFrom('sessions')
    .select(sql<string>`count(*)`.as('n'))
    .where('user_id', '=', userId)
    .where('last_seen_at', '>', new Date(now.getTime() - IDLE_TIMEOUT_MS))
    .where('created_at', '>', new Date(now.getTime() - ABSOLUTE_TIMEOUT_MS))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export function recentAuditAbout(db: Db, userId: number, limit = 10) {
  return db
    .selectFrom('audit_log')
    .select(['id', 'at', 'actor_username', 'event', 'outcome'])
    .where('object_type', '=', 'user')
    .where('object_id', '=', String(userId))
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
}

export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505'
}
