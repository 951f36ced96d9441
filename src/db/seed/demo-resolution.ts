import { beijingDate } from '../../domain/beijing-date.ts'
import type { Db } from '../connect.ts'
import type { Rng } from './demo-people.ts'

// The resolution records of the demo cases (issue 5): sessions, agreements with items per claim
// and instalments, payments (some late), legal notes and court linkage, each a step of the case's
// life written with its event in the order it happened.

const DAY = 86_400_000

export type Claim = { id: number; kind: string; description: string; amount_fen: string }
/** A moment in the case's life: its event, the case columns it sets, and the rows it writes. */
export type Step = {
  at: Date
  action: string
  /** `action.<action>` unless given (records are `record.<name>`). */
  kind?: string
  set: Record<string, unknown>
  payload?: Record<string, unknown>
  write?: (trx: Db, caseId: number) => Promise<void>
}

const addDays = (d: Date, days: number) => new Date(d.getTime() + days * DAY)
const PLACES = ['镇总工会劳动争议调解室', '企业会议室', '村（社区）工会服务站', '镇公共法律服务站']
const MODES = ['in_person', 'in_person', 'in_person', 'phone', 'video'] as const

export type SessionOutcome = 'agreement' | 'partial_agreement' | 'no_agreement' | 'respondent_absent' | 'respondent_refused' | 'adjourned'

/**
 * One to three sessions between `from` and `until`; the last one ends as `last`. An open case's
 * last session may have scheduled the next one for `nextOn` (some for today: the mediator's home).
 */
export function sessionSteps(r: Rng, from: Date, until: Date, last: SessionOutcome, actor: number | null, nextOn: string | null = null): Step[] {
  const span = Math.max(1, (until.getTime() - from.getTime()) / DAY)
  const count = span < 3 ? 1 : r.int(1, 3)
  const steps: Step[] = []
  for (let i = 0; i < count; i++) {
    const at = addDays(from, (span * (i + 1)) / (count + 1))
    const final = i === count - 1
    const result: SessionOutcome = final ? last : 'adjourned'
    const mode = r.pick(MODES)
    const next = final ? nextOn : beijingDate(addDays(from, (span * (i + 2)) / (count + 1)))
    const row = {
      held_on: beijingDate(at), mode, place: mode === 'in_person' ? r.pick(PLACES) : null,
      participants: '申请人及其委托代理人；被申请人人事负责人；调解员',
      result, summary: SUMMARIES[result], next_session_on: next && next > beijingDate(at) ? next : null,
    }
    steps.push({
      at, action: 'session', kind: 'record.session', set: {}, payload: { mode, result },
      write: async (trx, caseId) => {
        await trx.insertInto('mediation_sessions').values({ case_id: caseId, ...row, recorded_by: actor ?? 1, recorded_at: at }).execute()
      },
    })
  }
  return steps
}

const SUMMARIES: Record<SessionOutcome, string> = {
  agreement: '双方就欠付工资数额及支付期限达成一致，当场签订调解协议。',
  partial_agreement: '双方对工资数额达成一致，对经济补偿仍有分歧，约定下次继续调解。',
  no_agreement: '双方分歧较大，经多次调解未能达成一致，告知申请人可申请劳动仲裁。',
  respondent_absent: '被申请人经通知未到场，电话无法联系。',
  respondent_refused: '被申请人明确表示不同意调解。',
  adjourned: '双方陈述事实并提交证据，调解员释明法律规定，约定补充材料后继续调解。',
}

/**
 * An agreement taking effect on `effective`: each claim settled at 60–100% of what was claimed
 * (a lump sum when no claim was itemised), paid in one to three monthly instalments. `paidUpTo`
 * decides payments: 'all' pays every instalment on or before its due day; 'some' pays what fell due
 * (now and then late or not at all, so some instalments are overdue).
 */
