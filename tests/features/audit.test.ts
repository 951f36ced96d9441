import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { Browser, signedIn, text } from '../support/http.ts'
import { makeDistrict, makeUser, type District } from '../support/fixtures.ts'
import { createTestContext, type TestContext } from '../support/test-app.ts'

let ctx: TestContext
let world: District
let admin: Browser
beforeAll(async () => {
  ctx = await createTestContext()
  world = await makeDistrict(ctx.db)
  const user = await makeUser(ctx.db, world.district, ['admin'])
  admin = await signedIn(ctx.app, user.username, user.password)
})
afterAll(() => ctx.close())

const shownIds = (html: string) => [...html.matchAll(/data-audit-id="(\d+)"/g)].map((m) => m[1]!)
const cells = (html: string, id: string) =>
  [...(new RegExp(`<tr data-audit-id="${id}">[\\s\\S]*?</tr>`).exec(html)?.[0] ?? '').matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => text(m[1]!).trim())

/** Rows written straight to the log for one made-up actor, oldest first. */
async function seedRows(actor: string, events: string[]) {
  return ctx.db
    .insertInto('audit_log')
    .values(events.map((event, i) => ({
      at: new Date(Date.UTC(2026, 10, 20, 1, i)),
      actor_username: actor,
      actor_roles: ['admin'],
      ip: '192.0.2.7',
      event,
      object_type: 'org_unit',
      object_id: String(i),
      outcome: i % 3 === 0 ? 'success' : i % 3 === 1 ? 'failure' : 'denied',
      details: { i },
    })))
    .returning('id')
    .execute()
}

describe('the audit log page', () => {
  test('lists a sign-in with time, actor, roles, IP, event and outcome as text and colour', async () => {
    const user = await makeUser(ctx.db, world.townA, ['mediator', 'rights_officer'])
    await signedIn(ctx.app, user.username, user.password)
    const res = await admin.get(`/admin/audit?actor=${user.username}`)
    expect(res.status).toBe(200)
    const html = await res.text()
    const [id, ...others] = shownIds(html)
    expect(others).toEqual([])
    const [time, actor, roles, ip, event, object, outcome, details] = cells(html, id!)
    expect(time).toBe('2026-11-20 10:00') // Beijing time of the fake clock
    expect(actor).toBe(user.username)
    expect(roles).toBe('')
    expect(ip).not.toBe('')
    expect(event).toBe('auth.login')
    expect(object).toBe(`user ${user.id}`)
    expect(outcome).toBe('成功')
    expect(html).toMatch(new RegExp(`data-audit-id="${id}"[\\s\\S]*?<span class="badge ok">成功</span>`))
    expect(details).toBe('')
  })

  test('filters by event prefix and by actor, and the filters stay in the form', async () => {
    const [a, b, c] = await seedRows('filter_actor', ['admin.org_unit.create', 'admin.org_unit.move', 'admin.user.create'])
    const prefixed = await (await admin.get('/admin/audit?actor=filter_actor&event=admin.org_unit')).text()
    expect(shownIds(prefixed)).toEqual([b!.id, a!.id])
    expect(prefixed).toContain('value="admin.org_unit"')
    expect(prefixed).toContain('value="filter_actor"')
    expect(shownIds(await (await admin.get('/admin/audit?actor=FILTER_ACTOR')).text())).toEqual([c!.id, b!.id, a!.id])
    // A LIKE wildcard in the prefix is taken literally.
    expect(shownIds(await (await admin.get('/admin/audit?actor=filter_actor&event=admin.%25')).text())).toEqual([])
    const none = await (await admin.get('/admin/audit?actor=nobody_at_all')).text()
    expect(shownIds(none)).toEqual([])
    expect(text(none)).toContain('没有符合条件的记录')
  })

  test('outcomes other than success get their own text and colour; details are JSON, escaped', async () => {
    const [, failed, denied] = await seedRows('outcome_actor', ['x.one', 'x.two', 'x.three'])
    await ctx.db.insertInto('audit_log').values({ at: new Date(), actor_username: 'outcome_actor', event: 'x.script', outcome: 'success', details: { note: '<script>alert(1)</script>' } }).execute()
    const html = await (await admin.get('/admin/audit?actor=outcome_actor')).text()
    expect(cells(html, failed!.id)[6]).toBe('失败')
    expect(html).toContain('<span class="badge warn">失败</span>')
    expect(cells(html, denied!.id)[6]).toBe('拒绝')
    expect(html).toContain('<span class="badge bad">拒绝</span>')
    expect(cells(html, failed!.id)[5]).toBe('org_unit 1')
    expect(cells(html, failed!.id)[2]).toBe('系统管理员')
    expect(html).not.toContain('<script>alert(1)</script>')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
  })

  test('pages newest first by id, 50 at a time, with an "older entries" link that keeps the filters', async () => {
    const ids = (await seedRows('paging_actor', Array.from({ length: 60 }, (_, i) => `paging.e${i}`))).map((r) => r.id).reverse()
    const first = await (await admin.get('/admin/audit?actor=paging_actor&event=paging.')).text()
    expect(shownIds(first)).toEqual(ids.slice(0, 50))
    const older = /href="([^"]+)" rel="next"/.exec(first)![1]!.replaceAll('&amp;', '&')
    expect(older).toBe(`/admin/audit?event=paging.&actor=paging_actor&before=${ids[49]}`)
    const second = await (await admin.get(older)).text()
    expect(shownIds(second)).toEqual(ids.slice(50))
    expect(second).not.toContain('rel="next"')
    expect(text(second)).toContain('回到最新')
  })

  test('a non-admin gets 403 and the refusal itself is logged', async () => {
    const manager = await makeUser(ctx.db, world.district, ['manager'])
    const b = await signedIn(ctx.app, manager.username, manager.password)
    expect((await b.get('/admin/audit')).status).toBe(403)
    const html = await (await admin.get(`/admin/audit?actor=${manager.username}&event=access.denied`)).text()
    expect(shownIds(html)).toHaveLength(1)
    expect(text(html)).toContain('GET /admin/audit')
    expect((await new Browser(ctx.app).get('/admin/audit')).status).toBe(303)
  })
})

