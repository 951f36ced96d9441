import type { Config } from '../config.ts'
import type { Db, DbKind } from '../db/connect.ts'
import { seedDemoCases } from '../db/seed/demo-cases.ts'
import type { SeedReport } from '../db/seed/first-start.ts'
import type { PiiCipher } from '../privacy/pii-cipher.ts'

/** The start-up message: where to sign in and, on a demo database, as whom. Printed once per start. */
export function announce(port: number, kind: DbKind, config: Config, seed: SeedReport, processes: number) {
  const where = kind === 'pglite' ? `embedded PGlite (${config.dataDir})` : 'PostgreSQL'
  console.log(`\n工会枫桥 · Fengqiao is running on ${where}${processes > 1 ? ` in ${processes} processes` : ''}`)
  console.log(`Open http://localhost:${port}/login`)
  if (seed.logins.length > 0) {
    console.log(`\nDemo logins (password for all: ${seed.password}):`)
    for (const l of seed.logins) console.log(`  ${l.username.padEnd(22)} ${l.description}`)
  }
  for (const line of seed.notes) console.log(line)
}

/** The demo cases are written after the server answers, so a first start is quick. */
export async function writeDemoCases(db: Db, pii: PiiCipher): Promise<void> {
  const started = Date.now()
  try {
    const n = await seedDemoCases(db, pii, new Date())
    console.log(`Demo district: ${n} cases written in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  } catch (e) {
    console.error('Writing the demo cases failed:', e)
  }
}
