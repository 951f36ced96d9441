import { Worker } from 'node:worker_threads'
import type { CasePlan } from './case-plan.ts'
import { generateBatch, type BatchSetup } from './generate-batch.ts'
import type { WorkerData } from './generate-worker.ts'
import type { TableName } from './tables.ts'

export type GeneratedBatch = {
  index: number
  chunks: { table: TableName; data: Uint8Array }[]
  rows: Partial<Record<TableName, number>>
  lastIds: Partial<Record<TableName, number>>
}
/** Generates batches of cases: on this thread, or on generator threads. */
export type BatchRunner = { threads: number; run(index: number, plans: CasePlan[]): Promise<GeneratedBatch>; close(): Promise<void> }

export function onThisThread(setup: BatchSetup): BatchRunner {
  return {
    threads: 0,
    run: async (index, plans) => generateBatch(setup, index, plans),
    close: async () => {},
  }
}

/**
 * `count` generator threads (generate-worker.ts), or null when they cannot be started here. The
 * app runs its TypeScript through tsx, which a new thread does not inherit: each thread registers
 * tsx's loader first, then loads the generator.
 */
export async function onThreads(count: number, data: WorkerData): Promise<BatchRunner | null> {
  let api: string
  try {
    api = import.meta.resolve('tsx/esm/api')
  } catch {
    return null
  }
  const entry = new URL('./generate-worker.ts', import.meta.url).href
  const boot = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}) })`
  const threads = Array.from({ length: count }, () => {
    const worker = new Worker(boot, { eval: true, workerData: data })
    const waiting: { resolve: (b: GeneratedBatch) => void; reject: (e: Error) => void }[] = []
    let failure: Error | null = null
    const fail = (e: Error) => {
      failure ??= e
      for (const w of waiting.splice(0)) w.reject(failure)
    }
    worker.on('message', (m: GeneratedBatch | { error: string }) => {
      if ('error' in m) fail(new Error(`generator thread: ${m.error}`))
      else waiting.shift()?.resolve(m)
    })
    worker.on('error', fail)
    worker.on('exit', (code) => fail(new Error(`generator thread exited (${code})`)))
    return { worker, waiting, failed: () => failure }
  })
  let turn = 0
  return {
    threads: count,
    run: (index, plans) => new Promise((resolve, reject) => {
      const t = threads[turn++ % threads.length]!
      if (t.failed()) return reject(t.failed())
      t.waiting.push({ resolve, reject })
      t.worker.postMessage({ index, plans })
    }),
    close: async () => {
      await Promise.all(threads.map((t) => t.worker.terminate()))
    },
  }
}
