export type Latency = { p50: number; p95: number; p99: number }

/**
 * Nearest-rank percentile of sorted milliseconds: the smallest value at or below which p% of them
 * fall. autocannon's own percentiles skip p95 (they jump from 90 to 97.5), so we keep every
 * response's time and rank them ourselves.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) throw new Error('percentile of no values')
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!
}

export function latencySummary(milliseconds: readonly number[]): Latency | null {
  if (milliseconds.length === 0) return null
  const sorted = Float64Array.from(milliseconds).sort()
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) }
}
