import { describe, expect, test } from 'vitest'
import { cookieExpiry, needsTouch, sessionState } from '../../src/domain/session-expiry.ts'

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 20, 0, 0) + minutes * 60_000)

describe('sessionState', () => {
  test.each([
    ['just created', 0, 0, 'active'],
    ['29 idle minutes', 0, 29, 'active'],
    ['29:59 idle', 0, 29.99, 'active'],
    ['30 idle minutes', 0, 30, 'idle_expired'],
    ['31 idle minutes', 0, 31, 'idle_expired'],
    ['active for 11:59, seen a minute ago', 718, 719, 'active'],
    ['12 hours exactly, seen just now', 720, 720, 'absolute_expired'],
    ['12 h + 1 min, seen a minute ago', 720, 721, 'absolute_expired'],
  ])('%s', (_name, lastSeen, now, expected) => {
    expect(sessionState({ createdAt: at(0), lastSeenAt: at(lastSeen) }, at(now))).toBe(expected)
  })
})

describe('needsTouch', () => {
  test.each([
    [0, false],
    [0.5, false],
    [1, true],
    [10, true],
  ])('%s minutes after the last write → %s', (minutes, expected) => {
    expect(needsTouch({ createdAt: at(0), lastSeenAt: at(0) }, at(minutes))).toBe(expected)
  })
})

describe('cookieExpiry', () => {
  test('is 30 minutes ahead while that is inside the 12 hours', () => {
    expect(cookieExpiry({ createdAt: at(0), lastSeenAt: at(60) }, at(60))).toEqual(at(90))
  })
  test('never outlives the 12-hour limit', () => {
    expect(cookieExpiry({ createdAt: at(0), lastSeenAt: at(700) }, at(700))).toEqual(at(720))
  })
})
