import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { Browser, signedIn, text } from '../support/http.ts'
import { auditRows, lastAuditId, makeDistrict, makeUser, type District, type TestUser, type Unit } from '../support/fixtures.ts'
import { createTestContext, type TestContext } from '../support/test-app.ts'

let ctx: TestContext
let world: District
let officerA: TestUser
let officerB: TestUser
let a: Browser
let b: Browser
beforeAll(async () => {
  ctx = await createTestContext()
  world = await makeDistrict(ctx.db)
  officerA = await makeUser(ctx.db, world.townA, ['rights_officer'])
  officerB = await makeUser(ctx.db, world.townB, ['rights_officer'])
  a = await signedIn(ctx.app, officerA.username, officerA.password)
  b = await signedIn(ctx.app, officerB.username, officerB.password)
})
afterAll(() => ctx.close())

// Real codes: 深圳市腾讯计算机系统有限公司 and 华为技术有限公司.
const TENCENT = '91440300708461136T'
const HUAWEI = '914403001922038216'
const DAY = 86_400_000

let seq = 0
const unique = (name: string) => `${name}${++seq}号`
const respondentCount = async () => Number((await ctx.db.selectFrom('respondents').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)
const respondentByName = (name: string) => ctx.db.selectFrom('respondents').selectAll().where('name', '=', name).executeTakeFirstOrThrow()
const idFrom = (res: Response) => Number(/^\/respondents\/(\d+)$/.exec(res.headers.get('Location') ?? '')?.[1])
/** The message shown beside one field of the page form. */
const fieldError = (html: string, id: string) => text(new RegExp(`id="${id}-err"[^>]*>([^<]*)<`).exec(html)?.[1] ?? '').trim()

async function create(browser: Browser, form: Record<string, string>) {
  return browser.post('/respondents', { kind: 'organisation', ...form })
}

/** A registered respondent, made through the app, so its search tokens are the app's own. */
async function registered(name: string, more: Record<string, string> = {}) {
  const res = await create(a, { name, ...more })
  expect(res.status).toBe(303)
  return idFrom(res)
}

let caseSeq = 0
/** A case against a respondent, written straight to the tables (intake is another feature). */
async function caseAgainst(respondentId: number, unit: Unit, reporter: TestUser, opts: { status?: string; daysAgo?: number; risk?: string; role?: string } = {}) {
  const now = ctx.clock.now()
  const reportedAt = new Date(now.getTime() - (opts.daysAgo ?? 1) * DAY)
  const row = await ctx.db
    .insertInto('cases')
    .values({
      case_no: `TEST-${process.pid}-${++caseSeq}`,
      status: opts.status ?? 'registered',
      channel: 'visit',
      intake_form: 'full',
      org_unit_id: unit.id,
      reported_by: reporter.id,
      reported_at: reportedAt,
      title: '拖欠工资',
      risk_level: opts.risk ?? 'green',
      created_at: now,
      updated_at: now,
    })
    .returning(['id', 'case_no'])
    .executeTakeFirstOrThrow()
  await ctx.db.insertInto('case_respondents').values({ case_id: row.id, respondent_id: respondentId, role: opts.role ?? 'employer' }).execute()
  return row
}

describe('who may use the registry', () => {
  test('an admin gets 403 on every route and nothing is written', async () => {
    const id = await registered(unique('管理员看不到的公司'))
    const admin = await makeUser(ctx.db, world.district, ['admin'])
    const browser = await signedIn(ctx.app, admin.username, admin.password)
    const before = await respondentCount()
    const gets = ['/respondents', '/respondents/new', '/respondents/search?slot=0&q=公司', '/respondents/picker?slot=0', `/respondents/${id}`, `/respondents/${id}/chosen?slot=0`, `/respondents/${id}/edit`]
    for (const path of gets) expect((await browser.get(path)).status, path).toBe(403)
    for (const path of ['/respondents', `/respondents/${id}`]) expect((await browser.post(path, { kind: 'organisation', name: '入侵' })).status, path).toBe(403)
    expect(await respondentCount()).toBe(before)
  })

  test('every case role may use it; without a session the list asks to sign in', async () => {
    for (const role of ['informant', 'bargaining_instructor', 'mediator', 'legal_adviser', 'manager'] as const) {
      const user = await makeUser(ctx.db, world.townA, [role])
      expect((await (await signedIn(ctx.app, user.username, user.password)).get('/respondents')).status, role).toBe(200)
    }
    const res = await new Browser(ctx.app).get('/respondents?q=恒达')
    expect(res.status).toBe(303)
    expect(res.headers.get('Location')).toMatch(/^\/login\?next=/)
  })
})

describe('registering a respondent', () => {
  test('an organisation with a real code is stored with its tokens, author, time and an audit row', async () => {
    const since = await lastAuditId(ctx.db)
    const name = unique('深圳市腾讯计算机系统有限公司')
    const res = await create(a, { name, uscc: TENCENT, legal_representative: '马化腾', address: '深圳市南山区', industry: '软件' })
    expect(res.status).toBe(303)
    const row = await respondentByName(name)
    expect(res.headers.get('Location')).toBe(`/respondents/${row.id}`)
    expect(row).toMatchObject({ kind: 'organisation', uscc: TENCENT, legal_representative: '马化腾', created_by: officerA.id })
    expect(row.created_at.getTime()).toBe(ctx.clock.now().getTime())
    expect(row.search_tokens).toEqual(expect.arrayContaining(['腾讯', '91']))
    const audit = await auditRows(ctx.db, 'respondent.create', since)
    expect(audit.map((r) => r.object_id)).toEqual([String(row.id)])
    const page = text(await (await a.get(`/respondents/${row.id}`)).text())
    expect(page).toContain(name)
    expect(page).toContain(TENCENT)
    expect(page).toContain('被申请人已登记')
  })

  test('a code typed with spaces and in lower case is normalised', async () => {
    const name = unique('华为技术有限公司')
    expect((await create(a, { name, uscc: ` ${HUAWEI.slice(0, 9)} ${HUAWEI.slice(9).toLowerCase()} ` })).status).toBe(303)
    expect((await respondentByName(name)).uscc).toBe(HUAWEI)
  })

  test.each([
    ['a wrong check character', '91440300708461136U', '最后一位校验码不符'],
    ['the letter O', '9144030070846113OT', '含有不允许的字符'],
    ['17 characters', '91440300708461136', '应为 18 位'],
    ['a letter in the division code', '9144A300708461136T', '含有不允许的字符'],
    ['10,000 characters', '9'.repeat(10_000), '应为 18 位'],
  ])('a code with %s is refused beside the field, values kept, nothing written', async (_, uscc, message) => {
    const before = await respondentCount()
    const name = unique('错误代码公司')
    const res = await create(a, { name, uscc: uscc.slice(0, 10_000), industry: '电子' })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(fieldError(html, 'f-uscc')).toContain(message)
    expect(html).toContain(`value="${name}"`)
    expect(html).toContain('value="电子"')
    expect(await respondentCount()).toBe(before)
  })

  test('an individual may not have a code, and is fine without one', async () => {
    const before = await respondentCount()
    const res = await create(a, { kind: 'individual', name: unique('包工头李四'), uscc: TENCENT })
    expect(res.status).toBe(422)
    expect(fieldError(await res.text(), 'f-uscc')).toContain('个人没有统一社会信用代码')
    expect(await respondentCount()).toBe(before)
    const name = unique('包工头李四')
    expect((await create(a, { kind: 'individual', name, uscc: '  ' })).status).toBe(303)
    expect(await respondentByName(name)).toMatchObject({ kind: 'individual', uscc: null })
  })

  test('a code already registered is a 422 naming the respondent that holds it, with a link', async () => {
    const holder = unique('腾讯老名字')
    const holderId = await registered(holder, { uscc: code('91440101MA59UAJY3') })
    const before = await respondentCount()
    const res = await create(a, { name: unique('另一个名字'), uscc: code('91440101MA59UAJY3') })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(fieldError(html, 'f-uscc')).toContain('已经登记过')
    expect(html).toContain(`<a href="/respondents/${holderId}">${holder}</a>`)
    expect(await respondentCount()).toBe(before)
  })

  test.each([
    ['no kind', { kind: '', name: '某公司' }, 'f-kind', '请选择单位或个人'],
    ['an unknown kind', { kind: 'robot', name: '某公司' }, 'f-kind', '请选择单位或个人'],
    ['no name', { name: '   ' }, 'f-name', '此项必填'],
    ['a 201-character name', { name: '厂'.repeat(201) }, 'f-name', '内容过长'],
    ['a long address', { name: '某公司', address: 'x'.repeat(301) }, 'f-address', '内容过长'],
  ])('%s is a 422 beside the field, never a 500', async (_, form, field, message) => {
    const before = await respondentCount()
    const res = await a.post('/respondents', { kind: 'organisation', ...form })
    expect(res.status).toBe(422)
    expect(fieldError(await res.text(), field)).toContain(message)
    expect(await respondentCount()).toBe(before)
  })

  // A NUL character never reaches this form: the app refuses it at the door with a plain 400 (bad-input tests).
  test.each([[{ name: '恒达\u0000电子' }], [{ name: '某公司', uscc: '9144\u0000300708461136T' }]])('a NUL character is a plain 400, never a 500, nothing written', async (form) => {
    const before = await respondentCount()
    const res = await a.post('/respondents', { kind: 'organisation', ...form })
    expect(res.status).toBe(400)
    expect(text(await res.text())).toContain('空字符')
    expect(await respondentCount()).toBe(before)
  })

  test('emoji and a 200-character name are stored as typed', async () => {
    for (const name of [unique('😀工厂👷'), '厂'.repeat(200), '😀'.repeat(100)]) {
      const res = await create(a, { name })
      expect(res.status, name).toBe(303)
      expect((await respondentByName(name)).name).toBe(name)
    }
  })

  test('repeated fields are refused, not a 500', async () => {
    expect((await a.post('/respondents', { kind: ['organisation', 'individual'], name: ['甲', '乙'] })).status).toBe(422)
  })
})

describe('search', () => {
  let hengda: number
  const HENGDA = unique('佛山市南海区恒达电子有限公司')
  beforeAll(async () => {
    hengda = await registered(HENGDA, { uscc: code('91440605708001234') })
  })

  test('two characters of the name find it: a fragment without layout, one button per match', async () => {
    const res = await a.get(`/respondents/search?slot=0&q=${encodeURIComponent('恒达')}`, { hx: true })
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).not.toContain('<html')
    expect(html).not.toContain('sidenav')
    expect(html).toContain(HENGDA)
    expect(html).toContain('单位')
    expect(html).toContain(`hx-get="/respondents/${hengda}/chosen?slot=0"`)
    expect(html).toContain('hx-target="#resp-0-choice"')
    expect(html).toContain('type="button"')
  })

  test('the intake box sends its own field name; the slot decides where the choice goes', async () => {
    const html = await (await a.get(`/respondents/search?slot=7&respondents.7.query=${encodeURIComponent('南海 恒达')}`, { hx: true })).text()
    expect(html).toContain(HENGDA)
    expect(html).toContain(`hx-get="/respondents/${hengda}/chosen?slot=7"`)
    expect(html).toContain('hx-target="#resp-7-choice"')
  })

  test('a code prefix finds it; a name that is not there offers to create it', async () => {
    const row = await respondentByName(HENGDA)
    expect(await (await a.get(`/respondents/search?slot=0&q=${row.uscc!.slice(0, 8).toLowerCase()}`, { hx: true })).text()).toContain(HENGDA)
    const none = await (await a.get(`/respondents/search?slot=0&q=${encodeURIComponent('不存在的厂')}`, { hx: true })).text()
    expect(text(none)).toContain('没有找到“不存在的厂”')
    expect(none).toContain('hx-get="/respondents/new?slot=0&amp;q=')
  })

  test('an empty query is an empty fragment; a bad slot is refused', async () => {
    const res = await a.get('/respondents/search?slot=0&q=', { hx: true })
    expect(res.status).toBe(200)
    expect((await res.text()).trim()).toBe('')
    for (const slot of ['20', '-1', 'x', '']) expect((await a.get(`/respondents/search?slot=${slot}&q=恒达`)).status, slot).toBe(400)
  })

  test('odd queries never fail', async () => {
    for (const q of ['%', "'; drop table respondents; --", '\u0000', '😀', '_', 'x'.repeat(5000), '9144%']) {
      const expected = q === '\u0000' ? 400 : 200
      expect((await a.get(`/respondents/search?slot=0&q=${encodeURIComponent(q)}`)).status, q).toBe(expected)
      expect((await a.get(`/respondents?q=${encodeURIComponent(q)}`)).status, q).toBe(expected)
    }
  })

  test('the list page searches too, and says what to do when nothing matches', async () => {
    const found = text(await (await a.get(`/respondents?q=${encodeURIComponent('恒达电子')}`)).text())
    expect(found).toContain(HENGDA)
    const empty = text(await (await a.get(`/respondents?q=${encodeURIComponent('查无此厂')}`)).text())
    expect(empty).toContain('没有找到与“查无此厂”匹配的被申请人')
    expect(empty).toContain('登记被申请人')
  })
})

