import type { Generated } from 'kysely'

// Row types of the resolution records (migration 2026_11_22_00_00_00_resolution). int8 columns
// arrive as strings from both drivers (exact fen); dates as 'YYYY-MM-DD' strings.

export interface MediationSessionsTable {
  id: Generated<number>
  case_id: number
  held_on: string
  mode: string
  place: string | null
  participants: string
  result: string
  summary: string | null
  next_session_on: string | null
  recorded_by: number
  recorded_at: Date
}

export interface AgreementsTable {
  id: Generated<number>
  case_id: number
  session_id: number | null
  terms: string
  performance_method: string
  signed_on: string
  effective_on: string
  state: Generated<string>
  recorded_by: number
  recorded_at: Date
}

export interface AgreementItemsTable {
  id: Generated<number>
  agreement_id: number
  claim_id: number | null
  position: number
  kind: string
  description: Generated<string>
  claimed_fen: Generated<string>
  agreed_fen: string
}

export interface AgreementInstalmentsTable {
  id: Generated<number>
  agreement_id: number
  seq: number
  due_on: string
  amount_fen: string
}

export interface AgreementPaymentsTable {
  id: Generated<number>
  case_id: number
  instalment_id: number
  paid_on: string
  amount_fen: string
  method: string | null
  note: string | null
  recorded_by: number
  recorded_at: Date
}

export interface ConsultationNotesTable {
  id: Generated<number>
  case_id: number
  author_id: number
  legal_basis: string
  advice: string
  visibility: string
  legal_aid: Generated<boolean>
  created_at: Date
}

export interface CourtLinkagesTable {
  id: Generated<number>
  case_id: number
  kind: string
  court: string
  court_ref: string | null
  started_on: string
  result: Generated<string>
  result_on: string | null
  note: string | null
  recorded_by: number
  recorded_at: Date
  updated_at: Date
}

export interface AttachmentsTable {
  id: Generated<number>
  case_id: number
  kind: string
  filename: string
  mime: string
  size_bytes: number
  sha256: string
  description: string | null
  uploaded_by: number
  uploaded_at: Date
}

export interface AttachmentContentsTable {
  attachment_id: number
  content: Uint8Array
}
