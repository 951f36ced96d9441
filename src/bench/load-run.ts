import autocannon from 'autocannon'
import type { ScenarioResult } from './bench-result.ts'
import { latencySummary } from './latency.ts'
import type { Scenario } from './scenarios.ts'

const expected = (s: Scenario, status: number, location: string | undefined) =>
  status === s.expect.status && (!s.expect.location || s.expect.location.test(location ?? ''))

/** One request before the load, so a scenario that cannot work (signed out, wrong role) stops the bench with a reason. */
export async function probe(baseUrl: string, s: Scenario): Promise<void> {
  const { path = s.path, body = s.body } = s.vary?.() ?? {}
  const res = await fetch(baseUrl + path, { method: s.method, headers: s.headers, body, redirect: 'manual' })
  const text = await res.text()
  if (!expected(s, res.status, res.headers.get('location') ?? undefined)) {
    const where = res.headers.get('location') ? ` → ${res.headers.get('location')}` : ''
    throw new Error(`${s.name}: ${s.method} ${path} answered ${res.status}${where}, expected ${s.expect.status}.\n${text.slice(0, 400)}`)
  }
}

/**
 * Runs one scenario for `seconds` over `connections` connections and keeps every expected
 * response's latency. autocannon calls a request's onResponse and then emits `response` for the
 * same response synchronously, so the verdict set in the first is the one read in the second.
 */
export async function measure(
  baseUrl: string, s: Scenario, opts: { connections: number; seconds: number; signal?: AbortSignal },
): Promise<ScenarioResult> {
  const latencies: number[] = []
  const unexpected: Record<string, number> = {}
  let ok = 0
  let verdict: boolean | null = null
  const request: autocannon.Request = {
    method: s.method,
    path: s.path,
    headers: s.headers,
    ...(s.body !== undefined ? { body: s.body } : {}),
    ...(s.vary ? { setupRequest: (req: autocannon.Request) => ({ ...req, ...s.vary!() }) } : {}),
    ...(s.expect.location
      ? {
          onResponse: (status: number, _body: string, _ctx: unknown, headers: Record<string, string | string[]>) => {
            const location = headers.location ?? headers.Location
            verdict = expected(s, status, Array.isArray(location) ? location[0] : location)
          },
        }
      : {}),
  }
  const run = autocannon({ url: baseUrl, connections: opts.connections, duration: opts.seconds, timeout: 10, requests: [request] })
  // Ctrl-C: stop loading first, or the server cannot finish its open requests and stop.
  const stop = () => run.stop()
  opts.signal?.addEventListener('abort', stop, { once: true })
  run.on('response', (_client, status, _bytes, milliseconds) => {
    const good = verdict ?? expected(s, status, undefined)
    verdict = null
    if (good) {
      ok++
      latencies.push(milliseconds)
    } else {
      unexpected[status] = (unexpected[status] ?? 0) + 1
    }
  })
  let result: autocannon.Result
  try {
    result = await run
  } finally {
    opts.signal?.removeEventListener('abort', stop)
  }
  return {
    id: s.id,
    name: s.name,
    request: s.request,
    seconds: result.duration,
    ok,
    unexpected,
    socketErrors: result.errors - result.timeouts,
    timeouts: result.timeouts,
    latency: latencySummary(latencies),
  }
}
