import { sql, type Kysely } from 'kysely'

// Frozen in time: filters of the case list that select few cases of a million (not yet routed,
// resolved at a level, red or orange whether open or closed) get an index in the list's order,
// so the page and its capped count read those cases instead of the whole table.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`set local statement_timeout = 0`.execute(db)
  await sql`create index cases_unrouted_idx on cases (reported_at desc, id desc) where route is null`.execute(db)
  await sql`create index cases_level_idx on cases (resolution_level, reported_at desc, id desc) where resolution_level is not null`.execute(db)
  await sql`create index cases_risk_level_idx on cases (risk_level, reported_at desc, id desc) where risk_level in ('orange', 'red')`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const i of ['cases_unrouted_idx', 'cases_level_idx', 'cases_risk_level_idx']) await sql`drop index if exists ${sql.raw(i)}`.execute(db)
}
