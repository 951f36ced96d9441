import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { subtreeQuery } from '../../src/features/org-units/org-units.queries.ts'
import { Browser, ORIGIN, signedIn, text } from '../support/http.ts'
import { auditRows, lastAuditId, makeDistrict, makeUnit, makeUser, type District, type Unit } from '../support/fixtures.ts'
import { createTestContext, type TestContext } from '../support/test-app.ts'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx.close())

async function adminAt(unit: Unit) {
  const admin = await makeUser(ctx.db, unit, ['admin'])
  return signedIn(ctx.app, admin.username, admin.password)
}

const unitCount = async () => Number((await ctx.db.selectFrom('org_units').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)
const unitById = (id: number) => ctx.db.selectFrom('org_units').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
const subtreeIds = async (path: string) => (await subtreeQuery(ctx.db, path).execute()).map((r) => r.id).sort((a, b) => a - b)
const fieldError = (html: string, field: string) => new RegExp(`id="f-${field}-err"[^>]*>([^<]*)<`).exec(html)?.[1] ?? ''
const cells = (html: string, id: number) =>
  [...(new RegExp(`<tr data-unit="${id}">[\\s\\S]*?</tr>`).exec(html)?.[0] ?? '').matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => text(m[1]!).trim())
const rowsShown = (html: string) => [...html.matchAll(/data-unit="(\d+)"/g)].map((m) => Number(m[1]))

describe('who may manage org units', () => {
  test('a mediator gets 403 and an anonymous visitor is sent to sign in', async () => {
    const world = await makeDistrict(ctx.db)
    const mediator = await makeUser(ctx.db, world.district, ['mediator'])
    const b = await signedIn(ctx.app, mediator.username, mediator.password)
    expect((await b.get('/admin/org-units')).status).toBe(403)
    expect((await b.post(`/admin/org-units/${world.townA.id}`, { name: 'x' })).status).toBe(403)
    expect((await new Browser(ctx.app).get('/admin/org-units')).status).toBe(303)
  })

  test('a town admin gets 404 for units outside its town, missing or non-numeric ids, and changes nothing', async () => {
    const world = await makeDistrict(ctx.db)
    const b = await adminAt(world.townA)
    for (const path of [
      `/admin/org-units/${world.townB.id}`,
      `/admin/org-units/${world.district.id}`,
      `/admin/org-units?root=${world.grassrootsB.id}`,
      '/admin/org-units?root=abc',
      '/admin/org-units/abc',
      '/admin/org-units/99999999',
      '/admin/org-units/99999999999999',
    ]) {
      expect((await b.get(path)).status, path).toBe(404)
    }
    const since = await lastAuditId(ctx.db)
    expect((await b.post(`/admin/org-units/${world.grassrootsB.id}`, { name: '改名' })).status).toBe(404)
    expect((await b.post(`/admin/org-units/${world.grassrootsB.id}/move`, { parent: `#${world.townA.id}` })).status).toBe(404)
    expect((await unitById(world.grassrootsB.id)).name).toBe(world.grassrootsB.name)
    expect(await auditRows(ctx.db, 'admin.org_unit.update', since)).toHaveLength(0)
    expect(await auditRows(ctx.db, 'admin.org_unit.move', since)).toHaveLength(0)
  })
})

describe('the tree page', () => {
  let world: District
  let b: Browser
  beforeAll(async () => {
    world = await makeDistrict(ctx.db)
    await makeUser(ctx.db, world.townA, ['mediator'])
    await makeUser(ctx.db, world.townA, ['rights_officer'])
    b = await adminAt(world.district)
  })

  test('shows the district and its towns with kind as text and user counts; grassroots only on drill-down', async () => {
    const html = await (await b.get('/admin/org-units')).text()
    expect(rowsShown(html)).toEqual([world.district.id, ...[world.townA, world.townB].sort((x, y) => x.name.localeCompare(y.name, 'zh-CN')).map((u) => u.id)])
    expect(cells(html, world.townA.id)).toEqual([`└ ${world.townA.name}`, '镇街总工会', world.townA.code, '2', '1 个下级'])

    const drill = await (await b.get(`/admin/org-units?root=${world.townA.id}`)).text()
    expect(rowsShown(drill)).toEqual([world.townA.id, world.grassrootsA.id])
    expect(text(drill)).toContain('基层工会')
    expect(text(drill)).toContain(world.district.name) // breadcrumb
  })

  test('searches by name or code inside the admin’s area only', async () => {
    expect(rowsShown(await (await b.get(`/admin/org-units?q=${encodeURIComponent(world.grassrootsB.name)}`)).text())).toEqual([world.grassrootsB.id])
    expect(rowsShown(await (await b.get(`/admin/org-units?q=${world.townA.code}`)).text())).toEqual([world.townA.id])
    const townAdmin = await adminAt(world.townA)
    const res = await townAdmin.get(`/admin/org-units?q=${encodeURIComponent(world.grassrootsB.name)}`)
    expect(rowsShown(await res.text())).toEqual([])
    expect(text(await (await townAdmin.get('/admin/org-units?q=%25')).text())).toContain('没有名称或编码包含')
  })

  test('a town admin’s overview is its town and the unions directly under it', async () => {
    const townAdmin = await adminAt(world.townB)
    expect(rowsShown(await (await townAdmin.get('/admin/org-units')).text())).toEqual([world.townB.id, world.grassrootsB.id])
  })

  test('the unit page shows the forms; the admin’s own root has no move form', async () => {
    const page = await (await b.get(`/admin/org-units/${world.townA.id}`)).text()
    expect(page).toContain('id="edit-unit-form"')
    expect(page).toContain('id="move-unit-form"')
    const root = await (await b.get(`/admin/org-units/${world.district.id}`)).text()
    expect(root).toContain('id="edit-unit-form"')
    expect(root).not.toContain('id="move-unit-form"')
    expect(text(root)).toContain('不能移动')
  })
})

describe('creating a unit', () => {
  test('a grassroots union under a town: 303, flash, path set, one audit row', async () => {
    const world = await makeDistrict(ctx.db)
    const b = await adminAt(world.district)
    const since = await lastAuditId(ctx.db)
    const res = await b.post('/admin/org-units', { name: '桂城新材料厂工会', kind: 'grassroots', parent: `#${world.townA.id}`, code: 'NEW-1' })
    expect(res.status).toBe(303)
    expect(res.headers.get('Location')).toBe(`/admin/org-units?root=${world.townA.id}`)
    const created = await ctx.db.selectFrom('org_units').selectAll().where('code', '=', 'NEW-1').executeTakeFirstOrThrow()
    expect(created).toMatchObject({ name: '桂城新材料厂工会', kind: 'grassroots', parent_id: world.townA.id, path: `${world.townA.path}${created.id}/` })
    const after = text(await (await b.get(res.headers.get('Location')!)).text())
    expect(after).toContain('已新建单位。')
    expect(after).toContain('桂城新材料厂工会')
    const rows = await auditRows(ctx.db, 'admin.org_unit.create', since)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ object_type: 'org_unit', object_id: String(created.id), outcome: 'success' })
    expect(rows[0]!.details).toEqual({ name: '桂城新材料厂工会', kind: 'grassroots', code: 'NEW-1', parent_id: world.townA.id })
  })

  test('the parent may be named by its code, and a grassroots union may hold another; no code is fine', async () => {
    const world = await makeDistrict(ctx.db)
    const b = await adminAt(world.district)
    expect((await b.post('/admin/org-units', { name: '园区车间工会', kind: 'grassroots', parent: world.grassrootsA.code!, code: '' })).status).toBe(303)
    const created = await ctx.db.selectFrom('org_units').selectAll().where('parent_id', '=', world.grassrootsA.id).executeTakeFirstOrThrow()
    expect(created.code).toBeNull()
  })

  test.each<[string, (w: District) => Record<string, string>, string, string]>([
    ['an empty name', (w) => ({ name: ' ', kind: 'grassroots', parent: `#${w.townA.id}` }), 'name', '此项必填'],
    ['a name over 100 characters', (w) => ({ name: '工'.repeat(101), kind: 'grassroots', parent: `#${w.townA.id}` }), 'name', '内容过长'],
    ['an unknown kind', (w) => ({ name: '甲', kind: 'village', parent: `#${w.townA.id}` }), 'kind', '此项必填'],
    ['a town under a town', (w) => ({ name: '甲', kind: 'town', parent: `#${w.townA.id}` }), 'kind', '所选上级单位下不能设这一类型的单位'],
    ['a district under a union', (w) => ({ name: '甲', kind: 'district', parent: `#${w.grassrootsA.id}` }), 'kind', '所选上级单位下不能设这一类型的单位'],
    ['no parent', () => ({ name: '甲', kind: 'grassroots', parent: '' }), 'parent', '此项必填'],
    ['a parent in another town', (w) => ({ name: '甲', kind: 'grassroots', parent: `#${w.townB.id}` }), 'parent', '在您的管理范围内找不到这个单位'],
    ['an unknown parent code', () => ({ name: '甲', kind: 'grassroots', parent: 'NO-SUCH-CODE' }), 'parent', '在您的管理范围内找不到这个单位'],
    ['a badly formed code', (w) => ({ name: '甲', kind: 'grassroots', parent: `#${w.townA.id}`, code: '桂 城' }), 'code', '编码只能包含'],
    ['a code in use', (w) => ({ name: '甲', kind: 'grassroots', parent: `#${w.townA.id}`, code: w.townB.code! }), 'code', '这个编码已被其他单位使用'],
    ['a sibling’s name', (w) => ({ name: w.grassrootsA.name, kind: 'grassroots', parent: `#${w.townA.id}` }), 'name', '同一上级单位下已有同名单位'],
  ])('%s: 422, message beside the field, values kept, nothing written', async (_label, form, field, message) => {
    const world = await makeDistrict(ctx.db)
    const b = await adminAt(world.townA) // the town admin: town B is outside its area
    const before = await unitCount()
    const since = await lastAuditId(ctx.db)
    const values = form(world)
    const res = await b.post('/admin/org-units', values)
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(fieldError(html, field)).toContain(message)
    if (values.name?.trim()) expect(html).toContain(`value="${values.name}"`)
    expect(await unitCount()).toBe(before)
    expect(await auditRows(ctx.db, 'admin.org_unit.create', since)).toHaveLength(0)
  })
})

