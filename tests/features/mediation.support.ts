import { expect } from 'vitest'
import type { NewCase } from '../../src/features/intake/intake.queries.ts'
import { makeCase } from '../support/case-fixtures.ts'
import { makeDistrict, makeUser, type District, type TestUser } from '../support/fixtures.ts'
import { signedIn, type Browser } from '../support/http.ts'
import type { TestContext } from '../support/test-app.ts'

// The people and steps the mediation tests share: a town with a rights officer, an assigned
// mediator and one not assigned, a legal adviser, a manager; cases accepted for mediation.

export type People = {
  world: District
  officer: TestUser
  mediator: TestUser
  asOfficer: Browser
  asMediator: Browser
  asOtherMediator: Browser
  asAdviser: Browser
  asManager: Browser
}

export async function makePeople(ctx: TestContext): Promise<People> {
  const world = await makeDistrict(ctx.db)
  const officer = await makeUser(ctx.db, world.townA, ['rights_officer'])
  const mediator = await makeUser(ctx.db, world.townA, ['mediator'], { displayName: '调解员甲' })
  const other = await makeUser(ctx.db, world.townA, ['mediator'])
  const adviser = await makeUser(ctx.db, world.townA, ['legal_adviser'])
  const manager = await makeUser(ctx.db, world.townA, ['manager'])
  const as = (u: TestUser) => signedIn(ctx.app, u.username, u.password)
  return {
    world, officer, mediator,
    asOfficer: await as(officer), asMediator: await as(mediator), asOtherMediator: await as(other), asAdviser: await as(adviser), asManager: await as(manager),
  }
}

export const version = async (ctx: TestContext, id: number) =>
  String((await ctx.db.selectFrom('cases').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version)

/** Wages ¥12,345.67 and overtime ¥0.30 claimed. */
export const CLAIMS: NewCase['claims'] = [
  { kind: 'wages', description: '2026年8—10月工资', amountFen: 1_234_567n },
  { kind: 'overtime', description: '周末加班费', amountFen: 30n },
]

/** A case accepted for mediation (or another route), with the mediator assigned. */
export async function mediating(ctx: TestContext, p: People, more: Partial<NewCase> = {}, route = 'mediation') {
  const { id } = await makeCase(ctx, p.world.townA, p.officer, { claims: CLAIMS, ...more })
  expect((await p.asOfficer.post(`/cases/${id}/acceptance`, { version: await version(ctx, id), route, reason: route === 'mediation' ? undefined : '测试' })).status).toBe(303)
  expect((await p.asOfficer.post(`/cases/${id}/mediator`, { version: await version(ctx, id), mediator_id: String(p.mediator.id) })).status).toBe(303)
  return id
}

export const claimIds = async (ctx: TestContext, caseId: number) =>
  (await ctx.db.selectFrom('claims').select('id').where('case_id', '=', caseId).orderBy('position').execute()).map((r) => r.id)

/** A complete agreement form for a case with CLAIMS: ¥10,000.10 + ¥0.20 agreed, in two instalments. */
export async function agreementForm(ctx: TestContext, caseId: number, more: Record<string, string> = {}) {
  const [wages, overtime] = await claimIds(ctx, caseId)
  return {
    version: await version(ctx, caseId),
    terms: '一、被申请人支付申请人工资10000.10元。\n二、支付加班费0.20元。',
    performance_method: '银行转账',
    signed_on: '2026-11-18',
    effective_date: '2026-11-19',
    [`agreed_${wages}`]: '10,000.10',
    [`agreed_${overtime}`]: '0.20',
    due_1: '2026-11-30', amount_1: '5000.10',
    due_2: '2026-12-31', amount_2: '5000.20',
    ...more,
  }
}

/** A case whose agreement is in effect (status performing). */
export async function performing(ctx: TestContext, p: People, more: Record<string, string> = {}) {
  const id = await mediating(ctx, p)
  const res = await p.asMediator.post(`/cases/${id}/agreements`, await agreementForm(ctx, id, more))
  expect(res.status).toBe(303)
  return id
}

/** The message printed beside a field (views/shared/_field-error.eta), tags stripped. */
export function fieldError(html: string, name: string): string {
  const m = new RegExp(`<small id="f-${name}-err"[^>]*>([\\s\\S]*?)</small>`).exec(html)
  return m ? m[1]!.replace(/<[^>]+>/g, '').trim() : `(no error slot for ${name})`
}

export const caseRow = (ctx: TestContext, id: number) => ctx.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
export const eventsOf = (ctx: TestContext, id: number, kind: string) =>
  ctx.db.selectFrom('case_events').selectAll().where('case_id', '=', id).where('kind', '=', kind).orderBy('id').execute()
