import type { Config } from '../config.ts'
import { connect } from '../db/connect.ts'
import { loadPiiOrExit } from './prepare-database.ts'
import { serveApp } from './serve-app.ts'
import { isStopMessage } from './stop-message.ts'

/**
 * A forked process of `WORKERS` > 1: the primary has migrated, loaded the key and seeded, so this
 * only connects (its own pool), reads the key the primary made sure of, and serves the shared port.
 */
export async function runWorker(config: Config) {
  // Ctrl+C in a terminal reaches the whole process group: the primary alone orders the shutdown.
  process.on('SIGINT', () => {})
  const conn = await connect(config)
  const pii = await loadPiiOrExit(conn, config)
  const served = serveApp(config, conn, pii)

  let stopping: Promise<void> | undefined
  const stop = () => {
    stopping ??= served.stop().then(() => process.exit(0))
  }
  process.on('message', (m) => isStopMessage(m) && stop())
  // A service manager may signal every process of the group (systemd's default): stop cleanly too.
  process.on('SIGTERM', stop)
}
