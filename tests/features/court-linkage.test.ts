import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { makeCase } from '../support/case-fixtures.ts'
import { auditRows, lastAuditId, makeDistrict, makeUser, type District, type TestUser } from '../support/fixtures.ts'
import { signedIn, text, type Browser } from '../support/http.ts'
import { createTestContext, type TestContext } from '../support/test-app.ts'

let ctx: TestContext
let world: District
const u: Record<string, TestUser> = {}
const as: Record<string, Browser> = {}

beforeAll(async () => {
  ctx = await createTestContext() // today is 2026-11-20 in Beijing
  world = await makeDistrict(ctx.db)
  u.officer = await makeUser(ctx.db, world.townA, ['rights_officer'])
  u.adviser = await makeUser(ctx.db, world.townA, ['legal_adviser'])
  u.mediator = await makeUser(ctx.db, world.townA, ['mediator'])
  u.otherMediator = await makeUser(ctx.db, world.townA, ['mediator'])
  u.otherAdviser = await makeUser(ctx.db, world.townA, ['legal_adviser'])
  u.manager = await makeUser(ctx.db, world.townA, ['manager'])
  u.informant = await makeUser(ctx.db, world.grassrootsA, ['informant'])
  for (const [name, user] of Object.entries(u)) as[name] = await signedIn(ctx.app, user.username, user.password)
})
afterAll(() => ctx.close())

const kase = (id: number) => ctx.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
const v = async (id: number) => String((await kase(id)).version)
const linkages = (id: number) => ctx.db.selectFrom('court_linkages').selectAll().where('case_id', '=', id).orderBy('id').execute()
const fieldError = (html: string, name: string) => text(new RegExp(`<small id="f-${name}-err"[^>]*>([\\s\\S]*?)</small>`).exec(html)?.[1] ?? '').trim()
const offered = (html: string, name: string) =>
  [...(new RegExp(`<select id="f-${name}"[\\s\\S]*?</select>`).exec(html)?.[0] ?? '').matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]).filter(Boolean)

type State = { status: string; route: string | null; agreement?: string | null }
const PERFORMING: State = { status: 'performing', route: 'mediation', agreement: '2026-11-10' }
const COURT: State = { status: 'in_progress', route: 'court_linkage' }
const COURT_AFTER_AGREEMENT: State = { status: 'in_progress', route: 'court_linkage', agreement: '2026-10-20' }

/** A case of town A, reported by the informant, in the given state, the mediator and adviser assigned. */
async function caseIn(s: State) {
  const { id } = await makeCase(ctx, world.grassrootsA, u.informant!)
  await ctx.db.updateTable('cases').set({
    status: s.status, route: s.route, agreement_effective_on: s.agreement ?? null, assigned_mediator_id: u.mediator!.id, assigned_legal_adviser_id: u.adviser!.id,
  }).where('id', '=', id).execute()
  return id
}

const FILING = { kind: 'judicial_confirmation', court: '佛山市南海区人民法院', court_ref: '', started_on: '2026-11-12', note: '双方共同申请' }
const file = async (b: Browser, id: number, form: Record<string, string> = FILING) => b.post(`/cases/${id}/court-linkages`, { ...form, version: await v(id) })

