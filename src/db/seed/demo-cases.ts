import type { Channel, CollectiveSign, DisputeType, IntakeForm } from '../../domain/case-vocabulary.ts'
import { isUnder16 } from '../../domain/resident-id.ts'
import { searchTokens } from '../../domain/search-tokens.ts'
import { beijingDate } from '../../domain/beijing-date.ts'
import { insertCase, type NewCase, type NewWorker } from '../../features/intake/intake.queries.ts'
import type { PiiCipher } from '../../privacy/pii-cipher.ts'
import type { Db } from '../connect.ts'
import { seedDemoLifecycle } from './demo-lifecycle.ts'
import { enterpriseName, mobile, personName, prng, residentId, uscc, type Rng } from './demo-people.ts'

const DAY = 86_400_000

type Scenario = { types: DisputeType[]; title: (r: Rng) => string; facts: (r: Rng) => string; monthly: [number, number] }
const SCENARIOS: { weight: number; s: Scenario }[] = [
  { weight: 45, s: { types: ['wages'], monthly: [4200, 8500],
    title: (r) => `拖欠${r.int(1, 6)}个月工资`,
    facts: (r) => `${r.int(2025, 2026)}年${r.int(1, 10)}月起公司以资金周转困难为由停发工资，车间主管口头承诺月底结清但一直未兑现。工人多次到财务室追讨无果，${r.pick(['部分工人已离职回乡', '有工人表示要到镇政府反映', '包工头称老板联系不上'])}。` } },
  { weight: 15, s: { types: ['dismissal', 'compensation'], monthly: [4500, 9000],
    title: () => '被口头辞退，要求支付经济补偿',
    facts: (r) => `公司以${r.pick(['订单减少', '搬迁', '经营困难', '考核不合格'])}为由口头通知解除劳动合同，未提前三十日书面通知，也未支付经济补偿。劳动者在该公司工作${r.int(1, 9)}年。` } },
  { weight: 10, s: { types: ['social_insurance'], monthly: [4200, 7000],
    title: () => '未依法缴纳社会保险',
    facts: () => '入职以来公司只按最低基数缴纳社保，且中断缴纳数月，劳动者要求补缴并承担相应损失。' } },
  { weight: 8, s: { types: ['work_injury', 'compensation'], monthly: [4500, 8000],
    title: () => '工伤待遇未落实',
    facts: (r) => `劳动者在${r.pick(['冲压', '注塑', '搬运', '焊接'])}作业中受伤，已认定工伤${r.pick(['九级', '十级', '八级'])}伤残，公司拒绝支付一次性伤残就业补助金和停工留薪期工资。` } },
  { weight: 8, s: { types: ['overtime', 'wages'], monthly: [4500, 7500],
    title: () => '加班费未按规定支付',
    facts: () => '旺季每天工作十二小时，每月休息两天，公司按固定补贴发放加班费，远低于法定标准。' } },
  { weight: 6, s: { types: ['labour_relationship'], monthly: [5000, 9000],
    title: () => '要求确认劳动关系',
    facts: (r) => `劳动者通过${r.pick(['外卖平台', '劳务派遣', '包工头介绍'])}在该单位工作，单位否认存在劳动关系，未签订书面劳动合同。` } },
  { weight: 4, s: { types: ['collective_contract'], monthly: [0, 0],
    title: () => '工资专项集体合同到期未续签',
    facts: () => '企业工资专项集体合同已到期，职工方要约开展工资集体协商，企业方以经营形势不明朗为由拒绝协商。' } },
  { weight: 4, s: { types: ['other'], monthly: [0, 0],
    title: (r) => r.pick(['入职时被收取押金', '扣押身份证件', '被强制调岗降薪']),
    facts: () => '劳动者反映用人单位存在违法行为，要求纠正并退还相关款项。' } },
]

function scenario(r: Rng): Scenario {
  let roll = r.int(1, 100)
  for (const { weight, s } of SCENARIOS) if ((roll -= weight) <= 0) return s
  return SCENARIOS[0]!.s
}

const COURT_REF = (r: Rng, y: number) => `（${y}）粤0605民诉前调${r.int(100, 9999)}号`
const ARB_REF = (r: Rng, y: number) => `佛南劳人仲案字〔${y}〕${r.int(100, 2999)}号`

