import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { makeCase, makeRespondent, worker } from '../support/case-fixtures.ts'
import { auditRows, lastAuditId, makeDistrict, makeUnit, makeUser, type District, type TestUser, type Unit } from '../support/fixtures.ts'
import { Browser, signedIn, text } from '../support/http.ts'
import { createTestContext, type TestContext } from '../support/test-app.ts'

let ctx: TestContext
let world: District
let officer: TestUser
let districtManager: TestUser
let officerB: TestUser
beforeAll(async () => {
  ctx = await createTestContext()
  world = await makeDistrict(ctx.db)
  officer = await makeUser(ctx.db, world.townA, ['rights_officer'], { displayName: '维权专员甲' })
  officerB = await makeUser(ctx.db, world.townB, ['rights_officer'])
  districtManager = await makeUser(ctx.db, world.district, ['manager'])
})
afterAll(() => ctx.close())

const PHONE = '13812345678'
const RESIDENT_ID = '11010519491231002X'
const NO_PHONE = /1[3-9]\d{9}/
const NO_ID = /\d{17}[\dX]/

const login = (u: TestUser) => signedIn(ctx.app, u.username, u.password)
/** Case numbers in the results (the search box may hold a typed one). */
const caseNos = (html: string) => [...new Set(html.slice(html.indexOf('id="case-results"') + 1).match(/南海-\d{4}-\d{6}/g) ?? [])]
const targeted = (b: Browser, path: string, target: string) =>
  b.request(path, { method: 'GET', headers: { 'HX-Request': 'true', 'HX-Target': target } })
const mainOf = (html: string) => /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? ''
const unescape = (href: string) => href.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"')
const nextHref = (html: string) => {
  const m = /<a href="([^"]+)"[^>]*data-testid="next-page"/.exec(html)
  return m ? unescape(m[1]!) : null
}