describe('filing a court linkage', () => {
  test('each state offers the kinds that make sense in it', async () => {
    const form = async (s: State) => (await (await as.officer!.get(`/cases/${await caseIn(s)}/court-linkages`)).text())
    expect(offered(await form(PERFORMING), 'kind')).toEqual(['judicial_confirmation', 'payment_order'])
    expect(offered(await form(COURT), 'kind')).toEqual(['entrusted_pre_filing', 'commissioned', 'commissioned_simple'])
    expect(offered(await form(COURT_AFTER_AGREEMENT), 'kind')).toEqual(['payment_order', 'entrusted_pre_filing', 'commissioned', 'commissioned_simple'])
  })

  test('the rights officer, the assigned mediator and the assigned legal adviser may file; each filing is stored, on the timeline and audited', async () => {
    for (const who of ['officer', 'mediator', 'adviser']) {
      const id = await caseIn(PERFORMING)
      expect(text(await (await as[who]!.get(`/cases/${id}`)).text())).toContain('诉调对接登记')
      const since = await lastAuditId(ctx.db)
      expect((await file(as[who]!, id)).status).toBe(303)
      const [row] = await linkages(id)
      expect(row).toMatchObject({ kind: 'judicial_confirmation', court: '佛山市南海区人民法院', court_ref: null, started_on: '2026-11-12', result: 'pending', result_on: null, note: '双方共同申请', recorded_by: u[who]!.id })
      expect(await auditRows(ctx.db, 'case.court_linkage', since)).toHaveLength(1)
      const page = text(await (await as.manager!.get(`/cases/${id}`)).text())
      expect(page).toContain('诉调对接登记；司法确认；佛山市南海区人民法院')
      expect(page).toContain('申请或收到：2026-11-12')
      expect(page).toContain('待法院处理')
      expect(page).toContain('案号未填')
    }
  })

  test('a pre-filing referral on a court-linkage leg, with the court’s reference number', async () => {
    const id = await caseIn(COURT)
    expect((await file(as.adviser!, id, { kind: 'commissioned', court: '佛山市南海区人民法院', court_ref: '（2026）粤0605民诉前调1234号', started_on: '2026-11-16', note: '' })).status).toBe(303)
    expect((await linkages(id))[0]).toMatchObject({ kind: 'commissioned', court_ref: '（2026）粤0605民诉前调1234号', note: null })
    expect(text(await (await as.officer!.get(`/cases/${id}`)).text())).toContain('案号：（2026）粤0605民诉前调1234号')
  })

  test('a mediator or adviser not assigned, a manager, the informant: 403, nothing written', async () => {
    const id = await caseIn(PERFORMING)
    for (const who of ['otherMediator', 'otherAdviser', 'manager', 'informant']) {
      expect((await as[who]!.get(`/cases/${id}/court-linkages`)).status).toBe(403)
      expect((await file(as[who]!, id)).status).toBe(403)
    }
    expect(await linkages(id)).toEqual([])
  })

  test('outside court work (mediating, closed): 409, nothing written', async () => {
    for (const s of [{ status: 'in_progress', route: 'mediation' }, { status: 'closed', route: 'court_linkage' }, { status: 'registered', route: null }]) {
      const id = await caseIn(s)
      expect((await file(as.officer!, id)).status).toBe(409)
      expect(await linkages(id)).toEqual([])
    }
  })
})

describe('filing: bad input', () => {
  test('blank: 422 with each message beside its field, nothing written', async () => {
    const id = await caseIn(PERFORMING)
    const res = await file(as.officer!, id, { kind: '', court: ' ', started_on: '' })
    expect(res.status).toBe(422)
    const html = await res.text()
    for (const f of ['kind', 'court', 'started_on']) expect(fieldError(html, f)).toBe('此项必填。')
    expect(await linkages(id)).toEqual([])
  })

  test('a kind that does not fit the case now, a future date, an over-long court or reference: 422, values kept', async () => {
    const id = await caseIn(PERFORMING)
    const res = await file(as.officer!, id, { kind: 'commissioned_simple', court: '法'.repeat(201), court_ref: '号'.repeat(81), started_on: '2026-11-21', note: '' })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(fieldError(html, 'kind')).toBe('请从列表中选择。')
    expect(fieldError(html, 'court')).toBe('内容过长：最多 200 字。')
    expect(fieldError(html, 'court_ref')).toBe('内容过长：最多 80 字。')
    expect(fieldError(html, 'started_on')).toBe('日期不能晚于今天。')
    expect(html).toContain('value="2026-11-21"')
    expect(await linkages(id)).toEqual([])
  })

  test('judicial confirmation applied before the agreement took effect: 422', async () => {
    const id = await caseIn(PERFORMING)
    const res = await file(as.officer!, id, { ...FILING, started_on: '2026-11-09' })
    expect(res.status).toBe(422)
    expect(fieldError(await res.text(), 'started_on')).toBe('不能早于调解协议生效之日。')
  })

  test('a second file of a kind still pending: 422; once the court answered, a new one may follow', async () => {
    const id = await caseIn(PERFORMING)
    expect((await file(as.officer!, id)).status).toBe(303)
    const again = await file(as.officer!, id)
    expect(again.status).toBe(422)
    expect(fieldError(await again.text(), 'kind')).toBe('同类对接还在等法院处理：请先记录那一件的结果。')
    expect((await file(as.officer!, id, { ...FILING, kind: 'payment_order' })).status).toBe(303)
    expect(await linkages(id)).toHaveLength(2)
  })
})

