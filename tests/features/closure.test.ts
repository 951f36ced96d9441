import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { Browser, signedIn, text } from '../support/http.ts'
import { makeCase } from '../support/case-fixtures.ts'
import { makeDistrict, makeUser, type District, type TestUser } from '../support/fixtures.ts'
import { zhCN } from '../../src/i18n/zh-CN.ts'
import { createTestContext, type TestContext } from '../support/test-app.ts'

// Closure (issue 5 §7): one reason, the level it was resolved at, the amount recovered; a reopening
// needs a reason and clears them.

let ctx: TestContext
let world: District
let officer: TestUser
let mediator: TestUser
let asOfficer: Browser
let asManager: Browser

beforeAll(async () => {
  ctx = await createTestContext()
  world = await makeDistrict(ctx.db)
  officer = await makeUser(ctx.db, world.townA, ['rights_officer'])
  mediator = await makeUser(ctx.db, world.townA, ['mediator'])
  const manager = await makeUser(ctx.db, world.townA, ['manager'])
  asOfficer = await signedIn(ctx.app, officer.username, officer.password)
  asManager = await signedIn(ctx.app, manager.username, manager.password)
})
afterAll(() => ctx.close())

const REQUIRED = zhCN['actions.error.required']
const kase = (id: number) => ctx.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
const v = async (id: number) => String((await kase(id)).version)

async function accepted(route = 'mediation') {
  const id = (await makeCase(ctx, world.townA, officer)).id
  expect((await asOfficer.post(`/cases/${id}/acceptance`, { version: await v(id), route, reason: route === 'mediation' ? undefined : '测试' })).status).toBe(303)
  return id
}

/** An agreement in effect with two instalments of ¥5,000.05 and ¥2,999.95, the first paid. */
async function performingWithDebt() {
  const id = await accepted()
  await ctx.db.updateTable('cases').set({ status: 'performing', agreement_effective_on: '2026-11-01', assigned_mediator_id: mediator.id }).where('id', '=', id).execute()
  const a = await ctx.db.insertInto('agreements').values({
    case_id: id, terms: '分两期支付', performance_method: '银行转账', signed_on: '2026-11-01', effective_on: '2026-11-01', recorded_by: officer.id, recorded_at: new Date(),
  }).returning('id').executeTakeFirstOrThrow()
  await ctx.db.insertInto('agreement_items').values({ agreement_id: a.id, position: 1, kind: 'wages', claimed_fen: '900000', agreed_fen: '800000' }).execute()
  const [first, second] = await ctx.db.insertInto('agreement_instalments').values([
    { agreement_id: a.id, seq: 1, due_on: '2026-11-10', amount_fen: '500005' },
    { agreement_id: a.id, seq: 2, due_on: '2026-12-10', amount_fen: '299995' },
  ]).returning('id').execute()
  await ctx.db.insertInto('agreement_payments').values({ case_id: id, instalment_id: first!.id, paid_on: '2026-11-09', amount_fen: '500005', recorded_by: officer.id, recorded_at: new Date() }).execute()
  return { id, secondInstalment: second!.id }
}

describe('closing a case', () => {
  test('keeps the reason, the level and the amount recovered exactly, and says so on the page and the timeline', async () => {
    const id = await accepted()
    const res = await asOfficer.post(`/cases/${id}/closure`, {
      version: await v(id), closure_reason: 'negotiated_settlement', resolution_level: 'grassroots', recovered: '12,345.67', note: '双方自行和解',
    })
    expect(res.status).toBe(303)
    expect(await kase(id)).toMatchObject({ status: 'closed', closure_reason: 'negotiated_settlement', resolution_level: 'grassroots', recovered_fen: '1234567', closure_note: '双方自行和解' })
    const page = text(await (await asOfficer.get(`/cases/${id}`)).text())
    expect(page).toContain('基层化解')
    expect(page).toContain('挽回金额 ¥12,345.67')
    const event = await ctx.db.selectFrom('case_events').select('payload').where('case_id', '=', id).where('kind', '=', 'action.close').executeTakeFirstOrThrow()
    expect(event.payload).toMatchObject({ resolution_level: 'grassroots', recovered_fen: '1234567' })
  })

  test('bad input: 422 with the message beside each field, the values kept, nothing changed', async () => {
    const id = await accepted()
    const before = await kase(id)
    const res = await asOfficer.post(`/cases/${id}/closure`, { version: await v(id), closure_reason: 'withdrawn', resolution_level: '', recovered: '12,50' })
    expect(res.status).toBe(422)
    const html = await res.text()
    const errorOf = (field: string) => /id="f-[^"]+-err"[^>]*>([^<]*)</.exec(html.slice(html.indexOf(`id="f-${field}-err"`)))?.[1]
    expect(errorOf('resolution_level')).toBe(REQUIRED)
    expect(errorOf('recovered')).toContain('请填写金额，例如 12345.67')
    expect(html).toContain('value="12,50"')
    expect(await kase(id)).toMatchObject({ status: before.status, version: before.version, closure_reason: null, recovered_fen: null })
  })

  test('the form proposes the level from the unit working the case and the amount from what was paid', async () => {
    const { id } = await performingWithDebt()
    const html = await (await asOfficer.get(`/cases/${id}/closure`)).text()
    expect(html).toMatch(/<option value="town" selected>/)
    expect(html).toContain('value="5000.05"')
  })

  test('"agreement performed" is refused while money agreed is unpaid, and accepted once it is all paid', async () => {
    const { id, secondInstalment } = await performingWithDebt()
    const form = { closure_reason: 'agreement_performed', resolution_level: 'town', recovered: '8000' }
    const refused = await asOfficer.post(`/cases/${id}/closure`, { version: await v(id), ...form })
    expect(refused.status).toBe(422)
    expect(text(await refused.text())).toContain('协议还有未付款项')
    expect((await kase(id)).status).toBe('performing')
    await ctx.db.insertInto('agreement_payments').values({ case_id: id, instalment_id: secondInstalment, paid_on: '2026-11-19', amount_fen: '299995', recorded_by: officer.id, recorded_at: new Date() }).execute()
    const proposed = await (await asOfficer.get(`/cases/${id}/closure`)).text()
    expect(proposed).toMatch(/<option value="agreement_performed" selected>/)
    expect(proposed).toContain('value="8000.00"')
    expect((await asOfficer.post(`/cases/${id}/closure`, { version: await v(id), ...form })).status).toBe(303)
    expect(await kase(id)).toMatchObject({ status: 'closed', closure_reason: 'agreement_performed', recovered_fen: '800000' })
  })

  test('reopening needs a reason and clears the closure', async () => {
    const id = await accepted()
    await asOfficer.post(`/cases/${id}/closure`, { version: await v(id), closure_reason: 'withdrawn', resolution_level: 'town', recovered: '0' })
    expect((await asManager.post(`/cases/${id}/reopening`, { version: await v(id), route: 'mediation' })).status).toBe(422)
    expect((await asManager.post(`/cases/${id}/reopening`, { version: await v(id), route: 'mediation', reason: '申请人撤回后又要求调解' })).status).toBe(303)
    expect(await kase(id)).toMatchObject({ status: 'in_progress', closure_reason: null, resolution_level: null, recovered_fen: null, closure_note: null, closed_at: null })
  })
})
