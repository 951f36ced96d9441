import { describe, expect, test } from 'vitest'
import {
  DIMENSIONS, addMonths, annualMeasures, defaultPeriod, evaluate, funnelFilters, groupFilter, groupKeys, headlineMeasures, matches,
  measureInGroup, mediatorMeasures, monthEnd, monthFilters, monthsOf, percentile, period, rate, type CaseFact, type MetricFilter,
} from '../../src/domain/metrics.ts'

// Nine cases around the first quarter of 2026, each chosen to sit on one side of a definition's
// edge. The expected figures below were worked out by hand from this table, not by the code.
const base: CaseFact = {
  id: 0, reportedOn: '', acceptedOn: null, applicationOn: null, closedOn: null, status: 'in_progress', townId: 1, route: 'mediation',
  channel: 'visit', disputeTypes: ['wages'], riskLevel: 'green', closureReason: null, resolutionLevel: null, mediatorId: null,
  industries: [], mediated: false, hasAgreement: false, agreementEffectiveOn: null, mediationDueOn: null, overdue: false,
  claimedFen: 0, agreedFen: 0, recoveredFen: 0, declaredWorkers: 1, workerKeys: [],
}
const fact = (id: number, f: Partial<CaseFact>): CaseFact => ({ ...base, id, ...f })

const A = fact(1, { // closed in January with a performed agreement that took effect before the mediation period ended
  reportedOn: '2025-12-20', applicationOn: '2025-12-20', acceptedOn: '2025-12-22', closedOn: '2026-01-10', status: 'closed',
  mediated: true, hasAgreement: true, agreementEffectiveOn: '2026-01-02', mediationDueOn: '2026-01-05', closureReason: 'agreement_performed',
  resolutionLevel: 'town', mediatorId: 10, claimedFen: 100000, agreedFen: 80000, recoveredFen: 80000, workerKeys: ['id:a'], industries: ['制造业'],
})
const B = fact(2, { // orange, mediated, lapsed and referred on after its period: late, and not "defused"
  reportedOn: '2026-01-05', applicationOn: '2026-01-05', acceptedOn: '2026-01-06', closedOn: '2026-02-20', status: 'closed', channel: 'call',
  route: 'arbitration', disputeTypes: ['wages', 'overtime'], riskLevel: 'orange', mediated: true, mediationDueOn: '2026-01-20',
  closureReason: 'mediation_lapsed', resolutionLevel: 'town', mediatorId: 10, claimedFen: 50000, declaredWorkers: 12,
  workerKeys: ['id:b1', 'id:a', null], industries: ['建筑业'],
})
const C = fact(3, { // red, agreement reached on time, part paid; one worker listed twice by phone
  reportedOn: '2026-02-01', applicationOn: '2026-02-01', acceptedOn: '2026-02-02', closedOn: '2026-02-10', status: 'closed', townId: 2,
  channel: 'letter', disputeTypes: ['social_insurance'], riskLevel: 'red', mediated: true, hasAgreement: true, agreementEffectiveOn: '2026-02-08',
  mediationDueOn: '2026-02-16', closureReason: 'agreement_reached', resolutionLevel: 'grassroots', mediatorId: 11, claimedFen: 30000,
  agreedFen: 30000, recoveredFen: 10000, declaredWorkers: 2, workerKeys: ['ph:c', 'ph:c'],
})
const D = fact(4, { // a hotline report closed with advice: never accepted, no mediation clock
  reportedOn: '2026-02-15', closedOn: '2026-02-16', status: 'closed', townId: 2, channel: 'hotline_12351', route: null, disputeTypes: ['other'],
  closureReason: 'advice_given', resolutionLevel: 'grassroots', workerKeys: [null],
})
const E = fact(5, { // open, orange, overdue
  reportedOn: '2026-03-01', applicationOn: '2026-03-01', acceptedOn: '2026-03-02', riskLevel: 'orange', mediated: true, mediatorId: 10,
  mediationDueOn: '2026-03-20', overdue: true, claimedFen: 200000, declaredWorkers: 15, industries: ['制造业'],
})
const F = fact(6, { // closed before the period: not in hand during it
  reportedOn: '2025-11-01', applicationOn: '2025-11-01', acceptedOn: '2025-11-03', closedOn: '2025-12-15', status: 'closed',
  closureReason: 'agreement_performed', resolutionLevel: 'town', hasAgreement: true, mediated: true,
})
const G = fact(7, { // performing since before the period: in hand, open
  reportedOn: '2025-10-01', applicationOn: '2025-10-01', acceptedOn: '2025-10-02', status: 'performing', townId: 2, riskLevel: 'yellow',
  hasAgreement: true, mediated: true, mediatorId: 11,
})
const H = fact(8, { reportedOn: '2026-04-02', applicationOn: '2026-04-02', acceptedOn: '2026-04-03' }) // after the period
const I = fact(9, { reportedOn: '2026-03-10', status: 'declined', channel: 'online', route: null }) // received, declined

