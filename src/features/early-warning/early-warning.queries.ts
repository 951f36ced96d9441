import { sql, type Expression, type SqlBool } from 'kysely'
import type { CurrentUser } from '../../app-env.ts'
import { caseVisibleTo } from '../../auth/case-scope.ts'
import type { Db } from '../../db/connect.ts'
import { RISK_RANK } from '../../domain/risk.ts'
import { nextClock } from '../cases/cases.queries.ts'

/**
 * Open red and orange cases the user may see (DESIGN §2, §7). The status test is written out as
 * literals, the same as the predicate of the partial index cases_risk_open_idx, so the planner can
 * use that index whatever the driver's plan caching.
 */
function onTheBoard(user: CurrentUser): Expression<SqlBool>[] {
  return [
    caseVisibleTo(user, 'cases'),
    sql<boolean>`cases.status not in ('closed', 'declined')`,
    sql<boolean>`cases.risk_rank >= ${sql.lit(RISK_RANK.orange)}`,
  ]
}

export const BOARD_LIMIT = 200

/** Red first, then the longest open first. */
export function earlyWarningCases(db: Db, user: CurrentUser, limit = BOARD_LIMIT) {
  return db.selectFrom('cases')
    .leftJoin('collective_groups as grp', 'grp.id', 'cases.collective_group_id')
    .leftJoinLateral((j) => nextClock(j), (join) => join.onTrue())
    .select([
      'cases.id', 'cases.case_no', 'cases.risk_level', 'cases.risk_reasons', 'cases.reported_at', 'cases.workers_involved',
      'cases.org_unit_id', 'grp.workers_count as group_workers', 'next_clock.kind as clock_kind', 'next_clock.due_on as clock_due',
    ])
    .where((w) => w.and(onTheBoard(user)))
    .orderBy('cases.risk_rank', 'desc').orderBy('cases.reported_at', 'asc').orderBy('cases.id', 'asc')
    .limit(limit)
    .execute()
}

/** For the navigation badge: the same cases, counted. */
export async function earlyWarningCount(db: Db, user: CurrentUser): Promise<number> {
  const row = await db.selectFrom('cases').select(sql<string>`count(*)`.as('n')).where((w) => w.and(onTheBoard(user))).executeTakeFirstOrThrow()
  return Number(row.n)
}
