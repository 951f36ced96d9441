import { sha256 } from '@oslojs/crypto/sha2'
import { constantTimeEqual } from '@oslojs/crypto/subtle'
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding'
import type { Db } from '../db/connect.ts'
import { needsTouch, sessionState, type SessionState } from '../domain/session-expiry.ts'

/**
 * Sessions as lucia-auth.com's current guide teaches them (the deprecated `lucia` package is not
 * used): the token is `id.secret`, the database keeps only SHA-256(secret), and the secret is
 * compared in constant time, so a leaked sessions table cannot be replayed as cookies.
 */
export type Session = { id: string; userId: number; createdAt: Date; lastSeenAt: Date }
export type SessionCheck =
  | { ok: true; session: Session }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: Exclude<SessionState, 'active'>; userId: number }

function randomString(bytes: number): string {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(bytes)))
}

const hashSecret = (secret: string) => sha256(new TextEncoder().encode(secret))

export async function createSession(
  db: Db,
  userId: number,
  now: Date,
  client: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; session: Session }> {
  const id = randomString(15) // 120 bits: unguessable on its own, but never trusted alone
  const secret = randomString(20) // 160 bits
  await db
    .insertInto('sessions')
    .values({
      id,
      secret_hash: hashSecret(secret),
      user_id: userId,
      created_at: now,
      last_seen_at: now,
      ip: client.ip,
      user_agent: client.userAgent?.slice(0, 300) ?? null,
    })
    .execute()
  return { token: `${id}.${secret}`, session: { id, userId, createdAt: now, lastSeenAt: now } }
}

export async function validateSessionToken(db: Db, token: string, now: Date): Promise<SessionCheck> {
  const [id, secret, extra] = token.split('.')
  if (!id || !secret || extra !== undefined || id.length > 64 || secret.length > 64) return { ok: false, reason: 'invalid' }
  const row = await db
    .selectFrom('sessions')
    .select(['id', 'secret_hash', 'user_id', 'created_at', 'last_seen_at'])
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row || !constantTimeEqual(hashSecret(secret), new Uint8Array(row.secret_hash))) return { ok: false, reason: 'invalid' }
  const session: Session = { id: row.id, userId: row.user_id, createdAt: row.created_at, lastSeenAt: row.last_seen_at }
  const state = sessionState(session, now)
  if (state !== 'active') {
    await invalidateSession(db, id)
    return { ok: false, reason: state, userId: row.user_id }
  }
  if (needsTouch(session, now)) {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute()
    session.lastSeenAt = now
  }
  return { ok: true, session }
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute()
}

/** Ends every session of a user, or every one but `exceptSessionId` (the one making the change). */
export async function invalidateUserSessions(db: Db, userId: number, exceptSessionId?: string): Promise<number> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId)
  if (exceptSessionId) q = q.where('id', '!=', exceptSessionId)
  const result = await q.executeTakeFirst()
  return Number(result.numDeletedRows)
}