describe('the court’s result', () => {
  async function filed(s: State, form: Record<string, string> = FILING) {
    const id = await caseIn(s)
    expect((await file(as.officer!, id, form)).status).toBe(303)
    return { id, linkageId: (await linkages(id))[0]!.id }
  }
  const answer = async (b: Browser, id: number, lid: number, form: Record<string, string>) =>
    b.post(`/cases/${id}/court-linkages/${lid}/result`, { ...form, version: await v(id) })

  test('the case page offers “record result” beside a pending linkage, opening the form in the panel; a manager gets no link', async () => {
    const { id, linkageId } = await filed(PERFORMING)
    const href = `/cases/${id}/court-linkages/${linkageId}/result`
    const html = await (await as.adviser!.get(`/cases/${id}`)).text()
    expect(html).toContain(`hx-get="${href}" hx-target="#action-panel"`)
    expect(await (await as.manager!.get(`/cases/${id}`)).text()).not.toContain(href)
    const frag = await as.adviser!.get(href, { hx: true })
    expect(frag.status).toBe(200)
    expect(frag.headers.get('HX-Retarget')).toBe('#action-panel')
    expect(await frag.text()).not.toContain('<html')
  })

  test('only the results of the linkage’s kind are offered, and only they are accepted', async () => {
    const confirmation = await filed(PERFORMING)
    const form = await (await as.officer!.get(`/cases/${confirmation.id}/court-linkages/${confirmation.linkageId}/result`)).text()
    expect(offered(form, 'result')).toEqual(['confirmed', 'not_confirmed', 'withdrawn'])
    const res = await answer(as.officer!, confirmation.id, confirmation.linkageId, { result: 'mediated', result_on: '2026-11-19' })
    expect(res.status).toBe(422)
    expect(fieldError(await res.text(), 'result')).toBe('请从列表中选择。')
    expect((await linkages(confirmation.id))[0]).toMatchObject({ result: 'pending', result_on: null })

    const order = await filed(PERFORMING, { ...FILING, kind: 'payment_order' })
    expect(offered(await (await as.officer!.get(`/cases/${order.id}/court-linkages/${order.linkageId}/result`)).text(), 'result'))
      .toEqual(['order_issued', 'order_objected', 'withdrawn'])
    const referral = await filed(COURT, { ...FILING, kind: 'entrusted_pre_filing' })
    expect(offered(await (await as.officer!.get(`/cases/${referral.id}/court-linkages/${referral.linkageId}/result`)).text(), 'result'))
      .toEqual(['mediated', 'mediation_failed', 'withdrawn'])
  })

  test('a result dated before the application, in the future, or blank: 422, nothing changed', async () => {
    const { id, linkageId } = await filed(PERFORMING)
    const before = await answer(as.officer!, id, linkageId, { result: 'confirmed', result_on: '2026-11-11', court_ref: '号'.repeat(81) })
    expect(before.status).toBe(422)
    const html = await before.text()
    expect(fieldError(html, 'result_on')).toBe('结果日期不能早于申请或收到日期。')
    expect(fieldError(html, 'court_ref')).toBe('内容过长：最多 80 字。')
    expect(fieldError(await (await answer(as.officer!, id, linkageId, { result: 'confirmed', result_on: '2026-11-21' })).text(), 'result_on')).toBe('日期不能晚于今天。')
    const blank = await answer(as.officer!, id, linkageId, { result: '', result_on: '' })
    expect(blank.status).toBe(422)
    expect(fieldError(await blank.text(), 'result')).toBe('此项必填。')
    expect((await linkages(id))[0]).toMatchObject({ result: 'pending', result_on: null, court_ref: null })
  })

  test('recorded by the assigned mediator with the reference filled in now: stored, updated_at moved, on the page and the timeline; once only', async () => {
    const { id, linkageId } = await filed(PERFORMING)
    const filedAt = (await linkages(id))[0]!.updated_at
    ctx.clock.minutes(1)
    const res = await answer(as.mediator!, id, linkageId, { result: 'confirmed', result_on: '2026-11-19', court_ref: '（2026）粤0605民特88号', note: '已送达裁定书' })
    expect(res.status).toBe(303)
    const [row] = await linkages(id)
    expect(row).toMatchObject({ result: 'confirmed', result_on: '2026-11-19', court_ref: '（2026）粤0605民特88号', note: '已送达裁定书' })
    expect(row!.updated_at.getTime()).toBeGreaterThan(filedAt.getTime())
    const page = await (await as.officer!.get(`/cases/${id}`)).text()
    expect(text(page)).toContain('裁定确认有效（2026-11-19）')
    expect(text(page)).toContain('记录法院结果；司法确认；裁定确认有效')
    expect(page).not.toContain(`/court-linkages/${linkageId}/result"`)
    const again = await answer(as.officer!, id, linkageId, { result: 'withdrawn', result_on: '2026-11-20' })
    expect(again.status).toBe(422)
    expect(fieldError(await again.text(), 'result')).toBe('这件对接已记录法院结果。')
    expect((await linkages(id))[0]!.result).toBe('confirmed')
  })

  test('a court may answer after the case closed', async () => {
    const { id, linkageId } = await filed(PERFORMING)
    await ctx.db.updateTable('cases').set({ status: 'closed' }).where('id', '=', id).execute()
    expect((await answer(as.adviser!, id, linkageId, { result: 'not_confirmed', result_on: '2026-11-20' })).status).toBe(303)
    expect((await linkages(id))[0]!.result).toBe('not_confirmed')
  })

  test('a linkage of another case, or none at all: 404; a manager or an unassigned mediator: 403', async () => {
    const mine = await filed(PERFORMING)
    const other = await filed(PERFORMING)
    expect((await as.officer!.get(`/cases/${mine.id}/court-linkages/${other.linkageId}/result`)).status).toBe(404)
    expect((await answer(as.officer!, mine.id, other.linkageId, { result: 'confirmed', result_on: '2026-11-19' })).status).toBe(404)
    expect((await answer(as.officer!, mine.id, 999999, { result: 'confirmed', result_on: '2026-11-19' })).status).toBe(404)
    for (const who of ['manager', 'otherMediator']) expect((await answer(as[who]!, mine.id, mine.linkageId, { result: 'confirmed', result_on: '2026-11-19' })).status).toBe(403)
    expect((await linkages(other.id))[0]!.result).toBe('pending')
    expect((await linkages(mine.id))[0]!.result).toBe('pending')
  })
})

