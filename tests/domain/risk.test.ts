import { describe, expect, test } from 'vitest'
import { COLLECTIVE_SIGNS } from '../../src/domain/case-vocabulary.ts'
import { RISK_RANK, RISK_RULES, assessRisk, type RiskFacts } from '../../src/domain/risk.ts'

/** A case where nothing fires. */
const calm: RiskFacts = {
  collectiveSigns: [],
  workers: 1,
  claimedTotalFen: 500_000n, // ¥5,000
  collective: false,
  disputeTypes: ['wages'],
  migrantWageArrears: false,
  limitationDaysLeft: null,
  respondentCasesLast12Months: 1,
}
const assess = (changes: Partial<RiskFacts>) => assessRisk({ ...calm, ...changes })
const codes = (changes: Partial<RiskFacts>) => assess(changes).reasons.map((r) => r.code).sort()

describe('thresholds (DESIGN §2)', () => {
  test('are 30 workers, ¥1,000,000, 30 days and 3 cases', () => {
    expect(RISK_RULES).toEqual({ redWorkers: 30, redClaimFen: 100_000_000n, limitationWarnDays: 30, repeatCases: 3 })
  })
  test('levels rank green < yellow < orange < red', () => {
    expect(RISK_RANK.green).toBeLessThan(RISK_RANK.yellow)
    expect(RISK_RANK.yellow).toBeLessThan(RISK_RANK.orange)
    expect(RISK_RANK.orange).toBeLessThan(RISK_RANK.red)
  })
})

describe('green when nothing fires', () => {
  test('the calm case', () => {
    expect(assessRisk(calm)).toEqual({ level: 'green', reasons: [] })
  })
  test('zero of everything', () => {
    expect(assess({ workers: 0, claimedTotalFen: 0n, disputeTypes: [], respondentCasesLast12Months: 0 })).toEqual({ level: 'green', reasons: [] })
  })
})

describe('each rule alone, around its threshold', () => {
  test.each([
    // 30+ workers: red
    ['29 workers', { workers: 29 }, 'green', []],
    ['30 workers', { workers: 30 }, 'red', [{ code: 'workers_30', level: 'red', workers: 30 }]],
    ['31 workers', { workers: 31 }, 'red', [{ code: 'workers_30', level: 'red', workers: 31 }]],
    // ¥1,000,000+ claimed: red
    ['¥999,999.99 claimed', { claimedTotalFen: 99_999_999n }, 'green', []],
    ['¥1,000,000.00 claimed', { claimedTotalFen: 100_000_000n }, 'red', [{ code: 'claims_1m', level: 'red', fen: '100000000' }]],
    ['¥1,000,000.01 claimed', { claimedTotalFen: 100_000_001n }, 'red', [{ code: 'claims_1m', level: 'red', fen: '100000001' }]],
    ['¥100 billion claimed', { claimedTotalFen: 10n ** 13n }, 'red', [{ code: 'claims_1m', level: 'red', fen: '10000000000000' }]],
    // limitation within 30 days: yellow
    ['limitation in 31 days', { limitationDaysLeft: 31 }, 'green', []],
    ['limitation in 30 days', { limitationDaysLeft: 30 }, 'yellow', [{ code: 'limitation_near', level: 'yellow', days: 30 }]],
    ['limitation in 29 days', { limitationDaysLeft: 29 }, 'yellow', [{ code: 'limitation_near', level: 'yellow', days: 29 }]],
    ['limitation today', { limitationDaysLeft: 0 }, 'yellow', [{ code: 'limitation_near', level: 'yellow', days: 0 }]],
    ['limitation passed 5 days ago', { limitationDaysLeft: -5 }, 'yellow', [{ code: 'limitation_near', level: 'yellow', days: -5 }]],
    ['no limitation (wages while employed)', { limitationDaysLeft: null }, 'green', []],
    // repeat respondent, 3+ cases in 12 months: yellow
    ['2 cases against the respondent', { respondentCasesLast12Months: 2 }, 'green', []],
    ['3 cases against the respondent', { respondentCasesLast12Months: 3 }, 'yellow', [{ code: 'repeat_respondent', level: 'yellow', cases: 3 }]],
    ['4 cases against the respondent', { respondentCasesLast12Months: 4 }, 'yellow', [{ code: 'repeat_respondent', level: 'yellow', cases: 4 }]],
    // migrant wage arrears: yellow
    ['migrant wage arrears', { migrantWageArrears: true }, 'yellow', [{ code: 'migrant_wage_arrears', level: 'yellow' }]],
    // collective: orange
    ['collective by the cross-case count', { collective: true, workers: 12 }, 'orange', [{ code: 'collective', level: 'orange', workers: 12 }]],
    ['collective contract, one worker', { disputeTypes: ['collective_contract'] }, 'orange', [{ code: 'collective_contract', level: 'orange' }]],
    ['12 workers but not collective', { workers: 12 }, 'green', []],
  ] as [string, Partial<RiskFacts>, string, unknown[]][])('%s → %s', (_name, changes, level, reasons) => {
    expect(assess(changes)).toEqual({ level, reasons })
  })
})