export function agreementSteps(
  r: Rng, claims: Claim[], disputeType: string, effective: Date, now: Date, paidUpTo: 'all' | 'some', actor: number | null,
): { steps: Step[]; paidFen: bigint; lastPaid: Date } {
  const items = claims.length
    ? claims.map((c, i) => ({ claim_id: c.id, position: i + 1, kind: c.kind, description: c.description, claimed_fen: c.amount_fen, agreed_fen: (BigInt(c.amount_fen) * BigInt(r.int(60, 100)) / 100n).toString() }))
    : [{ claim_id: null, position: 1, kind: disputeType, description: '一次性支付', claimed_fen: '0', agreed_fen: (BigInt(r.int(3000, 60000)) * 100n).toString() }]
  const total = items.reduce((a, i) => a + BigInt(i.agreed_fen), 0n)
  const n = total === 0n ? 0 : total > 2_000_000n ? r.int(2, 3) : r.int(1, 2)
  const each = n ? total / BigInt(n) : 0n
  const instalments = Array.from({ length: n }, (_, i) => ({
    seq: i + 1, due_on: beijingDate(addDays(effective, 10 + i * 30)), amount_fen: (i === n - 1 ? total - each * BigInt(n - 1) : each).toString(),
  }))
  const today = beijingDate(now)
  let paidFen = 0n
  let lastPaid = effective
  const payments: { seq: number; at: Date; amount: bigint }[] = []
  for (const inst of instalments) {
    const due = new Date(`${inst.due_on}T10:00:00+08:00`)
    if (paidUpTo === 'all') {
      const at = new Date(Math.max(effective.getTime() + DAY, due.getTime() - r.int(0, 5) * DAY))
      payments.push({ seq: inst.seq, at, amount: BigInt(inst.amount_fen) })
    } else if (inst.due_on < today) {
      const roll = r.next()
      if (roll < 0.65) payments.push({ seq: inst.seq, at: new Date(Math.min(now.getTime() - DAY / 2, due.getTime() + r.int(-3, 4) * DAY)), amount: BigInt(inst.amount_fen) })
      else if (roll < 0.8) payments.push({ seq: inst.seq, at: new Date(Math.min(now.getTime() - DAY / 2, due.getTime())), amount: BigInt(inst.amount_fen) / 2n })
      // else: nothing paid, the instalment is overdue
    }
  }
  const steps: Step[] = [{
    at: effective, action: 'record_agreement_in_effect',
    set: { status: 'performing', agreement_effective_on: beijingDate(effective) },
    payload: { agreed_fen: total.toString(), instalments: n, effective_date: beijingDate(effective) },
    write: async (trx, caseId) => {
      const sessionId = (await trx.selectFrom('mediation_sessions').select('id').where('case_id', '=', caseId).orderBy('id', 'desc').executeTakeFirst())?.id ?? null
      const a = await trx.insertInto('agreements').values({
        case_id: caseId, session_id: sessionId, terms: TERMS, performance_method: '银行转账至申请人本人账户',
        signed_on: beijingDate(effective), effective_on: beijingDate(effective), recorded_by: actor ?? 1, recorded_at: effective,
      }).returning('id').executeTakeFirstOrThrow()
      for (const item of items) await trx.insertInto('agreement_items').values({ agreement_id: a.id, ...item }).execute()
      for (const inst of instalments) await trx.insertInto('agreement_instalments').values({ agreement_id: a.id, ...inst }).execute()
    },
  }]
  for (const p of payments.sort((a, b) => a.at.getTime() - b.at.getTime())) {
    paidFen += p.amount
    if (p.at > lastPaid) lastPaid = p.at
    steps.push({
      at: p.at, action: 'payment', kind: 'record.payment', set: {}, payload: { amount_fen: p.amount.toString(), instalment: p.seq, paid_on: beijingDate(p.at) },
      write: async (trx, caseId) => {
        const inst = await trx.selectFrom('agreement_instalments').innerJoin('agreements', 'agreements.id', 'agreement_instalments.agreement_id')
          .select('agreement_instalments.id').where('agreements.case_id', '=', caseId).where('agreements.state', '=', 'in_effect')
          .where('agreement_instalments.seq', '=', p.seq).executeTakeFirstOrThrow()
        await trx.insertInto('agreement_payments').values({
          case_id: caseId, instalment_id: inst.id, paid_on: beijingDate(p.at), amount_fen: p.amount.toString(), method: '银行转账', note: null, recorded_by: actor ?? 1, recorded_at: p.at,
        }).execute()
      },
    })
  }
  return { steps, paidFen, lastPaid }
}

const TERMS = '一、被申请人确认拖欠申请人工资及经济补偿，按本协议所列金额和期限支付。\n二、申请人收到全部款项后，双方劳动争议就此了结，申请人不再就本争议申请仲裁或提起诉讼。\n三、被申请人逾期未支付的，申请人可就未付部分依法申请支付令或申请仲裁。'

