import { describe, expect, test } from 'vitest'
import {
  ACTION_HTTP_STATUS, ACTION_NAMES, ACTIONS, CLOSURE_REASONS, DECLINE_REASONS, REFERRAL_STATES, REFERRAL_TARGETS,
  availableActions, checkAction, closureReasonsFrom, isAction,
  type Action, type ActionContext, type ActionInput, type ReferralState,
} from '../../src/domain/case-actions.ts'
import { CASE_STATUSES, ROUTES, type CaseStatus, type Route } from '../../src/domain/case-vocabulary.ts'
import { ROLES, type Role } from '../../src/domain/roles.ts'

/*
 * The expected state machine, written out by hand from DESIGN §1–2 and kept apart from the data in
 * src/domain/case-actions.ts: a change there that is not mirrored here fails the matrix below.
 *
 * who: R rights officer · B bargaining instructor (collective cases only) · G manager ·
 *      M mediator (assigned to the case) · L legal adviser (assigned to the case);
 *      "M@mediation,court_linkage" = only while the case is on one of those routes.
 * route after: keep · clear (null) · input (the form's route) · target (the referral target) · a route.
 */
type Row = [action: Action, from: CaseStatus, to: CaseStatus, who: string, routeAfter: string, inputs: string]
const TABLE: Row[] = [
  ['register_application', 'reported', 'registered', 'R B', 'keep', 'applicationDate'],
  ['close_without_dispute', 'reported', 'closed', 'R B', 'keep', 'closureReason resolutionLevel recovered'],
  ['accept_and_route', 'registered', 'in_progress', 'R B G', 'input', 'route'],
  ['decline', 'registered', 'declined', 'R B G', 'clear', 'declineReason'],
  ['reopen_declined', 'declined', 'registered', 'R B G', 'clear', 'reason'],
  ['refer_out', 'reported', 'referred_out', 'R B G', 'target', 'referralTarget'],
  ['refer_out', 'registered', 'referred_out', 'R B G', 'target', 'referralTarget'],
  ['refer_out', 'in_progress', 'referred_out', 'R B G', 'target', 'referralTarget'],
  ['refer_out', 'performing', 'referred_out', 'R B G', 'target', 'referralTarget'],
  ['change_route', 'in_progress', 'in_progress', 'R B G', 'input', 'route reason'],
  ['refer_to_unit', 'in_progress', 'in_progress', 'R B G', 'keep', 'toUnitId'],
  ['acknowledge_referral', 'in_progress', 'in_progress', 'R B G', 'keep', ''],
  ['reject_referral', 'in_progress', 'registered', 'R B G', 'clear', 'reason'],
  ['assign_mediator', 'registered', 'registered', 'R B G', 'keep', 'mediatorId'],
  ['assign_mediator', 'in_progress', 'in_progress', 'R B G', 'keep', 'mediatorId'],
  ['assign_mediator', 'performing', 'performing', 'R B G', 'keep', 'mediatorId'],
  ['assign_legal_adviser', 'registered', 'registered', 'R B G', 'keep', 'legalAdviserId'],
  ['assign_legal_adviser', 'in_progress', 'in_progress', 'R B G', 'keep', 'legalAdviserId'],
  ['assign_legal_adviser', 'performing', 'performing', 'R B G', 'keep', 'legalAdviserId'],
  ['record_consent', 'registered', 'registered', 'R B M', 'keep', 'consent'],
  ['record_consent', 'in_progress', 'in_progress', 'R B M', 'keep', 'consent'],
  ['record_agreement_in_effect', 'in_progress', 'performing', 'R B M', 'keep', 'effectiveDate'],
  ['non_performance_to_court', 'performing', 'in_progress', 'R B G', 'court_linkage', 'reason'],
  ['close', 'in_progress', 'closed', 'R B M@mediation,court_linkage L@legal_consultation,court_linkage', 'keep', 'closureReason resolutionLevel recovered'],
  ['close', 'performing', 'closed', 'R B M', 'keep', 'closureReason resolutionLevel recovered'],
  ['close', 'referred_out', 'closed', 'R B', 'keep', 'closureReason resolutionLevel recovered'],
  ['reopen', 'closed', 'in_progress', 'G', 'input', 'route reason'],
]
/** Case conditions beyond the status: refused with 409 when not met. */
const ON_ROUTES: Partial<Record<Action, Route[]>> = { record_agreement_in_effect: ['mediation', 'court_linkage'] }
const REFERRAL: Partial<Record<Action, ReferralState>> = {
  refer_to_unit: 'none', acknowledge_referral: 'awaiting_us', reject_referral: 'awaiting_us',
}
/** Closure reasons by status (close_without_dispute from reported, close from the others). */
const CLOSABLE: Record<string, string[]> = {
  reported: ['advice_given', 'negotiated_settlement', 'withdrawn', 'party_unreachable', 'not_a_labour_dispute'],
  in_progress: ['agreement_performed', 'agreement_reached', 'negotiated_settlement', 'advice_given', 'withdrawn',
    'other_party_refused', 'party_unreachable', 'mediation_lapsed', 'not_a_labour_dispute'],
  performing: ['agreement_performed', 'agreement_reached', 'withdrawn', 'party_unreachable'],
  referred_out: ['referred_out', 'negotiated_settlement', 'withdrawn'],
}

