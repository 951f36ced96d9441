import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { publicRoute } from '../../src/auth/access.ts'
import { Browser, ORIGIN } from '../support/http.ts'
import { makeDistrict, makeUser, type District, type TestUser } from '../support/fixtures.ts'
import { createTestContext, type TestContext } from '../support/test-app.ts'

let ctx: TestContext
let world: District
let user: TestUser
beforeAll(async () => {
  ctx = await createTestContext()
  world = await makeDistrict(ctx.db)
  user = await makeUser(ctx.db, world.townA, ['mediator'])
})
afterAll(() => ctx.close())

const localeOf = async (id: number) => (await ctx.db.selectFrom('users').select('locale').where('id', '=', id).executeTakeFirstOrThrow()).locale

describe('CSRF', () => {
  test('a cross-site form POST is refused and changes nothing', async () => {
    const b = new Browser(ctx.app)
    await b.login(user.username, user.password)
    const res = await b.post('/lang', { locale: 'en' }, { headers: { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' } })
    expect(res.status).toBe(403)
    expect(await localeOf(user.id)).toBe('zh-CN')
    const ok = await b.post('/lang', { locale: 'en' })
    expect(ok.status).toBe(303)
    expect(await localeOf(user.id)).toBe('en')
    await b.post('/lang', { locale: 'zh-CN' })
  })

  test('a POST with neither Origin nor Sec-Fetch-Site is refused', async () => {
    const b = new Browser(ctx.app)
    await b.login(user.username, user.password)
    const res = await b.request('/logout', { method: 'POST', body: '', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })
    expect(res.status).toBe(403)
    expect((await b.get('/')).status).toBe(200) // still signed in: the logout did not happen
  })

  test('a login form posted from another site is refused', async () => {
    const res = await new Browser(ctx.app).post('/login', { username: user.username, password: user.password }, { headers: { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' } })
    expect(res.status).toBe(403)
  })

  test('bodies other than forms are refused on unsafe methods (415)', async () => {
    const res = await ctx.app.request(`${ORIGIN}/login`, {
      method: 'POST',
      body: JSON.stringify({ username: user.username, password: user.password }),
      headers: { 'Content-Type': 'application/json', Origin: ORIGIN, 'Sec-Fetch-Site': 'same-origin' },
    })
    expect(res.status).toBe(415)
  })
})

describe('limits and errors', () => {
  test('an oversized form gets 413 and nothing happens', async () => {
    const before = await ctx.db.selectFrom('login_failures').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
    const res = await new Browser(ctx.app).post('/login', { username: 'x', password: 'y'.repeat(1024 * 1024 + 10) })
    expect(res.status).toBe(413)
    const after = await ctx.db.selectFrom('login_failures').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
    expect(after.n).toBe(before.n)
  })

  test('an error shows one page with a request id and no stack, SQL or path', async () => {
    const app = ctx.appWith({})
    app.get('/__boom', publicRoute, () => {
      throw new Error('select * from users where path = /work/main/src/secret.ts')
    })
    const original = console.error
    console.error = () => {}
    try {
      const res = await app.request(`${ORIGIN}/__boom`)
      expect(res.status).toBe(500)
      const html = await res.text()
      const id = res.headers.get('X-Request-Id')!
      expect(id).toMatch(/^[0-9a-f]{8}$/)
      expect(html).toContain(id)
      expect(html).not.toMatch(/select \*|\/work\/main|secret\.ts|\bat /i)
      expect(res.headers.get('Content-Security-Policy')).toContain("script-src 'self'")
    } finally {
      console.error = original
    }
  })
})

describe('headers', () => {
  const cases: [string, () => Promise<Response>][] = [
    ['the login page (200)', () => new Browser(ctx.app).get('/login')],
    ['a missing page (404)', () => new Browser(ctx.app).get('/no-such-page')],
    ['a signed-in page', async () => {
      const b = new Browser(ctx.app)
      await b.login(user.username, user.password)
      return b.get('/')
    }],
    ['a refused page (403)', async () => {
      const b = new Browser(ctx.app)
      await b.login(user.username, user.password)
      return b.get('/admin/users')
    }],
    ['a static file', () => new Browser(ctx.app).get('/static/app.css')],
  ]

  test.each(cases)('%s has the CSP, HSTS and the other secure headers', async (_name, get) => {
    const res = await get()
    const csp = res.headers.get('Content-Security-Policy')!
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/)
    // No inline styles either: the charts' SVG needs none (tests/features/charts.test.ts).
    expect(csp).toContain("style-src 'self'")
    expect(csp).toContain("object-src 'none'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(res.headers.get('Strict-Transport-Security')).toBe('max-age=31536000; includeSubDomains')
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(res.headers.get('Referrer-Policy')).toBe('no-referrer')
  })

  test('authenticated pages are never cached and vary on HX-Request', async () => {
    const b = new Browser(ctx.app)
    await b.login(user.username, user.password)
    const res = await b.get('/')
    expect(res.headers.get('Cache-Control')).toBe('no-store')
    expect(res.headers.get('Vary')).toContain('HX-Request')
  })

  test('htmx and the CSS base are served from our own origin', async () => {
    const b = new Browser(ctx.app)
    const htmx = await b.get('/static/htmx/htmx.min.js')
    expect(htmx.status).toBe(200)
    expect(await htmx.text()).toContain('htmx')
    expect((await b.get('/static/pico/pico.min.css')).status).toBe(200)
    expect(htmx.headers.get('Cache-Control')).toContain('max-age')
  })

  test('the page configures htmx to stay on our origin, never eval, keep no history cache and show 422/409', async () => {
    const html = await (await new Browser(ctx.app).get('/login')).text()
    const meta = /<meta name="htmx-config" content='([^']+)'>/.exec(html)!
    const config = JSON.parse(meta[1]!)
    expect(config).toMatchObject({ selfRequestsOnly: true, allowEval: false, allowScriptTags: false, historyCacheSize: 0, historyRestoreAsHxRequest: false, includeIndicatorStyles: false })
    const swapped = (code: string) => config.responseHandling.find((r: { code: string }) => new RegExp(`^${r.code}$`).test(code))
    expect(swapped('422').swap).toBe(true)
    expect(swapped('409').swap).toBe(true)
    expect(swapped('500').swap).toBe(false)
    expect(html).toContain('<script src="/static/htmx/htmx.min.js"')
    expect(html).not.toMatch(/<script>(?!<\/script>)/) // no inline script
  })
})

describe('open redirects', () => {
  test.each(['//evil.example/', 'https://evil.example/', '/\\evil.example'])('next=%s after sign-in goes home instead', async (next) => {
    const res = await new Browser(ctx.app).post('/login', { username: user.username, password: user.password, next })
    expect(res.headers.get('Location')).toBe('/')
  })
})

describe('language', () => {
  test('English sticks once chosen: the switch sets a cookie and the user setting', async () => {
    const b = new Browser(ctx.app)
    await b.login(user.username, user.password)
    expect(await (await b.get('/')).text()).toContain('我的工作')
    await b.post('/lang', { locale: 'en', back: '/' })
    const html = await (await b.get('/')).text()
    expect(html).toContain('My work')
    expect(html).toContain('<html lang="en"')
    // A new browser (no language cookie) gets the saved setting after signing in.
    const other = new Browser(ctx.app)
    await other.login(user.username, user.password)
    expect(await (await other.get('/')).text()).toContain('My work')
    await b.post('/lang', { locale: 'zh-CN' })
  })
})
