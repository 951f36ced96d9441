import type { Db } from '../../db/connect.ts'
import { jsonb } from '../../db/jsonb.ts'

export async function readSetting(db: Db, key: string): Promise<unknown> {
  return (await db.selectFrom('app_settings').select('value').where('key', '=', key).executeTakeFirst())?.value
}

export async function writeSetting(db: Db, key: string, value: unknown) {
  await db.insertInto('app_settings').values({ key, value: jsonb(value) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: jsonb(value) })).execute()
}
