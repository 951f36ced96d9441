/** A worker that ran this long before dying was not crash-looping: its next death restarts at once. */
export const STABLE_AFTER_MS = 60_000
const MAX_DELAY_MS = 30_000

/**
 * How long to wait before replacing a worker that died, given how many times in a row its slot
 * has died young: at once, then 1, 2, 4… s up to 30 s, so a crash at start-up (a database that is
 * down, a bad setting) does not spin the CPU or flood the log.
 */
export function restartDelay(recentDeaths: number): number {
  return recentDeaths === 0 ? 0 : Math.min(MAX_DELAY_MS, 1000 * 2 ** (recentDeaths - 1))
}
