import { errorCount, perSecond, ratioToBare, type ScenarioResult } from './bench-result.ts'
import type { TargetRow } from './targets.ts'

// The markdown tables of the report; the bench prints the first two as they are.

export const int = (n: number) => Math.round(n).toLocaleString('en-US')
const ms = (n: number | undefined) => (n === undefined ? '—' : n.toFixed(1))
/** A pipe inside a cell would end it. */
export const cell = (s: string) => s.replace(/\|/g, '\\|')

function errorsCell(r: ScenarioResult): string {
  const total = errorCount(r)
  if (total === 0) return '0'
  const parts = Object.entries(r.unexpected).map(([status, n]) => `${status}×${int(n)}`)
  if (r.timeouts) parts.push(`timeouts×${int(r.timeouts)}`)
  if (r.socketErrors) parts.push(`socket×${int(r.socketErrors)}`)
  return `${int(total)} (${parts.join(', ')})`
}

export function resultsTable(results: readonly ScenarioResult[]): string {
  const lines = [
    '| Scenario | Request | req/s | p50 ms | p95 ms | p99 ms | Errors | vs bare |',
    '|---|---|--:|--:|--:|--:|--:|--:|',
  ]
  for (const r of results) {
    const ratio = ratioToBare(r, results)
    lines.push(`| ${cell(r.name)} | \`${cell(r.request)}\` | ${int(perSecond(r))} | ${ms(r.latency?.p50)} | ${ms(r.latency?.p95)} | ${ms(r.latency?.p99)} | ${errorsCell(r)} | ${ratio === null ? '—' : ratio.toFixed(3)} |`)
  }
  return lines.join('\n')
}

export function targetsTable(rows: readonly TargetRow[]): string {
  const mark = { pass: '✅ pass', FAIL: '❌ FAIL', 'not run': '— not run' } as const
  return ['| Target | Measured | Result |', '|---|--:|---|', ...rows.map((r) => `| ${cell(r.target)} | ${cell(r.measured)} | ${mark[r.verdict]} |`)].join('\n')
}

/** Per successful request, where the CPU went: the server, PostgreSQL, the load tool; and how many cores were busy. */
export function cpuTable(results: readonly ScenarioResult[]): string | null {
  const measured = results.filter((r) => r.cpu && r.ok > 0)
  if (measured.length === 0) return null
  const lines = [
    '| Scenario | Server ms/req | PostgreSQL ms/req | Load tool ms/req | Cores busy |',
    '|---|--:|--:|--:|--:|',
  ]
  for (const r of measured) {
    const c = r.cpu!
    const busy = (c.serverMs + c.postgresMs + c.loadMs) / (r.seconds * 1000)
    lines.push(`| ${cell(r.name)} | ${(c.serverMs / r.ok).toFixed(2)} | ${(c.postgresMs / r.ok).toFixed(2)} | ${(c.loadMs / r.ok).toFixed(2)} | ${busy.toFixed(2)} |`)
  }
  return lines.join('\n')
}