describe('renaming a unit', () => {
  test('name and code change together; the audit row keeps before and after', async () => {
    const world = await makeDistrict(ctx.db)
    const b = await adminAt(world.district)
    const since = await lastAuditId(ctx.db)
    const res = await b.post(`/admin/org-units/${world.townA.id}`, { name: '桂城街道总工会（新）', code: 'GC-NEW' })
    expect(res.status).toBe(303)
    expect(await unitById(world.townA.id)).toMatchObject({ name: '桂城街道总工会（新）', code: 'GC-NEW', path: world.townA.path })
    expect(text(await (await b.get(res.headers.get('Location')!)).text())).toContain('已保存修改。')
    const [row, ...more] = await auditRows(ctx.db, 'admin.org_unit.update', since)
    expect(more).toHaveLength(0)
    expect(row!.details).toEqual({ before: { name: world.townA.name, code: world.townA.code }, after: { name: '桂城街道总工会（新）', code: 'GC-NEW' } })
  })

  test('an empty code clears it; saving without changes writes nothing', async () => {
    const world = await makeDistrict(ctx.db)
    const b = await adminAt(world.district)
    expect((await b.post(`/admin/org-units/${world.townB.id}`, { name: world.townB.name, code: '' })).status).toBe(303)
    expect((await unitById(world.townB.id)).code).toBeNull()
    const since = await lastAuditId(ctx.db)
    expect((await b.post(`/admin/org-units/${world.townB.id}`, { name: world.townB.name, code: '' })).status).toBe(303)
    expect(await auditRows(ctx.db, 'admin.org_unit.update', since)).toHaveLength(0)
  })

  test('an admin may rename its own root unit', async () => {
    const world = await makeDistrict(ctx.db)
    const b = await adminAt(world.townA)
    expect((await b.post(`/admin/org-units/${world.townA.id}`, { name: '桂城街道', code: world.townA.code! })).status).toBe(303)
    expect((await unitById(world.townA.id)).name).toBe('桂城街道')
  })

  test.each<[string, (w: District) => Record<string, string>, string, string]>([
    ['an empty name', () => ({ name: '', code: '' }), 'name', '此项必填'],
    ['a sibling’s name', (w) => ({ name: w.townB.name, code: '' }), 'name', '同一上级单位下已有同名单位'],
    ['another unit’s code', (w) => ({ name: '甲', code: w.grassrootsB.code! }), 'code', '这个编码已被其他单位使用'],
  ])('%s: 422 with the message beside the field, nothing written', async (_label, form, field, message) => {
    const world = await makeDistrict(ctx.db)
    const b = await adminAt(world.district)
    const since = await lastAuditId(ctx.db)
    const res = await b.post(`/admin/org-units/${world.townA.id}`, form(world))
    expect(res.status).toBe(422)
    expect(fieldError(await res.text(), field)).toContain(message)
    expect(await unitById(world.townA.id)).toMatchObject({ name: world.townA.name, code: world.townA.code })
    expect(await auditRows(ctx.db, 'admin.org_unit.update', since)).toHaveLength(0)
  })
})

