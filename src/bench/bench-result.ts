import type { CpuSplit } from './cpu-usage.ts'
import type { Latency } from './latency.ts'

export const SCENARIO_IDS = ['bare', 'list', 'filtered', 'search', 'case', 'dashboard', 'intake'] as const
export type ScenarioId = (typeof SCENARIO_IDS)[number]

/** What one measured run of one scenario gave (the warm-up is not in it). */
export type ScenarioResult = {
  id: ScenarioId
  name: string
  /** What was requested, as a reader would type it: `GET /cases?q=工资`. */
  request: string
  seconds: number
  /** Responses with the expected answer (200 for pages; 303 to the new case for intake). */
  ok: number
  /** Any other answer, by status code. */
  unexpected: Record<string, number>
  /** Connection errors, not counting timeouts. */
  socketErrors: number
  timeouts: number
  /** Of the expected responses only, as autocannon does for 2xx. */
  latency: Latency | null
  /** CPU used during the run, when it could be read (Linux /proc). */
  cpu?: CpuSplit
}

/** The server's resident memory: each process's own peak (VmHWM), and the sampled peak of their sum. */
export type MemoryPeak = {
  processes: { pid: number; peakMb: number }[]
  sampledTotalMb: number
  /** All server processes together once started, before any load. */
  startTotalMb: number
}

/** Successful responses per second; for intake that is cases registered per second. */
export const perSecond = (r: ScenarioResult): number => (r.seconds > 0 ? r.ok / r.seconds : 0)

export const unexpectedCount = (r: ScenarioResult): number => Object.values(r.unexpected).reduce((a, n) => a + n, 0)

/** Every request that did not get the expected answer: 4xx/5xx (or a wrong redirect), socket errors, timeouts. */
export const errorCount = (r: ScenarioResult): number => unexpectedCount(r) + r.socketErrors + r.timeouts

/** Requests per second as a share of the bare route's: how much of the ceiling the page keeps. */
export function ratioToBare(r: ScenarioResult, results: readonly ScenarioResult[]): number | null {
  const bare = results.find((x) => x.id === 'bare')
  if (!bare || perSecond(bare) === 0) return null
  return perSecond(r) / perSecond(bare)
}

/** The largest single process: the figure the RSS target is judged on. */
export const largestProcessMb = (m: MemoryPeak): number => Math.max(0, ...m.processes.map((p) => p.peakMb))
export const totalPeakMb = (m: MemoryPeak): number => m.processes.reduce((a, p) => a + p.peakMb, 0)
