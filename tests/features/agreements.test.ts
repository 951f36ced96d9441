import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { agreementStanding } from '../../src/features/mediation/agreement.queries.ts'
import { makeCase } from '../support/case-fixtures.ts'
import { text } from '../support/http.ts'
import { createTestContext, type TestContext } from '../support/test-app.ts'
import {
  agreementForm, caseRow, claimIds, eventsOf, fieldError, makePeople, mediating, performing, version, type People,
} from './mediation.support.ts'

let ctx: TestContext
let p: People
beforeAll(async () => {
  ctx = await createTestContext()
  p = await makePeople(ctx)
})
afterAll(() => ctx.close())

const agreementsOf = (caseId: number) => ctx.db.selectFrom('agreements').selectAll().where('case_id', '=', caseId).orderBy('id').execute()
const itemsOf = (agreementId: number) => ctx.db.selectFrom('agreement_items').selectAll().where('agreement_id', '=', agreementId).orderBy('position').execute()
const instalmentsOf = (agreementId: number) => ctx.db.selectFrom('agreement_instalments').selectAll().where('agreement_id', '=', agreementId).orderBy('seq').execute()

describe('the agreement form', () => {
  test('offers one agreed amount per claim, the sessions, extra items and instalment rows (more in a disclosure), in place', async () => {
    const id = await mediating(ctx, p)
    const [wages] = await claimIds(ctx, id)
    await p.asMediator.post(`/cases/${id}/sessions`, { version: await version(ctx, id), held_on: '2026-11-18', mode: 'in_person', participants: '双方', result: 'agreement' })
    const res = await p.asMediator.get(`/cases/${id}/agreements`, { hx: true })
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).not.toContain('<html')
    expect(html).toContain('id="action-panel"')
    expect(html).toContain('name="version"')
    expect(html).toContain(`name="agreed_${wages}"`)
    expect(text(html)).toContain('劳动报酬（欠薪）：请求 ¥12,345.67')
    expect(text(html)).toContain('2026-11-18 · 现场调解 · 达成调解协议')
    expect(html).toContain('name="extra_3_amount"')
    expect(html).toContain('name="due_4"')
    expect(html).toMatch(/<details>\s*<summary>更多分期（最多 12 期）<\/summary>[\s\S]*name="due_12"/)
    expect(html).toContain('name="effective_date"')
  })
})

