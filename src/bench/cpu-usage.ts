import { readFileSync } from 'node:fs'

// Linux counts a process's CPU time in clock ticks of 1/USER_HZ s; USER_HZ is 100 on every
// mainstream Linux build (`getconf CLK_TCK`), and Node offers no way to ask.
const TICK_MS = 10

/** CPU time (user + system) a process has used so far, in ms; null once it is gone. */
export function cpuMs(pid: number): number | null {
  let stat: string
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  } catch {
    return null
  }
  // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS // utime and stime: fields 14 and 15
}

export type CpuSnapshot = Map<number, number>

export function snapshot(pids: readonly number[]): CpuSnapshot {
  const out: CpuSnapshot = new Map()
  for (const pid of pids) {
    const ms = cpuMs(pid)
    if (ms !== null) out.set(pid, ms)
  }
  return out
}

/** CPU ms used between two snapshots; a process that appeared in between counts from zero. */
export function usedBetween(before: CpuSnapshot, after: CpuSnapshot): number {
  let total = 0
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0)
  return total
}

/** Where the machine's CPU went during a run: the server, PostgreSQL's backends, and this process (the load tool). */
export type CpuSplit = { serverMs: number; postgresMs: number; loadMs: number }

export async function cpuDuring<T>(
  work: () => Promise<T>,
  who: { server: () => number[]; postgres: () => Promise<number[]> },
): Promise<{ value: T; cpu: CpuSplit }> {
  const serverBefore = snapshot(who.server())
  const postgresBefore = snapshot(await who.postgres())
  const loadBefore = process.cpuUsage()
  const value = await work()
  const load = process.cpuUsage(loadBefore)
  const cpu = {
    serverMs: usedBetween(serverBefore, snapshot(who.server())),
    postgresMs: usedBetween(postgresBefore, snapshot(await who.postgres())),
    loadMs: (load.user + load.system) / 1000,
  }
  return { value, cpu }
}

/**
 * Waits until the server has nothing left to do: under 5% of a core over the last second. After
 * a start (several workers still compiling and warming up) and after a run (requests the load
 * tool abandoned at its stop are still being served), so neither spills into what comes next.
 */
export async function waitUntilIdle(pids: () => number[], maxMs = 60_000): Promise<boolean> {
  const windowMs = 1000
  const history: { at: number; cpu: number }[] = []
  const deadline = Date.now() + maxMs
  while (Date.now() < deadline) {
    const cpu = usedBetween(new Map(), snapshot(pids()))
    history.push({ at: Date.now(), cpu })
    const old = history.findLast((h) => h.at <= Date.now() - windowMs)
    if (old && cpu - old.cpu < windowMs * 0.05) return true
    if (old) history.splice(0, history.indexOf(old))
    await new Promise((r) => setTimeout(r, 250))
  }
  return false
}