const LETTER: Record<string, Role> = { R: 'rights_officer', B: 'bargaining_instructor', G: 'manager', M: 'mediator', L: 'legal_adviser' }
const who = (row: Row) => row[3].split(' ').map((w) => {
  const [letter, routes] = w.split('@') as [string, string | undefined]
  return { role: LETTER[letter]!, routes: routes ? (routes.split(',') as Route[]) : null }
})

const ME = 7
const SOMEONE_ELSE = 8
/** The user is the assigned mediator and legal adviser, and the case is collective. */
const entitled: ActionContext = { userId: ME, assignedMediatorId: ME, assignedLegalAdviserId: ME, collective: true }
/** Someone else is assigned, and the case is not collective. */
const notEntitled: ActionContext = { userId: ME, assignedMediatorId: SOMEONE_ELSE, assignedLegalAdviserId: SOMEONE_ELSE, collective: false }

function expected(action: Action, status: CaseStatus, role: Role, ctx: ActionContext): 'ok' | 'forbidden' | 'wrong_state' {
  const roleHolds = role === 'bargaining_instructor' ? ctx.collective === true
    : role === 'mediator' ? ctx.assignedMediatorId === ctx.userId
    : role === 'legal_adviser' ? ctx.assignedLegalAdviserId === ctx.userId
    : true
  const rows = TABLE.filter((r) => r[0] === action)
  if (!roleHolds || !rows.some((r) => who(r).some((w) => w.role === role))) return 'forbidden'
  const row = rows.find((r) => r[1] === status)
  if (!row) return 'wrong_state'
  const onRoutes = ON_ROUTES[action]
  if (onRoutes && !onRoutes.includes(ctx.route as Route)) return 'wrong_state'
  const referral = REFERRAL[action]
  if (referral && (ctx.referral ?? 'none') !== referral) return 'wrong_state'
  const mine = who(row).find((w) => w.role === role)
  if (!mine) return 'forbidden'
  if (mine.routes && !mine.routes.includes(ctx.route as Route)) return 'forbidden'
  return 'ok'
}

/** An input that satisfies every action: a route that differs from the current one, a reason for every override. */
const fullInput = (ctx: ActionContext): ActionInput => ({
  applicationDate: '2026-04-16', effectiveDate: '2026-05-06',
  route: ctx.route === 'mediation' ? 'legal_consultation' : 'mediation',
  referralTarget: 'arbitration', closureReason: 'withdrawn', declineReason: 'duplicate', consent: 'consented',
  resolutionLevel: 'town', recovered: '0',
  reason: '申请人要求', note: '备注', mediatorId: 99, legalAdviserId: 98, toUnitId: 5,
})

function expectedRoute(row: Row, input: ActionInput, ctx: ActionContext): Route | null {
  switch (row[4]) {
    case 'keep': return ctx.route ?? null
    case 'clear': return null
    case 'input': return input.route as Route
    case 'target': return input.referralTarget as Route
    default: return row[4] as Route
  }
}

