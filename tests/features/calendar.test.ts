import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { signedIn, text, type Browser } from '../support/http.ts'
import { auditRows, lastAuditId, makeDistrict, makeUser } from '../support/fixtures.ts'
import { createTestContext, type TestContext } from '../support/test-app.ts'

let ctx: TestContext
let admin: Browser
beforeAll(async () => {
  ctx = await createTestContext()
  const world = await makeDistrict(ctx.db)
  const u = await makeUser(ctx.db, world.district, ['admin'])
  admin = await signedIn(ctx.app, u.username, u.password)
})
afterAll(() => ctx.close())

const loaded = async (year: number) => (await ctx.db.selectFrom('calendar_years').select('year').where('year', '=', year).executeTakeFirst()) !== undefined

describe('the working-day calendar page', () => {
  test('shows the loaded years and the days of one, with the weekday', async () => {
    const html = text(await (await admin.get('/admin/calendar?year=2026')).text())
    expect(html).toContain('2026-10-01')
    expect(html).toContain('国庆节')
    expect(html).toContain('调休上班')
    expect(html).toMatch(/2027 未载入/)
  })

  test('importing next year’s notice adds the days and marks the year loaded, in one step, audited', async () => {
    const since = await lastAuditId(ctx.db)
    const res = await admin.post('/admin/calendar/import', { year: '2027', lines: 'date,kind,name\n2027-01-01,rest,元旦\n2027-02-06,rest,春节\n2027-02-20,makeup_workday,春节', source: '国办发明电〔2026〕7号' })
    expect(res.status).toBe(303)
    expect(await loaded(2027)).toBe(true)
    const days = await ctx.db.selectFrom('workday_calendar').select(['day', 'kind']).where('day', '>=', '2027-01-01').orderBy('day').execute()
    expect(days).toEqual([{ day: '2027-01-01', kind: 'rest' }, { day: '2027-02-06', kind: 'rest' }, { day: '2027-02-20', kind: 'makeup_workday' }])
    expect((await auditRows(ctx.db, 'admin.calendar.year_imported', since))[0]!.details).toEqual({ days: 3, source: '国办发明电〔2026〕7号' })
  })

  test('a bad notice is refused whole, each problem with its line number', async () => {
    const res = await admin.post('/admin/calendar/import', { year: '2028', lines: '2028-01-01,rest,元旦\n2028-01-05,makeup_workday,元旦\n2027-12-31,rest,元旦' })
    expect(res.status).toBe(422)
    const html = text(await res.text())
    expect(html).toContain('第 2 行：调休上班日只能是周六或周日')
    expect(html).toContain('第 3 行：日期不在所选年份')
    expect(await loaded(2028)).toBe(false)
    expect(await ctx.db.selectFrom('workday_calendar').select('day').where('day', '=', '2028-01-01').executeTakeFirst()).toBeUndefined()
  })

  test('days can be added and removed one by one; a year with no rest day cannot be marked loaded', async () => {
    expect((await admin.post('/admin/calendar/years', { year: '2029' })).status).toBe(422)
    const bad = await admin.post('/admin/calendar/days', { day: '2029-01-03', kind: 'makeup_workday', name: '元旦' })
    expect(bad.status).toBe(422)
    expect(text(await bad.text())).toContain('只能是周六或周日')
    expect((await admin.post('/admin/calendar/days', { day: '2029-01-01', kind: 'rest', name: '元旦' })).status).toBe(303)
    expect((await admin.post('/admin/calendar/years', { year: '2029', source: 'test' })).status).toBe(303)
    expect(await loaded(2029)).toBe(true)
    expect((await admin.post('/admin/calendar/days/2029-01-01/delete')).status).toBe(303)
    expect((await admin.post('/admin/calendar/days/2029-01-01/delete')).status).toBe(404)
  })

  test('is for admins only', async () => {
    const world = await makeDistrict(ctx.db)
    const m = await makeUser(ctx.db, world.district, ['manager'])
    const b = await signedIn(ctx.app, m.username, m.password)
    expect((await b.get('/admin/calendar')).status).toBe(403)
    expect((await b.post('/admin/calendar/days', { day: '2030-01-01', kind: 'rest', name: '元旦' })).status).toBe(403)
  })
})