describe('the audit_log table', () => {
  test('refuses UPDATE and DELETE, whoever asks', async () => {
    const [row] = await seedRows('append_only', ['x.kept'])
    await expect(ctx.db.updateTable('audit_log').set({ event: 'x.changed' }).where('id', '=', row!.id).execute()).rejects.toThrow(/append-only/)
    await expect(ctx.db.deleteFrom('audit_log').where('id', '=', row!.id).execute()).rejects.toThrow(/append-only/)
    await expect(sql`truncate audit_log`.execute(ctx.db)).rejects.toThrow(/append-only/)
    expect((await ctx.db.selectFrom('audit_log').select('event').where('id', '=', row!.id).executeTakeFirstOrThrow()).event).toBe('x.kept')
  })
})

describe('scope', () => {
  test('a town admin sees what people of its town did, not other towns or the district', async () => {
    const townAdmin = await makeUser(ctx.db, world.townA, ['admin'])
    const inTown = await makeUser(ctx.db, world.grassrootsA, ['informant'])
    const otherTown = await makeUser(ctx.db, world.townB, ['mediator'])
    await signedIn(ctx.app, inTown.username, inTown.password)
    await signedIn(ctx.app, otherTown.username, otherTown.password)
    const b = await signedIn(ctx.app, townAdmin.username, townAdmin.password)
    const html = text(await (await b.get('/admin/audit?event=auth.login')).text())
    expect(html).toContain(inTown.username)
    expect(html).not.toContain(otherTown.username)
    const districtView = text(await (await admin.get('/admin/audit?event=auth.login')).text())
    expect(districtView).toContain(otherTown.username)
  })
})
