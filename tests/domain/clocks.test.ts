import { afterEach, describe, expect, test, vi } from 'vitest'
import {
  computeClocks, CLOCK_BASES, DUE_SOON_WORKING_DAYS, DEFAULT_ACK_WORKING_DAYS,
  type Clock, type ClockFacts, type ClockKind, type CourtReferralKind, type MediationExtension, type WorkerLimitationFacts,
} from '../../src/domain/clocks.ts'
import { calendarFrom, type CalendarRow } from '../../src/domain/working-calendar.ts'

import { officialCalendar } from '../support/official-calendar.ts'

/**
 * The statutory clocks of DESIGN §3 against the official calendar the migration loads
 * (migrations/data/workday-calendar-cn.csv, years 2024–2026). Every expected due day was worked out
 * by hand from those rows and a printed calendar; each row's comment names the rows used.
 * "Ordinary" weekend = a Saturday or Sunday not in the file.
 */
const { rows, cal } = officialCalendar()

const facts = (over: Partial<ClockFacts> = {}): ClockFacts => ({
  applicationReceivedOn: null,
  acceptanceDecidedOn: null,
  mediationExtensions: [],
  agreementEffectiveOn: null,
  courtReferral: null,
  closedOn: null,
  referrals: [],
  workers: [],
  ...over,
})
const worker = (over: Partial<WorkerLimitationFacts> = {}): WorkerLimitationFacts => ({
  disputeTypes: ['dismissal'], knewOn: null, leftOn: null, interruptions: [], suspensions: [], ...over,
})
const ext = (worker: string | null, respondent: string | null, newDueOn: string): MediationExtension => ({
  consentedByWorkerOn: worker, consentedByRespondentOn: respondent, newDueOn,
})
const only = (clocks: Clock[], kind: ClockKind): Clock => {
  const found = clocks.filter((c) => c.kind === kind)
  expect(found, kind).toHaveLength(1)
  return found[0]!
}

describe('DESIGN §3 worked example', () => {
  test('application received 2026-04-16: mediation ends 2026-05-06, acceptance 2026-04-21', () => {
    const { clocks, arbitrationOpen } = computeClocks(facts({ applicationReceivedOn: '2026-04-16' }), cal, '2026-04-20')
    // Day 15 is 2026-05-01, inside 2026-05-01..05 rest (Labour Day) → Wed 05-06.
    expect(only(clocks, 'mediation')).toEqual({
      kind: 'mediation', basis: 'law.mediation_art14', start: '2026-04-16', due: '2026-05-06', daysLeft: 16, status: 'running',
    })
    // Fri 04-17 (1), ordinary weekend, Mon 04-20 (2), Tue 04-21 (3); from Mon 04-20 one working day left.
    expect(only(clocks, 'acceptance')).toEqual({
      kind: 'acceptance', basis: 'rule.acceptance_3_working_days', start: '2026-04-16', due: '2026-04-21', daysLeft: 1, status: 'due_soon',
    })
    expect(arbitrationOpen).toBe(false)
  })
})

describe('mediation period: 15 days from receipt (调解仲裁法 Art. 14), rolled off rest days', () => {
  test.each([
    ['2026-04-16', '2026-05-06', 'day 15 = 05-01, in 2026-05-01..05 rest (Labour Day)'],
    ['2026-01-30', '2026-02-14', 'day 15 = Sat 02-14, a makeup_workday (Spring Festival): no roll'],
    ['2026-02-01', '2026-02-24', 'day 15 = 02-16, in 2026-02-15..23 rest (Spring Festival)'],
    ['2025-01-15', '2025-02-05', 'day 15 = 01-30, in 2025-01-28..02-04 rest (Spring Festival)'],
    ['2024-01-28', '2024-02-18', 'day 15 = 02-12, in 2024-02-10..17 rest → Sun 02-18 makeup_workday'],
    ['2024-03-20', '2024-04-07', 'day 15 = 04-04, in 2024-04-04..06 rest (Qingming) → Sun 04-07 makeup_workday'],
    ['2025-03-20', '2025-04-07', 'day 15 = 04-04, in 2025-04-04..06 rest (Qingming) → Mon 04-07'],
    ['2026-03-21', '2026-04-07', 'day 15 = 04-05, in 2026-04-04..06 rest (Qingming) → Tue 04-07'],
    ['2024-04-16', '2024-05-06', 'day 15 = 05-01, in 2024-05-01..05 rest (Labour Day) → Mon 05-06'],
    ['2025-04-17', '2025-05-06', 'day 15 = 05-02, in 2025-05-01..05 rest (Labour Day) → Tue 05-06'],
    ['2024-05-26', '2024-06-11', 'day 15 = Mon 06-10 rest (Dragon Boat) → Tue 06-11'],
    ['2025-05-16', '2025-06-03', 'day 15 = 05-31, in 2025-05-31..06-02 rest (Dragon Boat) → Tue 06-03'],
    ['2026-06-04', '2026-06-22', 'day 15 = 06-19, in 2026-06-19..21 rest (Dragon Boat) → Mon 06-22'],
    ['2024-09-01', '2024-09-18', 'day 15 = 09-16, in 2024-09-15..17 rest (Mid-Autumn) → Wed 09-18'],
    ['2024-08-30', '2024-09-14', 'day 15 = Sat 09-14, 2024-09-14 makeup_workday'],
    ['2026-09-10', '2026-09-28', 'day 15 = 09-25, in 2026-09-25..27 rest (Mid-Autumn) → Mon 09-28'],
    ['2024-09-16', '2024-10-08', 'day 15 = 10-01, in 2024-10-01..07 rest (National Day) → Tue 10-08'],
    ['2024-09-27', '2024-10-12', 'day 15 = Sat 10-12, 2024-10-12 makeup_workday'],
    ['2025-09-20', '2025-10-09', 'day 15 = 10-05, in 2025-10-01..08 rest (National Day, Mid-Autumn) → Thu 10-09'],
    ['2025-09-26', '2025-10-11', 'day 15 = Sat 10-11, 2025-10-11 makeup_workday'],
    ['2025-09-13', '2025-09-28', 'day 15 = Sun 09-28, 2025-09-28 makeup_workday'],
    ['2026-09-22', '2026-10-08', 'day 15 = 10-07, in 2026-10-01..07 rest (National Day) → Thu 10-08'],
    ['2026-09-05', '2026-09-20', 'day 15 = Sun 09-20, 2026-09-20 makeup_workday'],
    ['2026-09-25', '2026-10-10', 'day 15 = Sat 10-10, 2026-10-10 makeup_workday'],
    ['2026-03-07', '2026-03-23', 'day 15 = Sun 03-22, ordinary weekend → Mon 03-23'],
    ['2025-12-17', '2026-01-04', 'day 15 = 2026-01-01, in 2026-01-01..03 rest → Sun 01-04 makeup_workday'],
    ['2024-12-17', '2025-01-02', 'day 15 = 2025-01-01 rest (New Year) → Thu 01-02'],
    ['2023-12-17', '2024-01-02', 'start in unloaded 2023 is not consulted: day 15 = 2024-01-01 rest → Tue 01-02'],
    ['2026-12-16', '2026-12-31', 'day 15 = Thu 12-31, a working day: 2027 not needed'],
  ])('received %s → due %s (%s)', (received, due) => {
    const { clocks } = computeClocks(facts({ applicationReceivedOn: received }), cal, '2024-01-01')
    expect(only(clocks, 'mediation').due).toBe(due)
  })
})

