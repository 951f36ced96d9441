import { sql, type RawBuilder } from 'kysely'

/**
 * Limits any query to an org-unit subtree (DESIGN §1: district sees all, a town its own).
 * `column` names the query's org-unit column, e.g. `cases.org_unit_id`. The subtree is one
 * prefix scan on the indexed materialised path, however many units the federation has.
 */
export function inSubtree(unitPath: string, column: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} in (select id from org_units where path like ${unitPath + '%'})`
}

/** The same rule for the units table itself. */
export function unitInSubtree(unitPath: string, pathColumn = 'org_units.path'): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(pathColumn)} like ${unitPath + '%'}`
}
