import { loadConfig } from '../../../config.ts'
import { loadPiiCipher, PiiKeyError } from '../../../privacy/pii-key.ts'
import { connectPostgres } from '../../connect.ts'
import { migrateToLatest } from '../../migrate.ts'
import { findRealData, RealDataError } from './real-data.ts'
import { seedBulk } from './seed-bulk.ts'
import { parseSeedArgs, USAGE } from './seed-args.ts'

/**
 * `npm run seed -- --cases N [--years Y] [--force]`. PostgreSQL only: a million cases is what the
 * bulk seed is for, and the embedded PGlite is not where they would go. Exit codes: 0 done,
 * 1 failed, 2 bad command line, 3 refused (real data, production).
 */
const args = parseSeedArgs(process.argv.slice(2))
if ('help' in args) {
  console.log(USAGE)
  process.exit(0)
}
if ('error' in args) {
  console.error(`${args.error}\n\n${USAGE}`)
  process.exit(2)
}
const config = loadConfig()
if (!config.databaseUrl) {
  console.error('DATABASE_URL is not set. The bulk seed loads PostgreSQL only (e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/fengqiao);\n'
    + 'the embedded PGlite database gets its demo cases at the first `npm start`.')
  process.exit(1)
}
if (config.production) {
  console.error('NODE_ENV is production: the bulk seed writes invented cases and demo users, and refuses to.')
  process.exit(3)
}

const { db } = await connectPostgres(config.databaseUrl)
let code = 0
try {
  const applied = await migrateToLatest(db)
  if (applied.length) console.error(`Migrated: ${applied.join(', ')}`)
  // Refused before anything is written: the key file, the demo users.
  const found = await findRealData(db)
  if (found && !args.force) throw new RealDataError(found)
  const pii = await loadPiiCipher(db, config)
  const started = Date.now()
  console.error(`Seeding ${args.cases.toLocaleString('en-US')} cases over ${args.years} years into PostgreSQL${found ? ' (--force: beside data that is not the seed\'s)' : ''}…`)
  const report = await seedBulk(db, { cases: args.cases, years: args.years, force: args.force, seed: args.seed, pii, config })
  const total = (Date.now() - started) / 1000
  const rows = Object.values(report.rows).reduce((a: number, b: number) => a + b, 0)
  console.log(`\nAdded ${report.cases.toLocaleString('en-US')} cases (ids from ${report.firstCaseId}) and ${rows.toLocaleString('en-US')} rows in all, in ${total.toFixed(1)} s (${report.threads || 'no'} generator threads):`)
  for (const p of report.phases) console.log(`  ${p.name.padEnd(36)} ${p.seconds.toFixed(1).padStart(7)} s`)
  for (const [table, n] of Object.entries(report.rows) as [string, number][]) console.log(`  ${table.padEnd(36)} ${n.toLocaleString('en-US').padStart(11)} rows`)
  const password = report.start.password ?? config.demoPassword
  console.log(`\nSign in as manager (or mediator_gc_01, rights_officer_ss_01, …) with ${password ? `the demo password: ${password}` : 'the demo password printed at the first start'}.`)
} catch (e) {
  if (e instanceof RealDataError) {
    code = 3
    console.error(e.message)
  } else if (e instanceof PiiKeyError) {
    code = 1
    console.error(`\nCannot seed: ${e.message}`)
  } else {
    code = 1
    const role = e instanceof Error && /session_replication_role/.test(e.message)
    console.error(role
      ? `\nCannot seed: ${(e as Error).message}\nThe load skips triggers and foreign-key checks (session_replication_role = replica), which needs a superuser.`
      : '\nSeeding failed; no case was kept:', role ? '' : e)
  }
} finally {
  await db.destroy()
}
process.exit(code)
