import type { FormDraftsTable, LoginFailuresTable, SessionsTable, UserRolesTable, UsersTable } from '../auth/auth.table.ts'
import type { AuditLogTable } from '../features/audit/audit.table.ts'
import type { CalendarYearsTable, WorkdayCalendarTable } from '../features/calendar/calendar.table.ts'
import type { OrgUnitsTable } from '../features/org-units/org-units.table.ts'

export interface Database {
  org_units: OrgUnitsTable
  users: UsersTable
  user_roles: UserRolesTable
  sessions: SessionsTable
  login_failures: LoginFailuresTable
  form_drafts: FormDraftsTable
  workday_calendar: WorkdayCalendarTable
  calendar_years: CalendarYearsTable
  audit_log: AuditLogTable
}
