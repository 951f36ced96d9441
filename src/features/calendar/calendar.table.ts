import type { Generated } from 'kysely'

export interface WorkdayCalendarTable {
  day: string
  kind: string
  name: string
}

export interface CalendarYearsTable {
  year: number
  loaded_at: Generated<Date>
  source: string
}
