import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Role } from '../../src/domain/roles.ts'
import { Browser, signedIn, text } from '../support/http.ts'
import { auditRows, lastAuditId, makeDistrict, makeUnit, makeUser, type District, type TestUser, type Unit } from '../support/fixtures.ts'
import { createTestContext, type TestContext } from '../support/test-app.ts'

let ctx: TestContext
let world: District
beforeAll(async () => {
  ctx = await createTestContext()
  world = await makeDistrict(ctx.db)
})
afterAll(() => ctx.close())

const TEMP_PASSWORD = 'river lantern 4471 ochre'

/** A town of its own under the district, so a test sees only the users it made. */
const freshTown = () => makeUnit(ctx.db, 'town', world.district)

async function adminIn(unit: Unit) {
  const admin = await makeUser(ctx.db, unit, ['admin'])
  return { admin, b: await signedIn(ctx.app, admin.username, admin.password) }
}

// Failed sign-ins each come from their own address, so the per-address throttle never interferes.
let ipSeq = 0
function tryLogin(username: string, password: string) {
  ipSeq++
  return new Browser(ctx.appWith({ trustProxy: true }), { 'X-Forwarded-For': `10.77.${ipSeq >> 8}.${ipSeq & 255}` }).post('/login', { username, password })
}

const userRow = (id: number) => ctx.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
const rolesOf = async (id: number) =>
  (await ctx.db.selectFrom('user_roles').select('role').where('user_id', '=', id).orderBy('role').execute()).map((r) => r.role)
