import type { CurrentUser } from '../../app-env.ts'
import { caseVisibleTo } from '../../auth/case-scope.ts'
import type { Db } from '../../db/connect.ts'
import type { CaseDetail } from '../cases/cases.queries.ts'

// What the printed documents read. Every query is scoped with caseVisibleTo: a case outside the
// user's scope has no documents, and neither do its sessions or agreement.

/** The case as the documents print it: the case page's own query (findCase), scoped the same way. */
export type DocumentCase = CaseDetail

/** The case's sessions, oldest first (a few per case). */
export function documentSessions(db: Db, user: CurrentUser, caseId: number) {
  return db.selectFrom('mediation_sessions as s')
    .innerJoin('cases', 'cases.id', 's.case_id')
    .innerJoin('users as recorder', 'recorder.id', 's.recorded_by')
    .select(['s.id', 's.held_on', 's.mode', 's.place', 's.participants', 's.result', 's.summary', 's.next_session_on',
      'recorder.display_name as recorder_name'])
    .where('s.case_id', '=', caseId)
    .where(caseVisibleTo(user, 'cases'))
    .orderBy('s.held_on').orderBy('s.id')
    .execute()
}

/** The agreement in effect, with its items and instalments in order; undefined when there is none. */
export async function agreementInEffect(db: Db, user: CurrentUser, caseId: number) {
  const agreement = await db.selectFrom('agreements as a')
    .innerJoin('cases', 'cases.id', 'a.case_id')
    .select(['a.id', 'a.terms', 'a.performance_method', 'a.signed_on', 'a.effective_on'])
    .where('a.case_id', '=', caseId)
    .where('a.state', '=', 'in_effect')
    .where(caseVisibleTo(user, 'cases'))
    .executeTakeFirst()
  if (!agreement) return undefined
  const items = await db.selectFrom('agreement_items')
    .select(['kind', 'description', 'claimed_fen', 'agreed_fen'])
    .where('agreement_id', '=', agreement.id)
    .orderBy('position')
    .execute()
  const instalments = await db.selectFrom('agreement_instalments')
    .select(['seq', 'due_on', 'amount_fen'])
    .where('agreement_id', '=', agreement.id)
    .orderBy('seq')
    .execute()
  return { ...agreement, items, instalments }
}
export type Agreement = NonNullable<Awaited<ReturnType<typeof agreementInEffect>>>