const cases = [A, B, C, D, E, F, G, H, I]
const q1 = period('2026-01', '2026-03')!
const ids = (f: MetricFilter) => cases.filter((c) => matches(c, f)).map((c) => c.id)

describe('headline figures on the hand-computed fixture (2026 Q1)', () => {
  const m = headlineMeasures(q1)
  const value = (k: keyof typeof m) => evaluate(m[k], cases)

  test('received and closed count the cases received and closed in the period', () => {
    expect(ids(m.received.kind === 'count' ? m.received.filter : {})).toEqual([2, 3, 4, 5, 9])
    expect(value('received')).toEqual({ value: 5, count: 5 })
    expect(value('closed')).toEqual({ value: 4, count: 4 })
  })

  test('closure rate: accepted cases closed ÷ (open at the start + accepted during)', () => {
    // In hand: A (accepted Dec, closed Jan), B, C, E (open), G (open since October). Not F (closed
    // in December), H (accepted in April), D and I (never accepted).
    expect(value('closureRate')).toEqual({ value: 60, count: 3, denominatorCount: 5 })
  })

  test('mediation success: agreements and settlements among mediated cases closed', () => {
    expect(value('mediationSuccess')).toEqual({ value: 66.7, count: 2, denominatorCount: 3 })
  })

  test('on time: mediation ended (agreement in effect, else closure) by the period end', () => {
    expect(value('onTime')).toEqual({ value: 66.7, count: 2, denominatorCount: 3 })
  })

  test('days from application to closure: median and 90th percentile by nearest rank', () => {
    // A 21 days, B 46, C 9; D had no application and is not counted.
    expect(value('daysMedian').value).toBe(21)
    expect(value('daysP90').value).toBe(46)
  })

  test('amounts claimed, agreed and recovered over the cases closed', () => {
    expect(value('claimed').value).toBe(180000)
    expect(value('agreed').value).toBe(110000)
    expect(value('recovered').value).toBe(90000)
  })

  test('agreement performance: performed among closed cases that had an agreement', () => {
    expect(value('performance')).toEqual({ value: 50, count: 1, denominatorCount: 2 })
  })

  test('workers helped: identified workers once, the rest per case', () => {
    // A id:a; C ph:c (listed twice) + one more declared; D one unidentified. B is not helped.
    expect(value('workersHelped')).toEqual({ value: 4, count: 3 })
  })

  test('defused: collective cases closed without referral out', () => {
    expect(value('defused')).toEqual({ value: 1, count: 1 }) // C; B was referred on
  })

  test('open collective cases and their workers, 三来, overdue', () => {
    expect(value('openCollective').value).toBe(1)
    expect(value('openCollectiveWorkers').value).toBe(15)
    expect(value('sanlai').value).toBe(4) // B call, C letter, D hotline, E visit; I came online
    expect(value('overdueOpen').value).toBe(1)
  })

  test('a town narrows every set', () => {
    expect(ids({ ...receivedIn(), town: 2 })).toEqual([3, 4])
  })
  const receivedIn = () => ({ from: q1.from, to: q1.to })
})

