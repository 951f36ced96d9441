import { sql, type Kysely } from 'kysely'

// Frozen in time: facts about a case that live in other tables (a session was held, an agreement
// exists, what it agrees, the mediation clock's due day, the respondents' industries), copied onto
// the case row by triggers in the same transaction as the change. The dashboard and the case list
// filter on them over a million cases; correlated subqueries per row and per figure did not scale.
// tests/features/case-facts.test.ts recounts them from scratch.

export async function up(db: Kysely<any>): Promise<void> {
  // Filling the new columns of a large register takes longer than the app's statement timeout.
  await sql`set local statement_timeout = 0`.execute(db)
  await sql`
    alter table cases
      add column mediated boolean not null default false,
      add column has_agreement boolean not null default false,
      add column agreed_fen bigint not null default 0 check (agreed_fen >= 0),
      add column mediation_due_on date,
      add column industries text[] not null default '{}'`.execute(db)

  await sql`
    create function case_facts_refresh(p_case integer) returns void language plpgsql as $$
    begin
      update cases c set mediated = f.mediated, has_agreement = f.has_agreement, agreed_fen = f.agreed_fen,
        mediation_due_on = f.due_on, industries = f.industries
      from (select
          exists (select 1 from mediation_sessions s where s.case_id = p_case) as mediated,
          exists (select 1 from agreements a where a.case_id = p_case) as has_agreement,
          coalesce((select sum(ai.agreed_fen) from agreements a join agreement_items ai on ai.agreement_id = a.id
            where a.case_id = p_case and a.state = 'in_effect'), 0) as agreed_fen,
          (select max(k.due_on) from case_clocks k where k.case_id = p_case and k.kind = 'mediation') as due_on,
          coalesce((select array_agg(distinct r.industry order by r.industry) from case_respondents cr
            join respondents r on r.id = cr.respondent_id where cr.case_id = p_case and r.industry is not null), '{}') as industries
        ) f
      where c.id = p_case
        and (c.mediated, c.has_agreement, c.agreed_fen, c.mediation_due_on, c.industries)
          is distinct from (f.mediated, f.has_agreement, f.agreed_fen, f.due_on, f.industries);
    end $$`.execute(db)

  // One trigger function per child table: each knows where its case id is.
  await sql`
    create function case_facts_by_case_id() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'INSERT' then perform case_facts_refresh(old.case_id); end if;
      if tg_op <> 'DELETE' and (tg_op = 'INSERT' or new.case_id is distinct from old.case_id) then
        perform case_facts_refresh(new.case_id);
      end if;
      return null;
    end $$`.execute(db)
  for (const table of ['mediation_sessions', 'agreements', 'case_respondents']) {
    await sql`create trigger ${sql.raw(`${table}_case_facts`)} after insert or update or delete on ${sql.table(table)}
      for each row execute function case_facts_by_case_id()`.execute(db)
  }
  // Clocks are rewritten at every change of a case; only the mediation clock matters here.
  await sql`
    create function case_facts_by_clock() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'INSERT' and old.kind = 'mediation' then perform case_facts_refresh(old.case_id); end if;
      if tg_op <> 'DELETE' and new.kind = 'mediation' then perform case_facts_refresh(new.case_id); end if;
      return null;
    end $$`.execute(db)
  await sql`create trigger case_clocks_case_facts after insert or update or delete on case_clocks
    for each row execute function case_facts_by_clock()`.execute(db)
  await sql`
    create function case_facts_by_agreement_item() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'INSERT' then perform case_facts_refresh((select case_id from agreements where id = old.agreement_id)); end if;
      if tg_op <> 'DELETE' then perform case_facts_refresh((select case_id from agreements where id = new.agreement_id)); end if;
      return null;
    end $$`.execute(db)
  await sql`create trigger agreement_items_case_facts after insert or update or delete on agreement_items
    for each row execute function case_facts_by_agreement_item()`.execute(db)
  await sql`
    create function case_facts_by_respondent() returns trigger language plpgsql as $$
    declare k integer;
    begin
      for k in select distinct case_id from case_respondents where respondent_id = new.id loop
        perform case_facts_refresh(k);
      end loop;
      return null;
    end $$`.execute(db)
  await sql`create trigger respondents_case_facts after update of industry on respondents
    for each row when (old.industry is distinct from new.industry) execute function case_facts_by_respondent()`.execute(db)

  // Existing cases get their facts now.
  await sql`
    update cases c set
      mediated = exists (select 1 from mediation_sessions s where s.case_id = c.id),
      has_agreement = exists (select 1 from agreements a where a.case_id = c.id),
      agreed_fen = coalesce((select sum(ai.agreed_fen) from agreements a join agreement_items ai on ai.agreement_id = a.id
        where a.case_id = c.id and a.state = 'in_effect'), 0),
      mediation_due_on = (select max(k.due_on) from case_clocks k where k.case_id = c.id and k.kind = 'mediation'),
      industries = coalesce((select array_agg(distinct r.industry order by r.industry) from case_respondents cr
        join respondents r on r.id = cr.respondent_id where cr.case_id = c.id and r.industry is not null), '{}')`.execute(db)

  // The dashboard's sets start from when a case was closed; "open" already has cases_risk_open_idx.
  await sql`create index cases_closed_idx on cases (closed_at) where closed_at is not null`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists cases_closed_idx`.execute(db)
  for (const table of ['mediation_sessions', 'agreements', 'case_respondents', 'case_clocks', 'agreement_items', 'respondents']) {
    await sql`drop trigger if exists ${sql.raw(`${table}_case_facts`)} on ${sql.table(table)}`.execute(db)
  }
  for (const fn of ['case_facts_by_respondent()', 'case_facts_by_agreement_item()', 'case_facts_by_clock()', 'case_facts_by_case_id()', 'case_facts_refresh(integer)']) {
    await sql.raw(`drop function if exists ${fn}`).execute(db)
  }
  await sql`alter table cases drop column if exists mediated, drop column if exists has_agreement, drop column if exists agreed_fen,
    drop column if exists mediation_due_on, drop column if exists industries`.execute(db)
}
