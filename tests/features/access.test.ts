import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { Hono } from 'hono'
import { policyOf, publicRoute, type AccessPolicy } from '../../src/auth/access.ts'
import { ROLES, type Role } from '../../src/domain/roles.ts'
import type { AppEnv } from '../../src/app-env.ts'
import { Browser } from '../support/http.ts'
import { auditRows, lastAuditId, makeDistrict, makeUser, type District } from '../support/fixtures.ts'
import { createTestContext, type TestContext } from '../support/test-app.ts'

let ctx: TestContext
let world: District
let app: TestContext['app']
const browsers = new Map<Role | 'anonymous', Browser>()
let address = 0
// Each browser its own address, so the matrix's failed logins do not throttle the others.
const newBrowser = () => new Browser(app, { 'X-Forwarded-For': `10.77.0.${++address}` })

beforeAll(async () => {
  ctx = await createTestContext()
  app = ctx.appWith({ trustProxy: true })
  world = await makeDistrict(ctx.db)
  browsers.set('anonymous', newBrowser())
  for (const role of ROLES) {
    const u = await makeUser(ctx.db, world.district, [role])
    const b = newBrowser()
    await b.login(u.username, u.password)
    browsers.set(role, b)
  }
})
afterAll(() => ctx.close())

type Endpoint = { method: string; path: string; policy: AccessPolicy | undefined }

/** Every endpoint the app serves, with the policy it declared (undefined = forgot to declare). */
function endpoints(): Endpoint[] {
  const byKey = new Map<string, Endpoint>()
  for (const r of ctx.app.routes) {
    if (r.method === 'ALL') continue // global middleware
    const key = `${r.method} ${r.path}`
    const seen = byKey.get(key) ?? { method: r.method, path: r.path, policy: undefined }
    seen.policy ??= policyOf(r.handler)
    byKey.set(key, seen)
  }
  return [...byKey.values()]
}

// A parameter becomes 999999 (an id nobody has), or the first word a pattern like {workers|claims} allows.
const concrete = (path: string) =>
  path
    .replace(/:\w+\{([a-z_]+)(\|[a-z_|]+)?\}/g, '$1')
    .replace(/:\w+\{\\d\{4\}-[^/]*\}/g, '2026-10-01')
    .replace(/:\w+(\{[^}]*\})?/g, '999999')
    .replace('/static/*', '/static/app.css')

describe('deny by default', () => {
  test('every route of the app declares who may use it', () => {
    const all = endpoints()
    expect(all.length).toBeGreaterThan(8)
    const undeclared = all.filter((e) => !e.policy).map((e) => `${e.method} ${e.path}`)
    expect(undeclared).toEqual([])
  })

  test('a route nobody declared is refused, even to an admin', async () => {
    const app = ctx.appWith({})
    const sub = new Hono<AppEnv>().get('/forgotten', (c) => c.text('secret'))
    app.route('/', sub)
    app.get('/declared', publicRoute, (c) => c.text('fine'))
    const b = new Browser(app)
    b.cookies = new Map(browsers.get('admin')!.cookies)
    const res = await b.get('/forgotten')
    expect(res.status).toBe(403)
    expect(await res.text()).not.toContain('secret')
    expect((await b.get('/declared')).status).toBe(200)
  })
})

describe('role × route matrix', () => {
  const cells = () => {
    const out: { route: string; who: Role | 'anonymous'; expected: 'allowed' | 'forbidden' | 'sign_in' }[] = []
    for (const e of endpoints()) {
      if (e.path === '/logout' || !e.policy) continue
      for (const who of ['anonymous', ...ROLES] as const) {
        const p = e.policy
        const expected = p.kind === 'public' ? 'allowed'
          : who === 'anonymous' ? 'sign_in'
          : p.kind === 'signed_in' || p.roles.includes(who) ? 'allowed' : 'forbidden'
        out.push({ route: `${e.method} ${e.path}`, who, expected })
      }
    }
    return out
  }

  test('each role gets exactly what the route declares', async () => {
    const failures: string[] = []
    for (const cell of cells()) {
      const [method, path] = cell.route.split(' ') as [string, string]
      const b = browsers.get(cell.who)!
      const res = method === 'GET' ? await b.get(concrete(path)) : await b.post(concrete(path), {})
      const location = res.headers.get('Location') ?? ''
      const got = res.status === 403 ? 'forbidden' : res.status === 303 && location.startsWith('/login') && cell.who === 'anonymous' ? 'sign_in' : 'allowed'
      if (got !== cell.expected) failures.push(`${cell.route} as ${cell.who}: expected ${cell.expected}, got ${res.status} ${location}`)
      if (res.status >= 500) failures.push(`${cell.route} as ${cell.who}: ${res.status}`)
    }
    expect(failures).toEqual([])
  })

  test('a refusal is written to the audit log', async () => {
    const since = await lastAuditId(ctx.db)
    await browsers.get('mediator')!.get('/admin/users')
    const rows = await auditRows(ctx.db, 'access.denied', since)
    expect(rows).toHaveLength(1)
    expect(rows[0]!.object_id).toBe('GET /admin/users')
    expect(rows[0]!.outcome).toBe('denied')
  })
})

describe('roles are read on every request', () => {
  test('revoking a role takes effect on the next request of the same session', async () => {
    const u = await makeUser(ctx.db, world.district, ['admin', 'manager'])
    const b = newBrowser()
    await b.login(u.username, u.password)
    expect((await b.get('/admin/audit')).status).toBe(200)
    await ctx.db.deleteFrom('user_roles').where('user_id', '=', u.id).where('role', '=', 'admin').execute()
    expect((await b.get('/admin/audit')).status).toBe(403)
    expect((await b.get('/')).status).toBe(200)
  })

  test('a disabled user is signed out at the next request', async () => {
    const u = await makeUser(ctx.db, world.townA, ['mediator'])
    const b = newBrowser()
    await b.login(u.username, u.password)
    await ctx.db.updateTable('users').set({ disabled_at: ctx.clock.now() }).where('id', '=', u.id).execute()
    const res = await b.get('/')
    expect(res.status).toBe(303)
    expect(res.headers.get('Location')).toMatch(/^\/login/)
  })
})

describe('navigation fits the role', () => {
  test('a mediator sees no admin entries; an admin does', async () => {
    const mediatorNav = await (await browsers.get('mediator')!.get('/')).text()
    expect(mediatorNav).not.toContain('href="/admin/users"')
    const adminNav = await (await browsers.get('admin')!.get('/')).text()
    expect(adminNav).toContain('href="/admin/users"')
    expect(adminNav).toContain('href="/admin/org-units"')
  })
})
