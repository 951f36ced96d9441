import { rowWriter, type CopyBuffer, type Kind, type Row, type TableSpec } from './copy-format.ts'

// The tables the bulk seed writes with COPY, and the columns it fills (the rest keep their
// defaults). Order is the COPY column order.

const spec = (name: string, columns: Record<string, Kind>): TableSpec => ({ name, columns: Object.entries(columns) })

export const TABLES = {
  respondents: spec('respondents', {
    id: 'int', kind: 'text', name: 'text', uscc: 'text', legal_representative: 'text', address: 'text', industry: 'text',
    search_tokens: 'text[]', created_by: 'int', created_at: 'time',
  }),
  collective_groups: spec('collective_groups', { id: 'int', respondent_id: 'int', dispute_type: 'text', workers_count: 'int', created_at: 'time' }),
  cases: spec('cases', {
    id: 'int', case_no: 'text', status: 'text', route: 'text', channel: 'text', channel_ref: 'text', intake_form: 'text',
    org_unit_id: 'int', reported_by: 'int', reported_at: 'time', application_received_at: 'time', title: 'text', facts: 'text',
    dispute_types: 'text[]', workers_involved: 'int', collective_signs: 'text[]', collective_contract: 'jsonb',
    claimed_total_fen: 'int', risk_level: 'text', risk_rank: 'int', risk_reasons: 'jsonb', collective_group_id: 'int',
    assigned_mediator_id: 'int', assigned_legal_adviser_id: 'int', search_tokens: 'text[]', version: 'int',
    created_at: 'time', updated_at: 'time', decided_at: 'time', decline_reason: 'text', decline_note: 'text',
    suggested_route: 'text', respondent_consent: 'text', consent_at: 'time', agreement_effective_on: 'date',
    closure_reason: 'text', closed_at: 'time', holder_unit_id: 'int', last_actor_id: 'int', resolution_level: 'text',
    recovered_fen: 'int', closure_note: 'text',
    // Facts kept by triggers (migration case_facts); the load skips triggers and writes them itself.
    mediated: 'bool', has_agreement: 'bool', agreed_fen: 'int', mediation_due_on: 'date', industries: 'text[]',
  }),
  case_respondents: spec('case_respondents', { case_id: 'int', respondent_id: 'int', role: 'text', position: 'int' }),
  workers: spec('workers', {
    id: 'int', case_id: 'int', position: 'int', name: 'text', phone_enc: 'bytea', phone_bidx: 'bytea', phone_masked: 'text',
    id_type: 'text', id_number_enc: 'bytea', id_bidx: 'bytea', id_masked: 'text', under_16: 'bool', migrant: 'bool',
    platform_worker: 'bool', hire_date: 'date', leave_date: 'date', knew_date: 'date',
  }),
  claims: spec('claims', { id: 'int', case_id: 'int', position: 'int', kind: 'text', description: 'text', amount_fen: 'int' }),
  case_events: spec('case_events', { id: 'int', case_id: 'int', at: 'time', actor_id: 'int', kind: 'text', payload: 'jsonb' }),
  case_legs: spec('case_legs', {
    id: 'int', case_id: 'int', route: 'text', to_unit_id: 'int', outside_body: 'text', outside_ref: 'text',
    outside_received_on: 'date', outside_outcome: 'text', state: 'text', reason: 'text', sent_at: 'time', sent_by: 'int',
    ack_working_days: 'int', acknowledged_at: 'time', acknowledged_by: 'int', reject_reason: 'text', ended_at: 'time',
  }),
  mediation_extensions: spec('mediation_extensions', {
    id: 'int', case_id: 'int', worker_consent_on: 'date', respondent_consent_on: 'date', new_due_on: 'date', recorded_by: 'int', recorded_at: 'time',
  }),
  limitation_events: spec('limitation_events', {
    id: 'int', worker_id: 'int', kind: 'text', from_on: 'date', to_on: 'date', reason: 'text', recorded_by: 'int', recorded_at: 'time',
  }),
  case_clocks: spec('case_clocks', { case_id: 'int', kind: 'text', subject: 'text', basis: 'text', start_on: 'date', due_on: 'date', status: 'text' }),
  mediation_sessions: spec('mediation_sessions', {
    id: 'int', case_id: 'int', held_on: 'date', mode: 'text', place: 'text', participants: 'text', result: 'text', summary: 'text',
    next_session_on: 'date', recorded_by: 'int', recorded_at: 'time',
  }),
  agreements: spec('agreements', {
    id: 'int', case_id: 'int', session_id: 'int', terms: 'text', performance_method: 'text', signed_on: 'date', effective_on: 'date',
    state: 'text', recorded_by: 'int', recorded_at: 'time',
  }),
  agreement_items: spec('agreement_items', {
    id: 'int', agreement_id: 'int', claim_id: 'int', position: 'int', kind: 'text', description: 'text', claimed_fen: 'int', agreed_fen: 'int',
  }),
  agreement_instalments: spec('agreement_instalments', { id: 'int', agreement_id: 'int', seq: 'int', due_on: 'date', amount_fen: 'int' }),
  agreement_payments: spec('agreement_payments', {
    id: 'int', case_id: 'int', instalment_id: 'int', paid_on: 'date', amount_fen: 'int', method: 'text', note: 'text', recorded_by: 'int', recorded_at: 'time',
  }),
  consultation_notes: spec('consultation_notes', {
    id: 'int', case_id: 'int', author_id: 'int', legal_basis: 'text', advice: 'text', visibility: 'text', legal_aid: 'bool', created_at: 'time',
  }),
  court_linkages: spec('court_linkages', {
    id: 'int', case_id: 'int', kind: 'text', court: 'text', court_ref: 'text', started_on: 'date', result: 'text', result_on: 'date',
    note: 'text', recorded_by: 'int', recorded_at: 'time', updated_at: 'time',
  }),
  attachments: spec('attachments', {
    id: 'int', case_id: 'int', kind: 'text', filename: 'text', mime: 'text', size_bytes: 'int', sha256: 'text', description: 'text',
    uploaded_by: 'int', uploaded_at: 'time',
  }),
  attachment_contents: spec('attachment_contents', { attachment_id: 'int', content: 'bytea' }),
} as const

export type TableName = keyof typeof TABLES
export const TABLE_NAMES = Object.keys(TABLES) as TableName[]

/** Tables whose id the seed assigns itself: their identity sequences are moved past what it used. */
export const IDENTITY_TABLES = TABLE_NAMES.filter((t) => TABLES[t].columns[0]![0] === 'id')

/** Each table's row writer (copy-format.ts rowWriter). */
export const WRITERS = Object.fromEntries(TABLE_NAMES.map((t) => [t, rowWriter(TABLES[t])])) as Record<TableName, (out: CopyBuffer, row: Row) => void>
