import { sql, type RawBuilder } from 'kysely'
import type { CurrentUser } from '../app-env.ts'
import type { Role } from '../domain/roles.ts'

/** Roles that read the cases of their org unit's subtree. An informant sees only what they reported; an admin sees no case content. */
export const CASE_READER_ROLES: readonly Role[] = ['rights_officer', 'bargaining_instructor', 'mediator', 'legal_adviser', 'manager']

export function readsSubtree(user: CurrentUser): boolean {
  return user.roles.some((r) => CASE_READER_ROLES.includes(r))
}

/**
 * The one rule every query that reads cases must apply (DESIGN §1, §6): a case outside it does not
 * exist for this user, in lists, search, counts and by URL alike. `alias` is the cases table's name
 * in the query. A unit also sees the legs it holds (issue 4): a case it acknowledged (`holder_unit_id`)
 * or one sent to it and awaiting its acknowledgment. Once it rejects the leg, the case is gone again.
 * Each part is an uncorrelated `in (subquery)`, which PostgreSQL hashes once per statement: a
 * correlated `exists` here cost an index probe for every case a town's list walked past.
 */
export function caseVisibleTo(user: CurrentUser, alias = 'cases'): RawBuilder<boolean> {
  const reporter = sql<boolean>`${sql.ref(`${alias}.reported_by`)} = ${user.id}`
  if (!readsSubtree(user)) return reporter
  const subtree = sql`select id from org_units where path like ${user.orgUnit.path + '%'}`
  return sql<boolean>`(${reporter} or ${sql.ref(`${alias}.org_unit_id`)} in (${subtree}) or ${sql.ref(`${alias}.holder_unit_id`)} in (${subtree})
    or ${sql.ref(`${alias}.id`)} in (select case_legs.case_id from case_legs where case_legs.state = 'awaiting_ack' and case_legs.to_unit_id in (${subtree})))`
}