describe('the intake picker', () => {
  test('choosing fills the slot’s hidden input and empties its match list', async () => {
    const id = await registered(unique('选用测试公司'))
    const res = await a.get(`/respondents/${id}/chosen?slot=3`, { hx: true })
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).not.toContain('<html')
    expect(html).toContain(`<input type="hidden" name="respondents.3.respondent_id" value="${id}">`)
    expect(html).toContain('<div id="resp-3-matches" hx-swap-oob="innerHTML"></div>')
    expect(html).toContain('hx-get="/respondents/picker?slot=3"')
    expect(html).not.toContain('open-warning')
  })

  test('the chosen fragment warns of the open cases this user can see, with links', async () => {
    const id = await registered(unique('欠薪大户公司'))
    const open = await caseAgainst(id, world.townA, officerA)
    await caseAgainst(id, world.townA, officerA, { status: 'closed' })
    const hidden = await caseAgainst(id, world.townB, officerB)
    const html = await (await a.get(`/respondents/${id}/chosen?slot=0`, { hx: true })).text()
    expect(text(html)).toContain('该被申请人已有 1 件未结案件')
    expect(html).toContain(`<a href="/cases/${open.id}" target="_blank" rel="noopener">${open.case_no}</a>`)
    expect(html).not.toContain(hidden.case_no)
  })

  test('a bad slot or id is refused', async () => {
    const id = await registered(unique('槽位公司'))
    expect((await a.get(`/respondents/${id}/chosen?slot=20`)).status).toBe(400)
    expect((await a.get(`/respondents/${id}/chosen`)).status).toBe(400)
    expect((await a.get('/respondents/99999999/chosen?slot=0')).status).toBe(404)
    expect((await a.get('/respondents/x/chosen?slot=0')).status).toBe(404)
  })

  test('the picker widget carries the search box the intake form needs', async () => {
    const html = await (await a.get('/respondents/picker?slot=4', { hx: true })).text()
    expect(html).not.toContain('<html')
    expect(html).toContain('id="resp-4"')
    expect(html).toContain('name="respondents.4.query"')
    expect(html).toContain('hx-target="#resp-4-matches"')
    expect(html).toContain(`hx-vals='{"slot":"4"}'`)
    expect(html).toContain('id="resp-4-choice"')
  })

  test('inline create: the form fragment, a 422 with messages, then the chosen fragment', async () => {
    const form = await a.get(`/respondents/new?slot=2&q=${encodeURIComponent('新恒达')}`, { hx: true })
    const formHtml = await form.text()
    expect(formHtml).not.toContain('<html')
    expect(formHtml).not.toContain('<form')
    expect(formHtml).toContain('name="respondents.2.new.name"')
    expect(formHtml).toContain('value="新恒达"')
    expect(formHtml).toContain('hx-post="/respondents?slot=2"')
    // Without htmx the same address is the ordinary page.
    expect(await (await a.get('/respondents/new?slot=2')).text()).toContain('<html')

    const before = await respondentCount()
    const name = unique('现场新建公司')
    const bad = await a.post('/respondents?slot=2', { 'respondents.2.new.kind': 'organisation', 'respondents.2.new.name': name, 'respondents.2.new.uscc': '91440300708461136U' }, { hx: true })
    expect(bad.status).toBe(422)
    const badHtml = await bad.text()
    expect(badHtml).not.toContain('<html')
    expect(text(badHtml)).toContain('最后一位校验码不符')
    expect(badHtml).toContain(`name="respondents.2.new.name" type="text" value="${name}"`)
    expect(await respondentCount()).toBe(before)

    const since = await lastAuditId(ctx.db)
    const ok = await a.post('/respondents?slot=2', { 'respondents.2.new.kind': 'organisation', 'respondents.2.new.name': name, 'respondents.2.new.uscc': '' }, { hx: true })
    expect(ok.status).toBe(200)
    const row = await respondentByName(name)
    expect(await ok.text()).toContain(`<input type="hidden" name="respondents.2.respondent_id" value="${row.id}">`)
    expect(await auditRows(ctx.db, 'respondent.create', since)).toHaveLength(1)
  })

  test('inline create of a code already registered offers the existing respondent', async () => {
    const holder = unique('已登记代码公司')
    const id = await registered(holder, { uscc: code('91440606MA4UMLDX2') })
    const res = await a.post('/respondents?slot=1', { 'respondents.1.new.kind': 'organisation', 'respondents.1.new.name': '别名', 'respondents.1.new.uscc': code('91440606MA4UMLDX2') }, { hx: true })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain(holder)
    expect(html).toContain(`hx-get="/respondents/${id}/chosen?slot=1"`)
  })
})