describe('the vocabulary', () => {
  test('the actions are exactly those in the expected table, in display order', () => {
    expect(ACTION_NAMES).toEqual([...new Set(TABLE.map((r) => r[0]))])
  })
  test('closure reasons are DESIGN §2 list', () => {
    expect([...CLOSURE_REASONS]).toEqual(['agreement_performed', 'agreement_reached', 'negotiated_settlement', 'advice_given',
      'withdrawn', 'other_party_refused', 'party_unreachable', 'mediation_lapsed', 'referred_out', 'not_a_labour_dispute'])
  })
  test('referral targets are the outward routes plus litigation', () => {
    expect([...REFERRAL_TARGETS]).toEqual(['arbitration', 'labour_inspection', 'labour_bureau', 'litigation'])
  })
  test('decline reasons include those DESIGN §2 names', () => {
    expect(DECLINE_REASONS).toEqual(expect.arrayContaining(['not_a_labour_dispute', 'respondent_refused_mediation', 'duplicate']))
  })
  test('every action starts from real statuses', () => {
    for (const a of ACTION_NAMES) for (const s of ACTIONS[a].from) expect(CASE_STATUSES).toContain(s)
  })
  test('isAction', () => {
    expect(isAction('close')).toBe(true)
    expect(isAction('delete_case')).toBe(false)
    expect(isAction(undefined)).toBe(false)
  })
  test('HTTP statuses: 403, 409, 422', () => {
    expect(ACTION_HTTP_STATUS).toEqual({ forbidden: 403, wrong_state: 409, missing_input: 422, invalid_input: 422 })
  })
})

describe('the transitions are DESIGN §2 table plus the documented additions', () => {
  const edges = new Set(ACTION_NAMES.flatMap((a) => {
    const s = ACTIONS[a]
    return s.to === 'same' ? [] : s.from.map((f) => `${f} → ${s.to}`)
  }))
  const design = [
    'reported → registered', 'reported → closed', 'registered → in_progress', 'registered → declined',
    'declined → registered', 'in_progress → performing', 'in_progress → referred_out', 'in_progress → closed',
    'performing → closed', 'performing → in_progress', 'referred_out → closed', 'closed → in_progress',
  ]
  const additions = ['reported → referred_out', 'registered → referred_out', 'performing → referred_out', 'in_progress → registered']
  test('every move in the design table is possible', () => {
    for (const e of design) expect(edges, e).toContain(e)
  })
  test('nothing else moves a case', () => {
    expect([...edges].sort()).toEqual([...design, ...additions].sort())
  })
  test('nothing leaves a status other than by its listed moves: declined only to registered, closed only to in_progress', () => {
    expect([...edges].filter((e) => e.startsWith('declined'))).toEqual(['declined → registered'])
    expect([...edges].filter((e) => e.startsWith('closed'))).toEqual(['closed → in_progress'])
  })
})

describe('every status × action × role', () => {
  const contexts: ActionContext[] = []
  for (const base of [entitled, notEntitled]) {
    for (const route of [null, ...ROUTES]) for (const referral of REFERRAL_STATES) contexts.push({ ...base, route, referral })
  }
  const combos = CASE_STATUSES.flatMap((s) => ACTION_NAMES.flatMap((a) => ROLES.map((r) => [s, a, r] as const)))

  test('covers all of them', () => {
    expect(combos).toHaveLength(CASE_STATUSES.length * ACTION_NAMES.length * ROLES.length)
  })

  test.each(combos)('%s × %s × %s', (status, action, role) => {
    for (const ctx of contexts) {
      const want = expected(action, status, role, ctx)
      const input = fullInput(ctx)
      const label = JSON.stringify(ctx)
      const got = checkAction(action, status, [role], input, ctx)
      if (want === 'ok') {
        const row = TABLE.find((r) => r[0] === action && r[1] === status)!
        expect(got, label).toEqual({ ok: true, to: row[2], route: expectedRoute(row, input, ctx) })
      } else {
        expect(got, label).toEqual({ ok: false, code: want })
      }
      expect(availableActions(status, [role], ctx).includes(action), label).toBe(want === 'ok')
    }
  })
})

