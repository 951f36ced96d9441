import type { Generated } from 'kysely'

export interface UsersTable {
  id: Generated<number>
  username: string
  display_name: string
  password_hash: string
  org_unit_id: number
  locale: Generated<string>
  disabled_at: Date | null
  failed_logins: Generated<number>
  locked_until: Date | null
  must_change_password: Generated<boolean>
  password_changed_at: Generated<Date>
  is_demo: Generated<boolean>
  created_at: Generated<Date>
}

export interface UserRolesTable {
  user_id: number
  role: string
}

export interface SessionsTable {
  id: string
  secret_hash: Uint8Array
  user_id: number
  created_at: Date
  last_seen_at: Date
  ip: string | null
  user_agent: string | null
}

export interface LoginFailuresTable {
  id: Generated<string>
  ip: string
  at: Date
}

export interface FormDraftsTable {
  id: Generated<string>
  user_id: number
  page: string
  fields: Record<string, string | string[]>
  created_at: Date
}
