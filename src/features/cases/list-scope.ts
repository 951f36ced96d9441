import type { CurrentUser } from '../../app-env.ts'
import type { Db } from '../../db/connect.ts'
import type { CaseFilter } from './cases.filters.ts'
import { mediatorsInScope, townsInScope, type ListScope } from './cases.queries.ts'

type Town = { id: number; name: string; path: string }
type Mediator = { id: number; display_name: string }
/** The towns and mediators a user may filter by (their subtree's). */
export type ScopeChoices = { towns: Town[]; mediators: Mediator[] }

export async function scopeChoices(db: Db, user: CurrentUser): Promise<ScopeChoices> {
  const [towns, mediators] = await Promise.all([townsInScope(db, user), mediatorsInScope(db, user)])
  return { towns, mediators }
}

/**
 * Where a list's filters point, checked against the user's scope: a town, holder or mediator
 * outside it is dropped from the filter (as if not asked for), so a shared link never widens
 * what anyone sees. The case list, its exports and the dashboard all resolve filters here, so
 * a figure and the list it links to count the same cases.
 */
export function scopeFilter(user: CurrentUser, filter: CaseFilter, today: string, { towns, mediators }: ScopeChoices) {
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
  return { filter: f, scope }
}

export async function resolveListScope(db: Db, user: CurrentUser, filter: CaseFilter, today: string) {
  const choices = await scopeChoices(db, user)
  return { ...scopeFilter(user, filter, today, choices), ...choices }
}