describe('moving a unit', () => {
  test('a three-level subtree moves to another town: every path is rewritten and subtree queries follow', async () => {
    const world = await makeDistrict(ctx.db)
    // grassrootsA → park → workshop → team: three levels below town A's union.
    const park = await makeUnit(ctx.db, 'grassroots', world.grassrootsA, '工业园工会联合会')
    const workshop = await makeUnit(ctx.db, 'grassroots', park, '一号车间工会')
    const team = await makeUnit(ctx.db, 'grassroots', workshop, '一班组工会')
    const sibling = await makeUnit(ctx.db, 'grassroots', park, '二号车间工会')
    const b = await adminAt(world.district)
    const since = await lastAuditId(ctx.db)

    const res = await b.post(`/admin/org-units/${world.grassrootsA.id}/move`, { parent: world.townB.code! })
    expect(res.status).toBe(303)
    expect(text(await (await b.get(res.headers.get('Location')!)).text())).toContain('已调整上级单位')

    const g = world.grassrootsA.id
    const base = `${world.townB.path}${g}/`
    expect((await unitById(g))).toMatchObject({ parent_id: world.townB.id, path: base })
    expect((await unitById(park.id)).path).toBe(`${base}${park.id}/`)
    expect((await unitById(workshop.id)).path).toBe(`${base}${park.id}/${workshop.id}/`)
    expect((await unitById(team.id)).path).toBe(`${base}${park.id}/${workshop.id}/${team.id}/`)
    expect((await unitById(sibling.id)).path).toBe(`${base}${park.id}/${sibling.id}/`)
    const moved = [g, park.id, workshop.id, team.id, sibling.id].sort((x, y) => x - y)
    expect(await subtreeIds(world.townB.path)).toEqual([world.townB.id, world.grassrootsB.id, ...moved].sort((x, y) => x - y))
    expect(await subtreeIds(world.townA.path)).toEqual([world.townA.id])
    expect(await subtreeIds(`${base}${park.id}/`)).toEqual([park.id, workshop.id, team.id, sibling.id].sort((x, y) => x - y))

    const rows = await auditRows(ctx.db, 'admin.org_unit.move', since)
    expect(rows).toHaveLength(1)
    expect(rows[0]!.details).toMatchObject({ old_parent_id: world.townA.id, new_parent_id: world.townB.id, units_moved: 5 })
  })

  test('a grassroots union may move under another grassroots union by number', async () => {
    const world = await makeDistrict(ctx.db)
    const b = await adminAt(world.district)
    expect((await b.post(`/admin/org-units/${world.grassrootsA.id}/move`, { parent: `#${world.grassrootsB.id}` })).status).toBe(303)
    expect((await unitById(world.grassrootsA.id)).path).toBe(`${world.grassrootsB.path}${world.grassrootsA.id}/`)
  })

  test.each<[string, (w: District, deep: Unit) => [Unit, string], string]>([
    ['under itself', (w) => [w.grassrootsA, `#${w.grassrootsA.id}`], '不能移到它自己或它的下级单位之下'],
    ['under its own descendant', (w, deep) => [w.grassrootsA, `#${deep.id}`], '不能移到它自己或它的下级单位之下'],
    ['a town under a town', (w) => [w.townA, `#${w.townB.id}`], '所选上级单位下不能设这一类型的单位'],
    ['a town under a grassroots union', (w) => [w.townA, `#${w.grassrootsB.id}`], '所选上级单位下不能设这一类型的单位'],
    ['grassroots under the district', (w) => [w.grassrootsA, `#${w.district.id}`], '所选上级单位下不能设这一类型的单位'],
    ['to where it already is', (w) => [w.grassrootsA, `#${w.townA.id}`], '它已经在这个单位之下'],
    ['the admin’s own root', (w) => [w.district, `#${w.townA.id}`], '最高一级单位不能移动'],
    ['to an unknown parent', (w) => [w.grassrootsA, 'NOPE'], '在您的管理范围内找不到这个单位'],
    ['with no parent', (w) => [w.grassrootsA, ''], '此项必填'],
  ])('%s: 422 on the parent field, nothing moved', async (_label, pick, message) => {
    const world = await makeDistrict(ctx.db)
    const deep = await makeUnit(ctx.db, 'grassroots', world.grassrootsA)
    const [unit, parent] = pick(world, deep)
    const b = await adminAt(world.district)
    const since = await lastAuditId(ctx.db)
    const res = await b.post(`/admin/org-units/${unit.id}/move`, { parent })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(fieldError(html, 'parent')).toContain(message)
    if (unit.id !== world.district.id) expect(html).toContain(`value="${parent}"`) // the root has no move form
    expect((await unitById(unit.id)).path).toBe(unit.path)
    expect((await unitById(deep.id)).path).toBe(deep.path)
    expect(await auditRows(ctx.db, 'admin.org_unit.move', since)).toHaveLength(0)
  })

  test('a parent outside a town admin’s area, and a clashing name under the new parent, are 422 too', async () => {
    const world = await makeDistrict(ctx.db)
    const other = await makeUnit(ctx.db, 'grassroots', world.townA)
    const townAdmin = await adminAt(world.townA)
    const out = await townAdmin.post(`/admin/org-units/${other.id}/move`, { parent: `#${world.townB.id}` })
    expect(out.status).toBe(422)
    expect(fieldError(await out.text(), 'parent')).toContain('在您的管理范围内找不到这个单位')
    const townAsRoot = await townAdmin.post(`/admin/org-units/${world.townA.id}/move`, { parent: `#${world.district.id}` })
    expect(townAsRoot.status).toBe(422)

    const clash = await makeUnit(ctx.db, 'grassroots', world.townB, other.name)
    const districtAdmin = await adminAt(world.district)
    const res = await districtAdmin.post(`/admin/org-units/${other.id}/move`, { parent: `#${world.townB.id}` })
    expect(res.status).toBe(422)
    expect(fieldError(await res.text(), 'parent')).toContain('新的上级单位下已有同名单位')
    expect((await unitById(other.id)).parent_id).toBe(world.townA.id)
    expect(clash.id).toBeGreaterThan(0)
  })
})

