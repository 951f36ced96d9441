/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { hasChromium, signIn, startHarness, watchConsole, type Harness } from './browser-support.ts'
import { makeRespondent } from '../support/case-fixtures.ts'
import { makeDistrict, makeUser, type District, type TestUser } from '../support/fixtures.ts'

describe.skipIf(!hasChromium)('in the browser: an informant reports from a phone, a rights officer finds it', () => {
  let h: Harness
  let world: District
  let informant: TestUser
  let officer: TestUser
  beforeAll(async () => {
    h = await startHarness()
    world = await makeDistrict(h.ctx.db)
    informant = await makeUser(h.ctx.db, world.grassrootsA, ['informant'], { displayName: '陈晓华' })
    officer = await makeUser(h.ctx.db, world.townA, ['rights_officer'], { displayName: '李建国' })
    await makeRespondent(h.ctx.db, { name: '佛山市南海区嘉泰五金制品有限公司', uscc: '914403001922038216' })
  })
  afterAll(() => h?.close())

  test('a report filed on a 360×740 screen in Chinese is found by a two-character search', async () => {
    const phone = await h.browser.newPage()
    await phone.setViewportSize({ width: 360, height: 740 })
    const errors = watchConsole(phone)
    await signIn(phone, h.base, informant.username, informant.password)
    await phone.goto(`${h.base}/cases/new`)
    expect(await phone.locator('h1').textContent()).toBe('登记案件')

    // Respondent: type two characters, pick from the list.
    await phone.fill('#resp-0-query', '嘉泰')
    await phone.locator('#resp-0-matches button', { hasText: '嘉泰五金' }).first().click()
    await phone.waitForSelector('#resp-0-choice input[type=hidden][name="respondents.0.respondent_id"]', { state: 'attached' })
    await phone.fill('#f-title', '拖欠两个月工资')
    await phone.locator('label.chip', { hasText: '劳动报酬' }).click()
    await phone.fill('#f-workers_involved', '8')
    await phone.fill('#f-facts', '冲压车间八名工人九月、十月工资未发，老板称下周发。')
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow).toBeLessThanOrEqual(0)
    await phone.screenshot({ path: '/tmp/fq-report-phone.png' })
    await Promise.all([phone.waitForURL(/\/cases\/\d+$/), phone.click('.submit-bar button')])
    const caseNo = (await h.ctx.db.selectFrom('cases').select('case_no').orderBy('id', 'desc').executeTakeFirstOrThrow()).case_no
    expect(await phone.locator('body').textContent()).toContain(caseNo)
    expect(errors).toEqual([])

    const desk = await h.browser.newPage()
    const deskErrors = watchConsole(desk)
    await signIn(desk, h.base, officer.username, officer.password)
    await desk.goto(`${h.base}/cases`)
    await desk.fill('input[name=q]', '冲压')
    await desk.waitForURL((u) => u.searchParams.get('q') === '冲压')
    await desk.waitForFunction((no) => document.querySelector('#case-results')?.textContent?.includes(no), caseNo)
    // A search that matches nothing shows the empty state, so the match above came from the search.
    await desk.fill('input[name=q]', '樵山')
    await desk.waitForURL((u) => u.searchParams.get('q') === '樵山')
    await desk.waitForFunction((no) => !document.querySelector('#case-results')?.textContent?.includes(no), caseNo)
    await desk.fill('input[name=q]', '冲压')
    await desk.waitForURL((u) => u.searchParams.get('q') === '冲压')
    await desk.waitForFunction((no) => document.querySelector('#case-results')?.textContent?.includes(no), caseNo)
    await desk.locator('#case-results a', { hasText: caseNo }).first().click()
    await desk.waitForURL(/\/cases\/\d+$/)
    expect(await desk.locator('body').textContent()).toContain('拖欠两个月工资')
    expect(deskErrors).toEqual([])
  })
})
