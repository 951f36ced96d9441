import cluster, { type Worker } from 'node:cluster'
import type { Config } from '../config.ts'
import { announce, writeDemoCases } from './announce.ts'
import { prepareDatabase } from './prepare-database.ts'
import { restartDelay, STABLE_AFTER_MS } from './restart-delay.ts'
import { STOP_MESSAGE } from './stop-message.ts'

/** A worker that has not finished its requests by then is killed. */
const STOP_GRACE_MS = 15_000

type Slot = { worker: Worker; startedAt: number; deaths: number; restart?: NodeJS.Timeout }

/**
 * `npm start` with WORKERS > 1: this process does the once-per-start work (migrations, the PII key,
 * the first-start seed, the demo cases, the start-up message) and then only looks after the
 * workers, which share the port (node:cluster) and each have their own database pool.
 */
export async function runPrimary(config: Config) {
  const prepared = await prepareDatabase(config)
  let primaryDb: Promise<void> | undefined
  const closePrimaryDb = () => (primaryDb ??= prepared.db.destroy())

  const slots: Slot[] = []
  let stopping = false
  let announced = false

  cluster.on('listening', (_worker, address) => {
    if (announced) return
    announced = true
    announce(address.port, prepared.kind, config, prepared.seed, config.workers)
    if (prepared.seed.needsDemoCases) void writeDemoCases(prepared.db, prepared.pii).finally(closePrimaryDb)
    else void closePrimaryDb()
  })

  const start = (i: number) => {
    const worker = cluster.fork()
    slots[i] = { worker, startedAt: Date.now(), deaths: slots[i]?.deaths ?? 0 }
    worker.on('exit', (code, signal) => {
      if (stopping) return
      const slot = slots[i]!
      if (Date.now() - slot.startedAt >= STABLE_AFTER_MS) slot.deaths = 0
      const delay = restartDelay(slot.deaths)
      slot.deaths++
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`
      console.error(`Worker ${i + 1} (pid ${worker.process.pid}) ${how}; starting another${delay ? ` in ${delay / 1000} s` : ''}.`)
      slot.restart = setTimeout(() => start(i), delay)
    })
  }
  for (let i = 0; i < config.workers; i++) start(i)

  const stop = async () => {
    if (stopping) return
    stopping = true
    for (const slot of slots) clearTimeout(slot.restart)
    await Promise.all(slots.map((s) => stopWorker(s.worker)))
    await closePrimaryDb()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

function stopWorker(worker: Worker): Promise<void> {
  if (worker.isDead()) return Promise.resolve()
  return new Promise((resolve) => {
    const kill = setTimeout(() => worker.process.kill('SIGKILL'), STOP_GRACE_MS)
    worker.once('exit', () => {
      clearTimeout(kill)
      resolve()
    })
    if (worker.isConnected()) worker.send(STOP_MESSAGE)
    else worker.process.kill('SIGTERM')
  })
}
