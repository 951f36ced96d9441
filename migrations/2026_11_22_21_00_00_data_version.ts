import { sql, type Kysely } from 'kysely'

// Frozen in time: a number that changes with every committed change to what the dashboard reads
// (cases, and the people and units it names), so a process may keep a computed dashboard until it
// moves. It is bumped at commit (a deferred constraint trigger): the row lock is taken after every
// other lock of the transaction, so two transactions can wait on it but never deadlock over it.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table data_versions (name text primary key, version bigint not null)`.execute(db)
  await sql`insert into data_versions (name, version) values ('cases', 1)`.execute(db)
  await sql`
    create function data_version_bump() returns trigger language plpgsql as $$
    begin
      -- Once per transaction, however many rows it changed.
      if current_setting('fengqiao.data_version_bumped', true) is distinct from txid_current()::text then
        update data_versions set version = version + 1 where name = 'cases';
        perform set_config('fengqiao.data_version_bumped', txid_current()::text, true);
      end if;
      return null;
    end $$`.execute(db)
  for (const table of ['cases', 'users', 'user_roles', 'org_units']) {
    await sql`create constraint trigger ${sql.raw(`${table}_data_version`)} after insert or update or delete on ${sql.table(table)}
      deferrable initially deferred for each row execute function data_version_bump()`.execute(db)
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['cases', 'users', 'user_roles', 'org_units']) {
    await sql`drop trigger if exists ${sql.raw(`${table}_data_version`)} on ${sql.table(table)}`.execute(db)
  }
  await sql`drop function if exists data_version_bump()`.execute(db)
  await sql`drop table if exists data_versions`.execute(db)
}
