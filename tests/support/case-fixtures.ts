import type { Db } from '../../src/db/connect.ts'
import { searchTokens } from '../../src/domain/search-tokens.ts'
import { insertCase, type NewCase, type NewWorker } from '../../src/features/intake/intake.queries.ts'
import type { PiiCipher } from '../../src/privacy/pii-cipher.ts'
import type { TestUser, Unit } from './fixtures.ts'

let seq = 0

export async function makeRespondent(db: Db, opts: { name?: string; kind?: 'organisation' | 'individual'; uscc?: string | null } = {}) {
  const name = opts.name ?? `测试企业${++seq}有限公司`
  return db
    .insertInto('respondents')
    .values({ kind: opts.kind ?? 'organisation', name, uscc: opts.uscc ?? null, search_tokens: searchTokens([name, opts.uscc]), created_at: new Date() })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow()
}

export function worker(name: string, more: Partial<NewWorker> = {}): NewWorker {
  return {
    name, phone: null, idType: 'none', idNumber: null, under16: false, migrant: false, platformWorker: false,
    hireDate: null, leaveDate: null, knewDate: null, ...more,
  }
}

/** A case written the way intake writes it (number, events, risk), without going through the form. */
export async function makeCase(
  ctx: { db: Db; pii: PiiCipher; clock: { now: () => Date } },
  unit: Unit,
  reporter: TestUser,
  more: Partial<NewCase> = {},
) {
  const now = ctx.clock.now()
  const input: NewCase = {
    intakeForm: 'full',
    channel: 'visit',
    channelRef: null,
    orgUnitId: unit.id,
    reportedBy: reporter.id,
    reportedAt: now,
    applicationReceivedAt: now,
    title: '拖欠工资',
    facts: '',
    disputeTypes: ['wages'],
    workersInvolved: 1,
    collectiveSigns: [],
    collectiveContract: null,
    respondents: [],
    workers: [worker('张伟')],
    claims: [],
    ...more,
  }
  return ctx.db.transaction().execute((trx) => insertCase(trx, ctx.pii, input, now))
}