/** The search box keeps what the person typed; nothing else on the page may hold a full number. */
const withoutTypedQuery = (html: string) => html.replace(/(<input type="search" name="q" form="case-filters" value=")[^"]*"/, '$1"')

async function listed(b: Browser, query: string) {
  const res = await b.get(`/cases${query}`)
  expect(res.status).toBe(200)
  const html = await res.text()
  expect(withoutTypedQuery(html)).not.toMatch(NO_PHONE)
  expect(withoutTypedQuery(html)).not.toMatch(NO_ID)
  return { html, nos: caseNos(html) }
}

describe('the case list', () => {
  let kA1: { id: number; caseNo: string }
  let kA2: { id: number; caseNo: string }
  let kB1: { id: number; caseNo: string }
  let manager: Browser
  beforeAll(async () => {
    const r1 = await makeRespondent(ctx.db, { name: '佛山市南海区宏达五金制品有限公司' })
    kA1 = await makeCase(ctx, world.grassrootsA, officer, {
      reportedAt: new Date('2026-11-01T03:00:00Z'),
      channel: 'visit',
      disputeTypes: ['wages'],
      facts: '老板跑路，拖欠三个月工资。',
      respondents: [{ respondentId: r1.id, role: 'employer' }],
      workers: [worker('李秀英', { phone: PHONE, idType: 'resident_id', idNumber: RESIDENT_ID }), worker('王强', { phone: '13900001111' })],
      workersInvolved: 3,
    })
    // 00:30 on 11 November in Beijing, still 10 November in UTC.
    kA2 = await makeCase(ctx, world.townA, officer, {
      reportedAt: new Date('2026-11-10T16:30:00Z'),
      applicationReceivedAt: null,
      channel: 'call',
      disputeTypes: ['overtime'],
      workers: [worker('周杰')],
    })
    kB1 = await makeCase(ctx, world.townB, officerB, {
      reportedAt: new Date('2026-11-15T02:00:00Z'),
      channel: 'hotline_12351',
      disputeTypes: ['social_insurance'],
      collectiveSigns: ['stoppage'],
      workers: [worker('陈秀英', { phone: '13700002222' })],
    })
    manager = await login(districtManager)
  })

  test('shows each case with its number, town, respondent, workers, types, risk and status; never a full phone or ID', async () => {
    const { html } = await listed(manager, `?q=${encodeURIComponent(kA1.caseNo)}`)
    const row = text(/<tbody>[\s\S]*<\/tbody>/.exec(html)![0])
    expect(row).toContain(kA1.caseNo)
    expect(row).toContain('2026-11-01')
    expect(row).toContain(world.townA.name)
    expect(row).toContain('佛山市南海区宏达五金制品有限公司')
    expect(row).toContain('李秀英 等 3 人')
    expect(row).toContain('劳动报酬（欠薪）')
    expect(row).toContain('已登记')
    expect(html).toContain(`href="/cases/${kA1.id}"`)
    expect(html).not.toContain('138****5678')
    expect(html).toContain('共 1 件')
  })

  test('filters by status, town, dispute type, risk and channel', async () => {
    const has = async (query: string, inside: string[], outside: string[]) => {
      const { nos } = await listed(manager, query)
      for (const n of inside) expect(nos, query).toContain(n)
      for (const n of outside) expect(nos, query).not.toContain(n)
    }
    await has('?status=reported', [kA2.caseNo], [kA1.caseNo, kB1.caseNo])
    await has(`?town=${world.townA.id}`, [kA1.caseNo, kA2.caseNo], [kB1.caseNo])
    await has(`?town=${world.townB.id}`, [kB1.caseNo], [kA1.caseNo, kA2.caseNo])
    await has('?type=overtime', [kA2.caseNo], [kA1.caseNo, kB1.caseNo])
    await has('?type=wages', [kA1.caseNo], [kA2.caseNo, kB1.caseNo])
    await has('?risk=red', [kB1.caseNo], [kA1.caseNo, kA2.caseNo])
    await has('?channel=call', [kA2.caseNo], [kA1.caseNo, kB1.caseNo])
    await has('?channel=hotline_12351&town=' + world.townB.id, [kB1.caseNo], [kA1.caseNo])
  })

  test('the town filter offers the towns of the user\'s subtree, and the filter form keeps the choices', async () => {
    const { html } = await listed(manager, `?town=${world.townB.id}&type=social_insurance&sort=oldest`)
    expect(html).toContain(`<option value="${world.townA.id}">${world.townA.name}</option>`)
    expect(html).toContain(`<option value="${world.townB.id}" selected>${world.townB.name}</option>`)
    expect(html).toContain('<option value="social_insurance" selected>')
    expect(html).toContain('<option value="oldest" selected>')
    // A town officer has only their own town: no town choice to make.
    const { html: own } = await listed(await login(officer), '')
    expect(own).not.toContain('name="town"')
  })

  test('filters by received date on Beijing dates, both ends included', async () => {
    const has = async (query: string, inside: string[], outside: string[]) => {
      const { nos } = await listed(manager, query)
      for (const n of inside) expect(nos, query).toContain(n)
      for (const n of outside) expect(nos, query).not.toContain(n)
    }
    await has('?from=2026-11-11&to=2026-11-11', [kA2.caseNo], [kA1.caseNo, kB1.caseNo])
    await has('?from=2026-11-10&to=2026-11-10', [], [kA2.caseNo])
    await has('?from=2026-11-01&to=2026-11-11', [kA1.caseNo, kA2.caseNo], [kB1.caseNo])
    await has('?from=2026-11-12', [kB1.caseNo], [kA1.caseNo, kA2.caseNo])
    await has('?to=2026-11-01', [kA1.caseNo], [kA2.caseNo, kB1.caseNo])
  })

  test('ignores filters it does not understand rather than failing', async () => {
    const { nos } = await listed(manager, '?status=bogus&town=abc&risk=purple&from=2026-02-30&sort=sideways&after=%27%3Bdrop')
    expect(nos).toEqual(expect.arrayContaining([kA1.caseNo, kA2.caseNo, kB1.caseNo]))
  })

  test.each([
    ['a two-character fragment of a worker\'s name', '秀英', ['kA1', 'kB1']],
    ['a fragment of the respondent\'s name', '宏达五金', ['kA1']],
    ['a fragment of the facts', '跑路', ['kA1']],
    ['a full phone', PHONE, ['kA1']],
    ['a full phone with spaces and +86', '+86 138 1234 5678', ['kA1']],
    ['a full resident ID', RESIDENT_ID, ['kA1']],
    ['a resident ID with a lowercase x', RESIDENT_ID.toLowerCase(), ['kA1']],
  ])('searches by %s', async (_what, q, expected) => {
    const all = { kA1, kA2, kB1 }
    const { nos } = await listed(manager, `?q=${encodeURIComponent(q)}`)
    for (const [name, k] of Object.entries(all)) {
      if (expected.includes(name)) expect(nos, name).toContain(k.caseNo)
      else expect(nos, name).not.toContain(k.caseNo)
    }
  })

  test('a search by phone or ID number is not pushed into the browser history', async () => {
    const res = await targeted(manager, `/cases?q=${PHONE}`, 'case-results')
    expect(res.headers.get('HX-Push-Url')).toBe('false')
    const body = await res.text()
    expect(caseNos(body)).toContain(kA1.caseNo)
    expect(body).not.toMatch(NO_PHONE)
    // Other searches push the tidy address of the results, without the form's empty fields.
    const tidy = await targeted(manager, '/cases?q=%E7%A7%80%E8%8B%B1&status=&town=&type=wages&risk=&sort=newest', 'case-results')
    expect(tidy.headers.get('HX-Push-Url')).toBe('/cases?q=%E7%A7%80%E8%8B%B1&type=wages')
  })

  test('searches by case number exactly', async () => {
    const { nos } = await listed(manager, `?q=${encodeURIComponent(kA2.caseNo)}`)
    expect(nos).toEqual([kA2.caseNo])
  })

  test('a partial phone or ID number finds nothing: those are exact lookups through the blind index', async () => {
    for (const q of ['1381234', RESIDENT_ID.slice(0, 10), '5678']) {
      const { nos } = await listed(manager, `?q=${encodeURIComponent(q)}`)
      expect(nos, q).not.toContain(kA1.caseNo)
    }
  })

  test('an htmx request aimed at the results gets only the results; anything else gets the whole page', async () => {
    const frag = await targeted(manager, '/cases?type=wages', 'case-results')
    expect(frag.status).toBe(200)
    expect(frag.headers.get('Vary')).toContain('HX-Request')
    const body = await frag.text()
    expect(body).not.toMatch(/<html|<!doctype/i)
    expect(body).toContain('data-testid="cases-table"')
    expect(body).toContain(kA1.caseNo)

    const boosted = await manager.get('/cases?type=wages', { hx: true })
    expect(await boosted.text()).toMatch(/^<!doctype html>/i)
    const plain = await manager.get('/cases?type=wages')
    expect(plain.headers.get('Vary')).toContain('HX-Request')
    const html = await plain.text()
    expect(html).toMatch(/^<!doctype html>/i)
    expect(html).toContain('id="case-results"')
    expect(html).toMatch(/<form[^>]*hx-get="\/cases"[^>]*hx-target="#case-results"[^>]*hx-push-url="true"/)
    expect(html).toContain('hx-trigger="input changed delay:300ms, search"')
  })

  test('an empty list says what to do next', async () => {
    const emptyTown = await makeUnit(ctx.db, 'town', world.district)
    const reporter = await login(await makeUser(ctx.db, emptyTown, ['rights_officer']))
    const html = await (await reporter.get('/cases')).text()
    expect(html).toContain('data-testid="cases-empty"')
    expect(html).toContain('您的范围内还没有案件。')
    expect(html).toContain('href="/cases/new"')
    const filtered = await (await reporter.get('/cases?q=nothing')).text()
    expect(filtered).toContain('请调整或清除筛选条件')
    expect(filtered).toContain('清除筛选')
    const mediator = await login(await makeUser(ctx.db, emptyTown, ['mediator']))
    const notReporter = await (await mediator.get('/cases')).text()
    expect(notReporter).toContain('data-testid="cases-empty"')
    expect(notReporter).not.toContain('href="/cases/new"')
  })
})

describe('keyset paging', () => {
  let town: Unit
  let b: Browser
  const expected: Record<string, string[]> = {}
  beforeAll(async () => {
    town = await makeUnit(ctx.db, 'town', world.district)
    const reporter = await makeUser(ctx.db, town, ['rights_officer'])
    const base = Date.parse('2026-10-01T00:00:00Z')
    for (let i = 0; i < 65; i++) {
      // Every fifth case shares its time with the one before, so the id must break ties.
      const at = new Date(base + (i - (i % 5 === 4 ? 1 : 0)) * 3_600_000)
      await makeCase(ctx, town, reporter, {
        reportedAt: at,
        applicationReceivedAt: at,
        collectiveSigns: i % 4 === 0 ? ['stoppage'] : [],
        disputeTypes: i % 4 === 1 ? ['collective_contract'] : ['wages'],
        workers: [worker(`工人${i}`, { phone: `1390000${String(i).padStart(4, '0')}`, migrant: i % 4 === 2 })],
      })
    }
    const rows = await ctx.db.selectFrom('cases').select(['case_no', 'reported_at', 'id', 'risk_rank'])
      .where('org_unit_id', '=', town.id).execute()
    const byTime = (x: (typeof rows)[number], y: (typeof rows)[number]) => x.reported_at.getTime() - y.reported_at.getTime() || x.id - y.id
    expected.newest = [...rows].sort(byTime).reverse().map((r) => r.case_no)
    expected.oldest = [...rows].sort(byTime).map((r) => r.case_no)
    expected.risk = [...rows].sort((x, y) => y.risk_rank - x.risk_rank || byTime(y, x)).map((r) => r.case_no)
    expect(new Set(rows.map((r) => r.risk_rank)).size).toBe(4)
    b = await login(reporter)
  })

  test.each(['newest', 'oldest', 'risk'])('walks %s-first pages of 50 without duplicates or gaps', async (sort) => {
    const seen: string[] = []
    let href: string | null = `/cases${sort === 'newest' ? '' : `?sort=${sort}`}`
    let pages = 0
    while (href) {
      const { html, nos } = await listed(b, href.slice('/cases'.length))
      const rowCount = (/<tbody>([\s\S]*)<\/tbody>/.exec(html)?.[1]?.match(/<tr>/g) ?? []).length
      expect(rowCount).toBe(pages === 0 ? 50 : 15)
      expect(html).toContain('共 65 件')
      seen.push(...nos)
      href = nextHref(html)
      if (href) expect(href).not.toMatch(/offset|page=/)
      pages++
    }
    expect(pages).toBe(2)
    expect(seen).toEqual(expected[sort])
  })

  test('the next page keeps the filters and works as a fragment too', async () => {
    const first = await (await b.get('/cases?sort=oldest&channel=visit')).text()
    const href = nextHref(first)
    expect(href).toMatch(/^\/cases\?channel=visit&sort=oldest&after=t[0-9a-z]+i[0-9a-z]+$/)
    const frag = await targeted(b, href!, 'case-results')
    const body = await frag.text()
    expect(body).not.toMatch(/<!doctype/i)
    expect(body).toContain('回到第一页')
    expect([...caseNos(first), ...caseNos(body)]).toEqual(expected.oldest)
    expect(body).not.toMatch(NO_PHONE)
  })
})

describe('the case page', () => {
  let full: { id: number; caseNo: string }
  let plain: { id: number; caseNo: string }
  let b: Browser
  beforeAll(async () => {
    const employer = await makeRespondent(ctx.db, { name: '南海宏图电子有限公司' })
    const dispatcher = await makeRespondent(ctx.db, { name: '佛山市人力派遣服务有限公司' })
    full = await makeCase(ctx, world.grassrootsA, officer, {
      channel: 'court_referral',
      channelRef: '（2026）粤0605民诉前调1234号',
      reportedAt: new Date('2026-11-18T01:00:00Z'),
      applicationReceivedAt: new Date('2026-11-19T06:30:00Z'),
      title: '宏图电子停工讨薪',
      facts: '工厂自九月起停发工资。\n\n工人于十一月停工聚集。',
      disputeTypes: ['wages', 'overtime'],
      workersInvolved: 35,
      collectiveSigns: ['stoppage'],
      respondents: [{ respondentId: employer.id, role: 'employer' }, { respondentId: dispatcher.id, role: 'dispatcher' }],
      workers: [
        worker('李秀英', { phone: PHONE, idType: 'resident_id', idNumber: RESIDENT_ID, migrant: true, hireDate: '2024-03-01', leaveDate: '2026-10-31', knewDate: '2026-10-15' }),
        worker('小明', { under16: true, platformWorker: true }),
      ],
      claims: [{ kind: 'wages', description: '9–10 月工资', amountFen: 1234567n }, { kind: 'overtime', description: '', amountFen: 100000n }],
    })
    await ctx.db.insertInto('case_events').values([
      { case_id: full.id, at: new Date('2026-11-19T06:30:00Z'), actor_id: officer.id, kind: 'application.received', payload: { received_at: '2026-11-19T06:30:00.000Z' } },
      { case_id: full.id, at: new Date('2026-11-19T07:00:00Z'), actor_id: null, kind: 'note.future_kind', payload: {} },
    ]).execute()
    plain = await makeCase(ctx, world.townA, officer, { applicationReceivedAt: null, workers: [] })
    b = await login(officer)
  })

  test('shows the header with status, risk and every reason in words', async () => {
    const html = await (await b.get(`/cases/${full.id}`)).text()
    const header = text(/data-testid="case-header"[\s\S]*?<\/header>/.exec(html)![0])
    expect(header).toContain(full.caseNo)
    expect(header).toContain('已登记')
    expect(header).toContain('风险：红色')
    expect(header).toContain('宏图电子停工讨薪')
    expect(header).toContain('出现集体行动：停工')
    expect(header).toContain('涉及 35 名劳动者（达到 30 人）')
    expect(html).toMatch(/class="badge bad" data-testid="case-risk"/)
  })

  test('shows channel, reference, both times, unit, town and reporter', async () => {
    const details = text(/data-testid="case-details"[\s\S]*?<\/dl>/.exec(await (await b.get(`/cases/${full.id}`)).text())![0])
    expect(details).toContain('法院委派/委托 · 来文编号 （2026）粤0605民诉前调1234号')
    expect(details).toContain('2026-11-18 09:00')
    expect(details).toContain('2026-11-19 14:30')
    expect(details).toContain(`${world.grassrootsA.name} · ${world.townA.name}`)
    expect(details).toContain('维权专员甲')
    expect(details).toContain('尚未分流')
    expect(details).toContain('未指派')
    const pending = text(await (await b.get(`/cases/${plain.id}`)).text())
    expect(pending).toContain('尚未收到调解申请')
    expect(pending).toContain('未触发任何风险规则。')
  })

  test('shows respondents with roles and links, masked workers with flags and dates, claims with a total, and the facts', async () => {
    const html = await (await b.get(`/cases/${full.id}`)).text()
    expect(html).not.toMatch(NO_PHONE)
    expect(html).not.toMatch(NO_ID)
    const respondents = /data-testid="respondents"[\s\S]*?<\/article>/.exec(html)![0]
    expect(respondents).toMatch(/<a href="\/respondents\/\d+">南海宏图电子有限公司<\/a> <span class="badge">用人单位<\/span>/)
    expect(text(respondents)).toContain('佛山市人力派遣服务有限公司 劳务派遣单位')
    const workers = text(/id="workers"[\s\S]*?<\/article>/.exec(html)![0])
    expect(workers).toContain('有劳动者未满 16 周岁')
    expect(workers).toContain('138****5678')
    expect(workers).toContain('居民身份证 1101**********002X')
    expect(workers).toContain('农民工')
    expect(workers).toContain('平台劳动者')
    expect(workers).toContain('未满 16 周岁')
    expect(workers).toContain('入职 2024-03-01')
    expect(workers).toContain('离职 2026-10-31')
    expect(workers).toContain('知道权利受侵害 2026-10-15')
    const claims = text(/data-testid="claims"[\s\S]*?<\/article>/.exec(html)![0])
    expect(claims).toContain('9–10 月工资 ¥12,345.67')
    expect(claims).toContain('加班 — ¥1,000.00')
    expect(claims).toContain('合计 ¥13,345.67')
    expect(html).toContain('<p>工厂自九月起停发工资。</p>')
    expect(html).toContain('<p>工人于十一月停工聚集。</p>')
  })

  test('shows the timeline in words, oldest first, with actor and Beijing time; unknown kinds still show', async () => {
    const html = await (await b.get(`/cases/${full.id}`)).text()
    const items = [...(/data-testid="timeline"[\s\S]*?<\/article>/.exec(html)![0]).matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => text(m[1]!).trim())
    expect(items[0]).toMatch(/^2026-11-20 10:00 · 维权专员甲 · 登记案件（法院委派\/委托，状态“已登记”）：2 名劳动者，2 个被申请人，2 项请求，合计 ¥13,345.67$/)
    expect(items[1]).toContain('风险等级由“绿色”变为“红色”，原因：集体行动、涉及人数多')
    expect(items[2]).toBe('2026-11-19 14:30 · 维权专员甲 · 收到调解申请（2026-11-19 14:30）')
    expect(items[3]).toBe('2026-11-19 15:00 · 系统 · 记录事项：note.future_kind')
  })

  test('shows a collective group: its worker count and the other cases this user can see', async () => {
    const r = await makeRespondent(ctx.db)
    const party = [{ respondentId: r.id, role: 'employer' as const }]
    const a = await makeCase(ctx, world.townA, officer, { respondents: party, workersInvolved: 6, workers: [] })
    const bCase = await makeCase(ctx, world.townA, officer, { respondents: party, workersInvolved: 3, workers: [] })
    const hidden = await makeCase(ctx, world.townB, officerB, { respondents: party, workersInvolved: 4, workers: [] })
    const html = await (await b.get(`/cases/${a.id}`)).text()
    const group = text(/data-testid="collective-group"[\s\S]*?<\/article>/.exec(html)![0])
    expect(group).toContain('合计 13 名劳动者')
    expect(group).toContain(bCase.caseNo)
    expect(group).not.toContain(hidden.caseNo)
    expect(html).toContain(`href="/cases/${bCase.id}"`)
    expect(text(html)).toContain('与同一被申请人的同类争议合并为群体性争议：共 3 件案件，13 名劳动者')
    expect(text(html)).toContain('群体性争议：同一被申请人、同类争议 30 日内合计 13 名劳动者（达到 10 人）')
  })

  test('speaks English on request', async () => {
    const en = await login(officer)
    await en.post('/lang', { locale: 'en', back: '/' })
    const html = text(await (await en.get(`/cases/${full.id}`)).text())
    expect(html).toContain('Risk: Red')
    expect(html).toContain('Collective action: Work stoppage')
    expect(html).toContain('35 workers involved (threshold 30)')
    expect(html).toContain('Application for mediation received')
  })

  test('a missing id, a malformed id and a case outside scope are the same 404', async () => {
    const hidden = await makeCase(ctx, world.townB, officerB)
    const missing = await b.get('/cases/99999999')
    expect(missing.status).toBe(404)
    const missingMain = mainOf(await missing.text())
    for (const path of [`/cases/${hidden.id}`, '/cases/abc', '/cases/12abc', '/cases/1e3']) {
      const res = await b.get(path)
      expect(res.status, path).toBe(404)
      expect(mainOf(await res.text()), path).toBe(missingMain)
    }
  })
})

describe('revealing phones and ID numbers', () => {
  let k: { id: number; caseNo: string }
  let mediator: TestUser
  let adviser: TestUser
  beforeAll(async () => {
    mediator = await makeUser(ctx.db, world.townA, ['mediator'])
    adviser = await makeUser(ctx.db, world.townA, ['legal_adviser'])
    k = await makeCase(ctx, world.townA, officer, {
      workers: [worker('李秀英', { phone: PHONE, idType: 'resident_id', idNumber: RESIDENT_ID }), worker('王强')],
    })
    await ctx.db.updateTable('cases').set({ assigned_mediator_id: mediator.id, assigned_legal_adviser_id: adviser.id }).where('id', '=', k.id).execute()
  })

  const reveal = (b: Browser, id = k.id) =>
    b.request(`/cases/${id}/reveal`, {
      method: 'POST',
      body: '',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost', 'Sec-Fetch-Site': 'same-origin', 'HX-Request': 'true', 'HX-Target': 'workers' },
    })
  const revealRows = (sessionUser?: number) =>
    ctx.db.selectFrom('pii_reveals').innerJoin('sessions', 'sessions.id', 'pii_reveals.session_id')
      .select(['pii_reveals.case_id', 'sessions.user_id']).where('pii_reveals.case_id', '=', k.id)
      .$if(sessionUser !== undefined, (q) => q.where('sessions.user_id', '=', sessionUser!)).execute()

  test('a rights officer reveals: full numbers, phones as tel: links, one audit row without the values', async () => {
    const b = await login(officer)
    const page = await (await b.get(`/cases/${k.id}`)).text()
    expect(page).toContain('data-testid="reveal-form"')
    expect(page).toContain(`hx-post="/cases/${k.id}/reveal"`)
    const since = await lastAuditId(ctx.db)
    const res = await reveal(b)
    expect(res.status).toBe(200)
    const frag = await res.text()
    expect(frag).not.toMatch(/<!doctype/i)
    expect(frag).toMatch(/^\s*<article id="workers"/)
    expect(frag).toContain(`<a href="tel:${PHONE}">${PHONE}</a>`)
    expect(frag).toContain(RESIDENT_ID)
    expect(frag).not.toContain('data-testid="reveal-form"')
    const audit = await auditRows(ctx.db, 'pii.reveal', since)
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ object_type: 'case', object_id: String(k.id), outcome: 'success', actor_id: officer.id })
    expect(audit[0]!.details).toEqual({ workers: 2 })
    expect(JSON.stringify(audit)).not.toMatch(/13812345678|11010519491231002X/)

    // The same session: the page shows the full numbers on reload, and nothing more is logged.
    const again = await (await b.get(`/cases/${k.id}`)).text()
    expect(again).toContain(`href="tel:${PHONE}"`)
    expect(again).toContain(RESIDENT_ID)
    expect(again).toContain('data-testid="revealed-notice"')
    expect((await reveal(b)).status).toBe(200)
    expect(await auditRows(ctx.db, 'pii.reveal', since)).toHaveLength(1)

    // Another session of the same person starts masked again.
    const other = await login(officer)
    const fresh = await (await other.get(`/cases/${k.id}`)).text()
    expect(fresh).not.toContain(PHONE)
    expect(fresh).not.toContain(RESIDENT_ID)
    expect(fresh).toContain('138****5678')
    expect(fresh).toContain('data-testid="reveal-form"')
  })

  test('the assigned mediator and legal adviser may reveal', async () => {
    for (const u of [mediator, adviser]) {
      const b = await login(u)
      expect(await (await b.get(`/cases/${k.id}`)).text()).toContain('data-testid="reveal-form"')
      const res = await reveal(b)
      expect(res.status).toBe(200)
      expect(await res.text()).toContain(`tel:${PHONE}`)
      expect(await revealRows(u.id)).toHaveLength(1)
    }
  })

  test('anyone else who can see the case is refused with 403, sees no button, and nothing is logged as a reveal', async () => {
    const others = [
      await makeUser(ctx.db, world.townA, ['mediator']),
      await makeUser(ctx.db, world.townA, ['legal_adviser']),
      await makeUser(ctx.db, world.townA, ['manager']),
      await makeUser(ctx.db, world.townA, ['bargaining_instructor']),
      await makeUser(ctx.db, world.district, ['manager', 'mediator']),
    ]
    for (const u of others) {
      const b = await login(u)
      const page = await (await b.get(`/cases/${k.id}`)).text()
      expect(page).not.toContain('data-testid="reveal-form"')
      const since = await lastAuditId(ctx.db)
      const res = await reveal(b)
      expect(res.status).toBe(403)
      expect(await res.text()).not.toContain(PHONE)
      expect(await auditRows(ctx.db, 'pii.reveal', since)).toHaveLength(0)
      expect(await auditRows(ctx.db, 'access.denied', since)).toHaveLength(1)
      expect(await revealRows(u.id)).toHaveLength(0)
      expect(await (await b.get(`/cases/${k.id}`)).text()).not.toContain(PHONE)
    }
  })

  test('an informant who reported the case may not reveal', async () => {
    const informant = await makeUser(ctx.db, world.grassrootsA, ['informant'])
    const own = await makeCase(ctx, world.grassrootsA, informant, { workers: [worker('赵六', { phone: '13611112222' })] })
    const b = await login(informant)
    expect((await b.get(`/cases/${own.id}`)).status).toBe(200)
    expect((await reveal(b, own.id)).status).toBe(403)
  })

  test('a plain form post (no htmx) is redirected back to the case page', async () => {
    const b = await login(officer)
    const res = await b.post(`/cases/${k.id}/reveal`, {})
    expect(res.status).toBe(303)
    expect(res.headers.get('Location')).toBe(`/cases/${k.id}#workers`)
    expect(await (await b.get(`/cases/${k.id}`)).text()).toContain(`tel:${PHONE}`)
  })

  test('a case outside scope cannot be revealed: 404', async () => {
    const hidden = await makeCase(ctx, world.townB, officerB, { workers: [worker('钱七', { phone: '13522223333' })] })
    const b = await login(officer)
    const res = await reveal(b, hidden.id)
    expect(res.status).toBe(404)
    expect(await res.text()).not.toContain('13522223333')
  })
})
