import { perSecond, totalPeakMb, type MemoryPeak, type ScenarioResult } from './bench-result.ts'
import type { Machine } from './machine.ts'
import { cell, cpuTable, int, resultsTable, targetsTable } from './report-tables.ts'
import { judgeTargets } from './targets.ts'

/** The scale issue 7 asks the numbers to be measured at. */
export const TARGET_CASES = 1_000_000

export type BenchReport = {
  date: Date
  command: string
  machine: Machine
  cases: number
  /** How the server was run, in a few words. */
  server: string
  load: { connections: number; seconds: number; warmupSeconds: number }
  results: ScenarioResult[]
  memory: MemoryPeak | null
  /** Intake's 303s counted by the load tool, and the cases the database holds under that run's idempotency keys. */
  intake: { counted: number; created: number } | null
  /** How each scenario's requests were made (which word, which filter, how many case ids). */
  notes: string[]
}

export function scaleWarning(cases: number): string | null {
  if (cases >= TARGET_CASES) return null
  return `fewer than ${int(TARGET_CASES)} cases: these numbers do not show the scale issue 7 asks for (load it with \`npm run seed -- --cases ${TARGET_CASES}\`)`
}

function intakeLine(report: BenchReport): string | null {
  const r = report.results.find((x) => x.id === 'intake')
  if (!r) return null
  let line = `**Intake:** ${perSecond(r).toFixed(0)} cases/s (${int(r.ok)} cases registered in ${r.seconds.toFixed(1)} s).`
  if (report.intake) {
    const extra = report.intake.created - report.intake.counted
    line += ` Checked in the database: the idempotency keys of this run registered ${int(report.intake.created)} cases`
    line += extra === 0 ? ', the same number.' : extra > 0 && extra <= report.load.connections
      ? `: ${int(extra)} more, requests still in flight when the load tool stopped (it drops their answers), which the server completed.`
      : `: that does not match (${extra > 0 ? '+' : ''}${int(extra)}).`
  }
  return line
}

function memoryLine(m: MemoryPeak | null): string {
  if (!m || m.processes.length === 0) return '**Server peak RSS:** not measured.'
  const peaks = m.processes.map((p) => `${p.peakMb.toFixed(0)} MB (pid ${p.pid})`).join(', ')
  const what = m.processes.length === 1 ? `${m.processes[0]!.peakMb.toFixed(1)} MB` : `${totalPeakMb(m).toFixed(0)} MB over ${m.processes.length} processes: ${peaks}`
  return `**Server peak RSS:** ${what} (VmHWM, the kernel's high-water mark). Sampled every 200 ms, the most all server processes held at once was ${m.sampledTotalMb.toFixed(1)} MB (VmRSS); just started, before any load, ${m.startTotalMb.toFixed(1)} MB.`
}

const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`

function cpuSection(results: readonly ScenarioResult[], cpus: number): string[] {
  const table = cpuTable(results)
  if (!table) return []
  return [
    '## Where the CPU went',
    '',
    `CPU time used during each measured run (from /proc), per successful request, and how many of the ${cpus} cores the three kept busy together. ` +
      `Well under ${cpus} means something else on the machine had the rest (or the server waited on locks): measure again on a quiet machine before judging.`,
    '',
    table,
    '',
  ]
}

/** BENCHMARKS.md: everything needed to judge the numbers and to measure them again. */
export function formatReport(report: BenchReport): string {
  const warning = scaleWarning(report.cases)
  const m = report.machine
  const { connections, seconds, warmupSeconds } = report.load
  return [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (src/bench/); run it again to replace this file.',
    '',
    `- Date: ${utc(report.date)}`,
    `- Command: \`${report.command}\``,
    `- Cases in the database: ${int(report.cases)}${warning ? ` — **⚠ ${warning}**` : ''}`,
    `- Server: ${report.server}`,
    `- Load: autocannon, ${connections} connections, ${seconds} s per scenario after a ${warmupSeconds} s warm-up that is not counted, one scenario after another`,
    '',
    '## Machine',
    '',
    '| | |',
    '|---|---|',
    `| CPU | ${cell(m.cpu)} × ${m.cpus} |`,
    `| Memory | ${m.memory} |`,
    `| OS | ${cell(m.os)} |`,
    `| Node | ${m.node} |`,
    `| PostgreSQL | ${cell(m.postgres)} |`,
    '',
    `The load tool and the server (and PostgreSQL) share these ${m.cpus} cores, so every figure is lower than the server alone would reach, and the bare route's most of all.`,
    '',
    '## Results',
    '',
    resultsTable(report.results),
    '',
    ...[intakeLine(report), memoryLine(report.memory)].filter((x): x is string => x !== null).flatMap((l) => [l, '']),
    ...cpuSection(report.results, m.cpus),
    '## Targets',
    '',
    targetsTable(judgeTargets(report.results, report.memory)),
    '',
    '## How to read this',
    '',
    '- **req/s**: responses with the expected answer per second (200 for pages, a 303 to the new case for intake).',
    '- **p50/p95/p99**: latency of those responses, ranked from every response\'s own time (nearest rank), not read off a histogram.',
    '- **Errors**: any other answer (by status code), timeouts and socket errors. A target with errors fails whatever its figure.',
    '- **vs bare**: req/s as a share of the bare route\'s, the ceiling of the same server process with the same middleware.',
    ...report.notes.map((n) => `- ${n}`),
    '',
  ].join('\n')
}
