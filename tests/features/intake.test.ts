import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { sql } from 'kysely'
import { Browser, signedIn, text } from '../support/http.ts'
import { makeRespondent } from '../support/case-fixtures.ts'
import { auditRows, lastAuditId, makeDistrict, makeUser, type District, type TestUser } from '../support/fixtures.ts'
import { createTestContext, type TestContext } from '../support/test-app.ts'

let ctx: TestContext
let world: District
let informant: TestUser
let officer: TestUser
let instructor: TestUser
let employer: { id: number; name: string }
let contractor: { id: number; name: string }

beforeAll(async () => {
  ctx = await createTestContext()
  world = await makeDistrict(ctx.db)
  informant = await makeUser(ctx.db, world.grassrootsA, ['informant'])
  officer = await makeUser(ctx.db, world.townA, ['rights_officer'])
  instructor = await makeUser(ctx.db, world.townA, ['bargaining_instructor'])
  employer = await makeRespondent(ctx.db, { name: '佛山市南海区恒达电子有限公司', uscc: '91440300708461136T' })
  contractor = await makeRespondent(ctx.db, { name: '陈大勇', kind: 'individual' })
})
afterAll(() => ctx.close())

const caseCount = async () => Number((await sql<{ n: string }>`select count(*) as n from cases`.execute(ctx.db)).rows[0]!.n)
const key = () => crypto.randomUUID()

function report(more: Record<string, string | string[]> = {}) {
  return {
    _key: key(),
    'respondents.0.respondent_id': String(employer.id),
    'respondents.0.query': '恒达',
    title: '拖欠三个月工资',
    dispute_types: ['wages'],
    workers_involved: '12',
    collective_signs: [],
    facts: '车间工人反映 8 月至 10 月工资未发，准备到镇政府门口聚集。',
    ...more,
  }
}

function full(more: Record<string, string | string[]> = {}) {
  return {
    _key: key(),
    channel: 'visit',
    channel_ref: '',
    reported_at: '2026-11-20T09:30',
    org_unit_id: String(world.townA.id),
    application: 'yes',
    application_received_at: '2026-11-20T10:00',
    title: '解除劳动合同经济补偿',
    'respondents.0.respondent_id': String(employer.id),
    'respondents.0.role': 'employer',
    'respondents.1.respondent_id': String(contractor.id),
    'respondents.1.role': 'individual_contractor',
    'workers.0.name': '李秀英',
    'workers.0.phone': '138 1234 5678',
    'workers.0.id_type': 'resident_id',
    'workers.0.id_number': '11010519491231002x',
    'workers.0.hire_date': '2023-03-01',
    'workers.0.leave_date': '2026-10-31',
    'workers.0.migrant': 'on',
    'workers.2.name': '王强',
    'workers.2.id_type': 'resident_id',
    dispute_types: ['dismissal', 'compensation'],
    'claims.0.kind': 'compensation',
    'claims.0.description': '经济补偿金',
    'claims.0.amount': '12,345.67',
    'claims.1.kind': 'wages',
    'claims.1.description': '10 月工资',
    'claims.1.amount': '0.33',
    facts: '公司以经营困难为由口头辞退。',
    workers_involved: '',
    ...more,
  }
}

