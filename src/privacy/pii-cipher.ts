import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto'

/**
 * Phones and ID numbers at rest (DESIGN §6, PIPL Art. 28/51): AES-256-GCM with a key kept outside
 * the database, and a keyed hash (blind index) so an exact lookup never needs the plaintext.
 * Two keys are derived from one master key so the index key cannot decrypt anything.
 */
export type PiiCipher = {
  encrypt(plain: string): Uint8Array
  decrypt(blob: Uint8Array): string
  /** Same input, same bytes: for `where phone_bidx = …`. Callers normalise first. */
  blindIndex(kind: 'phone' | 'id_number', normalised: string): Uint8Array
  /** Names the key without revealing it, so a start with the wrong key can be refused. */
  fingerprint: string
}

const VERSION = 1

export function createPiiCipher(masterKey: Uint8Array): PiiCipher {
  if (masterKey.length !== 32) throw new Error('The PII key must be 32 bytes (256 bits)')
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), info, 32))
  const encKey = derive('fengqiao/pii/aes-256-gcm')
  const indexKey = derive('fengqiao/pii/blind-index')
  return {
    encrypt(plain) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', encKey, iv)
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body])
    },
    decrypt(blob) {
      const buf = Buffer.from(blob)
      if (buf[0] !== VERSION) throw new Error('Unknown PII ciphertext version')
      const decipher = createDecipheriv('aes-256-gcm', encKey, buf.subarray(1, 13))
      decipher.setAuthTag(buf.subarray(13, 29))
      return Buffer.concat([decipher.update(buf.subarray(29)), decipher.final()]).toString('utf8')
    },
    blindIndex(kind, normalised) {
      return createHmac('sha256', indexKey).update(`${kind}:${normalised}`).digest()
    },
    fingerprint: createHmac('sha256', derive('fengqiao/pii/fingerprint')).update('fingerprint').digest('hex').slice(0, 16),
  }
}

/** Accepts the key as 64 hex characters or base64 of 32 bytes. */
export function parseKey(text: string): Uint8Array {
  const t = text.trim()
  const bytes = /^[0-9a-f]{64}$/i.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64')
  if (bytes.length !== 32) throw new Error('PII_KEY must be 32 bytes: 64 hex characters or base64')
  return bytes
}
