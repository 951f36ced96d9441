import type { CurrentUser } from '../../app-env.ts'
import type { Db } from '../../db/connect.ts'
import type { CaseFilter } from './cases.filters.ts'
import { mediatorsInScope, townsInScope, type ListScope } from './cases.queries.ts'

/**
 * Where a list's filters point, checked against the user's scope: a town, holder or mediator
 * outside it is dropped from the filter (as if not asked for), so a shared link never widens
 * what anyone sees. The case list, its exports and the dashboard all resolve filters here, so
 * a figure and the list it links to count the same cases.
 */
export async function resolveListScope(db: Db, user: CurrentUser, filter: CaseFilter, today: string) {
  const [towns, mediators] = await Promise.all([townsInScope(db, user), mediatorsInScope(db, user)])
  const town = towns.find((u) => u.id === filter.town)
  const holder = towns.find((u) => u.id === filter.holder)
  const assigneeId = filter.assignee === 'mine' ? user.id : (mediators.find((m) => m.id === filter.assignee)?.id ?? null)
  const keepsAssignee = filter.assignee === 'mine' || filter.assignee === 'none' || assigneeId !== null
  const f: CaseFilter = {
    ...filter,
    town: town ? filter.town : undefined,
    holder: holder ? filter.holder : undefined,
    assignee: keepsAssignee ? filter.assignee : undefined,
  }
  const scope: ListScope = { townPath: town?.path ?? null, holderPath: holder?.path ?? null, assigneeId, today }
  return { filter: f, scope, towns, mediators }
}
