import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { availableParallelism } from 'node:os'
import { setTimeout as sleep } from 'node:timers/promises'
import { waitUntilIdle } from './cpu-usage.ts'
import { serverProcesses } from './server-memory.ts'

export type ServerProcess = {
  pid: number
  baseUrl: string
  /** The server's last lines of output, for a message when something went wrong. */
  output: () => string
  stop: () => Promise<void>
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

/**
 * Starts `src/server.ts` as `npm start` does, but straight under node with tsx's loader, so the
 * process we watch is the server itself and not a tsx wrapper around it. It listens on loopback
 * only. NODE_ENV=production: on a database that already has its users it changes nothing on the
 * request path (config.production only decides first-start seeding and whether a PII key may be
 * generated), and it is how a real deployment runs.
 */
export async function startServer(root: string, env: NodeJS.ProcessEnv, workers: string): Promise<ServerProcess> {
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    env: { ...env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), WORKERS: workers },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so Ctrl-C reaches only the bench, which stops the load before the
    // server; and if the bench dies of an error, the server goes with it.
    detached: true,
  })
  const killOnExit = () => child.kill('SIGKILL')
  process.once('exit', killOnExit)
  const lines: string[] = []
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean))
    lines.splice(0, Math.max(0, lines.length - 60))
  }
  child.stdout.on('data', keep)
  child.stderr.on('data', keep)
  let exitCode: number | null | undefined
  const exited = new Promise<void>((resolve) => child.once('exit', (code) => {
    exitCode = code
    process.off('exit', killOnExit)
    resolve()
  }))
  const output = () => lines.join('\n')

  const stop = async () => {
    if (exitCode !== undefined) return
    const all = serverProcesses(child.pid!)
    child.kill('SIGTERM')
    // The cluster primary gives its workers 15 s to finish their requests.
    if (await Promise.race([exited.then(() => true), sleep(20_000).then(() => false)])) return
    console.error('The server did not stop within 20 s of SIGTERM: killing it.')
    for (const pid of all) {
      try {
        process.kill(pid, 'SIGKILL')
      } catch {
        // already gone
      }
    }
    await exited
  }

  const baseUrl = `http://127.0.0.1:${port}`
  const processes = workers === 'auto' ? availableParallelism() : Number(workers)
  const deadline = Date.now() + 90_000
  for (;;) {
    if (exitCode !== undefined) throw new Error(`The server exited (code ${exitCode}) before it answered:\n${output()}`)
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`The server did not answer ${baseUrl}/healthz within 90 s:\n${output()}`)
    }
    const up = await fetch(`${baseUrl}/healthz`).then((r) => r.ok, () => false)
    // With several workers, wait until all of them run: the first one answering is not the whole server.
    if (up && (processes <= 1 || serverProcesses(child.pid!).length > processes)) break
    await sleep(200)
  }
  await waitUntilIdle(() => serverProcesses(child.pid!), Math.max(0, deadline - Date.now()))
  return { pid: child.pid!, baseUrl, output, stop }
}