const userCount = async () => Number((await ctx.db.selectFrom('users').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)
const auditAbout = async (event: string, id: number, since: string) => (await auditRows(ctx.db, event, since)).filter((r) => r.object_id === String(id))
const isSignedOut = async (b: Browser) => {
  const res = await b.get('/')
  return res.status === 303 && (res.headers.get('Location') ?? '').startsWith('/login')
}

describe('who may use the users pages', () => {
  test('every users route refuses a signed-in user without the admin role (403) and changes nothing', async () => {
    const target = await makeUser(ctx.db, world.townA, ['informant'])
    for (const roles of [['mediator'], ['manager', 'rights_officer']] as Role[][]) {
      const someone = await makeUser(ctx.db, world.district, roles)
      const b = await signedIn(ctx.app, someone.username, someone.password)
      const since = await lastAuditId(ctx.db)
      const gets = ['/admin/users', '/admin/users/new', `/admin/users/${target.id}`]
      for (const path of gets) expect((await b.get(path)).status, path).toBe(403)
      const form = { display_name: 'x', org_unit_id: world.townA.id, roles: 'admin', username: 'intruder_1', password: TEMP_PASSWORD }
      const posts = ['/admin/users', `/admin/users/${target.id}`, ...['disable', 'enable', 'password-reset', 'unlock', 'sessions/end'].map((a) => `/admin/users/${target.id}/${a}`)]
      for (const path of posts) expect((await b.post(path, form)).status, path).toBe(403)
      expect(text(await (await b.get('/admin/users')).text())).toContain('无权访问')
      expect(await auditRows(ctx.db, 'access.denied', since)).toHaveLength(gets.length + posts.length + 1)
    }
    const after = await userRow(target.id)
    expect(after.disabled_at).toBeNull()
    expect(await rolesOf(target.id)).toEqual(['informant'])
    expect(await ctx.db.selectFrom('users').select('id').where('username', '=', 'intruder_1').executeTakeFirst()).toBeUndefined()
  })

  test('without a session the list sends the person to sign in', async () => {
    const res = await new Browser(ctx.app).get('/admin/users?status=locked')
    expect(res.status).toBe(303)
    expect(res.headers.get('Location')).toBe('/login?next=%2Fadmin%2Fusers%3Fstatus%3Dlocked')
  })
})

describe('scope: an admin manages only their own subtree', () => {
  test('a town-A admin lists town-A users (grassroots included) but never town-B users', async () => {
    const { b } = await adminIn(world.townA)
    const inA = await makeUser(ctx.db, world.grassrootsA, ['informant'])
    const inB = await makeUser(ctx.db, world.grassrootsB, ['informant'])
    // Searched by name, so the answer does not depend on which page of town A's users it falls on.
    expect(text(await (await b.get(`/admin/users?q=${inA.username}`)).text())).toContain(inA.username)
    const search = text(await (await b.get(`/admin/users?q=${inB.username}`)).text())
    expect(search).not.toContain(inB.username)
    expect(search).toContain('没有符合条件的用户')
  })

  test('a town-B user, a missing id and a malformed id are all the same 404, and nothing is changed', async () => {
    const { b } = await adminIn(world.townA)
    const inB = await makeUser(ctx.db, world.townB, ['mediator'])
    const victim = await signedIn(ctx.app, inB.username, inB.password)
    const since = await lastAuditId(ctx.db)
    for (const path of [`/admin/users/${inB.id}`, '/admin/users/999999', '/admin/users/abc', '/admin/users/99999999999']) {
      const res = await b.get(path)
      expect(res.status, path).toBe(404)
      expect(text(await res.text())).toContain('页面不存在')
    }
    for (const action of ['disable', 'password-reset', 'unlock', 'sessions/end']) {
      expect((await b.post(`/admin/users/${inB.id}/${action}`, { password: TEMP_PASSWORD })).status, action).toBe(404)
    }
    expect((await b.post(`/admin/users/${inB.id}`, { display_name: 'Taken over', org_unit_id: world.townA.id, roles: 'admin' })).status).toBe(404)
    expect((await b.post(`/admin/users/${inB.id}`, { display_name: '' })).status).toBe(404) // invalid form, still 404
    const row = await userRow(inB.id)
    expect(row.disabled_at).toBeNull()
    expect(row.display_name).not.toBe('Taken over')
    expect(await rolesOf(inB.id)).toEqual(['mediator'])
    expect(await isSignedOut(victim)).toBe(false)
    const written = await ctx.db.selectFrom('audit_log').select('event').where('id', '>', since).where('event', 'like', 'admin.user.%').execute()
    expect(written).toEqual([])
  })

  test('the district admin sees both towns', async () => {
    const { b } = await adminIn(world.district)
    const inA = await makeUser(ctx.db, world.townA, ['mediator'])
    const inB = await makeUser(ctx.db, world.townB, ['mediator'])
    expect((await b.get(`/admin/users/${inA.id}`)).status).toBe(200)
    expect((await b.get(`/admin/users/${inB.id}`)).status).toBe(200)
  })

  test('the unit picker offers only units in the subtree, indented under the admin’s own unit', async () => {
    const { b } = await adminIn(world.townA)
    const html = await (await b.get('/admin/users/new')).text()
    expect(html).toContain(`<option value="${world.townA.id}">${world.townA.name}</option>`)
    expect(html).toContain(`<option value="${world.grassrootsA.id}">\u3000${world.grassrootsA.name}</option>`)
    expect(html).not.toContain(world.townB.name)
    expect(html).not.toContain(world.district.name + '</option>')
  })
})

describe('the list', () => {
  test('filters by text, role and status; an empty result says what to do next', async () => {
    const town = await freshTown()
    const { b } = await adminIn(town)
    const alice = await makeUser(ctx.db, town, ['mediator'], { displayName: '王调解甲' })
    const bob = await makeUser(ctx.db, town, ['legal_adviser', 'informant'])
    const carol = await makeUser(ctx.db, town, ['mediator'])
    await ctx.db.updateTable('users').set({ disabled_at: ctx.clock.now() }).where('id', '=', carol.id).execute()
    const list = async (query: string) => text(await (await b.get(`/admin/users?${query}`)).text())

    const byName = await list(`q=${encodeURIComponent('调解甲')}`)
    expect(byName).toContain(alice.username)
    expect(byName).not.toContain(bob.username)
    expect(await list(`q=${bob.username.toUpperCase()}`)).toContain(bob.username)

    const advisers = await list('role=legal_adviser')
    expect(advisers).toContain(bob.username)
    expect(advisers).toContain('劳动关系信息员、法律顾问')
    expect(advisers).not.toContain(alice.username)

    const disabled = await list('status=disabled')
    expect(disabled).toContain(carol.username)
    expect(disabled).toContain('已停用')
    expect(disabled).not.toContain(alice.username)
    const active = await list('status=active&role=mediator')
    expect(active).toContain(alice.username)
    expect(active).not.toContain(carol.username)
    expect(active).toContain('正常')

    expect(await list('q=nobody-has-this-name')).toContain('没有符合条件的用户。请调整搜索或筛选条件，或新建用户。')
    expect((await b.get('/admin/users?role=king&status=weird')).status).toBe(200) // a bad link shows everything, not an error
  })

  test('the home page’s ?status=locked link lists locked accounts only', async () => {
    const town = await freshTown()
    const { b } = await adminIn(town)
    const locked = await makeUser(ctx.db, town, ['mediator'])
    const fine = await makeUser(ctx.db, town, ['mediator'])
    await ctx.db.updateTable('users').set({ failed_logins: 5, locked_until: new Date(ctx.clock.now().getTime() + 600_000) }).where('id', '=', locked.id).execute()
    const body = text(await (await b.get('/admin/users?status=locked')).text())
    expect(body).toContain(locked.username)
    expect(body).toContain('已锁定')
    expect(body).not.toContain(fine.username)
  })

  test('pages of 50 by username, with the filters kept in the next-page link', async () => {
    const town = await freshTown()
    const { b } = await adminIn(town) // 1 admin + 51 mediators = 52 users
    for (let i = 0; i < 51; i++) await makeUser(ctx.db, town, ['mediator'], { username: `pg_${String(i).padStart(2, '0')}_${town.id}` })
    const first = await (await b.get('/admin/users?role=mediator')).text()
    expect(first.match(/href="\/admin\/users\/\d+"/g)).toHaveLength(50)
    const next = first.match(/href="(\/admin\/users\?[^"]+)"/)![1]!.replace(/&amp;/g, '&')
    expect(next).toBe(`/admin/users?role=mediator&after=pg_49_${town.id}`)
    const second = await (await b.get(next)).text()
    expect(text(second)).toContain(`pg_50_${town.id}`)
    expect(second.match(/href="\/admin\/users\/\d+"/g)).toHaveLength(1)
    expect(second).not.toContain('加载更多')
  })
})

