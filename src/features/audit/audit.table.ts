import type { Generated } from 'kysely'

export interface AuditLogTable {
  id: Generated<string>
  at: Date
  actor_id: number | null
  actor_username: string | null
  actor_roles: Generated<string[]>
  actor_org_unit_id: number | null
  ip: string | null
  request_id: string | null
  event: string
  object_type: string | null
  object_id: string | null
  outcome: string
  details: Generated<Record<string, unknown>>
}