describe('who may act, in words', () => {
  test('the informant and the admin have no action in any status', () => {
    for (const status of CASE_STATUSES) {
      expect(availableActions(status, ['informant'], entitled)).toEqual([])
      expect(availableActions(status, ['admin'], entitled)).toEqual([])
      expect(availableActions(status, [], entitled)).toEqual([])
    }
  })

  test.each<[string, CaseStatus, Role[], ActionContext, Action[]]>([
    ['rights officer, a report', 'reported', ['rights_officer'], {}, ['register_application', 'close_without_dispute', 'refer_out']],
    ['rights officer, triage', 'registered', ['rights_officer'], {},
      ['accept_and_route', 'decline', 'refer_out', 'assign_mediator', 'assign_legal_adviser', 'record_consent']],
    ['manager, triage', 'registered', ['manager'], {}, ['accept_and_route', 'decline', 'refer_out', 'assign_mediator', 'assign_legal_adviser']],
    ['rights officer, mediation leg', 'in_progress', ['rights_officer'], { route: 'mediation' },
      ['refer_out', 'change_route', 'refer_to_unit', 'assign_mediator', 'assign_legal_adviser', 'record_consent',
        'record_agreement_in_effect', 'close']],
    ['rights officer, consultation leg: no agreement to record', 'in_progress', ['rights_officer'], { route: 'legal_consultation' },
      ['refer_out', 'change_route', 'refer_to_unit', 'assign_mediator', 'assign_legal_adviser', 'record_consent', 'close']],
    ['receiving unit, leg awaiting its acknowledgment', 'in_progress', ['rights_officer'], { route: 'mediation', referral: 'awaiting_us' },
      ['refer_out', 'change_route', 'acknowledge_referral', 'reject_referral', 'assign_mediator', 'assign_legal_adviser',
        'record_consent', 'record_agreement_in_effect', 'close']],
    ['assigned mediator, mediation leg', 'in_progress', ['mediator'], { userId: ME, assignedMediatorId: ME, route: 'mediation' },
      ['record_consent', 'record_agreement_in_effect', 'close']],
    ['assigned mediator, consultation leg', 'in_progress', ['mediator'], { userId: ME, assignedMediatorId: ME, route: 'legal_consultation' },
      ['record_consent']],
    ['another mediator', 'in_progress', ['mediator'], { userId: ME, assignedMediatorId: SOMEONE_ELSE, route: 'mediation' }, []],
    ['assigned mediator, performing', 'performing', ['mediator'], { userId: ME, assignedMediatorId: ME, route: 'mediation' }, ['close']],
    ['assigned legal adviser, consultation leg', 'in_progress', ['legal_adviser'],
      { userId: ME, assignedLegalAdviserId: ME, route: 'legal_consultation' }, ['close']],
    ['assigned legal adviser, mediation leg', 'in_progress', ['legal_adviser'], { userId: ME, assignedLegalAdviserId: ME, route: 'mediation' }, []],
    ['bargaining instructor, collective case', 'registered', ['bargaining_instructor'], { collective: true },
      ['accept_and_route', 'decline', 'refer_out', 'assign_mediator', 'assign_legal_adviser', 'record_consent']],
    ['bargaining instructor, not collective', 'registered', ['bargaining_instructor'], { collective: false }, []],
    ['rights officer, referred out', 'referred_out', ['rights_officer'], {}, ['close']],
    ['rights officer, declined', 'declined', ['rights_officer'], {}, ['reopen_declined']],
    ['rights officer, closed: only a manager reopens', 'closed', ['rights_officer'], {}, []],
    ['manager, closed', 'closed', ['manager'], {}, ['reopen']],
    ['manager, performing', 'performing', ['manager'], { route: 'mediation' },
      ['refer_out', 'assign_mediator', 'assign_legal_adviser', 'non_performance_to_court']],
  ])('%s', (_name, status, roles, ctx, actions) => {
    expect(availableActions(status, roles, ctx)).toEqual(actions)
  })

  test('without a context a mediator or legal adviser is assigned to nothing, and nothing is collective', () => {
    for (const status of CASE_STATUSES) {
      expect(availableActions(status, ['mediator'])).toEqual([])
      expect(availableActions(status, ['legal_adviser'])).toEqual([])
      expect(availableActions(status, ['bargaining_instructor'])).toEqual([])
    }
    expect(availableActions('registered', ['rights_officer'])).toContain('accept_and_route')
  })

  test('an assignment with no user id matches nobody', () => {
    expect(availableActions('in_progress', ['mediator'], { assignedMediatorId: null, route: 'mediation' })).toEqual([])
    expect(availableActions('in_progress', ['mediator'], { userId: null, assignedMediatorId: null, route: 'mediation' })).toEqual([])
  })

  test('several roles: the union of what each may do', () => {
    const ctx: ActionContext = { userId: ME, assignedMediatorId: ME, route: 'mediation' }
    const both = availableActions('in_progress', ['manager', 'mediator'], ctx)
    const union = new Set([...availableActions('in_progress', ['manager'], ctx), ...availableActions('in_progress', ['mediator'], ctx)])
    expect(new Set(both)).toEqual(union)
    expect(both).toEqual(ACTION_NAMES.filter((a) => union.has(a)))
    expect(checkAction('close', 'in_progress', ['informant', 'mediator'], { closureReason: 'withdrawn', resolutionLevel: 'town', recovered: '0' }, ctx)).toMatchObject({ ok: true })
    expect(checkAction('reopen', 'closed', ['rights_officer', 'manager'], { route: 'mediation', reason: '协议未履行' }))
      .toEqual({ ok: true, to: 'in_progress', route: 'mediation' })
  })
})

