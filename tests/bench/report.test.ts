import { describe, expect, test } from 'vitest'
import { commandLine, parseBenchOptions } from '../../src/bench/bench-options.ts'
import { ratioToBare, type MemoryPeak, type ScenarioId, type ScenarioResult } from '../../src/bench/bench-result.ts'
import { latencySummary, percentile } from '../../src/bench/latency.ts'
import type { Machine } from '../../src/bench/machine.ts'
import { formatReport, type BenchReport } from '../../src/bench/report.ts'
import { cpuTable, resultsTable } from '../../src/bench/report-tables.ts'
import { judgeTargets } from '../../src/bench/targets.ts'

const result = (id: ScenarioId, more: Partial<ScenarioResult> = {}): ScenarioResult => ({
  id, name: id, request: `GET /${id}`, seconds: 10, ok: 1000, unexpected: {}, socketErrors: 0, timeouts: 0,
  latency: { p50: 5, p95: 10, p99: 20 }, ...more,
})
const oneProcess = (mb: number): MemoryPeak => ({ processes: [{ pid: 42, peakMb: mb }], sampledTotalMb: mb - 3, startTotalMb: 150 })
const verdict = (rows: ReturnType<typeof judgeTargets>, starts: string) => rows.find((r) => r.target.startsWith(starts))!

const machine: Machine = { cpu: 'Test CPU', cpus: 2, memory: '23.5 GiB', os: 'Debian GNU/Linux 12', node: 'v20.20.2', postgres: 'PostgreSQL 15.20' }
const report = (more: Partial<BenchReport> = {}): BenchReport => ({
  date: new Date('2026-11-22T03:48:10Z'),
  command: 'DATABASE_URL=postgres://postgres@127.0.0.1:5432/big npm run bench',
  machine,
  cases: 1_000_000,
  server: '1 process (WORKERS=1), NODE_ENV=production',
  load: { connections: 50, seconds: 10, warmupSeconds: 2 },
  results: [result('bare', { ok: 80_000 }), result('list'), result('intake', { ok: 6000 })],
  memory: oneProcess(180),
  intake: { counted: 6000, created: 6000 },
  notes: ['Search: "工资" (wages).'],
  ...more,
})

describe('latency percentiles', () => {
  test('nearest rank: p95 is a measured value, not p97.5 or an interpolation', () => {
    const ms = Array.from({ length: 100 }, (_, i) => 100 - i) // unsorted on purpose
    expect(latencySummary(ms)).toEqual({ p50: 50, p95: 95, p99: 99 })
    expect(percentile(Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 95)).toBe(10)
    expect(percentile([7], 99)).toBe(7)
  })

  test('no responses: no latency rather than zeros', () => {
    expect(latencySummary([])).toBeNull()
  })
})

describe('ratio to the bare route', () => {
  test('successful responses per second over the bare route’s', () => {
    const results = [result('bare', { ok: 50_000 }), result('list', { ok: 5000 })]
    expect(ratioToBare(results[1]!, results)).toBeCloseTo(0.1)
    expect(ratioToBare(results[0]!, results)).toBe(1)
  })

  test('without a bare run there is no ratio', () => {
    expect(ratioToBare(result('list'), [result('list')])).toBeNull()
    expect(resultsTable([result('list')])).toMatch(/\| — \|$/m)
  })
})

describe('targets', () => {
  test('each target reads its own statistic and limit', () => {
    const rows = judgeTargets([
      result('list', { latency: { p50: 1, p95: 2, p99: 49.9 } }),
      result('filtered', { latency: { p50: 1, p95: 2, p99: 50 } }),
      result('case', { latency: { p50: 1, p95: 2, p99: 12 } }),
      result('search', { latency: { p50: 1, p95: 2, p99: 149 } }),
      result('dashboard', { latency: { p50: 1, p95: 149, p99: 900 } }),
    ], oneProcess(200))
    expect(verdict(rows, 'Case list p99 < 50 ms')).toMatchObject({ measured: '49.9 ms', verdict: 'pass' })
    expect(verdict(rows, 'Filtered case list')).toMatchObject({ measured: '50.0 ms', verdict: 'FAIL' })
    expect(verdict(rows, 'Case page p99')).toMatchObject({ verdict: 'pass' })
    expect(verdict(rows, 'Search p99 < 150 ms').verdict).toBe('pass')
    // The dashboard is judged on p95: its slow p99 does not fail it.
    expect(verdict(rows, 'Dashboard p95 < 150 ms')).toMatchObject({ measured: '149.0 ms', verdict: 'pass' })
    expect(verdict(rows, 'Intake')).toMatchObject({ verdict: 'not run' })
  })

  test('intake needs at least 500 cases a second', () => {
    expect(verdict(judgeTargets([result('intake', { ok: 5000 })], null), 'Intake')).toMatchObject({ measured: '500 cases/s', verdict: 'pass' })
    expect(verdict(judgeTargets([result('intake', { ok: 4990 })], null), 'Intake').verdict).toBe('FAIL')
  })

  test('a good figure with errors still fails, and says how many', () => {
    const rows = judgeTargets([result('case', { unexpected: { '500': 2 }, timeouts: 1 })], null)
    expect(verdict(rows, 'Case page')).toEqual({ target: 'Case page p99 < 50 ms', measured: '20.0 ms, 3 errors', verdict: 'FAIL' })
    expect(verdict(judgeTargets([result('search', { ok: 0, latency: null })], null), 'Search')).toMatchObject({ measured: 'no successful response', verdict: 'FAIL' })
  })

  test('RSS: under 250 MB; with several processes, per process and the total beside it', () => {
    expect(verdict(judgeTargets([], oneProcess(249)), 'Server peak RSS').verdict).toBe('pass')
    expect(verdict(judgeTargets([], oneProcess(250)), 'Server peak RSS').verdict).toBe('FAIL')
    const two = judgeTargets([], { processes: [{ pid: 1, peakMb: 120 }, { pid: 2, peakMb: 200 }, { pid: 3, peakMb: 90 }], sampledTotalMb: 380, startTotalMb: 300 })
    expect(verdict(two, 'Server peak RSS')).toEqual({
      target: 'Server peak RSS < 250 MB per process', measured: '200 MB in the largest of 3 processes (410 MB together)', verdict: 'pass',
    })
  })
})