type Staff = Record<string, { informant: number; officer: number }>

/**
 * A few hundred cases over two years across the seven towns, every channel, type and risk level,
 * written through the same code path as intake (numbers, events, collective groups, risk).
 */
export async function seedDemoCases(db: Db, pii: PiiCipher, now: Date, count = 300): Promise<number> {
  const r = prng(20260421)
  const towns = await db.selectFrom('org_units').select(['id', 'name', 'path']).where('kind', '=', 'town').orderBy('id').execute()
  const grassroots = await db.selectFrom('org_units').select(['id', 'parent_id']).where('kind', '=', 'grassroots').execute()
  const users = await db.selectFrom('users').innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .innerJoin('org_units', 'org_units.id', 'users.org_unit_id').select(['users.id', 'user_roles.role', 'org_units.path']).execute()
  const staff: Staff = {}
  for (const town of towns) {
    const here = users.filter((u) => u.path.startsWith(town.path))
    const any = (role: string) => here.find((u) => u.role === role)?.id ?? users.find((u) => u.role === role)!.id
    staff[town.id] = { informant: any('informant'), officer: any('rights_officer') }
  }
  const instructor = users.find((u) => u.role === 'bargaining_instructor')!.id

  // A pool of respondents, a few of them repeat offenders.
  const pool: { id: number; name: string; town: number }[] = []
  for (let i = 0; i < 110; i++) {
    const town = r.pick(towns)
    const individual = i % 9 === 8
    const name = individual ? `${personName(r)}（包工头）` : enterpriseName(r, town.name)
    const code = !individual && r.chance(0.8) ? uscc(r) : null
    const row = await db.insertInto('respondents')
      .values({ kind: individual ? 'individual' : 'organisation', name, uscc: code, search_tokens: searchTokens([name, code]),
        industry: individual ? null : r.pick(['制造业', '建筑业', '批发零售', '物流', '住宿餐饮']), created_at: new Date(now.getTime() - 800 * DAY) })
      .onConflict((oc) => oc.doNothing())
      .returning('id').executeTakeFirst()
    if (row) pool.push({ id: row.id, name, town: town.id })
  }
  const frequent = pool.slice(0, 6)

  const plans: { at: Date; input: Omit<NewCase, 'reportedAt'> }[] = []
  for (let i = 0; i < count; i++) {
    const town = r.chance(0.3) ? towns[0]! : r.pick(towns)
    const units = grassroots.filter((g) => g.parent_id === town.id)
    const s = scenario(r)
    const form: IntakeForm = s.types.includes('collective_contract') ? 'collective' : r.chance(0.35) ? 'report' : 'full'
    const age = Math.floor(730 * r.next() ** 1.6)
    const at = new Date(now.getTime() - age * DAY - r.int(0, 9) * 3_600_000)
    const respondent = r.chance(0.25) ? r.pick(frequent) : r.pick(pool.filter((p) => p.town === town.id).concat(frequent).slice(0, 40))
    plans.push({ at, input: caseInput(r, s, form, at, now, town, units, respondent, staff, instructor) })
  }
  // Two clusters of small cases against one employer within days: they add up to collective disputes.
  for (const [k, target] of frequent.slice(0, 2).entries()) {
    const town = towns[k + 1]!
    for (let j = 0; j < 4; j++) {
      const at = new Date(now.getTime() - (3 + j * 2 + k) * DAY)
      const s = SCENARIOS[0]!.s
      const input = caseInput(r, s, 'full', at, now, town, [], target, staff, instructor)
      plans.push({ at, input: { ...input, workersInvolved: 3, collectiveSigns: j === 3 && k === 0 ? ['gathering'] : [] } })
    }
  }
  plans.sort((a, b) => a.at.getTime() - b.at.getTime())
  for (let i = 0; i < plans.length; i += 50) {
    await db.transaction().execute(async (trx) => {
      for (const p of plans.slice(i, i + 50)) await insertCase(trx, pii, { ...p.input, reportedAt: p.at }, p.at)
    })
  }
  // Then through their life; clocks and the risk that depends on today are stored as of now.
  await seedDemoLifecycle(db, now)
  return plans.length
}