describe('importing units from CSV', () => {
  test('parents from earlier rows and from existing units; BOM and CRLF; one audit row; a notice with the count', async () => {
    const world = await makeDistrict(ctx.db)
    const b = await adminAt(world.district)
    const since = await lastAuditId(ctx.db)
    const csv = [
      '\uFEFFcode,name,kind,parent_code',
      `IMP-T,新设街道总工会,town,${world.district.code}`,
      'IMP-P,一号工业园工会联合会,grassroots,IMP-T',
      'IMP-W,"园区电子厂工会,一车间",GRASSROOTS,IMP-P',
      `IMP-G,已有镇的新工会,grassroots,${world.townA.code}`,
      '',
    ].join('\r\n')
    const res = await b.post('/admin/org-units/import', { csv })
    expect(res.status).toBe(303)
    expect(res.headers.get('Location')).toBe('/admin/org-units?imported=4')
    expect(text(await (await b.get(res.headers.get('Location')!)).text())).toContain('已导入 4 个单位。')
    const byCode = new Map((await ctx.db.selectFrom('org_units').selectAll().where('code', 'like', 'IMP-%').execute()).map((u) => [u.code, u]))
    const town = byCode.get('IMP-T')!
    const park = byCode.get('IMP-P')!
    expect(town).toMatchObject({ kind: 'town', parent_id: world.district.id, path: `${world.district.path}${town.id}/` })
    expect(park.path).toBe(`${town.path}${park.id}/`)
    expect(byCode.get('IMP-W')).toMatchObject({ name: '园区电子厂工会,一车间', kind: 'grassroots', path: `${park.path}${byCode.get('IMP-W')!.id}/` })
    expect(byCode.get('IMP-G')!.parent_id).toBe(world.townA.id)
    const rows = await auditRows(ctx.db, 'admin.org_unit.import', since)
    expect(rows).toHaveLength(1)
    expect(rows[0]!.details).toEqual({ rows: 4 })
  })

  test('the page’s own form posts as multipart/form-data, and that works too', async () => {
    const world = await makeDistrict(ctx.db)
    const b = await adminAt(world.district)
    const page = await (await b.get('/admin/org-units/import')).text()
    expect(page).toContain('enctype="multipart/form-data"')
    const body = new FormData()
    body.set('csv', `code,name,kind,parent_code\nMP-1,多部分表单工会,grassroots,${world.townB.code}\n`)
    const res = await b.request('/admin/org-units/import', { method: 'POST', body, headers: { Origin: ORIGIN, 'Sec-Fetch-Site': 'same-origin' } })
    expect(res.status).toBe(303)
    expect((await ctx.db.selectFrom('org_units').select('parent_id').where('code', '=', 'MP-1').executeTakeFirstOrThrow()).parent_id).toBe(world.townB.id)
  })

  test('any bad row: 422 listing every problem with its line, the CSV kept, nothing written', async () => {
    const world = await makeDistrict(ctx.db)
    const b = await adminAt(world.townA)
    const before = await unitCount()
    const since = await lastAuditId(ctx.db)
    const csv = [
      'name,code,parent_code,kind', // columns in another order are fine
      `好的工会,OK-1,${world.townA.code},grassroots`,
      `,BAD-2,${world.townA.code},grassroots`,
      `另一镇的工会,BAD-3,${world.townB.code},grassroots`,
      `重复编码,OK-1,${world.townA.code},grassroots`,
      `镇下设镇,BAD-5,${world.townA.code},town`,
      `太多列,BAD-6,${world.townA.code},grassroots,extra`,
      `${world.grassrootsA.name},BAD-7,${world.townA.code},grassroots`,
    ].join('\n')
    const res = await b.post('/admin/org-units/import', { csv })
    expect(res.status).toBe(422)
    const html = await res.text()
    const problems = text(/<div class="error-summary"[\s\S]*?<\/div>/.exec(html)![0])
    expect(problems).toContain('共有 6 处问题')
    expect(problems).toContain('第 3 行：缺少单位名称')
    expect(problems).toContain(`第 4 行：在您的管理范围内找不到上级单位“${world.townB.code}”`)
    expect(problems).toContain('第 5 行：编码“OK-1”在文件中出现了不止一次')
    expect(problems).toContain('第 6 行：上级单位下不能设类型为“town”的单位')
    expect(problems).toContain('第 7 行：这一行有 5 列')
    expect(problems).toContain(`第 8 行：上级单位下已有名为“${world.grassrootsA.name}”的单位`)
    expect(problems).not.toContain('第 2 行')
    expect(html).toContain('好的工会,OK-1')
    expect(await unitCount()).toBe(before)
    expect(await auditRows(ctx.db, 'admin.org_unit.import', since)).toHaveLength(0)
  })

  test.each([
    ['no header', 'A1,甲,grassroots,X', '第一行必须是表头'],
    ['only a header', 'code,name,kind,parent_code\n', '表头下面没有数据行'],
    ['an unclosed quote', 'code,name,kind,parent_code\nA1,"甲,grassroots,X\n', 'CSV 格式有误'],
    ['over 5,000 rows', ['code,name,kind,parent_code', ...Array.from({ length: 5001 }, (_, i) => `R${i},工会${i},grassroots,NOPE`)].join('\n'), '超过每次 5000 行的上限'],
  ])('%s: 422 with the reason', async (_label, csv, message) => {
    const world = await makeDistrict(ctx.db)
    const b = await adminAt(world.district)
    const before = await unitCount()
    const res = await b.post('/admin/org-units/import', { csv })
    expect(res.status).toBe(422)
    expect(text(await res.text())).toContain(message)
    expect(await unitCount()).toBe(before)
  })

  test('an empty submission is 422 beside the field', async () => {
    const world = await makeDistrict(ctx.db)
    const b = await adminAt(world.district)
    const res = await b.post('/admin/org-units/import', { csv: '  ' })
    expect(res.status).toBe(422)
    expect(fieldError(await res.text(), 'csv')).toBe('此项必填')
  })
})

