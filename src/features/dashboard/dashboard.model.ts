import { CHANNELS, DISPUTE_TYPES, ROUTES } from '../../domain/case-vocabulary.ts'
import { RESOLUTION_LEVELS } from '../../domain/closure.ts'
import {
  closedIn, funnelFilters, groupFilter, headlineMeasures, inTown, measureInGroup, measureInTown, mediatorMeasures, monthFilters, monthsOf, receivedIn,
  type Dimension, type HeadlineMetric, type Measure, type MeasureValue, type MetricFilter, type Period,
} from '../../domain/metrics.ts'
import { formatFen } from '../../domain/money.ts'
import { label, type Translate } from '../../i18n/i18n.ts'
import type { ScopeChoices } from '../cases/list-scope.ts'
import { countByGroup, countByMonth, evaluateByMediator, evaluateMeasures, type Context } from './dashboard.queries.ts'
import { metricHref } from './metric-sets.ts'

// The dashboard as data: figures, charts and tables, each number with the link to its cases.
// Pages render it; exports write its tables.

/** A table cell; `count` is how many cases its link selects (what the list behind it shows). */
export type Cell = { text: string; href: string | null; value?: number; count?: number }
export type Table = { id: TableId; title: string; columns: string[]; rows: Cell[][] }
export type Series = { name: string; points: { value: number; href: string | null }[] }
export type Chart = {
  id: string; title: string; description: string; categories: string[]; series: Series[]
  kind: 'bar' | 'hbar'; format?: 'count' | 'percent' | 'yuan'; table: Table
}
export type Figure = { key: HeadlineMetric; label: string; value: string; href: string; count: number; detail: Cell[] }

export const TABLE_IDS = ['trend', 'towns', 'routes', 'types', 'funnel', 'levels', 'mediators', 'channels', 'industries'] as const
export type TableId = (typeof TABLE_IDS)[number]

