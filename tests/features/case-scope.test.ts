import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { loadCurrentUser } from '../../src/auth/auth.queries.ts'
import { earlyWarningCount } from '../../src/features/early-warning/early-warning.queries.ts'
import { makeCase, makeRespondent, worker } from '../support/case-fixtures.ts'
import { makeDistrict, makeUser, type District, type TestUser } from '../support/fixtures.ts'
import { signedIn, type Browser } from '../support/http.ts'
import { createTestContext, type TestContext } from '../support/test-app.ts'

// DESIGN §1, §6: a user sees the cases of their unit's subtree (an informant: what they reported),
// and a case outside that does not exist for them: not in lists, search, counts, the board, or by URL.

let ctx: TestContext
let world: District
type Made = { id: number; caseNo: string }
let caseA: Made
let caseB: Made
let byInformant1: Made
let byInformant2: Made
const users: Record<string, TestUser> = {}

const PHONE_A = '13811110000'
const PHONE_B = '13922220000'
const ID_A = '440605199001011234'
const ID_B = '11010519491231002X'

beforeAll(async () => {
  ctx = await createTestContext()
  world = await makeDistrict(ctx.db)
  users.officerA = await makeUser(ctx.db, world.townA, ['rights_officer'])
  users.mediatorA = await makeUser(ctx.db, world.townA, ['mediator'])
  users.managerA = await makeUser(ctx.db, world.townA, ['manager'])
  users.officerB = await makeUser(ctx.db, world.townB, ['rights_officer'])
  users.districtManager = await makeUser(ctx.db, world.district, ['manager'])
  users.informant1 = await makeUser(ctx.db, world.grassrootsA, ['informant'])
  users.informant2 = await makeUser(ctx.db, world.grassrootsA, ['informant'])
  users.admin = await makeUser(ctx.db, world.district, ['admin'])
  const respondentB = await makeRespondent(ctx.db, { name: '狮山独有精密机械厂' })
  // Both red (signs of a stoppage), so both would be on an early-warning board.
  caseA = await makeCase(ctx, world.townA, users.officerA, {
    collectiveSigns: ['stoppage'],
    workers: [worker('王秀英', { phone: PHONE_A, idType: 'resident_id', idNumber: ID_A })],
  })
  caseB = await makeCase(ctx, world.townB, users.officerB, {
    collectiveSigns: ['stoppage'],
    facts: '狮山工业园停工',
    respondents: [{ respondentId: respondentB.id, role: 'employer' }],
    workers: [worker('陈秀英', { phone: PHONE_B, idType: 'resident_id', idNumber: ID_B })],
  })
  byInformant1 = await makeCase(ctx, world.grassrootsA, users.informant1, { intakeForm: 'report', channel: 'informant_report', applicationReceivedAt: null, workers: [worker('刘一')] })
  byInformant2 = await makeCase(ctx, world.grassrootsA, users.informant2, { intakeForm: 'report', channel: 'informant_report', applicationReceivedAt: null, workers: [worker('刘二')] })
})
afterAll(() => ctx.close())

const browsers = new Map<string, Browser>()
async function as(name: string): Promise<Browser> {
  const u = users[name]!
  if (!browsers.has(name)) browsers.set(name, await signedIn(ctx.app, u.username, u.password))
  return browsers.get(name)!
}
/** Case numbers in the results (the search box may hold a typed one). */
const caseNos = (html: string) => [...new Set(html.slice(html.indexOf('id="case-results"') + 1).match(/南海-\d{4}-\d{6}/g) ?? [])]
const mainOf = (html: string) => /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? ''
async function list(name: string, query = '') {
  const res = await (await as(name)).get(`/cases${query}`)
  expect(res.status).toBe(200)
  const html = await res.text()
  return { nos: caseNos(html), count: /data-testid="case-count">共 (\d+) 件/.exec(html)?.[1] }
}
const current = async (name: string) => (await loadCurrentUser(ctx.db, users[name]!.id))!

