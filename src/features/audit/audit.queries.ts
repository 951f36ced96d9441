import type { Insertable } from 'kysely'
import type { Db } from '../../db/connect.ts'
import { inSubtree } from '../../auth/scope.ts'
import type { AuditLogTable } from './audit.table.ts'

export async function insertAudit(db: Db, row: Insertable<AuditLogTable>) {
  await db.insertInto('audit_log').values(row).execute()
}

export type AuditFilter = {
  event?: string | undefined
  actor?: string | undefined
  before?: string | undefined
  /** A town admin sees what people of its town did; the district sees everything, failed sign-ins of unknown names included. */
  subtreePath?: string | undefined
}

/** Newest first, keyset-paged by id so the page stays fast however long the log grows. */
export function listAudit(db: Db, filter: AuditFilter, limit = 50) {
  let q = db
    .selectFrom('audit_log')
    .select(['id', 'at', 'actor_username', 'actor_roles', 'ip', 'request_id', 'event', 'object_type', 'object_id', 'outcome', 'details'])
    .orderBy('id', 'desc')
    .limit(limit)
  if (filter.event) q = q.where('event', 'like', `${filter.event.replace(/[%_\\]/g, '\\$&')}%`)
  if (filter.actor) q = q.where('actor_username', '=', filter.actor)
  if (filter.before && /^\d+$/.test(filter.before)) q = q.where('id', '<', filter.before)
  const path = filter.subtreePath
  if (path) {
    q = q.where((eb) =>
      eb.or([
        inSubtree(path, 'audit_log.actor_org_unit_id'),
        eb('actor_id', 'in', eb.selectFrom('users').select('users.id').where(inSubtree(path, 'users.org_unit_id'))),
      ]),
    )
  }
  return q.execute()
}