describe('a year missing from the calendar: "calendar not loaded", never a guess', () => {
  test('application 2026-12-25: mediation needs 2027, acceptance does not', () => {
    const { clocks, arbitrationOpen } = computeClocks(facts({ applicationReceivedOn: '2026-12-25' }), cal, '2026-12-25')
    // Day 15 = 2027-01-09: whether it is a working day is unknown.
    expect(only(clocks, 'mediation')).toEqual({
      kind: 'mediation', basis: 'law.mediation_art14', start: '2026-12-25', due: null, daysLeft: null, status: 'calendar_missing', missingYear: 2027,
    })
    // Mon 12-28 (1), Tue 12-29 (2), Wed 12-30 (3): all in 2026.
    expect(only(clocks, 'acceptance')).toMatchObject({ due: '2026-12-30', status: 'running', daysLeft: 5 })
    expect(arbitrationOpen).toBe(false)
  })

  test('acceptance from 2026-12-29: Wed 12-30 (1), Thu 12-31 (2), then 2027-01-01 unknown', () => {
    const { clocks } = computeClocks(facts({ applicationReceivedOn: '2026-12-29' }), cal, '2026-12-29')
    expect(only(clocks, 'acceptance')).toMatchObject({ status: 'calendar_missing', missingYear: 2027, due: null })
  })

  test('today in an unloaded year: whether the due day is 2 working days off cannot be told either', () => {
    // Due Tue 2024-01-02 (2024-01-01 rest); counting back from it reaches 2023-12-31 before a second working day.
    const { clocks } = computeClocks(facts({ applicationReceivedOn: '2023-12-17' }), cal, '2023-12-20')
    expect(only(clocks, 'mediation')).toMatchObject({ status: 'calendar_missing', missingYear: 2023 })
  })

  test('a year whose rows exist but which is not listed as loaded counts as missing', () => {
    const partial = calendarFrom(rows, [2024, 2025])
    const { clocks } = computeClocks(facts({ applicationReceivedOn: '2026-04-16' }), partial, '2026-04-16')
    expect(clocks.map((c) => [c.kind, c.status, c.missingYear])).toEqual([
      ['acceptance', 'calendar_missing', 2026],
      ['mediation', 'calendar_missing', 2026],
    ])
  })
})

