import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeEach, describe, expect, test } from 'vitest'
import { loadConfig } from '../../src/config.ts'
import { createPiiCipher } from '../../src/privacy/pii-cipher.ts'
import { loadPiiCipher, PiiKeyError } from '../../src/privacy/pii-key.ts'
import { createTestContext, type TestContext } from '../support/test-app.ts'

describe('the PII cipher', () => {
  const cipher = createPiiCipher(new Uint8Array(32).fill(9))

  test('round-trips, with a fresh nonce each time', () => {
    const a = cipher.encrypt('440106199003071234')
    const b = cipher.encrypt('440106199003071234')
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false)
    expect(cipher.decrypt(a)).toBe('440106199003071234')
    expect(Buffer.from(a).toString('latin1')).not.toContain('1990')
  })

  test('refuses tampered ciphertext', () => {
    const blob = Buffer.from(cipher.encrypt('13812345678'))
    blob[blob.length - 1]! ^= 1
    expect(() => cipher.decrypt(blob)).toThrow()
  })

  test('gives a stable blind index per kind and value, and a different one under another key', () => {
    const i1 = cipher.blindIndex('phone', '13812345678')
    expect(Buffer.from(i1).equals(Buffer.from(cipher.blindIndex('phone', '13812345678')))).toBe(true)
    expect(Buffer.from(i1).equals(Buffer.from(cipher.blindIndex('id_number', '13812345678')))).toBe(false)
    const other = createPiiCipher(new Uint8Array(32).fill(8))
    expect(Buffer.from(i1).equals(Buffer.from(other.blindIndex('phone', '13812345678')))).toBe(false)
    expect(other.fingerprint).not.toBe(cipher.fingerprint)
  })
})

describe('loading the key at start-up', () => {
  let ctx: TestContext
  let dir: string
  beforeEach(async () => {
    ctx = await createTestContext()
    dir = mkdtempSync(path.join(tmpdir(), 'fq-key-'))
    return async () => {
      await ctx.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
  afterAll(() => {})

  test('the embedded default generates a key once in the data folder and uses it again after', async () => {
    const config = { ...loadConfig({}), dataDir: dir }
    const first = await loadPiiCipher(ctx.db, config)
    expect(readFileSync(path.join(dir, 'pii.key'), 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/)
    const again = await loadPiiCipher(ctx.db, config)
    expect(again.fingerprint).toBe(first.fingerprint)
    expect(again.decrypt(first.encrypt('13900001111'))).toBe('13900001111')
  })

  test('a lost key for existing data is a clear start-up error, not a new key', async () => {
    await loadPiiCipher(ctx.db, { ...loadConfig({}), dataDir: dir })
    rmSync(path.join(dir, 'pii.key'))
    await expect(loadPiiCipher(ctx.db, { ...loadConfig({}), dataDir: dir })).rejects.toThrow(PiiKeyError)
    await expect(loadPiiCipher(ctx.db, { ...loadConfig({}), dataDir: dir })).rejects.toThrow(/PII_KEY/)
  })

  test('a PII_KEY other than the one the data was written with is refused', async () => {
    await loadPiiCipher(ctx.db, { ...loadConfig({ PII_KEY: 'a'.repeat(64) }), dataDir: dir })
    await expect(loadPiiCipher(ctx.db, { ...loadConfig({ PII_KEY: 'b'.repeat(64) }), dataDir: dir })).rejects.toThrow(/does not match/)
    expect((await loadPiiCipher(ctx.db, { ...loadConfig({ PII_KEY: 'a'.repeat(64) }), dataDir: dir })).fingerprint).toBeTruthy()
  })

  test('production needs PII_KEY', async () => {
    await expect(loadPiiCipher(ctx.db, { ...loadConfig({ NODE_ENV: 'production' }), dataDir: dir })).rejects.toThrow(/production/)
  })

  test('a malformed PII_KEY is refused', async () => {
    await expect(loadPiiCipher(ctx.db, { ...loadConfig({ PII_KEY: 'too-short' }), dataDir: dir })).rejects.toThrow(/32 bytes/)
  })
})