describe('creating a user', () => {
  test('creates the user with several roles and a temporary password, flashes, and writes one audit row without the password', async () => {
    const { b, admin } = await adminIn(world.townA)
    const since = await lastAuditId(ctx.db)
    const res = await b.post('/admin/users', {
      _page: '/admin/users/new', username: '  New.Officer_1 ', display_name: '张新', org_unit_id: world.grassrootsA.id, roles: ['mediator', 'rights_officer'], password: TEMP_PASSWORD,
    })
    expect(res.status).toBe(303)
    const row = await ctx.db.selectFrom('users').selectAll().where('username', '=', 'new.officer_1').executeTakeFirstOrThrow()
    expect(res.headers.get('Location')).toBe(`/admin/users/${row.id}`)
    expect(row).toMatchObject({ display_name: '张新', org_unit_id: world.grassrootsA.id, must_change_password: true, disabled_at: null })
    expect(row.password_hash).toMatch(/^\$argon2id\$/)
    expect(await rolesOf(row.id)).toEqual(['mediator', 'rights_officer'])
    const page = text(await (await b.get(`/admin/users/${row.id}`)).text())
    expect(page).toContain('用户已创建')
    expect(page).toContain('维权专员、调解员')
    const audits = await auditRows(ctx.db, 'admin.user.create', since)
    expect(audits).toHaveLength(1)
    expect(audits[0]).toMatchObject({ object_type: 'user', object_id: String(row.id), actor_id: admin.id, outcome: 'success' })
    expect(audits[0]!.details).toEqual({ username: 'new.officer_1', org_unit_id: world.grassrootsA.id, roles: ['rights_officer', 'mediator'] })
    expect(JSON.stringify(await ctx.db.selectFrom('audit_log').selectAll().where('id', '>', since).execute())).not.toMatch(/river lantern|argon2/)
  })

  test('the new user must change the temporary password at first sign-in', async () => {
    const { b } = await adminIn(world.townA)
    await b.post('/admin/users', { username: 'first_timer', display_name: '李首次', org_unit_id: world.townA.id, roles: 'informant', password: TEMP_PASSWORD })
    const newcomer = await signedIn(ctx.app, 'first_timer', TEMP_PASSWORD)
    const res = await newcomer.get('/')
    expect(res.status).toBe(303)
    expect(res.headers.get('Location')).toBe('/account/password')
  })

  const good = () => ({ username: `ok_${Math.random().toString(36).slice(2, 8)}`, display_name: '赵填写', org_unit_id: String(world.townA.id), roles: 'mediator', password: TEMP_PASSWORD })
  const refusals: [string, Record<string, string | string[] | number>, string, string][] = [
    ['no username', { username: '' }, 'username', '此项必填'],
    ['a malformed username', { username: 'a b!' }, 'username', '用户名须为 3–40 个小写字母、数字、下划线、点或连字符'],
    ['no display name', { display_name: '   ' }, 'display_name', '此项必填'],
    ['a display name over 60 characters', { display_name: '长'.repeat(61) }, 'display_name', '内容过长'],
    ['no unit', { org_unit_id: '' }, 'org_unit_id', '请选择所属单位'],
    ['no role', { roles: [] }, 'roles', '请至少选择一个角色'],
    ['an unknown role', { roles: ['mediator', 'emperor'] }, 'roles', '格式不正确'],
    ['a short password', { password: 'short pw' }, 'password', '密码至少 12 个字符'],
    ['a common password', { password: 'password1234' }, 'password', '这个密码太常见或太容易猜到'],
  ]
  test.each(refusals)('%s is a 422 beside the field, values kept, nothing written', async (_name, change, field, message) => {
    const { b } = await adminIn(world.townA)
    const [before, since] = [await userCount(), await lastAuditId(ctx.db)]
    const form = { ...good(), ...change }
    const res = await b.post('/admin/users', form)
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toMatch(new RegExp(`id="f-${field}-err" class="field-error" role="alert">${message}<`))
    expect(text(html)).toContain('有些内容需要修改')
    if (field !== 'display_name') expect(html).toContain('value="赵填写"')
    expect(html).not.toContain(TEMP_PASSWORD)
    expect(await userCount()).toBe(before)
    expect(await auditRows(ctx.db, 'admin.user.create', since)).toHaveLength(0)
  })

  test('a password containing the username, a unit outside the subtree and a taken username are 422 too', async () => {
    const { b } = await adminIn(world.townA)
    const taken = await makeUser(ctx.db, world.townB, ['mediator'])
    const [before, since] = [await userCount(), await lastAuditId(ctx.db)]
    const cases: [Record<string, string | number>, string, string][] = [
      [{ username: 'lanternkeeper', password: 'LanternKeeper river 99' }, 'password', '密码不能包含用户名'],
      [{ org_unit_id: world.grassrootsB.id }, 'org_unit_id', '只能选择您管辖范围内的单位'],
      [{ username: taken.username.toUpperCase() }, 'username', '该用户名已被使用'],
    ]
    for (const [change, field, message] of cases) {
      const res = await b.post('/admin/users', { ...good(), ...change }, { hx: true, currentUrl: '/admin/users/new' })
      expect(res.status).toBe(422)
      expect(res.headers.get('HX-Replace-Url')).toBe('/admin/users/new')
      const html = await res.text()
      expect(html).toMatch(new RegExp(`id="f-${field}-err" class="field-error" role="alert">${message}<`))
      expect(html).toMatch(/<input type="checkbox" name="roles" value="mediator" checked>/)
    }
    expect(await userCount()).toBe(before)
    expect(await auditRows(ctx.db, 'admin.user.create', since)).toHaveLength(0)
  })

  test('two admins creating the same username at once: one user, the other gets the field message', async () => {
    const { b } = await adminIn(world.townA)
    const form = { ...good(), username: 'race_winner' }
    const results = await Promise.all([b.post('/admin/users', form), b.post('/admin/users', form)])
    expect(results.map((r) => r.status).sort()).toEqual([303, 422])
    expect(await (results.find((r) => r.status === 422)!.text())).toContain('该用户名已被使用')
    expect(await ctx.db.selectFrom('users').select('id').where('username', '=', 'race_winner').execute()).toHaveLength(1)
  })
})

