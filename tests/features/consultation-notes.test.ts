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
  ctx = await createTestContext()
  world = await makeDistrict(ctx.db)
  u.officer = await makeUser(ctx.db, world.townA, ['rights_officer'])
  u.adviser = await makeUser(ctx.db, world.townA, ['legal_adviser'], { displayName: '律师王' })
  u.otherAdviser = await makeUser(ctx.db, world.townA, ['legal_adviser'])
  u.mediator = await makeUser(ctx.db, world.townA, ['mediator'])
  u.manager = await makeUser(ctx.db, world.townA, ['manager'])
  u.informant = await makeUser(ctx.db, world.grassrootsA, ['informant'])
  for (const [name, user] of Object.entries(u)) as[name] = await signedIn(ctx.app, user.username, user.password)
})
afterAll(() => ctx.close())

const kase = (id: number) => ctx.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
const v = async (id: number) => String((await kase(id)).version)
const notes = (id: number) => ctx.db.selectFrom('consultation_notes').selectAll().where('case_id', '=', id).orderBy('id').execute()
const events = (id: number) => ctx.db.selectFrom('case_events').selectAll().where('case_id', '=', id).where('kind', '=', 'record.consultation_note').execute()
/** The message printed beside a field of the generic form. */
const fieldError = (html: string, name: string) => text(new RegExp(`<small id="f-${name}-err"[^>]*>([\\s\\S]*?)</small>`).exec(html)?.[1] ?? '').trim()

/** A case reported by the informant, accepted, with the adviser and mediator assigned. */
async function assigned(status = 'in_progress', route = 'legal_consultation') {
  const { id } = await makeCase(ctx, world.grassrootsA, u.informant!)
  await ctx.db.updateTable('cases').set({ status, route, assigned_legal_adviser_id: u.adviser!.id, assigned_mediator_id: u.mediator!.id }).where('id', '=', id).execute()
  return id
}

const NOTE = {
  legal_basis: '《劳动合同法》第三十条：用人单位应当按照劳动合同约定和国家规定，及时足额支付劳动报酬。\n\n《劳动争议调解仲裁法》第二十七条',
  advice: '建议先行调解，争取一次性支付欠薪。\n调解不成，及时申请仲裁。',
  legal_aid: 'yes',
}

describe('writing a note', () => {
  test('the assigned legal adviser finds the button and the form, with the long fields’ own limits', async () => {
    const id = await assigned()
    const page = await (await as.adviser!.get(`/cases/${id}`)).text()
    expect(page).toContain('data-testid="action-consultation_note"')
    const form = await (await as.adviser!.get(`/cases/${id}/consultation-notes`)).text()
    expect(form).toMatch(/<textarea id="f-legal_basis"[^>]*maxlength="4000"/)
    expect(form).toMatch(/<textarea id="f-advice"[^>]*maxlength="8000"/)
    // Visibility has no preselected answer: the adviser decides each time.
    expect(form).toMatch(/<select id="f-visibility"[^>]*>\s*<option value="" selected>/)
    // Legal aid is a box to tick, unticked at first; a 422 keeps it ticked.
    expect(form).toMatch(/<input id="f-legal_aid" name="legal_aid" type="checkbox" value="yes" aria/)
    const again = await (await as.adviser!.post(`/cases/${id}/consultation-notes`, { ...NOTE, advice: '', visibility: 'shared', version: await v(id) })).text()
    expect(again).toMatch(/<input id="f-legal_aid" name="legal_aid" type="checkbox" value="yes" checked/)
  })

  test('a shared note is stored, on the timeline by its visibility only, and audited', async () => {
    const id = await assigned()
    const since = await lastAuditId(ctx.db)
    const res = await as.adviser!.post(`/cases/${id}/consultation-notes`, { ...NOTE, visibility: 'shared', version: await v(id) })
    expect(res.status).toBe(303)
    const [note] = await notes(id)
    expect(note).toMatchObject({ author_id: u.adviser!.id, visibility: 'shared', legal_aid: true, advice: NOTE.advice, legal_basis: NOTE.legal_basis })
    const [event] = await events(id)
    expect(Object.keys(event!.payload).sort()).toEqual(['note_id', 'status', 'version', 'visibility'])
    expect(await auditRows(ctx.db, 'case.consultation_note', since)).toHaveLength(1)
  })

  test('legal aid not recommended is stored as false', async () => {
    const id = await assigned()
    expect((await as.adviser!.post(`/cases/${id}/consultation-notes`, { ...NOTE, legal_aid: 'no', visibility: 'internal', version: await v(id) })).status).toBe(303)
    expect((await notes(id))[0]!.legal_aid).toBe(false)
  })

  test('a legal basis past 3,000 characters is kept whole, not cut', async () => {
    const id = await assigned()
    const long = '依据'.repeat(1900) // 3,800 characters
    expect((await as.adviser!.post(`/cases/${id}/consultation-notes`, { ...NOTE, legal_basis: long, visibility: 'shared', version: await v(id) })).status).toBe(303)
    expect((await notes(id))[0]!.legal_basis).toBe(long)
  })
})

