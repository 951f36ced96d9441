import { describe, expect, test } from 'vitest'
import { prng } from '../../src/db/seed/demo-people.ts'
import { intakeForm } from '../../src/bench/intake-form.ts'
import { beijingDate } from '../../src/domain/beijing-date.ts'
import { parseIntake, values, type Body } from '../../src/features/intake/intake.forms.ts'

// The bench counts only 303s as registered cases: a form the app would refuse would measure nothing.
describe('the bench’s intake forms', () => {
  const targets = {
    unitIds: [2, 3, 4],
    respondents: [{ id: 10, kind: 'organisation' }, { id: 11, kind: 'individual' }, { id: 12, kind: 'organisation' }],
  }
  const now = new Date('2026-11-22T03:00:00Z')

  test('a thousand of them all pass the app’s own form checks, and they differ', () => {
    const r = prng(1)
    const keys = new Set<string>()
    const titles = new Set<string>()
    for (let i = 0; i < 1000; i++) {
      const form = intakeForm(r, targets, now.getTime())
      const body: Body = {}
      for (const k of new Set(form.keys())) body[k] = form.getAll(k).length > 1 || k === 'dispute_types' ? form.getAll(k) : form.get(k)!
      const { input, errors } = parseIntake('full', values(body), { today: beijingDate(now), now, defaultChannel: 'rights_officer' })
      expect(errors).toEqual({})
      expect(targets.unitIds).toContain(input!.orgUnitId)
      expect(input!.workers.length).toBeGreaterThan(0)
      keys.add(form.get('_key')!)
      titles.add(input!.title)
    }
    expect(keys.size).toBe(1000)
    expect(titles.size).toBeGreaterThan(10)
  })
})
