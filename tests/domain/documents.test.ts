import { describe, expect, test } from 'vitest'
import { CASE_STATUSES } from '../../src/domain/case-vocabulary.ts'
import { CLOSURE_REASONS } from '../../src/domain/case-actions.ts'
import { availableDocuments, chineseDate, DOCUMENT_READERS, isDocumentKind, terminationGround, type DocumentFacts } from '../../src/domain/documents.ts'

const facts = (more: Partial<DocumentFacts> = {}): DocumentFacts => ({
  status: 'in_progress', route: 'mediation', applicationReceived: true, accepted: true, agreementInEffect: false,
  closureReason: null, sessionsHeld: 0, respondentRefusedAtSession: false, ...more,
})

describe('availableDocuments', () => {
  test('a report without an application has no documents', () => {
    expect(availableDocuments(facts({ status: 'reported', route: null, applicationReceived: false, accepted: false }))).toEqual([])
  })

  test('a registered application has its registration form only', () => {
    expect(availableDocuments(facts({ status: 'registered', route: null, accepted: false }))).toEqual(['registration-form'])
  })

  test('a declined application has the non-acceptance notice, never an acceptance notice', () => {
    expect(availableDocuments(facts({ status: 'declined', route: null, accepted: false }))).toEqual(['registration-form', 'non-acceptance-notice'])
  })

  test('an accepted case has the acceptance notice', () => {
    expect(availableDocuments(facts())).toEqual(['registration-form', 'acceptance-notice'])
  })

  test('an agreement in effect brings the agreement and the joint application for judicial confirmation', () => {
    expect(availableDocuments(facts({ status: 'performing', agreementInEffect: true, sessionsHeld: 2 }))).toEqual([
      'registration-form', 'acceptance-notice', 'mediation-agreement', 'judicial-confirmation-application',
    ])
  })

  test('the agreement documents stay after the case closes as performed', () => {
    const docs = availableDocuments(facts({ status: 'closed', agreementInEffect: true, closureReason: 'agreement_performed' }))
    expect(docs).toContain('mediation-agreement')
    expect(docs).not.toContain('termination-notice')
  })

  test('only known kinds are documents', () => {
    expect(isDocumentKind('mediation-agreement')).toBe(true)
    expect(isDocumentKind('mediation_agreement')).toBe(false)
    expect(isDocumentKind('__proto__')).toBe(false)
  })

  test('the informant and the admin print nothing', () => {
    expect(DOCUMENT_READERS).not.toContain('informant')
    expect(DOCUMENT_READERS).not.toContain('admin')
  })
})

describe('terminationGround: mediation ended without agreement', () => {
  const ending = ['withdrawn', 'other_party_refused', 'party_unreachable', 'mediation_lapsed', 'referred_out']

  test.each(CLOSURE_REASONS.map((r) => [r]))('closed with %s after mediation', (reason) => {
    const ground = terminationGround(facts({ status: 'closed', closureReason: reason }))
    expect(ground).toBe(ending.includes(reason) ? reason : null)
    expect(availableDocuments(facts({ status: 'closed', closureReason: reason })).includes('termination-notice')).toBe(ending.includes(reason))
  })

  test('a closure on another route with no session held terminated no mediation', () => {
    expect(terminationGround(facts({ status: 'closed', route: 'legal_consultation', closureReason: 'withdrawn' }))).toBeNull()
    expect(terminationGround(facts({ status: 'closed', route: 'legal_consultation', closureReason: 'withdrawn', sessionsHeld: 1 }))).toBe('withdrawn')
  })

  test('a report withdrawn before any application or acceptance has nothing to terminate', () => {
    expect(terminationGround(facts({ status: 'closed', route: null, accepted: false, closureReason: 'withdrawn' }))).toBeNull()
  })

  test('referred out after a session; not before one', () => {
    expect(terminationGround(facts({ status: 'referred_out', route: 'arbitration', sessionsHeld: 1 }))).toBe('referred_out')
    expect(terminationGround(facts({ status: 'referred_out', route: 'arbitration', sessionsHeld: 0 }))).toBeNull()
  })

  test('the respondent refusing at a session ends the mediation, even before closure', () => {
    expect(terminationGround(facts({ sessionsHeld: 1, respondentRefusedAtSession: true }))).toBe('respondent_refused')
  })

  test('an agreement in effect means mediation did not end without one, whatever came after', () => {
    for (const status of CASE_STATUSES) {
      for (const reason of ending) {
        expect(terminationGround(facts({ status, closureReason: reason, agreementInEffect: true, sessionsHeld: 1, respondentRefusedAtSession: true }))).toBeNull()
      }
    }
  })

  test('an open mediation has no termination notice', () => {
    expect(terminationGround(facts({ sessionsHeld: 3 }))).toBeNull()
  })
})

describe('chineseDate', () => {
  test.each([
    ['2026-11-20', '2026年11月20日'],
    ['2026-01-05', '2026年1月5日'],
    ['2027-12-31', '2027年12月31日'],
  ])('%s → %s', (iso, zh) => expect(chineseDate(iso)).toBe(zh))

  test('refuses what is not a date', () => {
    expect(() => chineseDate('20261120')).toThrow(RangeError)
  })
})
