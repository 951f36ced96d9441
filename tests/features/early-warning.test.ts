import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { loadCurrentUser } from '../../src/auth/auth.queries.ts'
import { earlyWarningCount } from '../../src/features/early-warning/early-warning.queries.ts'
import { makeCase, makeRespondent, worker } from '../support/case-fixtures.ts'
import { makeDistrict, makeUnit, makeUser, type District, type TestUser, type Unit } from '../support/fixtures.ts'
import { signedIn, text } from '../support/http.ts'
import { createTestContext, type TestContext } from '../support/test-app.ts'

let ctx: TestContext
let world: District
beforeAll(async () => {
  ctx = await createTestContext()
  world = await makeDistrict(ctx.db)
})
afterAll(() => ctx.close())

const caseNos = (html: string) => html.match(/南海-\d{4}-\d{6}/g) ?? []
const cards = (html: string) => [...html.matchAll(/<article class="warning-card"[\s\S]*?<\/article>/g)].map((m) => m[0])

/** A town of its own, so each test sees only the cases it made. */
async function freshTown(): Promise<{ town: Unit; officer: TestUser }> {
  const town = await makeUnit(ctx.db, 'town', world.district)
  return { town, officer: await makeUser(ctx.db, town, ['rights_officer']) }
}

describe('the early-warning board', () => {
  test('lists open red and orange cases, red first, then the longest open first', async () => {
    const { town, officer } = await freshTown()
    const at = (iso: string) => ({ reportedAt: new Date(iso), applicationReceivedAt: new Date(iso) })
    const redNew = await makeCase(ctx, town, officer, { ...at('2026-11-19T02:00:00Z'), collectiveSigns: ['blocking'] })
    const orangeOld = await makeCase(ctx, town, officer, { ...at('2026-11-01T02:00:00Z'), disputeTypes: ['collective_contract'] })
    const redOld = await makeCase(ctx, town, officer, { ...at('2026-11-05T02:00:00Z'), workersInvolved: 40 })
    const orangeNew = await makeCase(ctx, town, officer, { ...at('2026-11-15T02:00:00Z'), collectiveSigns: ['gathering'] })
    const yellow = await makeCase(ctx, town, officer, { workers: [worker('张三', { migrant: true })] })
    const green = await makeCase(ctx, town, officer)
    const closedRed = await makeCase(ctx, town, officer, { collectiveSigns: ['petition'] })
    const declinedOrange = await makeCase(ctx, town, officer, { disputeTypes: ['collective_contract'] })
    await ctx.db.updateTable('cases').set({ status: 'closed' }).where('id', '=', closedRed.id).execute()
    await ctx.db.updateTable('cases').set({ status: 'declined' }).where('id', '=', declinedOrange.id).execute()

    const b = await signedIn(ctx.app, officer.username, officer.password)
    const html = await (await b.get('/early-warning')).text()
    expect(caseNos(html)).toEqual([redOld.caseNo, redNew.caseNo, orangeOld.caseNo, orangeNew.caseNo])
    for (const hidden of [yellow, green, closedRed, declinedOrange]) expect(html).not.toContain(hidden.caseNo)
    expect(await earlyWarningCount(ctx.db, (await loadCurrentUser(ctx.db, officer.id))!)).toBe(4)
    expect(text(html)).toContain('4 件')
  })

  test('each card shows the risk with its reasons, the respondent, the workers involved, days open, the town and the next deadline', async () => {
    const { town, officer } = await freshTown()
    const unit = await makeUnit(ctx.db, 'grassroots', town)
    const r = await makeRespondent(ctx.db, { name: '里水鞋业有限公司' })
    const other = await makeRespondent(ctx.db, { name: '里水鞋业劳务派遣公司' })
    const party = [{ respondentId: r.id, role: 'employer' as const }]
    // 2026-11-10 17:00 UTC is already 11 November in Beijing; the clock reads 20 November: 9 days.
    const first = await makeCase(ctx, unit, officer, {
      reportedAt: new Date('2026-11-10T17:00:00Z'),
      respondents: [...party, { respondentId: other.id, role: 'dispatcher' }],
      workersInvolved: 6,
      workers: [],
    })
    await makeCase(ctx, unit, officer, { respondents: party, workersInvolved: 7, workers: [] })
    const b = await signedIn(ctx.app, officer.username, officer.password)
    const html = await (await b.get('/early-warning')).text()
    const card = cards(html).find((c) => c.includes(first.caseNo))!
    expect(card).toContain(`href="/cases/${first.id}"`)
    expect(card).toContain('<span class="badge warn">橙色</span>')
    const words = text(card)
    expect(words).toContain('群体性争议：同一被申请人、同类争议 30 日内合计 13 名劳动者（达到 10 人）')
    expect(words).toContain('里水鞋业有限公司 等 2 家')
    expect(words).toContain('涉及劳动者 13 人')
    expect(words).toContain('已受理 9 天')
    expect(words).toContain(town.name)
    // The nearest running clock, with its day and the days left (DESIGN §7: deadlines with days left).
    expect(words).toContain('最近期限 受理决定 2026-11-25 剩 5 天')
  })

  test('an empty board says so and points onward', async () => {
    const { officer } = await freshTown()
    const b = await signedIn(ctx.app, officer.username, officer.password)
    const res = await b.get('/early-warning')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('data-testid="warnings-empty"')
    expect(text(html)).toContain('目前没有红色或橙色预警案件')
    expect(html).toContain('href="/cases"')
    expect(await earlyWarningCount(ctx.db, (await loadCurrentUser(ctx.db, officer.id))!)).toBe(0)
  })

  test('is for managers, rights officers and bargaining instructors only', async () => {
    const { town } = await freshTown()
    for (const role of ['manager', 'rights_officer', 'bargaining_instructor'] as const) {
      const u = await makeUser(ctx.db, town, [role])
      expect((await (await signedIn(ctx.app, u.username, u.password)).get('/early-warning')).status, role).toBe(200)
    }
    for (const role of ['mediator', 'legal_adviser', 'informant', 'admin'] as const) {
      const u = await makeUser(ctx.db, role === 'informant' ? world.grassrootsA : town, [role])
      expect((await (await signedIn(ctx.app, u.username, u.password)).get('/early-warning')).status, role).toBe(403)
    }
  })
})

describe('the navigation badge', () => {
  test('counts the open red and orange cases a manager can see, on every full page, and only there', async () => {
    const { town, officer } = await freshTown()
    const manager = await makeUser(ctx.db, town, ['manager'])
    const b = await signedIn(ctx.app, manager.username, manager.password)
    const badge = (html: string) => /data-testid="badge-earlyWarning">(\d+)</.exec(html)?.[1]
    expect(badge(await (await b.get('/')).text())).toBeUndefined()
    await makeCase(ctx, town, officer, { collectiveSigns: ['stoppage'] })
    await makeCase(ctx, town, officer, { disputeTypes: ['collective_contract'] })
    await makeCase(ctx, town, officer)
    expect(badge(await (await b.get('/')).text())).toBe('2')
    expect(badge(await (await b.get('/cases')).text())).toBe('2')
    // A mediator has no early-warning entry, so no badge and no count query.
    const mediator = await makeUser(ctx.db, town, ['mediator'])
    const m = await signedIn(ctx.app, mediator.username, mediator.password)
    expect(await (await m.get('/')).text()).not.toContain('badge-earlyWarning')
  })
})