describe('BENCHMARKS.md', () => {
  test('says when, where, how and at what scale, then the table and the targets', () => {
    const md = formatReport(report())
    expect(md).toContain('- Date: 2026-11-22 03:48 UTC')
    expect(md).toContain('- Command: `DATABASE_URL=postgres://postgres@127.0.0.1:5432/big npm run bench`')
    expect(md).toContain('- Cases in the database: 1,000,000\n')
    expect(md).toContain('| CPU | Test CPU × 2 |')
    expect(md).toContain('| PostgreSQL | PostgreSQL 15.20 |')
    expect(md).toContain('share these 2 cores')
    expect(md).toContain('| bare | `GET /bare` | 8,000 | 5.0 | 10.0 | 20.0 | 0 | 1.000 |')
    expect(md).toContain('| list | `GET /list` | 100 | 5.0 | 10.0 | 20.0 | 0 | 0.013 |')
    expect(md).toContain('**Intake:** 600 cases/s (6,000 cases registered in 10.0 s). Checked in the database: the idempotency keys of this run registered 6,000 cases, the same number.')
    expect(md).toContain('**Server peak RSS:** 180.0 MB')
    expect(md).toContain('just started, before any load, 150.0 MB')
    expect(md).toContain('| Intake ≥ 500 cases/s | 600 cases/s | ✅ pass |')
    expect(md).toContain('- Search: "工资" (wages).')
    expect(md).not.toContain('⚠')
  })

  test('where the CPU went: per successful request, and the cores kept busy', () => {
    const r = result('case', { ok: 2000, seconds: 10, cpu: { serverMs: 9000, postgresMs: 6000, loadMs: 3000 } })
    expect(cpuTable([r, result('bare')])).toBe([
      '| Scenario | Server ms/req | PostgreSQL ms/req | Load tool ms/req | Cores busy |',
      '|---|--:|--:|--:|--:|',
      '| case | 4.50 | 3.00 | 1.50 | 1.80 |',
    ].join('\n'))
    expect(cpuTable([result('bare')])).toBeNull()
    expect(formatReport(report())).not.toContain('## Where the CPU went')
    expect(formatReport(report({ results: [r] }))).toContain('## Where the CPU went')
  })

  test('warns loudly below a million cases', () => {
    expect(formatReport(report({ cases: 308 }))).toContain('- Cases in the database: 308 — **⚠ fewer than 1,000,000 cases')
  })

  test('explains cases the database gained beyond the counted answers', () => {
    const inFlight = formatReport(report({ intake: { counted: 6000, created: 6031 } }))
    expect(inFlight).toContain('registered 6,031 cases: 31 more, requests still in flight when the load tool stopped')
    const wrong = formatReport(report({ intake: { counted: 6000, created: 5000 } }))
    expect(wrong).toContain('that does not match (-1,000)')
  })

  test('errors are broken down by status, timeouts and socket errors; a pipe in a request does not break the table', () => {
    const md = resultsTable([result('search', { request: 'GET /cases?q=a|b', unexpected: { '500': 3, '303': 1 }, timeouts: 2, socketErrors: 1 })])
    expect(md).toContain('`GET /cases?q=a\\|b`')
    expect(md).toContain('| 7 (303×1, 500×3, timeouts×2, socket×1) |')
  })
})

describe('options and the command line', () => {
  const env = { DATABASE_URL: 'postgres://u:secret@127.0.0.1:5432/big', DEMO_PASSWORD: 'pw' }

  test('defaults: every scenario, 10 s after a 2 s warm-up, 50 connections, one process', () => {
    expect(parseBenchOptions([], env)).toMatchObject({
      duration: 10, warmup: 2, connections: 50, workers: '1', password: 'pw', out: 'BENCHMARKS.md', search: '工资',
      scenarios: ['bare', 'list', 'filtered', 'search', 'case', 'dashboard', 'intake'],
    })
    expect(parseBenchOptions(['--only', 'intake,bare', '--workers', '2'], env)).toMatchObject({ scenarios: ['bare', 'intake'], workers: '2' })
  })

  test('refuses to run without PostgreSQL, a password, or with a scenario it does not know', () => {
    expect(() => parseBenchOptions([], { DEMO_PASSWORD: 'pw' })).toThrow(/DATABASE_URL is not set/)
    expect(() => parseBenchOptions([], { DATABASE_URL: env.DATABASE_URL })).toThrow(/--password/)
    expect(() => parseBenchOptions(['--only', 'lists'], env)).toThrow(/unknown scenario lists/)
    expect(() => parseBenchOptions(['--duration', '0'], env)).toThrow(/--duration/)
  })

  test('the recorded command hides the password and the database URL’s secret', () => {
    expect(commandLine(['--password', 'hunter2', '--duration', '5'], env)).toBe('DATABASE_URL=postgres://u:***@127.0.0.1:5432/big npm run bench -- --password *** --duration 5')
    expect(commandLine([], env)).toBe('DATABASE_URL=postgres://u:***@127.0.0.1:5432/big DEMO_PASSWORD=*** npm run bench')
  })
})
