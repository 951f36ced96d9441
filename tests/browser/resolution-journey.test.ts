/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { act, hasChromium, signIn, startHarness, watchConsole, type Harness } from './browser-support.ts'
import { beijingDate } from '../../src/domain/beijing-date.ts'
import { makeCase, makeRespondent, worker } from '../support/case-fixtures.ts'
import { makeDistrict, makeUser, type District, type TestUser } from '../support/fixtures.ts'
import { signedIn } from '../support/http.ts'

// Issue 5's check: a mediator logs a session, records an agreement with two instalments, records
// both payments, the case closes as performed, the timeline shows every step and the printable
// agreement renders with the right parties and amounts — once in Chinese, once in English.

const plusDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)

const WORDS = {
  zh: { performing: '履行中', closed: '已结案', performed: '履行完毕', steps: ['记录调解', '调解协议生效', '记录履行款项', '结案'] },
  en: { performing: 'Performing', closed: 'Closed', performed: 'performed', steps: ['Record a mediation session', 'Agreement in effect', 'Record a payment', 'Close'] },
} as const

describe.skipIf(!hasChromium)('in the browser: a mediation from its session to the agreement performed and printed', () => {
  let h: Harness
  let world: District
  let officer: TestUser
  let mediator: TestUser
  beforeAll(async () => {
    h = await startHarness()
    world = await makeDistrict(h.ctx.db)
    officer = await makeUser(h.ctx.db, world.townA, ['rights_officer'], { displayName: '李建国' })
    mediator = await makeUser(h.ctx.db, world.townA, ['mediator'], { displayName: '梁调解' })
  })
  afterAll(() => h?.close())

  /** A case accepted to mediation and assigned to the mediator: two claims, ¥9,000.50 and ¥1,000.25. */
  async function assignedCase(employerName: string) {
    const employer = await makeRespondent(h.ctx.db, { name: employerName })
    const k = await makeCase(h.ctx, world.townA, officer, {
      title: '拖欠三个月工资',
      respondents: [{ respondentId: employer.id, role: 'employer' }],
      workers: [worker('陈秀英')],
      claims: [{ kind: 'wages', description: '8—10月工资', amountFen: 900_050n }, { kind: 'overtime', description: '加班费', amountFen: 100_025n }],
    })
    const rights = await signedIn(h.ctx.app, officer.username, officer.password)
    const version = async () => String((await h.ctx.db.selectFrom('cases').select('version').where('id', '=', k.id).executeTakeFirstOrThrow()).version)
    expect((await rights.post(`/cases/${k.id}/acceptance`, { version: await version(), route: 'mediation' })).status).toBe(303)
    expect((await rights.post(`/cases/${k.id}/mediator`, { version: await version(), mediator_id: String(mediator.id) })).status).toBe(303)
    return k
  }


  for (const lang of ['zh', 'en'] as const) {
    test(`in ${lang === 'zh' ? 'Chinese' : 'English'}`, { timeout: 120_000 }, async () => {
      const employerName = lang === 'zh' ? '佛山市南海区永盛五金制品有限公司' : '佛山市南海区华达家具有限公司'
      const k = await assignedCase(employerName)
      const today = beijingDate(new Date())
      const page = await h.browser.newPage()
      h.browser.setDefaultTimeout(8000)
      const errors = watchConsole(page)
      await signIn(page, h.base, mediator.username, mediator.password)
      if (lang === 'en') {
        await page.click('.lang-switch button')
        await page.waitForFunction(() => document.documentElement.lang === 'en')
      }
      await page.goto(`${h.base}/cases/${k.id}`)

      await act(page, 'session', async (p) => {
        await p.fill('#f-held_on', today)
        await p.selectOption('select[name=mode]', 'in_person')
        await p.fill('#f-participants', '申请人陈秀英；被申请人人事经理；调解员梁调解')
        await p.selectOption('select[name=result]', 'agreement')
      })

      const claims = await h.ctx.db.selectFrom('claims').select(['id', 'position']).where('case_id', '=', k.id).orderBy('position').execute()
      await act(page, 'record_agreement_in_effect', async (p) => {
        await p.fill('#f-terms', '被申请人分两期支付拖欠工资及加班费，申请人收到全部款项后不再就本争议申请仲裁。')
        await p.fill('#f-performance_method', '银行转账')
        await p.fill('#f-signed_on', today)
        await p.fill('#f-effective_date', today)
        await p.fill(`#f-agreed_${claims[0]!.id}`, '8000.50')
        await p.fill(`#f-agreed_${claims[1]!.id}`, '999.75')
        await p.fill('#f-due_1', plusDays(today, 10))
        await p.fill('#f-amount_1', '5000')
        await p.fill('#f-due_2', plusDays(today, 40))
        await p.fill('#f-amount_2', '4000.25')
      })
      expect(await page.getByTestId('case-status').textContent()).toBe(WORDS[lang].performing)
      expect(await page.getByTestId('agreement').textContent()).toContain('¥9,000.25')

      for (const [n, amount] of [[1, '5000'], [2, '4000.25']] as const) {
        await act(page, 'payment', async (p) => {
          const instalment = await p.locator('select[name=instalment_id] option').nth(1).getAttribute('value')
          await p.selectOption('select[name=instalment_id]', instalment!)
          await p.fill('#f-paid_on', today)
          await p.fill('#f-amount', amount)
        })
        expect(await page.getByTestId('agreement').textContent()).toContain(n === 1 ? '¥5,000.00' : '¥4,000.25')
      }

      // Everything is paid: the closure form proposes "performed", the level and the amount.
      await act(page, 'close', async (p) => {
        expect(await p.inputValue('select[name=closure_reason]')).toBe('agreement_performed')
        expect(await p.inputValue('select[name=resolution_level]')).toBe('town')
        expect(await p.inputValue('#f-recovered')).toBe('9000.25')
      })
      expect(await page.getByTestId('case-status').textContent()).toBe(WORDS[lang].closed)
      const row = await h.ctx.db.selectFrom('cases').select(['status', 'closure_reason', 'recovered_fen', 'resolution_level']).where('id', '=', k.id).executeTakeFirstOrThrow()
      expect(row).toEqual({ status: 'closed', closure_reason: 'agreement_performed', recovered_fen: '900025', resolution_level: 'town' })

      // The timeline has every step, in order.
      const kinds = (await h.ctx.db.selectFrom('case_events').select('kind').where('case_id', '=', k.id).orderBy('id').execute()).map((e) => e.kind)
      expect(kinds.slice(-5)).toEqual(['record.session', 'action.record_agreement_in_effect', 'record.payment', 'record.payment', 'action.close'])
      const timeline = (await page.locator('[data-testid="timeline"] li').allTextContents()).join('\n')
      expect(timeline).toContain('¥5,000.00')
      expect(timeline).toContain('¥4,000.25')
      expect(timeline).toContain('¥9,000.25')
      for (const step of WORDS[lang].steps) expect(timeline).toContain(step)

      // The printable agreement: the parties and the amounts, in Chinese whatever the UI language.
      const [doc] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId('document-mediation-agreement').click()])
      await doc.waitForLoadState()
      const sheet = await doc.locator('body').innerText()
      expect(sheet).toContain('调解协议书')
      expect(sheet).toContain('陈秀英')
      expect(sheet).toContain(employerName)
      expect(sheet).toContain('¥9,000.25')
      expect(sheet).toContain('玖仟元零贰角伍分')
      expect(sheet).toContain('¥5,000.00')
      expect(sheet).toContain('¥4,000.25')
      expect(await doc.locator('link[href="/static/print.css"], link[href$="print.css"]').count()).toBeGreaterThan(0)
      await doc.screenshot({ path: `/tmp/fq-agreement-${lang}.png`, fullPage: true })
      await page.screenshot({ path: `/tmp/fq-case-closed-${lang}.png`, fullPage: true })
      expect(errors).toEqual([])
    })
  }
})
