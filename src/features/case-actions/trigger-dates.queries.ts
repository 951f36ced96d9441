import type { Db } from '../../db/connect.ts'

export function triggerDates(db: Db, caseId: number) {
  return Promise.all([
    db.selectFrom('cases').select(['application_received_at', 'version', 'status']).where('id', '=', caseId).executeTakeFirstOrThrow(),
    db.selectFrom('workers').select(['id', 'name', 'hire_date', 'leave_date', 'knew_date']).where('case_id', '=', caseId).orderBy('position').execute(),
  ])
}

export async function bumpCase(trx: Db, caseId: number, version: number, fields: { application_received_at?: Date }, actorId: number, now: Date) {
  const row = await trx.updateTable('cases').set({ ...fields, version: version + 1, updated_at: now, last_actor_id: actorId })
    .where('id', '=', caseId).where('version', '=', version).returning('id').executeTakeFirst()
  return row !== undefined
}

export async function setWorkerDates(trx: Db, workerId: number, caseId: number, dates: { knew_date: string | null; leave_date: string | null }) {
  await trx.updateTable('workers').set(dates).where('id', '=', workerId).where('case_id', '=', caseId).execute()
}

export async function recordCorrection(trx: Db, caseId: number, actorId: number, now: Date, payload: Record<string, unknown>) {
  await trx.insertInto('case_events').values({ case_id: caseId, at: now, actor_id: actorId, kind: 'record.trigger_dates', payload }).execute()
}
