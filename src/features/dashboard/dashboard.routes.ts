import { Hono, type Context } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { allow } from '../../auth/access.ts'
import { beijingDate } from '../../domain/beijing-date.ts'
import { defaultPeriod, isMonth, period as monthPeriod, type Period } from '../../domain/metrics.ts'
import { page } from '../../http/render.ts'
import { scopeChoices, type ScopeChoices } from '../cases/list-scope.ts'
import { tableExport } from '../exports/export-response.ts'
import { renderChart } from '../../charts/chart-svg.ts'
import { VersionedCache } from './dashboard-cache.ts'
import { dashboardCharts, dashboardTable, headlineFigures, mediatorTable, receivedTables, TABLE_IDS, type DashboardInput, type Table, type TableId } from './dashboard.model.ts'

type C = Context<AppEnv>

/** Managers read the figures of their own subtree (DESIGN §1, §4). */
export const DASHBOARD_READERS = ['manager'] as const

/**
 * The period and town asked for in the URL. Filters in a URL are shared and bookmarked, so a bad
 * one never fails the page: it shows the default beside a message saying so.
 */
export function dashboardQuery(c: C, choices: ScopeChoices) {
  const q = c.req.query()
  const today = beijingDate(c.get('now')())
  const fallback = defaultPeriod(today)
  const asked = q.from !== undefined || q.to !== undefined
  const p = asked ? monthPeriod(q.from ?? fallback.fromMonth, q.to ?? fallback.toMonth) : fallback
  const errors: Record<string, string> = {}
  if (asked && !p) {
    const t = c.get('t')
    errors.period = !isMonth(q.from ?? fallback.fromMonth) || !isMonth(q.to ?? fallback.toMonth) ? t('dashboard.error.month') : t('dashboard.error.range')
  }
  const townId = /^\d{1,9}$/.test(q.town ?? '') ? Number(q.town) : undefined
  const town = choices.towns.find((u) => u.id === townId)
  if (q.town && !town) errors.town = c.get('t')('dashboard.error.town')
  return { period: p ?? fallback, town: town?.id, today, errors, raw: { from: q.from ?? '', to: q.to ?? '' } }
}

/** The dashboard's own query string (period and town), for links and exports. */
export function dashboardSearch(p: Period, town: number | undefined): string {
  return new URLSearchParams({ from: p.fromMonth, to: p.toMonth, ...(town ? { town: String(town) } : {}) }).toString()
}

async function input(c: C) {
  const user = c.get('user')!
  const db = c.get('db')
  const choices = await scopeChoices(db, user)
  const q = dashboardQuery(c, choices)
  const data: DashboardInput = { ctx: { db, user, today: q.today, choices }, t: c.get('t'), period: q.period, town: q.town, choices }
  return { q, data }
}

/** Keyed by everything a dashboard depends on: who (their scope), language, day, period, town. */
const computed = new VersionedCache<{ figures: Awaited<ReturnType<typeof headlineFigures>>; charts: (ReturnType<typeof renderChart> & { tableId: TableId })[]; tables: Table[] }>()

export const dashboardRoutes = new Hono<AppEnv>()
  .get('/', allow(...DASHBOARD_READERS), async (c) => {
    const t = c.get('t')
    const { q, data } = await input(c)
    const user = c.get('user')!
    const key = [user.id, c.get('locale'), q.today, q.period.fromMonth, q.period.toMonth, q.town ?? ''].join('|')
    const { figures, charts, tables } = await computed.get(data.ctx.db, key, async () => ({
      figures: await headlineFigures(data),
      charts: (await dashboardCharts(data)).map((ch) => ({
        ...renderChart({
          id: ch.id, title: ch.title, description: ch.description, categories: ch.categories, kind: ch.kind, categoryLabel: ch.table.columns[0],
          series: ch.series.map((s) => ({ name: s.name, points: s.points.map((p) => ({ ...p, count: p.value })) })),
        }, c.get('locale')),
        tableId: ch.table.id,
      })),
      tables: [await mediatorTable(data), ...(await receivedTables(data))],
    }))
    const search = dashboardSearch(q.period, q.town)
    return page(c, 'dashboard/index', {
      title: t('dashboard.title'),
      from: q.errors.period ? q.raw.from : q.period.fromMonth,
      to: q.errors.period ? q.raw.to : q.period.toMonth,
      periodText: t('dashboard.periodText', { from: q.period.from, to: q.period.to }),
      errors: q.errors,
      townOptions: data.choices.towns.length > 1
        ? [{ value: '', label: t('cases.filter.allTowns'), selected: q.town === undefined },
          ...data.choices.towns.map((u) => ({ value: String(u.id), label: u.name, selected: u.id === q.town }))]
        : null,
      figures,
      charts,
      tables,
      exportHref: (id: TableId, format: 'csv' | 'xlsx') => `/dashboard/tables/${id}?format=${format}&${search}`,
    })
  })

  .get(`/tables/:table{${TABLE_IDS.join('|')}}`, allow(...DASHBOARD_READERS), async (c) => {
    const id = c.req.param('table') as TableId
    const format = c.req.query('format') === 'xlsx' ? 'xlsx' : 'csv'
    const { q, data } = await input(c)
    const table = await dashboardTable(data, id)
    return tableExport(c, {
      format,
      name: `dashboard-${id}-${q.period.fromMonth}-${q.period.toMonth}`,
      columns: table.columns,
      rows: table.rows.map((r) => r.map((cell, i) => (i > 0 && cell.value !== undefined ? cell.value : cell.text))),
      audit: { kind: `dashboard.${id}`, filter: dashboardSearch(q.period, q.town) },
    })
  })
