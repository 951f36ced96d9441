import { describe, expect, test } from 'vitest'
import {
  agreementPerformance, allocatePaid, checkAgreementMoney, instalmentStatus, MAX_INSTALMENTS, remainingFen, totalAgreed, totalClaimed,
  type AgreedItem, type InstalmentState, type PlannedInstalment,
} from '../../src/domain/agreement.ts'

const item = (claimedFen: bigint, agreedFen: bigint): AgreedItem => ({ claimedFen, agreedFen })
const inst = (dueOn: string, amountFen: bigint): PlannedInstalment => ({ dueOn, amountFen })
const EFFECTIVE = '2026-11-19'

describe('checkAgreementMoney', () => {
  test('a wage claim of ¥12,345.67 agreed at ¥10,000.30, paid in three instalments that add up to the fen', () => {
    // 3,333.43 + 3,333.43 + 3,333.44 = 10,000.30
    const items = [item(1_234_567n, 1_000_030n)]
    const plan = [inst('2026-11-30', 333_343n), inst('2026-12-31', 333_343n), inst('2027-01-31', 333_344n)]
    expect(checkAgreementMoney(items, plan, EFFECTIVE)).toEqual([])
    expect(totalAgreed(items)).toBe(1_000_030n)
    expect(totalClaimed(items)).toBe(1_234_567n)
  })

  test('0.10 + 0.20 is exactly 0.30 in fen (it is not in floating-point yuan)', () => {
    expect(0.1 + 0.2).not.toBe(0.3)
    expect(checkAgreementMoney([item(30n, 30n)], [inst('2026-11-20', 10n), inst('2026-11-21', 20n)], EFFECTIVE)).toEqual([])
  })

  test('instalments one fen short name both sums', () => {
    expect(checkAgreementMoney([item(0n, 1_000_030n)], [inst('2026-12-01', 500_000n), inst('2027-01-01', 500_029n)], EFFECTIVE))
      .toEqual([{ code: 'instalments_sum', instalmentsFen: 1_000_029n, agreedFen: 1_000_030n }])
  })

  test('instalments one fen over name both sums', () => {
    expect(checkAgreementMoney([item(0n, 100n), item(0n, 200n)], [inst('2026-12-01', 301n)], EFFECTIVE))
      .toEqual([{ code: 'instalments_sum', instalmentsFen: 301n, agreedFen: 300n }])
  })

  test('money agreed but no instalment planned', () => {
    expect(checkAgreementMoney([item(500n, 500n)], [], EFFECTIVE)).toEqual([{ code: 'no_instalments', agreedFen: 500n }])
  })

  test('a non-monetary agreement (reinstatement, total 0) has no instalments', () => {
    expect(checkAgreementMoney([item(800_000n, 0n)], [], EFFECTIVE)).toEqual([])
    expect(checkAgreementMoney([], [], EFFECTIVE)).toEqual([])
    expect(checkAgreementMoney([item(800_000n, 0n)], [inst('2026-12-01', 100n)], EFFECTIVE)).toEqual([{ code: 'instalments_without_money' }])
  })

  test('due dates strictly ascending: the same day twice, or going back, is refused at the later row', () => {
    const items = [item(0n, 300n)]
    expect(checkAgreementMoney(items, [inst('2026-12-01', 100n), inst('2026-12-01', 100n), inst('2026-11-30', 100n)], EFFECTIVE))
      .toEqual([{ code: 'due_not_ascending', index: 1 }, { code: 'due_not_ascending', index: 2 }])
  })

  test('a due date before the agreement took effect is refused; on the day itself is fine', () => {
    expect(checkAgreementMoney([item(0n, 200n)], [inst('2026-11-18', 100n), inst('2026-11-19', 100n)], EFFECTIVE))
      .toEqual([{ code: 'due_before_effective', index: 0 }])
  })

  test('at most twelve instalments', () => {
    const twelve = Array.from({ length: MAX_INSTALMENTS }, (_, i) => inst(`2027-${String(i + 1).padStart(2, '0')}-01`, 100n))
    expect(checkAgreementMoney([item(0n, 1_200n)], twelve, EFFECTIVE)).toEqual([])
    const thirteen = [...twelve, inst('2028-01-01', 100n)]
    expect(checkAgreementMoney([item(0n, 1_300n)], thirteen, EFFECTIVE)).toEqual([{ code: 'too_many_instalments', count: 13, max: 12 }])
  })

  test('an instalment of zero or less, and a negative agreed amount, are each named', () => {
    expect(checkAgreementMoney([item(0n, -1n), item(0n, 101n)], [inst('2026-12-01', 0n), inst('2026-12-02', 100n)], EFFECTIVE))
      .toEqual([{ code: 'negative_agreed', index: 0 }, { code: 'instalment_not_positive', index: 0 }])
  })
})