describe('recording an agreement in effect', () => {
  test('writes the agreement, its items and instalments exactly in fen, moves the case to performing and starts both clocks', async () => {
    const id = await mediating(ctx, p)
    const [wages, overtime] = await claimIds(ctx, id)
    const res = await p.asMediator.post(`/cases/${id}/agreements`, await agreementForm(ctx, id))
    expect(res.status).toBe(303)
    expect(await caseRow(ctx, id)).toMatchObject({ status: 'performing', agreement_effective_on: '2026-11-19' })
    const [a] = await agreementsOf(id)
    expect(a).toMatchObject({ state: 'in_effect', signed_on: '2026-11-18', effective_on: '2026-11-19', performance_method: '银行转账', recorded_by: p.mediator.id })
    expect((await itemsOf(a!.id)).map((i) => [i.claim_id, i.kind, i.claimed_fen, i.agreed_fen])).toEqual([
      [wages, 'wages', '1234567', '1000010'], [overtime, 'overtime', '30', '20'],
    ])
    expect((await instalmentsOf(a!.id)).map((i) => [i.seq, i.due_on, i.amount_fen])).toEqual([[1, '2026-11-30', '500010'], [2, '2026-12-31', '500020']])
    const [e] = await eventsOf(ctx, id, 'action.record_agreement_in_effect')
    expect(e!.payload).toMatchObject({ before: 'in_progress', after: 'performing', effective_date: '2026-11-19', agreed_fen: '1000030', instalments: 2 })
    const clocks = await ctx.db.selectFrom('case_clocks').select(['kind', 'start_on']).where('case_id', '=', id).where('kind', 'in', ['arbitral_review', 'judicial_confirmation']).orderBy('kind').execute()
    expect(clocks).toEqual([{ kind: 'arbitral_review', start_on: '2026-11-19' }, { kind: 'judicial_confirmation', start_on: '2026-11-19' }])
    expect(await agreementStanding(ctx.db, id, '2026-11-20')).toEqual({
      agreementId: a!.id, performance: 'performing', agreedFen: '1000030', paidFen: '0', overdue: false, effectiveOn: '2026-11-19', nonMonetary: false, owing: true,
    })

    const page = text(await (await p.asMediator.get(`/cases/${id}`)).text())
    expect(page).toContain('调解协议生效；处理中 → 履行中；约定金额 ¥10,000.30，分 2 期履行')
    expect(page).toContain('申请仲裁审查确认')
    expect(page).toContain('申请司法确认')
    expect(page).toMatch(/劳动报酬（欠薪） 2026年8—10月工资 ¥12,345.67 ¥10,000.10 ¥0.00/)
    expect(page).toMatch(/合计 ¥12,345.97 ¥10,000.30 ¥0.00/)
    expect(page).toMatch(/1 2026-11-30 ¥5,000.10 ¥0.00 未到期/)
    expect(page).toContain('履行中')
  })

  test('0.10 + 0.20 agreed in instalments of 0.10 and 0.20 adds up to the fen', async () => {
    const id = await mediating(ctx, p)
    const res = await p.asOfficer.post(`/cases/${id}/agreements`, await agreementForm(ctx, id, {
      [`agreed_${(await claimIds(ctx, id))[0]}`]: '0.10', due_1: '2026-11-30', amount_1: '0.10', due_2: '2026-12-31', amount_2: '0.20',
    }))
    expect(res.status).toBe(303)
    const [a] = await agreementsOf(id)
    expect((await instalmentsOf(a!.id)).map((i) => i.amount_fen)).toEqual(['10', '20'])
  })

  test('an agreement with nothing to pay (reinstatement) has no instalments and stays performing', async () => {
    const id = await mediating(ctx, p)
    const [wages, overtime] = await claimIds(ctx, id)
    const res = await p.asMediator.post(`/cases/${id}/agreements`, await agreementForm(ctx, id, {
      terms: '恢复劳动关系，申请人于12月1日返岗。', [`agreed_${wages}`]: '0', [`agreed_${overtime}`]: '0', due_1: '', amount_1: '', due_2: '', amount_2: '',
    }))
    expect(res.status).toBe(303)
    expect(await agreementStanding(ctx.db, id, '2027-06-01')).toMatchObject({ performance: 'performing', agreedFen: '0', nonMonetary: true })
    const page = await (await p.asMediator.get(`/cases/${id}`)).text()
    expect(page).toContain('data-testid="non-monetary"')
  })

  test('a case without recorded claims takes items agreed beyond them, shown in the claims table', async () => {
    const id = await mediating(ctx, p, { claims: [] })
    const form = await agreementForm(ctx, id, {
      extra_1_kind: 'compensation', extra_1_description: '一次性经济补偿', extra_1_amount: '8000', due_1: '2026-12-01', amount_1: '8000', due_2: '', amount_2: '',
    })
    expect((await p.asMediator.post(`/cases/${id}/agreements`, form)).status).toBe(303)
    const [a] = await agreementsOf(id)
    expect(await itemsOf(a!.id)).toMatchObject([{ claim_id: null, kind: 'compensation', description: '一次性经济补偿', claimed_fen: '0', agreed_fen: '800000' }])
    const page = text(await (await p.asMediator.get(`/cases/${id}`)).text())
    expect(page).toMatch(/经济补偿\/赔偿 请求以外 一次性经济补偿 — ¥8,000.00 ¥0.00/)
  })

  test('a later agreement supersedes the one in effect (after court linkage for non-performance)', async () => {
    const id = await performing(ctx, p)
    expect((await p.asManager.post(`/cases/${id}/court-linkage`, { version: await version(ctx, id), reason: '逾期未付' })).status).toBe(303)
    const second = await agreementForm(ctx, id, { terms: '法院主持下重新约定。', effective_date: '2026-11-20', signed_on: '2026-11-20', due_1: '2026-12-15', due_2: '2027-01-15' })
    expect((await p.asMediator.post(`/cases/${id}/agreements`, second)).status).toBe(303)
    expect((await agreementsOf(id)).map((a) => a.state)).toEqual(['superseded', 'in_effect'])
    const html = await (await p.asMediator.get(`/cases/${id}`)).text()
    expect(html).toContain('data-testid="superseded-agreements"')
    expect(text(html)).toContain('已被取代的协议（1）')
    expect(text(html)).toContain('法院主持下重新约定。')
  })
})

