import { formatFen } from '../domain/money.ts'
import type { ChartFormat, ChartLocale } from './chart-svg.ts'

// Building an Intl.NumberFormat costs far more than using one: keep one per locale and style.
const formatters = new Map<string, Intl.NumberFormat>()
function number(locale: ChartLocale, style: 'whole' | 'decimals' | 'oneDecimal' | 'compact'): Intl.NumberFormat {
  const key = `${locale}:${style}`
  let f = formatters.get(key)
  if (!f) {
    f = new Intl.NumberFormat(locale, {
      whole: { maximumFractionDigits: 0 },
      decimals: { maximumFractionDigits: 2 },
      oneDecimal: { maximumFractionDigits: 1 },
      compact: { notation: 'compact', maximumSignificantDigits: 3 } as const,
    }[style])
    formatters.set(key, f)
  }
  return f
}

/**
 * A value in full, as the data table and a bar's accessible name give it: 1,234 · 85.7% · ¥12,345.00
 * (money as everywhere else in the app).
 */
export function exactValue(value: number, format: ChartFormat, locale: ChartLocale): string {
  switch (format) {
    case 'count': return number(locale, 'decimals').format(value)
    case 'percent': return `${number(locale, 'oneDecimal').format(value)}%`
    case 'yuan': return formatFen(Math.round(value * 100))
  }
}

/**
 * A value as printed on a bar or an axis, where space is short: large amounts in the reader's own
 * units (12.3万 / 123K). The exact figure is always in the table under the chart.
 */
export function shortValue(value: number, format: ChartFormat, locale: ChartLocale): string {
  switch (format) {
    case 'count': return Math.abs(value) >= 100_000 ? number(locale, 'compact').format(value) : exactValue(value, 'count', locale)
    case 'percent': return exactValue(value, 'percent', locale)
    case 'yuan': return `¥${number(locale, Math.abs(value) >= 10_000 ? 'compact' : 'whole').format(value)}`
  }
}
