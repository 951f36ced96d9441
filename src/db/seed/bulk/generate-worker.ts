import { parentPort, workerData } from 'node:worker_threads'
import { calendarFrom, type CalendarRow } from '../../../domain/working-calendar.ts'
import { createPiiCipher } from '../../../privacy/pii-cipher.ts'
import type { CasePlan } from './case-plan.ts'
import { generateBatch, type BatchSetup } from './generate-batch.ts'

/**
 * A generator thread (batch-runners.ts starts it): builds the batches it is sent and hands back
 * each table's COPY input, transferred rather than copied. It rebuilds the PII cipher from
 * the key and checks it is the one the run was started with.
 */
export type WorkerData = Omit<BatchSetup, 'pii' | 'cal'> & { key: Uint8Array; fingerprint: string; calendar: { rows: CalendarRow[]; years: number[] } }

const data = workerData as WorkerData
const pii = createPiiCipher(data.key)
if (pii.fingerprint !== data.fingerprint) throw new Error('The generator thread was given another PII key than the run uses')
const setup: BatchSetup = { ...data, pii, cal: calendarFrom(data.calendar.rows, data.calendar.years) }

parentPort!.on('message', (m: { index: number; plans: CasePlan[] }) => {
  try {
    const result = generateBatch(setup, m.index, m.plans)
    parentPort!.postMessage(result, result.chunks.map((c) => c.data.buffer as ArrayBuffer))
  } catch (e) {
    parentPort!.postMessage({ error: e instanceof Error ? e.stack ?? e.message : String(e) })
  }
})