describe('acceptance decision: 3 working days from receipt', () => {
  test.each([
    ['2026-04-29', '2026-05-07', 'Thu 04-30 (1), 2026-05-01..05 rest, Wed 05-06 (2), Thu 05-07 (3)'],
    ['2026-04-16', '2026-04-21', 'Fri 04-17 (1), Mon 04-20 (2), Tue 04-21 (3)'],
    ['2024-02-07', '2024-02-18', 'Thu 02-08 (1), Fri 02-09 (2), 2024-02-10..17 rest, Sun 02-18 makeup_workday (3)'],
    ['2025-09-26', '2025-09-30', 'ordinary Sat, Sun 2025-09-28 makeup_workday (1), Mon (2), Tue 09-30 (3)'],
    ['2026-09-30', '2026-10-10', '2026-10-01..07 rest, Thu 10-08 (1), Fri 10-09 (2), Sat 10-10 makeup_workday (3)'],
    ['2025-01-24', '2025-02-05', 'ordinary Sat, Sun 2025-01-26 makeup (1), Mon 01-27 (2), 01-28..02-04 rest, Wed 02-05 (3)'],
    ['2026-12-28', '2026-12-31', 'Tue, Wed, Thu 12-31: 2027 not needed'],
  ])('received %s → due %s (%s)', (received, due) => {
    expect(only(computeClocks(facts({ applicationReceivedOn: received }), cal, received).clocks, 'acceptance').due).toBe(due)
  })

  // Received 2026-04-29, due Thu 2026-05-07 (above).
  test.each<[string | null, string, Partial<Clock>, string]>([
    ['2026-05-07', '2026-05-10', { status: 'met', endedOn: '2026-05-07', late: false, daysLeft: null }, 'decided on the last day'],
    ['2026-05-08', '2026-05-10', { status: 'met', endedOn: '2026-05-08', late: true, daysLeft: null }, 'decided a day late'],
    [null, '2026-05-08', { status: 'overdue', daysLeft: -1 }, 'undecided the day after'],
    [null, '2026-05-07', { status: 'due_soon', daysLeft: 0 }, 'undecided on the last day'],
    [null, '2026-05-06', { status: 'due_soon', daysLeft: 1 }, '(05-06, 05-07]: 1 working day'],
    [null, '2026-04-30', { status: 'due_soon', daysLeft: 7 }, '(04-30, 05-07]: 05-06, 05-07 = 2 working days, across 05-01..05 rest'],
    [null, '2026-04-29', { status: 'running', daysLeft: 8 }, '(04-29, 05-07]: 04-30, 05-06, 05-07 = 3 working days'],
  ])('decided %s, today %s → %j (%s)', (decided, today, expected) => {
    const { clocks } = computeClocks(facts({ applicationReceivedOn: '2026-04-29', acceptanceDecidedOn: decided }), cal, today)
    expect(only(clocks, 'acceptance')).toMatchObject(expected)
  })
})

describe('status, days left and the arbitration route (mediation from 2026-04-16, due 2026-05-06)', () => {
  test('the due-soon threshold is 2 working days', () => {
    expect(DUE_SOON_WORKING_DAYS).toBe(2)
  })

  test.each<[string, Partial<Clock>, boolean, string]>([
    ['2026-04-28', { status: 'running', daysLeft: 8 }, false, '(04-28, 05-06]: 04-29, 04-30, 05-06 = 3 working days'],
    ['2026-04-29', { status: 'due_soon', daysLeft: 7 }, false, '(04-29, 05-06]: 04-30, 05-06 = 2 (2026-05-01..05 rest)'],
    ['2026-05-06', { status: 'due_soon', daysLeft: 0 }, false, 'the last day: still within the period'],
    ['2026-05-07', { status: 'overdue', daysLeft: -1 }, true, 'lapsed: the arbitration route is shown'],
    ['2026-06-30', { status: 'overdue', daysLeft: -55 }, true, '25 days of May after the 6th + 30 of June'],
  ])('today %s → %j, arbitrationOpen %s (%s)', (today, expected, open) => {
    const result = computeClocks(facts({ applicationReceivedOn: '2026-04-16' }), cal, today)
    expect(only(result.clocks, 'mediation')).toMatchObject(expected)
    expect(result.arbitrationOpen).toBe(open)
  })

  test('an agreement within the period meets the clock; no arbitration route', () => {
    const result = computeClocks(facts({ applicationReceivedOn: '2026-04-16', agreementEffectiveOn: '2026-05-06' }), cal, '2026-05-20')
    expect(only(result.clocks, 'mediation')).toMatchObject({ status: 'met', endedOn: '2026-05-06', late: false, daysLeft: null, due: '2026-05-06' })
    expect(result.arbitrationOpen).toBe(false)
  })

  test('an agreement after the period still ends it, marked late', () => {
    const result = computeClocks(facts({ applicationReceivedOn: '2026-04-16', agreementEffectiveOn: '2026-05-08' }), cal, '2026-05-20')
    expect(only(result.clocks, 'mediation')).toMatchObject({ status: 'met', endedOn: '2026-05-08', late: true })
    expect(result.arbitrationOpen).toBe(false)
  })

  test('closing the case stops every clock, keeping the due days; a clock met before closure stays met', () => {
    const result = computeClocks(facts({
      applicationReceivedOn: '2026-04-16', acceptanceDecidedOn: '2026-04-20', closedOn: '2026-04-25',
      referrals: [{ sentOn: '2026-04-22', acknowledgedOn: null }],
      workers: [worker({ knewOn: '2025-03-10' })],
    }), cal, '2026-05-20')
    expect(result.clocks.map((c) => [c.kind, c.status, c.endedOn, c.due, c.daysLeft])).toEqual([
      ['acceptance', 'met', '2026-04-20', '2026-04-21', null],
      ['mediation', 'stopped', '2026-04-25', '2026-05-06', null],
      // Thu 04-23 (1), Fri 04-24 (2).
      ['referral_ack', 'stopped', '2026-04-25', '2026-04-24', null],
      // Tue 2026-03-10: a working day.
      ['limitation', 'stopped', '2026-04-25', '2026-03-10', null],
    ])
    expect(result.arbitrationOpen).toBe(false)
  })

  test('a declined application stops the mediation clock and shows the arbitration route', () => {
    const result = computeClocks(facts({ applicationReceivedOn: '2026-04-16', acceptanceDecidedOn: '2026-04-20', declined: true }), cal, '2026-04-21')
    expect(only(result.clocks, 'mediation')).toMatchObject({ status: 'stopped', endedOn: '2026-04-20', due: '2026-05-06' })
    expect(only(result.clocks, 'acceptance')).toMatchObject({ status: 'met', late: false })
    expect(result.arbitrationOpen).toBe(true)
  })

  test('no application: no mediation or acceptance clock', () => {
    expect(computeClocks(facts(), cal, '2026-04-16')).toEqual({ clocks: [], arbitrationOpen: false })
  })

  test('a result only informs: it carries clocks and a flag, nothing that could block', () => {
    const result = computeClocks(facts({ applicationReceivedOn: '2026-04-16' }), cal, '2026-05-07')
    expect(Object.keys(result).sort()).toEqual(['arbitrationOpen', 'clocks'])
  })

  test('every basis used is a known message key', () => {
    const result = computeClocks(facts({
      applicationReceivedOn: '2026-04-16', agreementEffectiveOn: '2026-05-06',
      referrals: [{ sentOn: '2026-04-17', acknowledgedOn: null }],
      workers: [worker({ knewOn: '2025-03-10' }), worker({ disputeTypes: ['wages'] }), worker({ disputeTypes: ['wages'], leftOn: '2025-06-30' })],
    }), cal, '2026-04-20')
    for (const c of result.clocks) expect(CLOCK_BASES).toContain(c.basis)
  })
})

