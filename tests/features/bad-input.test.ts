import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { policyOf } from '../../src/auth/access.ts'
import { ROLES, type Role } from '../../src/domain/roles.ts'
import { Browser } from '../support/http.ts'
import { makeCase, makeRespondent } from '../support/case-fixtures.ts'
import { makeDistrict, makeUser, type District } from '../support/fixtures.ts'
import { createTestContext, type TestContext } from '../support/test-app.ts'

/**
 * "No input ever produces a 500": every POST route, as every role it admits, gets hostile and
 * malformed forms (huge strings, NUL bytes, emoji, markup, repeated fields, strange names), and
 * must answer with something a person can act on — never a server error.
 */
let ctx: TestContext
let world: District
const browsers = new Map<Role, Browser>()
let caseId = 0
let respondentId = 0

beforeAll(async () => {
  ctx = await createTestContext()
  const app = ctx.appWith({ trustProxy: true })
  world = await makeDistrict(ctx.db)
  let n = 0
  for (const role of ROLES) {
    const u = await makeUser(ctx.db, world.townA, [role])
    const b = new Browser(app, { 'X-Forwarded-For': `10.99.0.${++n}` })
    await b.login(u.username, u.password)
    browsers.set(role, b)
  }
  const officer = await makeUser(ctx.db, world.townA, ['rights_officer'])
  respondentId = (await makeRespondent(ctx.db)).id
  caseId = (await makeCase(ctx, world.townA, officer, { applicationReceivedAt: null })).id
})
afterAll(() => ctx.close())

const NASTY = ['', ' ', '\u0000', 'x'.repeat(100_000), '🙂'.repeat(500), '<script>alert(1)</script>', "' or 1=1 --", '-1', '1e308',
  '9'.repeat(40), 'NaN', '2026-02-30', '2026-13-01T25:61', '../../etc/passwd', '%00', '\\', '{"a":1}', '中文'.repeat(3000)]
const NAMES = ['username', 'display_name', 'org_unit_id', 'roles', 'password', 'name', 'kind', 'code', 'parent', 'csv', 'title', 'facts',
  'channel', 'channel_ref', 'reported_at', 'application', 'application_received_at', 'dispute_types', 'workers_involved',
  'respondents.0.respondent_id', 'respondents.0.role', 'workers.0.name', 'workers.0.phone', 'workers.0.id_type', 'workers.0.id_number',
  'workers.0.hire_date', 'workers.999.leave_date', 'claims.0.amount', 'claims.0.kind', 'uscc', 'received_at', 'version', 'locale',
  'back', 'next', '_key', '_page', 'current_password', 'new_password', 'confirm_password', 'day', 'year', 'lines', 'source', 'q', 'slot']

function hostileForms(seed: number): Record<string, string | string[]>[] {
  const forms: Record<string, string | string[]>[] = [{}]
  for (let i = 0; i < 6; i++) {
    const form: Record<string, string | string[]> = {}
    NAMES.forEach((name, j) => {
      const v = NASTY[(seed + i * 7 + j * 3) % NASTY.length]!
      form[name] = (i + j) % 5 === 0 ? [v, v] : v
    })
    forms.push(form)
  }
  return forms
}

const concrete = (path: string) =>
  path.replace(/:\w+\{([a-z_]+)(\|[a-z_|]+)?\}/g, '$1').replace(/:id(\{[^}]*\})?/g, () => String(caseId)).replace(/:day\{[^}]*\}/g, '2026-10-01')

describe('hostile forms', () => {
  test('every POST route answers every role without a server error', async () => {
    const posts = ctx.app.routes.filter((r) => r.method === 'POST' && policyOf(r.handler))
    expect(posts.length).toBeGreaterThan(15)
    const failures: string[] = []
    for (const route of posts) {
      const policy = policyOf(route.handler)!
      const roles = policy.kind === 'roles' ? policy.roles : ROLES
      for (const role of roles) {
        if (route.path === '/logout') continue
        const path = concrete(route.path).replace('/respondents/' + caseId, '/respondents/' + respondentId)
        for (const [i, form] of hostileForms(route.path.length).entries()) {
          const res = await browsers.get(role)!.post(path, form, { hx: i % 2 === 0, headers: { 'HX-Trigger-Name': NAMES[i]! } })
          if (res.status >= 500) failures.push(`${route.path} as ${role}, form ${i}: ${res.status}`)
          const body = await res.text()
          if (/at .*\.ts:\d+|SQLSTATE|stack/i.test(body)) failures.push(`${route.path} as ${role}: leaks internals`)
        }
      }
    }
    expect(failures).toEqual([])
  }, 240_000)
})

describe('NUL characters', () => {
  test('in a form, a multipart form or a query string get a plain 400 and change nothing', async () => {
    const b = browsers.get('rights_officer')!
    const before = await ctx.db.selectFrom('cases').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
    expect((await b.post('/cases?form=report', { title: 'a\u0000b' })).status).toBe(400)
    const multipart = new FormData()
    multipart.set('title', 'a\u0000b')
    expect((await b.request('/cases?form=full', { method: 'POST', body: multipart, headers: { Origin: 'http://localhost', 'Sec-Fetch-Site': 'same-origin' } })).status).toBe(400)
    const res = await b.get('/cases?q=%00')
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('空字符')
    const after = await ctx.db.selectFrom('cases').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
    expect(after.n).toBe(before.n)
  })
})

describe('hostile query strings', () => {
  test('every GET route answers every role without a server error', async () => {
    const gets = ctx.app.routes.filter((r) => r.method === 'GET' && policyOf(r.handler) && !r.path.startsWith('/static'))
    const failures: string[] = []
    const params = ['q', 'status', 'town', 'type', 'risk', 'channel', 'from', 'to', 'sort', 'after', 'before', 'event', 'actor', 'root', 'year', 'slot', 'form', 'i', 'next', 'parent', 'role', 'page']
    for (const route of gets) {
      const policy = policyOf(route.handler)!
      const roles = policy.kind === 'roles' ? policy.roles : ROLES
      for (const role of roles) {
        for (let i = 0; i < 4; i++) {
          const pairs = params.map((p, j): [string, string] => [p, NASTY[(i * 5 + j) % NASTY.length]!.slice(0, 3000)])
          const query = new URLSearchParams(pairs.filter(([, v]) => !v.includes('\u0000')))
          const res = await browsers.get(role)!.get(`${concrete(route.path)}?${query}`, { hx: i % 2 === 1 })
          if (res.status >= 500) failures.push(`${route.path} as ${role}, query ${i}: ${res.status}`)
        }
      }
    }
    expect(failures).toEqual([])
  }, 240_000)
})
