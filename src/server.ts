import { serve } from '@hono/node-server'
import { createApp } from './app.ts'
import { loadConfig } from './config.ts'
import { connect } from './db/connect.ts'
import { migrateToLatest } from './db/migrate.ts'
import { seedDemoCases } from './db/seed/demo-cases.ts'
import { seedOnFirstStart } from './db/seed/first-start.ts'
import { startExportWorker } from './features/exports/export-jobs.ts'
import { loadPiiCipher, PiiKeyError } from './privacy/pii-key.ts'

/** `npm start`: connect, migrate, seed the demo district once, listen, and say how to sign in. */
const config = loadConfig()
const { db, kind } = await connect(config)
const applied = await migrateToLatest(db)
if (applied.length > 0) console.log(`Migrated: ${applied.join(', ')}`)
let pii
try {
  pii = await loadPiiCipher(db, config)
} catch (e) {
  if (!(e instanceof PiiKeyError)) throw e
  console.error(`\nCannot start: ${e.message}\n`)
  await db.destroy()
  process.exit(1)
}
const seed = await seedOnFirstStart(db, config)

const app = createApp({ db, dbKind: kind, config, pii })
// Background exports (issue 6): every process runs waiting jobs; SKIP LOCKED keeps them apart.
const exportWorker = startExportWorker(db, { pii })
const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  const url = `http://localhost:${info.port}`
  console.log(`\n工会枫桥 · Fengqiao is running on ${kind === 'pglite' ? `embedded PGlite (${config.dataDir})` : 'PostgreSQL'}`)
  console.log(`Open ${url}/login`)
  if (seed.logins.length > 0) {
    console.log(`\nDemo logins (password for all: ${seed.password}):`)
    for (const l of seed.logins) console.log(`  ${l.username.padEnd(22)} ${l.description}`)
  }
  for (const line of seed.notes) console.log(line)
  // The demo cases are written after the server answers, so a first start is quick.
  if (seed.needsDemoCases) {
    const started = Date.now()
    seedDemoCases(db, pii, new Date())
      .then((n) => console.log(`Demo district: ${n} cases written in ${((Date.now() - started) / 1000).toFixed(1)} s`))
      .catch((e) => console.error('Writing the demo cases failed:', e))
  }
})

let stopping = false
async function stop() {
  if (stopping) return
  stopping = true
  server.close()
  await exportWorker.stop()
  await db.destroy()
  process.exit(0)
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
