import { sql } from 'kysely'
import type { CurrentUser } from '../app-env.ts'
import type { Db } from '../db/connect.ts'
import { isRole } from '../domain/roles.ts'
import { isLocale } from '../i18n/i18n.ts'

/** Roles are read fresh on every request, never cached in the cookie: a revoked role stops at once. */
export async function loadCurrentUser(db: Db, userId: number): Promise<CurrentUser | null> {
  const row = await db
    .selectFrom('users as u')
    .innerJoin('org_units as o', 'o.id', 'u.org_unit_id')
    .select([
      'u.id', 'u.username', 'u.display_name', 'u.locale', 'u.must_change_password', 'u.disabled_at',
      'o.id as unit_id', 'o.name as unit_name', 'o.kind as unit_kind', 'o.path as unit_path',
      sql<string[]>`coalesce((select array_agg(r.role order by r.role) from user_roles r where r.user_id = u.id), '{}')`.as('roles'),
    ])
    .where('u.id', '=', userId)
    .executeTakeFirst()
  if (!row || row.disabled_at) return null
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: row.roles.filter(isRole),
    locale: isLocale(row.locale) ? row.locale : 'zh-CN',
    mustChangePassword: row.must_change_password,
    orgUnit: { id: row.unit_id, name: row.unit_name, kind: row.unit_kind, path: row.unit_path },
  }
}

export function findUserForLogin(db: Db, username: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'password_hash', 'disabled_at', 'failed_logins', 'locked_until', 'org_unit_id'])
    .where('username', '=', username.trim().toLowerCase())
    .executeTakeFirst()
}

export async function setLoginFailures(db: Db, userId: number, failures: number, lockedUntil: Date | null) {
  await db
    .updateTable('users')
    .set(lockedUntil ? { failed_logins: failures, locked_until: lockedUntil } : { failed_logins: failures })
    .where('id', '=', userId)
    .execute()
}

export async function clearLoginFailures(db: Db, userId: number) {
  await db.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', userId).execute()
}

export async function recordAddressFailure(db: Db, ip: string, now: Date) {
  await db.insertInto('login_failures').values({ ip, at: now }).execute()
}

export async function addressFailureCounts(db: Db, ip: string, now: Date) {
  const hourAgo = new Date(now.getTime() - 3_600_000)
  const minuteAgo = new Date(now.getTime() - 60_000)
  const row = await db
    .selectFrom('login_failures')
    .select([
      sql<string>`count(*) filter (where at > ${minuteAgo})`.as('minute'),
      sql<string>`count(*)`.as('hour'),
    ])
    .where('ip', '=', ip)
    .where('at', '>', hourAgo)
    .where('at', '<=', now)
    .executeTakeFirstOrThrow()
  return { minute: Number(row.minute), hour: Number(row.hour) }
}

export async function setUserLocale(db: Db, userId: number, locale: string) {
  await db.updateTable('users').set({ locale }).where('id', '=', userId).execute()
}
