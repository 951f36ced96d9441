import type { BarSeriesOption, EChartsOption } from 'echarts'
import { shortValue } from './chart-format.ts'
import type { ChartFormat, ChartLocale, ChartSpec } from './chart-svg.ts'

// How a chart looks: sizes, palette and axes. Sizes are in SVG units; the page scales the SVG to its
// column through the viewBox, so these fix the proportions and the text size relative to the bars.
// 560 wide is about a dashboard column (two to a row on a laptop), where text shows near its size.

export const CHART_WIDTH = 560
const BAR_HEIGHT = 300
/** Removed from every text element again (svg-rewrite.ts): the page's own font applies through charts.css. */
export const ECHARTS_FONT = 'sans-serif'
const FONT_SIZE = 12
const INK = '#1f2933'
const AXIS = '#5f6b7a'
const GRID_LINE = '#e3e6ea'

/**
 * One accent (union red) for the first series; the others are greys told apart by lightness and a
 * pattern as well as by colour, so they stay distinct in greyscale print and for colour-blind readers.
 */
const PALETTE: BarSeriesOption['itemStyle'][] = [
  { color: '#c8102e' },
  {
    color: '#aeb6bf', borderColor: '#4a535d', borderWidth: 1,
    decal: { symbol: 'rect', symbolSize: 1, dashArrayX: [1, 0], dashArrayY: [2, 3], rotation: -Math.PI / 4, color: '#4a535d' },
  },
  {
    color: '#eef0f2', borderColor: '#4a535d', borderWidth: 1,
    decal: { symbol: 'circle', symbolSize: 0.6, dashArrayX: [[4, 4]], dashArrayY: [4, 0], color: '#4a535d' },
  },
]

/** Width estimate the way ECharts does it without a canvas: CJK a full em, Latin about 0.6 em. */
function textWidth(text: string, size = FONT_SIZE): number {
  let w = 0
  for (const ch of text) w += /[\u2e80-\uffff]/.test(ch) ? size : size * 0.6
  return w
}

export function chartHeight(spec: ChartSpec): number {
  if (spec.kind === 'bar') return BAR_HEIGHT
  const row = 12 + spec.series.length * 20
  return Math.max(120, top(spec) + spec.categories.length * row + 32)
}

const top = (spec: ChartSpec) => (spec.series.length > 1 ? 32 : 16)

export function chartOption(spec: ChartSpec, locale: ChartLocale): EChartsOption {
  const format: ChartFormat = spec.format ?? 'count'
  const horizontal = spec.kind === 'hbar'
  const longest = Math.max(0, ...spec.categories.map((c) => textWidth(c)))
  // Vertical bars: tilt the category names when they would not fit side by side under their bars.
  const slot = (CHART_WIDTH - 60) / Math.max(1, spec.categories.length)
  const tilt = !horizontal && longest > slot - 6
  // Values over narrow bars (a year of months, two series) in a smaller size so they do not collide.
  const labelSize = !horizontal && slot / spec.series.length < 24 ? FONT_SIZE - 2 : FONT_SIZE
  const categoryAxis = {
    type: 'category' as const,
    data: spec.categories,
    inverse: horizontal, // the first category on top, as the table under the chart reads
    axisTick: { alignWithLabel: true },
    axisLine: { lineStyle: { color: AXIS } },
    axisLabel: {
      interval: 0, color: INK, fontSize: FONT_SIZE, rotate: tilt ? 35 : 0,
      // Long names are cut with an ellipsis here; the table under the chart has them in full.
      width: horizontal ? 140 : tilt ? 100 : slot - 4, overflow: 'truncate' as const, ellipsis: '…',
    },
  }
  const valueAxis = {
    type: 'value' as const,
    minInterval: format === 'count' ? 1 : undefined,
    max: format === 'percent' ? 100 : undefined,
    axisLabel: { color: AXIS, fontSize: FONT_SIZE - 1, formatter: (v: number) => shortValue(v, format, locale) },
    splitLine: { lineStyle: { color: GRID_LINE } },
  }
  const series: BarSeriesOption[] = spec.series.map((s, i) => ({
    type: 'bar',
    name: s.name,
    data: s.points.map((p) => p.value),
    itemStyle: PALETTE[i],
    barMaxWidth: 44,
    barGap: '12%',
    label: {
      show: true,
      position: horizontal ? 'right' : 'top',
      color: INK,
      fontSize: labelSize,
      formatter: (p: { value?: unknown }) => shortValue(Number(p.value), format, locale),
    },
  }))
  return {
    animation: false,
    textStyle: { fontFamily: ECHARTS_FONT, fontSize: FONT_SIZE, color: INK },
    legend: spec.series.length > 1
      ? { top: 0, left: 0, itemWidth: 18, itemHeight: 12, textStyle: { color: INK, fontSize: FONT_SIZE }, selectedMode: false }
      : { show: false },
    // ECharts 6 shrinks the grid until the axis labels fit the canvas (outerBoundsMode 'auto'), by
    // its own estimate of text widths: tilted names get a little slack for fonts wider than that.
    // The right margin leaves room for the values printed past the end of horizontal bars.
    grid: { left: 4, right: horizontal ? 64 : 12, top: top(spec), bottom: 4, outerBounds: { left: 0, right: 0, top: 0, bottom: tilt ? 12 : 0 } },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxis,
    series,
  }
}
