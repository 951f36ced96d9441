import { execFileSync, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import type { App } from '../../src/app.ts'
import { Browser, ORIGIN } from '../support/http.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** A real `npm start` process (without npm): its output kept for assertions, killable as a group. */
export type ServerProcess = {
  pid: number
  url: string
  output: () => string
  waitFor: (pattern: RegExp, ms?: number) => Promise<RegExpMatchArray>
  exited: Promise<number | null>
  signal: (name: NodeJS.Signals) => void
  killGroup: () => void
}

const started: ServerProcess[] = []

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
    s.on('error', reject)
  })
}

export function startServer(env: Record<string, string>): ServerProcess {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(VITEST|WORKERS$|NODE_ENV$|PORT$)/.test(k)))
  // detached: its own process group, so the workers it forks die with it whatever happens to the test.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: { ...inherited, HOST: '127.0.0.1', ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout.on('data', (d) => (out += d))
  child.stderr.on('data', (d) => (out += d))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  let dead = false
  void exited.then(() => (dead = true))
  const server: ServerProcess = {
    pid: child.pid!,
    url: `http://127.0.0.1:${env.PORT}`,
    output: () => out,
    exited,
    signal: (name) => child.kill(name),
    killGroup: () => {
      try {
        process.kill(-child.pid!, 'SIGKILL')
      } catch {
        // already gone
      }
    },
    async waitFor(pattern, ms = 90_000) {
      const until = Date.now() + ms
      for (;;) {
        const m = pattern.exec(out)
        if (m) return m
        if (dead) throw new Error(`server exited before printing ${pattern}:\n${out}`)
        if (Date.now() > until) throw new Error(`no ${pattern} within ${ms} ms:\n${out}`)
        await new Promise((r) => setTimeout(r, 100))
      }
    },
  }
  started.push(server)
  return server
}

/** In afterAll, pass or fail: no server process outlives the test file. */
export function killAllServers() {
  for (const s of started.splice(0)) s.killGroup()
}

/** The test support's browser stand-in, over the network to a real process instead of app.request(). */
export function remoteBrowser(baseUrl: string): Browser {
  const overHttp = {
    request: (url: string, init: RequestInit) => fetch(baseUrl + url.slice(ORIGIN.length), { ...init, redirect: 'manual' }),
  }
  return new Browser(overHttp as unknown as App)
}

/** Child processes of a server that run the app (not esbuild's helper). */
export function appChildren(pid: number): number[] {
  let listing = ''
  try {
    listing = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(pid)], { encoding: 'utf8' })
  } catch {
    return [] // ps exits 1 when there are none
  }
  return listing.split('\n').filter((l) => l.includes('src/server.ts')).map((l) => Number(l.trim().split(/\s+/)[0]))
}
