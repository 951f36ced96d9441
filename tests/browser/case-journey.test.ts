/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { act, hasChromium, signIn, startHarness, watchConsole, type Harness } from './browser-support.ts'
import { makeRespondent } from '../support/case-fixtures.ts'
import { makeDistrict, makeUser, type District, type TestUser } from '../support/fixtures.ts'

describe.skipIf(!hasChromium)('in the browser: from an informant’s report to another town’s mediator', () => {
  let h: Harness
  let world: District
  let informant: TestUser
  let officerA: TestUser
  let officerB: TestUser
  let mediatorB: TestUser
  beforeAll(async () => {
    h = await startHarness()
    world = await makeDistrict(h.ctx.db)
    informant = await makeUser(h.ctx.db, world.grassrootsA, ['informant'])
    officerA = await makeUser(h.ctx.db, world.townA, ['rights_officer'], { displayName: '李建国' })
    officerB = await makeUser(h.ctx.db, world.townB, ['rights_officer'], { displayName: '黄志明' })
    mediatorB = await makeUser(h.ctx.db, world.townB, ['mediator'], { displayName: '梁调解' })
    await makeRespondent(h.ctx.db, { name: '佛山市南海区富力陶瓷有限公司', uscc: '91440300708461136T' })
  })
  afterAll(() => h?.close())


  test('report → application → accepted to mediation at another town → acknowledged → first in the mediator’s queue with the right due date', { timeout: 90_000 }, async () => {
    const phone = await h.browser.newPage()
    h.browser.setDefaultTimeout(5000)
    const errors = watchConsole(phone)
    await signIn(phone, h.base, informant.username, informant.password)
    await phone.goto(`${h.base}/cases/new`)
    await phone.fill('#resp-0-query', '富力')
    await phone.locator('#resp-0-matches button', { hasText: '富力陶瓷' }).first().click()
    await phone.waitForSelector('#resp-0-choice input[name="respondents.0.respondent_id"]', { state: 'attached' })
    await phone.fill('#f-title', '窑炉车间拖欠一个月工资')
    await phone.locator('label.chip', { hasText: '劳动报酬' }).click()
    await phone.fill('#f-workers_involved', '3')
    // The last field is left by clicking submit: its check must not swallow the click.
    await Promise.all([phone.waitForURL(/\/cases\/\d+$/), phone.click('.submit-bar button')])
    const caseUrl = phone.url()
    const caseId = Number(caseUrl.split('/').pop())

    // Town A's rights officer records the application, accepts it for mediation and refers it to town B.
    const a = await h.browser.newPage()
    await signIn(a, h.base, officerA.username, officerA.password)
    await a.goto(caseUrl)
    await Promise.all([a.waitForURL(/\/application$/), a.getByTestId('record-application').click()])
    await Promise.all([a.waitForURL(/\/cases\/\d+$/), a.click('form[action$="/application"] button[type=submit]')])
    await a.waitForSelector('[data-testid="action-panel"]')
    expect(await a.getByTestId('case-status').textContent()).toBe('已登记')
    await act(a, 'accept_and_route', (p) => p.selectOption('select[name=route]', 'mediation'))
    expect(await a.getByTestId('case-status').textContent()).toBe('处理中')
    await act(a, 'refer_to_unit', (p) => p.selectOption('select[name=to_unit_id]', String(world.townB.id)))

    // Town B sees it waiting for acknowledgment, acknowledges, and assigns its mediator.
    const b = await h.browser.newPage()
    await signIn(b, h.base, officerB.username, officerB.password)
    expect(await b.getByTestId('home-referrals').textContent()).toContain('窑炉车间拖欠一个月工资')
    await b.goto(caseUrl)
    await act(b, 'acknowledge_referral')
    await act(b, 'assign_mediator', (p) => p.selectOption('select[name=mediator_id]', String(mediatorB.id)))

    // Town B's mediator finds it first in the work queue, with the mediation period's due date.
    const due = (await h.ctx.db.selectFrom('case_clocks').select('due_on').where('case_id', '=', caseId).where('kind', '=', 'mediation').executeTakeFirstOrThrow()).due_on!
    const m = await h.browser.newPage()
    await signIn(m, h.base, mediatorB.username, mediatorB.password)
    const first = m.getByTestId('home-mediator').locator('li').first()
    expect(await first.textContent()).toContain('窑炉车间拖欠一个月工资')
    expect(await first.textContent()).toContain(due)
    await m.screenshot({ path: '/tmp/fq-mediator-home.png', fullPage: true })
    expect(errors).toEqual([])
  })
})
