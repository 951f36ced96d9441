import { sql, type AliasedRawBuilder, type Expression, type RawBuilder, type SqlBool } from 'kysely'
import type { CurrentUser } from '../../app-env.ts'
import { caseVisibleTo } from '../../auth/case-scope.ts'
import type { Db } from '../../db/connect.ts'
import { measureFilters, rate, type Dimension, type Measure, type MeasureValue, type MetricFilter } from '../../domain/metrics.ts'
import { dayRange } from '../cases/cases.filters.ts'
import { OPEN_CASE } from '../cases/cases.queries.ts'
import type { ScopeChoices } from '../cases/list-scope.ts'
import { metricConditions } from './metric-sets.ts'

// The dashboard's numbers, computed in the database with the case list's own conditions.

type Condition = Expression<SqlBool>
const all = (conds: Condition[]) => (conds.length ? sql<boolean>`(${sql.join(conds, sql` and `)})` : sql<boolean>`true`)

/** What a measure needs beyond counting: the days to closure. */
const DAYS_TO_CLOSE = sql<number>`((cases.closed_at at time zone 'Asia/Shanghai')::date - (cases.application_received_at at time zone 'Asia/Shanghai')::date)`
const FIELD: Record<'claimedFen' | 'agreedFen' | 'recoveredFen', RawBuilder<unknown>> = {
  claimedFen: sql`cases.claimed_total_fen`,
  agreedFen: sql`cases.agreed_fen`,
  recoveredFen: sql`coalesce(cases.recovered_fen, 0)`,
}

export type Context = { db: Db; user: CurrentUser; today: string; choices: ScopeChoices }

/** The user's scope, applied once per statement (metricConditions leaves it out). */
const visible = (ctx: Context) => caseVisibleTo(ctx.user, 'cases')

/**
 * A superset of a set's cases that an index can find: received in its period (cases_reported_idx),
 * closed since its start (cases_closed_idx), or open (the partial cases_risk_open_idx). A statement
 * that counts many sets at once reads the union of their anchors instead of every case the user
 * may see. Null when a set has no such bound.
 */
function anchor(f: MetricFilter): RawBuilder<boolean> | null {
  if (f.from || f.to) {
    const r = dayRange(f.from, f.to)
    return all([...(r.from ? [sql<boolean>`cases.reported_at >= ${r.from}`] : []), ...(r.before ? [sql<boolean>`cases.reported_at < ${r.before}`] : [])])
  }
  if (f.closed_from) return sql<boolean>`cases.closed_at >= ${dayRange(f.closed_from, undefined).from!}`
  // In hand during a period: still open, or closed on or after its first day.
  if (f.handled_from) return sql<boolean>`(${OPEN_CASE} or cases.closed_at >= ${dayRange(f.handled_from, undefined).from!})`
  if (f.status === 'open') return OPEN_CASE
  return null
}

/** Sets with the same bounds share one anchor. */
const anchorKey = (f: MetricFilter) => [f.from, f.to, f.closed_from, f.handled_from, f.status === 'open'].join('|')

/** The union of the anchors of every set a statement counts, or no bound if one set has none. */
function envelope(filters: MetricFilter[]): RawBuilder<boolean> {
  const bounds = [...new Map(filters.map((f) => [anchorKey(f), f])).values()].map(anchor)
  if (bounds.some((a) => a === null)) return sql<boolean>`true`
  return sql<boolean>`(${sql.join(bounds as RawBuilder<boolean>[], sql` or `)})`
}

type Reader = (row: Record<string, unknown>) => Promise<MeasureValue> | MeasureValue

/** Each measure as aggregate columns of one statement, and how to read its value back from a row. */
function measureColumns<K extends string>(ctx: Context, measures: Record<K, Measure>) {
  const cond = (f: MetricFilter) => all(metricConditions(ctx.user, f, ctx.today, ctx.choices))
  const columns: AliasedRawBuilder<unknown, string>[] = []
  const column = (expr: RawBuilder<unknown>) => {
    const name = `m${columns.length}`
    columns.push(expr.as(name))
    return name
  }
  const count = (f: MetricFilter) => column(sql`count(*) filter (where ${cond(f)})`)
  const readers = new Map<K, Reader>()
  for (const [key, m] of Object.entries(measures) as [K, Measure][]) {
    switch (m.kind) {
      case 'count': {
        const c = count(m.filter)
        readers.set(key, (r) => ({ value: Number(r[c]), count: Number(r[c]) }))
        break
      }
      case 'rate': {
        const n = count(m.numerator)
        const d = count(m.denominator)
        readers.set(key, (r) => ({ value: rate(Number(r[n]), Number(r[d])), count: Number(r[n]), denominatorCount: Number(r[d]) }))
        break
      }
      case 'days': {
        const c = count(m.filter)
        const v = column(sql`percentile_disc(${m.p}) within group (order by ${DAYS_TO_CLOSE}) filter (where ${cond(m.filter)})`)
        readers.set(key, (r) => ({ value: r[v] === null ? null : Number(r[v]), count: Number(r[c]) }))
        break
      }
      case 'amount': {
        const c = count(m.filter)
        const v = column(sql`coalesce(sum(${FIELD[m.field]}) filter (where ${cond(m.filter)}), 0)`)
        readers.set(key, (r) => ({ value: Number(r[v]), count: Number(r[c]) }))
        break
      }
      case 'workers': {
        const c = count(m.filter)
        readers.set(key, async (r) => ({ value: await distinctWorkers(ctx, m.filter), count: Number(r[c]) }))
        break
      }
    }
  }
  const within = envelope(Object.values<Measure>(measures).flatMap(measureFilters))
  const read = async (row: Record<string, unknown>) => {
    const out = {} as Record<K, MeasureValue>
    for (const [key, reader] of readers) out[key] = await reader(row)
    return out
  }
  return { columns, read, within }
}

