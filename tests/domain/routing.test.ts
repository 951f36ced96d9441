import { describe, expect, test } from 'vitest'
import { ROUTES } from '../../src/domain/case-vocabulary.ts'
import { ROUTING_PRIORITY, ROUTING_RULES, suggestRoute, type RoutingFacts } from '../../src/domain/routing.ts'

/** A dismissal case from a walk-in worker: nothing but the default fires. */
const plain: RoutingFacts = {
  channel: 'visit',
  disputeTypes: ['dismissal'],
  workers: [{ under16: false, platformWorker: false }],
  collectiveContractStage: null,
  limitationDaysLeft: 200,
}
const suggest = (changes: Partial<RoutingFacts>) => suggestRoute({ ...plain, ...changes })
const codes = (changes: Partial<RoutingFacts>) => suggest(changes).reasons.map((r) => r.code)

/** One set of facts per rule, firing that rule and no other deciding one. Written by hand from DESIGN §2. */
const RULES: [code: string, facts: Partial<RoutingFacts>, route: string][] = [
  ['child_labour', { workers: [{ under16: true }] }, 'labour_inspection'],
  ['court_referred', { channel: 'court_referral' }, 'court_linkage'],
  ['agreement_unperformed', { agreementUnperformed: true }, 'court_linkage'],
  ['judicial_confirmation', { judicialConfirmationRequested: true }, 'court_linkage'],
  ['collective_contract_signing', { disputeTypes: ['collective_contract'], collectiveContractStage: 'signing' }, 'labour_bureau'],
  ['collective_contract_performance', { disputeTypes: ['collective_contract'], collectiveContractStage: 'performance' }, 'arbitration'],
  ['respondent_refused', { respondentRefusedMediation: true }, 'arbitration'],
  ['mediation_lapsed', { mediationLapsed: true }, 'arbitration'],
  ['relationship_unclear', { relationshipUnclear: true }, 'legal_consultation'],
  ['platform_worker', { workers: [{ platformWorker: true }] }, 'legal_consultation'],
  ['limitation_near', { limitationDaysLeft: 12 }, 'legal_consultation'],
  ['legal_aid', { legalAidRequested: true }, 'legal_consultation'],
  ['advice_only', { adviceOnly: true }, 'legal_consultation'],
]

describe('the default', () => {
  test('mediation, with the reason that nothing else fired', () => {
    expect(suggestRoute(plain)).toEqual({ route: 'mediation', reasons: [{ code: 'default_mediation', route: 'mediation' }], alternatives: [] })
  })
  test('no workers, no types, no limitation', () => {
    expect(suggest({ workers: [], disputeTypes: [], limitationDaysLeft: null }).route).toBe('mediation')
  })
  test('other referral channels still start with mediation', () => {
    for (const channel of ['arbitration_referral', 'labour_bureau_referral', 'hotline_12351', 'informant_report']) {
      expect(suggest({ channel }).route, channel).toBe('mediation')
    }
  })
  test('the limitation threshold is 30 days', () => {
    expect(ROUTING_RULES).toEqual({ limitationNearDays: 30 })
  })
})

describe('each rule alone', () => {
  test.each(RULES)('%s → %s', (code, facts, route) => {
    const result = suggest(facts)
    expect(result.route).toBe(route)
    expect(result.reasons).toHaveLength(1)
    expect(result.reasons[0]).toMatchObject({ code, route })
    expect(result.alternatives).toEqual([])
  })

  test('the list above covers every deciding rule, in priority order', () => {
    expect(RULES.map((r) => r[0])).toEqual(ROUTING_PRIORITY.filter((c) => c !== 'default_mediation' && c !== 'wage_arrears'))
  })

  test('every route the rules point to is a real route', () => {
    for (const [, , route] of RULES) expect(ROUTES).toContain(route)
  })
})

describe('rule details', () => {
  test.each<[string, Partial<RoutingFacts>, string[]]>([
    ['limitation in 31 days', { limitationDaysLeft: 31 }, ['default_mediation']],
    ['limitation in 30 days', { limitationDaysLeft: 30 }, ['limitation_near']],
    ['limitation today', { limitationDaysLeft: 0 }, ['limitation_near']],
    ['limitation passed', { limitationDaysLeft: -4 }, ['limitation_near']],
    ['no limitation running', { limitationDaysLeft: null }, ['default_mediation']],
    ['a collective-contract dispute with no stage given', { disputeTypes: ['collective_contract'], collectiveContractStage: null }, ['default_mediation']],
    ['a 16-year-old is not under 16', { workers: [{ under16: false }] }, ['default_mediation']],
  ])('%s → %o', (_name, facts, expected) => {
    expect(codes(facts)).toEqual(expected)
  })

  test('parameters: how many workers, how many days', () => {
    expect(suggest({ workers: [{ under16: true }, {}, { under16: true }] }).reasons)
      .toEqual([{ code: 'child_labour', route: 'labour_inspection', workers: 2 }])
    expect(suggest({ workers: [{ platformWorker: true }, { platformWorker: true }, {}] }).reasons)
      .toEqual([{ code: 'platform_worker', route: 'legal_consultation', workers: 2 }])
    expect(suggest({ limitationDaysLeft: 9 }).reasons).toEqual([{ code: 'limitation_near', route: 'legal_consultation', days: 9 }])
  })

  test('a custom threshold', () => {
    expect(suggestRoute({ ...plain, limitationDaysLeft: 45 }, { limitationNearDays: 60 }).route).toBe('legal_consultation')
    expect(suggestRoute({ ...plain, limitationDaysLeft: 20 }, { limitationNearDays: 10 }).route).toBe('mediation')
  })
})

