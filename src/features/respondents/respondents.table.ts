import type { Generated } from 'kysely'

export interface RespondentsTable {
  id: Generated<number>
  kind: string
  name: string
  uscc: string | null
  legal_representative: string | null
  address: string | null
  industry: string | null
  search_tokens: Generated<string[]>
  created_by: number | null
  created_at: Date
}

export interface CaseRespondentsTable {
  case_id: number
  respondent_id: number
  role: string
  position: Generated<number>
}