describe('extension of the mediation period: only with both parties’ recorded consent', () => {
  // Received 2026-04-16: statutory due 2026-05-06 (DESIGN §3). Today 2026-05-07.
  test.each<[string, MediationExtension[], string, string, boolean]>([
    ['worker’s consent alone does not extend', [ext('2026-05-04', null, '2026-05-20')], '2026-05-06', 'law.mediation_art14', true],
    ['respondent’s consent alone does not extend', [ext(null, '2026-05-04', '2026-05-20')], '2026-05-06', 'law.mediation_art14', true],
    ['both consents extend', [ext('2026-05-04', '2026-05-05', '2026-05-20')], '2026-05-20', 'law.mediation_extended_by_consent', false],
    ['the latest agreed extension sets the day', [ext('2026-05-04', '2026-05-04', '2026-05-20'), ext('2026-05-18', '2026-05-19', '2026-06-03')], '2026-06-03', 'law.mediation_extended_by_consent', false],
    ['“latest” is by consent date, not list order', [ext('2026-05-18', '2026-05-19', '2026-06-03'), ext('2026-05-04', '2026-05-04', '2026-05-20')], '2026-06-03', 'law.mediation_extended_by_consent', false],
    ['a later one-sided extension does not replace an agreed one', [ext('2026-05-04', '2026-05-04', '2026-05-20'), ext('2026-05-18', null, '2026-06-30')], '2026-05-20', 'law.mediation_extended_by_consent', false],
    ['an “extension” cannot shorten the statutory period', [ext('2026-04-20', '2026-04-20', '2026-05-01')], '2026-05-06', 'law.mediation_art14', true],
    ['the agreed day is taken as agreed, even a Sat (2026-05-23, ordinary weekend)', [ext('2026-05-04', '2026-05-04', '2026-05-23')], '2026-05-23', 'law.mediation_extended_by_consent', false],
  ])('%s', (_why, extensions, due, basis, open) => {
    const result = computeClocks(facts({ applicationReceivedOn: '2026-04-16', mediationExtensions: extensions }), cal, '2026-05-07')
    const m = only(result.clocks, 'mediation')
    expect(m).toMatchObject({ due, basis })
    expect(m.statutoryDue).toBe(basis === 'law.mediation_art14' ? undefined : '2026-05-06')
    expect(result.arbitrationOpen).toBe(open)
  })

  test('an agreement within the extended period is on time', () => {
    const { clocks } = computeClocks(facts({
      applicationReceivedOn: '2026-04-16', mediationExtensions: [ext('2026-05-04', '2026-05-04', '2026-05-20')], agreementEffectiveOn: '2026-05-15',
    }), cal, '2026-05-20')
    expect(only(clocks, 'mediation')).toMatchObject({ status: 'met', late: false, due: '2026-05-20' })
  })
})