describe('pure wage arrears: labour inspection as an alternative, never the pick', () => {
  test.each<[string, string[], boolean]>([
    ['wages', ['wages'], true],
    ['overtime pay', ['overtime'], true],
    ['wages and overtime', ['wages', 'overtime'], true],
    ['wages and social insurance', ['wages', 'social_insurance'], false],
    ['wages and dismissal', ['wages', 'dismissal'], false],
    ['no types', [], false],
  ])('%s', (_name, disputeTypes, fires) => {
    const result = suggest({ disputeTypes })
    expect(result.route).toBe('mediation')
    if (fires) {
      expect(result.reasons).toEqual([{ code: 'default_mediation', route: 'mediation' }, { code: 'wage_arrears', route: 'labour_inspection' }])
      expect(result.alternatives).toEqual(['labour_inspection'])
    } else {
      expect(result.reasons).toEqual([{ code: 'default_mediation', route: 'mediation' }])
      expect(result.alternatives).toEqual([])
    }
  })

  test('next to a deciding rule it stays an alternative', () => {
    expect(suggest({ disputeTypes: ['wages'], limitationDaysLeft: 5 })).toEqual({
      route: 'legal_consultation',
      reasons: [{ code: 'limitation_near', route: 'legal_consultation', days: 5 }, { code: 'wage_arrears', route: 'labour_inspection' }],
      alternatives: ['labour_inspection'],
    })
  })

  test('with child labour, the pick and the alternative agree: no alternative listed', () => {
    expect(suggest({ disputeTypes: ['wages'], workers: [{ under16: true }] })).toEqual({
      route: 'labour_inspection',
      reasons: [{ code: 'child_labour', route: 'labour_inspection', workers: 1 }, { code: 'wage_arrears', route: 'labour_inspection' }],
      alternatives: [],
    })
  })
})

describe('when several rules fire', () => {
  /** Every pair: the rule higher in the hand-written list decides; both are listed, higher first. */
  const pairs = RULES.flatMap((hi, i) => RULES.slice(i + 1).map((lo) => [hi, lo] as const))
  test.each(pairs.map(([hi, lo]) => [hi[0], lo[0], hi, lo] as const))('%s beats %s', (_a, _b, hi, lo) => {
    // Dispute types from both (a collective-contract rule needs its type).
    const facts = { ...lo[1], ...hi[1], disputeTypes: [...new Set([...(hi[1].disputeTypes ?? ['dismissal']), ...(lo[1].disputeTypes ?? [])])] }
    if (hi[1].workers && lo[1].workers) facts.workers = [...hi[1].workers, ...lo[1].workers]
    if (hi[1].collectiveContractStage && lo[1].collectiveContractStage) return // one stage at a time; see below
    const result = suggest(facts)
    expect(result.route).toBe(hi[2])
    expect(result.reasons.map((r) => r.code)).toEqual([hi[0], lo[0]])
    expect(result.alternatives).toEqual(hi[2] === lo[2] ? [] : [lo[2]])
  })

  test('child labour wins over everything else at once', () => {
    const everything: Partial<RoutingFacts> = {
      channel: 'court_referral', disputeTypes: ['collective_contract', 'wages'], collectiveContractStage: 'signing',
      workers: [{ under16: true }, { platformWorker: true }], limitationDaysLeft: 3, relationshipUnclear: true, adviceOnly: true,
      legalAidRequested: true, respondentRefusedMediation: true, mediationLapsed: true, agreementUnperformed: true,
      judicialConfirmationRequested: true,
    }
    const result = suggest(everything)
    expect(result.route).toBe('labour_inspection')
    expect(result.reasons.map((r) => r.code)).toEqual([
      'child_labour', 'court_referred', 'agreement_unperformed', 'judicial_confirmation', 'collective_contract_signing',
      'respondent_refused', 'mediation_lapsed', 'relationship_unclear', 'platform_worker', 'limitation_near', 'legal_aid', 'advice_only',
    ])
    expect(result.alternatives).toEqual(['court_linkage', 'labour_bureau', 'arbitration', 'legal_consultation'])
  })

  test.each<[string, Partial<RoutingFacts>, string, string[]]>([
    ['a court-referred case whose respondent refuses goes back through court linkage, not arbitration',
      { channel: 'court_referral', respondentRefusedMediation: true }, 'court_linkage', ['court_referred', 'respondent_refused']],
    ['refusal with the limitation near: arbitration, quickly', { respondentRefusedMediation: true, limitationDaysLeft: 10 }, 'arbitration',
      ['respondent_refused', 'limitation_near']],
    ['a platform worker asking only for advice', { workers: [{ platformWorker: true }], adviceOnly: true }, 'legal_consultation',
      ['platform_worker', 'advice_only']],
    ['signing a collective contract, mediation already lapsed', { disputeTypes: ['collective_contract'], collectiveContractStage: 'signing',
      mediationLapsed: true }, 'labour_bureau', ['collective_contract_signing', 'mediation_lapsed']],
    ['performing a collective contract, respondent refused: arbitration either way', { disputeTypes: ['collective_contract'],
      collectiveContractStage: 'performance', respondentRefusedMediation: true }, 'arbitration', ['collective_contract_performance', 'respondent_refused']],
  ])('%s', (_name, facts, route, expected) => {
    const result = suggest(facts)
    expect(result.route).toBe(route)
    expect(result.reasons.map((r) => r.code)).toEqual(expected)
  })

  test('default_mediation never appears beside a deciding rule', () => {
    for (const [, facts] of RULES) expect(codes(facts)).not.toContain('default_mediation')
  })

  test('the facts are not changed', () => {
    const facts: RoutingFacts = { ...plain, workers: [{ under16: true }], disputeTypes: ['wages'] }
    const copy = structuredClone(facts)
    suggestRoute(facts)
    expect(facts).toEqual(copy)
  })
})