describe('the order of refusals', () => {
  test.each<[string, Action, CaseStatus, Role[], ActionContext, string]>([
    ['a role that never may: 403 whatever the status', 'decline', 'closed', ['informant'], {}, 'forbidden'],
    ['a mediator not assigned: 403, not 409', 'close', 'closed', ['mediator'], { userId: ME, assignedMediatorId: SOMEONE_ELSE }, 'forbidden'],
    ['a manager may not close: 403', 'close', 'in_progress', ['manager'], { route: 'mediation' }, 'forbidden'],
    ['the right role, the case moved on: 409', 'decline', 'in_progress', ['rights_officer'], {}, 'wrong_state'],
    ['already closed: 409', 'close', 'closed', ['rights_officer'], {}, 'wrong_state'],
    ['the assigned mediator on a referred-out case: the status is fine, the role is not: 403', 'close', 'referred_out', ['mediator'],
      { userId: ME, assignedMediatorId: ME, route: 'arbitration' }, 'forbidden'],
    ['the route moved on: an agreement on a consultation leg: 409', 'record_agreement_in_effect', 'in_progress', ['rights_officer'],
      { route: 'legal_consultation' }, 'wrong_state'],
    ['the referral was already acknowledged: 409', 'reject_referral', 'in_progress', ['rights_officer'], { referral: 'none' }, 'wrong_state'],
    ['another unit must acknowledge it: 409', 'acknowledge_referral', 'in_progress', ['rights_officer'], { referral: 'awaiting_other' }, 'wrong_state'],
    ['a referral already pending: 409', 'refer_to_unit', 'in_progress', ['rights_officer'], { referral: 'awaiting_other' }, 'wrong_state'],
  ])('%s', (_name, action, status, roles, ctx, code) => {
    // The input is empty: a refusal comes before any complaint about the form.
    expect(checkAction(action, status, roles, {}, ctx)).toEqual({ ok: false, code })
  })
})