describe('breakdowns', () => {
  test('a case is in a group exactly when the group filter matches it', () => {
    const bases: MetricFilter[] = [{}, { from: q1.from, to: q1.to }, { closed_from: q1.from, closed_to: q1.to }]
    for (const dim of DIMENSIONS) {
      const keys = new Set(cases.flatMap((c) => groupKeys(c, dim)))
      for (const b of bases) {
        for (const key of keys) {
          const f = groupFilter(b, dim, key)
          for (const c of cases) expect(matches(c, f), `${dim}=${key} case ${c.id}`).toBe(matches(c, b) && groupKeys(c, dim).includes(key))
        }
      }
    }
  })

  test('a case of two dispute types counts in both bars', () => {
    expect(ids(groupFilter({}, 'type', 'overtime'))).toEqual([2])
    expect(ids(groupFilter({}, 'type', 'wages'))).toEqual([1, 2, 5, 6, 7, 8, 9])
  })

  test('unrouted and unassigned cases have a group of their own', () => {
    expect(ids(groupFilter({}, 'route', null))).toEqual([4, 9])
    expect(ids(groupFilter({}, 'mediator', null))).toEqual([4, 6, 8, 9])
  })

  test('the funnel narrows received → routed → agreement → performed', () => {
    const f = funnelFilters(q1)
    expect(f.map((s) => s.key)).toEqual(['received', 'routed', 'agreement', 'performed'])
    expect(f.map((s) => ids(s.filter).length)).toEqual([5, 3, 1, 0]) // routed: B, C, E; agreement: C
  })

  test('a month of the trend: received and closed that month', () => {
    const feb = monthFilters('2026-02')
    expect(ids(feb.received)).toEqual([3, 4])
    expect(ids(feb.closed)).toEqual([2, 3, 4])
  })

  test("a mediator's row", () => {
    const m = mediatorMeasures(q1)
    const of10 = (k: keyof typeof m) => evaluate(measureInGroup(m[k], 'mediator', 10), cases)
    expect(of10('open').value).toBe(1) // E
    expect(of10('closed').value).toBe(2) // A, B
    expect(of10('success')).toEqual({ value: 50, count: 1, denominatorCount: 2 })
    expect(of10('onTime')).toEqual({ value: 50, count: 1, denominatorCount: 2 })
    expect(of10('recovered').value).toBe(80000)
    // Nobody's: D, F, H, I (only D closed in the period, never mediated).
    expect(evaluate(measureInGroup(m.closed, 'mediator', null), cases).value).toBe(1)
    expect(evaluate(measureInGroup(m.success, 'mediator', null), cases).value).toBeNull()
  })

  test('the annual report card for 2026 and 2025', () => {
    const y26 = annualMeasures(period('2026-01', '2026-12')!)
    expect(Object.fromEntries(Object.entries(y26).map(([k, m]) => [k, evaluate(m, cases).value]))).toEqual({
      received: 6, sanlai: 5, mediated: 3, agreed: 2, advice: 1, recovered: 90000, workersHelped: 4, defused: 1,
    })
    const y25 = annualMeasures(period('2025-01', '2025-12')!)
    expect(evaluate(y25.received, cases).value).toBe(3) // A, F, G (H came in by visit in 2026: 三来 is 5 there)
    expect(evaluate(y25.agreed, cases).value).toBe(1) // F
  })
})

describe('values', () => {
  test('rate: percent with one decimal, null without a base', () => {
    expect(rate(2, 3)).toBe(66.7)
    expect(rate(1, 8)).toBe(12.5)
    expect(rate(0, 5)).toBe(0)
    expect(rate(0, 0)).toBeNull()
  })

  test('percentile: nearest rank', () => {
    expect(percentile([], 0.5)).toBeNull()
    expect(percentile([7], 0.9)).toBe(7)
    expect(percentile([4, 1, 3, 2], 0.5)).toBe(2)
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9)
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9)).toBe(10)
  })
})

describe('periods', () => {
  test('whole months, Beijing dates, inclusive', () => {
    expect(period('2024-02', '2024-02')).toEqual({ fromMonth: '2024-02', toMonth: '2024-02', from: '2024-02-01', to: '2024-02-29' })
    expect(monthEnd('2025-02')).toBe('2025-02-28')
    expect(monthEnd('2026-12')).toBe('2026-12-31')
    expect(monthsOf(period('2025-11', '2026-02')!)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02'])
  })

  test('malformed, reversed or longer than ten years: no period', () => {
    for (const [a, b] of [['2026-13', '2026-12'], ['2026-1', '2026-02'], ['2026-03', '2026-02'], ['2016-01', '2026-01'], [undefined, '2026-01'], ['x', 'y']]) {
      expect(period(a, b), `${a}..${b}`).toBeNull()
    }
    expect(period('2016-02', '2026-01')).not.toBeNull()
  })

  test('months add across years; the default period is the year to date', () => {
    expect(addMonths('2025-11', 3)).toBe('2026-02')
    expect(addMonths('2026-01', -1)).toBe('2025-12')
    expect(defaultPeriod('2026-11-22')).toMatchObject({ from: '2026-01-01', to: '2026-11-30' })
  })
})