describe('instalmentStatus', () => {
  const due = (paidFen: bigint): InstalmentState => ({ amountFen: 10_000n, paidFen, dueOn: '2026-11-20' })
  test.each([
    [0n, '2026-11-19', 'due', 'nothing paid, before the due date'],
    [0n, '2026-11-20', 'due', 'nothing paid, on the due date'],
    [0n, '2026-11-21', 'overdue', 'nothing paid, the day after'],
    [1n, '2026-11-20', 'partly', 'one fen paid, on the due date'],
    [9_999n, '2026-11-21', 'overdue', 'one fen short, the day after'],
    [10_000n, '2026-11-21', 'paid', 'paid in full, late'],
    [10_000n, '2026-11-01', 'paid', 'paid in full, early'],
    [10_001n, '2026-11-01', 'paid', 'paid more than due'],
  ] as const)('paid %s fen on %s → %s (%s)', (paid, today, status, _why) => {
    expect(instalmentStatus(due(paid), today)).toBe(status)
  })

  test('what remains is never negative', () => {
    expect(remainingFen({ amountFen: 10_000n, paidFen: 2_345n })).toBe(7_655n)
    expect(remainingFen({ amountFen: 10_000n, paidFen: 12_000n })).toBe(0n)
  })
})

describe('agreementPerformance', () => {
  const a = (paidFen: bigint): InstalmentState => ({ amountFen: 100n, paidFen, dueOn: '2026-12-01' })
  const b = (paidFen: bigint): InstalmentState => ({ amountFen: 200n, paidFen, dueOn: '2027-01-01' })
  test.each([
    ['2026-11-20', [a(0n), b(0n)], 'performing', 'nothing paid, nothing due yet'],
    ['2026-11-20', [a(50n), b(0n)], 'partly', 'part of the first paid'],
    ['2026-11-20', [a(100n), b(0n)], 'partly', 'the first paid, the second not yet due'],
    ['2026-12-02', [a(0n), b(0n)], 'overdue', 'the first due date passed unpaid'],
    ['2026-12-02', [a(99n), b(200n)], 'overdue', 'one fen short on a passed instalment, even with the rest paid'],
    ['2027-01-02', [a(100n), b(199n)], 'overdue', 'the last one fen short'],
    ['2027-06-01', [a(100n), b(200n)], 'performed', 'everything paid'],
    ['2026-11-20', [a(100n), b(200n)], 'performed', 'everything paid early'],
    ['2030-01-01', [], 'performing', 'a non-monetary agreement stays performing until closed'],
  ] as const)('on %s → %s (%s)', (today, instalments, performance, _why) => {
    expect(agreementPerformance(instalments, today)).toBe(performance)
  })
})

describe('allocatePaid: claim by claim, in the order listed', () => {
  test.each([
    [[1_000_000n, 500_000n], 0n, [0n, 0n], 'nothing paid'],
    [[1_000_000n, 500_000n], 1n, [1n, 0n], 'one fen goes to the first item'],
    [[1_000_000n, 500_000n], 1_000_000n, [1_000_000n, 0n], 'the first item exactly'],
    [[1_000_000n, 500_000n], 1_000_001n, [1_000_000n, 1n], 'one fen spills to the second'],
    [[1_000_000n, 500_000n], 1_500_000n, [1_000_000n, 500_000n], 'everything'],
    [[1_000_000n, 500_000n], 1_600_000n, [1_000_000n, 500_000n], 'a surplus is not placed'],
    [[0n, 30n], 10n, [0n, 10n], 'an item agreed at 0 (reinstatement) takes nothing'],
    [[10n, 20n], 30n, [10n, 20n], '0.10 + 0.20 = 0.30 exactly'],
    [[], 100n, [], 'no items'],
    [[500n], -5n, [0n], 'a negative total places nothing'],
  ] as const)('%s with %s paid → %s (%s)', (agreed, paid, expected, _why) => {
    const shares = allocatePaid(agreed, paid)
    expect(shares).toEqual(expected)
  })
})
