/**
 * Brute-force limits (ASVS 5.0 §6.3; Discourse's per-address defaults). Only *failed* sign-ins
 * count against an address, because a whole town office may share one address behind NAT.
 */
export const LOCK_AFTER_FAILURES = 5
export const LOCK_DURATION_MS = 30 * 60_000
export const ADDRESS_FAILURES_PER_MINUTE = 6
export const ADDRESS_FAILURES_PER_HOUR = 30

export function isLocked(lockedUntil: Date | null, now: Date): boolean {
  return lockedUntil !== null && lockedUntil.getTime() > now.getTime()
}

/** After a failure: the new consecutive count, and the lock to set if this failure reaches the limit. */
export function afterFailure(previousFailures: number, now: Date): { failures: number; lockUntil: Date | null } {
  const failures = previousFailures + 1
  return {
    failures,
    lockUntil: failures >= LOCK_AFTER_FAILURES ? new Date(now.getTime() + LOCK_DURATION_MS) : null,
  }
}

export function addressThrottled(failuresLastMinute: number, failuresLastHour: number): boolean {
  return failuresLastMinute >= ADDRESS_FAILURES_PER_MINUTE || failuresLastHour >= ADDRESS_FAILURES_PER_HOUR
}
