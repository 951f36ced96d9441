import { parseArgs } from 'node:util'
import { SCENARIO_IDS, type ScenarioId } from './bench-result.ts'

export type BenchOptions = {
  databaseUrl: string
  password: string
  duration: number
  warmup: number
  connections: number
  workers: string
  scenarios: ScenarioId[]
  out: string
  manager: string
  officer: string
  search: string
}

export const USAGE = `npm run bench [-- options]

Measures the app on the PostgreSQL database in DATABASE_URL, as it is (load it first with
\`npm run seed -- --cases 1000000\`), and writes BENCHMARKS.md.

  --password P      the demo users' password (default: DEMO_PASSWORD)
  --duration S      seconds measured per scenario (default 10)
  --warmup S        seconds of uncounted load before each (default 2)
  --connections N   concurrent connections (default 50)
  --workers N       server processes, passed to the server as WORKERS (default: WORKERS, else 1)
  --only LIST       some scenarios only, comma-separated: ${SCENARIO_IDS.join(',')}
  --out FILE        where to write the report (default BENCHMARKS.md)
  --manager NAME    who reads lists, cases and the dashboard (default manager)
  --officer NAME    who registers cases (default rights_officer)
  --search WORD     the search scenario's query (default 工资)
`

const positive = (name: string, raw: string, min: number): number => {
  const n = Number(raw)
  if (!Number.isFinite(n) || n < min) throw new Error(`--${name} must be a number ≥ ${min} (got "${raw}")`)
  return n
}

/** Reads the command line and environment; throws with a message for the person running it. */
export function parseBenchOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      password: { type: 'string' }, duration: { type: 'string' }, warmup: { type: 'string' },
      connections: { type: 'string' }, workers: { type: 'string' }, only: { type: 'string' },
      out: { type: 'string' }, manager: { type: 'string' }, officer: { type: 'string' }, search: { type: 'string' },
    },
    strict: true,
  })
  const databaseUrl = env.DATABASE_URL
  if (!databaseUrl) {
    throw new Error('DATABASE_URL is not set. The bench measures PostgreSQL: DATABASE_URL=postgres://user@host:5432/db npm run bench')
  }
  const password = values.password ?? env.DEMO_PASSWORD
  if (!password) throw new Error('The demo users\' password is needed to sign in: --password P or DEMO_PASSWORD=P')
  const scenarios = values.only ? values.only.split(',').map((s) => s.trim()) : [...SCENARIO_IDS]
  const unknown = scenarios.filter((s) => !(SCENARIO_IDS as readonly string[]).includes(s))
  if (unknown.length) throw new Error(`--only: unknown scenario ${unknown.join(', ')} (known: ${SCENARIO_IDS.join(', ')})`)
  const workers = values.workers ?? env.WORKERS ?? '1'
  if (workers !== 'auto') positive('workers', workers, 1)
  return {
    databaseUrl,
    password,
    duration: positive('duration', values.duration ?? '10', 1),
    warmup: positive('warmup', values.warmup ?? '2', 0),
    connections: positive('connections', values.connections ?? '50', 1),
    workers,
    scenarios: SCENARIO_IDS.filter((id) => scenarios.includes(id)),
    out: values.out ?? 'BENCHMARKS.md',
    manager: values.manager ?? 'manager',
    officer: values.officer ?? 'rights_officer',
    search: values.search ?? '工资',
  }
}

/** The command as typed, for the report: the password never, the database URL without its secret. */
export function commandLine(argv: string[], env: NodeJS.ProcessEnv): string {
  const args: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '--password') {
      args.push(a, '***')
      i++
    } else args.push(a.startsWith('--password=') ? '--password=***' : a)
  }
  let url = env.DATABASE_URL ?? ''
  try {
    const u = new URL(url)
    if (u.password) u.password = '***'
    url = u.toString()
  } catch {
    url = '***'
  }
  const workers = env.WORKERS && !argv.some((a) => a.startsWith('--workers')) ? ` WORKERS=${env.WORKERS}` : ''
  const password = env.DEMO_PASSWORD && !argv.some((a) => a.startsWith('--password')) ? ' DEMO_PASSWORD=***' : ''
  return `DATABASE_URL=${url}${password}${workers} npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`
}
