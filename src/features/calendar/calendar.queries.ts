import type { Db } from '../../db/connect.ts'

export function loadedYears(db: Db) {
  return db.selectFrom('calendar_years').select(['year', 'loaded_at', 'source']).orderBy('year').execute()
}

export function daysOfYear(db: Db, year: number) {
  return db.selectFrom('workday_calendar').select(['day', 'kind', 'name'])
    .where('day', '>=', `${year}-01-01`).where('day', '<=', `${year}-12-31`).orderBy('day').execute()
}

export async function upsertDay(db: Db, day: string, kind: string, name: string) {
  await db.insertInto('workday_calendar').values({ day, kind, name })
    .onConflict((oc) => oc.column('day').doUpdateSet({ kind, name })).execute()
}

export async function deleteDay(db: Db, day: string): Promise<boolean> {
  const r = await db.deleteFrom('workday_calendar').where('day', '=', day).executeTakeFirst()
  return Number(r.numDeletedRows) > 0
}

export async function markYearLoaded(db: Db, year: number, source: string, now: Date) {
  await db.insertInto('calendar_years').values({ year, source, loaded_at: now })
    .onConflict((oc) => oc.column('year').doUpdateSet({ source, loaded_at: now })).execute()
}