describe('who may write, and when', () => {
  test('a mediator, a rights officer or a legal adviser not assigned: 403, nothing written', async () => {
    const id = await assigned()
    for (const who of ['mediator', 'officer', 'otherAdviser', 'manager']) {
      expect((await as[who]!.get(`/cases/${id}/consultation-notes`)).status).toBe(403)
      expect((await as[who]!.post(`/cases/${id}/consultation-notes`, { ...NOTE, visibility: 'shared', version: await v(id) })).status).toBe(403)
    }
    expect(await notes(id)).toEqual([])
  })

  test('a closed case: 409, nothing written', async () => {
    const id = await assigned('closed')
    const res = await as.adviser!.post(`/cases/${id}/consultation-notes`, { ...NOTE, visibility: 'shared', version: await v(id) })
    expect(res.status).toBe(409)
    expect(await notes(id)).toEqual([])
  })

  test('a case outside the adviser’s scope does not exist for them', async () => {
    const { id } = await makeCase(ctx, world.townB, u.officer!)
    expect((await as.adviser!.post(`/cases/${id}/consultation-notes`, { ...NOTE, visibility: 'shared', version: '1' })).status).toBe(404)
  })
})

describe('bad input', () => {
  test('blank fields: 422, each message beside its field, nothing written', async () => {
    const id = await assigned()
    const res = await as.adviser!.post(`/cases/${id}/consultation-notes`, { legal_basis: '  ', advice: '', version: await v(id) }, { hx: true })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(fieldError(html, 'legal_basis')).toBe('此项必填。')
    expect(fieldError(html, 'advice')).toBe('此项必填。')
    expect(fieldError(html, 'visibility')).toBe('此项必填。')
    expect(await notes(id)).toEqual([])
  })

  test('too long, or a visibility not offered: 422 with the limit named, and everything typed kept', async () => {
    const id = await assigned()
    const advice = '意'.repeat(8001)
    const res = await as.adviser!.post(`/cases/${id}/consultation-notes`, { legal_basis: '依据'.repeat(2001), advice, visibility: 'public', version: await v(id) })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(fieldError(html, 'legal_basis')).toBe('内容过长：最多 4000 字。')
    expect(fieldError(html, 'advice')).toBe('内容过长：最多 8000 字。')
    expect(fieldError(html, 'visibility')).toBe('请从列表中选择。')
    expect(html).toContain(`>${advice}</textarea>`)
    expect(await notes(id)).toEqual([])
  })

  test('a stale form: 409, nothing written', async () => {
    const id = await assigned()
    const res = await as.adviser!.post(`/cases/${id}/consultation-notes`, { ...NOTE, visibility: 'shared', version: String(Number(await v(id)) - 1) })
    expect(res.status).toBe(409)
    expect(await notes(id)).toEqual([])
  })
})

describe('who may read', () => {
  const INTERNAL = { legal_basis: '内部依据：对方可能主张已过时效', advice: '内部判断：胜诉把握约六成，不宜告知对方', visibility: 'internal', legal_aid: 'no' }

  test('an internal note: the adviser reads it; the mediator, rights officer and manager see no trace of its content, on the page or the timeline', async () => {
    const id = await assigned()
    expect((await as.adviser!.post(`/cases/${id}/consultation-notes`, { ...INTERNAL, version: await v(id) })).status).toBe(303)
    const mine = text(await (await as.adviser!.get(`/cases/${id}`)).text())
    expect(mine).toContain('内部判断：胜诉把握约六成')
    expect(mine).toContain('律师王')
    for (const who of ['mediator', 'officer', 'manager']) {
      const html = await (await as[who]!.get(`/cases/${id}`)).text()
      expect(html).not.toContain('胜诉把握')
      expect(html).not.toContain('对方可能主张')
      expect(html).not.toContain('data-testid="note-')
      // The timeline says a note was written, no more.
      expect(text(html)).toContain('法律咨询意见；内部')
      expect(text(html)).toContain('尚无可查看的法律咨询意见')
    }
  })

  test('a shared note: the mediator, rights officer and manager read it, newest first; the informant who reported the case does not', async () => {
    const id = await assigned()
    await as.adviser!.post(`/cases/${id}/consultation-notes`, { ...NOTE, visibility: 'shared', version: await v(id) })
    await as.adviser!.post(`/cases/${id}/consultation-notes`, { ...INTERNAL, version: await v(id) })
    await as.adviser!.post(`/cases/${id}/consultation-notes`, { legal_basis: '第二份依据', advice: '第二份意见', visibility: 'shared', version: await v(id) })
    for (const who of ['mediator', 'officer', 'manager']) {
      const html = await (await as[who]!.get(`/cases/${id}`)).text()
      const words = text(html)
      expect(words).toContain('建议先行调解，争取一次性支付欠薪。')
      expect(words.indexOf('第二份意见')).toBeLessThan(words.indexOf('建议先行调解'))
      expect(words).toContain('建议申请法律援助')
      expect(html).not.toContain('胜诉把握')
      // Paragraphs as typed.
      expect(html).toContain('<p>调解不成，及时申请仲裁。</p>')
    }
    const informant = await as.informant!.get(`/cases/${id}`)
    expect(informant.status).toBe(200)
    const html = await informant.text()
    expect(html).not.toContain('data-testid="consultation-notes"')
    expect(html).not.toContain('建议先行调解')
  })
})
