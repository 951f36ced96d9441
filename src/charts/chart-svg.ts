import { echarts } from './echarts-ssr.ts'
import { translator } from '../i18n/i18n.ts'
import { exactValue } from './chart-format.ts'
import { CHART_WIDTH, chartHeight, chartOption } from './chart-option.ts'
import { tagDataItems } from './item-tags.ts'
import { frameSvg, isSamePath, linkItems } from './svg-rewrite.ts'

/**
 * Charts drawn on the server as SVG by ECharts' SSR renderer: no chart JavaScript in the browser.
 * Every bar links to the cases behind it, and a linked data table (views/shared/_chart.eta) carries
 * the same numbers as text.
 */

export type ChartLocale = 'zh-CN' | 'en'
export type ChartFormat = 'count' | 'percent' | 'yuan'

/** `count`, when given, is how many cases the link selects: printed as data-count on its links. */
export type ChartPoint = { value: number; href: string | null; count?: number }
/** points[i] belongs to categories[i]. */
export type ChartSeries = { name: string; points: ChartPoint[] }
export type ChartSpec = {
  /** Unique on the page, [a-z0-9-]: the SVG's ids are built from it. */
  id: string
  /** Shown as the figure caption and named the SVG's <title>. */
  title: string
  /** What the chart shows, in words, for screen readers (the SVG's <desc>). */
  description: string
  /** May hold user data (town, mediator, industry names): it is only ever printed escaped. */
  categories: string[]
  /** 1 to 3 series. */
  series: ChartSeries[]
  /** Vertical bars (months, towns) or horizontal bars (a funnel, long names). */
  kind: 'bar' | 'hbar'
  /** count (default) 1,234; percent (value 0..100) 85.7%; yuan (value in yuan) ¥12,345.00. */
  format?: ChartFormat
  /** Heading of the table's first column (镇街, 月份…); a generic one when not given. */
  categoryLabel?: string
}

export type ChartCell = { value: number; text: string; href: string | null; count?: number }
export type ChartTable = { caption: string; columns: string[]; rows: { category: string; cells: ChartCell[] }[] }
export type RenderedChart = {
  spec: ChartSpec
  /** Trusted markup, built only here: every piece of text in it is escaped. Empty when `empty`. */
  svg: string
  /** No categories: the partial says so instead of drawing an empty chart. */
  empty: boolean
  table: ChartTable
}

const ECHARTS_LOCALE: Record<ChartLocale, string> = { 'zh-CN': 'ZH', en: 'EN' }

export function renderChart(spec: ChartSpec, locale: ChartLocale): RenderedChart {
  check(spec)
  const t = translator(locale)
  const format = spec.format ?? 'count'
  const table: ChartTable = {
    caption: t('chart.tableCaption', { title: spec.title }),
    columns: [spec.categoryLabel ?? t('chart.category'), ...spec.series.map((s) => s.name)],
    rows: spec.categories.map((category, i) => ({
      category,
      cells: spec.series.map((s) => {
        const p = s.points[i]!
        return { value: p.value, text: exactValue(p.value, format, locale), href: p.href, ...(p.count === undefined ? {} : { count: p.count }) }
      }),
    })),
  }
  if (spec.categories.length === 0) return { spec, svg: '', empty: true, table }

  const key = `${locale}\n${JSON.stringify(spec)}`
  const cached = drawn.get(key)
  if (cached !== undefined) return { spec, svg: cached, empty: false, table }
  const svg = drawChart(spec, locale, table)
  remember(key, svg)
  return { spec, svg, empty: false, table }
}

/**
 * The same spec always draws the same SVG, and drawing is most of a dashboard's time (~20 ms a
 * chart in ECharts' setOption), while managers reopen the same period and town: the last few
 * hundred SVGs are kept (about 17 KB each).
 */
const drawn = new Map<string, string>()
const DRAWN_MAX = 300

function remember(key: string, svg: string) {
  if (drawn.size >= DRAWN_MAX) drawn.delete(drawn.keys().next().value!)
  drawn.set(key, svg)
}

function drawChart(spec: ChartSpec, locale: ChartLocale, table: ChartTable): string {
  const t = translator(locale)
  const width = CHART_WIDTH
  const height = chartHeight(spec)
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height, locale: ECHARTS_LOCALE[locale] })
  let raw: string
  try {
    chart.setOption(chartOption(spec, locale))
    tagDataItems(chart)
    raw = chart.renderToSVGString()
  } finally {
    // Also stops zrender's frame loop, which would otherwise keep the process alive.
    chart.dispose()
  }
  const linked = linkItems(raw, (item) => {
    const [s, i] = item.split('-').map(Number) as [number, number]
    const series = spec.series[s]
    const point = series?.points[i]
    if (!series || !point?.href) return null
    const name = t('chart.point', { category: spec.categories[i]!, series: series.name, value: table.rows[i]!.cells[s]!.text })
    return { href: point.href, name, ...(point.count === undefined ? {} : { count: point.count }) }
  })
  return frameSvg(linked, { id: spec.id, title: spec.title, description: spec.description, width, height })
}

/** A malformed spec is the caller's bug: say so loudly rather than draw something misleading. */
function check(spec: ChartSpec): void {
  const fail = (why: string) => {
    throw new Error(`chart ${JSON.stringify(spec.id)}: ${why}`)
  }
  if (!/^[a-z0-9-]{1,64}$/.test(spec.id)) fail('id must be [a-z0-9-]')
  if (spec.series.length < 1 || spec.series.length > 3) fail('1 to 3 series')
  for (const s of spec.series) {
    if (s.points.length !== spec.categories.length) fail(`series ${JSON.stringify(s.name)} has ${s.points.length} points for ${spec.categories.length} categories`)
    for (const p of s.points) {
      if (!Number.isFinite(p.value)) fail(`value ${p.value} in ${JSON.stringify(s.name)}`)
      if (p.href !== null && !isSamePath(p.href)) fail(`link must be a same-origin path: ${JSON.stringify(p.href)}`)
    }
  }
}