describe('court-referred mediation: the court’s clock instead (特邀调解规定 Art. 27)', () => {
  test.each<[CourtReferralKind, string, string, string, string]>([
    ['entrusted_pre_filing', '2026-04-16', '2026-05-18', 'law.court_entrusted_art27', '委派 30: day 30 = Sat 05-16, ordinary weekend → Mon 05-18'],
    ['entrusted_pre_filing', '2025-09-01', '2025-10-09', 'law.court_entrusted_art27', '委派 30: day 30 = 10-01, in 2025-10-01..08 rest → Thu 10-09'],
    ['commissioned', '2026-04-16', '2026-05-06', 'law.court_commissioned_art27', '委托 15: day 15 = 05-01, in 2026-05-01..05 rest'],
    ['commissioned', '2026-01-20', '2026-02-04', 'law.court_commissioned_art27', '委托 15: day 15 = Wed 02-04, before 2026-02-15..23 rest'],
    ['commissioned_simple', '2026-09-24', '2026-10-08', 'law.court_commissioned_simple_art27', '委托 simple 7: day 7 = 10-01, in 2026-10-01..07 rest → Thu 10-08'],
    ['commissioned_simple', '2026-02-07', '2026-02-14', 'law.court_commissioned_simple_art27', '委托 simple 7: day 7 = Sat 02-14, makeup_workday'],
  ])('%s received %s → due %s', (kind, receivedOn, due, basis) => {
    const { clocks } = computeClocks(facts({ courtReferral: { kind, receivedOn } }), cal, receivedOn)
    expect(clocks).toEqual([{ kind: 'court_mediation', basis, start: receivedOn, due, daysLeft: expect.any(Number), status: 'running' }])
  })

  test('with an application recorded too, the court clock replaces the mediation clock', () => {
    const { clocks } = computeClocks(facts({ applicationReceivedOn: '2026-04-16', courtReferral: { kind: 'entrusted_pre_filing', receivedOn: '2026-04-20' } }), cal, '2026-04-20')
    // 委派 30 from 04-20: day 30 = Wed 05-20.
    expect(clocks.map((c) => [c.kind, c.due])).toEqual([['acceptance', '2026-04-21'], ['court_mediation', '2026-05-20']])
  })

  test('the court period lapsing shows the arbitration route too', () => {
    const result = computeClocks(facts({ courtReferral: { kind: 'commissioned_simple', receivedOn: '2026-09-24' } }), cal, '2026-10-09')
    expect(only(result.clocks, 'court_mediation')).toMatchObject({ status: 'overdue', daysLeft: -1 })
    expect(result.arbitrationOpen).toBe(true)
  })

  test('both parties may extend the court period', () => {
    const { clocks } = computeClocks(facts({
      courtReferral: { kind: 'entrusted_pre_filing', receivedOn: '2026-04-16' }, mediationExtensions: [ext('2026-05-10', '2026-05-11', '2026-06-30')],
    }), cal, '2026-05-19')
    expect(only(clocks, 'court_mediation')).toMatchObject({ due: '2026-06-30', statutoryDue: '2026-05-18', basis: 'law.court_extended_by_consent', status: 'running' })
  })
})

describe('after an agreement: arbitral review 15 days (办案规则 Art. 74), judicial confirmation 30 days (民诉法 Art. 205)', () => {
  test.each<[string, string | null, string | null, string]>([
    ['2026-09-16', '2026-10-08', '2026-10-16', 'review: day 15 = 10-01, in 2026-10-01..07 rest → Thu 10-08; confirmation: day 30 = Fri 10-16'],
    ['2024-09-14', '2024-09-29', '2024-10-14', 'effective on Sat 2024-09-14 (makeup); day 15 = Sun 09-29, makeup_workday; day 30 = Mon 10-14'],
    ['2025-01-03', '2025-01-20', '2025-02-05', 'day 15 = Sat 01-18, ordinary weekend → Mon 01-20; day 30 = 02-02, in 2025-01-28..02-04 rest → Wed 02-05'],
    ['2026-12-10', '2026-12-25', null, 'day 15 = Fri 12-25; day 30 = 2027-01-09: calendar not loaded'],
  ])('effective %s → review %s, confirmation %s (%s)', (effective, review, confirmation) => {
    const { clocks } = computeClocks(facts({ agreementEffectiveOn: effective }), cal, effective)
    expect(only(clocks, 'arbitral_review')).toMatchObject({ basis: 'law.arbitral_review_art74', start: effective, due: review })
    expect(only(clocks, 'judicial_confirmation')).toMatchObject({ basis: 'law.judicial_confirmation_art205', start: effective, due: confirmation })
    if (confirmation === null) expect(only(clocks, 'judicial_confirmation')).toMatchObject({ status: 'calendar_missing', missingYear: 2027 })
  })

  test('applying for one route meets it and makes the other moot', () => {
    const { clocks } = computeClocks(facts({ agreementEffectiveOn: '2026-09-16', judicialConfirmationAppliedOn: '2026-09-20' }), cal, '2026-10-20')
    expect(only(clocks, 'judicial_confirmation')).toMatchObject({ status: 'met', endedOn: '2026-09-20', late: false })
    expect(only(clocks, 'arbitral_review')).toMatchObject({ status: 'stopped', endedOn: '2026-09-20' })
  })

  test('neither applied for: both run out', () => {
    const { clocks } = computeClocks(facts({ agreementEffectiveOn: '2026-09-16' }), cal, '2026-10-09')
    expect(only(clocks, 'arbitral_review')).toMatchObject({ status: 'overdue', daysLeft: -1 })
    // (10-09, 10-16]: Sat 10-10 makeup, 10-12..16 = 6 working days.
    expect(only(clocks, 'judicial_confirmation')).toMatchObject({ status: 'running', daysLeft: 7 })
  })
})