const NOTES = [
  { legal_basis: '《劳动合同法》第三十条、第八十五条；《保障农民工工资支付条例》第十五条', advice: '用人单位应足额按时支付工资；逾期不支付的，劳动者可向劳动保障监察机构投诉，也可申请劳动仲裁。建议先行调解，同时注意保存考勤记录和工资条。' },
  { legal_basis: '《劳动争议调解仲裁法》第二十七条', advice: '仲裁时效为一年，从知道或应当知道权利被侵害之日起计算；劳动关系存续期间拖欠工资的不受此限。本案离职时间已近一年，建议尽快申请仲裁以免超过时效。' },
  { legal_basis: '《劳动合同法》第四十七条、第八十七条', advice: '违法解除劳动合同的，劳动者可主张二倍经济补偿作为赔偿金。建议调解时以经济补偿标准为底线，协商不成可申请仲裁。' },
  { legal_basis: '最高人民法院《关于确立劳动关系有关事项的通知》（劳社部发〔2005〕12号）', advice: '虽未签订书面劳动合同，但工资支付记录、工作证和同事证言可证明劳动关系。建议申请人收集微信转账记录和工作群聊天记录。' },
]

/** One or two notes by the case's legal adviser, some kept internal. */
export function noteSteps(r: Rng, from: Date, now: Date, adviser: number): Step[] {
  const steps: Step[] = []
  for (let i = 0, n = r.int(1, 2); i < n; i++) {
    const at = new Date(Math.min(now.getTime() - DAY / 4, from.getTime() + (i + 1) * r.int(1, 6) * DAY))
    const note = r.pick(NOTES)
    const visibility = r.chance(0.7) ? 'shared' : 'internal'
    steps.push({
      at, action: 'consultation_note', kind: 'record.consultation_note', set: {}, payload: { visibility },
      write: async (trx, caseId) => {
        await trx.insertInto('consultation_notes').values({ case_id: caseId, author_id: adviser, ...note, visibility, legal_aid: r.chance(0.2), created_at: at }).execute()
      },
    })
  }
  return steps
}

const COURT = '佛山市南海区人民法院'

/** A court's pre-filing mediation referred to us (委派 mostly; 委托 now and then), with its result once known. */
export function courtSteps(
  r: Rng, started: Date, year: number, result: 'mediated' | 'mediation_failed' | 'pending', resultAt: Date | null, actor: number | null,
): Step[] {
  const kind = r.chance(0.7) ? 'entrusted_pre_filing' : r.chance(0.6) ? 'commissioned' : 'commissioned_simple'
  const ref = `（${year}）粤0605民诉前调${r.int(1000, 9999)}号`
  return [{
    at: started, action: 'court_linkage', kind: 'record.court_linkage', set: {}, payload: { court_kind: kind },
    write: async (trx, caseId) => {
      await trx.insertInto('court_linkages').values({
        case_id: caseId, kind, court: COURT, court_ref: ref, started_on: beijingDate(started),
        result, result_on: resultAt && result !== 'pending' ? beijingDate(resultAt) : null, note: null,
        recorded_by: actor ?? 1, recorded_at: started, updated_at: resultAt ?? started,
      }).execute()
    },
  }]
}

/** Both parties applied to the court to confirm their agreement (民诉法 Art. 205), some already confirmed. */
export function judicialConfirmationStep(r: Rng, at: Date, now: Date, year: number, actor: number | null): Step {
  const confirmed = now.getTime() - at.getTime() > 10 * DAY && r.chance(0.8)
  return {
    at, action: 'court_linkage', kind: 'record.court_linkage', set: {}, payload: { court_kind: 'judicial_confirmation' },
    write: async (trx, caseId) => {
      await trx.insertInto('court_linkages').values({
        case_id: caseId, kind: 'judicial_confirmation', court: COURT, court_ref: `（${year}）粤0605民特${r.int(100, 999)}号`, started_on: beijingDate(at),
        result: confirmed ? 'confirmed' : 'pending', result_on: confirmed ? beijingDate(addDays(at, 7)) : null, note: null,
        recorded_by: actor ?? 1, recorded_at: at, updated_at: at,
      }).execute()
    },
  }
}
