import { describe, expect, test } from 'vitest'
import { addressThrottled, afterFailure, isLocked, LOCK_DURATION_MS } from '../../src/domain/login-throttle.ts'

const now = new Date('2026-11-20T08:00:00Z')

describe('afterFailure', () => {
  test.each([
    [0, 1, false],
    [3, 4, false],
    [4, 5, true],
    [5, 6, true],
  ])('after %s failures, one more makes %s; locked: %s', (previous, failures, locks) => {
    const r = afterFailure(previous, now)
    expect(r.failures).toBe(failures)
    expect(r.lockUntil?.getTime()).toBe(locks ? now.getTime() + LOCK_DURATION_MS : undefined)
  })
})

describe('isLocked', () => {
  test.each([
    [null, false],
    [new Date(now.getTime() + 1), true],
    [new Date(now.getTime()), false],
    [new Date(now.getTime() - 60_000), false],
  ])('locked until %s → %s', (until, expected) => {
    expect(isLocked(until, now)).toBe(expected)
  })
})

describe('addressThrottled', () => {
  test.each([
    [0, 0, false],
    [5, 5, false],
    [6, 6, true],
    [0, 29, false],
    [0, 30, true],
    [2, 31, true],
  ])('%s failures in the last minute, %s in the hour → %s', (minute, hour, expected) => {
    expect(addressThrottled(minute, hour)).toBe(expected)
  })
})
