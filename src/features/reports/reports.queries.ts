import { sql } from 'kysely'
import type { CurrentUser } from '../../app-env.ts'
import { caseVisibleTo } from '../../auth/case-scope.ts'
import type { Db } from '../../db/connect.ts'

/** The Beijing year of the earliest case the user may see, or null when they see none. */
export async function firstCaseYear(db: Db, user: CurrentUser): Promise<number | null> {
  const row = await db.selectFrom('cases').select(sql<string | null>`min(to_char(reported_at at time zone 'Asia/Shanghai', 'YYYY'))`.as('y'))
    .where(caseVisibleTo(user, 'cases')).executeTakeFirst()
  return row?.y ? Number(row.y) : null
}