function caseInput(
  r: Rng, s: Scenario, form: IntakeForm, at: Date, now: Date, town: { id: number; name: string },
  units: { id: number }[], respondent: { id: number }, staff: Staff, instructor: number,
): Omit<NewCase, 'reportedAt'> {
  const full = form !== 'report'
  const listed = full ? r.int(1, r.chance(0.15) ? 6 : 3) : r.chance(0.3) ? 1 : 0
  const declared = r.chance(0.08) ? r.int(30, 120) : r.chance(0.15) ? r.int(10, 29) : Math.max(listed, r.int(1, 6))
  const workers: NewWorker[] = Array.from({ length: listed }, () => worker(r, s, at))
  const claims = s.monthly[0] > 0 && full
    ? workers.map((w) => ({ kind: s.types[0]!, description: `${w.name}：${s.types[0] === 'wages' ? '拖欠工资' : '经济补偿'}`, amountFen: BigInt(r.int(s.monthly[0], s.monthly[1]) * r.int(1, 8)) * 100n + BigInt(r.int(0, 99)) }))
    : []
  if (r.chance(0.02) && claims[0]) claims[0].amountFen = BigInt(r.int(1_000_000, 2_500_000)) * 100n
  const channel: Channel = !full ? 'informant_report' : form === 'collective' ? 'bargaining_instructor'
    : r.pick(['visit', 'visit', 'call', 'call', 'letter', 'hotline_12351', 'online', 'court_referral', 'arbitration_referral', 'labour_bureau_referral', 'rights_officer'] as const)
  const year = Number(beijingDate(at).slice(0, 4))
  const signs: CollectiveSign[] = r.chance(0.05) ? [r.pick(['stoppage', 'blocking', 'petition'] as const)] : r.chance(0.05) ? ['gathering'] : []
  const applicationAt = full && r.chance(0.8) ? new Date(Math.min(now.getTime(), at.getTime() + r.int(0, 48) * 3_600_000)) : null
  return {
    intakeForm: form,
    channel,
    channelRef: channel === 'court_referral' ? COURT_REF(r, year) : channel === 'arbitration_referral' ? ARB_REF(r, year) : channel === 'hotline_12351' ? `12351-${year}${r.int(10000, 99999)}` : null,
    orgUnitId: !full && units.length ? r.pick(units).id : town.id,
    reportedBy: form === 'collective' ? instructor : full ? staff[town.id]!.officer : staff[town.id]!.informant,
    applicationReceivedAt: applicationAt,
    title: s.title(r),
    facts: s.facts(r),
    disputeTypes: s.types,
    workersInvolved: declared,
    collectiveSigns: signs,
    collectiveContract: form === 'collective' ? { contract_status: 'expired', stage: 'signing', union_present: 'yes', workforce: String(r.int(120, 900)) } : null,
    respondents: [{ respondentId: respondent.id, role: 'employer' }],
    workers,
    claims,
  }
}

function worker(r: Rng, s: Scenario, at: Date): NewWorker {
  const birthYear = r.chance(0.01) ? 2011 : r.int(1968, 2004)
  const idNumber = r.chance(0.6) ? residentId(r, birthYear) : null
  const today = beijingDate(at)
  const hire = beijingDate(new Date(at.getTime() - r.int(120, 2500) * DAY))
  const left = r.chance(0.5) ? beijingDate(new Date(at.getTime() - r.int(5, 330) * DAY)) : null
  return {
    name: personName(r),
    phone: r.chance(0.85) ? mobile(r) : null,
    idType: idNumber ? 'resident_id' : 'none',
    idNumber,
    under16: idNumber !== null && isUnder16(idNumber.slice(6, 10) + '-' + idNumber.slice(10, 12) + '-' + idNumber.slice(12, 14), today),
    migrant: s.types.includes('wages') && r.chance(0.6),
    platformWorker: s.types.includes('labour_relationship') && r.chance(0.5),
    hireDate: hire,
    leaveDate: left && left > hire ? left : null,
    knewDate: r.chance(0.5) ? beijingDate(new Date(at.getTime() - r.int(1, 300) * DAY)) : null,
  }
}
