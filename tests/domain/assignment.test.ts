import { describe, expect, test } from 'vitest'
import { needsReassignmentReason, rankMediators, suggestMediator, type MediatorCandidate } from '../../src/domain/assignment.ts'

const m = (userId: number, name: string, openCases: number, onLeave?: boolean): MediatorCandidate =>
  onLeave === undefined ? { userId, name, openCases } : { userId, name, openCases, onLeave }

const ids = (list: MediatorCandidate[]) => list.map((c) => c.userId)

describe('suggestMediator', () => {
  test.each<[string, MediatorCandidate[], number | null]>([
    ['nobody in the unit', [], null],
    ['one mediator', [m(3, '陈敏', 9)], 3],
    ['the fewest open cases', [m(1, '李华', 5), m(2, '王芳', 2), m(3, '陈敏', 7)], 2],
    ['none open beats some', [m(1, '李华', 1), m(2, '王芳', 0)], 2],
    ['a tie goes to the lower user id', [m(9, '王芳', 2), m(4, '李华', 2), m(6, '陈敏', 3)], 4],
    ['the tie-break ignores names', [m(5, 'Aaron', 1), m(2, 'Zoe', 1)], 2],
    ['on leave is never suggested, however free', [m(1, '李华', 0, true), m(2, '王芳', 8)], 2],
    ['everyone on leave', [m(1, '李华', 0, true), m(2, '王芳', 1, true)], null],
    ['onLeave: false counts as available', [m(1, '李华', 3, false), m(2, '王芳', 4)], 1],
  ])('%s', (_name, candidates, expected) => {
    expect(suggestMediator(candidates)?.userId ?? null).toBe(expected)
  })

  test('the order of the input does not matter', () => {
    const list = [m(9, '王芳', 2), m(4, '李华', 2), m(6, '陈敏', 1), m(7, '赵强', 1)]
    for (const order of [list, [...list].reverse(), [list[2]!, list[0]!, list[3]!, list[1]!]]) {
      expect(suggestMediator(order)?.userId).toBe(6)
    }
  })

  test('reassigning: the current mediator is left out', () => {
    const list = [m(1, '李华', 1), m(2, '王芳', 3)]
    expect(suggestMediator(list, { excludeUserId: 1 })?.userId).toBe(2)
    expect(suggestMediator(list, { excludeUserId: null })?.userId).toBe(1)
    expect(suggestMediator([m(1, '李华', 1)], { excludeUserId: 1 })).toBeNull()
  })

  test('returns the candidate as given', () => {
    const c = m(2, '王芳', 2)
    expect(suggestMediator([m(1, '李华', 5), c])).toBe(c)
  })
})

describe('rankMediators', () => {
  test('everyone available, fewest open cases first, ties by id', () => {
    const list = [m(9, '王芳', 2), m(4, '李华', 2), m(6, '陈敏', 0), m(3, '赵强', 5, true), m(1, '周杰', 7)]
    expect(ids(rankMediators(list))).toEqual([6, 4, 9, 1])
  })
  test('does not reorder the caller\'s list', () => {
    const list = [m(2, '王芳', 5), m(1, '李华', 1)]
    rankMediators(list)
    expect(ids(list)).toEqual([2, 1])
  })
})

describe('needsReassignmentReason', () => {
  test.each<[number | null | undefined, number, boolean]>([
    [null, 5, false], // first assignment
    [undefined, 5, false],
    [4, 5, true], // replacing someone
    [5, 5, false], // the same person: no change
  ])('current %o → new %i: %s', (current, next, expected) => {
    expect(needsReassignmentReason(current, next)).toBe(expected)
  })
})
