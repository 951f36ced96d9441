import { describe, expect, test } from 'vitest'
import { formTakesApplication, intakeFormsFor, reportChannelFor } from '../../src/domain/intake-rules.ts'
import type { Role } from '../../src/domain/roles.ts'

describe('intakeFormsFor', () => {
  test.each<[Role[], string[]]>([
    [['informant'], ['report']],
    [['rights_officer'], ['full', 'report']],
    [['bargaining_instructor'], ['collective', 'report']],
    [['rights_officer', 'bargaining_instructor'], ['full', 'collective', 'report']],
    [['mediator'], []],
    [['manager', 'admin', 'legal_adviser'], []],
  ])('%j → %j', (roles, forms) => {
    expect(intakeFormsFor(roles)).toEqual(forms)
  })

  test('only the full forms take an application', () => {
    expect([formTakesApplication('report'), formTakesApplication('full'), formTakesApplication('collective')]).toEqual([false, true, true])
  })
})

describe('reportChannelFor', () => {
  test.each<[Role[], string]>([
    [['informant'], 'informant_report'],
    [['informant', 'rights_officer'], 'informant_report'],
    [['bargaining_instructor'], 'bargaining_instructor'],
    [['rights_officer'], 'rights_officer'],
  ])('%j → %s', (roles, channel) => {
    expect(reportChannelFor(roles)).toBe(channel)
  })
})
