import cluster from 'node:cluster'
import { announce, writeDemoCases } from './cluster/announce.ts'
import { prepareDatabase } from './cluster/prepare-database.ts'
import { runPrimary } from './cluster/primary.ts'
import { serveApp } from './cluster/serve-app.ts'
import { runWorker } from './cluster/worker.ts'
import { loadConfig, type Config } from './config.ts'

/**
 * `npm start`: migrate, seed the demo district once, listen, and say how to sign in. With
 * WORKERS > 1 a primary does the once-only part and forks that many processes onto one port.
 */
const config = loadConfig()
if (config.workers > 1 && !config.databaseUrl) {
  console.error(
    `\nCannot start ${config.workers} processes on the embedded database: PGlite is one process's own database.` +
      '\nSet DATABASE_URL to a PostgreSQL server to run several, or set WORKERS=1.\n',
  )
  process.exit(1)
}

if (cluster.isWorker) await runWorker(config)
else if (config.workers > 1) await runPrimary(config)
else await runSingle(config)

async function runSingle(config: Config) {
  const prepared = await prepareDatabase(config)
  const served = serveApp(config, prepared, prepared.pii, (info) => {
    announce(info.port, prepared.kind, config, prepared.seed, 1)
    if (prepared.seed.needsDemoCases) void writeDemoCases(prepared.db, prepared.pii)
  })
  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    await served.stop()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}
