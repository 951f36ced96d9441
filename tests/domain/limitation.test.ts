import { describe, expect, test } from 'vitest'
import { limitationDeadline, type LimitationFacts } from '../../src/domain/limitation.ts'

/** Dispute types, knew date, leave date, expected deadline, why. */
type Row = [string[], string | null, string | null, string | null, string]

const facts = (disputeTypes: string[], knewDate: string | null, leaveDate: string | null): LimitationFacts => ({ disputeTypes, knewDate, leaveDate })

describe('wage arrears (调解仲裁法 Art. 27 ¶4)', () => {
  test.each<Row>([
    [['wages'], null, null, null, 'still employed, nothing known: no limit'],
    [['wages'], '2025-03-10', null, null, 'still employed though the arrears are known: no limit'],
    [['overtime'], '2025-03-10', null, null, 'overtime pay while employed: no limit'],
    [['wages', 'overtime'], '2025-03-10', null, null, 'wages and overtime while employed: no limit'],
    [['wages'], null, '2025-06-30', '2026-06-30', 'after leaving: one year from the leave date'],
    [['wages'], '2024-01-15', '2025-06-30', '2026-06-30', 'after leaving, the knew date does not shorten it'],
    [['wages'], '2025-09-01', '2025-06-30', '2026-06-30', 'after leaving, a later knew date does not extend it'],
    [['overtime'], null, '2025-06-30', '2026-06-30', 'overtime after leaving'],
    [['wages', 'overtime'], null, '2025-12-31', '2026-12-31', 'wages and overtime after leaving'],
    [['wages'], null, '2024-02-29', '2025-02-28', 'left on 29 Feb: ends 28 Feb of the next (common) year'],
    [['wages'], null, '2027-02-28', '2028-02-28', 'left on 28 Feb before a leap year: 28 Feb, not 29'],
  ])('%j, knew %s, left %s → %s (%s)', (types, knew, leave, expected) => {
    expect(limitationDeadline(facts(types, knew, leave))).toBe(expected)
  })
})

describe('other disputes: one year from knowing (Art. 27 ¶1)', () => {
  test.each<Row>([
    [['dismissal'], '2025-03-10', null, '2026-03-10', 'knew date only'],
    [['dismissal'], '2025-03-10', '2025-03-10', '2026-03-10', 'dismissed and knew the same day'],
    [['social_insurance'], '2025-03-10', '2025-09-30', '2026-03-10', 'knew date wins over a later leave date'],
    [['social_insurance'], '2025-09-30', '2025-03-10', '2026-09-30', 'knew date wins over an earlier leave date'],
    [['work_injury'], null, '2025-08-01', '2026-08-01', 'no knew date: one year from leaving'],
    [['compensation'], null, null, null, 'no dates at all: unknown'],
    [['labour_relationship'], '2024-02-29', null, '2025-02-28', 'knew on 29 Feb'],
    [['other'], null, '2024-02-29', '2025-02-28', 'left on 29 Feb, no knew date'],
    [['collective_contract'], '2025-01-01', null, '2026-01-01', 'collective contract'],
    [[], '2025-01-01', null, '2026-01-01', 'no type chosen yet'],
    [[], null, null, null, 'no type and no dates'],
  ])('%j, knew %s, left %s → %s (%s)', (types, knew, leave, expected) => {
    expect(limitationDeadline(facts(types, knew, leave))).toBe(expected)
  })
})

describe('wages mixed with another type: the other claim’s clock decides', () => {
  test.each<Row>([
    [['wages', 'dismissal'], '2025-03-10', null, '2026-03-10', 'wages + dismissal while employed, knew date given'],
    [['wages', 'social_insurance'], null, '2025-06-30', '2026-06-30', 'wages + social insurance after leaving'],
    [['wages', 'compensation'], null, null, null, 'wages + compensation, no dates'],
    [['overtime', 'other'], '2025-05-05', '2025-07-07', '2026-05-05', 'overtime + other: knew date'],
  ])('%j, knew %s, left %s → %s (%s)', (types, knew, leave, expected) => {
    expect(limitationDeadline(facts(types, knew, leave))).toBe(expected)
  })
})
