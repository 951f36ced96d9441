import type { DisputeType } from '../domain/case-vocabulary.ts'
import { mobile, personName, residentId, type Rng } from '../db/seed/demo-people.ts'

export type IntakeTargets = {
  /** Units the registering officer may file into: their own and those below it. */
  unitIds: number[]
  respondents: { id: number; kind: string }[]
}

type Story = { weight: number; types: DisputeType[]; title: (r: Rng) => string; facts: (r: Rng) => string; claim: [number, number] }

// What a town's rights officer types in a morning: wage arrears above all, then dismissals, social
// insurance, injuries, overtime (the demo district's shares).
const STORIES: Story[] = [
  { weight: 45, types: ['wages'], claim: [3000, 60000], title: (r) => `拖欠${r.int(1, 6)}个月工资`,
    facts: (r) => `公司自${r.int(1, 10)}月起以资金周转困难为由停发工资，${r.pick(['车间主管口头承诺月底结清', '老板称等货款回笼再发', '财务说账户被冻结'])}，至今未付。` },
  { weight: 15, types: ['dismissal', 'compensation'], claim: [8000, 90000], title: () => '被口头辞退，要求支付经济补偿',
    facts: (r) => `公司以${r.pick(['订单减少', '搬迁', '经营困难', '考核不合格'])}为由口头通知解除劳动合同，未支付经济补偿，工作${r.int(1, 9)}年。` },
  { weight: 10, types: ['social_insurance'], claim: [2000, 30000], title: () => '未依法缴纳社会保险',
    facts: () => '入职以来公司只按最低基数缴纳社保，且中断缴纳数月，要求补缴并承担损失。' },
  { weight: 8, types: ['work_injury', 'compensation'], claim: [20000, 150000], title: () => '工伤待遇未落实',
    facts: (r) => `在${r.pick(['冲压', '注塑', '搬运', '焊接'])}作业中受伤，已认定工伤${r.pick(['九级', '十级'])}伤残，公司拒付一次性伤残就业补助金。` },
  { weight: 8, types: ['overtime', 'wages'], claim: [3000, 40000], title: () => '加班费未按规定支付',
    facts: () => '旺季每天工作十二小时，每月休息两天，公司按固定补贴发放加班费，远低于法定标准。' },
  { weight: 14, types: ['labour_relationship'], claim: [5000, 50000], title: () => '要求确认劳动关系',
    facts: (r) => `通过${r.pick(['外卖平台', '劳务派遣', '包工头介绍'])}在该单位工作，单位否认存在劳动关系，未签书面劳动合同。` },
]

const CHANNELS = [['visit', 35], ['call', 25], ['letter', 8], ['online', 14], ['hotline_12351', 10], ['labour_bureau_referral', 8]] as const

const DAY = 86_400_000
/** Beijing wall-clock time as a datetime-local input holds it. */
const beijingLocal = (t: number) => new Date(t + 8 * 3_600_000).toISOString().slice(0, 16)
const beijingDay = (t: number) => new Date(t + 8 * 3_600_000).toISOString().slice(0, 10)
const yuan = (r: Rng, [min, max]: [number, number]) => `${r.int(min, max).toLocaleString('en-US')}.${String(r.int(0, 99)).padStart(2, '0')}`

/**
 * One rights officer's full registration, as the form posts it (tests/features/intake.test.ts):
 * its idempotency key, one or two respondents, one to three workers with phones and ID
 * numbers, one or two claims, and mostly a written application so the statutory clocks start.
 */
export function intakeForm(r: Rng, to: IntakeTargets, now: number, key: string = crypto.randomUUID()): URLSearchParams {
  const f = new URLSearchParams()
  const story = r.weighted(STORIES.map((s) => [s, s.weight] as const))
  const channel = r.weighted(CHANNELS)
  const reported = now - r.int(40, 3 * 24 * 60) * 60_000
  f.set('_key', key)
  f.set('channel', channel)
  f.set('channel_ref', channel === 'labour_bureau_referral' ? `南人社转〔${beijingDay(now).slice(0, 4)}〕${r.int(100, 2999)}号` : '')
  f.set('reported_at', beijingLocal(reported))
  f.set('org_unit_id', String(r.pick(to.unitIds)))
  if (r.chance(0.7)) {
    f.set('application', 'yes')
    f.set('application_received_at', beijingLocal(reported + r.int(0, 30) * 60_000))
  }
  f.set('title', story.title(r))
  f.set('facts', story.facts(r))
  for (const t of story.types) f.append('dispute_types', t)

  const respondents = [r.pick(to.respondents)]
  if (to.respondents.length > 1 && r.chance(0.2)) {
    let other = r.pick(to.respondents)
    while (other.id === respondents[0]!.id) other = r.pick(to.respondents)
    respondents.push(other)
  }
  respondents.forEach((p, i) => {
    f.set(`respondents.${i}.respondent_id`, String(p.id))
    f.set(`respondents.${i}.role`, p.kind === 'individual' ? 'individual_contractor' : i === 0 ? 'employer' : 'user_entity')
  })

  const workers = r.weighted([[1, 70], [2, 20], [3, 10]] as const)
  for (let i = 0; i < workers; i++) {
    const hired = now - r.int(200, 9 * 365) * DAY
    f.set(`workers.${i}.name`, personName(r))
    f.set(`workers.${i}.phone`, mobile(r))
    if (r.chance(0.6)) {
      f.set(`workers.${i}.id_type`, 'resident_id')
      f.set(`workers.${i}.id_number`, residentId(r, r.int(1968, 2004)))
    }
    f.set(`workers.${i}.hire_date`, beijingDay(hired))
    if (r.chance(0.5)) f.set(`workers.${i}.leave_date`, beijingDay(now - r.int(5, 150) * DAY))
    if (r.chance(0.5)) f.set(`workers.${i}.migrant`, 'on')
  }

  const claims = r.chance(0.3) ? 2 : 1
  for (let i = 0; i < claims; i++) {
    const kind = story.types[i % story.types.length]!
    f.set(`claims.${i}.kind`, kind)
    f.set(`claims.${i}.description`, i === 0 ? story.title(r) : '其他损失')
    f.set(`claims.${i}.amount`, yuan(r, story.claim))
  }
  f.set('workers_involved', workers > 1 || r.chance(0.8) ? '' : String(r.int(5, 40)))
  return f
}
