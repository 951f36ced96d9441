import { readFile } from 'node:fs/promises'
import { inject } from 'vitest'
import postgres from 'postgres'
import { createApp, type App } from '../../src/app.ts'
import { loadConfig, type Config } from '../../src/config.ts'
import { connectPglite, connectPostgres, type Db, type DbKind } from '../../src/db/connect.ts'
import { withDatabase } from './global-setup.ts'
import { createPiiCipher, type PiiCipher } from '../../src/privacy/pii-cipher.ts'

/** A fixed key, so tests can compute blind indexes and decrypt what the app wrote. */
export const TEST_PII_KEY = new Uint8Array(32).map((_, i) => i * 7 + 3)

/** A clock the tests move by hand: session expiry and lockouts are tested without sleeping. */
export class FakeClock {
  constructor(public current = new Date('2026-11-20T02:00:00Z')) {}
  now = () => new Date(this.current.getTime())
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms)
  }
  minutes(n: number) {
    this.advance(n * 60_000)
  }
}

export type TestContext = {
  db: Db
  kind: DbKind
  app: App
  clock: FakeClock
  config: Config
  pii: PiiCipher
  /** A second app over the same database, with other settings (e.g. TRUST_PROXY). */
  appWith: (overrides: Partial<Config>) => App
  close: () => Promise<void>
}

/** A freshly migrated database of its own for one test file, and the app over it. */
export async function createTestContext(): Promise<TestContext> {
  const config = { ...loadConfig({ NODE_ENV: 'test' }), dataDir: '/nonexistent-test-data-dir' }
  const clock = new FakeClock()
  let db: Db
  let kind: DbKind
  let cleanup = async () => {}
  const pgTemplate = inject('pgTemplate')
  if (pgTemplate) {
    const url = process.env.DATABASE_URL!
    const name = `fq_t_${process.ppid}_${Math.random().toString(36).slice(2, 10)}`
    const admin = postgres(url, { max: 1, onnotice: () => {} })
    await admin.unsafe(`create database ${name} template ${pgTemplate}`)
    ;({ db, kind } = await connectPostgres(withDatabase(url, name)))
    cleanup = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`)
      await admin.end()
    }
  } else {
    const tarball = await readFile(inject('pgliteTemplate'))
    ;({ db, kind } = await connectPglite({ loadDataDir: new Blob([tarball]) }))
  }
  const pii = createPiiCipher(TEST_PII_KEY)
  const appWith = (overrides: Partial<Config>) => createApp({ db, dbKind: kind, config: { ...config, ...overrides }, pii, now: clock.now })
  return {
    db,
    kind,
    clock,
    config,
    pii,
    app: appWith({}),
    appWith,
    close: async () => {
      await db.destroy()
      await cleanup()
    },
  }
}