describe('editing a user', () => {
  async function setup() {
    const town = await freshTown()
    const grassroots = await makeUnit(ctx.db, 'grassroots', town)
    const { b, admin } = await adminIn(town)
    const target = await makeUser(ctx.db, town, ['mediator'], { displayName: '原名' })
    const theirs = await signedIn(ctx.app, target.username, target.password)
    return { b, admin, town, grassroots, target, theirs }
  }
  const form = (unit: Unit, roles: string[], displayName = '原名') => ({ _page: 'x', display_name: displayName, org_unit_id: unit.id, roles })

  test('the edit form starts with the current values and shows the active sessions', async () => {
    const { b, target } = await setup()
    const html = await (await b.get(`/admin/users/${target.id}`)).text()
    expect(html).toContain('value="原名"')
    expect(html).toMatch(/value="mediator" checked>/)
    expect(html).toMatch(/data-testid="sessions">1</)
  })

  test('a new display name alone is saved without signing the user out', async () => {
    const { b, town, target, theirs } = await setup()
    const since = await lastAuditId(ctx.db)
    const res = await b.post(`/admin/users/${target.id}`, form(town, ['mediator'], '新名字'))
    expect(res.status).toBe(303)
    expect(text(await (await b.get(res.headers.get('Location')!)).text())).toContain('已保存。')
    expect((await userRow(target.id)).display_name).toBe('新名字')
    expect(await isSignedOut(theirs)).toBe(false)
    const [row] = await auditAbout('admin.user.update', target.id, since)
    expect(row!.details).toEqual({
      changed: ['display_name'], before: { roles: ['mediator'], org_unit_id: town.id }, after: { roles: ['mediator'], org_unit_id: town.id }, sessions_ended: 0,
    })
  })

  test('a role change saves the roles, ends all the user’s sessions and records before and after', async () => {
    const { b, town, target, theirs } = await setup()
    const second = await signedIn(ctx.app, target.username, target.password)
    const since = await lastAuditId(ctx.db)
    const res = await b.post(`/admin/users/${target.id}`, form(town, ['mediator', 'manager']))
    expect(res.status).toBe(303)
    expect(text(await (await b.get(res.headers.get('Location')!)).text())).toContain('该用户已被退出全部登录')
    expect(await rolesOf(target.id)).toEqual(['manager', 'mediator'])
    expect(await isSignedOut(theirs)).toBe(true)
    expect(await isSignedOut(second)).toBe(true)
    const rows = await auditAbout('admin.user.update', target.id, since)
    expect(rows).toHaveLength(1)
    expect(rows[0]!.details).toEqual({
      changed: ['roles'], before: { roles: ['mediator'], org_unit_id: town.id }, after: { roles: ['mediator', 'manager'], org_unit_id: town.id }, sessions_ended: 2,
    })
  })

  test('a unit change ends the user’s sessions too', async () => {
    const { b, town, grassroots, target, theirs } = await setup()
    const since = await lastAuditId(ctx.db)
    expect((await b.post(`/admin/users/${target.id}`, form(grassroots, ['mediator']))).status).toBe(303)
    expect((await userRow(target.id)).org_unit_id).toBe(grassroots.id)
    expect(await isSignedOut(theirs)).toBe(true)
    const [row] = await auditAbout('admin.user.update', target.id, since)
    expect(row!.details).toMatchObject({ changed: ['org_unit_id'], before: { org_unit_id: town.id }, after: { org_unit_id: grassroots.id }, sessions_ended: 1 })
  })

  test('no role, a unit outside the subtree or a blank name are 422 beside the field, nothing written', async () => {
    const { b, town, target, theirs } = await setup()
    const since = await lastAuditId(ctx.db)
    const cases: [Record<string, unknown>, string, string][] = [
      [form(town, [], '改了的名字'), 'roles', '请至少选择一个角色'],
      [form(world.townB, ['mediator'], '改了的名字'), 'org_unit_id', '只能选择您管辖范围内的单位'],
      [form(town, ['mediator'], ''), 'display_name', '此项必填'],
    ]
    for (const [body, field, message] of cases) {
      const res = await b.post(`/admin/users/${target.id}`, body as Record<string, string>)
      expect(res.status).toBe(422)
      const html = await res.text()
      expect(html).toMatch(new RegExp(`id="f-${field}-err" class="field-error" role="alert">${message}<`))
      if (field !== 'display_name') expect(html).toContain('value="改了的名字"')
    }
    const row = await userRow(target.id)
    expect([row.display_name, row.org_unit_id]).toEqual(['原名', town.id])
    expect(await rolesOf(target.id)).toEqual(['mediator'])
    expect(await isSignedOut(theirs)).toBe(false)
    expect(await auditAbout('admin.user.update', target.id, since)).toHaveLength(0)
  })

  test('an admin cannot remove their own admin role; adding a role to themself keeps their own session', async () => {
    const { b, admin, town } = await setup()
    const since = await lastAuditId(ctx.db)
    const res = await b.post(`/admin/users/${admin.id}`, form(town, ['manager'], '我自己'))
    expect(res.status).toBe(422)
    expect(await res.text()).toMatch(/id="f-roles-err" class="field-error" role="alert">不能取消您自己的系统管理员角色</)
    expect(await rolesOf(admin.id)).toEqual(['admin'])
    expect(await auditAbout('admin.user.update', admin.id, since)).toHaveLength(0)

    const elsewhere = await signedIn(ctx.app, admin.username, admin.password)
    expect((await b.post(`/admin/users/${admin.id}`, form(town, ['admin', 'manager'], '我自己'))).status).toBe(303)
    expect(await rolesOf(admin.id)).toEqual(['admin', 'manager'])
    expect(await isSignedOut(b)).toBe(false)
    expect(await isSignedOut(elsewhere)).toBe(true)
  })
})

