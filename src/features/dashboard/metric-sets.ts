import type { CurrentUser } from '../../app-env.ts'
import type { MetricFilter } from '../../domain/metrics.ts'
import { parseCaseFilter } from '../cases/cases.filters.ts'
import { filterConditions } from '../cases/cases.queries.ts'
import { scopeFilter, type ScopeChoices } from '../cases/list-scope.ts'

/** A metric's set as the case list's query: the link behind the figure. */
export function metricQuery(f: MetricFilter): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(f)) if (v !== undefined) out[k] = String(v)
  return out
}

export function metricHref(f: MetricFilter): string {
  const q = new URLSearchParams(metricQuery(f)).toString()
  return q ? `/cases?${q}` : '/cases'
}

/**
 * The SQL conditions of a metric's set: the link's own query parsed by the case list's parser,
 * scoped like the list and translated by the list's own conditions. A figure and the list it
 * links to therefore count the same rows by construction; the dashboard test checks it anyway.
 * Without the user's scope (filterConditions): every query here applies caseVisibleTo once, in
 * its WHERE clause.
 */
export function metricConditions(user: CurrentUser, f: MetricFilter, today: string, choices: ScopeChoices) {
  const scoped = scopeFilter(user, parseCaseFilter(metricQuery(f)), today, choices)
  return filterConditions(scoped.filter, null, scoped.scope)
}