describe('the informant’s report', () => {
  test('the form has the five fields and no channel or application', async () => {
    const b = await signedIn(ctx.app, informant.username, informant.password)
    const html = await (await b.get('/cases/new')).text()
    for (const name of ['respondents.0.query', 'title', 'dispute_types', 'workers_involved', 'collective_signs', 'facts']) expect(html).toContain(`name="${name}"`)
    expect(html).not.toContain('name="channel"')
    expect(html).not.toContain('name="application_received_at"')
  })

  test('becomes a reported case in the informant’s unit, with no application time', async () => {
    const b = await signedIn(ctx.app, informant.username, informant.password)
    const since = await lastAuditId(ctx.db)
    const res = await b.post('/cases?form=report', report())
    expect(res.status).toBe(303)
    const id = Number(res.headers.get('Location')!.split('/').pop())
    const c = await ctx.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect(c).toMatchObject({ status: 'reported', channel: 'informant_report', intake_form: 'report', org_unit_id: world.grassrootsA.id, reported_by: informant.id, application_received_at: null, workers_involved: 12 })
    expect(c.reported_at.getTime()).toBe(ctx.clock.now().getTime())
    expect(c.case_no).toMatch(/^南海-\d{4}-\d{6}$/)
    expect(await auditRows(ctx.db, 'case.create', since)).toHaveLength(1)
    const role = await ctx.db.selectFrom('case_respondents').select('role').where('case_id', '=', id).executeTakeFirstOrThrow()
    expect(role.role).toBe('employer')
  })

  test.each([
    ['no respondent', { 'respondents.0.respondent_id': '', 'respondents.0.query': '' }, 'f-respondents-err', '请填写被申请人'],
    ['a typed name not picked from the list', { 'respondents.0.respondent_id': '', 'respondents.0.query': '某某厂' }, 'f-respondents-0-respondent_id-err', '请从列表中选择'],
    ['no dispute type', { dispute_types: [] }, 'f-dispute_types-err', '至少选择一种争议类型'],
    ['a headcount that is not a number', { workers_involved: 'twelve' }, 'f-workers_involved-err', '0 到 100000'],
    ['nothing said about what happened', { title: '' }, 'f-title-err', '此项必填'],
    ['a respondent that does not exist', { 'respondents.0.respondent_id': '99999999' }, 'f-respondents-0-respondent_id-err', '请从列表中选择'],
  ])('%s: 422, the message beside the field, what was typed kept, nothing written', async (_name, change, errId, message) => {
    const b = await signedIn(ctx.app, informant.username, informant.password)
    const before = await caseCount()
    const res = await b.post('/cases?form=report', report(change))
    expect(res.status).toBe(422)
    const html = await res.text()
    const err = new RegExp(`id="${errId}"[^>]*>([^<]*)`).exec(html)
    expect(err?.[1]).toContain(message)
    expect(html).toContain('车间工人反映 8 月至 10 月工资未发')
    expect(await caseCount()).toBe(before)
  })
})

