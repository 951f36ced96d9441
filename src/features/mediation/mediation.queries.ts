import type { Db } from '../../db/connect.ts'

// Mediation sessions. Callers have found the case in the user's scope first: these take a case id.

export const SESSION_MODES = ['in_person', 'phone', 'video'] as const
export const SESSION_RESULTS = ['agreement', 'partial_agreement', 'no_agreement', 'adjourned', 'respondent_absent', 'respondent_refused'] as const

/** The case's sessions, newest first. */
export function caseSessions(db: Db, caseId: number) {
  return db.selectFrom('mediation_sessions').leftJoin('users', 'users.id', 'mediation_sessions.recorded_by')
    .selectAll('mediation_sessions').select('users.display_name as recorded_by_name')
    .where('mediation_sessions.case_id', '=', caseId)
    .orderBy('mediation_sessions.held_on', 'desc').orderBy('mediation_sessions.id', 'desc').limit(200).execute()
}

export type NewSession = {
  caseId: number; heldOn: string; mode: string; place: string | null; participants: string; result: string
  summary: string | null; nextSessionOn: string | null; recordedBy: number; recordedAt: Date
}

export async function insertSession(trx: Db, s: NewSession): Promise<number> {
  const row = await trx.insertInto('mediation_sessions').values({
    case_id: s.caseId, held_on: s.heldOn, mode: s.mode, place: s.place, participants: s.participants, result: s.result,
    summary: s.summary, next_session_on: s.nextSessionOn, recorded_by: s.recordedBy, recorded_at: s.recordedAt,
  }).returning('id').executeTakeFirstOrThrow()
  return row.id
}
