import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { Browser, signedIn, text } from '../support/http.ts'
import { makeCase, makeRespondent, worker } from '../support/case-fixtures.ts'
import { auditRows, lastAuditId, makeDistrict, makeUser, type District, type TestUser } from '../support/fixtures.ts'
import { createTestContext, type TestContext } from '../support/test-app.ts'

const ID = '11010519491231002X'
const PHONE = '13812345678'
const USCC = '91440300708461136T'

let ctx: TestContext
let world: District
let officer: TestUser
let mediator: TestUser
let reporter: TestUser
let employer: { id: number; name: string }
const as = new Map<string, Browser>()
const b = (who: string) => as.get(who)!

beforeAll(async () => {
  ctx = await createTestContext()
  world = await makeDistrict(ctx.db)
  officer = await makeUser(ctx.db, world.townA, ['rights_officer'])
  mediator = await makeUser(ctx.db, world.townA, ['mediator'], { displayName: '梁志强' })
  reporter = await makeUser(ctx.db, world.grassrootsA, ['informant'])
  const users: Record<string, TestUser> = {
    officer,
    mediator,
    informant: reporter,
    manager: await makeUser(ctx.db, world.townA, ['manager']),
    otherMediator: await makeUser(ctx.db, world.townA, ['mediator']),
    adviser: await makeUser(ctx.db, world.townA, ['legal_adviser']),
    outsider: await makeUser(ctx.db, world.townB, ['rights_officer']),
    admin: await makeUser(ctx.db, world.district, ['admin']),
  }
  for (const [who, u] of Object.entries(users)) as.set(who, await signedIn(ctx.app, u.username, u.password))
  employer = await makeRespondent(ctx.db, { name: '佛山市南海区恒达电子有限公司', uscc: USCC })
  await ctx.db.updateTable('respondents').set({ legal_representative: '陈大文', address: '佛山市南海区桂城街道南海大道1号' }).where('id', '=', employer.id).execute()
})
afterAll(() => ctx.close())

/** A registered case of the grassroots union in town A: one worker with full numbers, one employer, two claims. */
async function newCase() {
  const { id, caseNo } = await makeCase(ctx, world.grassrootsA, reporter, {
    facts: '申请人于2024年3月入职，公司拖欠2026年8月至10月工资。',
    respondents: [{ respondentId: employer.id, role: 'employer' }],
    workers: [worker('张伟', { phone: PHONE, idType: 'resident_id', idNumber: ID, migrant: true, hireDate: '2024-03-01' })],
    claims: [
      { kind: 'wages', description: '8月至10月工资', amountFen: 1_200_000n },
      { kind: 'overtime', description: '加班费', amountFen: 34_567n },
    ],
  })
  return { id, caseNo }
}

const set = (id: number, values: Record<string, unknown>) => ctx.db.updateTable('cases').set(values).where('id', '=', id).execute()
const accept = (id: number, more: Record<string, unknown> = {}) =>
  set(id, { status: 'in_progress', route: 'mediation', decided_at: ctx.clock.now(), assigned_mediator_id: mediator.id, ...more })

async function addSession(caseId: number, more: Record<string, unknown> = {}) {
  const row = await ctx.db.insertInto('mediation_sessions').values({
    case_id: caseId, held_on: '2026-11-18', mode: 'in_person', place: '桂城街道总工会调解室', participants: '申请人张伟；被申请人代理人刘明',
    result: 'adjourned', summary: '双方就欠薪数额核对工资表。', next_session_on: '2026-11-25', recorded_by: mediator.id, recorded_at: ctx.clock.now(), ...more,
  }).returning('id').executeTakeFirstOrThrow()
  return row.id
}

