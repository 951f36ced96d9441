import type { Db } from '../../db/connect.ts'
import type { CourtKind, CourtResult } from '../../domain/court-linkage.ts'
import type { NoteVisibility } from '../../domain/case-records.ts'

// Every query of the legal feature. Callers have already found the case in the user's scope
// (visibleCase, or the case page's findCase), so these read by case id.

/**
 * The notes of a case this user may read, newest first. The visibilities are filtered here, in the
 * query, so a note the user may not read is never loaded, counted or shaped.
 */
export function caseNotes(db: Db, caseId: number, visibilities: readonly NoteVisibility[]) {
  if (visibilities.length === 0) return Promise.resolve([])
  return db.selectFrom('consultation_notes as n')
    .innerJoin('users as author', 'author.id', 'n.author_id')
    .select(['n.id', 'n.legal_basis', 'n.advice', 'n.visibility', 'n.legal_aid', 'n.created_at', 'author.display_name as author_name'])
    .where('n.case_id', '=', caseId)
    .where('n.visibility', 'in', [...visibilities])
    .orderBy('n.created_at', 'desc').orderBy('n.id', 'desc')
    .execute()
}

export type NewNote = { caseId: number; authorId: number; legalBasis: string; advice: string; visibility: NoteVisibility; legalAid: boolean; at: Date }

export async function insertNote(trx: Db, n: NewNote) {
  const row = await trx.insertInto('consultation_notes').values({
    case_id: n.caseId, author_id: n.authorId, legal_basis: n.legalBasis, advice: n.advice, visibility: n.visibility, legal_aid: n.legalAid, created_at: n.at,
  }).returning('id').executeTakeFirstOrThrow()
  return row.id
}

const LINKAGE_COLUMNS = ['id', 'kind', 'court', 'court_ref', 'started_on', 'result', 'result_on', 'note'] as const

/** The court linkage of a case, as filed. */
export function caseLinkages(db: Db, caseId: number) {
  return db.selectFrom('court_linkages').select([...LINKAGE_COLUMNS]).where('case_id', '=', caseId).orderBy('started_on').orderBy('id').execute()
}

/** One linkage, only if it belongs to this case. */
export function linkageOfCase(db: Db, caseId: number, id: number) {
  return db.selectFrom('court_linkages').select([...LINKAGE_COLUMNS]).where('case_id', '=', caseId).where('id', '=', id).executeTakeFirst()
}

/** The day the case's agreement took effect (kept after non-performance sent it to court linkage). */
export async function agreementEffectiveOn(db: Db, caseId: number): Promise<string | null> {
  const row = await db.selectFrom('cases').select('agreement_effective_on').where('id', '=', caseId).executeTakeFirst()
  return row?.agreement_effective_on ?? null
}

export type NewLinkage = { caseId: number; kind: CourtKind; court: string; courtRef: string | null; startedOn: string; note: string | null; by: number; at: Date }

export async function insertLinkage(trx: Db, l: NewLinkage) {
  const row = await trx.insertInto('court_linkages').values({
    case_id: l.caseId, kind: l.kind, court: l.court, court_ref: l.courtRef, started_on: l.startedOn, note: l.note,
    recorded_by: l.by, recorded_at: l.at, updated_at: l.at,
  }).returning('id').executeTakeFirstOrThrow()
  return row.id
}

export type CourtAnswer = { result: CourtResult; resultOn: string; courtRef: string | null; note: string | null; at: Date }

/** The court's answer; only a linkage still pending takes one (a second submission changes nothing). */
export async function recordCourtAnswer(trx: Db, caseId: number, id: number, a: CourtAnswer) {
  const row = await trx.updateTable('court_linkages')
    .set({ result: a.result, result_on: a.resultOn, court_ref: a.courtRef, note: a.note, updated_at: a.at })
    .where('id', '=', id).where('case_id', '=', caseId).where('result', '=', 'pending')
    .returning('id').executeTakeFirst()
  return row !== undefined
}
