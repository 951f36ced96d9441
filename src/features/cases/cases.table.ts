import type { Generated } from 'kysely'

export interface CasesTable {
  id: Generated<number>
  case_no: string
  status: string
  route: string | null
  channel: string
  channel_ref: string | null
  intake_form: string
  org_unit_id: number
  reported_by: number
  reported_at: Date
  application_received_at: Date | null
  title: string
  facts: Generated<string>
  dispute_types: Generated<string[]>
  workers_involved: Generated<number>
  collective_signs: Generated<string[]>
  collective_contract: Record<string, unknown> | null
  /** int8 arrives as a string from both drivers: exact fen, never a float. */
  claimed_total_fen: Generated<string>
  risk_level: Generated<string>
  risk_rank: Generated<number>
  risk_reasons: Generated<unknown[]>
  collective_group_id: number | null
  assigned_mediator_id: number | null
  assigned_legal_adviser_id: number | null
  search_tokens: Generated<string[]>
  version: Generated<number>
  created_at: Date
  updated_at: Date
  decided_at: Date | null
  decline_reason: string | null
  decline_note: string | null
  suggested_route: string | null
  respondent_consent: string | null
  consent_at: Date | null
  agreement_effective_on: string | null
  closure_reason: string | null
  closed_at: Date | null
  /** The unit holding the active leg when it is not the case's own: it sees the case while it holds it. */
  holder_unit_id: number | null
  last_actor_id: number | null
  resolution_level: string | null
  /** Amounts recovered for the workers, as recorded at closure (int8 fen as a string). */
  recovered_fen: string | null
  closure_note: string | null
  // Copied from other tables by triggers in the same transaction (migration case_facts): read-only here.
  mediated: Generated<boolean>
  has_agreement: Generated<boolean>
  /** The agreement in effect's agreed total (int8 fen as a string). */
  agreed_fen: Generated<string>
  mediation_due_on: string | null
  industries: Generated<string[]>
}

export interface CaseLegsTable {
  id: Generated<number>
  case_id: number
  route: string
  to_unit_id: number | null
  outside_body: string | null
  outside_ref: string | null
  outside_received_on: string | null
  outside_outcome: string | null
  state: string
  reason: string | null
  sent_at: Date
  sent_by: number
  ack_working_days: Generated<number>
  acknowledged_at: Date | null
  acknowledged_by: number | null
  reject_reason: string | null
  ended_at: Date | null
}

export interface MediationExtensionsTable {
  id: Generated<number>
  case_id: number
  worker_consent_on: string | null
  respondent_consent_on: string | null
  new_due_on: string
  recorded_by: number
  recorded_at: Date
}

export interface LimitationEventsTable {
  id: Generated<number>
  worker_id: number
  kind: string
  from_on: string
  to_on: string | null
  reason: string
  recorded_by: number
  recorded_at: Date
}

export interface CaseClocksTable {
  case_id: number
  kind: string
  subject: Generated<string>
  basis: string
  start_on: string | null
  due_on: string | null
  status: string
}

export interface AppSettingsTable {
  key: string
  value: unknown
}

export interface CaseCountersTable {
  year: number
  last_seq: number
}

export interface CollectiveGroupsTable {
  id: Generated<number>
  respondent_id: number
  dispute_type: string
  workers_count: Generated<number>
  created_at: Date
}

export interface WorkersTable {
  id: Generated<number>
  case_id: number
  position: Generated<number>
  name: string
  phone_enc: Uint8Array | null
  phone_bidx: Uint8Array | null
  phone_masked: string | null
  id_type: Generated<string>
  id_number_enc: Uint8Array | null
  id_bidx: Uint8Array | null
  id_masked: string | null
  under_16: Generated<boolean>
  migrant: Generated<boolean>
  platform_worker: Generated<boolean>
  hire_date: string | null
  leave_date: string | null
  knew_date: string | null
}

export interface ClaimsTable {
  id: Generated<number>
  case_id: number
  position: Generated<number>
  kind: string
  description: Generated<string>
  amount_fen: string | bigint
}

export interface CaseEventsTable {
  id: Generated<string>
  case_id: number
  at: Date
  actor_id: number | null
  kind: string
  payload: Generated<Record<string, unknown>>
}

export interface IdempotencyKeysTable {
  user_id: number
  key: string
  request_hash: string
  case_id: number | null
  created_at: Date
}

export interface PiiRevealsTable {
  session_id: string
  case_id: number
  at: Date
}

export interface KeyFingerprintsTable {
  purpose: string
  fingerprint: string
  created_at: Generated<Date>
}
