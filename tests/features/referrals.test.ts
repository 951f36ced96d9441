import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { Browser, signedIn } from '../support/http.ts'
import { makeCase } from '../support/case-fixtures.ts'
import { makeDistrict, makeUser, type District, type TestUser } from '../support/fixtures.ts'
import { createTestContext, type TestContext } from '../support/test-app.ts'

let ctx: TestContext
let world: District
let officerA: TestUser
let officerB: TestUser
let asA: Browser
let asB: Browser
let asBManager: Browser
let asOtherTown: Browser

beforeAll(async () => {
  ctx = await createTestContext()
  world = await makeDistrict(ctx.db)
  officerA = await makeUser(ctx.db, world.townA, ['rights_officer'])
  officerB = await makeUser(ctx.db, world.townB, ['rights_officer'])
  const managerB = await makeUser(ctx.db, world.townB, ['manager'])
  const other = await makeUser(ctx.db, world.grassrootsA, ['rights_officer'])
  asA = await signedIn(ctx.app, officerA.username, officerA.password)
  asB = await signedIn(ctx.app, officerB.username, officerB.password)
  asBManager = await signedIn(ctx.app, managerB.username, managerB.password)
  asOtherTown = await signedIn(ctx.app, other.username, other.password)
})
afterAll(() => ctx.close())

const kase = (id: number) => ctx.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
const v = async (id: number) => String((await kase(id)).version)

async function referredToB() {
  const id = (await makeCase(ctx, world.townA, officerA)).id
  expect((await asA.post(`/cases/${id}/acceptance`, { version: await v(id), route: 'mediation' })).status).toBe(303)
  expect((await asB.get(`/cases/${id}`)).status).toBe(404)
  const form = await (await asA.get(`/cases/${id}/referral`)).text()
  expect(form).toContain(`<option value="${world.townB.id}"`)
  expect(form).not.toContain(`<option value="${world.townA.id}"`)
  expect((await asA.post(`/cases/${id}/referral`, { version: await v(id), to_unit_id: '999999' })).status).toBe(422)
  expect((await asA.post(`/cases/${id}/referral`, { version: await v(id), to_unit_id: String(world.townB.id), reason: '在狮山务工' })).status).toBe(303)
  return id
}

describe('a leg sent to another town', () => {
  test('creates an awaiting leg with the configured acknowledgment days, and a referral clock', async () => {
    await ctx.db.updateTable('app_settings').set({ value: JSON.stringify(3) }).where('key', '=', 'referral_ack_working_days').execute()
    const id = await referredToB()
    const leg = await ctx.db.selectFrom('case_legs').selectAll().where('case_id', '=', id).executeTakeFirstOrThrow()
    expect(leg).toMatchObject({ to_unit_id: world.townB.id, state: 'awaiting_ack', ack_working_days: 3, route: 'mediation' })
    const clock = await ctx.db.selectFrom('case_clocks').selectAll().where('case_id', '=', id).where('kind', '=', 'referral_ack').executeTakeFirst()
    expect(clock).toBeDefined()
    // A cannot refer again while the leg awaits; A's page lists the leg.
    expect((await asA.post(`/cases/${id}/referral`, { version: await v(id), to_unit_id: String(world.townB.id) })).status).toBe(409)
    expect(await (await asA.get(`/cases/${id}`)).text()).toContain('data-testid="legs"')
    await ctx.db.updateTable('app_settings').set({ value: JSON.stringify(2) }).where('key', '=', 'referral_ack_working_days').execute()
  })

  test('town B sees the case while it holds the leg, acknowledges it and becomes its holder', async () => {
    const id = await referredToB()
    const page = await asB.get(`/cases/${id}`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('data-testid="action-acknowledge_referral"')
    expect(html).toContain('data-testid="action-reject_referral"')
    // A may not acknowledge its own referral; someone else's town still cannot see it.
    expect((await asA.post(`/cases/${id}/referral-acknowledgement`, { version: await v(id) })).status).toBe(409)
    expect((await asOtherTown.get(`/cases/${id}`)).status).toBe(404)
    expect((await asBManager.post(`/cases/${id}/referral-acknowledgement`, { version: await v(id) })).status).toBe(303)
    const k = await kase(id)
    expect(k).toMatchObject({ holder_unit_id: world.townB.id, status: 'in_progress' })
    const leg = await ctx.db.selectFrom('case_legs').selectAll().where('case_id', '=', id).executeTakeFirstOrThrow()
    expect(leg.state).toBe('accepted')
    expect(leg.acknowledged_by).not.toBeNull()
    expect((await asB.get(`/cases/${id}`)).status).toBe(200)
    expect((await asB.get('/cases')).status).toBe(200)
  })

  test('rejection needs a reason, sends the case back to A’s triage, and B loses sight of it', async () => {
    const id = await referredToB()
    expect((await asB.post(`/cases/${id}/referral-rejection`, { version: await v(id) })).status).toBe(422)
    expect((await asB.post(`/cases/${id}/referral-rejection`, { version: await v(id), reason: '不属本镇' })).status).toBe(303)
    const k = await kase(id)
    expect(k).toMatchObject({ status: 'registered', route: null, holder_unit_id: null })
    const leg = await ctx.db.selectFrom('case_legs').selectAll().where('case_id', '=', id).executeTakeFirstOrThrow()
    expect(leg).toMatchObject({ state: 'rejected', reject_reason: '不属本镇' })
    expect((await asB.get(`/cases/${id}`)).status).toBe(404)
    expect((await asB.post(`/cases/${id}/referral-rejection`, { version: await v(id), reason: 'x' })).status).toBe(404)
    const aPage = await (await asA.get(`/cases/${id}`)).text()
    expect(aPage).toContain('data-testid="action-accept_and_route"')
    expect(aPage).toContain('不属本镇')
  })
})