describe('required inputs', () => {
  /** The first allowed (status, role) for each action, with the context it needs. */
  const firstAllowed = (action: Action) => {
    const row = TABLE.find((r) => r[0] === action)!
    const ctx: ActionContext = { ...entitled, route: 'mediation', referral: REFERRAL[action] ?? 'none' }
    return { status: row[1], role: who(row)[0]!.role, ctx, required: row[5] ? row[5].split(' ') : [] }
  }

  const cases = TABLE.filter((r, i) => TABLE.findIndex((q) => q[0] === r[0]) === i)
    .flatMap((r) => (r[5] ? r[5].split(' ') : []).map((field) => [r[0], field] as [Action, keyof ActionInput]))

  test.each(cases)('%s without %s → missing_input', (action, field) => {
    const { status, role, ctx } = firstAllowed(action)
    const input = { ...fullInput(ctx), [field]: undefined }
    expect(checkAction(action, status, [role], input, ctx)).toEqual({
      ok: false, code: 'missing_input', field, problems: [{ field, problem: 'missing' }],
    })
    for (const blank of ['', '   ', '\n']) {
      if (typeof fullInput(ctx)[field] !== 'string') continue
      expect(checkAction(action, status, [role], { ...fullInput(ctx), [field]: blank }, ctx)).toMatchObject({ code: 'missing_input', field })
    }
  })

  test.each(ACTION_NAMES)('%s with nothing at all lists every required field', (action) => {
    const { status, role, ctx, required } = firstAllowed(action)
    const result = checkAction(action, status, [role], {}, { ...ctx, suggestedRoute: null })
    if (required.length === 0) {
      expect(result).toMatchObject({ ok: true })
    } else {
      expect(result).toMatchObject({ ok: false, code: 'missing_input', field: required[0] })
      expect(result.ok === false && 'problems' in result && result.problems.map((p) => p.field)).toEqual(required)
    }
  })

  test.each<[Action, keyof ActionInput, unknown]>([
    ['register_application', 'applicationDate', '2026-02-30'],
    ['register_application', 'applicationDate', '2026/04/16'],
    ['record_agreement_in_effect', 'effectiveDate', 'tomorrow'],
    ['accept_and_route', 'route', 'arbitration'], // an outward route is refer_out, not a leg of ours
    ['accept_and_route', 'route', 'labour_inspection'],
    ['accept_and_route', 'route', 'court'],
    ['change_route', 'route', 'labour_bureau'],
    ['reopen', 'route', 'arbitration'],
    ['refer_out', 'referralTarget', 'mediation'],
    ['refer_out', 'referralTarget', 'court_linkage'],
    ['decline', 'declineReason', 'too_busy'],
    ['record_consent', 'consent', 'maybe'],
    ['close', 'closureReason', 'solved'],
    ['close', 'resolutionLevel', 'province'],
    ['close', 'recovered', '-5'],
    ['close', 'recovered', '12,50'],
    ['close_without_dispute', 'recovered', 'about 300'],
    ['assign_mediator', 'mediatorId', 0],
    ['assign_mediator', 'mediatorId', -3],
    ['assign_mediator', 'mediatorId', 1.5],
    ['assign_mediator', 'mediatorId', '12'],
    ['assign_legal_adviser', 'legalAdviserId', Number.NaN],
    ['refer_to_unit', 'toUnitId', 2 ** 60],
    ['reopen_declined', 'reason', 42],
  ])('%s with %s = %o → invalid_input', (action, field, value) => {
    const { status, role, ctx } = firstAllowed(action)
    const input = { ...fullInput(ctx), [field]: value } as ActionInput
    expect(checkAction(action, status, [role], input, ctx)).toEqual({
      ok: false, code: 'invalid_input', field, problems: [{ field, problem: 'invalid' }],
    })
  })

  test('several problems are all listed; the first decides the code', () => {
    const r = checkAction('reopen', 'closed', ['manager'], { route: 'arbitration', reason: ' ' })
    expect(r).toEqual({ ok: false, code: 'invalid_input', field: 'route', problems: [
      { field: 'route', problem: 'invalid' }, { field: 'reason', problem: 'missing' },
    ] })
  })
})

describe('closure: level, amount recovered, and "performed" only when nothing is left to pay', () => {
  const closing = { closureReason: 'agreement_performed', resolutionLevel: 'town', recovered: '8000' }
  test('money still owed under the agreement refuses "agreement performed", with its own problem', () => {
    expect(checkAction('close', 'performing', ['rights_officer'], closing, { agreementOutstanding: true })).toEqual({
      ok: false, code: 'invalid_input', field: 'closureReason', problems: [{ field: 'closureReason', problem: 'unperformed' }],
    })
  })
  test('fully paid (or no money agreed) closes as performed', () => {
    expect(checkAction('close', 'performing', ['rights_officer'], closing, { agreementOutstanding: false })).toEqual({ ok: true, to: 'closed', route: null })
    expect(checkAction('close', 'performing', ['rights_officer'], closing, {})).toEqual({ ok: true, to: 'closed', route: null })
  })
  test('owed money does not stop other reasons (the worker may withdraw, the respondent may vanish)', () => {
    for (const closureReason of ['withdrawn', 'party_unreachable', 'agreement_reached']) {
      expect(checkAction('close', 'performing', ['rights_officer'], { ...closing, closureReason }, { agreementOutstanding: true })).toMatchObject({ ok: true })
    }
  })
  test('level and amount are both required; every problem is listed', () => {
    expect(checkAction('close', 'performing', ['rights_officer'], { closureReason: 'withdrawn' }, {})).toEqual({
      ok: false, code: 'missing_input', field: 'resolutionLevel', problems: [
        { field: 'resolutionLevel', problem: 'missing' }, { field: 'recovered', problem: 'missing' },
      ],
    })
  })
})

