import { isIsoDate } from './beijing-date.ts'

/**
 * Rules for the working-day calendar that admins maintain from the State Council's yearly notice:
 * a make-up workday (调休上班) is always a Saturday or Sunday, and a year counts as loaded only
 * when an admin says its notice has been entered whole (clocks say "calendar not loaded" until then).
 */
export type CalendarKind = 'rest' | 'makeup_workday'
export type CalendarProblem = 'date' | 'kind' | 'makeup_on_weekday' | 'name'

export function weekday(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay()
}

export function calendarEntryProblem(day: string, kind: string, name: string): { field: 'day' | 'kind' | 'name'; problem: CalendarProblem } | null {
  if (!isIsoDate(day) || day < '2000-01-01' || day > '2100-12-31') return { field: 'day', problem: 'date' }
  if (kind !== 'rest' && kind !== 'makeup_workday') return { field: 'kind', problem: 'kind' }
  if (kind === 'makeup_workday' && weekday(day) !== 0 && weekday(day) !== 6) return { field: 'day', problem: 'makeup_on_weekday' }
  if (name.trim() === '' || [...name].length > 60) return { field: 'name', problem: 'name' }
  return null
}

/** Parses pasted lines `2027-01-01,rest,元旦` (a header line is allowed); reports problems by line number. */
export function parseCalendarLines(text: string, year: number) {
  const entries: { day: string; kind: CalendarKind; name: string }[] = []
  const problems: { line: number; problem: CalendarProblem | 'year' | 'duplicate' }[] = []
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  lines.forEach((raw, i) => {
    const line = raw.trim()
    if (line === '' || (i === 0 && /^date\s*,/i.test(line))) return
    const [day = '', kind = '', ...rest] = line.split(/\s*[,，\t]\s*/)
    const name = rest.join(' ')
    const p = calendarEntryProblem(day, kind, name)
    if (p) problems.push({ line: i + 1, problem: p.problem })
    else if (Number(day.slice(0, 4)) !== year) problems.push({ line: i + 1, problem: 'year' })
    else if (entries.some((e) => e.day === day)) problems.push({ line: i + 1, problem: 'duplicate' })
    else entries.push({ day, kind: kind as CalendarKind, name: name.trim() })
  })
  return { entries, problems }
}
