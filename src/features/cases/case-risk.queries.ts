import { sql } from 'kysely'
import type { Db } from '../../db/connect.ts'
import { jsonb } from '../../db/jsonb.ts'
import { beijingDate, daysBetween } from '../../domain/beijing-date.ts'
import { OPEN_STATUSES } from '../../domain/case-vocabulary.ts'
import { distinctWorkers, isCollective, COLLECTIVE_RULES } from '../../domain/collective.ts'
import { limitationDeadline } from '../../domain/limitation.ts'
import { assessRisk, RISK_RANK } from '../../domain/risk.ts'

const DAY = 86_400_000
const keyOf = (w: { id_bidx: Uint8Array | null; phone_bidx: Uint8Array | null }) =>
  w.id_bidx ? `id:${Buffer.from(w.id_bidx).toString('hex')}` : w.phone_bidx ? `ph:${Buffer.from(w.phone_bidx).toString('hex')}` : null

/**
 * Cross-case detection (DESIGN §2): for each respondent and dispute type of this case, the open
 * cases against that respondent with that type reported within 30 days are counted together; at
 * 10 distinct workers they form (or join) a collective group. Returns every case whose group changed.
 */
export async function detectCollective(trx: Db, caseId: number, now: Date): Promise<number[]> {
  const self = await trx.selectFrom('cases').select(['dispute_types', 'status']).where('id', '=', caseId).executeTakeFirstOrThrow()
  if (!OPEN_STATUSES.includes(self.status as never)) return []
  const respondents = await trx.selectFrom('case_respondents').select('respondent_id').where('case_id', '=', caseId).execute()
  const since = new Date(now.getTime() - COLLECTIVE_RULES.windowDays * DAY)
  const changed = new Set<number>()
  for (const { respondent_id } of respondents) {
    for (const type of self.dispute_types) {
      const candidates = await trx
        .selectFrom('cases')
        .innerJoin('case_respondents as cr', 'cr.case_id', 'cases.id')
        .select(['cases.id', 'cases.workers_involved', 'cases.collective_group_id'])
        .distinct()
        .where('cr.respondent_id', '=', respondent_id)
        .where('cases.status', 'in', [...OPEN_STATUSES])
        .where('cases.reported_at', '>=', since)
        .where(sql<boolean>`${type} = any(cases.dispute_types)`)
        .execute()
      if (candidates.length < 2 && type !== 'collective_contract') continue
      const workers = await trx.selectFrom('workers').select(['case_id', 'id_bidx', 'phone_bidx'])
        .where('case_id', 'in', candidates.map((c) => c.id)).execute()
      const headcount = distinctWorkers(candidates.map((c) => ({
        declaredWorkers: c.workers_involved,
        workerKeys: workers.filter((w) => w.case_id === c.id).map(keyOf),
      })))
      if (!isCollective(headcount, [type]) || candidates.length < 2) continue
      const existing = candidates.find((c) => c.collective_group_id !== null)?.collective_group_id
      const groupId = existing ?? (await trx.insertInto('collective_groups')
        .values({ respondent_id, dispute_type: type, workers_count: headcount, created_at: now })
        .returning('id').executeTakeFirstOrThrow()).id
      await trx.updateTable('collective_groups').set({ workers_count: headcount }).where('id', '=', groupId).execute()
      for (const c of candidates) {
        if (c.collective_group_id === null) {
          await trx.updateTable('cases').set({ collective_group_id: groupId }).where('id', '=', c.id).execute()
          await trx.insertInto('case_events').values({ case_id: c.id, at: now, actor_id: null, kind: 'collective.grouped',
            payload: { group_id: groupId, workers: headcount, cases: candidates.map((x) => x.id) } }).execute()
        }
        changed.add(c.id)
      }
    }
  }
  return [...changed]
}

/** Recomputes a case's risk from its facts; writes the case and a timeline event only when it changed. */
export async function refreshRisk(trx: Db, caseId: number, now: Date, actorId: number | null): Promise<void> {
  const c = await trx.selectFrom('cases')
    .select(['id', 'collective_signs', 'workers_involved', 'claimed_total_fen', 'dispute_types', 'collective_group_id', 'risk_level', 'risk_reasons', 'reported_at'])
    .where('id', '=', caseId).executeTakeFirstOrThrow()
  const workers = await trx.selectFrom('workers').select(['migrant', 'knew_date', 'leave_date']).where('case_id', '=', caseId).execute()
  const group = c.collective_group_id
    ? await trx.selectFrom('collective_groups').select('workers_count').where('id', '=', c.collective_group_id).executeTakeFirst()
    : undefined
  const yearAgo = new Date(now.getTime() - 365 * DAY)
  const repeat = await trx.selectFrom('case_respondents as mine')
    .innerJoin('case_respondents as other', 'other.respondent_id', 'mine.respondent_id')
    .innerJoin('cases as oc', 'oc.id', 'other.case_id')
    .select(({ fn }) => ['mine.respondent_id', fn.count<string>('oc.id').distinct().as('n')])
    .where('mine.case_id', '=', caseId)
    .where('oc.reported_at', '>=', yearAgo)
    .groupBy('mine.respondent_id')
    .execute()
  const today = beijingDate(now)
  const deadlines = workers
    .map((w) => limitationDeadline({ disputeTypes: c.dispute_types, knewDate: w.knew_date, leaveDate: w.leave_date }))
    .filter((d): d is string => d !== null)
  const { level, reasons } = assessRisk({
    collectiveSigns: c.collective_signs,
    workers: Math.max(c.workers_involved, workers.length, group?.workers_count ?? 0),
    claimedTotalFen: BigInt(c.claimed_total_fen),
    collective: c.collective_group_id !== null,
    disputeTypes: c.dispute_types,
    migrantWageArrears: c.dispute_types.includes('wages') && workers.some((w) => w.migrant),
    limitationDaysLeft: deadlines.length ? Math.min(...deadlines.map((d) => daysBetween(today, d))) : null,
    respondentCasesLast12Months: Math.max(0, ...repeat.map((r) => Number(r.n))),
  })
  if (level === c.risk_level && JSON.stringify(reasons) === JSON.stringify(c.risk_reasons)) return
  await trx.updateTable('cases')
    .set({ risk_level: level, risk_rank: RISK_RANK[level], risk_reasons: jsonb(reasons) })
    .where('id', '=', caseId).execute()
  if (level !== c.risk_level) {
    await trx.insertInto('case_events').values({ case_id: caseId, at: now, actor_id: actorId, kind: 'risk.changed',
      payload: { before: c.risk_level, after: level, reasons: reasons.map((r) => r.code) } }).execute()
  }
}
