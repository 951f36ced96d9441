import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { makeCase } from '../support/case-fixtures.ts'
import { makeDistrict, makeUser } from '../support/fixtures.ts'
import { signedIn, text } from '../support/http.ts'
import { createTestContext, type TestContext } from '../support/test-app.ts'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx.close())

describe('the timeline in words', () => {
  test('an acceptance and a decline read as what happened, with the status move, route and reason', async () => {
    const world = await makeDistrict(ctx.db)
    const officer = await makeUser(ctx.db, world.townA, ['rights_officer'])
    const b = await signedIn(ctx.app, officer.username, officer.password)
    const accepted = await makeCase(ctx, world.townA, officer)
    expect((await b.post(`/cases/${accepted.id}/acceptance`, { route: 'mediation', reason: '', version: '1' })).status).toBe(303)
    expect(text(await (await b.get(`/cases/${accepted.id}`)).text())).toContain('受理并分流；已登记 → 处理中；处理方式：调解')
    const declined = await makeCase(ctx, world.townA, officer)
    expect((await b.post(`/cases/${declined.id}/decline`, { decline_reason: 'duplicate', note: '', version: '1' })).status).toBe(303)
    const html = text(await (await b.get(`/cases/${declined.id}`)).text())
    expect(html).toContain('不予受理；已登记 → 不予受理')
    expect(html).not.toContain('其他事件')
  })
})
