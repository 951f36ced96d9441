import { describe, expect, test } from 'vitest'
import { CASE_STATUSES, ROUTES, type Route } from '../../src/domain/case-vocabulary.ts'
import {
  COURT_KINDS, COURT_RESULTS, courtClockFacts, courtKindsAllowed, isPreFiling, needsAgreement, pendingOfKind, resultFits, resultsFor,
  type LinkageFacts,
} from '../../src/domain/court-linkage.ts'
import { CLOCK_PERIODS } from '../../src/domain/clocks.ts'

describe('which kinds may be filed', () => {
  test('an agreement in effect (performing): judicial confirmation or a payment order, on any route', () => {
    for (const route of [...ROUTES, null] as (Route | null)[]) {
      expect(courtKindsAllowed({ status: 'performing', route, agreementInEffect: true })).toEqual(['judicial_confirmation', 'payment_order'])
    }
  })

  test('a court-linkage leg: the court’s pre-filing mediation, and a payment order only when an agreement went unperformed', () => {
    expect(courtKindsAllowed({ status: 'in_progress', route: 'court_linkage', agreementInEffect: false }))
      .toEqual(['entrusted_pre_filing', 'commissioned', 'commissioned_simple'])
    expect(courtKindsAllowed({ status: 'in_progress', route: 'court_linkage', agreementInEffect: true }))
      .toEqual(['payment_order', 'entrusted_pre_filing', 'commissioned', 'commissioned_simple'])
  })

  test('nothing in any other status or on any other route', () => {
    for (const status of CASE_STATUSES) {
      for (const route of [...ROUTES, null] as (Route | null)[]) {
        if (status === 'performing' || (status === 'in_progress' && route === 'court_linkage')) continue
        for (const agreementInEffect of [true, false]) expect(courtKindsAllowed({ status, route, agreementInEffect })).toEqual([])
      }
    }
  })

  test('judicial confirmation and payment orders stand on the agreement; pre-filing mediation does not', () => {
    expect(COURT_KINDS.filter(needsAgreement)).toEqual(['judicial_confirmation', 'payment_order'])
    expect(COURT_KINDS.filter(isPreFiling)).toEqual(['entrusted_pre_filing', 'commissioned', 'commissioned_simple'])
  })

  test('each pre-filing kind runs the court clock of its own length: 委派 30, 委托 15, simple 7 days', () => {
    expect(CLOCK_PERIODS.entrusted_pre_filing).toEqual({ days: 30 })
    expect(CLOCK_PERIODS.commissioned).toEqual({ days: 15 })
    expect(CLOCK_PERIODS.commissioned_simple).toEqual({ days: 7 })
  })
})

describe('results by kind', () => {
  test('each kind ends only with its own results', () => {
    expect(resultsFor('judicial_confirmation')).toEqual(['confirmed', 'not_confirmed', 'withdrawn'])
    expect(resultsFor('payment_order')).toEqual(['order_issued', 'order_objected', 'withdrawn'])
    for (const k of ['entrusted_pre_filing', 'commissioned', 'commissioned_simple'] as const) expect(resultsFor(k)).toEqual(['mediated', 'mediation_failed', 'withdrawn'])
  })

  test('resultFits agrees with resultsFor for every kind and result, and refuses pending and junk', () => {
    for (const kind of COURT_KINDS) {
      for (const r of COURT_RESULTS) expect(resultFits(kind, r)).toBe(resultsFor(kind).includes(r))
      for (const junk of ['pending', '', 'CONFIRMED', null, undefined, 1]) expect(resultFits(kind, junk)).toBe(false)
    }
  })

  test('every result the migration allows (but pending) belongs to some kind', () => {
    expect(new Set(COURT_KINDS.flatMap((k) => resultsFor(k)))).toEqual(new Set(COURT_RESULTS))
  })
})

const l = (id: number, kind: string, startedOn: string, result = 'pending'): LinkageFacts => ({ id, kind, startedOn, result })

describe('duplicates', () => {
  test('a pending file of the same kind blocks another; an answered one or another kind does not', () => {
    expect(pendingOfKind('payment_order', [l(1, 'payment_order', '2026-11-01')])).toBe(true)
    expect(pendingOfKind('payment_order', [l(1, 'payment_order', '2026-11-01', 'order_objected')])).toBe(false)
    expect(pendingOfKind('payment_order', [l(1, 'judicial_confirmation', '2026-11-01')])).toBe(false)
    expect(pendingOfKind('payment_order', [])).toBe(false)
  })
})

describe('what the clocks read', () => {
  test('no linkages: no court clock, no application for confirmation', () => {
    expect(courtClockFacts([])).toEqual({ courtReferral: null, judicialConfirmationAppliedOn: null })
  })

  test('the latest pre-filing referral sets the court clock’s kind and start', () => {
    const facts = courtClockFacts([l(1, 'entrusted_pre_filing', '2026-10-01', 'mediation_failed'), l(2, 'commissioned_simple', '2026-11-16'), l(3, 'payment_order', '2026-11-18')])
    expect(facts.courtReferral).toEqual({ kind: 'commissioned_simple', receivedOn: '2026-11-16' })
  })

  test('latest by start date, whatever order they were filed in; the later filed on the same day wins', () => {
    expect(courtClockFacts([l(5, 'commissioned', '2026-11-10'), l(6, 'entrusted_pre_filing', '2026-11-01')]).courtReferral)
      .toEqual({ kind: 'commissioned', receivedOn: '2026-11-10' })
    expect(courtClockFacts([l(8, 'commissioned', '2026-11-10'), l(7, 'commissioned_simple', '2026-11-10')]).courtReferral)
      .toEqual({ kind: 'commissioned', receivedOn: '2026-11-10' })
  })

  test('the first application for judicial confirmation meets its window, even if later withdrawn or refused', () => {
    const facts = courtClockFacts([l(1, 'judicial_confirmation', '2026-11-12', 'withdrawn'), l(2, 'judicial_confirmation', '2026-11-05', 'not_confirmed')])
    expect(facts.judicialConfirmationAppliedOn).toBe('2026-11-05')
    expect(facts.courtReferral).toBeNull()
  })

  test('kinds the rules do not know are ignored rather than guessed at', () => {
    expect(courtClockFacts([l(1, 'arbitration', '2026-11-01')])).toEqual({ courtReferral: null, judicialConfirmationAppliedOn: null })
  })
})