describe('the respondent page', () => {
  test('lists the user’s visible cases, open ones first then newest, with role, status and risk', async () => {
    const id = await registered(unique('重复被申请人公司'))
    const closedNewest = await caseAgainst(id, world.townA, officerA, { status: 'closed', daysAgo: 1 })
    const openOld = await caseAgainst(id, world.grassrootsA, officerA, { status: 'in_progress', daysAgo: 200, risk: 'red', role: 'main_contractor' })
    const openNew = await caseAgainst(id, world.townA, officerA, { status: 'reported', daysAgo: 10, risk: 'orange' })
    const oldClosed = await caseAgainst(id, world.townA, officerA, { status: 'declined', daysAgo: 400 })
    const townB = await caseAgainst(id, world.townB, officerB, { status: 'registered', daysAgo: 5 })

    const html = await (await a.get(`/respondents/${id}`)).text()
    const order = [openNew, openOld, closedNewest, oldClosed].map((k) => html.indexOf(`>${k.case_no}</a>`))
    expect(order.every((i) => i > 0)).toBe(true)
    expect([...order].sort((x, y) => x - y)).toEqual(order)
    expect(html).toContain(`<a href="/cases/${openOld.id}">${openOld.case_no}</a>`)
    expect(html).toContain('<span class="badge bad">红色</span>')
    expect(html).toContain('<span class="badge warn">橙色</span>')
    expect(text(html)).toContain('总承包单位')
    expect(text(html)).toContain('处理中')
    expect(text(html)).toContain('近 12 个月 3 件，未结 2 件')
    expect(text(html)).toContain('重复被申请人')
    expect(html).not.toContain(townB.case_no)
  })

  test('a town-B user sees neither town-A cases nor their count, on the page or in search', async () => {
    const name = unique('两镇共有公司')
    const id = await registered(name)
    const inA = [await caseAgainst(id, world.townA, officerA), await caseAgainst(id, world.grassrootsA, officerA), await caseAgainst(id, world.townA, officerA)]
    const inB = await caseAgainst(id, world.townB, officerB)

    const page = await (await b.get(`/respondents/${id}`)).text()
    expect(page).toContain(inB.case_no)
    for (const k of inA) expect(page).not.toContain(k.case_no)
    expect(text(page)).toContain('近 12 个月 1 件，未结 1 件')

    const search = await (await b.get(`/respondents/search?slot=0&q=${encodeURIComponent(name)}`, { hx: true })).text()
    expect(text(search)).toContain('1 件未结')
    expect(text(search)).not.toContain('4 件未结')
    const list = await (await b.get(`/respondents?q=${encodeURIComponent(name)}`)).text()
    expect(list).toContain('data-testid="open-cases"><span class="badge warn">1</span>')
    const chosen = text(await (await b.get(`/respondents/${id}/chosen?slot=0`)).text())
    expect(chosen).toContain('已有 1 件未结案件')

    // Town A sees its three; the district sees all four.
    expect(text(await (await a.get(`/respondents/search?slot=0&q=${encodeURIComponent(name)}`)).text())).toContain('3 件未结')
    const manager = await makeUser(ctx.db, world.district, ['manager'])
    const m = await signedIn(ctx.app, manager.username, manager.password)
    expect(text(await (await m.get(`/respondents/${id}`)).text())).toContain('近 12 个月 4 件，未结 4 件')
  })

  test('an informant sees only the cases they reported', async () => {
    const informant = await makeUser(ctx.db, world.grassrootsA, ['informant'])
    const id = await registered(unique('信息员公司'))
    const mine = await caseAgainst(id, world.grassrootsA, informant)
    const notMine = await caseAgainst(id, world.grassrootsA, officerA)
    const html = await (await (await signedIn(ctx.app, informant.username, informant.password)).get(`/respondents/${id}`)).text()
    expect(html).toContain(mine.case_no)
    expect(html).not.toContain(notMine.case_no)
  })

  test('no visible cases: an empty state that says how cases get here', async () => {
    const id = await registered(unique('无案件公司'))
    expect(text(await (await a.get(`/respondents/${id}`)).text())).toContain('受理案件时在“被申请人”一栏搜索并选用它')
  })

  test('a missing or malformed id is a 404', async () => {
    for (const path of ['/respondents/999999', '/respondents/abc', '/respondents/99999999999', '/respondents/1.5', '/respondents/abc/edit', '/respondents/999999/edit']) {
      expect((await a.get(path)).status, path).toBe(404)
    }
    expect((await a.post('/respondents/999999', { kind: 'organisation', name: '无' })).status).toBe(404)
  })
})

