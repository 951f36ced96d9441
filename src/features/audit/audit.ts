import type { Context } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import type { Db } from '../../db/connect.ts'
import { clientIp } from '../../http/client-ip.ts'
import { insertAudit } from './audit.queries.ts'

export type AuditEntry = {
  event: string
  outcome?: 'success' | 'failure' | 'denied'
  objectType?: string
  objectId?: string | number
  /** Never a password, token, full ID number or phone: callers pass only what is safe to keep. */
  details?: Record<string, unknown>
  /** Who acted, when it is not the signed-in user (a failed login names the account tried). */
  actor?: { id: number | null; username: string | null }
}

/** Writes one audit row for this request; pass `db` to write inside the caller's transaction. */
export async function recordAudit(c: Context<AppEnv>, entry: AuditEntry, db: Db = c.get('db')) {
  const user = c.get('user')
  await insertAudit(db, {
    at: c.get('now')(),
    actor_id: entry.actor ? entry.actor.id : (user?.id ?? null),
    actor_username: entry.actor ? entry.actor.username : (user?.username ?? null),
    actor_roles: entry.actor ? [] : (user?.roles ?? []),
    actor_org_unit_id: entry.actor ? null : (user?.orgUnit.id ?? null),
    ip: clientIp(c),
    request_id: c.get('requestId'),
    event: entry.event,
    object_type: entry.objectType ?? null,
    object_id: entry.objectId === undefined ? null : String(entry.objectId),
    outcome: entry.outcome ?? 'success',
    details: entry.details ?? {},
  })
}
