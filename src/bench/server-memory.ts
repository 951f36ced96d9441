import { readdirSync, readFileSync, readlinkSync } from 'node:fs'
import type { MemoryPeak } from './bench-result.ts'

const read = (file: string): string | null => {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return null // the process (or thread) has just gone
  }
}

function childrenOf(pid: number): number[] {
  let tasks: string[]
  try {
    tasks = readdirSync(`/proc/${pid}/task`)
  } catch {
    return []
  }
  return tasks.flatMap((tid) => (read(`/proc/${pid}/task/${tid}/children`) ?? '').split(/\s+/).filter(Boolean).map(Number))
}

const isNode = (pid: number) => {
  try {
    return readlinkSync(`/proc/${pid}/exe`) === readlinkSync('/proc/self/exe')
  } catch {
    return false
  }
}

/**
 * The server's Node processes: the one we started and, with WORKERS > 1, the workers it forked.
 * Helpers that are not Node (esbuild's transform service, started by tsx) are not the server.
 */
export function serverProcesses(rootPid: number): number[] {
  const all: number[] = []
  const queue = [rootPid]
  while (queue.length) {
    const pid = queue.shift()!
    all.push(pid)
    queue.push(...childrenOf(pid))
  }
  return all.filter(isNode)
}

/** A field of /proc/<pid>/status in MB (the kernel gives kB), or null once the process is gone. */
export function statusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(read(`/proc/${pid}/status`) ?? '')
  return m ? Number(m[1]) / 1024 : null
}

/**
 * Samples every process's RSS every `everyMs`, keeping the largest sum, and each process's own
 * high-water mark as last seen (a worker that dies and is replaced keeps its peak).
 */
export function watchMemory(rootPid: number, everyMs = 200) {
  const peaks = new Map<number, number>()
  let sampledTotalMb = 0
  const sample = () => {
    let total = 0
    for (const pid of serverProcesses(rootPid)) {
      total += statusMb(pid, 'VmRSS') ?? 0
      const hwm = statusMb(pid, 'VmHWM')
      if (hwm !== null) peaks.set(pid, Math.max(hwm, peaks.get(pid) ?? 0))
    }
    sampledTotalMb = Math.max(sampledTotalMb, total)
  }
  sample()
  const startTotalMb = sampledTotalMb
  // Unref'd: a bench that stops on an error must not be kept alive by its own sampler.
  const timer = setInterval(sample, everyMs).unref()
  return {
    /** Call while the server still runs, so the final high-water marks are read. */
    stop(): MemoryPeak {
      clearInterval(timer)
      sample()
      return { processes: [...peaks].map(([pid, peakMb]) => ({ pid, peakMb })), sampledTotalMb, startTotalMb }
    },
  }
}
