import { Hono } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { allow } from '../../auth/access.ts'
import { beijingDate } from '../../domain/beijing-date.ts'
import { ANNUAL_METRICS, annualMeasures, measureInTown, period, type AnnualMetric, type Measure, type MeasureValue } from '../../domain/metrics.ts'
import { formatFen } from '../../domain/money.ts'
import { page } from '../../http/render.ts'
import type { Translate } from '../../i18n/i18n.ts'
import { scopeChoices } from '../cases/list-scope.ts'
import { DASHBOARD_READERS } from '../dashboard/dashboard.routes.ts'
import { evaluateMeasures } from '../dashboard/dashboard.queries.ts'
import { metricHref } from '../dashboard/metric-sets.ts'
import { firstCaseYear } from './reports.queries.ts'

/** At most ten years on one report, like the seed's ten-year card (and the metric periods' limit). */
const MAX_YEARS = 10

function cell(t: Translate, m: Measure, v: MeasureValue) {
  const href = metricHref(m.kind === 'rate' ? m.numerator : m.filter)
  const text = m.kind === 'amount' ? formatFen(Math.trunc(v.value ?? 0)) : (v.value ?? 0).toLocaleString('en-US')
  return { text, href, sub: m.kind === 'workers' ? t('reports.inCases', { count: v.count }) : null }
}

/**
 * The annual report card (DESIGN §4, issue 6): per year and in total, what leaders read — cases
 * received, letters/visits/calls, mediations, agreements, advice, amounts recovered, workers
 * helped, collective disputes defused. Each figure links to its cases; each year prints on a page.
 */
export const reportRoutes = new Hono<AppEnv>().get('/annual', allow(...DASHBOARD_READERS), async (c) => {
  const t = c.get('t')
  const db = c.get('db')
  const user = c.get('user')!
  const today = beijingDate(c.get('now')())
  const thisYear = Number(today.slice(0, 4))
  const choices = await scopeChoices(db, user)
  const townId = Number(c.req.query('town'))
  const town = choices.towns.find((u) => u.id === townId)
  const first = await firstCaseYear(db, user)
  const firstYear = Math.max(first ?? thisYear, thisYear - MAX_YEARS + 1)
  const years = Array.from({ length: thisYear - firstYear + 1 }, (_, i) => firstYear + i)
  const ctx = { db, user, today, choices }

  const measuresOf = (fromYear: number, toYear: number) => {
    const defs = annualMeasures(period(`${fromYear}-01`, `${toYear}-12`)!)
    for (const k of ANNUAL_METRICS) defs[k] = measureInTown(defs[k], town?.id)
    return defs
  }
  const column = async (fromYear: number, toYear: number) => {
    const defs = measuresOf(fromYear, toYear)
    const values = await evaluateMeasures(ctx, defs)
    return Object.fromEntries(ANNUAL_METRICS.map((k) => [k, cell(t, defs[k], values[k])])) as Record<AnnualMetric, ReturnType<typeof cell>>
  }
  const perYear = []
  for (const y of years) perYear.push({ year: y, cells: await column(y, y) })
  const total = await column(firstYear, thisYear)
  const scopeName = town?.name ?? user.orgUnit.name

  return page(c, 'reports/annual', {
    title: t('reports.title'),
    empty: first === null,
    heading: t('reports.heading', { unit: scopeName, from: firstYear, to: thisYear }),
    metrics: ANNUAL_METRICS.map((k) => ({ key: k, label: t(`reports.metric.${k}`) })),
    years: perYear.map((y) => ({ ...y, heading: t('reports.yearHeading', { unit: scopeName, year: y.year }), partial: y.year === thisYear ? t('reports.toDate', { date: today }) : null })),
    total: { cells: total, label: t('reports.total', { from: firstYear, to: thisYear }) },
    townOptions: choices.towns.length > 1
      ? [{ value: '', label: t('cases.filter.allTowns'), selected: !town }, ...choices.towns.map((u) => ({ value: String(u.id), label: u.name, selected: u.id === town?.id }))]
      : null,
  })
})
