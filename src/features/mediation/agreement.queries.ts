import { sql } from 'kysely'
import type { Db } from '../../db/connect.ts'
import { agreementPerformance, remainingFen, type Performance } from '../../domain/agreement.ts'
import { sumFen } from '../../domain/money.ts'

// Every query of agreements, their items, instalments and payments. Callers have found the case in
// the user's scope first (visibleCase, or the case page's findCase): these take a case id.

/** How the case's agreement in effect stands: the lead's closure and the action panel read it. */
export type AgreementStanding = {
  agreementId: number
  performance: Performance
  agreedFen: string
  paidFen: string
  /** Some instalment's due date has passed without it being paid in full. */
  overdue: boolean
  effectiveOn: string
  /** Nothing to pay (reinstatement and the like): performance is the parties' word at closure. */
  nonMonetary: boolean
  /** Money agreed and not yet paid: the case cannot close as "agreement performed". */
  owing: boolean
}

/** The claims an agreement is made on: each with what was claimed, in the case's order. */
export function claimsForAgreement(db: Db, caseId: number) {
  return db.selectFrom('claims').select(['id', 'kind', 'description', 'amount_fen'])
    .where('case_id', '=', caseId).orderBy('position').orderBy('id').limit(100).execute()
}

export function inEffectAgreement(db: Db, caseId: number) {
  return db.selectFrom('agreements').selectAll().where('case_id', '=', caseId).where('state', '=', 'in_effect').executeTakeFirst()
}

/** The case's agreements: the one in effect first, then the superseded ones, newest first. */
export function caseAgreements(db: Db, caseId: number) {
  return db.selectFrom('agreements').leftJoin('mediation_sessions', 'mediation_sessions.id', 'agreements.session_id')
    .selectAll('agreements').select('mediation_sessions.held_on as session_held_on')
    .where('agreements.case_id', '=', caseId)
    .orderBy(sql`agreements.state = 'in_effect'`, 'desc').orderBy('agreements.id', 'desc').limit(50).execute()
}

export function agreementItems(db: Db, agreementId: number) {
  return db.selectFrom('agreement_items').selectAll().where('agreement_id', '=', agreementId).orderBy('position').execute()
}

/** Each instalment with what has been paid against it (exact fen as a string). */
export function instalmentsWithPaid(db: Db, agreementId: number) {
  return db.selectFrom('agreement_instalments').leftJoin('agreement_payments', 'agreement_payments.instalment_id', 'agreement_instalments.id')
    .select(['agreement_instalments.id', 'agreement_instalments.seq', 'agreement_instalments.due_on', 'agreement_instalments.amount_fen',
      sql<string>`coalesce(sum(agreement_payments.amount_fen), 0)::text`.as('paid_fen')])
    .where('agreement_instalments.agreement_id', '=', agreementId)
    .groupBy('agreement_instalments.id').orderBy('agreement_instalments.seq').execute()
}
export type InstalmentRow = Awaited<ReturnType<typeof instalmentsWithPaid>>[number]

export function agreementPayments(db: Db, agreementId: number) {
  return db.selectFrom('agreement_payments')
    .innerJoin('agreement_instalments', 'agreement_instalments.id', 'agreement_payments.instalment_id')
    .leftJoin('users', 'users.id', 'agreement_payments.recorded_by')
    .select(['agreement_payments.id', 'agreement_payments.paid_on', 'agreement_payments.amount_fen', 'agreement_payments.method',
      'agreement_payments.note', 'agreement_instalments.seq', 'users.display_name as recorded_by_name'])
    .where('agreement_instalments.agreement_id', '=', agreementId)
    .orderBy('agreement_payments.paid_on').orderBy('agreement_payments.id').limit(500).execute()
}

export const instalmentState = (r: InstalmentRow) => ({ amountFen: BigInt(r.amount_fen), paidFen: BigInt(r.paid_fen), dueOn: r.due_on })

export async function agreementStanding(db: Db, caseId: number, today: string): Promise<AgreementStanding | null> {
  const a = await inEffectAgreement(db, caseId)
  if (!a) return null
  const items = await agreementItems(db, a.id)
  const instalments = (await instalmentsWithPaid(db, a.id)).map(instalmentState)
  const performance = agreementPerformance(instalments, today)
  const agreedFen = sumFen(items.map((i) => i.agreed_fen))
  const paidFen = sumFen(instalments.map((i) => i.paidFen))
  return {
    agreementId: a.id,
    performance,
    agreedFen: agreedFen.toString(),
    paidFen: paidFen.toString(),
    overdue: performance === 'overdue',
    effectiveOn: a.effective_on,
    nonMonetary: instalments.length === 0,
    owing: remainingFen({ amountFen: agreedFen, paidFen }) > 0n,
  }
}

export type NewAgreement = {
  caseId: number
  sessionId: number | null
  terms: string
  performanceMethod: string
  signedOn: string
  effectiveOn: string
  items: { claimId: number | null; kind: string; description: string; claimedFen: bigint; agreedFen: bigint }[]
  instalments: { dueOn: string; amountFen: bigint }[]
  recordedBy: number
  recordedAt: Date
}

/** Writes an agreement in effect (inside the action's transaction); an earlier one is superseded. */
export async function insertAgreement(trx: Db, a: NewAgreement): Promise<number> {
  await trx.updateTable('agreements').set({ state: 'superseded' }).where('case_id', '=', a.caseId).where('state', '=', 'in_effect').execute()
  const { id } = await trx.insertInto('agreements').values({
    case_id: a.caseId, session_id: a.sessionId, terms: a.terms, performance_method: a.performanceMethod, signed_on: a.signedOn,
    effective_on: a.effectiveOn, state: 'in_effect', recorded_by: a.recordedBy, recorded_at: a.recordedAt,
  }).returning('id').executeTakeFirstOrThrow()
  if (a.items.length) {
    await trx.insertInto('agreement_items').values(a.items.map((i, position) => ({
      agreement_id: id, claim_id: i.claimId, position, kind: i.kind, description: i.description,
      claimed_fen: i.claimedFen.toString(), agreed_fen: i.agreedFen.toString(),
    }))).execute()
  }
  if (a.instalments.length) {
    await trx.insertInto('agreement_instalments').values(a.instalments.map((i, n) => ({
      agreement_id: id, seq: n + 1, due_on: i.dueOn, amount_fen: i.amountFen.toString(),
    }))).execute()
  }
  return id
}

export type NewPayment = { caseId: number; instalmentId: number; paidOn: string; amountFen: bigint; method: string | null; note: string | null; recordedBy: number; recordedAt: Date }

export async function insertPayment(trx: Db, p: NewPayment) {
  await trx.insertInto('agreement_payments').values({
    case_id: p.caseId, instalment_id: p.instalmentId, paid_on: p.paidOn, amount_fen: p.amountFen.toString(), method: p.method, note: p.note,
    recorded_by: p.recordedBy, recorded_at: p.recordedAt,
  }).execute()
}