describe('bad input: 422 beside the field, values kept, nothing written', () => {
  async function refused(form: Record<string, string>, field: string, message: string) {
    const id = Number(form.__case)
    delete form.__case
    const res = await p.asMediator.post(`/cases/${id}/agreements`, form, { hx: true })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(fieldError(html, field)).toBe(message)
    expect(await agreementsOf(id)).toEqual([])
    expect((await caseRow(ctx, id)).status).toBe('in_progress')
    return html
  }
  const form = async (more: Record<string, string>) => {
    const id = await mediating(ctx, p)
    return { ...(await agreementForm(ctx, id, more)), __case: String(id) }
  }

  test('the instalments one fen short: the message names both sums, and the typed amounts stay', async () => {
    const html = await refused(await form({ amount_2: '5000.19' }), 'instalments', '各期合计 ¥10,000.29，与协议总额 ¥10,000.30 不符。')
    expect(html).toContain('value="5000.19"')
    expect(html).toContain('银行转账')
  })

  test('money agreed but no instalment given', async () => {
    await refused(await form({ due_1: '', amount_1: '', due_2: '', amount_2: '' }), 'instalments', '协议总额 ¥10,000.30：请填写分期（一次付清的填 1 期）。')
  })

  test('instalments for an agreement with nothing to pay', async () => {
    const f = await form({})
    const [wages, overtime] = await claimIds(ctx, Number(f.__case))
    await refused({ ...f, [`agreed_${wages}`]: '0', [`agreed_${overtime}`]: '0' }, 'instalments', '协议总额为 0，无需分期。')
  })

  test('due dates out of order, before the agreement took effect, or a row half filled', async () => {
    await refused(await form({ due_2: '2026-11-30' }), 'due_2', '到期日须晚于上一期。')
    await refused(await form({ due_1: '2026-11-18' }), 'due_1', '到期日不能早于协议生效日期。')
    await refused(await form({ due_2: '' }), 'due_2', '请同时填写到期日和金额。')
    await refused(await form({ amount_1: '0' }), 'amount_1', '金额须大于 0。')
  })

  test('amounts that are not money, or left blank', async () => {
    const f = await form({})
    const [wages, overtime] = await claimIds(ctx, Number(f.__case))
    await refused({ ...f, [`agreed_${wages}`]: '一万' }, `agreed_${wages}`, '请填写金额，如 12345.67。')
    const g = await form({})
    const [, overtime2] = await claimIds(ctx, Number(g.__case))
    await refused({ ...g, [`agreed_${overtime2}`]: '' }, `agreed_${overtime2}`, '此项必填。')
    expect(overtime).toBeTypeOf('number')
  })

  test('terms, method and dates', async () => {
    await refused(await form({ terms: '  ' }), 'terms', '此项必填。')
    await refused(await form({ performance_method: '' }), 'performance_method', '此项必填。')
    await refused(await form({ signed_on: '' }), 'signed_on', '此项必填。')
    await refused(await form({ signed_on: '2026-11-19', effective_date: '2026-11-18', due_1: '2026-11-30' }), 'effective_date', '生效日期不能早于签订日期。')
    await refused(await form({ effective_date: '2026-11-21' }), 'effective_date', '日期不能晚于今天。')
    await refused(await form({ effective_date: '' }), 'effective_date', '此项必填。')
    await refused(await form({ signed_on: '2026-02-30' }), 'signed_on', '此项的值无效。')
    await refused(await form({ terms: '条'.repeat(8001) }), 'terms', '内容过长。')
  })

  test('an extra item without a type, and a session that is not the case’s', async () => {
    await refused(await form({ extra_1_amount: '100' }), 'extra_1_kind', '此项必填。')
    await refused(await form({ session_id: '999999' }), 'session_id', '请从列表中选择。')
  })
})

