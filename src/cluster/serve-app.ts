import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createApp } from '../app.ts'
import type { Config } from '../config.ts'
import type { Connection } from '../db/connect.ts'
import { startExportWorker } from '../features/exports/export-jobs.ts'
import type { PiiCipher } from '../privacy/pii-cipher.ts'

/** Requests still running after this long when the process stops are cut off. */
const DRAIN_MS = 10_000

/**
 * One serving process: the app on the port, and the background export worker (every process runs
 * waiting jobs; FOR UPDATE SKIP LOCKED keeps them apart). stop() lets requests in flight finish,
 * puts a running export back in the queue, then closes the pool.
 */
export function serveApp(config: Config, conn: Connection, pii: PiiCipher, onListening?: (info: AddressInfo) => void) {
  const app = createApp({ db: conn.db, dbKind: conn.kind, config, pii })
  const exportWorker = startExportWorker(conn.db, { pii })
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, onListening)
  return {
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      const cutOff = setTimeout(() => 'closeAllConnections' in server && server.closeAllConnections(), DRAIN_MS)
      await closed
      clearTimeout(cutOff)
      await exportWorker.stop()
      await conn.db.destroy()
    },
  }
}
