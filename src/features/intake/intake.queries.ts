import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import type { CurrentUser } from '../../app-env.ts'
import { caseVisibleTo } from '../../auth/case-scope.ts'
import type { Db } from '../../db/connect.ts'
import { jsonb } from '../../db/jsonb.ts'
import { beijingYear } from '../../domain/beijing-date.ts'
import { formatCaseNumber } from '../../domain/case-number.ts'
import { OPEN_STATUSES, type Channel, type CollectiveSign, type DisputeType, type IdType, type IntakeForm, type RespondentRole } from '../../domain/case-vocabulary.ts'
import { maskIdNumber, maskPhone } from '../../domain/masking.ts'
import { sumFen } from '../../domain/money.ts'
import { searchTokens } from '../../domain/search-tokens.ts'
import type { PiiCipher } from '../../privacy/pii-cipher.ts'
import { refreshCaseClocks } from '../cases/case-clocks.ts'
import { detectCollective, refreshRisk } from '../cases/case-risk.queries.ts'

export type NewWorker = {
  name: string
  phone: string | null
  idType: IdType
  idNumber: string | null
  under16: boolean
  migrant: boolean
  platformWorker: boolean
  hireDate: string | null
  leaveDate: string | null
  knewDate: string | null
}

export type NewCase = {
  intakeForm: IntakeForm
  channel: Channel
  channelRef: string | null
  orgUnitId: number
  reportedBy: number
  reportedAt: Date
  applicationReceivedAt: Date | null
  title: string
  facts: string
  disputeTypes: DisputeType[]
  workersInvolved: number
  collectiveSigns: CollectiveSign[]
  collectiveContract: Record<string, string> | null
  respondents: { respondentId: number; role: RespondentRole }[]
  workers: NewWorker[]
  claims: { kind: DisputeType; description: string; amountFen: bigint }[]
}

/**
 * The next number of the year. The upsert holds the counter row until the intake transaction ends,
 * so concurrent intakes queue here and a rolled-back intake gives its number back: no gaps.
 */
async function nextCaseNumber(trx: Db, year: number): Promise<string> {
  const row = await trx
    .insertInto('case_counters')
    .values({ year, last_seq: 1 })
    .onConflict((oc) => oc.column('year').doUpdateSet({ last_seq: sql`case_counters.last_seq + 1` }))
    .returning('last_seq')
    .executeTakeFirstOrThrow()
  return formatCaseNumber(year, row.last_seq)
}

/**
 * Writes a whole new case (call inside a transaction): row, parties, claims, first event, collective
 * group and risk. The case number comes last: its counter row serialises every intake of the year
 * until commit, so it is held for one statement, not for the whole intake.
 */
