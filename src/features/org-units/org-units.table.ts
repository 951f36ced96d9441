import type { Generated } from 'kysely'

export interface OrgUnitsTable {
  id: Generated<number>
  parent_id: number | null
  kind: string
  name: string
  code: string | null
  path: Generated<string>
  created_at: Generated<Date>
}
