import { readFileSync } from 'node:fs'
import { calendarFrom, type CalendarRow } from '../../src/domain/working-calendar.ts'

/** The repository's copy of shared/data/workday-calendar-cn.csv: the State Council notices for 2024–2026. */
export function officialCalendar() {
  const csv = readFileSync(new URL('../../migrations/data/workday-calendar-cn.csv', import.meta.url), 'utf8')
  const rows = csv.trim().split(/\r?\n/).slice(1).map((line) => {
    const [day, kind] = line.split(',')
    return { day: day!, kind: kind as CalendarRow['kind'] }
  })
  const years = [...new Set(rows.map((r) => Number(r.day.slice(0, 4))))]
  return { rows, years, cal: calendarFrom(rows, years) }
}