describe('closure reasons by status', () => {
  const cases = Object.keys(CLOSABLE).flatMap((status) => CLOSURE_REASONS.map((reason) => [status as CaseStatus, reason] as const))
  test.each(cases)('from %s: %s', (status, reason) => {
    const action: Action = status === 'reported' ? 'close_without_dispute' : 'close'
    const allowed = CLOSABLE[status]!.includes(reason)
    const result = checkAction(action, status, ['rights_officer'], { closureReason: reason, resolutionLevel: 'grassroots', recovered: '1,234.50' }, { route: 'mediation' })
    if (allowed) expect(result).toEqual({ ok: true, to: 'closed', route: 'mediation' })
    else expect(result).toEqual({ ok: false, code: 'invalid_input', field: 'closureReason', problems: [{ field: 'closureReason', problem: 'invalid' }] })
    expect(closureReasonsFrom(status).includes(reason)).toBe(allowed)
  })
  test('every closure reason is reachable from somewhere', () => {
    for (const reason of CLOSURE_REASONS) expect(Object.values(CLOSABLE).flat()).toContain(reason)
  })
  test('statuses that cannot close offer no reasons', () => {
    for (const s of ['registered', 'declined', 'closed'] as const) expect(closureReasonsFrom(s)).toEqual([])
  })
})

describe('routing decisions: confirm the suggestion, or give a written reason', () => {
  const ro: Role[] = ['rights_officer']
  test.each<[string, Route | null | undefined, string, string | undefined, string]>([
    ['confirming mediation', 'mediation', 'mediation', undefined, 'ok'],
    ['confirming legal consultation', 'legal_consultation', 'legal_consultation', undefined, 'ok'],
    ['overriding without a reason', 'mediation', 'legal_consultation', undefined, 'missing'],
    ['overriding with a blank reason', 'mediation', 'court_linkage', '  ', 'missing'],
    ['overriding with a reason', 'mediation', 'court_linkage', '当事人已向法院起诉', 'ok'],
    ['an outward suggestion kept in house needs a reason', 'labour_inspection', 'mediation', undefined, 'missing'],
    ['no suggestion at hand: a reason is needed', null, 'mediation', undefined, 'missing'],
    ['no suggestion given at all: a reason is needed', undefined, 'mediation', undefined, 'missing'],
  ])('accept_and_route: %s', (_name, suggestedRoute, route, reason, want) => {
    const r = checkAction('accept_and_route', 'registered', ro, { route, reason }, { suggestedRoute })
    if (want === 'ok') expect(r).toEqual({ ok: true, to: 'in_progress', route })
    else expect(r).toEqual({ ok: false, code: 'missing_input', field: 'reason', problems: [{ field: 'reason', problem: 'missing' }] })
  })

  test.each<[string, Route | null, string, string | undefined, string | null | false]>([
    ['child labour confirmed', 'labour_inspection', 'labour_inspection', undefined, 'labour_inspection'],
    ['collective-contract signing confirmed', 'labour_bureau', 'labour_bureau', undefined, 'labour_bureau'],
    ['arbitration confirmed', 'arbitration', 'arbitration', undefined, 'arbitration'],
    ['arbitration instead of mediation, with a reason', 'mediation', 'arbitration', '被申请人拒绝调解', 'arbitration'],
    ['arbitration instead of mediation, no reason', 'mediation', 'arbitration', undefined, false],
    ['litigation is never a suggestion: always a reason; no route of ours afterwards', 'court_linkage', 'litigation', '劳动者直接起诉', null],
    ['litigation without a reason', 'court_linkage', 'litigation', undefined, false],
  ])('refer_out: %s', (_name, suggestedRoute, referralTarget, reason, route) => {
    const r = checkAction('refer_out', 'registered', ro, { referralTarget, reason }, { suggestedRoute })
    if (route === false) expect(r).toMatchObject({ ok: false, code: 'missing_input', field: 'reason' })
    else expect(r).toEqual({ ok: true, to: 'referred_out', route })
  })

  test('changing the route always needs a reason, and a different route', () => {
    const ctx: ActionContext = { route: 'mediation', suggestedRoute: 'court_linkage' }
    expect(checkAction('change_route', 'in_progress', ro, { route: 'court_linkage' }, ctx))
      .toEqual({ ok: false, code: 'missing_input', field: 'reason', problems: [{ field: 'reason', problem: 'missing' }] })
    expect(checkAction('change_route', 'in_progress', ro, { route: 'court_linkage', reason: '调解不成' }, ctx))
      .toEqual({ ok: true, to: 'in_progress', route: 'court_linkage' })
    expect(checkAction('change_route', 'in_progress', ro, { route: 'mediation', reason: '调解不成' }, ctx))
      .toEqual({ ok: false, code: 'invalid_input', field: 'route', problems: [{ field: 'route', problem: 'unchanged' }] })
  })

  test('non-performance sends the case to court linkage, whatever leg it was on', () => {
    expect(checkAction('non_performance_to_court', 'performing', ro, { reason: '第二期未付' }, { route: 'mediation' }))
      .toEqual({ ok: true, to: 'in_progress', route: 'court_linkage' })
  })

  test('rejecting a referral returns the case to triage with no route', () => {
    expect(checkAction('reject_referral', 'in_progress', ['manager'], { reason: '不属本镇管辖' }, { route: 'mediation', referral: 'awaiting_us' }))
      .toEqual({ ok: true, to: 'registered', route: null })
  })
})

