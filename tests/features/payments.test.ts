import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { agreementStanding } from '../../src/features/mediation/agreement.queries.ts'
import { auditRows, lastAuditId } from '../support/fixtures.ts'
import { text } from '../support/http.ts'
import { createTestContext, type TestContext } from '../support/test-app.ts'
import { eventsOf, fieldError, makePeople, mediating, performing, version, type People } from './mediation.support.ts'

let ctx: TestContext
let p: People
beforeAll(async () => {
  ctx = await createTestContext()
  p = await makePeople(ctx)
})
afterAll(() => ctx.close())

/** The case's instalments in order (the agreement from performing(): ¥5,000.10 due 11-30, ¥5,000.20 due 12-31). */
const instalments = (caseId: number) => ctx.db.selectFrom('agreement_instalments')
  .innerJoin('agreements', 'agreements.id', 'agreement_instalments.agreement_id')
  .select(['agreement_instalments.id', 'agreement_instalments.seq']).where('agreements.case_id', '=', caseId).where('agreements.state', '=', 'in_effect')
  .orderBy('seq').execute()
const paymentsOf = (caseId: number) => ctx.db.selectFrom('agreement_payments').selectAll().where('case_id', '=', caseId).orderBy('id').execute()
const pay = async (caseId: number, more: Record<string, string>) => {
  const [first] = await instalments(caseId)
  return { version: await version(ctx, caseId), instalment_id: String(first!.id), paid_on: '2026-11-20', amount: '0.10', method: '银行转账', note: '', ...more }
}

describe('recording payments', () => {
  test('payments of 0.10 and 0.20 against the first instalment are exact in fen; the agreement is then partly performed', async () => {
    const id = await performing(ctx, p)
    const form = await (await p.asMediator.get(`/cases/${id}/payments`, { hx: true })).text()
    expect(text(form)).toContain('第 1 期 · 到期 2026-11-30 · 尚欠 ¥5,000.10')
    expect(text(form)).toContain('第 2 期 · 到期 2026-12-31 · 尚欠 ¥5,000.20')
    const since = await lastAuditId(ctx.db)
    expect((await p.asMediator.post(`/cases/${id}/payments`, await pay(id, { amount: '0.10' }))).status).toBe(303)
    expect((await p.asOfficer.post(`/cases/${id}/payments`, await pay(id, { amount: '0.20', method: '' }))).status).toBe(303)
    const rows = await paymentsOf(id)
    expect(rows.map((r) => [r.amount_fen, r.paid_on, r.method, r.case_id])).toEqual([['10', '2026-11-20', '银行转账', id], ['20', '2026-11-20', null, id]])
    expect(await agreementStanding(ctx.db, id, '2026-11-20')).toMatchObject({ performance: 'partly', paidFen: '30', agreedFen: '1000030', overdue: false })
    expect(await auditRows(ctx.db, 'case.payment', since)).toHaveLength(2)
    expect((await eventsOf(ctx, id, 'record.payment'))[0]!.payload).toMatchObject({ instalment_seq: 1, amount_fen: '10', paid_on: '2026-11-20' })

    const page = text(await (await p.asMediator.get(`/cases/${id}`)).text())
    expect(page).toContain('记录履行款项；第 1 期，¥0.10')
    expect(page).toContain('记录履行款项；第 1 期，¥0.20')
    expect(page).toMatch(/1 2026-11-30 ¥5,000.10 ¥0.30 部分支付/)
    expect(page).toContain('部分履行')
    // The claims table: wages claimed 12,345.67, agreed 10,000.10, paid 0.30 (wages are listed first and take it all).
    expect(page).toMatch(/劳动报酬（欠薪） 2026年8—10月工资 ¥12,345.67 ¥10,000.10 ¥0.30/)
    expect(page).toMatch(/加班 周末加班费 ¥0.30 ¥0.20 ¥0.00/)
    expect(page).toMatch(/合计 ¥12,345.97 ¥10,000.30 ¥0.30/)
    expect(page).toContain('2026-11-20 · 第 1 期 · ¥0.20')
  })

  test('paying every instalment in full leaves nothing to offer and the agreement performed; paid spills claim by claim', async () => {
    const id = await performing(ctx, p)
    const [first, second] = await instalments(id)
    expect((await p.asMediator.post(`/cases/${id}/payments`, await pay(id, { amount: '5,000.10' }))).status).toBe(303)
    expect(await (await p.asMediator.get(`/cases/${id}`)).text()).toContain('data-testid="action-payment"')
    const after1 = text(await (await p.asMediator.get(`/cases/${id}/payments`)).text())
    expect(after1).not.toContain('第 1 期 · 到期')
    expect((await p.asMediator.post(`/cases/${id}/payments`, await pay(id, { instalment_id: String(second!.id), amount: '5000.19' }))).status).toBe(303)
    expect((await agreementStanding(ctx.db, id, '2026-11-20'))!.performance).toBe('partly')
    const claims = text(await (await p.asMediator.get(`/cases/${id}`)).text())
    expect(claims).toMatch(/劳动报酬（欠薪） 2026年8—10月工资 ¥12,345.67 ¥10,000.10 ¥10,000.10/)
    expect(claims).toMatch(/加班 周末加班费 ¥0.30 ¥0.20 ¥0.19/)
    expect((await p.asMediator.post(`/cases/${id}/payments`, await pay(id, { instalment_id: String(second!.id), amount: '0.01' }))).status).toBe(303)
    expect(await agreementStanding(ctx.db, id, '2026-11-20')).toMatchObject({ performance: 'performed', paidFen: '1000030', agreedFen: '1000030', owing: false })
    const html = await (await p.asMediator.get(`/cases/${id}`)).text()
    // Nothing is owed any more: the panel stops offering a payment.
    expect(html).not.toContain('data-testid="action-payment"')
    const page = text(html)
    expect(page).toContain('记录履行款项；第 2 期，¥0.01；已履行完毕')
    expect(page).toMatch(/合计 ¥12,345.97 ¥10,000.30 ¥10,000.30/)
    const res = await p.asMediator.post(`/cases/${id}/payments`, await pay(id, { instalment_id: String(first!.id), amount: '1' }), { hx: true })
    expect(res.status).toBe(422)
    expect(fieldError(await res.text(), 'instalment_id')).toBe('没有尚欠款项的分期。')
    expect(await paymentsOf(id)).toHaveLength(3)
  })
})

