import { hash, verify } from '@node-rs/argon2'

// Argon2id at OWASP's floor (m=19 MiB, t=2, p=1): ~12 ms here, off the main thread.
const OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS)
}

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password)
  } catch {
    return false
  }
}

/**
 * Verifying against this when the username is unknown makes an unknown user cost the same time
 * as a wrong password, so response timing does not reveal which usernames exist.
 */
let dummyHash: Promise<string> | undefined
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword('fengqiao-no-such-user-placeholder')
  await verifyPassword(await dummyHash, password)
  return false
}