describe('signs of collective action', () => {
  test.each([
    ['stoppage', 'red', 'collective_action'],
    ['blocking', 'red', 'collective_action'],
    ['petition', 'red', 'collective_action'],
    ['gathering', 'orange', 'collective_sign'],
    ['online_campaign', 'orange', 'collective_sign'],
  ])('%s alone → %s (%s)', (sign, level, code) => {
    expect(assess({ collectiveSigns: [sign] })).toEqual({ level, reasons: [{ code, level, signs: [sign] }] })
  })

  test('every sign in the vocabulary is covered above', () => {
    expect([...COLLECTIVE_SIGNS].sort()).toEqual(['blocking', 'gathering', 'online_campaign', 'petition', 'stoppage'])
  })

  test('red signs are listed together, orange signs together', () => {
    expect(assess({ collectiveSigns: ['gathering', 'stoppage', 'online_campaign', 'petition'] })).toEqual({
      level: 'red',
      reasons: [
        { code: 'collective_action', level: 'red', signs: ['stoppage', 'petition'] },
        { code: 'collective_sign', level: 'orange', signs: ['gathering', 'online_campaign'] },
      ],
    })
  })

  test('all three red signs', () => {
    expect(assess({ collectiveSigns: ['stoppage', 'blocking', 'petition'] }).reasons).toEqual([
      { code: 'collective_action', level: 'red', signs: ['stoppage', 'blocking', 'petition'] },
    ])
  })
})

describe('combinations: the highest level wins and every fired reason is listed', () => {
  test.each([
    ['yellow + yellow', { migrantWageArrears: true, respondentCasesLast12Months: 3 }, 'yellow', ['migrant_wage_arrears', 'repeat_respondent']],
    ['all three yellows', { migrantWageArrears: true, limitationDaysLeft: 10, respondentCasesLast12Months: 5 }, 'yellow',
      ['limitation_near', 'migrant_wage_arrears', 'repeat_respondent']],
    ['orange + yellow', { collective: true, workers: 15, migrantWageArrears: true }, 'orange', ['collective', 'migrant_wage_arrears']],
    ['orange sign + yellow', { collectiveSigns: ['gathering'], limitationDaysLeft: 3 }, 'orange', ['collective_sign', 'limitation_near']],
    ['red workers + orange collective', { collective: true, workers: 45 }, 'red', ['collective', 'workers_30']],
    ['red claim + yellow', { claimedTotalFen: 250_000_000n, respondentCasesLast12Months: 3 }, 'red', ['claims_1m', 'repeat_respondent']],
    ['red sign + orange sign + yellow', { collectiveSigns: ['petition', 'online_campaign'], migrantWageArrears: true }, 'red',
      ['collective_action', 'collective_sign', 'migrant_wage_arrears']],
    ['three reds', { collectiveSigns: ['blocking'], workers: 30, claimedTotalFen: 100_000_000n }, 'red',
      ['claims_1m', 'collective_action', 'workers_30']],
    ['collective contract wins over the headcount reason', { disputeTypes: ['collective_contract', 'wages'], collective: true, workers: 12 }, 'orange',
      ['collective_contract']],
  ] as [string, Partial<RiskFacts>, string, string[]][])('%s → %s', (_name, changes, level, expected) => {
    expect(assess(changes).level).toBe(level)
    expect(codes(changes)).toEqual([...expected].sort())
  })

  test('everything at once: red, with every reason that fired', () => {
    const result = assess({
      collectiveSigns: ['stoppage', 'gathering'],
      workers: 80,
      claimedTotalFen: 150_000_000n,
      collective: true,
      migrantWageArrears: true,
      limitationDaysLeft: 7,
      respondentCasesLast12Months: 6,
    })
    expect(result.level).toBe('red')
    expect(result.reasons).toEqual(expect.arrayContaining([
      { code: 'collective_action', level: 'red', signs: ['stoppage'] },
      { code: 'workers_30', level: 'red', workers: 80 },
      { code: 'claims_1m', level: 'red', fen: '150000000' },
      { code: 'collective', level: 'orange', workers: 80 },
      { code: 'collective_sign', level: 'orange', signs: ['gathering'] },
      { code: 'migrant_wage_arrears', level: 'yellow' },
      { code: 'limitation_near', level: 'yellow', days: 7 },
      { code: 'repeat_respondent', level: 'yellow', cases: 6 },
    ]))
    expect(result.reasons).toHaveLength(8)
  })

  test('the level is the highest level among the reasons, for every subset of rules', () => {
    const rules: Partial<RiskFacts>[] = [
      { collectiveSigns: ['blocking'] }, { workers: 30 }, { claimedTotalFen: 100_000_000n }, { collective: true },
      { migrantWageArrears: true }, { limitationDaysLeft: 1 }, { respondentCasesLast12Months: 3 },
    ]
    const ruleLevel = ['red', 'red', 'red', 'orange', 'yellow', 'yellow', 'yellow'] as const
    for (let mask = 0; mask < 1 << rules.length; mask++) {
      const chosen = rules.filter((_, i) => mask & (1 << i))
      const result = assess(Object.assign({}, ...chosen))
      const expected = ruleLevel.filter((_, i) => mask & (1 << i)).reduce<string>((top, l) => (RISK_RANK[l] > RISK_RANK[top as 'green'] ? l : top), 'green')
      expect(result.level, `rules ${mask.toString(2)}`).toBe(expected)
      expect(result.reasons, `rules ${mask.toString(2)}`).toHaveLength(chosen.length)
    }
  })
})