describe('hostile input', () => {
  const NASTY = ['', ' ', 'x'.repeat(100_000), '🙂'.repeat(5000), '<script>alert(1)</script>', "' or 1=1 --", '2026-02-30', '9'.repeat(40), 'pending']
  const FIELDS = ['kind', 'court', 'court_ref', 'started_on', 'note', 'result', 'result_on', 'legal_basis', 'advice', 'visibility', 'legal_aid']

  test('filing, a result or a note with junk in every field: never a server error, never a row written', async () => {
    const id = await caseIn(PERFORMING)
    expect((await file(as.adviser!, id)).status).toBe(303)
    const [linkage] = await linkages(id)
    for (const [i, junk] of NASTY.entries()) {
      const form: Record<string, string | string[]> = { version: await v(id) }
      FIELDS.forEach((f, j) => { form[f] = j % 3 === 0 ? [junk, 'judicial_confirmation'] : NASTY[(i + j) % NASTY.length]! })
      for (const path of [`/cases/${id}/court-linkages`, `/cases/${id}/court-linkages/${linkage!.id}/result`, `/cases/${id}/consultation-notes`]) {
        const res = await as.adviser!.post(path, form as Record<string, string>)
        expect(res.status, `${path} with ${JSON.stringify(junk).slice(0, 20)}`).toBe(422)
      }
    }
    expect(await linkages(id)).toHaveLength(1)
    expect((await linkages(id))[0]!.result).toBe('pending')
    expect(await ctx.db.selectFrom('consultation_notes').select('id').where('case_id', '=', id).execute()).toEqual([])
  })
})
