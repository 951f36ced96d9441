import { sql } from 'kysely'
import type { CurrentUser } from '../../app-env.ts'
import { caseVisibleTo } from '../../auth/case-scope.ts'
import type { Db } from '../../db/connect.ts'
import { OPEN_STATUSES } from '../../domain/case-vocabulary.ts'
import { queryTokens, searchTokens } from '../../domain/search-tokens.ts'
import type { RespondentInput } from './respondents.forms.ts'

// Respondents are a district-wide registry; their *cases* are not. Every count or list of cases
// here goes through caseVisibleTo, so a town user never learns even how many cases another town has.

const DETAILS = ['id', 'kind', 'name', 'uscc', 'legal_representative', 'address', 'industry', 'created_at'] as const
export type Respondent = Awaited<ReturnType<typeof findRespondent>> & {}
export type RespondentMatch = Awaited<ReturnType<typeof searchRespondents>>[number]

/** The user's visible open cases against the respondent in `respondents.id`, as a correlated subquery. */
const visibleOpenCases = (user: CurrentUser) => sql<string>`(
  select count(distinct cases.id) from case_respondents cr join cases on cases.id = cr.case_id
  where cr.respondent_id = respondents.id and cases.status in (${sql.join(OPEN_STATUSES)}) and ${caseVisibleTo(user)})`

export function findRespondent(db: Db, id: number) {
  return db.selectFrom('respondents').select(DETAILS).where('id', '=', id).executeTakeFirst()
}

/** Locked until the transaction ends, so the audit row's list of changed fields is exact. */
export function lockRespondent(db: Db, id: number) {
  return db.selectFrom('respondents').select(DETAILS).where('id', '=', id).forUpdate().executeTakeFirst()
}

/** The respondent already holding this code, if any (but `exceptId`, the one being edited). */
export function findByUscc(db: Db, uscc: string, exceptId?: number) {
  let q = db.selectFrom('respondents').select(['id', 'name']).where('uscc', '=', uscc)
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId)
  return q.executeTakeFirst()
}

const row = (input: RespondentInput) => ({ ...input, search_tokens: searchTokens([input.name, input.uscc]) })

export async function insertRespondent(db: Db, input: RespondentInput, createdBy: number, now: Date): Promise<number> {
  const { id } = await db
    .insertInto('respondents')
    .values({ ...row(input), created_by: createdBy, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function updateRespondent(db: Db, id: number, input: RespondentInput) {
  await db.updateTable('respondents').set(row(input)).where('id', '=', id).execute()
}

/**
 * A query of 4+ letters and digits with a digit in it is a code prefix: every real code has digits
 * in places 3–8, while a Latin name ("ACME") does not. Anything else is searched by name tokens.
 */
export function usccPrefix(q: string): string | null {
  const compact = q.replace(/\s+/g, '').toUpperCase()
  return /^[0-9A-Z]{4,18}$/.test(compact) && /\d/.test(compact) ? compact : null
}

/** Shortest names first: the exact company usually is, and its longer namesakes follow. */
export async function searchRespondents(db: Db, user: CurrentUser, q: string, limit: number) {
  const prefix = usccPrefix(q)
  const tokens = prefix ? [] : queryTokens(q)
  if (!prefix && tokens.length === 0) return []
  let query = db
    .selectFrom('respondents')
    .select([...DETAILS, visibleOpenCases(user).as('open_cases')])
    .orderBy(sql`length(name)`)
    .orderBy('name')
    .orderBy('id')
    .limit(limit)
  query = prefix
    ? query.where('uscc', 'like', `${prefix}%`)
    : query.where(sql<boolean>`search_tokens @> ${sql.val(tokens)}::text[]`)
  const rows = await query.execute()
  return rows.map((r) => ({ ...r, open_cases: Number(r.open_cases) }))
}

/** With no search yet, the list page shows what was registered last. */
export async function recentRespondents(db: Db, user: CurrentUser, limit: number) {
  const rows = await db
    .selectFrom('respondents')
    .select([...DETAILS, visibleOpenCases(user).as('open_cases')])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
  return rows.map((r) => ({ ...r, open_cases: Number(r.open_cases) }))
}

const isOpen = sql<boolean>`cases.status in (${sql.join(OPEN_STATUSES)})`

/**
 * The user's visible cases against the respondent: open ones first, then newest. One row per case
 * (a respondent can hold two roles in one case), so the roles come as a list.
 */
export async function casesOfRespondent(db: Db, user: CurrentUser, respondentId: number, limit: number) {
  return db
    .selectFrom('case_respondents as cr')
    .innerJoin('cases', 'cases.id', 'cr.case_id')
    .select([
      'cases.id', 'cases.case_no', 'cases.status', 'cases.risk_level', 'cases.reported_at', 'cases.title',
      sql<string[]>`array_agg(cr.role order by cr.role)`.as('roles'),
      isOpen.as('open'),
    ])
    .where('cr.respondent_id', '=', respondentId)
    .where(caseVisibleTo(user))
    .groupBy('cases.id')
    .orderBy(sql`${isOpen} desc`)
    .orderBy('cases.reported_at', 'desc')
    .orderBy('cases.id', 'desc')
    .limit(limit)
    .execute()
}

/** The repeat-respondent line: visible cases in all, in the last 12 months, and open now. */
export async function caseSummary(db: Db, user: CurrentUser, respondentId: number, since: Date) {
  const row = await db
    .selectFrom('cases')
    .select([
      sql<string>`count(*)`.as('total'),
      sql<string>`count(*) filter (where cases.reported_at >= ${since})`.as('recent'),
      sql<string>`count(*) filter (where ${isOpen})`.as('open'),
    ])
    .where('cases.id', 'in', (eb) => eb.selectFrom('case_respondents').select('case_id').where('respondent_id', '=', respondentId))
    .where(caseVisibleTo(user))
    .executeTakeFirstOrThrow()
  return { total: Number(row.total), recent: Number(row.recent), open: Number(row.open) }
}

export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505'
}
