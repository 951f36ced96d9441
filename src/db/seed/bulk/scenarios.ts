import type { DisputeType } from '../../../domain/case-vocabulary.ts'
import type { Rng } from '../demo-people.ts'
import { choice } from './choice.ts'

/**
 * What the disputes are about, with the shares Nanhai's union sees: wage arrears first by far,
 * then dismissals, social insurance, work injury, overtime. Facts are a sentence or two, as an
 * intake summary is: every character and character pair becomes a search token, and the search
 * index (and its build) grows with them.
 */
export type Scenario = {
  types: DisputeType[]
  /** Yuan a month per worker, and months of it claimed; [0, 0]: nothing to claim in money. */
  monthly: readonly [number, number]
  months: readonly [number, number]
  claim: string
  title: (r: Rng) => string
  facts: (r: Rng) => string
}

const n = (r: Rng, min: number, max: number) => String(r.int(min, max))

const WAGES: Scenario = {
  types: ['wages'], monthly: [4200, 8500], months: [1, 6], claim: '拖欠工资',
  title: (r) => r.pick([`拖欠${n(r, 1, 6)}个月工资`, '年底工资被拖欠', '工程完工后工资未结清', '离职后工资未结算', '停产放假期间停发工资']),
  facts: (r) => r.pick([
    `${n(r, 1, 12)}月起公司以资金困难为由停发工资。`,
    `工程完工后包工头拖欠工资${n(r, 2, 8)}个月。`,
    '公司停产放假，老板失联，工资未发。',
    `离职时公司拒绝结算最后${n(r, 1, 3)}个月工资。`,
    `近${n(r, 2, 5)}个月只发生活费，余款拖欠。`,
  ]) + r.pick(['', '', '', '多次追讨无果。', '工人要到镇政府反映。']),
}

const SCENARIOS: [Scenario, number][] = [
  [WAGES, 46],
  [{
    types: ['dismissal', 'compensation'], monthly: [4500, 9500], months: [1, 8], claim: '经济补偿',
    title: (r) => r.pick(['被口头辞退，要求支付经济补偿', '违法解除劳动合同', '公司搬迁后解除劳动合同', '试用期被无故辞退']),
    facts: (r) => `公司以${r.pick(['订单减少', '搬迁', '经营困难', '考核不合格'])}为由辞退，未付经济补偿。已工作${n(r, 1, 12)}年。`,
  }, 15],
  [{
    types: ['social_insurance'], monthly: [800, 1600], months: [3, 24], claim: '补缴社会保险',
    title: (r) => r.pick(['未依法缴纳社会保险', '社保断缴要求补缴', '按最低基数缴纳社保']),
    facts: (r) => r.pick(['入职以来公司未缴纳社会保险。', `公司按最低基数缴社保，并断缴${n(r, 3, 18)}个月。`]),
  }, 9],
  [{
    types: ['work_injury', 'compensation'], monthly: [5000, 9000], months: [6, 20], claim: '工伤待遇',
    title: (r) => r.pick(['工伤待遇未落实', '工伤后被停发工资', '要求支付一次性伤残补助金']),
    facts: (r) => r.pick([
      `${r.pick(['冲压', '注塑', '搬运', '焊接'])}作业中受伤，认定${r.pick(['七级', '八级', '九级', '十级'])}伤残，公司拒付补助金。`,
      '上班途中遇交通事故，公司未申报工伤。',
    ]),
  }, 7],
  [{
    types: ['overtime', 'wages'], monthly: [1200, 3000], months: [3, 12], claim: '加班费',
    title: (r) => r.pick(['加班费未按规定支付', '周末加班不给加班费', '长期加班要求补发加班工资']),
    facts: (r) => r.pick(['旺季每天工作十二小时，加班费只按固定补贴发。', '周末加班不给加班费，也不安排调休。']),
  }, 8],
  [{
    types: ['labour_relationship'], monthly: [5000, 9000], months: [1, 4], claim: '确认劳动关系并支付工资',
    title: (r) => r.pick(['要求确认劳动关系', '平台骑手要求确认劳动关系', '工地受伤后不被承认劳动关系']),
    facts: (r) => `经${r.pick(['外卖平台', '劳务派遣', '包工头介绍'])}工作${n(r, 3, 30)}个月，单位否认劳动关系。`,
  }, 6],
  [{
    types: ['compensation'], monthly: [4500, 8000], months: [2, 11], claim: '二倍工资差额',
    title: () => '未签书面劳动合同要求二倍工资',
    facts: (r) => `入职${n(r, 2, 11)}个月未签书面劳动合同。`,
  }, 4],
  [{
    types: ['collective_contract'], monthly: [0, 0], months: [0, 0], claim: '',
    title: (r) => r.pick(['工资专项集体合同到期未续签', '企业拒绝开展工资集体协商', '单方调整计件单价引发争议']),
    facts: (r) => r.pick(['工资集体合同到期，企业拒绝协商续签。', '企业单方下调计件单价，职工要求协商。']),
  }, 2],
  [{
    types: ['other'], monthly: [0, 0], months: [0, 0], claim: '',
    title: (r) => r.pick(['入职时被收取押金', '扣押身份证件', '被强制调岗降薪']),
    facts: (r) => r.pick([`入职交押金${n(r, 2, 9)}00元，离职不退。`, '公司扣押身份证，离职时拒不归还。', '公司以调岗为由降低工资。']),
  }, 3],
]

export const pickScenario = choice(SCENARIOS)
/** The wage-arrears scenario: what the cases of a collective cluster share. */
export const WAGE_ARREARS = WAGES