describe('account actions', () => {
  async function setup(roles: Role[] = ['mediator']) {
    const town = await freshTown()
    const { b, admin } = await adminIn(town)
    const target = await makeUser(ctx.db, town, roles)
    return { b, admin, town, target }
  }

  test('disable ends every session at once, blocks sign-in and is audited; enable lets them back in', async () => {
    const { b, target } = await setup()
    const theirs = await signedIn(ctx.app, target.username, target.password)
    const since = await lastAuditId(ctx.db)
    const res = await b.post(`/admin/users/${target.id}/disable`, { _page: `/admin/users/${target.id}` })
    expect(res.status).toBe(303)
    const page = text(await (await b.get(`/admin/users/${target.id}`)).text())
    expect(page).toContain('账户已停用，该用户的全部登录已退出。')
    expect(page).toContain('已停用')
    expect(page).toContain('启用账户')
    expect((await userRow(target.id)).disabled_at).toEqual(ctx.clock.now())
    expect(await isSignedOut(theirs)).toBe(true)
    expect((await tryLogin(target.username, target.password)).status).toBe(401)
    expect((await auditAbout('admin.user.disable', target.id, since)).map((r) => r.details)).toEqual([{ sessions_ended: 1 }])

    expect((await b.post(`/admin/users/${target.id}/enable`)).status).toBe(303)
    expect(text(await (await b.get(`/admin/users/${target.id}`)).text())).toContain('账户已重新启用。')
    expect((await userRow(target.id)).disabled_at).toBeNull()
    expect((await tryLogin(target.username, target.password)).status).toBe(303)
    expect(await auditAbout('admin.user.enable', target.id, since)).toHaveLength(1)
  })

  test('an admin cannot disable themself: 422 with the message, nothing written', async () => {
    const { b, admin } = await setup()
    const since = await lastAuditId(ctx.db)
    const page = await (await b.get(`/admin/users/${admin.id}`)).text()
    expect(page).not.toContain('停用账户')
    const res = await b.post(`/admin/users/${admin.id}/disable`)
    expect(res.status).toBe(422)
    expect(text(await res.text())).toContain('不能停用您自己的账户')
    expect((await userRow(admin.id)).disabled_at).toBeNull()
    expect(await isSignedOut(b)).toBe(false)
    expect(await auditAbout('admin.user.disable', admin.id, since)).toHaveLength(0)
  })

  test('a password reset sets a temporary password, ends every session and forces a change at next sign-in', async () => {
    const { b, target } = await setup()
    const theirs = await signedIn(ctx.app, target.username, target.password)
    const since = await lastAuditId(ctx.db)
    const res = await b.post(`/admin/users/${target.id}/password-reset`, { password: TEMP_PASSWORD })
    expect(res.status).toBe(303)
    expect(text(await (await b.get(`/admin/users/${target.id}`)).text())).toContain('已设置临时密码')
    expect(await isSignedOut(theirs)).toBe(true)
    expect((await userRow(target.id)).must_change_password).toBe(true)
    expect((await tryLogin(target.username, target.password)).status).toBe(401)
    const again = await signedIn(ctx.app, target.username, TEMP_PASSWORD)
    expect((await again.get('/')).headers.get('Location')).toBe('/account/password')
    const rows = await auditAbout('admin.user.password_reset', target.id, since)
    expect(rows.map((r) => r.details)).toEqual([{ sessions_ended: 1 }])
    expect(JSON.stringify(rows)).not.toMatch(/river lantern|argon2/)
  })

  test('a weak reset password or one containing the username is 422 beside the field, nothing changed', async () => {
    const { b, target } = await setup()
    const theirs = await signedIn(ctx.app, target.username, target.password)
    const { password_hash } = await userRow(target.id)
    const since = await lastAuditId(ctx.db)
    for (const [password, message] of [['tiny', '密码至少 12 个字符'], [`${target.username}-river-lantern`, '密码不能包含用户名']]) {
      const res = await b.post(`/admin/users/${target.id}/password-reset`, { password: password! })
      expect(res.status).toBe(422)
      const html = await res.text()
      expect(html).toMatch(new RegExp(`id="f-reset-password-err" class="field-error" role="alert">${message}<`))
      expect(html).not.toContain('river-lantern')
    }
    expect((await userRow(target.id)).password_hash).toBe(password_hash)
    expect(await isSignedOut(theirs)).toBe(false)
    expect(await auditAbout('admin.user.password_reset', target.id, since)).toHaveLength(0)
  })

  test('unlock clears a lockout so the right password works again at once', async () => {
    const { b, target } = await setup()
    for (let i = 0; i < 5; i++) expect((await tryLogin(target.username, `wrong password ${i}`)).status).toBe(401)
    expect((await tryLogin(target.username, target.password)).status).toBe(401)
    expect(text(await (await b.get('/admin/users?status=locked')).text())).toContain(target.username)
    const since = await lastAuditId(ctx.db)
    expect((await b.post(`/admin/users/${target.id}/unlock`)).status).toBe(303)
    expect(text(await (await b.get(`/admin/users/${target.id}`)).text())).toContain('账户已解锁')
    expect(await userRow(target.id)).toMatchObject({ failed_logins: 0, locked_until: null })
    expect((await tryLogin(target.username, target.password)).status).toBe(303)
    const [row] = await auditAbout('admin.user.unlock', target.id, since)
    expect(row!.details).toEqual({ failed_logins_before: 5, locked_until_before: new Date(ctx.clock.now().getTime() + 30 * 60_000).toISOString() })
  })

  test('ending sessions signs the user out everywhere and is audited with the count', async () => {
    const { b, target } = await setup()
    const phone = await signedIn(ctx.app, target.username, target.password)
    const desk = await signedIn(ctx.app, target.username, target.password)
    expect(await (await b.get(`/admin/users/${target.id}`)).text()).toMatch(/data-testid="sessions">2</)
    const since = await lastAuditId(ctx.db)
    expect((await b.post(`/admin/users/${target.id}/sessions/end`)).status).toBe(303)
    const page = await (await b.get(`/admin/users/${target.id}`)).text()
    expect(text(page)).toContain('该用户的全部登录已退出。')
    expect(page).toMatch(/data-testid="sessions">0</)
    expect(page).toContain('admin.user.sessions_end') // the user's recent audit rows
    expect(await isSignedOut(phone)).toBe(true)
    expect(await isSignedOut(desk)).toBe(true)
    expect(await isSignedOut(b)).toBe(false)
    expect((await auditAbout('admin.user.sessions_end', target.id, since)).map((r) => r.details)).toEqual([{ sessions_ended: 2 }])
  })
})

