import { describe, expect, test } from 'vitest'
import { canRevealPii, type RevealAsk } from '../../src/domain/pii-reveal.ts'
import { ROLES, type Role } from '../../src/domain/roles.ts'

const ME = 7
const OTHER = 8
const ask = (roles: Role[], more: Partial<RevealAsk> = {}): RevealAsk =>
  ({ roles, userId: ME, assignedMediatorId: null, assignedLegalAdviserId: null, ...more })

describe('who may reveal phones and ID numbers', () => {
  test('a rights officer may, on any case (scope is checked by the query that loads it)', () => {
    expect(canRevealPii(ask(['rights_officer']))).toBe(true)
    expect(canRevealPii(ask(['rights_officer'], { assignedMediatorId: OTHER, assignedLegalAdviserId: OTHER }))).toBe(true)
  })

  test.each([
    ['mediator', { assignedMediatorId: ME }, true],
    ['mediator', { assignedMediatorId: OTHER }, false],
    ['mediator', {}, false],
    ['mediator', { assignedLegalAdviserId: ME }, false],
    ['legal_adviser', { assignedLegalAdviserId: ME }, true],
    ['legal_adviser', { assignedLegalAdviserId: OTHER }, false],
    ['legal_adviser', {}, false],
    ['legal_adviser', { assignedMediatorId: ME }, false],
  ] as const)('a %s with %o: %s', (role, more, expected) => {
    expect(canRevealPii(ask([role], more))).toBe(expected)
  })

  test('being assigned is not enough without the role that goes with it', () => {
    expect(canRevealPii(ask(['manager'], { assignedMediatorId: ME, assignedLegalAdviserId: ME }))).toBe(false)
    expect(canRevealPii(ask(['informant'], { assignedMediatorId: ME }))).toBe(false)
  })

  test('no other role may, whatever the assignments', () => {
    for (const role of ROLES.filter((r) => !['rights_officer', 'mediator', 'legal_adviser'].includes(r))) {
      expect(canRevealPii(ask([role], { assignedMediatorId: OTHER, assignedLegalAdviserId: OTHER }))).toBe(false)
      expect(canRevealPii(ask([role]))).toBe(false)
    }
  })

  test('several roles: any one that allows it is enough', () => {
    expect(canRevealPii(ask(['manager', 'mediator'], { assignedMediatorId: ME }))).toBe(true)
    expect(canRevealPii(ask(['manager', 'rights_officer']))).toBe(true)
    expect(canRevealPii(ask(['manager', 'mediator'], { assignedMediatorId: OTHER }))).toBe(false)
  })
})