describe('editing', () => {
  test('saves the details, refreshes the search tokens and writes an audit row with the changed fields', async () => {
    const id = await registered(unique('旧名称公司'), { industry: '纺织' })
    const since = await lastAuditId(ctx.db)
    const form = await (await a.get(`/respondents/${id}/edit`)).text()
    expect(form).toContain('value="纺织"')
    const name = unique('佛山新名称制衣厂')
    const res = await a.post(`/respondents/${id}`, { kind: 'organisation', name, uscc: '', industry: '服装', address: '' })
    expect(res.status).toBe(303)
    expect(res.headers.get('Location')).toBe(`/respondents/${id}`)
    expect(await respondentByName(name)).toMatchObject({ id, industry: '服装' })
    const audit = await auditRows(ctx.db, 'respondent.update', since)
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ object_type: 'respondent', object_id: String(id), actor_id: officerA.id })
    expect((audit[0]!.details as { changed: string[] }).changed.sort()).toEqual(['industry', 'name'])
    expect(await (await a.get(`/respondents/search?slot=0&q=${encodeURIComponent('制衣')}`)).text()).toContain(name)
  })

  test('the same checks apply: a bad or taken code is a 422 and nothing changes', async () => {
    const other = unique('代码持有公司')
    const otherId = await registered(other, { uscc: code('91440605MA4W7XBU5') })
    const name = unique('被编辑公司')
    const id = await registered(name)
    const since = await lastAuditId(ctx.db)
    const bad = await a.post(`/respondents/${id}`, { kind: 'organisation', name: '改名', uscc: wrongCheck(code('91440605MA4W7XBU5')) })
    expect(bad.status).toBe(422)
    expect(fieldError(await bad.text(), 'f-uscc')).toContain('校验码不符')
    const taken = await a.post(`/respondents/${id}`, { kind: 'organisation', name: '改名', uscc: code('91440605MA4W7XBU5') })
    expect(taken.status).toBe(422)
    expect(await taken.text()).toContain(`<a href="/respondents/${otherId}">${other}</a>`)
    expect((await respondentByName(name)).uscc).toBeNull()
    expect(await auditRows(ctx.db, 'respondent.update', since)).toEqual([])
    // Keeping its own code is not a duplicate.
    expect((await a.post(`/respondents/${otherId}`, { kind: 'organisation', name: other, uscc: code('91440605MA4W7XBU5') })).status).toBe(303)
  })
})

/** A valid code for the companies the tests invent (GB 32100 check character appended). */
function code(first17: string) {
  return first17 + checkChar(first17)
}
const wrongCheck = (valid: string) => valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0')

function checkChar(first17: string) {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY'
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
  const sum = [...first17].reduce((s, ch, i) => s + chars.indexOf(ch) * weights[i]!, 0)
  return chars[(31 - (sum % 31)) % 31]!
}