describe('referral acknowledgment: default 2 working days', () => {
  test('the default is 2', () => {
    expect(DEFAULT_ACK_WORKING_DAYS).toBe(2)
  })

  test.each<[string, number | undefined, string | null, string]>([
    ['2026-04-17', undefined, '2026-04-21', 'Fri: ordinary weekend, Mon 04-20 (1), Tue 04-21 (2)'],
    ['2026-05-08', undefined, '2026-05-11', 'Fri: Sat 05-09 makeup (1), ordinary Sun, Mon 05-11 (2)'],
    ['2026-09-30', undefined, '2026-10-09', '2026-10-01..07 rest, Thu 10-08 (1), Fri 10-09 (2)'],
    ['2024-02-08', undefined, '2024-02-18', 'Fri 02-09 (1), 2024-02-10..17 rest, Sun 02-18 makeup (2)'],
    ['2026-04-17', 5, '2026-04-24', 'configured 5: Mon 04-20 .. Fri 04-24'],
    ['2026-12-30', undefined, null, 'Thu 12-31 (1), then 2027-01-01 unknown'],
  ])('sent %s, %s working days → %s (%s)', (sentOn, ackWorkingDays, due) => {
    const { clocks } = computeClocks(facts({ referrals: [{ sentOn, acknowledgedOn: null, ...(ackWorkingDays ? { ackWorkingDays } : {}) }] }), cal, sentOn)
    expect(only(clocks, 'referral_ack')).toMatchObject({ basis: 'ours.referral_ack', start: sentOn, due, subject: { referralIndex: 0 } })
  })

  test('each referral has its own clock', () => {
    const { clocks } = computeClocks(facts({
      referrals: [{ sentOn: '2026-04-17', acknowledgedOn: '2026-04-21' }, { sentOn: '2026-04-17', acknowledgedOn: null }],
    }), cal, '2026-04-22')
    expect(clocks.map((c) => [c.subject, c.status, c.daysLeft])).toEqual([
      [{ referralIndex: 0 }, 'met', null],
      [{ referralIndex: 1 }, 'overdue', -1],
    ])
  })
})

