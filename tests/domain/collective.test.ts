import { describe, expect, test } from 'vitest'
import { COLLECTIVE_RULES, distinctWorkers, isCollective, type CaseHeadcount } from '../../src/domain/collective.ts'

const c = (declaredWorkers: number, ...workerKeys: (string | null)[]): CaseHeadcount => ({ declaredWorkers, workerKeys })

describe('distinctWorkers', () => {
  test.each<[string, CaseHeadcount[], number]>([
    ['no cases', [], 0],
    ['one case, nobody listed or declared', [c(0)], 0],
    ['three identified workers', [c(0, 'a', 'b', 'c')], 3],
    ['shared identities across two cases are counted once', [c(0, 'a', 'b', 'c'), c(0, 'b', 'c', 'd')], 4],
    ['the same worker in three cases', [c(0, 'a'), c(0, 'a'), c(0, 'a')], 1],
    ['unidentified workers are added per case', [c(0, null, null), c(0, null)], 3],
    ['identified once, unidentified twice', [c(0, 'a', null), c(0, 'a', null)], 3],
    ['declared headcount only', [c(40)], 40],
    ['declared headcounts cannot be matched: added per case', [c(40), c(40)], 80],
    ['listed workers are part of the declared headcount', [c(40, 'a', 'b')], 40],
    ['shared listed workers once, the rest of each declaration per case', [c(40, 'a', 'b'), c(40, 'a', 'b')], 78],
    ['more listed than declared: the list wins', [c(2, 'a', 'b', null, null)], 4],
    ['more unidentified listed than declared', [c(3, null, null, null, null)], 4],
    ['mixed: {a,b,c,d} + 9 undeclared of case 1 + 1 unknown of case 2', [c(12, 'a', 'b', 'c', null), c(0, 'c', 'd', null)], 14],
    ['a negative declaration counts as none', [c(-5, 'a')], 1],
    ['a worker listed twice in one case is one of the five declared', [c(5, 'a', 'a')], 5],
    ['a worker listed twice plus one unknown', [c(0, 'a', 'a', null)], 2],
  ])('%s → %i', (_description, cases, expected) => {
    expect(distinctWorkers(cases)).toBe(expected)
  })

  test('order of cases does not matter', () => {
    const cases = [c(12, 'a', 'b', 'c', null), c(0, 'c', 'd', null), c(7, 'd', 'e')]
    expect(distinctWorkers(cases)).toBe(distinctWorkers([...cases].reverse()))
  })
})

describe('isCollective', () => {
  test('the threshold is 10 workers', () => {
    expect(COLLECTIVE_RULES.workers).toBe(10)
    expect(COLLECTIVE_RULES.windowDays).toBe(30)
  })

  test.each([
    [0, ['wages'], false, 'nobody'],
    [9, ['wages'], false, '9 workers: one short'],
    [10, ['wages'], true, '10 workers: collective'],
    [11, ['wages'], true, '11 workers'],
    [500, ['social_insurance'], true, 'a large group'],
    [9, [], false, '9 workers, no type'],
    [0, ['collective_contract'], true, 'collective contract with no headcount'],
    [1, ['collective_contract'], true, 'collective contract, one worker'],
    [9, ['wages', 'collective_contract'], true, 'collective contract among other types, 9 workers'],
    [9, ['other'], false, '“other” is not the collective-contract type'],
  ])('%i workers, %j → %s (%s)', (headcount, types, expected) => {
    expect(isCollective(headcount, types)).toBe(expected)
  })

  test.each<[string, CaseHeadcount[], boolean]>([
    ['5 + 5 with one shared: 9 distinct', [c(0, 'a', 'b', 'c', 'd', 'e'), c(0, 'e', 'f', 'g', 'h', 'i')], false],
    ['5 + 5 distinct: 10', [c(0, 'a', 'b', 'c', 'd', 'e'), c(0, 'f', 'g', 'h', 'i', 'j')], true],
    ['two declarations of 6 and 4', [c(6), c(4)], true],
    ['6 declared (a among them) + b, c: 8', [c(6, 'a'), c(0, 'a', 'b', 'c')], false],
  ])('across cases: %s → %s', (_description, cases, expected) => {
    expect(isCollective(distinctWorkers(cases), ['wages'])).toBe(expected)
  })
})