describe('the rights officer’s registration', () => {
  test('takes several respondents, workers and claims; money is exact; the application time is kept apart', async () => {
    const b = await signedIn(ctx.app, officer.username, officer.password)
    const res = await b.post('/cases?form=full', full())
    expect(res.status).toBe(303)
    const id = Number(res.headers.get('Location')!.split('/').pop())
    const c = await ctx.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect(c.status).toBe('registered')
    expect(c.reported_at.toISOString()).toBe('2026-11-20T01:30:00.000Z')
    expect(c.application_received_at!.toISOString()).toBe('2026-11-20T02:00:00.000Z')
    expect(c.claimed_total_fen).toBe('1234600')
    expect(c.workers_involved).toBe(2)
    const claims = await ctx.db.selectFrom('claims').select(['amount_fen', 'kind']).where('case_id', '=', id).orderBy('position').execute()
    expect(claims).toEqual([{ amount_fen: '1234567', kind: 'compensation' }, { amount_fen: '33', kind: 'wages' }])
    const workers = await ctx.db.selectFrom('workers').selectAll().where('case_id', '=', id).orderBy('position').execute()
    expect(workers.map((w) => w.name)).toEqual(['李秀英', '王强'])
    expect(workers[0]!.id_masked).toBe('1101**********002X')
    expect(workers[0]!.phone_masked).toBe('138****5678')
    expect(ctx.pii.decrypt(workers[0]!.phone_enc!)).toBe('13812345678')
    expect(workers[0]!.migrant).toBe(true)
    expect(workers[1]!.id_type).toBe('none')
    const parties = await ctx.db.selectFrom('case_respondents').select(['respondent_id', 'role']).where('case_id', '=', id).orderBy('position').execute()
    expect(parties).toEqual([{ respondent_id: employer.id, role: 'employer' }, { respondent_id: contractor.id, role: 'individual_contractor' }])
  })

  test.each([
    ['a resident ID with a wrong check digit', { 'workers.0.id_number': '110105194912310021' }, 'f-workers-0-id_number-err', '校验位'],
    ['a resident ID with 30 February', { 'workers.0.id_number': '110105199002300012' }, 'f-workers-0-id_number-err', '出生日期'],
    ['a phone that is not one', { 'workers.0.phone': '1234567' }, 'f-workers-0-phone-err', '11 位手机号'],
    ['leaving before being hired', { 'workers.0.leave_date': '2022-01-01' }, 'f-workers-0-leave_date-err', '早于入职'],
    ['an amount that is not money', { 'claims.1.amount': '十二元' }, 'f-claims-1-amount-err', '请填写金额'],
    ['a court referral without its reference', { channel: 'court_referral' }, 'f-channel_ref-err', '文书编号'],
    ['an application without its time', { application_received_at: '' }, 'f-application_received_at-err', '此项必填'],
    ['a report time in the future', { reported_at: '2027-01-01T09:00' }, 'f-reported_at-err', '不能晚于今天'],
    ['a unit outside the officer’s town', { org_unit_id: 'B' }, 'f-org_unit_id-err', '管辖范围'],
    ['no channel', { channel: '' }, 'f-channel-err', '此项必填'],
    ['the same respondent twice in one role', { 'respondents.1.respondent_id': 'EMPLOYER', 'respondents.1.role': 'employer' }, 'f-respondents-1-respondent_id-err', '重复'],
  ])('%s: 422 beside the field, values kept, nothing written', async (_name, change, errId, message) => {
    const b = await signedIn(ctx.app, officer.username, officer.password)
    const before = await caseCount()
    const form = full(change as Record<string, string>)
    if (form.org_unit_id === 'B') form.org_unit_id = String(world.townB.id)
    if (form['respondents.1.respondent_id'] === 'EMPLOYER') form['respondents.1.respondent_id'] = String(employer.id)
    const res = await b.post('/cases?form=full', form)
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(new RegExp(`id="${errId}"[^>]*>([^<]*)`).exec(html)?.[1]).toContain(message)
    expect(html).toContain('value="李秀英"')
    expect(html).toContain('value="12,345.67"')
    expect(html).toContain('公司以经营困难为由口头辞退。')
    expect(await caseCount()).toBe(before)
  })

  test('a worker under 16 is flagged', async () => {
    const b = await signedIn(ctx.app, officer.username, officer.password)
    // 2012-05-05 birth; check digit worked out for 44060520120505001?
    const id17 = '44060520120505001'
    const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    const check = '10X98765432'[[...id17].reduce((s, d, i) => s + Number(d) * w[i]!, 0) % 11]
    const res = await b.post('/cases?form=full', full({ 'workers.0.id_number': id17 + check }))
    expect(res.status).toBe(303)
    const id = Number(res.headers.get('Location')!.split('/').pop())
    const worker = await ctx.db.selectFrom('workers').select('under_16').where('case_id', '=', id).where('position', '=', 0).executeTakeFirstOrThrow()
    expect(worker.under_16).toBe(true)
  })
})

describe('the bargaining instructor’s collective form', () => {
  test('keeps the collective-contract context, and a collective-contract dispute is orange at any headcount', async () => {
    const b = await signedIn(ctx.app, instructor.username, instructor.password)
    const html = await (await b.get('/cases/new')).text()
    expect(html).toContain('name="contract.contract_status"')
    const res = await b.post('/cases?form=collective', full({
      dispute_types: ['collective_contract'], 'contract.contract_status': 'expired', 'contract.stage': 'signing', 'contract.union_present': 'yes', 'contract.workforce': '350', 'contract.bargaining_notes': '工资专项集体合同到期未续签',
    }))
    expect(res.status).toBe(303)
    const id = Number(res.headers.get('Location')!.split('/').pop())
    const c = await ctx.db.selectFrom('cases').select(['collective_contract', 'risk_level', 'intake_form', 'channel']).where('id', '=', id).executeTakeFirstOrThrow()
    expect(c.collective_contract).toEqual({ contract_status: 'expired', stage: 'signing', union_present: 'yes', workforce: '350', bargaining_notes: '工资专项集体合同到期未续签' })
    expect(c.risk_level).toBe('orange')
    expect(c.intake_form).toBe('collective')
  })
})