/**
 * Evaluates named measures in as few statements as the kinds allow: every count, rate, amount and
 * percentile in one pass over the user's cases; distinct workers one statement each.
 */
export async function evaluateMeasures<K extends string>(ctx: Context, measures: Record<K, Measure>): Promise<Record<K, MeasureValue>> {
  const { columns, read, within } = measureColumns(ctx, measures)
  const row = columns.length ? await ctx.db.selectFrom('cases').select(columns).where(within).where(visible(ctx)).executeTakeFirstOrThrow() : {}
  return read(row as Record<string, unknown>)
}

/**
 * The same measures per mediator in one grouped pass (the mediator table): a mediator's row
 * counts measureInGroup(m, 'mediator', id), the set its links open. Counts, rates and amounts only.
 */
export async function evaluateByMediator<K extends string>(ctx: Context, measures: Record<K, Measure>): Promise<Map<string | null, Record<K, MeasureValue>>> {
  const { columns, read, within } = measureColumns(ctx, measures)
  const rows = await ctx.db.selectFrom('cases').select([sql<string | null>`cases.assigned_mediator_id::text`.as('key'), ...columns])
    .where(within).where(visible(ctx)).groupBy(sql`cases.assigned_mediator_id`).execute()
  const out = new Map<string | null, Record<K, MeasureValue>>()
  for (const r of rows) out.set((r as { key: string | null }).key, await read(r as Record<string, unknown>))
  return out
}

/**
 * Workers in a set of cases, as domain/collective.ts counts them: a worker known by ID or phone
 * (blind index) once however many cases list them, and per case the larger of its unidentified
 * listed workers and its declared headcount beyond the identified ones.
 */
async function distinctWorkers(ctx: Context, f: MetricFilter): Promise<number> {
  const conds = all(metricConditions(ctx.user, f, ctx.today, ctx.choices))
  const { rows } = await sql<{ n: string }>`
    with chosen as (select cases.id, cases.workers_involved from cases where ${visible(ctx)} and ${conds}),
    listed as (
      select w.case_id, case when w.id_bidx is not null then 'id:' || encode(w.id_bidx, 'hex')
                             when w.phone_bidx is not null then 'ph:' || encode(w.phone_bidx, 'hex') end as k
      from workers w join chosen on chosen.id = w.case_id),
    per_case as (
      select chosen.id, chosen.workers_involved as declared, count(distinct listed.k) as known,
             count(listed.case_id) filter (where listed.k is null) as unidentified
      from chosen left join listed on listed.case_id = chosen.id group by chosen.id, chosen.workers_involved)
    select ((select count(distinct k) from listed) + (select coalesce(sum(greatest(declared - known, unidentified, 0)), 0) from per_case))::text as n
  `.execute(ctx.db)
  return Number(rows[0]?.n ?? 0)
}

/** The SQL of a group's key for each dimension (domain/metrics.ts groupKeys says what it means). */
const GROUP_KEY: Record<Exclude<Dimension, 'town' | 'industry' | 'type'>, RawBuilder<string | null>> = {
  route: sql`cases.route`,
  channel: sql`cases.channel`,
  mediator: sql`cases.assigned_mediator_id::text`,
  level: sql`cases.resolution_level`,
}

export type GroupCount = { key: string | null; count: number }

/** How many cases of a set fall in each group of a dimension (a case of two types is in both). */
export async function countByGroup(ctx: Context, base: MetricFilter, dim: Dimension): Promise<GroupCount[]> {
  const conds = all(metricConditions(ctx.user, base, ctx.today, ctx.choices))
  let query: RawBuilder<{ key: string | null; n: string }>
  if (dim === 'town') {
    query = sql`select town.id::text as key, count(*)::text as n from cases
      join org_units u on u.id = cases.org_unit_id
      join org_units town on town.kind = 'town' and u.path like town.path || '%'
      where ${visible(ctx)} and ${conds} group by town.id`
  } else if (dim === 'type') {
    query = sql`select t.key, count(*)::text as n from cases cross join lateral unnest(cases.dispute_types) as t(key)
      where ${visible(ctx)} and ${conds} group by t.key`
  } else if (dim === 'industry') {
    query = sql`select r.industry as key, count(distinct cases.id)::text as n from cases
      join case_respondents cr on cr.case_id = cases.id join respondents r on r.id = cr.respondent_id
      where ${visible(ctx)} and ${conds} and r.industry is not null group by r.industry`
  } else {
    query = sql`select ${GROUP_KEY[dim]} as key, count(*)::text as n from cases where ${visible(ctx)} and ${conds} group by 1`
  }
  const { rows } = await query.execute(ctx.db)
  return rows.map((r) => ({ key: r.key, count: Number(r.n) }))
}

/** Cases of a set per Beijing month, by when they were received or closed. */
export async function countByMonth(ctx: Context, base: MetricFilter, by: 'received' | 'closed'): Promise<Map<string, number>> {
  const conds = all(metricConditions(ctx.user, base, ctx.today, ctx.choices))
  const at = by === 'received' ? sql`cases.reported_at` : sql`cases.closed_at`
  const { rows } = await sql<{ month: string; n: string }>`select to_char(${at} at time zone 'Asia/Shanghai', 'YYYY-MM') as month, count(*)::text as n
    from cases where ${visible(ctx)} and ${conds} and ${at} is not null group by 1`.execute(ctx.db)
  return new Map(rows.map((r) => [r.month, Number(r.n)]))
}
