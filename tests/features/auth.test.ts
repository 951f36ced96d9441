import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { Browser, text } from '../support/http.ts'
import { auditRows, lastAuditId, makeDistrict, makeUser, type District, type TestUser } from '../support/fixtures.ts'
import { createTestContext, type TestContext } from '../support/test-app.ts'

let ctx: TestContext
let world: District
beforeAll(async () => {
  ctx = await createTestContext()
  world = await makeDistrict(ctx.db)
})
afterAll(() => ctx.close())

const sessionCookie = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith('fq_session='))

describe('signing in', () => {
  test('the login page is in Chinese by default and asks for username and password', async () => {
    const res = await new Browser(ctx.app).get('/login')
    expect(res.status).toBe(200)
    const body = text(await res.text())
    expect(body).toContain('登录')
    expect(body).toContain('用户名')
  })

  test('a good password gives an HttpOnly, SameSite=Lax session cookie and lands on the page asked for', async () => {
    const user = await makeUser(ctx.db, world.townA, ['mediator'])
    const res = await new Browser(ctx.app).post('/login', { username: user.username, password: user.password, next: '/account/password' })
    expect(res.status).toBe(303)
    expect(res.headers.get('Location')).toBe('/account/password')
    const cookie = sessionCookie(res)!
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Lax/)
    expect(cookie).toMatch(/Path=\//)
    expect(cookie).not.toMatch(/Secure/) // plain-HTTP demo on a LAN
    expect(cookie).not.toMatch(/Domain=/)
  })

  test('over HTTPS the session cookie is Secure', async () => {
    const user = await makeUser(ctx.db, world.townA, ['mediator'])
    const res = await ctx.app.request('https://localhost/login', {
      method: 'POST',
      body: new URLSearchParams({ username: user.username, password: user.password }),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://localhost', 'Sec-Fetch-Site': 'same-origin' },
    })
    expect(res.status).toBe(303)
    expect(sessionCookie(res)).toMatch(/Secure/)
  })

  test('the token is id.secret and the database keeps only a hash of the secret', async () => {
    const user = await makeUser(ctx.db, world.townA, ['mediator'])
    const b = new Browser(ctx.app)
    await b.login(user.username, user.password)
    const token = decodeURIComponent(b.cookies.get('fq_session')!)
    const [id, secret] = token.split('.')
    expect(secret!.length).toBeGreaterThanOrEqual(26) // ≥128 bits in base32
    const row = await ctx.db.selectFrom('sessions').selectAll().where('id', '=', id!).executeTakeFirstOrThrow()
    expect(Buffer.from(row.secret_hash).toString('utf8')).not.toContain(secret)
    expect(row.secret_hash.length).toBe(32)
    // One flipped character of the secret is refused.
    const flipped = `${id}.${secret!.slice(0, -1)}${secret!.endsWith('a') ? 'b' : 'a'}`
    b.cookies.set('fq_session', flipped)
    expect((await b.get('/')).status).toBe(303)
  })

  test('an unknown user and a wrong password get byte-identical answers', async () => {
    const user = await makeUser(ctx.db, world.townA, ['mediator'])
    await ctx.db.updateTable('users').set({ username: 'ghostly_twin' }).where('id', '=', user.id).execute()
    const wrong = await new Browser(ctx.app, { 'X-Forwarded-For': '10.9.0.1' }).post('/login', { username: 'ghostly_twin', password: 'not the password' })
    await ctx.db.updateTable('users').set({ username: 'ghostly_gone' }).where('id', '=', user.id).execute()
    const unknown = await new Browser(ctx.app, { 'X-Forwarded-For': '10.9.0.2' }).post('/login', { username: 'ghostly_twin', password: 'not the password' })
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(await unknown.text()).toBe(await wrong.text())
  })

  test('a login writes an audit row and never the password', async () => {
    const user = await makeUser(ctx.db, world.townA, ['mediator'], { password: 'canary-Passw0rd-7731' })
    const since = await lastAuditId(ctx.db)
    await new Browser(ctx.app).post('/login', { username: user.username, password: 'canary-wrong-9911' })
    await new Browser(ctx.app).login(user.username, 'canary-Passw0rd-7731')
    const rows = await auditRows(ctx.db, 'auth.login', since)
    expect(rows.map((r) => r.outcome)).toEqual(['failure', 'success'])
    expect(rows[0]!.details).toEqual({ reason: 'wrong_password' })
    const all = JSON.stringify(await ctx.db.selectFrom('audit_log').selectAll().execute())
    expect(all).not.toContain('canary-')
  })
})