describe('declining', () => {
  test.each(DECLINE_REASONS.filter((r) => r !== 'other'))('%s needs no note', (declineReason) => {
    expect(checkAction('decline', 'registered', ['rights_officer'], { declineReason })).toEqual({ ok: true, to: 'declined', route: null })
  })
  test('"other" needs a note', () => {
    expect(checkAction('decline', 'registered', ['rights_officer'], { declineReason: 'other' }))
      .toEqual({ ok: false, code: 'missing_input', field: 'note', problems: [{ field: 'note', problem: 'missing' }] })
    expect(checkAction('decline', 'registered', ['rights_officer'], { declineReason: 'other', note: '申请人已离境' }))
      .toEqual({ ok: true, to: 'declined', route: null })
  })
})

describe('assignment', () => {
  const tri: Role[] = ['rights_officer']
  test.each<[string, Action, ActionContext, ActionInput, unknown]>([
    ['first mediator: no reason', 'assign_mediator', { assignedMediatorId: null }, { mediatorId: 5 }, { ok: true }],
    ['replacing a mediator: a reason', 'assign_mediator', { assignedMediatorId: 4 }, { mediatorId: 5 },
      { ok: false, code: 'missing_input', field: 'reason' }],
    ['replacing a mediator with a reason', 'assign_mediator', { assignedMediatorId: 4 }, { mediatorId: 5, reason: '原调解员休假' }, { ok: true }],
    ['the same mediator again: nothing changes', 'assign_mediator', { assignedMediatorId: 4 }, { mediatorId: 4 },
      { ok: false, code: 'invalid_input', field: 'mediatorId', problems: [{ field: 'mediatorId', problem: 'unchanged' }] }],
    ['first legal adviser: no reason', 'assign_legal_adviser', {}, { legalAdviserId: 5 }, { ok: true }],
    ['replacing a legal adviser: a reason', 'assign_legal_adviser', { assignedLegalAdviserId: 4 }, { legalAdviserId: 5 },
      { ok: false, code: 'missing_input', field: 'reason' }],
    ['the mediator field does not count for the legal adviser', 'assign_legal_adviser', { assignedMediatorId: 4 }, { legalAdviserId: 5 }, { ok: true }],
  ])('%s', (_name, action, ctx, input, want) => {
    expect(checkAction(action, 'in_progress', tri, input, { route: 'mediation', ...ctx })).toMatchObject(want as object)
  })
})

describe('record_consent', () => {
  test.each(['consented', 'refused'])('%s is recorded without moving the case', (consent) => {
    expect(checkAction('record_consent', 'registered', ['rights_officer'], { consent })).toEqual({ ok: true, to: 'registered', route: null })
  })
})
