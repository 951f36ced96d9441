import type { Db } from '../db/connect.ts'

export type DraftFields = Record<string, string | string[]>

// A draft is only worth restoring the same working day; older ones are dropped.
const DRAFT_LIFETIME_MS = 12 * 3_600_000

export async function saveDraft(db: Db, userId: number, page: string, fields: DraftFields, now: Date) {
  await db.deleteFrom('form_drafts').where('user_id', '=', userId).where('page', '=', page).execute()
  await db.insertInto('form_drafts').values({ user_id: userId, page, fields, created_at: now }).execute()
}

/** Returns the draft for this page once, then forgets it. */
export async function takeDraft(db: Db, userId: number, page: string, now: Date): Promise<DraftFields | null> {
  const rows = await db
    .deleteFrom('form_drafts')
    .where('user_id', '=', userId)
    .where('page', '=', page)
    .returning(['fields', 'created_at'])
    .execute()
  const fresh = rows.find((r) => now.getTime() - r.created_at.getTime() < DRAFT_LIFETIME_MS)
  return fresh?.fields ?? null
}
