import { describe, expect, test } from 'vitest'
import type { ActionContext } from '../../src/domain/case-actions.ts'
import {
  availableRecords, isRecordName, mayReadConsultationNote, recordPermit, recordRoles, RECORD_NAMES, type RecordName,
} from '../../src/domain/case-records.ts'
import { CASE_STATUSES, ROUTES, type CaseStatus, type Route } from '../../src/domain/case-vocabulary.ts'
import { ROLES, type Role } from '../../src/domain/roles.ts'

/**
 * The records kept beside the state machine, written out again independently of the module: who
 * (R rights officer, B bargaining instructor on collective cases, M the assigned mediator, L the
 * assigned legal adviser, G manager, I the informant who reported it) and when (status, optionally
 * "status@route,route"). An informant's grant is limited to "I:status,status".
 */
const OPEN = 'reported registered in_progress performing referred_out'
const ALL = 'reported registered declined in_progress performing referred_out closed'
const TABLE: Record<RecordName, { who: string; when: string }> = {
  session: { who: 'R B M', when: 'in_progress@mediation,court_linkage' },
  extension: { who: 'R B M', when: 'in_progress@mediation' },
  payment: { who: 'R B M', when: 'performing' },
  consultation_note: { who: 'L', when: OPEN },
  court_linkage: { who: 'R B L M', when: 'in_progress@court_linkage performing' },
  court_result: { who: 'R B L M', when: 'in_progress performing referred_out closed' },
  limitation_event: { who: 'R B L', when: OPEN },
  outside_record: { who: 'R B G', when: ALL },
  attachment: { who: 'R B M L I:reported,registered,in_progress', when: ALL },
}

const LETTER: Record<string, Role> = { R: 'rights_officer', B: 'bargaining_instructor', M: 'mediator', L: 'legal_adviser', G: 'manager', I: 'informant' }
const ME = 7

/** Every combination of the facts that matter: assigned or not, collective or not, reporter or not, each route. */
const CONTEXTS: ActionContext[] = [null, ...ROUTES].flatMap((route) => [true, false].flatMap((mine) => [true, false].map((collective) => ({
  userId: ME, route: route as Route | null, collective,
  assignedMediatorId: mine ? ME : 99, assignedLegalAdviserId: mine ? ME : 99, reporterId: mine ? ME : 99,
}))))

function expected(name: RecordName, status: CaseStatus, role: Role, ctx: ActionContext): 'ok' | 'forbidden' | 'wrong_state' {
  const grants = TABLE[name].who.split(' ').map((g) => {
    const [letter, states] = g.split(':')
    return { role: LETTER[letter!]!, states: states?.split(',') }
  })
  const mine = grants.find((g) => g.role === role)
  const applies = mine && (role === 'bargaining_instructor' ? ctx.collective
    : role === 'mediator' ? ctx.assignedMediatorId === ME
    : role === 'legal_adviser' ? ctx.assignedLegalAdviserId === ME
    : role === 'informant' ? ctx.reporterId === ME : true)
  if (!mine || !applies) return 'forbidden'
  const fits = TABLE[name].when.split(' ').some((w) => {
    const [s, routes] = w.split('@')
    return s === status && (!routes || (ctx.route != null && routes.split(',').includes(ctx.route)))
  })
  if (!fits) return 'wrong_state'
  return !mine.states || mine.states.includes(status) ? 'ok' : 'forbidden'
}

describe('who may keep which record, in which status (every record × status × role × context)', () => {
  for (const name of RECORD_NAMES) {
    test(name, () => {
      let checked = 0
      for (const status of CASE_STATUSES) {
        for (const role of ROLES) {
          for (const ctx of CONTEXTS) {
            expect([name, status, role, ctx, recordPermit(name, status, [role], ctx)]).toEqual([name, status, role, ctx, expected(name, status, role, ctx)])
            checked++
          }
        }
      }
      expect(checked).toBe(CASE_STATUSES.length * ROLES.length * CONTEXTS.length)
    })
  }

  test('the admin keeps no record, ever; an informant only photos of what they reported', () => {
    for (const status of CASE_STATUSES) {
      for (const ctx of CONTEXTS) {
        expect(availableRecords(status, ['admin'], ctx)).toEqual([])
        expect(availableRecords(status, ['informant'], ctx)).toEqual(expected('attachment', status, 'informant', ctx) === 'ok' ? ['attachment'] : [])
      }
    }
  })

  test('several roles: the union of what each may keep, in the fixed order', () => {
    const ctx: ActionContext = { userId: ME, route: 'court_linkage', assignedMediatorId: ME, assignedLegalAdviserId: 99 }
    expect(availableRecords('in_progress', ['mediator', 'manager'], ctx)).toEqual(['session', 'court_linkage', 'court_result', 'outside_record', 'attachment'])
    expect(availableRecords('performing', ['mediator'], ctx)).toEqual(['payment', 'court_linkage', 'court_result', 'attachment'])
  })

  test('declared roles of each route are exactly those named in its grants', () => {
    for (const name of RECORD_NAMES) {
      expect(new Set(recordRoles(name))).toEqual(new Set(TABLE[name].who.split(' ').map((g) => LETTER[g[0]!])))
    }
  })

  test('record names are recognised, and nothing else is', () => {
    for (const name of RECORD_NAMES) expect(isRecordName(name)).toBe(true)
    for (const other of ['close', 'sessions', '', null, 3]) expect(isRecordName(other)).toBe(false)
  })
})

describe('who reads a consultation note', () => {
  test.each([
    ['legal_adviser', 'internal', true], ['legal_adviser', 'shared', true],
    ['mediator', 'internal', false], ['mediator', 'shared', true],
    ['rights_officer', 'internal', false], ['rights_officer', 'shared', true],
    ['bargaining_instructor', 'internal', false], ['bargaining_instructor', 'shared', true],
    ['manager', 'internal', false], ['manager', 'shared', true],
    ['informant', 'internal', false], ['informant', 'shared', false],
    ['admin', 'internal', false], ['admin', 'shared', false],
  ] as const)('%s, %s note → %s', (role, visibility, may) => {
    expect(mayReadConsultationNote([role], visibility)).toBe(may)
  })
  test('an informant who is also a mediator reads shared notes', () => {
    expect(mayReadConsultationNote(['informant', 'mediator'], 'shared')).toBe(true)
  })
})