/** ¥12,000.00 claimed → ¥10,000.00 agreed; ¥345.67 claimed → ¥2,345.67 agreed; total ¥12,345.67 in two instalments. */
async function addAgreement(caseId: number, state = 'in_effect') {
  const a = await ctx.db.insertInto('agreements').values({
    case_id: caseId, terms: '被申请人向申请人支付拖欠工资及加班费。\n双方就本纠纷再无其他争议。', performance_method: '银行转账至申请人工资卡',
    signed_on: '2026-11-19', effective_on: '2026-11-20', state, recorded_by: mediator.id, recorded_at: ctx.clock.now(),
  }).returning('id').executeTakeFirstOrThrow()
  await ctx.db.insertInto('agreement_items').values([
    { agreement_id: a.id, position: 0, kind: 'wages', description: '8月至10月工资', claimed_fen: '1200000', agreed_fen: '1000000' },
    { agreement_id: a.id, position: 1, kind: 'overtime', description: '', claimed_fen: '34567', agreed_fen: '234567' },
  ]).execute()
  await ctx.db.insertInto('agreement_instalments').values([
    { agreement_id: a.id, seq: 1, due_on: '2026-12-01', amount_fen: '600000' },
    { agreement_id: a.id, seq: 2, due_on: '2027-01-15', amount_fen: '634567' },
  ]).execute()
  return a.id
}

async function withAgreement() {
  const k = await newCase()
  await accept(k.id, { status: 'performing', agreement_effective_on: '2026-11-20' })
  await addAgreement(k.id)
  return k
}

const doc = (who: string, id: number, kind: string) => b(who).get(`/cases/${id}/documents/${kind}`)
const page = async (who: string, id: number, kind: string) => {
  const res = await doc(who, id, kind)
  expect(res.status).toBe(200)
  return text(await res.text())
}

