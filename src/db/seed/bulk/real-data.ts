import { sql } from 'kysely'
import type { Db } from '../../connect.ts'
import { DISTRICT } from '../district.ts'

/**
 * Data that is not the seed's, which the bulk seed will not mix invented cases into unless told to
 * (--force): any user not marked as a demo user (a real account, or the administrator created from
 * ADMIN_PASSWORD), the cases such users reported, and an org tree other than the demo district.
 */
export type RealData = { users: number; usernames: string[]; cases: number; districts: string[] }

export async function findRealData(db: Db): Promise<RealData | null> {
  const [users, named, cases, districts] = await Promise.all([
    db.selectFrom('users').select(sql<string>`count(*)`.as('n')).where('is_demo', '=', false).executeTakeFirstOrThrow(),
    db.selectFrom('users').select('username').where('is_demo', '=', false).orderBy('id').limit(5).execute(),
    db.selectFrom('cases').select(sql<string>`count(*)`.as('n'))
      .where('reported_by', 'in', db.selectFrom('users').select('id').where('is_demo', '=', false)).executeTakeFirstOrThrow(),
    db.selectFrom('org_units').select('name').where('kind', '=', 'district').where(sql<boolean>`code is distinct from ${DISTRICT.code}`).execute(),
  ])
  const found = { users: Number(users.n), usernames: named.map((u) => u.username), cases: Number(cases.n), districts: districts.map((d) => d.name) }
  return found.users || found.cases || found.districts.length ? found : null
}

export function describeRealData(f: RealData): string {
  const parts: string[] = []
  if (f.users) parts.push(`${f.users} user(s) not marked as demo users (${f.usernames.join(', ')}${f.users > f.usernames.length ? ', …' : ''})`)
  if (f.cases) parts.push(`${f.cases.toLocaleString('en-US')} case(s) reported by them`)
  if (f.districts.length) parts.push(`an org tree other than the demo district (${f.districts.join(', ')})`)
  return `This database holds data that is not from the seed: ${parts.join('; ')}.\n`
    + 'The bulk seed would mix invented cases into it. To add them anyway, run again with --force.'
}

export class RealDataError extends Error {
  constructor(readonly found: RealData) {
    super(describeRealData(found))
  }
}
