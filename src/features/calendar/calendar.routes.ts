import { Hono, type Context } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { allow } from '../../auth/access.ts'
import { beijingYear } from '../../domain/beijing-date.ts'
import { calendarEntryProblem, parseCalendarLines, weekday } from '../../domain/calendar-entry.ts'
import type { MessageKey } from '../../i18n/i18n.ts'
import { flash, page } from '../../http/render.ts'
import { recordAudit } from '../audit/audit.ts'
import { daysOfYear, deleteDay, loadedYears, markYearLoaded, upsertDay } from './calendar.queries.ts'

type C = Context<AppEnv>
type State = { values?: Record<string, string>; errors?: Partial<Record<string, MessageKey>>; importProblems?: string[] }
const admin = allow('admin')
const field = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max).trim() : '')

function yearOf(c: C, raw: unknown): number {
  const y = Number(raw)
  return Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : beijingYear(c.get('now')())
}

async function calendarPage(c: C, year: number, s: State = {}, status: 200 | 422 = 200) {
  const t = c.get('t')
  const years = await loadedYears(c.get('db'))
  const thisYear = beijingYear(c.get('now')())
  const shown = [...new Set([...years.map((y) => y.year), thisYear, thisYear + 1, year])].sort()
  const days = await daysOfYear(c.get('db'), year)
  return page(c, 'admin/calendar/index', {
    title: t('calendar.title'),
    year,
    years: shown.map((y) => ({ year: y, loaded: years.find((l) => l.year === y), current: y === year })),
    loaded: years.some((y) => y.year === year),
    days: days.map((d) => ({ ...d, weekday: t(`calendar.weekday.${weekday(d.day)}` as MessageKey), kindLabel: t(`calendar.kind.${d.kind}` as MessageKey) })),
    kinds: [{ value: 'rest', label: t('calendar.kind.rest') }, { value: 'makeup_workday', label: t('calendar.kind.makeup_workday') }],
    values: s.values ?? { day: `${year}-01-01`, kind: 'rest' },
    errors: s.errors ?? {},
    importProblems: s.importProblems ?? [],
  }, status)
}

/** `/admin/calendar`: the official rest days and make-up workdays that every working-day clock counts with. */
export const calendarRoutes = new Hono<AppEnv>()
  .get('/', admin, (c) => calendarPage(c, yearOf(c, c.req.query('year'))))

  .post('/days', admin, async (c) => {
    const body = await c.req.parseBody()
    const values = { day: field(body.day, 10), kind: field(body.kind, 20), name: field(body.name, 200) }
    const year = Number(values.day.slice(0, 4)) || yearOf(c, body.year)
    const p = calendarEntryProblem(values.day, values.kind, values.name)
    if (p) return calendarPage(c, yearOf(c, year), { values, errors: { [p.field]: `calendar.error.${p.problem}` } }, 422)
    await c.get('db').transaction().execute(async (trx) => {
      await upsertDay(trx, values.day, values.kind, values.name)
      await recordAudit(c, { event: 'admin.calendar.day_set', objectType: 'calendar_day', objectId: values.day, details: { kind: values.kind, name: values.name } }, trx)
    })
    flash(c, 'calendar.saved')
    return c.redirect(`/admin/calendar?year=${year}`, 303)
  })

  .post('/days/:day{\\d{4}-\\d{2}-\\d{2}}/delete', admin, async (c) => {
    const day = c.req.param('day')
    const removed = await c.get('db').transaction().execute(async (trx) => {
      const ok = await deleteDay(trx, day)
      if (ok) await recordAudit(c, { event: 'admin.calendar.day_removed', objectType: 'calendar_day', objectId: day }, trx)
      return ok
    })
    if (!removed) return c.notFound()
    flash(c, 'calendar.saved')
    return c.redirect(`/admin/calendar?year=${day.slice(0, 4)}`, 303)
  })

  /** The whole notice at once: every line must be right, or nothing is written. */
  .post('/import', admin, async (c) => {
    const t = c.get('t')
    const body = await c.req.parseBody()
    const year = yearOf(c, body.year)
    const text = typeof body.lines === 'string' ? body.lines.slice(0, 20_000) : ''
    const source = field(body.source, 200) || 'State Council General Office notice'
    const { entries, problems } = parseCalendarLines(text, year)
    if (problems.length || entries.length === 0) {
      const messages = problems.length
        ? problems.slice(0, 20).map((p) => t('calendar.error.line', { line: p.line, problem: t(`calendar.error.${p.problem}` as MessageKey) }))
        : [t('calendar.error.empty')]
      return calendarPage(c, year, { importProblems: messages, values: { lines: text, source } }, 422)
    }
    await c.get('db').transaction().execute(async (trx) => {
      for (const e of entries) await upsertDay(trx, e.day, e.kind, e.name)
      await markYearLoaded(trx, year, source, c.get('now')())
      await recordAudit(c, { event: 'admin.calendar.year_imported', objectType: 'calendar_year', objectId: year, details: { days: entries.length, source } }, trx)
    })
    flash(c, 'calendar.imported')
    return c.redirect(`/admin/calendar?year=${year}`, 303)
  })

  .post('/years', admin, async (c) => {
    const body = await c.req.parseBody()
    const year = yearOf(c, body.year)
    const source = field(body.source, 200) || 'State Council General Office notice'
    if (!(await daysOfYear(c.get('db'), year)).some((d) => d.kind === 'rest')) {
      return calendarPage(c, year, { importProblems: [c.get('t')('calendar.error.noDays')] }, 422)
    }
    await c.get('db').transaction().execute(async (trx) => {
      await markYearLoaded(trx, year, source, c.get('now')())
      await recordAudit(c, { event: 'admin.calendar.year_loaded', objectType: 'calendar_year', objectId: year, details: { source } }, trx)
    })
    flash(c, 'calendar.saved')
    return c.redirect(`/admin/calendar?year=${year}`, 303)
  })