describe('who may, and when', () => {
  test('the assigned mediator and the rights officer may; a mediator not assigned, a legal adviser or a manager may not', async () => {
    const id = await mediating(ctx, p)
    for (const b of [p.asOtherMediator, p.asAdviser, p.asManager]) {
      expect((await b.post(`/cases/${id}/agreements`, await agreementForm(ctx, id))).status).toBe(403)
      expect((await b.get(`/cases/${id}/agreements`)).status).toBe(403)
    }
    expect(await agreementsOf(id)).toEqual([])
    expect((await p.asOfficer.post(`/cases/${id}/agreements`, await agreementForm(ctx, id))).status).toBe(303)
  })

  test('a case not yet accepted, already performing, or on the consultation route is a 409 and nothing is written', async () => {
    const { id: registered } = await makeCase(ctx, p.world.townA, p.officer)
    expect((await p.asOfficer.post(`/cases/${registered}/agreements`, await agreementForm(ctx, registered))).status).toBe(409)
    const done = await performing(ctx, p)
    const again = await p.asMediator.post(`/cases/${done}/agreements`, await agreementForm(ctx, done))
    expect(again.status).toBe(409)
    expect(await again.text()).toContain('data-testid="conflict"')
    expect(await agreementsOf(done)).toHaveLength(1)
    const advice = await mediating(ctx, p, {}, 'legal_consultation')
    expect((await p.asOfficer.post(`/cases/${advice}/agreements`, await agreementForm(ctx, advice))).status).toBe(409)
    expect(await agreementsOf(advice)).toEqual([])
  })

  test('a stale form gets 409 and nothing is written', async () => {
    const id = await mediating(ctx, p)
    const res = await p.asMediator.post(`/cases/${id}/agreements`, await agreementForm(ctx, id, { version: '1' }))
    expect(res.status).toBe(409)
    expect(await agreementsOf(id)).toEqual([])
  })
})

describe('hostile input', () => {
  const NASTY = ['', ' ', 'x'.repeat(20_000), '🙂'.repeat(3000), '<script>alert(1)</script>', '-1', '1e308', '9'.repeat(40), 'NaN',
    '2026-02-30', '9999-12-31', '0001-01-01', '0', '0.001', '１２，３４５．６７元', "' or 1=1 --"]
  const names = (ids: number[]) => ['terms', 'performance_method', 'signed_on', 'effective_date', 'session_id', 'held_on', 'mode', 'place',
    'participants', 'result', 'summary', 'next_session_on', 'instalment_id', 'paid_on', 'amount', 'method', 'note',
    ...ids.map((id) => `agreed_${id}`), 'extra_1_kind', 'extra_1_description', 'extra_1_amount', 'due_1', 'amount_1', 'due_12', 'amount_12']

  test('no form sent to sessions, agreements or payments on a case in the right state ever gets a server error, and nothing half-written', async () => {
    const mediatingId = await mediating(ctx, p)
    const performingId = await performing(ctx, p)
    const ids = [...(await claimIds(ctx, mediatingId)), ...(await claimIds(ctx, performingId))]
    const failures: string[] = []
    for (let i = 0; i < NASTY.length; i++) {
      const form: Record<string, string | string[]> = {}
      names(ids).forEach((n, j) => { const v = NASTY[(i + j) % NASTY.length]!; form[n] = j % 4 === 0 ? [v, v] : v })
      for (const [path, id] of [['sessions', mediatingId], ['agreements', mediatingId], ['payments', performingId]] as const) {
        const res = await p.asMediator.post(`/cases/${id}/${path}`, { ...form, version: await version(ctx, id) }, { hx: i % 2 === 0 })
        if (res.status >= 500) failures.push(`${path} form ${i}: ${res.status}`)
      }
    }
    expect(failures).toEqual([])
    expect(await agreementsOf(mediatingId)).toEqual([])
  }, 120_000)
})