describe('arbitration limitation per worker (调解仲裁法 Art. 27)', () => {
  test.each<[string, Partial<WorkerLimitationFacts>, Partial<Clock>]>([
    ['¶1: one year from knowing; Tue 2026-03-10', { knewOn: '2025-03-10' }, { basis: 'law.limitation_art27', start: '2025-03-10', due: '2026-03-10' }],
    ['¶1: 2026-10-03 in 2026-10-01..07 rest → Thu 10-08', { knewOn: '2025-10-03' }, { due: '2026-10-08' }],
    ['¶1: 2026-02-15 in 2026-02-15..23 rest → Tue 02-24', { knewOn: '2025-02-15' }, { due: '2026-02-24' }],
    ['¶1: knew on leap day 2024-02-29 → Fri 2025-02-28', { knewOn: '2024-02-29' }, { due: '2025-02-28' }],
    ['¶1: Thu 2026-12-31, no 2027 needed', { knewOn: '2025-12-31' }, { due: '2026-12-31' }],
    ['¶1: 2027-01-05 needs 2027', { knewOn: '2026-01-05' }, { due: null, status: 'calendar_missing', missingYear: 2027 }],
    ['¶1: no knew date: the leave date stands in; Sat 2026-08-01 ordinary → Mon 08-03', { leftOn: '2025-08-01' }, { start: '2025-08-01', due: '2026-08-03' }],
    ['no date at all: not started', {}, { basis: 'law.limitation_art27', start: null, due: null, status: 'not_started' }],
    ['¶4: wage arrears while employed: no limitation', { disputeTypes: ['wages'], knewOn: '2025-03-10' }, { basis: 'law.limitation_art27_wages_employed', start: null, due: null, daysLeft: null, status: 'not_started' }],
    ['¶4: overtime pay while employed: no limitation', { disputeTypes: ['wages', 'overtime'] }, { status: 'not_started' }],
    ['¶4: after leaving, one year from the leave date; Tue 2026-06-30', { disputeTypes: ['wages'], knewOn: '2024-01-15', leftOn: '2025-06-30' }, { basis: 'law.limitation_art27_wages_after_leaving', start: '2025-06-30', due: '2026-06-30' }],
    ['¶4: left 2025-05-31 → Sun 2026-05-31 ordinary → Mon 06-01', { disputeTypes: ['wages'], leftOn: '2025-05-31' }, { due: '2026-06-01' }],
    ['¶4: left 2025-01-01 → 2026-01-01..03 rest → Sun 01-04 makeup_workday', { disputeTypes: ['wages'], leftOn: '2025-01-01' }, { due: '2026-01-04' }],
    ['wages mixed with dismissal while employed: the dismissal year binds', { disputeTypes: ['wages', 'dismissal'], knewOn: '2025-03-10' }, { basis: 'law.limitation_art27', due: '2026-03-10' }],
  ])('%s', (_why, w, expected) => {
    const { clocks } = computeClocks(facts({ workers: [worker(w)] }), cal, '2025-12-01')
    expect(only(clocks, 'limitation')).toMatchObject({ kind: 'limitation', subject: { workerIndex: 0 }, ...expected })
  })

  test.each<[string, Partial<WorkerLimitationFacts>, Partial<Clock>]>([
    ['¶2: an interruption restarts the full year: 2025-11-20 → Fri 2026-11-20',
      { knewOn: '2025-03-10', interruptions: ['2025-11-20'] }, { start: '2025-03-10', interruptedOn: '2025-11-20', due: '2026-11-20' }],
    ['¶2: the last of several interruptions counts: Wed 2026-09-30',
      { knewOn: '2025-03-10', interruptions: ['2025-09-30', '2025-06-01'] }, { interruptedOn: '2025-09-30', due: '2026-09-30' }],
    ['¶2: an interruption after the year ran out (Mon 2025-03-10) does not revive it',
      { knewOn: '2024-03-10', interruptions: ['2025-04-01'] }, { due: '2025-03-10', interruptedOn: undefined }],
    ['¶2: the rolled last day still counts: 2025-10-05 in 2025-10-01..08 rest runs to 10-09; interrupted 10-08 → Thu 2026-10-08',
      { knewOn: '2024-10-05', interruptions: ['2025-10-08'] }, { interruptedOn: '2025-10-08', due: '2026-10-08' }],
    ['¶2: after the rolled last day (Thu 2025-10-09) it is too late',
      { knewOn: '2024-10-05', interruptions: ['2025-10-10'] }, { due: '2025-10-09', interruptedOn: undefined }],
    ['¶2: an interruption before the knew date is ignored',
      { knewOn: '2025-03-10', interruptions: ['2025-01-01'] }, { due: '2026-03-10', interruptedOn: undefined }],
    ['¶2 with ¶4: a demand made while still employed is ignored; the year runs from leaving',
      { disputeTypes: ['wages'], leftOn: '2025-06-30', interruptions: ['2025-03-01'] }, { due: '2026-06-30', interruptedOn: undefined }],
    ['¶2: a restart into 2027 needs 2027', { knewOn: '2025-03-10', interruptions: ['2026-01-20'] }, { status: 'calendar_missing', missingYear: 2027, interruptedOn: '2026-01-20' }],
    ['¶3: a suspension of 30 days (07-01 → 07-31) adds 30: 2026-03-10 + 30 = Thu 04-09',
      { knewOn: '2025-03-10', suspensions: [{ from: '2025-07-01', to: '2025-07-31' }] }, { suspendedDays: 30, due: '2026-04-09' }],
    ['¶3: 26 days land on 2026-04-05, in 2026-04-04..06 rest (Qingming) → Tue 04-07',
      { knewOn: '2025-03-10', suspensions: [{ from: '2025-07-01', to: '2025-07-27' }] }, { suspendedDays: 26, due: '2026-04-07' }],
    ['¶3: overlapping suspensions count once: 07-01 → 07-31 = 30 days → Thu 2026-04-09',
      { knewOn: '2025-03-10', suspensions: [{ from: '2025-07-01', to: '2025-07-20' }, { from: '2025-07-10', to: '2025-07-31' }] }, { suspendedDays: 30, due: '2026-04-09' }],
    ['¶3: a suspension after the year ran out (Mon 2025-03-10) changes nothing',
      { knewOn: '2024-03-10', suspensions: [{ from: '2025-04-01', to: '2025-05-01' }] }, { due: '2025-03-10', suspendedDays: undefined }],
    ['¶3: one begun in the last days carries the period: 03-01 → 04-15 = 45 days, 2026-03-10 + 45 = Fri 04-24',
      { knewOn: '2025-03-10', suspensions: [{ from: '2026-03-01', to: '2026-04-15' }] }, { suspendedDays: 45, due: '2026-04-24' }],
    ['¶3: a second one begun inside the prolonged period counts: +45 → 04-24, then 04-20 → 04-30 +10 → 05-04, in 2026-05-01..05 rest → Wed 05-06',
      { knewOn: '2025-03-10', suspensions: [{ from: '2026-04-20', to: '2026-04-30' }, { from: '2026-03-01', to: '2026-04-15' }] }, { suspendedDays: 55, due: '2026-05-06' }],
    ['¶3: that second one alone begins after Tue 2026-03-10 and is ignored',
      { knewOn: '2025-03-10', suspensions: [{ from: '2026-04-20', to: '2026-04-30' }] }, { due: '2026-03-10', suspendedDays: undefined }],
    ['¶2 after ¶3: a suspension before the interruption is wiped out by the fresh year: Mon 2026-06-01',
      { knewOn: '2025-03-10', suspensions: [{ from: '2025-04-01', to: '2025-05-01' }], interruptions: ['2025-06-01'] }, { interruptedOn: '2025-06-01', due: '2026-06-01', suspendedDays: undefined }],
    ['¶2 inside ¶3: the part of a suspension after the interruption counts: 06-11 → 07-01 = 20 days, 2026-06-11 + 20 = Wed 07-01',
      { knewOn: '2025-03-10', suspensions: [{ from: '2025-06-01', to: '2025-07-01' }], interruptions: ['2025-06-11'] }, { interruptedOn: '2025-06-11', suspendedDays: 20, due: '2026-07-01' }],
  ])('%s', (_why, w, expected) => {
    const { clocks } = computeClocks(facts({ workers: [worker(w)] }), cal, '2025-03-01')
    const c = only(clocks, 'limitation')
    expect(c).toMatchObject(Object.fromEntries(Object.entries(expected).filter(([, v]) => v !== undefined)))
    for (const [k, v] of Object.entries(expected)) if (v === undefined) expect(c, k).not.toHaveProperty(k)
  })

  test('each worker runs on their own, in order', () => {
    const { clocks } = computeClocks(facts({
      workers: [worker({ knewOn: '2025-03-10' }), worker({ disputeTypes: ['wages'] }), worker({ disputeTypes: ['wages'], leftOn: '2025-03-06' })],
    }), cal, '2026-03-09')
    expect(clocks.map((c) => [c.subject, c.due, c.daysLeft, c.status])).toEqual([
      // (03-09, 03-10]: 1 working day.
      [{ workerIndex: 0 }, '2026-03-10', 1, 'due_soon'],
      [{ workerIndex: 1 }, null, null, 'not_started'],
      // Fri 2026-03-06, three days ago.
      [{ workerIndex: 2 }, '2026-03-06', -3, 'overdue'],
    ])
  })
})

