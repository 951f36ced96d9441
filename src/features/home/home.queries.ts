import { sql } from 'kysely'
import type { Db } from '../../db/connect.ts'
import { inSubtree, unitInSubtree } from '../../auth/scope.ts'

export async function adminOverview(db: Db, unitPath: string, now: Date) {
  const inScope = inSubtree(unitPath, 'users.org_unit_id')
  const [users, units, locked, recent] = await Promise.all([
    db.selectFrom('users').select(sql<string>`count(*)`.as('n')).where(inScope).executeTakeFirstOrThrow(),
    db.selectFrom('org_units').select(sql<string>`count(*)`.as('n')).where(unitInSubtree(unitPath)).executeTakeFirstOrThrow(),
    db.selectFrom('users').select(sql<string>`count(*)`.as('n')).where(inScope).where('locked_until', '>', now).executeTakeFirstOrThrow(),
    db.selectFrom('audit_log').select(['id', 'at', 'event', 'actor_username', 'outcome']).orderBy('id', 'desc').limit(8).execute(),
  ])
  return { users: Number(users.n), units: Number(units.n), locked: Number(locked.n), recent }
}

/** What this user reported lately and where each report stands: the informant's first question. */
export function recentReports(db: Db, userId: number) {
  return db
    .selectFrom('cases')
    .select(['id', 'case_no', 'title', 'status', 'risk_level', 'reported_at'])
    .where('reported_by', '=', userId)
    .orderBy('reported_at', 'desc')
    .orderBy('id', 'desc')
    .limit(10)
    .execute()
}