describe('resubmission', () => {
  test('the same form sent twice makes one case, and the second lands on it', async () => {
    const b = await signedIn(ctx.app, informant.username, informant.password)
    const form = report()
    const before = await caseCount()
    const first = await b.post('/cases?form=report', form)
    const second = await b.post('/cases?form=report', form)
    expect(second.status).toBe(303)
    expect(second.headers.get('Location')).toBe(first.headers.get('Location'))
    expect(await caseCount()).toBe(before + 1)
  })

  test('the same key with different content is refused, nothing written', async () => {
    const b = await signedIn(ctx.app, informant.username, informant.password)
    const form = report()
    await b.post('/cases?form=report', form)
    const before = await caseCount()
    const res = await b.post('/cases?form=report', { ...form, title: '另一件事' })
    expect(res.status).toBe(422)
    expect(text(await res.text())).toContain('已经提交过')
    expect(await caseCount()).toBe(before)
  })

  test.skipIf(!process.env.DATABASE_URL)('ten copies at once make one case', async () => {
    const b = await signedIn(ctx.app, informant.username, informant.password)
    const form = report()
    const before = await caseCount()
    const results = await Promise.all(Array.from({ length: 10 }, () => b.post('/cases?form=report', form)))
    expect(new Set(results.map((r) => r.headers.get('Location'))).size).toBe(1)
    expect(results.every((r) => r.status === 303)).toBe(true)
    expect(await caseCount()).toBe(before + 1)
  })

  test.skipIf(!process.env.DATABASE_URL)('20 intakes at once get 20 consecutive case numbers', async () => {
    const b = await signedIn(ctx.app, informant.username, informant.password)
    const results = await Promise.all(Array.from({ length: 20 }, () => b.post('/cases?form=report', report())))
    const ids = results.map((r) => Number(r.headers.get('Location')!.split('/').pop()))
    const numbers = (await ctx.db.selectFrom('cases').select('case_no').where('id', 'in', ids).execute()).map((c) => Number(c.case_no.slice(-6))).sort((a, b) => a - b)
    expect(numbers).toHaveLength(20)
    expect(numbers.at(-1)! - numbers[0]!).toBe(19)
  })
})

describe('checking a field as it is left', () => {
  const check = (b: Browser, name: string, form: Record<string, string>) =>
    b.post('/cases/new/check', form, { hx: true, headers: { 'HX-Trigger-Name': name } })

  test('returns only the message element for that field', async () => {
    const b = await signedIn(ctx.app, officer.username, officer.password)
    const bad = await check(b, 'workers.3.id_number', { 'workers.3.id_type': 'resident_id', 'workers.3.id_number': '110105194912310021' })
    const html = await bad.text()
    expect(html).toMatch(/^<small id="f-workers-3-id_number-err" class="field-error" role="alert">[^<]*校验位/)
    const good = await (await check(b, 'workers.3.id_number', { 'workers.3.id_type': 'resident_id', 'workers.3.id_number': '11010519491231002X' })).text()
    expect(good).toMatch(/^<small id="f-workers-3-id_number-err" class="field-error" role="none">/)
    expect(good).not.toContain('校验位')
  })

  test('warns when the worker already has an open case the user can see, with a link', async () => {
    const b = await signedIn(ctx.app, officer.username, officer.password)
    const res = await b.post('/cases?form=full', full({ 'workers.0.phone': '13700001111' }))
    const id = res.headers.get('Location')!.split('/').pop()
    const html = await (await check(b, 'workers.0.phone', { 'workers.0.phone': '137-0000-1111' })).text()
    expect(html).toContain('已有未结案件')
    expect(html).toContain(`href="/cases/${id}"`)
    const other = await signedIn(ctx.app, (await makeUser(ctx.db, world.townB, ['rights_officer'])).username, 'correct horse battery staple')
    expect(await (await check(other, 'workers.0.phone', { 'workers.0.phone': '13700001111' })).text()).not.toContain('已有未结案件')
  })
})

