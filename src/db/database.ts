import type { FormDraftsTable, LoginFailuresTable, SessionsTable, UserRolesTable, UsersTable } from '../auth/auth.table.ts'
import type { AuditLogTable } from '../features/audit/audit.table.ts'
import type { CalendarYearsTable, WorkdayCalendarTable } from '../features/calendar/calendar.table.ts'
import type { OrgUnitsTable } from '../features/org-units/org-units.table.ts'
import type {
  CaseCountersTable, CaseEventsTable, CasesTable, ClaimsTable, CollectiveGroupsTable, IdempotencyKeysTable,
  KeyFingerprintsTable, PiiRevealsTable, WorkersTable, CaseLegsTable, MediationExtensionsTable, LimitationEventsTable,
  CaseClocksTable, AppSettingsTable,
} from '../features/cases/cases.table.ts'
import type {
  AgreementInstalmentsTable, AgreementItemsTable, AgreementPaymentsTable, AgreementsTable, AttachmentContentsTable, AttachmentsTable,
  ConsultationNotesTable, CourtLinkagesTable, MediationSessionsTable,
} from '../features/cases/resolution.table.ts'
import type { CaseRespondentsTable, RespondentsTable } from '../features/respondents/respondents.table.ts'
import type { ExportJobChunksTable, ExportJobsTable } from '../features/exports/exports.table.ts'
import type { DataVersionsTable } from '../features/dashboard/dashboard-cache.ts'

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
  respondents: RespondentsTable
  case_respondents: CaseRespondentsTable
  collective_groups: CollectiveGroupsTable
  case_counters: CaseCountersTable
  data_versions: DataVersionsTable
  cases: CasesTable
  workers: WorkersTable
  claims: ClaimsTable
  case_events: CaseEventsTable
  idempotency_keys: IdempotencyKeysTable
  pii_reveals: PiiRevealsTable
  key_fingerprints: KeyFingerprintsTable
  case_legs: CaseLegsTable
  mediation_extensions: MediationExtensionsTable
  limitation_events: LimitationEventsTable
  case_clocks: CaseClocksTable
  app_settings: AppSettingsTable
  mediation_sessions: MediationSessionsTable
  agreements: AgreementsTable
  agreement_items: AgreementItemsTable
  agreement_instalments: AgreementInstalmentsTable
  agreement_payments: AgreementPaymentsTable
  consultation_notes: ConsultationNotesTable
  court_linkages: CourtLinkagesTable
  attachments: AttachmentsTable
  attachment_contents: AttachmentContentsTable
  export_jobs: ExportJobsTable
  export_job_chunks: ExportJobChunksTable
}