export async function insertCase(trx: Db, pii: PiiCipher, c: NewCase, now: Date): Promise<{ id: number; caseNo: string }> {
  // Intakes against one respondent take turns (locked in id order, so never a deadlock): collective
  // detection and the repeat-respondent risk count the other cases against it and must see them all.
  // NO KEY UPDATE leaves alone the key-share locks that foreign keys to the respondent take.
  const respondentNames = c.respondents.length
    ? await trx.selectFrom('respondents').select('name').where('id', 'in', c.respondents.map((r) => r.respondentId))
      .orderBy('id').forNoKeyUpdate().execute()
    : []
  const claimed = sumFen(c.claims.map((cl) => cl.amountFen))
  const { id } = await trx
    .insertInto('cases')
    .values({
      // Unique until the real number replaces it below, and never seen outside this transaction.
      case_no: `pending:${randomUUID()}`,
      status: c.applicationReceivedAt ? 'registered' : 'reported',
      channel: c.channel,
      channel_ref: c.channelRef,
      intake_form: c.intakeForm,
      org_unit_id: c.orgUnitId,
      reported_by: c.reportedBy,
      reported_at: c.reportedAt,
      application_received_at: c.applicationReceivedAt,
      title: c.title,
      facts: c.facts,
      dispute_types: c.disputeTypes,
      workers_involved: c.workersInvolved,
      collective_signs: c.collectiveSigns,
      collective_contract: c.collectiveContract ? jsonb(c.collectiveContract) : null,
      claimed_total_fen: claimed.toString(),
      search_tokens: searchTokens([c.title, ...c.workers.map((w) => w.name), ...respondentNames.map((r) => r.name), c.facts]),
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()

  if (c.respondents.length) {
    await trx.insertInto('case_respondents')
      .values(c.respondents.map((r, position) => ({ case_id: id, respondent_id: r.respondentId, role: r.role, position })))
      .execute()
  }
  if (c.workers.length) await trx.insertInto('workers').values(c.workers.map((w, position) => workerRow(pii, id, position, w))).execute()
  if (c.claims.length) {
    await trx.insertInto('claims')
      .values(c.claims.map((cl, position) => ({ case_id: id, position, kind: cl.kind, description: cl.description, amount_fen: cl.amountFen.toString() })))
      .execute()
  }
  // The timeline records what was taken in; protected numbers only as "given", never their values.
  await trx.insertInto('case_events').values({
    case_id: id,
    at: now,
    actor_id: c.reportedBy,
    kind: 'case.created',
    payload: {
      status: c.applicationReceivedAt ? 'registered' : 'reported',
      channel: c.channel,
      form: c.intakeForm,
      workers: c.workers.length,
      respondents: c.respondents.length,
      claims: c.claims.length,
      claimed_fen: claimed.toString(),
      phones_given: c.workers.filter((w) => w.phone).length,
      ids_given: c.workers.filter((w) => w.idNumber).length,
    },
  }).execute()

  const grouped = await detectCollective(trx, id, now)
  for (const caseId of new Set([id, ...grouped])) await refreshRisk(trx, caseId, now, c.reportedBy)
  await refreshCaseClocks(trx, id, now)
  const caseNo = await nextCaseNumber(trx, beijingYear(c.applicationReceivedAt ?? c.reportedAt))
  await trx.updateTable('cases').set({ case_no: caseNo }).where('id', '=', id).execute()
  return { id, caseNo }
}

export function workerRow(pii: PiiCipher, caseId: number, position: number, w: NewWorker) {
  return {
    case_id: caseId,
    position,
    name: w.name,
    phone_enc: w.phone ? pii.encrypt(w.phone) : null,
    phone_bidx: w.phone ? pii.blindIndex('phone', w.phone) : null,
    phone_masked: w.phone ? maskPhone(w.phone) : null,
    id_type: w.idType,
    id_number_enc: w.idNumber ? pii.encrypt(w.idNumber) : null,
    id_bidx: w.idNumber ? pii.blindIndex('id_number', w.idNumber) : null,
    id_masked: w.idNumber ? maskIdNumber(w.idNumber) : null,
    under_16: w.under16,
    migrant: w.migrant,
    platform_worker: w.platformWorker,
    hire_date: w.hireDate,
    leave_date: w.leaveDate,
    knew_date: w.knewDate,
  }
}

/** Units a new case may be filed under: the user's own unit, the towns in their area, and their town's grassroots unions. */
export function intakeUnits(db: Db, unitPath: string, unitId: number) {
  return db
    .selectFrom('org_units')
    .select(['id', 'name', 'kind', 'path'])
    .where('path', 'like', `${unitPath}%`)
    .where((eb) => eb.or([eb('kind', 'in', ['district', 'town']), eb('parent_id', '=', unitId), eb('id', '=', unitId)]))
    .orderBy('path')
    .limit(500)
    .execute()
}

export async function unitInPath(db: Db, unitId: number, unitPath: string): Promise<boolean> {
  const row = await db.selectFrom('org_units').select('id').where('id', '=', unitId).where('path', 'like', `${unitPath}%`).executeTakeFirst()
  return row !== undefined
}

export function respondentsByIds(db: Db, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([])
  return db.selectFrom('respondents').select(['id', 'name', 'kind', 'uscc']).where('id', 'in', ids).execute()
}

/** Idempotency (reliability D4): claims the key for this submission, or reports what became of it. */
export async function claimIdempotencyKey(trx: Db, userId: number, key: string, hash: string, now: Date) {
  const inserted = await trx
    .insertInto('idempotency_keys')
    .values({ user_id: userId, key, request_hash: hash, case_id: null, created_at: now })
    .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst()
  if (inserted) return { claimed: true as const }
  const existing = await trx.selectFrom('idempotency_keys').select(['request_hash', 'case_id']).where('user_id', '=', userId).where('key', '=', key).executeTakeFirstOrThrow()
  return { claimed: false as const, sameRequest: existing.request_hash === hash, caseId: existing.case_id }
}

export async function settleIdempotencyKey(trx: Db, userId: number, key: string, caseId: number) {
  await trx.updateTable('idempotency_keys').set({ case_id: caseId }).where('user_id', '=', userId).where('key', '=', key).execute()
}

/** Open cases the user can see that already list this worker (matched by blind index, never plaintext). */
export function openCasesOfWorker(db: Db, user: CurrentUser, column: 'phone_bidx' | 'id_bidx', index: Uint8Array) {
  return db
    .selectFrom('workers')
    .innerJoin('cases', 'cases.id', 'workers.case_id')
    .select(['cases.id', 'cases.case_no as caseNo'])
    .distinct()
    .where(`workers.${column}`, '=', index)
    .where('cases.status', 'in', [...OPEN_STATUSES])
    .where(caseVisibleTo(user, 'cases'))
    .orderBy('cases.id', 'desc')
    .limit(5)
    .execute()
}

/** A reported case becomes registered when a party's application is received (DESIGN §2). */
export async function recordApplication(trx: Db, caseId: number, receivedAt: Date, actorId: number, now: Date, version: number) {
  const updated = await trx
    .updateTable('cases')
    .set({ status: 'registered', application_received_at: receivedAt, updated_at: now, version: version + 1, last_actor_id: actorId })
    .where('id', '=', caseId)
    .where('status', '=', 'reported')
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst()
  if (!updated) return false
  await refreshCaseClocks(trx, caseId, now)
  await trx.insertInto('case_events').values({
    case_id: caseId, at: now, actor_id: actorId, kind: 'application.received',
    payload: { before: 'reported', after: 'registered', received_at: receivedAt.toISOString() },
  }).execute()
  return true
}
