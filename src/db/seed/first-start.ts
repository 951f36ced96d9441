import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding'
import type { Config } from '../../config.ts'
import { hashPassword } from '../../auth/password.ts'
import type { Db } from '../connect.ts'
import { DEMO_USERS, DISTRICT, TOWN_STAFF, TOWNS } from './district.ts'

export type SeedReport = {
  password: string | null
  logins: { username: string; description: string }[]
  notes: string[]
  /** True when the demo users were just created: the demo cases are still to be written. */
  needsDemoCases: boolean
}

/**
 * Runs at every start and does something only on an empty database: the district and its towns,
 * plus the demo users outside production. The demo password is the same at every start, so the
 * printed logins stay true.
 */
export async function seedOnFirstStart(db: Db, config: Config): Promise<SeedReport> {
  const report: SeedReport = { password: null, logins: [], notes: [], needsDemoCases: false }
  const hasUnits = await db.selectFrom('org_units').select('id').limit(1).executeTakeFirst()
  if (!hasUnits) await seedDistrict(db)

  if (config.production) {
    const hasUsers = await db.selectFrom('users').select('id').limit(1).executeTakeFirst()
    if (!hasUsers && config.adminPassword) {
      await createFirstAdmin(db, config.adminPassword)
      report.notes.push('Created user "admin" from ADMIN_PASSWORD; it must be changed at first sign-in.')
    } else if (!hasUsers) {
      report.notes.push('No users yet: restart with ADMIN_PASSWORD set to create the first administrator.')
    }
    return report
  }

  const password = demoPassword(config)
  const hasDemo = await db.selectFrom('users').select('id').where('is_demo', '=', true).limit(1).executeTakeFirst()
  const hasUsers = hasDemo ?? (await db.selectFrom('users').select('id').limit(1).executeTakeFirst())
  if (!hasUsers) {
    await seedDemoUsers(db, password)
    report.needsDemoCases = true
  }
  if (hasDemo || !hasUsers) {
    report.password = password
    report.logins = DEMO_USERS.map(({ username, description }) => ({ username, description }))
    report.notes.push(`Each other town has its own informant, rights officer and mediator: ${TOWN_STAFF.map((u) => u.username).slice(0, 2).join(', ')}, …`)
  }
  return report
}

export async function seedDistrict(db: Db) {
  await db.transaction().execute(async (trx) => {
    const district = await trx.insertInto('org_units').values({ kind: 'district', name: DISTRICT.name, code: DISTRICT.code })
      .returning('id').executeTakeFirstOrThrow()
    for (const town of TOWNS) {
      const t = await trx.insertInto('org_units').values({ kind: 'town', name: town.name, code: town.code, parent_id: district.id })
        .returning('id').executeTakeFirstOrThrow()
      await trx.insertInto('org_units')
        .values(town.grassroots.map((name, i) => ({ kind: 'grassroots', name, code: `${town.code}-${i + 1}`, parent_id: t.id })))
        .execute()
    }
  })
}

async function seedDemoUsers(db: Db, password: string) {
  const passwordHash = await hashPassword(password)
  await db.transaction().execute(async (trx) => {
    for (const u of [...DEMO_USERS.map((d) => ({ ...d, role: d.username })), ...TOWN_STAFF]) {
      const unit = await trx.selectFrom('org_units').select('id').where('code', '=', u.unitCode).executeTakeFirstOrThrow()
      const user = await trx.insertInto('users')
        .values({ username: u.username, display_name: u.displayName, password_hash: passwordHash, org_unit_id: unit.id, is_demo: true })
        .returning('id').executeTakeFirstOrThrow()
      await trx.insertInto('user_roles').values({ user_id: user.id, role: u.role }).execute()
    }
  })
}

async function createFirstAdmin(db: Db, password: string) {
  const district = await db.selectFrom('org_units').select('id').where('kind', '=', 'district').orderBy('id').executeTakeFirstOrThrow()
  const passwordHash = await hashPassword(password)
  await db.transaction().execute(async (trx) => {
    const user = await trx.insertInto('users')
      .values({ username: 'admin', display_name: '系统管理员', password_hash: passwordHash, org_unit_id: district.id, must_change_password: true })
      .returning('id').executeTakeFirstOrThrow()
    await trx.insertInto('user_roles').values({ user_id: user.id, role: 'admin' }).execute()
  })
}

/** DEMO_PASSWORD if given; otherwise one generated at the first start and kept in the data folder. */
function demoPassword(config: Config): string {
  if (config.demoPassword) return config.demoPassword
  const file = path.join(config.dataDir, 'demo-password')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  const raw = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(10)))
  const generated = `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}-${raw.slice(12, 16)}`
  mkdirSync(config.dataDir, { recursive: true })
  writeFileSync(file, generated + '\n', { mode: 0o600 })
  return generated
}
