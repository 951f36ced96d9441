import { sql, type Kysely } from 'kysely'

// The case list's "highest risk first" order walks this index instead of sorting every visible case.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index cases_risk_sort_idx on cases (risk_rank desc, reported_at desc, id desc)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists cases_risk_sort_idx`.execute(db)
}
