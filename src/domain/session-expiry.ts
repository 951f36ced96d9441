/** Session lifetime (ASVS 5.0 §7.3, 等保 assessor practice): 30 minutes idle, 12 hours in all. */
export const IDLE_TIMEOUT_MS = 30 * 60_000
export const ABSOLUTE_TIMEOUT_MS = 12 * 3_600_000
/** Writing last_seen_at on every request would make every page a write; once a minute is enough. */
export const TOUCH_INTERVAL_MS = 60_000

export type SessionTimes = { createdAt: Date; lastSeenAt: Date }
export type SessionState = 'active' | 'idle_expired' | 'absolute_expired'

export function sessionState(s: SessionTimes, now: Date): SessionState {
  const t = now.getTime()
  if (t - s.createdAt.getTime() >= ABSOLUTE_TIMEOUT_MS) return 'absolute_expired'
  if (t - s.lastSeenAt.getTime() >= IDLE_TIMEOUT_MS) return 'idle_expired'
  return 'active'
}

export function needsTouch(s: SessionTimes, now: Date): boolean {
  return now.getTime() - s.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS
}

/** When the cookie should expire in the browser: whichever limit comes first. */
export function cookieExpiry(s: SessionTimes, now: Date): Date {
  return new Date(Math.min(s.createdAt.getTime() + ABSOLUTE_TIMEOUT_MS, now.getTime() + IDLE_TIMEOUT_MS))
}