describe('bad input: 422 beside the field, values kept, nothing written', () => {
  test.each([
    ['amount', '超过该期尚欠金额 ¥5,000.10。', { amount: '5000.11' }],
    ['amount', '金额须大于 0。', { amount: '0' }],
    ['amount', '请填写金额，如 12345.67。', { amount: '-5' }],
    ['amount', '请填写金额，如 12345.67。', { amount: '1e3' }],
    ['amount', '此项必填。', { amount: '' }],
    ['paid_on', '付款日期不能早于协议生效日期 2026-11-19。', { paid_on: '2026-11-18' }],
    ['paid_on', '日期不能晚于今天。', { paid_on: '2026-11-21' }],
    ['paid_on', '此项必填。', { paid_on: '' }],
    ['instalment_id', '请从列表中选择。', { instalment_id: '999999' }],
    ['instalment_id', '此项必填。', { instalment_id: '' }],
    ['method', '内容过长。', { method: '转'.repeat(201) }],
    ['note', '内容过长。', { note: '注'.repeat(2001) }],
  ] as [string, string, Record<string, string>][])('%s: %s', async (field, message, bad) => {
    const id = await performing(ctx, p)
    const res = await p.asMediator.post(`/cases/${id}/payments`, await pay(id, { note: '收据号 A-001', ...bad }), { hx: true })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(fieldError(html, field)).toBe(message)
    if (!('note' in bad)) expect(html).toContain('收据号 A-001')
    expect(await paymentsOf(id)).toEqual([])
  })

  test('an instalment of another case is not offered', async () => {
    const other = await performing(ctx, p)
    const id = await performing(ctx, p)
    const [foreign] = await instalments(other)
    const res = await p.asMediator.post(`/cases/${id}/payments`, await pay(id, { instalment_id: String(foreign!.id) }))
    expect(res.status).toBe(422)
    expect(await paymentsOf(id)).toEqual([])
    expect(await paymentsOf(other)).toEqual([])
  })
})

describe('who may, and when', () => {
  test('a mediator not assigned, a legal adviser and a manager are refused with 403', async () => {
    const id = await performing(ctx, p)
    for (const b of [p.asOtherMediator, p.asAdviser, p.asManager]) expect((await b.post(`/cases/${id}/payments`, await pay(id, {}))).status).toBe(403)
    expect(await paymentsOf(id)).toEqual([])
  })

  test('a case with no agreement in effect yet is a 409', async () => {
    const id = await mediating(ctx, p)
    const res = await p.asMediator.post(`/cases/${id}/payments`, { version: await version(ctx, id), instalment_id: '1', paid_on: '2026-11-20', amount: '1' })
    expect(res.status).toBe(409)
    expect(await paymentsOf(id)).toEqual([])
  })
})

describe('an overdue instalment', () => {
  test('shows the notice, and offers court linkage for a payment order to those who may take it', async () => {
    const id = await performing(ctx, p, { signed_on: '2026-11-01', effective_date: '2026-11-02', due_1: '2026-11-10', due_2: '2026-12-10' })
    expect(await agreementStanding(ctx.db, id, '2026-11-20')).toMatchObject({ performance: 'overdue', overdue: true })
    const officerPage = await (await p.asOfficer.get(`/cases/${id}`)).text()
    expect(officerPage).toContain('data-testid="overdue-notice"')
    expect(officerPage).toMatch(new RegExp(`href="/cases/${id}/court-linkage"[^>]*data-testid="court-linkage-offer">通过诉调对接申请支付令`))
    expect(text(officerPage)).toMatch(/1 2026-11-10 ¥5,000.10 ¥0.00 逾期/)
    expect(text(officerPage)).toContain('逾期未履行')
    // The mediator sees the notice; going to court is triage's decision (the state machine's).
    const mediatorPage = await (await p.asMediator.get(`/cases/${id}`)).text()
    expect(mediatorPage).toContain('data-testid="overdue-notice"')
    expect(mediatorPage).not.toContain('data-testid="court-linkage-offer"')
    // The link opens the court-linkage form.
    expect((await p.asOfficer.get(`/cases/${id}/court-linkage`)).status).toBe(200)
  })
})