describe('lockout', () => {
  test('five wrong passwords lock the account for 30 minutes, then the right one works', async () => {
    const user = await makeUser(ctx.db, world.townA, ['rights_officer'])
    const since = await lastAuditId(ctx.db)
    // Different addresses, so only the account lock is at work here.
    const app = ctx.appWith({ trustProxy: true })
    for (let i = 0; i < 5; i++) {
      const res = await new Browser(app, { 'X-Forwarded-For': `10.1.0.${i}` }).post('/login', { username: user.username, password: 'wrong password ' + i })
      expect(res.status).toBe(401)
    }
    expect(await auditRows(ctx.db, 'auth.lockout', since)).toHaveLength(1)
    const locked = await new Browser(app, { 'X-Forwarded-For': '10.1.0.9' }).post('/login', { username: user.username, password: user.password })
    expect(locked.status).toBe(401)
    ctx.clock.minutes(29)
    expect((await new Browser(app, { 'X-Forwarded-For': '10.1.0.10' }).post('/login', { username: user.username, password: user.password })).status).toBe(401)
    ctx.clock.minutes(2)
    expect((await new Browser(app, { 'X-Forwarded-For': '10.1.0.11' }).post('/login', { username: user.username, password: user.password })).status).toBe(303)
  })

  test('a success resets the count of consecutive failures', async () => {
    const user = await makeUser(ctx.db, world.townA, ['rights_officer'])
    const app = ctx.appWith({ trustProxy: true })
    const attempt = (password: string, n: number) =>
      new Browser(app, { 'X-Forwarded-For': `10.2.0.${n}` }).post('/login', { username: user.username, password })
    for (let i = 0; i < 4; i++) await attempt('nope nope nope', i)
    expect((await attempt(user.password, 10)).status).toBe(303)
    for (let i = 0; i < 4; i++) await attempt('nope nope nope', 20 + i)
    expect((await attempt(user.password, 30)).status).toBe(303)
  })
})

describe('throttling by address', () => {
  test('six failures in a minute from one address get 429; another address and successes are not affected', async () => {
    const app = ctx.appWith({ trustProxy: true })
    const ok = await makeUser(ctx.db, world.townA, ['mediator'])
    const office = { 'X-Forwarded-For': '10.3.0.1' }
    for (let i = 0; i < 3; i++) expect((await new Browser(app, office).post('/login', { username: ok.username, password: ok.password })).status).toBe(303)
    for (let i = 0; i < 6; i++) {
      expect((await new Browser(app, office).post('/login', { username: `nobody${i}`, password: 'x' })).status).toBe(401)
    }
    expect((await new Browser(app, office).post('/login', { username: ok.username, password: ok.password })).status).toBe(429)
    expect((await new Browser(app, { 'X-Forwarded-For': '10.3.0.2' }).post('/login', { username: ok.username, password: ok.password })).status).toBe(303)
    ctx.clock.minutes(2)
    expect((await new Browser(app, office).post('/login', { username: ok.username, password: ok.password })).status).toBe(303)
  })

  test('X-Forwarded-For is ignored unless TRUST_PROXY is set', async () => {
    const since = await lastAuditId(ctx.db)
    await new Browser(ctx.app, { 'X-Forwarded-For': '203.0.113.7' }).post('/login', { username: 'nobody', password: 'x' })
    const [row] = await auditRows(ctx.db, 'auth.login', since)
    expect(row!.ip).not.toBe('203.0.113.7')
  })
})

describe('session lifetime', () => {
  let user: TestUser
  beforeAll(async () => {
    user = await makeUser(ctx.db, world.townA, ['mediator'])
  })

  test('a request at 29 idle minutes passes; after 31 idle minutes the session is gone', async () => {
    const b = new Browser(ctx.app)
    await b.login(user.username, user.password)
    ctx.clock.minutes(29)
    expect((await b.get('/')).status).toBe(200)
    ctx.clock.minutes(31)
    const res = await b.get('/')
    expect(res.status).toBe(303)
    expect(res.headers.get('Location')).toMatch(/^\/login\?next=%2F&expired=1$/)
    expect((await b.get('/')).headers.get('Location')).toBe('/login?next=%2F') // the row was deleted
  })

  test('an active session still ends 12 hours after sign-in', async () => {
    const b = new Browser(ctx.app)
    await b.login(user.username, user.password)
    for (let i = 0; i < 35; i++) {
      ctx.clock.minutes(20)
      expect((await b.get('/')).status).toBe(200)
    }
    ctx.clock.minutes(21) // 12 h + 1 min
    expect((await b.get('/')).status).toBe(303)
  })

  test('an htmx request with an expired session gets HX-Redirect to the login page, not a login page in the fragment', async () => {
    const b = new Browser(ctx.app)
    await b.login(user.username, user.password)
    ctx.clock.minutes(31)
    const res = await b.get('/', { hx: true, currentUrl: '/account/password' })
    expect(res.status).toBe(204)
    expect(res.headers.get('HX-Redirect')).toBe('/login?next=%2Faccount%2Fpassword&expired=1')
    expect(await res.text()).toBe('')
  })

  test('signing in issues a fresh token and ends the session the browser brought along', async () => {
    const b = new Browser(ctx.app)
    await b.login(user.username, user.password)
    const first = b.cookies.get('fq_session')!
    await b.login(user.username, user.password)
    expect(b.cookies.get('fq_session')).not.toBe(first)
    const stale = new Browser(ctx.app)
    stale.cookies.set('fq_session', first)
    expect((await stale.get('/')).status).toBe(303)
  })

  test('logout is POST only, deletes the session row and clears site data', async () => {
    const b = new Browser(ctx.app)
    await b.login(user.username, user.password)
    const token = decodeURIComponent(b.cookies.get('fq_session')!)
    expect((await b.get('/logout')).status).toBe(404)
    const res = await b.post('/logout')
    expect(res.status).toBe(303)
    expect(res.headers.get('Clear-Site-Data')).toContain('cache')
    expect(await ctx.db.selectFrom('sessions').select('id').where('id', '=', token.split('.')[0]!).executeTakeFirst()).toBeUndefined()
    const reuse = new Browser(ctx.app)
    reuse.cookies.set('fq_session', encodeURIComponent(token))
    expect((await reuse.get('/')).headers.get('Location')).toMatch(/^\/login/)
  })
})
