import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import type { Config } from '../config.ts'
import type { Db } from '../db/connect.ts'
import { createPiiCipher, parseKey, type PiiCipher } from './pii-cipher.ts'

export class PiiKeyError extends Error {}

/**
 * The key comes from PII_KEY, or (embedded default, outside production) from a file generated
 * once in the data folder. A key that does not match the one the data was written with, or no
 * key while encrypted data exists, stops the start with a clear message: never silent loss.
 */
export async function loadPiiCipher(db: Db, config: Config): Promise<PiiCipher> {
  const file = path.join(config.dataDir, 'pii.key')
  const recorded = await db.selectFrom('key_fingerprints').select('fingerprint').where('purpose', '=', 'pii').executeTakeFirst()
  let key: Uint8Array
  if (config.piiKey) {
    key = parseKey(config.piiKey)
  } else if (existsSync(file)) {
    key = parseKey(readFileSync(file, 'utf8'))
  } else if (recorded) {
    throw new PiiKeyError(
      `Personal data in this database was encrypted with a key that is not available. Set PII_KEY to that key, or restore ${file}.`,
    )
  } else if (config.production) {
    throw new PiiKeyError('PII_KEY must be set in production (64 hex characters; e.g. `openssl rand -hex 32`).')
  } else {
    key = randomBytes(32)
    mkdirSync(config.dataDir, { recursive: true })
    writeFileSync(file, Buffer.from(key).toString('hex') + '\n', { mode: 0o600 })
  }
  const cipher = createPiiCipher(key)
  if (recorded && recorded.fingerprint !== cipher.fingerprint) {
    throw new PiiKeyError('PII_KEY does not match the key the personal data was encrypted with (fingerprints differ). Refusing to start.')
  }
  if (!recorded) await db.insertInto('key_fingerprints').values({ purpose: 'pii', fingerprint: cipher.fingerprint }).execute()
  return cipher
}