describe('correcting a trigger date recomputes every clock', () => {
  const base = {
    mediationExtensions: [], referrals: [{ sentOn: '2026-04-17', acknowledgedOn: null }],
    workers: [worker({ knewOn: '2025-03-10' })],
  }

  test('application received 2026-04-16 corrected to 2026-04-23', () => {
    const before = computeClocks(facts({ ...base, applicationReceivedOn: '2026-04-16' }), cal, '2026-04-24')
    const after = computeClocks(facts({ ...base, applicationReceivedOn: '2026-04-23' }), cal, '2026-04-24')
    expect(before.clocks.map((c) => [c.kind, c.due])).toEqual([
      ['acceptance', '2026-04-21'], ['mediation', '2026-05-06'], ['referral_ack', '2026-04-21'], ['limitation', '2026-03-10'],
    ])
    // Thu 04-23: Fri 04-24 (1), Mon 04-27 (2), Tue 04-28 (3); day 15 = Fri 05-08, a working day.
    expect(after.clocks.map((c) => [c.kind, c.due])).toEqual([
      ['acceptance', '2026-04-28'], ['mediation', '2026-05-08'], ['referral_ack', '2026-04-21'], ['limitation', '2026-03-10'],
    ])
    expect(only(before.clocks, 'acceptance').status).toBe('overdue')
    // (04-24, 04-28]: Mon 04-27, Tue 04-28 = 2 working days.
    expect(only(after.clocks, 'acceptance').status).toBe('due_soon')
  })

  test('agreement date corrected from 2026-09-16 to 2026-09-09', () => {
    const before = computeClocks(facts({ agreementEffectiveOn: '2026-09-16' }), cal, '2026-09-20')
    const after = computeClocks(facts({ agreementEffectiveOn: '2026-09-09' }), cal, '2026-09-20')
    // 09-09 + 15 = Thu 09-24; + 30 = 10-09 (Fri, after 2026-10-01..07 rest).
    expect(after.clocks.map((c) => [c.kind, c.due])).toEqual([['arbitral_review', '2026-09-24'], ['judicial_confirmation', '2026-10-09']])
    expect(before.clocks.map((c) => [c.kind, c.due])).toEqual([['arbitral_review', '2026-10-08'], ['judicial_confirmation', '2026-10-16']])
  })

  test('a worker’s knew date corrected', () => {
    const a = computeClocks(facts({ workers: [worker({ knewOn: '2025-03-10' })] }), cal, '2026-01-01')
    const b = computeClocks(facts({ workers: [worker({ knewOn: '2025-10-03' })] }), cal, '2026-01-01')
    expect(only(a.clocks, 'limitation')).toMatchObject({ due: '2026-03-10', daysLeft: 68 }) // 30 (Jan) + 28 (Feb) + 10
    expect(only(b.clocks, 'limitation')).toMatchObject({ due: '2026-10-08', daysLeft: 280 })
  })
})

describe('whatever the process time zone', () => {
  const originalTz = process.env.TZ
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ
    else process.env.TZ = originalTz
    vi.resetModules()
  })

  const sample = facts({
    applicationReceivedOn: '2026-04-16',
    referrals: [{ sentOn: '2026-05-08', acknowledgedOn: null }],
    workers: [worker({ knewOn: '2025-10-03', suspensions: [{ from: '2026-03-01', to: '2026-03-08' }] })],
  })
  const expected = computeClocks(sample, cal, '2026-04-30')

  test('the reference result is the hand-worked one', () => {
    expect(expected.clocks.map((c) => [c.kind, c.due, c.daysLeft, c.status])).toEqual([
      ['acceptance', '2026-04-21', -9, 'overdue'],
      ['mediation', '2026-05-06', 6, 'due_soon'],
      ['referral_ack', '2026-05-11', 11, 'running'],
      // 2026-10-03 + 7 suspended days = Sat 10-10, a makeup_workday.
      ['limitation', '2026-10-10', 163, 'running'],
    ])
  })

  test.each(['UTC', 'America/Los_Angeles', 'Asia/Shanghai', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'])('TZ=%s gives the same clocks, also with modules loaded in that zone', async (tz) => {
    process.env.TZ = tz
    vi.resetModules()
    const fresh = await import('../../src/domain/clocks.ts')
    const freshCal = (await import('../../src/domain/working-calendar.ts')).calendarFrom(rows, [2024, 2025, 2026])
    expect(fresh.computeClocks(sample, freshCal, '2026-04-30')).toEqual(expected)
    expect(computeClocks(sample, cal, '2026-04-30')).toEqual(expected)
  })
})

describe('bad input', () => {
  test.each(['2026-4-30', '2026-02-30', ''])('today %j is refused', (today) => {
    expect(() => computeClocks(facts(), cal, today)).toThrow(RangeError)
  })
})