describe('repeatable rows', () => {
  test('"add a worker" returns row 3 and a button that will ask for row 4', async () => {
    const b = await signedIn(ctx.app, officer.username, officer.password)
    const html = await (await b.get('/cases/new/rows/workers?i=3', { hx: true })).text()
    expect(html).toContain('name="workers.3.name"')
    expect(html).toContain('hx-swap-oob="outerHTML"')
    expect(html).toContain('/cases/new/rows/workers?i=4')
    expect((await b.get('/cases/new/rows/workers?i=x')).status).toBe(404)
    expect((await b.get('/cases/new/rows/respondents?i=20')).status).toBe(404)
  })
})

describe('who may take intake', () => {
  test('mediators, managers and admins may not; an informant asking for the full form gets the report', async () => {
    for (const role of ['mediator', 'manager', 'admin'] as const) {
      const u = await makeUser(ctx.db, world.townA, [role])
      const b = await signedIn(ctx.app, u.username, u.password)
      expect((await b.get('/cases/new')).status).toBe(403)
      expect((await b.post('/cases?form=full', full())).status).toBe(403)
    }
    const b = await signedIn(ctx.app, informant.username, informant.password)
    const html = await (await b.get('/cases/new?form=full')).text()
    expect(html).not.toContain('name="channel"')
  })
})

describe('recording the application of a reported case', () => {
  test('turns it registered with its own time, once; another town cannot touch it', async () => {
    const reporter = await signedIn(ctx.app, informant.username, informant.password)
    const id = Number((await reporter.post('/cases?form=report', report())).headers.get('Location')!.split('/').pop())
    const b = await signedIn(ctx.app, officer.username, officer.password)
    expect((await b.get(`/cases/${id}/application`)).status).toBe(200)
    const res = await b.post(`/cases/${id}/application`, { received_at: '2026-11-20T08:00', version: '1' })
    expect(res.status).toBe(303)
    const c = await ctx.db.selectFrom('cases').select(['status', 'application_received_at', 'reported_at']).where('id', '=', id).executeTakeFirstOrThrow()
    expect(c.status).toBe('registered')
    expect(c.application_received_at!.toISOString()).toBe('2026-11-20T00:00:00.000Z')
    expect((await b.post(`/cases/${id}/application`, { received_at: '2026-11-20T08:00', version: '1' })).status).toBe(409)
    const events = await ctx.db.selectFrom('case_events').select('kind').where('case_id', '=', id).execute()
    expect(events.map((e) => e.kind)).toContain('application.received')
    const outsider = await makeUser(ctx.db, world.townB, ['rights_officer'])
    const o = await signedIn(ctx.app, outsider.username, outsider.password)
    expect((await o.get(`/cases/${id}/application`)).status).toBe(404)
    expect((await o.post(`/cases/${id}/application`, { received_at: '2026-11-20T08:00' })).status).toBe(404)
    expect((await reporter.post(`/cases/${id}/application`, { received_at: '2026-11-20T08:00' })).status).toBe(403)
  })
})

