import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { verifyPassword } from '../../src/auth/password.ts'
import { Browser, text } from '../support/http.ts'
import { auditRows, lastAuditId, makeDistrict, makeUser, type District } from '../support/fixtures.ts'
import { createTestContext, type TestContext } from '../support/test-app.ts'

let ctx: TestContext
let world: District
beforeAll(async () => {
  ctx = await createTestContext()
  world = await makeDistrict(ctx.db)
})
afterAll(() => ctx.close())

const hashOf = async (id: number) => (await ctx.db.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow()).password_hash

describe('changing one’s own password', () => {
  test('works for any signed-in user, ends the other sessions, keeps this one, and is audited without the password', async () => {
    const user = await makeUser(ctx.db, world.townA, ['informant'])
    const here = new Browser(ctx.app)
    const elsewhere = new Browser(ctx.app)
    await here.login(user.username, user.password)
    await elsewhere.login(user.username, user.password)
    const since = await lastAuditId(ctx.db)
    const res = await here.post('/account/password', { current_password: user.password, new_password: '春天的木棉花开得正红火又热闹', confirm_password: '春天的木棉花开得正红火又热闹' })
    expect(res.status).toBe(303)
    expect(await verifyPassword(await hashOf(user.id), '春天的木棉花开得正红火又热闹')).toBe(true)
    expect(text(await (await here.get('/')).text())).toContain('密码已修改')
    expect((await elsewhere.get('/')).headers.get('Location')).toMatch(/^\/login/)
    const [row] = await auditRows(ctx.db, 'account.password_changed', since)
    expect(row!.details).toEqual({ other_sessions_ended: 1 })
    expect(JSON.stringify(row)).not.toContain('木棉')
    await new Browser(ctx.app).login(user.username, '春天的木棉花开得正红火又热闹')
  })

  test.each([
    ['a wrong current password', { current_password: 'not it at all', new_password: 'a fine new passphrase', confirm_password: 'a fine new passphrase' }, '当前密码不正确'],
    ['a short new password', { new_password: 'short', confirm_password: 'short' }, '密码至少 12 个字符'],
    ['a common new password', { new_password: 'password1234', confirm_password: 'password1234' }, '这个密码太常见或太容易猜到'],
    ['two different new passwords', { new_password: 'a fine new passphrase', confirm_password: 'a fine new passphrasf' }, '两次输入的新密码不一致'],
    ['an empty form', { current_password: '', new_password: '', confirm_password: '' }, '此项必填'],
  ])('%s gets 422 with the message beside the field and changes nothing', async (_name, form, message) => {
    const user = await makeUser(ctx.db, world.townA, ['mediator'])
    const b = new Browser(ctx.app)
    await b.login(user.username, user.password)
    const before = await hashOf(user.id)
    const res = await b.post('/account/password', { current_password: user.password, ...form })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(text(html)).toContain(message)
    expect(html).not.toContain(user.password)
    expect(await hashOf(user.id)).toBe(before)
  })

  test('a user with a temporary password is sent here first, and released once it is changed', async () => {
    const user = await makeUser(ctx.db, world.townB, ['manager'])
    await ctx.db.updateTable('users').set({ must_change_password: true }).where('id', '=', user.id).execute()
    const b = new Browser(ctx.app)
    await b.login(user.username, user.password)
    expect((await b.get('/')).headers.get('Location')).toBe('/account/password')
    expect(text(await (await b.get('/account/password')).text())).toContain('临时密码')
    await b.post('/account/password', { current_password: user.password, new_password: 'my own phrase now', confirm_password: 'my own phrase now' })
    expect((await b.get('/')).status).toBe(200)
  })
})