describe('what the admin was typing survives a session timeout', () => {
  test('the new-user form comes back filled in after signing in again, and nothing was created', async () => {
    const { admin, b } = await adminIn(world.townA)
    const before = await userCount()
    ctx.clock.minutes(31)
    const res = await b.post(
      '/admin/users',
      { _page: '/admin/users/new', username: 'draft_person', display_name: '草稿中的名字', org_unit_id: world.grassrootsA.id, roles: ['mediator', 'informant'], password: TEMP_PASSWORD },
      { hx: true, currentUrl: '/admin/users/new' },
    )
    expect(res.status).toBe(204)
    expect(res.headers.get('HX-Redirect')).toBe('/login?next=%2Fadmin%2Fusers%2Fnew&expired=1')
    await b.login(admin.username, admin.password)
    const html = await (await b.get('/admin/users/new')).text()
    expect(text(html)).toContain('已恢复您登录超时前填写的内容')
    expect(html).toContain('value="草稿中的名字"')
    expect(html).toContain('value="draft_person"')
    expect(html).toContain(`<option value="${world.grassrootsA.id}" selected>`)
    expect(html).toMatch(/value="informant" checked>/)
    expect(html).not.toContain(TEMP_PASSWORD)
    expect(await userCount()).toBe(before)
    // Restored once: a later visit starts empty.
    expect(await (await b.get('/admin/users/new')).text()).not.toContain('草稿中的名字')
  })

  test('a plain (non-htmx) edit form comes back to the user’s page with the typed name', async () => {
    const town = await freshTown()
    const { admin, b } = await adminIn(town)
    const target: TestUser = await makeUser(ctx.db, town, ['mediator'], { displayName: '旧名' })
    ctx.clock.minutes(31)
    const path = `/admin/users/${target.id}`
    const res = await b.post(path, { _page: path, display_name: '超时前输入', org_unit_id: town.id, roles: 'mediator' })
    expect(res.status).toBe(303)
    expect(res.headers.get('Location')).toBe(`/login?next=${encodeURIComponent(path)}&expired=1`)
    await b.login(admin.username, admin.password)
    const html = await (await b.get(path)).text()
    expect(html).toContain('value="超时前输入"')
    expect((await userRow(target.id)).display_name).toBe('旧名')
  })
})
