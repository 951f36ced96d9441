import type { Generated } from 'kysely'

// Row types of migration 2026_11_22_10_00_00_export_jobs. int8 arrives as a string from both drivers.

export interface ExportJobsTable {
  id: Generated<number>
  user_id: number
  kind: string
  format: string
  filter: Generated<string>
  locale: string
  status: Generated<string>
  rows_done: Generated<number>
  rows_total: number | null
  bytes: string | null
  chunks: number | null
  filename: string
  error: string | null
  attempts: Generated<number>
  request_id: string | null
  created_at: Date
  started_at: Date | null
  heartbeat_at: Date | null
  finished_at: Date | null
}

export interface ExportJobChunksTable {
  job_id: number
  seq: number
  data: Uint8Array
}