describe('at 10,000 units', () => {
  const TOWNS = 50
  const GRASSROOTS = 10_000 - 1 - TOWNS
  let district: Unit
  let towns: { id: number; path: string }[]

  beforeAll(async () => {
    district = await makeUnit(ctx.db, 'district', null, '万级区总工会')
    towns = await ctx.db
      .insertInto('org_units')
      .values(Array.from({ length: TOWNS }, (_, i) => ({ kind: 'town', name: `万级镇${i}`, parent_id: district.id })))
      .returning(['id', 'path'])
      .execute()
    towns.sort((a, b) => a.id - b.id)
    for (let start = 0; start < GRASSROOTS; start += 1000) {
      const values = []
      for (let i = start; i < Math.min(start + 1000, GRASSROOTS); i++) {
        values.push({ kind: 'grassroots', name: `基层工会${i}`, parent_id: towns[i % TOWNS]!.id, code: `BULK-${i}` })
      }
      await ctx.db.insertInto('org_units').values(values).execute()
    }
  }, 120_000)

  test('the subtree query counts exactly', async () => {
    expect((await subtreeIds(district.path)).length).toBe(10_000)
    // 9,949 unions over 50 towns: the first 49 towns get 199, the last 198.
    expect((await subtreeIds(towns[0]!.path)).length).toBe(200)
    expect((await subtreeIds(towns[49]!.path)).length).toBe(199)
  })

  test('the overview lists the district and its 50 towns; a drill-down lists one town', async () => {
    const b = await adminAt(district)
    const overview = await b.get('/admin/org-units')
    expect(overview.status).toBe(200)
    expect(rowsShown(await overview.text())).toHaveLength(1 + TOWNS)
    const drill = await b.get(`/admin/org-units?root=${towns[0]!.id}`)
    expect(drill.status).toBe(200)
    expect(rowsShown(await drill.text())).toHaveLength(200)
    const whole = await b.get(`/admin/org-units?root=${district.id}`)
    expect(whole.status).toBe(200)
    const html = await whole.text()
    expect(rowsShown(html)).toHaveLength(1000)
    expect(text(html)).toContain('只列出了前 1000 个单位')
    expect(rowsShown(await (await b.get('/admin/org-units?q=BULK-9948')).text())).toHaveLength(1)
    expect((await b.get(`/admin/org-units/${towns[3]!.id}`)).status).toBe(200)
  })

  // The test context is PostgreSQL exactly when the run was given a PostgreSQL template.
  test.skipIf(!inject('pgTemplate'))('on PostgreSQL the subtree query uses org_units_path_idx, not a sequential scan', async () => {
    expect(ctx.kind).toBe('postgres')
    await sql`analyze org_units`.execute(ctx.db)
    const plan = (await subtreeQuery(ctx.db, towns[7]!.path).explain()).map((r) => Object.values(r)[0]).join('\n')
    expect(plan).toContain('org_units_path_idx')
    expect(plan).not.toMatch(/Seq Scan on org_units/)
  })
})
