import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { connectPostgres, type Db } from '../db/connect.ts'
import { loadFixtures } from './bench-fixtures.ts'
import { commandLine, parseBenchOptions, USAGE } from './bench-options.ts'
import { countCases, postgresVersion } from './bench.queries.ts'
import { waitUntilIdle } from './cpu-usage.ts'
import { describeMachine } from './machine.ts'
import { formatReport, scaleWarning, type BenchReport } from './report.ts'
import { resultsTable, targetsTable } from './report-tables.ts'
import { runScenarios } from './run-scenarios.ts'
import { buildScenarios } from './scenarios.ts'
import { serverProcesses, watchMemory } from './server-memory.ts'
import { startServer, type ServerProcess } from './server-process.ts'
import { judgeTargets } from './targets.ts'

/** `npm run bench`: starts the real server on the database in DATABASE_URL, loads it scenario by scenario, writes BENCHMARKS.md. */
const root = fileURLToPath(new URL('../..', import.meta.url))

let server: ServerProcess | null = null
let db: Db | null = null
const interrupted = new AbortController()

const serverOutput = () => server?.output() ?? ''

async function cleanUp() {
  const s = server
  server = null
  await s?.stop()
  const d = db
  db = null
  await d?.destroy()
}

// `on`, not `once`: tsx's CLI sends the signal on to this process a second time, and a second
// Ctrl-C must not kill the bench before it has stopped the server.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted.signal.aborted) return
    console.error(`\n${signal}: stopping the load and the server…`)
    interrupted.abort()
    // The load stops within a second; then the requests it left are let finish: the server's
    // shutdown hangs if its database pool is closed under requests still running.
    const pid = server?.pid
    void sleep(1000)
      .then(() => (pid ? waitUntilIdle(() => serverProcesses(pid), 10_000) : true))
      .then(cleanUp)
      .finally(() => process.exit(130))
  })
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2)
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE)
    return
  }
  const opts = parseBenchOptions(argv, process.env)
  const date = new Date()
  const database = (await connectPostgres(opts.databaseUrl)).db
  db = database
  const cases = await countCases(database)
  const warning = scaleWarning(cases)
  console.log(`Cases in the database: ${cases.toLocaleString('en-US')}`)
  if (warning) console.warn(`\n  ⚠⚠⚠  ${warning.toUpperCase()}  ⚠⚠⚠\n`)
  const machine = describeMachine(await postgresVersion(database))

  console.log(`Starting the server (WORKERS=${opts.workers})…`)
  const srv = await startServer(root, process.env, opts.workers)
  server = srv
  const memory = watchMemory(srv.pid)
  const fx = await loadFixtures(database, opts, srv.baseUrl)
  const load = { connections: opts.connections, seconds: opts.duration, warmupSeconds: opts.warmup }
  const scenarios = buildScenarios(opts.scenarios, fx)
  const target = { baseUrl: srv.baseUrl, pid: srv.pid, db: database, officer: opts.officer }
  const { results, intake } = await runScenarios(scenarios, target, load, interrupted.signal)

  const peak = memory.stop()
  const processes = peak.processes.length
  await cleanUp()

  const notes = [
    ...scenarios.flatMap((s) => (s.note ? [s.note] : [])),
    'Server: `node --import tsx src/server.ts` (what `npm start` runs, without the tsx wrapper process) with NODE_ENV=production. ' +
      'On a database that has its users, production changes nothing a request does (it only decides first-start seeding and whether a PII key may be generated).',
    ...(intake ? ['The cases intake registers (warm-up included) stay in the database.'] : []),
  ]
  const report: BenchReport = {
    date,
    command: commandLine(argv, process.env),
    machine,
    cases,
    server: `${processes === 1 ? 'one process' : `${processes} processes, a primary and its workers`} (WORKERS=${opts.workers}), NODE_ENV=production, on 127.0.0.1`,
    load,
    results,
    memory: peak,
    intake,
    notes,
  }
  const out = path.resolve(opts.out)
  writeFileSync(out, formatReport(report))
  console.log(`\n${resultsTable(results)}\n\n${targetsTable(judgeTargets(results, peak))}\n`)
  if (warning) console.warn(`⚠ ${cases.toLocaleString('en-US')} cases: ${warning}\n`)
  console.log(`Written: ${path.relative(process.cwd(), out) || out}`)
}

try {
  await main()
} catch (e) {
  // Interrupted: the signal handler stops everything and reports it.
  if (!interrupted.signal.aborted) {
    console.error(`\nnpm run bench: ${e instanceof Error ? e.message : String(e)}`)
    const output = serverOutput()
    if (output) console.error(`\nThe server's last output:\n${output}`)
    process.exitCode = 1
  }
} finally {
  if (!interrupted.signal.aborted) await cleanUp()
}