describe('the informant’s home page', () => {
  test('has the big report button and the status of their recent reports, and nobody else’s', async () => {
    const me = await makeUser(ctx.db, world.grassrootsA, ['informant'])
    const b = await signedIn(ctx.app, me.username, me.password)
    let html = await (await b.get('/')).text()
    expect(html).toContain('data-testid="report-button"')
    expect(text(html)).toContain('还没有上报过案件')
    const id = (await b.post('/cases?form=report', report({ title: '我的上报：食堂停餐' }))).headers.get('Location')!.split('/').pop()
    await (await signedIn(ctx.app, informant.username, informant.password)).post('/cases?form=report', report({ title: '别人的上报' }))
    html = await (await b.get('/')).text()
    expect(html).toContain(`href="/cases/${id}"`)
    expect(text(html)).toContain('我的上报：食堂停餐 · 已报告')
    expect(text(html)).not.toContain('别人的上报')
  })
})

describe('who may record an application', () => {
  test('is the state machine’s rule: a bargaining instructor only on a collective case', async () => {
    const reporter = await signedIn(ctx.app, informant.username, informant.password)
    // A respondent of its own and 2 workers: this report is not swept into the file's collective group.
    const lone = await makeRespondent(ctx.db, { name: '南海区单独测试五金厂' })
    const plain = Number((await reporter.post('/cases?form=report', report({ 'respondents.0.respondent_id': String(lone.id), workers_involved: '2' }))).headers.get('Location')!.split('/').pop())
    const collective = Number((await reporter.post('/cases?form=report', report({ dispute_types: ['collective_contract'] }))).headers.get('Location')!.split('/').pop())
    const b = await signedIn(ctx.app, instructor.username, instructor.password)
    expect((await b.get(`/cases/${plain}`)).status).toBe(200)
    expect(await (await b.get(`/cases/${plain}`)).text()).not.toContain('data-testid="record-application"')
    expect((await b.post(`/cases/${plain}/application`, { received_at: '2026-11-20T08:00', version: '1' })).status).toBe(403)
    expect((await ctx.db.selectFrom('cases').select('status').where('id', '=', plain).executeTakeFirstOrThrow()).status).toBe('reported')
    expect(await (await b.get(`/cases/${collective}`)).text()).toContain('data-testid="record-application"')
    expect((await b.post(`/cases/${collective}/application`, { received_at: '2026-11-20T08:00', version: '1' })).status).toBe(303)
  })
})