describe('the printable page', () => {
  test('is a standalone Chinese A4 page with the print stylesheet, a print button bound by a script file, and a way back', async () => {
    const k = await newCase()
    const html = await (await doc('officer', k.id, 'registration-form')).text()
    expect(html).toContain('<html lang="zh-CN">')
    expect(html).toContain('<link rel="stylesheet" href="/static/print.css">')
    expect(html).toContain('<script src="/static/print.js" defer></script>')
    expect(html).toContain(`href="/cases/${k.id}"`)
    expect(html).toContain('data-print')
    expect(html).not.toContain('class="sidenav"')
    const css = await (await b('officer').get('/static/print.css')).text()
    expect(css).toContain('@page { size: A4; margin: 20mm; }')
    expect(css).toMatch(/@media print \{[^@]*\.doc-toolbar \{ display: none; \}/)
    expect((await b('officer').get('/static/print.js')).status).toBe(200)
  })

  test('the toolbar follows the UI language while the document stays in Chinese', async () => {
    const k = await newCase()
    const english = await signedIn(ctx.app, officer.username, officer.password)
    await english.post('/lang', { locale: 'en', back: '/' })
    const body = text(await (await english.get(`/cases/${k.id}/documents/registration-form`)).text())
    expect(body).toContain('Back to the case')
    expect(body).toContain('Print')
    expect(body).toContain('案件登记表')
    expect(body).toContain('申请人（劳动者）')
    await english.post('/lang', { locale: 'zh-CN', back: '/' })
  })
})

describe('who may print', () => {
  test('the informant and the admin are refused; a user outside the case\'s scope gets 404', async () => {
    const k = await withAgreement()
    for (const kind of ['registration-form', 'acceptance-notice', 'mediation-agreement', 'judicial-confirmation-application']) {
      expect((await doc('informant', k.id, kind)).status).toBe(403)
      expect((await doc('admin', k.id, kind)).status).toBe(403)
      expect((await doc('outsider', k.id, kind)).status).toBe(404)
      expect((await doc('manager', k.id, kind)).status).toBe(200)
      expect((await doc('adviser', k.id, kind)).status).toBe(200)
    }
    const sid = await addSession(k.id)
    expect((await b('outsider').get(`/cases/${k.id}/documents/session-record/${sid}`)).status).toBe(404)
    expect((await b('informant').get(`/cases/${k.id}/documents/session-record/${sid}`)).status).toBe(403)
  })

  test('an unknown document, a missing case and another case\'s session are 404', async () => {
    const k = await newCase()
    const other = await newCase()
    const sid = await addSession(other.id)
    expect((await doc('officer', k.id, 'nonsense')).status).toBe(404)
    expect((await doc('officer', 999999, 'registration-form')).status).toBe(404)
    expect((await b('officer').get(`/cases/${k.id}/documents/session-record/${sid}`)).status).toBe(404)
    expect((await b('officer').get(`/cases/${k.id}/documents/session-record/999999`)).status).toBe(404)
  })
})

describe('registration form', () => {
  test('prints every registered field, the parties in full and the claims with their total', async () => {
    const k = await newCase()
    const body = await page('officer', k.id, 'registration-form')
    expect(body).toContain('案件登记表')
    expect(body).toContain(`案号：${k.caseNo}`)
    expect(body).toContain(world.townA.name)
    expect(body).toContain(world.grassrootsA.name)
    expect(body).toContain('来访')
    expect(body).toContain('2026年11月20日 10:00')
    expect(body).toContain('拖欠工资')
    expect(body).toContain('劳动报酬')
    expect(body).toMatch(/张伟 居民身份证 11010519491231002X 13812345678 2024-03-01/)
    expect(body).toContain('农民工')
    expect(body).toContain(`${employer.name} 用人单位 ${USCC} 陈大文 佛山市南海区桂城街道南海大道1号`)
    expect(body).toContain('8月至10月工资 ¥12,000.00')
    expect(body).toContain('合计 ¥12,345.67')
    expect(body).toContain('公司拖欠2026年8月至10月工资')
    expect(body).toContain('登记人（签名）')
    expect(body).not.toContain('集体行动迹象')
    await set(k.id, { collective_signs: ['stoppage'] })
    expect(await page('officer', k.id, 'registration-form')).toContain('集体行动迹象 停工')
  })

  test('does not exist for a report without an application', async () => {
    const k = await newCase()
    await set(k.id, { status: 'reported', application_received_at: null })
    expect((await doc('officer', k.id, 'registration-form')).status).toBe(404)
  })
})

describe('full ID and phone numbers', () => {
  const printed = async (who: string, id: number, kind: string) => {
    const since = await lastAuditId(ctx.db)
    const body = await page(who, id, kind)
    return { body, audits: await auditRows(ctx.db, 'document.printed_with_pii', since) }
  }

  test('a rights officer prints them, and every such print is audited without the numbers', async () => {
    const k = await withAgreement()
    for (const kind of ['registration-form', 'mediation-agreement', 'judicial-confirmation-application']) {
      const { body, audits } = await printed('officer', k.id, kind)
      expect(body).toContain(ID)
      expect(body).toContain(PHONE)
      expect(body).toContain('审计日志')
      expect(audits).toHaveLength(1)
      expect(audits[0]!.object_type).toBe('case')
      expect(audits[0]!.object_id).toBe(String(k.id))
      expect(audits[0]!.details).toEqual({ document: kind })
      expect(JSON.stringify(audits[0])).not.toContain(ID)
    }
    const again = await printed('officer', k.id, 'mediation-agreement')
    expect(again.audits).toHaveLength(1)
  })

  test('the assigned mediator prints them; another mediator, the manager and an unassigned legal adviser get masked numbers and no audit', async () => {
    const k = await withAgreement()
    const mine = await printed('mediator', k.id, 'mediation-agreement')
    expect(mine.body).toContain(ID)
    expect(mine.audits).toHaveLength(1)
    for (const who of ['otherMediator', 'manager', 'adviser']) {
      const { body, audits } = await printed(who, k.id, 'mediation-agreement')
      expect(body).toContain('张伟')
      expect(body).not.toContain(ID)
      expect(body).not.toContain(PHONE)
      expect(body).toContain('居民身份证号码：1101**********002X，联系电话：138****5678')
      expect(body).not.toContain('审计日志')
      expect(audits).toHaveLength(0)
    }
  })

  test('notices that name the parties only print no numbers and write no audit row', async () => {
    const k = await newCase()
    await accept(k.id)
    const { body, audits } = await printed('officer', k.id, 'acceptance-notice')
    expect(body).toContain('张伟')
    expect(body).not.toContain(ID)
    expect(audits).toHaveLength(0)
  })
})

describe('acceptance and non-acceptance notices', () => {
  test('the acceptance notice exists once the case is accepted, with route, mediator and the 15-day period\'s end', async () => {
    const k = await newCase()
    expect((await doc('officer', k.id, 'acceptance-notice')).status).toBe(404)
    await accept(k.id)
    const body = await page('officer', k.id, 'acceptance-notice')
    expect(body).toContain('受理通知书')
    expect(body).toContain('张伟：')
    expect(body).toContain(`你（们）与${employer.name}因劳动报酬（欠薪）争议申请调解一案，本会于2026年11月20日收到申请`)
    expect(body).toContain('处理方式：调解。')
    expect(body).toContain('承办调解员：梁志强。')
    // 15 days from 20 November is Saturday 5 December: the period ends on Monday 7 December.
    expect(body).toContain('本案调解期限至2026年12月7日届满')
    expect(body).toContain(`${world.grassrootsA.name}（盖章） 2026年11月20日`)
  })

  test('the non-acceptance notice gives the reason and the way to arbitration, and only for a declined case', async () => {
    const k = await newCase()
    expect((await doc('officer', k.id, 'non-acceptance-notice')).status).toBe(404)
    await set(k.id, { status: 'declined', decided_at: ctx.clock.now(), decline_reason: 'respondent_refused_mediation', decline_note: '企业书面表示不同意调解' })
    const body = await page('manager', k.id, 'non-acceptance-notice')
    expect(body).toContain('不予受理通知书')
    expect(body).toContain('本会决定不予受理')
    expect(body).toContain('不予受理的理由：被申请人拒绝调解；企业书面表示不同意调解。')
    expect(body).toContain('劳动人事争议仲裁委员会申请仲裁')
    expect((await doc('officer', k.id, 'acceptance-notice')).status).toBe(404)
  })
})

describe('mediation agreement', () => {
  test('has the parties, the facts, the terms, each item claimed → agreed, the total in figures and capitals, the instalments, the effect clause and signature lines', async () => {
    const k = await withAgreement()
    const body = await page('officer', k.id, 'mediation-agreement')
    expect(body).toContain('调解协议书')
    expect(body).toContain(`申请人： 张伟，居民身份证号码：${ID}，联系电话：${PHONE}`)
    expect(body).toContain(`被申请人（用人单位）： ${employer.name}，统一社会信用代码：${USCC}，法定代表人：陈大文，住所：佛山市南海区桂城街道南海大道1号`)
    expect(body).toContain('调解员：梁志强')
    expect(body).toContain('公司拖欠2026年8月至10月工资')
    expect(body).toContain('被申请人向申请人支付拖欠工资及加班费。')
    expect(body).toContain('劳动报酬（欠薪） 8月至10月工资 ¥12,000.00 ¥10,000.00')
    expect(body).toContain('加班 ¥345.67 ¥2,345.67')
    expect(body).toContain('协议金额合计：人民币壹万贰仟叁佰肆拾伍元陆角柒分（¥12,345.67）')
    expect(body).toContain('履行方式：银行转账至申请人工资卡。')
    expect(body).toContain('第1期：2026年12月1日前支付¥6,000.00')
    expect(body).toContain('第2期：2027年1月15日前支付¥6,345.67')
    expect(body).toContain('对双方当事人具有约束力')
    expect(body).toContain('十五日内共同向劳动人事争议仲裁委员会提出仲裁审查申请')
    expect(body).toContain('三十日内共同向人民法院申请司法确认')
    expect(body).toContain('申请人（签名或按指印）： 张伟')
    expect(body).toContain(`被申请人（盖章）： ${employer.name}`)
    expect(body).toContain('法定代表人或委托代理人（签名）')
    expect(body).toContain('调解员（签名）： 梁志强')
    expect(body).toContain(`调解组织（盖章）： ${world.grassrootsA.name}`)
    expect(body).toContain('签订日期：2026年11月19日')
    expect(body).toContain('生效日期：2026年11月20日')
  })

  test('does not exist without an agreement in effect (a superseded one does not count)', async () => {
    const k = await newCase()
    await accept(k.id)
    expect((await doc('officer', k.id, 'mediation-agreement')).status).toBe(404)
    expect((await doc('officer', k.id, 'judicial-confirmation-application')).status).toBe(404)
    await addAgreement(k.id, 'superseded')
    expect((await doc('officer', k.id, 'mediation-agreement')).status).toBe(404)
  })
})

describe('joint application for judicial confirmation', () => {
  test('names both parties as applicants, the agreement, its total and the 30-day deadline', async () => {
    const k = await withAgreement()
    const body = await page('mediator', k.id, 'judicial-confirmation-application')
    expect(body).toContain('调解协议司法确认申请书')
    expect(body).toContain(`申请人（劳动者）： 张伟，居民身份证号码：${ID}`)
    expect(body).toContain(`申请人（用人单位）： ${employer.name}`)
    expect(body).toContain(`（案号：${k.caseNo}）有效`)
    expect(body).toContain('该协议自2026年11月20日起生效')
    expect(body).toContain('人民币壹万贰仟叁佰肆拾伍元陆角柒分（¥12,345.67）')
    // 30 days from 20 November is Sunday 20 December: the period ends on Monday 21 December.
    expect(body).toContain('本申请应当自调解协议生效之日起三十日内提出，即不迟于2026年12月21日。')
    expect(body).toContain('人民法院')
    expect(body).toContain('申请人（签名或盖章）： 张伟')
    expect(body).toContain(`申请人（签名或盖章）： ${employer.name}`)
  })
})

describe('termination notice', () => {
  test('only when mediation ended without agreement, with the ground', async () => {
    const k = await newCase()
    await accept(k.id)
    await addSession(k.id)
    expect((await doc('officer', k.id, 'termination-notice')).status).toBe(404)

    await addSession(k.id, { held_on: '2026-11-19', result: 'respondent_refused', next_session_on: null })
    let body = await page('officer', k.id, 'termination-notice')
    expect(body).toContain('终止调解通知书')
    expect(body).toContain(`张伟、${employer.name}：`)
    expect(body).toContain('因被申请人在调解中明确表示拒绝调解，依照有关规定，本会决定终止调解。')
    expect(body).toContain('劳动人事争议仲裁委员会申请仲裁')
    expect(body).toContain('2026年11月19日')

    const lapsed = await newCase()
    await accept(lapsed.id, { status: 'closed', closure_reason: 'mediation_lapsed', closed_at: new Date('2026-12-08T03:00:00Z') })
    body = await page('officer', lapsed.id, 'termination-notice')
    expect(body).toContain('因自本会收到调解申请之日起十五日内未能达成调解协议')
    expect(body).toContain('2026年12月8日')
  })

  test('not after an agreement, even when the case later closed as withdrawn', async () => {
    const k = await withAgreement()
    await set(k.id, { status: 'closed', closure_reason: 'withdrawn', closed_at: ctx.clock.now() })
    expect((await doc('officer', k.id, 'termination-notice')).status).toBe(404)
    expect((await doc('officer', k.id, 'mediation-agreement')).status).toBe(200)
  })
})

describe('session record', () => {
  test('prints the date, place, mode, participants, result, summary and next session', async () => {
    const k = await newCase()
    await accept(k.id)
    const sid = await addSession(k.id)
    const res = await b('officer').get(`/cases/${k.id}/documents/session-record/${sid}`)
    expect(res.status).toBe(200)
    const body = text(await res.text())
    expect(body).toContain('调解笔录')
    expect(body).toContain('时间 2026年11月18日')
    expect(body).toContain('地点 桂城街道总工会调解室')
    expect(body).toContain('调解方式 现场调解')
    expect(body).toContain('申请人张伟；被申请人代理人刘明')
    expect(body).toContain(`被申请人 ${employer.name}`)
    expect(body).toContain('双方就欠薪数额核对工资表。')
    expect(body).toContain('调解结果：休会，另行安排调解')
    expect(body).toContain('下次调解：2026年11月25日')
    expect(body).toContain('记录人（签名）')
    expect(body).not.toContain(ID)
  })
})

describe('the case page', () => {
  test('lists the documents that apply now and one record per session, each opening the printable page', async () => {
    const k = await withAgreement()
    const sid = await addSession(k.id)
    const html = await (await b('officer').get(`/cases/${k.id}`)).text()
    expect(html).toContain('data-testid="documents"')
    for (const kind of ['registration-form', 'acceptance-notice', 'mediation-agreement', 'judicial-confirmation-application']) {
      expect(html).toContain(`href="/cases/${k.id}/documents/${kind}"`)
    }
    expect(html).not.toContain(`/documents/non-acceptance-notice`)
    expect(html).not.toContain(`/documents/termination-notice`)
    expect(html).toContain(`href="/cases/${k.id}/documents/session-record/${sid}"`)
    expect(text(html)).toContain('调解笔录（2026-11-18）')
    expect(html).toContain('target="_blank"')
  })

  test('the informant who reported the case sees no documents', async () => {
    const k = await newCase()
    const res = await b('informant').get(`/cases/${k.id}`)
    expect(res.status).toBe(200)
    expect(await res.text()).not.toContain('data-testid="documents"')
  })
})