describe.each(['officerA', 'mediatorA', 'managerA'])('a town-A %s', (who) => {
  test('never sees the town-B case in the list or its count', async () => {
    const { nos, count } = await list(who)
    expect(nos).toContain(caseA.caseNo)
    expect(nos).not.toContain(caseB.caseNo)
    expect(count).toBe(String(nos.length))
    expect(nos.sort()).toEqual([caseA.caseNo, byInformant1.caseNo, byInformant2.caseNo].sort())
  })

  test.each([
    ['a name fragment', '秀英'],
    ['a respondent name', '狮山独有'],
    ['the facts', '工业园'],
    ['a phone', PHONE_B],
    ['an ID number', ID_B],
  ])('never finds the town-B case by %s', async (_what, q) => {
    const { nos, count } = await list(who, `?q=${encodeURIComponent(q)}`)
    expect(nos).not.toContain(caseB.caseNo)
    expect(count).toBe(String(nos.length))
  })

  test('finds its own case the same ways, and not the town-B case by its number', async () => {
    for (const q of ['秀英', PHONE_A, ID_A, caseA.caseNo]) expect((await list(who, `?q=${encodeURIComponent(q)}`)).nos).toEqual([caseA.caseNo])
    expect(await list(who, `?q=${encodeURIComponent(caseB.caseNo)}`)).toEqual({ nos: [], count: '0' })
  })

  test('gets the same 404 for the town-B case as for a missing one, on the page and on reveal', async () => {
    const b = await as(who)
    const missing = await b.get('/cases/99999999')
    const hidden = await b.get(`/cases/${caseB.id}`)
    expect(missing.status).toBe(404)
    expect(hidden.status).toBe(404)
    expect(mainOf(await hidden.text())).toBe(mainOf(await missing.text()))
    expect((await b.post(`/cases/${caseB.id}/reveal`, {})).status).toBe(404)
    expect((await b.get(`/cases/${caseA.id}`)).status).toBe(200)
  })

  test('counts only town-A cases for the early-warning badge', async () => {
    expect(await earlyWarningCount(ctx.db, await current(who))).toBe(1)
  })

  test('filtering by town B shows nothing of town B', async () => {
    const { nos } = await list(who, `?town=${world.townB.id}`)
    expect(nos).not.toContain(caseB.caseNo)
  })
})

describe('the early-warning board', () => {
  test.each(['officerA', 'managerA'])('shows a town-A %s only town-A cases', async (who) => {
    const html = await (await (await as(who)).get('/early-warning')).text()
    expect(caseNos(html)).toEqual([caseA.caseNo])
  })

  test('shows the district manager both towns, and counts both', async () => {
    const html = await (await (await as('districtManager')).get('/early-warning')).text()
    expect(caseNos(html).sort()).toEqual([caseA.caseNo, caseB.caseNo].sort())
    expect(await earlyWarningCount(ctx.db, await current('districtManager'))).toBe(2)
    expect(await earlyWarningCount(ctx.db, await current('officerB'))).toBe(1)
  })
})

describe('the district manager', () => {
  test('sees both towns in the list, search and by URL', async () => {
    const { nos, count } = await list('districtManager')
    expect(nos.sort()).toEqual([caseA.caseNo, caseB.caseNo, byInformant1.caseNo, byInformant2.caseNo].sort())
    expect(count).toBe('4')
    expect((await list('districtManager', '?q=%E7%A7%80%E8%8B%B1')).nos.sort()).toEqual([caseA.caseNo, caseB.caseNo].sort())
    expect((await list('districtManager', `?q=${PHONE_B}`)).nos).toEqual([caseB.caseNo])
    expect((await list('districtManager', `?q=${ID_B}`)).nos).toEqual([caseB.caseNo])
    expect((await (await as('districtManager')).get(`/cases/${caseB.id}`)).status).toBe(200)
  })
})

describe('an informant', () => {
  test('sees only the cases they reported, even in their own unit', async () => {
    const { nos, count } = await list('informant1')
    expect(nos).toEqual([byInformant1.caseNo])
    expect(count).toBe('1')
    expect((await list('informant1', '?q=%E5%88%98%E4%BA%8C')).nos).toEqual([])
    const b = await as('informant1')
    expect((await b.get(`/cases/${byInformant1.id}`)).status).toBe(200)
    const missing = mainOf(await (await b.get('/cases/99999999')).text())
    for (const other of [byInformant2, caseA, caseB]) {
      const res = await b.get(`/cases/${other.id}`)
      expect(res.status).toBe(404)
      expect(mainOf(await res.text())).toBe(missing)
    }
  })

  test('may not open the early-warning board', async () => {
    expect((await (await as('informant1')).get('/early-warning')).status).toBe(403)
  })
})

describe('an admin', () => {
  test('sees no case content: 403 on the list, a case and the board', async () => {
    const b = await as('admin')
    for (const path of ['/cases', `/cases/${caseA.id}`, '/early-warning']) expect((await b.get(path)).status, path).toBe(403)
    expect((await b.post(`/cases/${caseA.id}/reveal`, {})).status).toBe(403)
  })
})