describe('the informant’s photo', () => {
  const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9])
  const photo = (bytes: Uint8Array<ArrayBuffer>, name = 'IMG_2041.jpg') => new File([bytes], name, { type: 'image/jpeg' })
  const attachments = (caseId: number) => ctx.db.selectFrom('attachments').selectAll().where('case_id', '=', caseId).execute()
  const attachmentCount = async () => Number((await sql<{ n: string }>`select count(*) as n from attachments`.execute(ctx.db)).rows[0]!.n)

  test('the phone form asks for one with the camera, and is sent as multipart', async () => {
    const b = await signedIn(ctx.app, informant.username, informant.password)
    const html = await (await b.get('/cases/new')).text()
    expect(html).toMatch(/<form [^>]*id="intake-form"[^>]*enctype="multipart\/form-data"/)
    expect(html).toMatch(/<input id="f-photo" name="photo" type="file" accept="image\/\*" capture="environment"/)
  })

  test('is kept as the case’s photo, in the same submission', async () => {
    const b = await signedIn(ctx.app, informant.username, informant.password)
    const since = await lastAuditId(ctx.db)
    const res = await b.postMultipart('/cases?form=report', { ...report(), photo: photo(JPEG) })
    expect(res.status).toBe(303)
    const id = Number(res.headers.get('Location')!.split('/').pop())
    const [a] = await attachments(id)
    expect(a).toMatchObject({ kind: 'photo', mime: 'image/jpeg', size_bytes: JPEG.length, filename: 'IMG_2041.jpg', uploaded_by: informant.id })
    const [audit] = await auditRows(ctx.db, 'case.create', since)
    expect(audit!.details).toMatchObject({ photo: { mime: 'image/jpeg', size: JPEG.length } })
    expect(text(await (await b.get(`/cases/${id}`)).text())).toContain('IMG_2041.jpg')
  })

  test('no photo is fine: the blank file part of an untouched input is ignored', async () => {
    const b = await signedIn(ctx.app, informant.username, informant.password)
    const res = await b.postMultipart('/cases?form=report', { ...report(), photo: new File([], '', { type: 'application/octet-stream' }) })
    expect(res.status).toBe(303)
    expect(await attachments(Number(res.headers.get('Location')!.split('/').pop()))).toHaveLength(0)
  })

  test.each([
    ['a web page named .jpg', photo(new TextEncoder().encode('<html><script>alert(1)</script></html>')), '这不是照片'],
    ['a PDF (a photo is asked for)', photo(new TextEncoder().encode('%PDF-1.4\n%%EOF\n'), 'scan.pdf'), '这不是照片'],
    ['a photo over 10 MB', photo(new Uint8Array(10 * 1024 * 1024 + 1).fill(0xff)), '超过 10 MB'],
  ])('%s: 422 beside the photo, saying it must be chosen again; the rest kept; no case', async (_name, file, message) => {
    const b = await signedIn(ctx.app, informant.username, informant.password)
    const [cases, files] = [await caseCount(), await attachmentCount()]
    const res = await b.postMultipart('/cases?form=report', { ...report(), photo: file })
    expect(res.status).toBe(422)
    const html = await res.text()
    const err = /id="f-photo-err"[^>]*>([^<]*)/.exec(html)?.[1] ?? ''
    expect(err).toContain(message)
    expect(err).toContain('重新选择')
    expect(html).toContain('车间工人反映 8 月至 10 月工资未发')
    expect(html).toContain('value="拖欠三个月工资"')
    expect([await caseCount(), await attachmentCount()]).toEqual([cases, files])
  })

  test('a good photo sent with a mistake elsewhere is asked for again beside its field', async () => {
    const b = await signedIn(ctx.app, informant.username, informant.password)
    const res = await b.postMultipart('/cases?form=report', { ...report({ title: '' }), photo: photo(JPEG) })
    expect(res.status).toBe(422)
    expect(/id="f-photo-err"[^>]*>([^<]*)/.exec(await res.text())?.[1]).toContain('照片未保存')
  })

  test('sent twice with the same key, one case and one photo; the same key with another photo is refused', async () => {
    const b = await signedIn(ctx.app, informant.username, informant.password)
    const form = report()
    const first = await b.postMultipart('/cases?form=report', { ...form, photo: photo(JPEG) })
    const second = await b.postMultipart('/cases?form=report', { ...form, photo: photo(JPEG) })
    expect(second.headers.get('Location')).toBe(first.headers.get('Location'))
    expect(await attachments(Number(first.headers.get('Location')!.split('/').pop()))).toHaveLength(1)
    const other = Uint8Array.from([...JPEG.slice(0, -2), 0x00, 0xff, 0xd9])
    const before = await attachmentCount()
    expect((await b.postMultipart('/cases?form=report', { ...form, photo: photo(other) })).status).toBe(422)
    expect(await attachmentCount()).toBe(before)
  })

  test('a session that ran out keeps the typed words as a draft, never the photo, and asks for it again', async () => {
    const b = await signedIn(ctx.app, informant.username, informant.password)
    ctx.clock.minutes(31)
    const res = await b.postMultipart('/cases?form=report', { ...report({ title: '会话过期前写的' }), _page: '/cases/new?form=report', photo: photo(JPEG) })
    expect(res.status).toBe(303)
    expect(res.headers.get('Location')).toContain('expired=1')
    const [draft] = await ctx.db.selectFrom('form_drafts').select('fields').where('user_id', '=', informant.id).execute()
    expect(draft!.fields).toMatchObject({ title: '会话过期前写的' })
    expect(Object.keys(draft!.fields)).not.toContain('photo')
    await b.login(informant.username, informant.password)
    const html = await (await b.get('/cases/new?form=report')).text()
    expect(html).toContain('value="会话过期前写的"')
    expect(text(html)).toContain('如曾附照片，请重新选择')
  })
})
