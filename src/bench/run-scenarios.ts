import type { Db } from '../db/connect.ts'
import { casesRegisteredInBatch, databaseBackendPids } from './bench.queries.ts'
import { errorCount, perSecond, type ScenarioResult } from './bench-result.ts'
import { cpuDuring, waitUntilIdle } from './cpu-usage.ts'
import { measure, probe } from './load-run.ts'
import type { BenchReport } from './report.ts'
import type { Scenario } from './scenarios.ts'
import { serverProcesses } from './server-memory.ts'

type Load = { connections: number; seconds: number; warmupSeconds: number }
type Target = { baseUrl: string; pid: number; db: Db; officer: string }

function summaryLine(r: ScenarioResult): string {
  const l = r.latency
  const lat = l ? `p50 ${l.p50.toFixed(1)} · p95 ${l.p95.toFixed(1)} · p99 ${l.p99.toFixed(1)} ms` : 'no successful response'
  return `${perSecond(r).toFixed(0)} ${r.id === 'intake' ? 'cases' : 'req'}/s, ${lat}, ${errorCount(r)} errors`
}

/**
 * One scenario after another: a probe request, the uncounted warm-up, the measured run with the
 * CPU each side used, and for intake the count of cases its keys registered.
 */
export async function runScenarios(scenarios: Scenario[], to: Target, load: Load, signal: AbortSignal) {
  const server = () => serverProcesses(to.pid)
  const run = (s: Scenario, seconds: number) => {
    if (signal.aborted) throw new Error('interrupted')
    return measure(to.baseUrl, s, { connections: load.connections, seconds, signal })
  }
  // Requests the load tool abandoned at its stop are still being served: let them finish before
  // the next run starts, or cases are counted.
  const idle = () => waitUntilIdle(server, 30_000)

  const results: ScenarioResult[] = []
  let intake: BenchReport['intake'] = null
  for (const s of scenarios) {
    await probe(to.baseUrl, s)
    process.stdout.write(`${s.name.padEnd(22)} ${s.request} … `)
    if (load.warmupSeconds > 0) {
      await run(s, load.warmupSeconds)
      await idle()
    }
    const batch = s.startBatch?.()
    const { value: r, cpu } = await cpuDuring(() => run(s, load.seconds), { server, postgres: () => databaseBackendPids(to.db) })
    r.cpu = cpu
    await idle()
    if (batch) intake = { counted: r.ok, created: await casesRegisteredInBatch(to.db, to.officer, batch) }
    if (signal.aborted) throw new Error('interrupted')
    results.push(r)
    console.log(summaryLine(r))
  }
  return { results, intake }
}
