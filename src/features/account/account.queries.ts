import type { Db } from '../../db/connect.ts'

export async function passwordHashOf(db: Db, userId: number): Promise<string | undefined> {
  const row = await db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirst()
  return row?.password_hash
}

export async function setOwnPassword(db: Db, userId: number, passwordHash: string, now: Date) {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, must_change_password: false, password_changed_at: now })
    .where('id', '=', userId)
    .execute()
}
