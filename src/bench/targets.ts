import { errorCount, largestProcessMb, perSecond, totalPeakMb, type MemoryPeak, type ScenarioId, type ScenarioResult } from './bench-result.ts'

export type Verdict = 'pass' | 'FAIL' | 'not run'
export type TargetRow = { target: string; measured: string; verdict: Verdict }

type LatencyTarget = { id: ScenarioId; name: string; stat: 'p95' | 'p99'; belowMs: number }

// Issue 7's targets. Both case lists are "the case list": a filter must not be what makes it slow.
const LATENCY_TARGETS: LatencyTarget[] = [
  { id: 'list', name: 'Case list', stat: 'p99', belowMs: 50 },
  { id: 'filtered', name: 'Filtered case list', stat: 'p99', belowMs: 50 },
  { id: 'case', name: 'Case page', stat: 'p99', belowMs: 50 },
  { id: 'search', name: 'Search', stat: 'p99', belowMs: 150 },
  { id: 'dashboard', name: 'Dashboard', stat: 'p95', belowMs: 150 },
]
export const INTAKE_TARGET_PER_SECOND = 500
export const RSS_TARGET_MB = 250

const ms = (n: number) => `${n.toFixed(1)} ms`

/** A figure that looks fine is still a failure if requests failed: the slow or broken ones are not in it. */
function withErrors(r: ScenarioResult, measured: string, ok: boolean): Omit<TargetRow, 'target'> {
  const errors = errorCount(r)
  if (errors === 0) return { measured, verdict: ok ? 'pass' : 'FAIL' }
  return { measured: `${measured}, ${errors.toLocaleString('en-US')} errors`, verdict: 'FAIL' }
}

export function judgeTargets(results: readonly ScenarioResult[], memory: MemoryPeak | null): TargetRow[] {
  const rows: TargetRow[] = LATENCY_TARGETS.map((t) => {
    const target = `${t.name} ${t.stat} < ${t.belowMs} ms`
    const r = results.find((x) => x.id === t.id)
    if (!r) return { target, measured: '—', verdict: 'not run' }
    if (!r.latency) return { target, measured: 'no successful response', verdict: 'FAIL' }
    const value = r.latency[t.stat]
    return { target, ...withErrors(r, ms(value), value < t.belowMs) }
  })

  const intake = results.find((x) => x.id === 'intake')
  const intakeTarget = `Intake ≥ ${INTAKE_TARGET_PER_SECOND} cases/s`
  if (!intake) rows.push({ target: intakeTarget, measured: '—', verdict: 'not run' })
  else {
    const rate = perSecond(intake)
    rows.push({ target: intakeTarget, ...withErrors(intake, `${rate.toFixed(0)} cases/s`, rate >= INTAKE_TARGET_PER_SECOND) })
  }

  const rssTarget = `Server peak RSS < ${RSS_TARGET_MB} MB`
  if (!memory || memory.processes.length === 0) rows.push({ target: rssTarget, measured: '—', verdict: 'not run' })
  else {
    const largest = largestProcessMb(memory)
    const several = memory.processes.length > 1
    const measured = several
      ? `${largest.toFixed(0)} MB in the largest of ${memory.processes.length} processes (${totalPeakMb(memory).toFixed(0)} MB together)`
      : `${largest.toFixed(0)} MB`
    rows.push({ target: several ? `${rssTarget} per process` : rssTarget, measured, verdict: largest < RSS_TARGET_MB ? 'pass' : 'FAIL' })
  }
  return rows
}
