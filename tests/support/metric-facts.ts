import { sql } from 'kysely'
import type { Db } from '../../src/db/connect.ts'
import { beijingDate } from '../../src/domain/beijing-date.ts'
import type { CaseFact } from '../../src/domain/metrics.ts'

const day = (d: Date | null) => (d ? beijingDate(new Date(d)) : null)
const hex = (b: Uint8Array | null) => (b ? Buffer.from(b).toString('hex') : null)

/**
 * Every case as the facts domain/metrics.ts reasons about, read column by column from the
 * database: the dashboard's SQL is checked against `evaluate` over these.
 */
export async function loadCaseFacts(db: Db, today: string): Promise<CaseFact[]> {
  const cases = await db.selectFrom('cases')
    .innerJoin('org_units as u', 'u.id', 'cases.org_unit_id')
    .leftJoin('org_units as town', (j) => j.on('town.kind', '=', 'town').on(sql<boolean>`u.path like town.path || '%'`))
    .select([
      'cases.id', 'cases.reported_at', 'cases.decided_at', 'cases.application_received_at', 'cases.closed_at', 'cases.status',
      'cases.route', 'cases.channel', 'cases.dispute_types', 'cases.risk_level', 'cases.closure_reason', 'cases.resolution_level',
      'cases.assigned_mediator_id', 'cases.agreement_effective_on', 'cases.claimed_total_fen', 'cases.recovered_fen',
      'cases.workers_involved', 'town.id as town_id',
    ])
    .execute()
  const sessions = new Set((await db.selectFrom('mediation_sessions').select('case_id').execute()).map((r) => r.case_id))
  const agreements = await db.selectFrom('agreements').select(['id', 'case_id', 'state']).execute()
  const items = await db.selectFrom('agreement_items').select(['agreement_id', 'agreed_fen']).execute()
  const clocks = await db.selectFrom('case_clocks').select(['case_id', 'kind', 'status', 'due_on']).execute()
  const industries = await db.selectFrom('case_respondents as cr').innerJoin('respondents as r', 'r.id', 'cr.respondent_id')
    .select(['cr.case_id', 'r.industry']).execute()
  const workers = await db.selectFrom('workers').select(['case_id', 'id_bidx', 'phone_bidx']).execute()
  return cases.map((c): CaseFact => {
    const mine = agreements.filter((a) => a.case_id === c.id)
    const current = mine.find((a) => a.state === 'in_effect')
    const mediation = clocks.find((k) => k.case_id === c.id && k.kind === 'mediation')
    return {
      id: c.id,
      reportedOn: day(c.reported_at)!,
      acceptedOn: c.decided_at && !['reported', 'registered', 'declined'].includes(c.status) ? day(c.decided_at) : null,
      applicationOn: day(c.application_received_at),
      closedOn: day(c.closed_at),
      status: c.status,
      townId: c.town_id ?? null,
      route: c.route,
      channel: c.channel,
      disputeTypes: c.dispute_types,
      riskLevel: c.risk_level,
      closureReason: c.closure_reason,
      resolutionLevel: c.resolution_level,
      mediatorId: c.assigned_mediator_id,
      industries: industries.filter((r) => r.case_id === c.id && r.industry !== null).map((r) => r.industry!),
      mediated: sessions.has(c.id),
      hasAgreement: mine.length > 0,
      agreementEffectiveOn: c.agreement_effective_on,
      mediationDueOn: mediation?.due_on ?? null,
      overdue: clocks.some((k) => k.case_id === c.id && ['running', 'due_soon', 'overdue'].includes(k.status)
        && (k.status === 'overdue' || (k.due_on !== null && k.due_on < today))),
      claimedFen: Number(c.claimed_total_fen),
      agreedFen: current ? items.filter((i) => i.agreement_id === current.id).reduce((s, i) => s + Number(i.agreed_fen), 0) : 0,
      recoveredFen: Number(c.recovered_fen ?? 0),
      declaredWorkers: c.workers_involved,
      workerKeys: workers.filter((w) => w.case_id === c.id).map((w) => (w.id_bidx ? `id:${hex(w.id_bidx)}` : w.phone_bidx ? `ph:${hex(w.phone_bidx)}` : null)),
    }
  })
}