const percent = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)}%`)
const count = (n: number) => n.toLocaleString('en-US')

export type DashboardInput = { ctx: Context; t: Translate; period: Period; town: number | undefined; choices: ScopeChoices }

/** The headline figures (DESIGN §4), each linking to its set; a rate also links to its base. */
export async function headlineFigures({ ctx, t, period, town }: DashboardInput): Promise<Figure[]> {
  const defs = Object.fromEntries(Object.entries(headlineMeasures(period)).map(([k, m]) => [k, measureInTown(m, town)])) as Record<HeadlineMetric, Measure>
  const values = await evaluateMeasures(ctx, defs)
  return (Object.keys(defs) as HeadlineMetric[]).map((key) => figure(t, key, defs[key], values[key]))
}

function figure(t: Translate, key: HeadlineMetric, m: Measure, v: MeasureValue): Figure {
  const name = t(`dashboard.figure.${key}`)
  switch (m.kind) {
    case 'rate': return {
      key, label: name, value: percent(v.value), href: metricHref(m.numerator), count: v.count,
      detail: [{ text: t('dashboard.ofBase', { count: count(v.count) }), href: metricHref(m.numerator), count: v.count },
        { text: t('dashboard.base', { count: count(v.denominatorCount ?? 0) }), href: metricHref(m.denominator), count: v.denominatorCount ?? 0 }],
    }
    case 'days': return {
      key, label: name, value: v.value === null ? '—' : t('dashboard.days', { days: v.value }), href: metricHref(m.filter), count: v.count,
      detail: [{ text: t('dashboard.overCases', { count: count(v.count) }), href: metricHref(m.filter), count: v.count }],
    }
    case 'amount': return {
      key, label: name, value: formatFen(Math.trunc(v.value ?? 0)), href: metricHref(m.filter), count: v.count,
      detail: [{ text: t('dashboard.overCases', { count: count(v.count) }), href: metricHref(m.filter), count: v.count }],
    }
    case 'workers': return {
      key, label: name, value: count(v.value ?? 0), href: metricHref(m.filter), count: v.count,
      detail: [{ text: t('dashboard.inCases', { count: count(v.count) }), href: metricHref(m.filter), count: v.count }],
    }
    case 'count': return { key, label: name, value: count(v.value ?? 0), href: metricHref(m.filter), count: v.count, detail: [] }
  }
}

/** Categories of a dimension in a stable order, with their labels; towns and mediators from the scope. */
function categories(t: Translate, dim: Dimension, choices: ScopeChoices, seen: (string | null)[]): { key: string | null; label: string }[] {
  switch (dim) {
    case 'town': return choices.towns.map((u) => ({ key: String(u.id), label: u.name }))
    case 'route': return [...ROUTES.map((r) => ({ key: r as string | null, label: label(t, 'route', r) })), { key: null, label: t('cases.filter.noRoute') }]
    case 'type': return DISPUTE_TYPES.map((d) => ({ key: d, label: label(t, 'disputeType', d) }))
    case 'channel': return CHANNELS.map((c) => ({ key: c, label: label(t, 'channel', c) }))
    case 'level': return RESOLUTION_LEVELS.map((l) => ({ key: l, label: t(`closure.level.${l}`) }))
    case 'mediator': return [...choices.mediators.map((m) => ({ key: String(m.id) as string | null, label: m.display_name })), { key: null, label: t('cases.filter.noAssignee') }]
    case 'industry': return [...new Set(seen.filter((k): k is string => k !== null))].sort().map((k) => ({ key: k, label: k }))
  }
}

function toTable(id: TableId, title: string, first: string, cats: string[], series: Series[]): Table {
  return {
    id, title, columns: [first, ...series.map((s) => s.name)],
    rows: cats.map((c, i) => [{ text: c, href: null }, ...series.map((s) => {
      const v = s.points[i]!.value
      return { text: count(v), href: s.points[i]!.href, value: v, count: v }
    })]),
  }
}

/** A breakdown of one or more sets by a dimension, as bars with their links. */
async function breakdown(input: DashboardInput, dim: Dimension, sets: { name: string; filter: MetricFilter }[]) {
  const counted = await Promise.all(sets.map((s) => countByGroup(input.ctx, s.filter, dim)))
  // With one town chosen, the town chart has that town's bars only: another town's bar would count
  // nothing here yet link to that town's cases.
  const cats = categories(input.t, dim, input.choices, counted.flat().map((g) => g.key))
    .filter((c) => dim !== 'town' || input.town === undefined || c.key === String(input.town))
  const series = sets.map((s, i) => ({
    name: s.name,
    points: cats.map((c) => {
      const value = counted[i]!.find((g) => g.key === c.key)?.count ?? 0
      return { value, href: metricHref(groupFilter(s.filter, dim, dim === 'town' || dim === 'mediator' ? (c.key === null ? null : Number(c.key)) : c.key)) }
    }),
  }))
  return { cats: cats.map((c) => c.label), series }
}

const CHART_IDS = ['trend', 'towns', 'funnel', 'routes', 'types', 'levels'] as const
type ChartId = (typeof CHART_IDS)[number]

/** The charts in page order, or only the one asked for (a table's download needs no other). */
export async function dashboardCharts(input: DashboardInput, only?: ChartId): Promise<Chart[]> {
  const { t, period, town } = input
  const received = { name: t('dashboard.series.received'), filter: inTown(receivedIn(period), town) }
  const closed = { name: t('dashboard.series.closed'), filter: inTown(closedIn(period), town) }
  const defs: Record<ChartId, { kind: Chart['kind']; first: string; bars: () => Promise<{ cats: string[]; series: Series[] }> }> = {
    trend: { kind: 'bar', first: t('dashboard.col.month'), bars: () => monthlyTrend(input) },
    towns: { kind: 'bar', first: t('dashboard.col.town'), bars: () => breakdown(input, 'town', [received, closed]) },
    funnel: { kind: 'hbar', first: t('dashboard.col.stage'), bars: () => funnelBars(input) },
    routes: { kind: 'hbar', first: t('dashboard.col.route'), bars: () => breakdown(input, 'route', [received]) },
    types: { kind: 'hbar', first: t('dashboard.col.type'), bars: () => breakdown(input, 'type', [received]) },
    levels: { kind: 'hbar', first: t('dashboard.col.level'), bars: () => breakdown(input, 'level', [closed]) },
  }
  const ids = only ? [only] : CHART_IDS
  return Promise.all(ids.map(async (id) => {
    const { kind, first, bars } = defs[id]
    const b = await bars()
    const title = t(`dashboard.chart.${id}`)
    return { id, title, description: describe(t, b), categories: b.cats, series: b.series, kind, table: toTable(id, title, first, b.cats, b.series) }
  }))
}

/** One table of the dashboard, computed alone: what a CSV or Excel download of it holds. */
export async function dashboardTable(input: DashboardInput, id: TableId): Promise<Table> {
  if (id === 'mediators') return mediatorTable(input)
  if (id === 'channels' || id === 'industries') return (await receivedTables(input, id))[0]!
  return (await dashboardCharts(input, id))[0]!.table
}

/** A sentence for screen readers: the largest bar of each series, and the total. */
function describe(t: Translate, b: { cats: string[]; series: Series[] }): string {
  return b.series.map((s) => {
    const total = s.points.reduce((n, p) => n + p.value, 0)
    const top = s.points.reduce((best, p, i) => (p.value > (s.points[best]?.value ?? -1) ? i : best), 0)
    return total === 0
      ? t('dashboard.describeEmpty', { series: s.name })
      : t('dashboard.describe', { series: s.name, total: count(total), top: b.cats[top] ?? '', topCount: count(s.points[top]!.value) })
  }).join(' ')
}

async function monthlyTrend({ ctx, t, period, town }: DashboardInput) {
  const [rec, clo] = await Promise.all([
    countByMonth(ctx, inTown(receivedIn(period), town), 'received'),
    countByMonth(ctx, inTown(closedIn(period), town), 'closed'),
  ])
  const months = monthsOf(period)
  return {
    cats: months,
    series: [
      { name: t('dashboard.series.received'), points: months.map((m) => ({ value: rec.get(m) ?? 0, href: metricHref(inTown(monthFilters(m).received, town)) })) },
      { name: t('dashboard.series.closed'), points: months.map((m) => ({ value: clo.get(m) ?? 0, href: metricHref(inTown(monthFilters(m).closed, town)) })) },
    ],
  }
}

async function funnelBars({ ctx, t, period, town }: DashboardInput) {
  const stages = funnelFilters(period).map((s) => ({ ...s, filter: inTown(s.filter, town) }))
  const values = await evaluateMeasures(ctx, Object.fromEntries(stages.map((s) => [s.key, { kind: 'count', filter: s.filter } as Measure])))
  return {
    cats: stages.map((s) => t(`dashboard.funnel.${s.key}`)),
    series: [{ name: t('dashboard.series.cases'), points: stages.map((s) => ({ value: values[s.key]!.count, href: metricHref(s.filter) })) }],
  }
}

/** The mediator table: open load and the period's outcomes, per mediator in scope. */
export async function mediatorTable(input: DashboardInput): Promise<Table> {
  const { ctx, t, period, town, choices } = input
  const people = [...choices.mediators.map((m) => ({ id: m.id as number | null, name: m.display_name })), { id: null, name: t('cases.filter.noAssignee') }]
  const base = Object.fromEntries(Object.entries(mediatorMeasures(period)).map(([k, m]) => [k, measureInTown(m, town)])) as ReturnType<typeof mediatorMeasures>
  const values = await evaluateByMediator(ctx, base)
  const cell = (id: number | null, k: keyof typeof base): Cell => {
    const m = measureInGroup(base[k], 'mediator', id)
    const value = values.get(id === null ? null : String(id))?.[k] ?? { value: m.kind === 'rate' ? null : 0, count: 0, denominatorCount: 0 }
    const href = metricHref(m.kind === 'rate' ? m.numerator : m.filter)
    if (m.kind === 'rate') {
      return { text: value.denominatorCount ? `${percent(value.value)} (${value.count}/${value.denominatorCount})` : '—', href, value: value.value ?? undefined, count: value.count }
    }
    // Exports carry yuan, as a spreadsheet user reads money.
    if (m.kind === 'amount') return { text: formatFen(Math.trunc(value.value ?? 0)), href, value: (value.value ?? 0) / 100, count: value.count }
    return { text: count(value.count), href, value: value.count, count: value.count }
  }
  return {
    id: 'mediators',
    title: t('dashboard.table.mediators'),
    columns: [t('dashboard.col.mediator'), t('dashboard.col.open'), t('dashboard.col.closed'), t('dashboard.col.success'), t('dashboard.col.onTime'), t('dashboard.col.recovered')],
    rows: people.map((p) => [{ text: p.name, href: null }, ...(['open', 'closed', 'success', 'onTime', 'recovered'] as const).map((k) => cell(p.id, k))]),
  }
}

/** Received in the period by channel and by the respondents' industry (or just the one asked for). */
export async function receivedTables(input: DashboardInput, only?: 'channels' | 'industries'): Promise<Table[]> {
  const { t, period, town } = input
  const received = { name: t('dashboard.series.received'), filter: inTown(receivedIn(period), town) }
  const dims = { channels: 'channel', industries: 'industry' } as const
  return Promise.all((only ? [only] : (['channels', 'industries'] as const)).map(async (id) => {
    const b = await breakdown(input, dims[id], [received])
    return toTable(id, t(`dashboard.table.${id}`), t(`dashboard.col.${dims[id]}`), b.cats, b.series)
  }))
}
