import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { loadConfig } from '../../src/config.ts'
import { seedOnFirstStart } from '../../src/db/seed/first-start.ts'
import { ROLES } from '../../src/domain/roles.ts'
import { seedDemoCases } from '../../src/db/seed/demo-cases.ts'
import { usccProblem } from '../../src/domain/uscc.ts'
import { CASE_STATUSES, ROUTES } from '../../src/domain/case-vocabulary.ts'
import { beijingDate, daysBetween } from '../../src/domain/beijing-date.ts'
import { Browser, text } from '../support/http.ts'
import { createTestContext, type TestContext } from '../support/test-app.ts'

const dirs: string[] = []
const dataDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'fq-seed-'))
  dirs.push(d)
  return d
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

describe('first start, development', () => {
  let ctx: TestContext
  let dir: string
  beforeAll(async () => {
    ctx = await createTestContext()
    dir = dataDir()
  })
  afterAll(() => ctx.close())

  test('creates the district, the seven Nanhai towns and one demo user per role, with one generated password kept in the data folder', async () => {
    const config = { ...loadConfig({}), dataDir: dir }
    const first = await seedOnFirstStart(ctx.db, config)
    const towns = await ctx.db.selectFrom('org_units').select('name').where('kind', '=', 'town').orderBy('id').execute()
    expect(towns.map((t) => t.name)).toEqual(['桂城街道总工会', '狮山镇总工会', '大沥镇总工会', '里水镇总工会', '西樵镇总工会', '九江镇总工会', '丹灶镇总工会'])
    const grassroots = await ctx.db.selectFrom('org_units').select('id').where('kind', '=', 'grassroots').execute()
    expect(grassroots.length).toBeGreaterThanOrEqual(14)
    expect(first.logins.map((l) => l.username)).toEqual([...ROLES])
    expect(first.password).toBe(readFileSync(path.join(dir, 'demo-password'), 'utf8').trim())

    // The same password at every start, and nothing created twice.
    const second = await seedOnFirstStart(ctx.db, config)
    expect(second.password).toBe(first.password)
    const users = await ctx.db.selectFrom('users').select('username').execute()
    expect(users).toHaveLength(ROLES.length + 18) // plus an informant, a rights officer and a mediator in each other town
    expect(second.needsDemoCases).toBe(false)
    expect(first.needsDemoCases).toBe(true)

    for (const role of ROLES) {
      const b = new Browser(ctx.app)
      await b.login(role, first.password!)
      const home = text(await (await b.get('/')).text())
      expect(home).toContain('您好')
    }
  })
})

describe('first start, with DEMO_PASSWORD', () => {
  test('uses the given password', async () => {
    const ctx = await createTestContext()
    try {
      const report = await seedOnFirstStart(ctx.db, { ...loadConfig({ DEMO_PASSWORD: 'demo pass for tests' }), dataDir: dataDir() })
      expect(report.password).toBe('demo pass for tests')
      await new Browser(ctx.app).login('mediator', 'demo pass for tests')
    } finally {
      await ctx.close()
    }
  })
})

describe('first start, production', () => {
  test('creates no demo users; ADMIN_PASSWORD creates one admin who must change it', async () => {
    const ctx = await createTestContext()
    try {
      const none = await seedOnFirstStart(ctx.db, { ...loadConfig({ NODE_ENV: 'production' }), dataDir: dataDir() })
      expect(none.logins).toEqual([])
      expect(await ctx.db.selectFrom('users').select('id').execute()).toEqual([])
      expect(none.notes.join()).toContain('ADMIN_PASSWORD')

      await seedOnFirstStart(ctx.db, { ...loadConfig({ NODE_ENV: 'production', ADMIN_PASSWORD: 'first admin secret phrase' }), dataDir: dataDir() })
      const users = await ctx.db.selectFrom('users').select(['username', 'must_change_password']).execute()
      expect(users).toEqual([{ username: 'admin', must_change_password: true }])
      const b = new Browser(ctx.app)
      await b.login('admin', 'first admin secret phrase')
      const res = await b.get('/admin/users')
      expect(res.status).toBe(303)
      expect(res.headers.get('Location')).toBe('/account/password')
    } finally {
      await ctx.close()
    }
  })
})

describe('the demo cases', () => {
  test('a few hundred cases across every town, channel, type and risk level, over two years, with valid codes', async () => {
    const ctx = await createTestContext()
    try {
      await seedOnFirstStart(ctx.db, { ...loadConfig({ DEMO_PASSWORD: 'demo pass for tests' }), dataDir: dataDir() })
      const now = new Date('2026-11-21T02:00:00Z')
      const n = await seedDemoCases(ctx.db, ctx.pii, now)
      expect(n).toBeGreaterThanOrEqual(300)
      const cases = await ctx.db.selectFrom('cases').select(['org_unit_id', 'channel', 'dispute_types', 'risk_level', 'status', 'reported_at', 'collective_group_id']).execute()
      expect(cases).toHaveLength(n)
      const distinct = (f: (c: (typeof cases)[number]) => unknown) => new Set(cases.map(f)).size
      expect(distinct((c) => c.channel)).toBe(11)
      expect(distinct((c) => c.risk_level)).toBe(4)
      expect(new Set(cases.map((c) => c.status))).toEqual(new Set(CASE_STATUSES))
      expect(new Set(cases.flatMap((c) => c.dispute_types)).size).toBe(9)
      expect(cases.some((c) => c.collective_group_id !== null)).toBe(true)
      const days = cases.map((c) => (now.getTime() - c.reported_at.getTime()) / 86_400_000)
      expect(Math.max(...days)).toBeGreaterThan(500)
      expect(Math.min(...days)).toBeLessThan(10)
      const towns = await ctx.db.selectFrom('cases').innerJoin('org_units as u', 'u.id', 'cases.org_unit_id')
        .select('u.path').execute()
      expect(new Set(towns.map((t) => t.path.split('/')[2])).size).toBe(7)
      const codes = await ctx.db.selectFrom('respondents').select('uscc').where('uscc', 'is not', null).execute()
      expect(codes.length).toBeGreaterThan(50)
      expect(codes.filter((c) => usccProblem(c.uscc!) !== null)).toEqual([])
      // A rights officer of another town signs in and sees that town's cases.
      const b = new Browser(ctx.app)
      await b.login('rights_officer_ss', 'demo pass for tests')

      // Through their life: every route, overdue mediations, limitation dates near, referrals.
      const routes = await ctx.db.selectFrom('cases').select('route').distinct().where('route', 'is not', null).execute()
      expect(new Set(routes.map((r) => r.route))).toEqual(new Set(ROUTES))
      const clocks = await ctx.db.selectFrom('case_clocks').select(['kind', 'status', 'due_on']).execute()
      expect(clocks.filter((c) => c.kind === 'mediation' && c.status === 'overdue').length).toBeGreaterThan(0)
      const today = beijingDate(now)
      expect(clocks.filter((c) => c.kind === 'limitation' && c.due_on && c.due_on >= today && daysBetween(today, c.due_on) <= 30).length).toBeGreaterThan(0)
      const legs = await ctx.db.selectFrom('case_legs').select(['state', 'to_unit_id', 'outside_body', 'outside_ref']).execute()
      expect(legs.some((l) => l.state === 'awaiting_ack' && l.to_unit_id !== null)).toBe(true)
      expect(legs.some((l) => l.state === 'rejected')).toBe(true)
      expect(legs.some((l) => l.outside_body && l.outside_ref)).toBe(true)
      const closed = await ctx.db.selectFrom('cases').select(['closure_reason', 'closed_at', 'decline_reason', 'status']).where('status', 'in', ['closed', 'declined']).execute()
      expect(closed.every((c) => (c.status === 'closed' ? c.closure_reason && c.closed_at : c.decline_reason))).toBe(true)
      const steps = await ctx.db.selectFrom('case_events').select('kind').where('kind', 'like', 'action.%').execute()
      expect(steps.length).toBeGreaterThan(100)

      // How cases were resolved (issue 5): every closed case has a level and an amount recovered.
      const closures = await ctx.db.selectFrom('cases').select(['closure_reason', 'resolution_level', 'recovered_fen']).where('status', '=', 'closed').execute()
      expect(closures.every((c) => c.resolution_level && c.recovered_fen !== null)).toBe(true)
      expect(new Set(closures.map((c) => c.resolution_level))).toEqual(new Set(['grassroots', 'town', 'district', 'court']))
      // Roughly 75–90% of mediations that ended did so with an agreement or a settlement, not 100%.
      const mediated = await ctx.db.selectFrom('cases').select(['status', 'closure_reason'])
        .where((eb) => eb.exists(eb.selectFrom('mediation_sessions').select('id').whereRef('mediation_sessions.case_id', '=', 'cases.id')))
        .where('status', 'in', ['closed', 'referred_out']).execute()
      const agreed = mediated.filter((c) => ['agreement_performed', 'agreement_reached', 'negotiated_settlement'].includes(c.closure_reason ?? '')).length
      expect(mediated.length).toBeGreaterThan(40)
      expect(agreed / mediated.length).toBeGreaterThanOrEqual(0.75)
      expect(agreed / mediated.length).toBeLessThanOrEqual(0.9)
      // Agreements add up: instalments sum to the amount agreed, payments never exceed an instalment.
      const agreements = await ctx.db.selectFrom('agreements').select(['id', 'case_id']).execute()
      expect(agreements.length).toBeGreaterThan(20)
      const items = await ctx.db.selectFrom('agreement_items').select(['agreement_id', 'agreed_fen']).execute()
      const instalments = await ctx.db.selectFrom('agreement_instalments').select(['id', 'agreement_id', 'amount_fen', 'due_on']).execute()
      const payments = await ctx.db.selectFrom('agreement_payments').select(['instalment_id', 'amount_fen']).execute()
      for (const a of agreements) {
        const agreedSum = items.filter((i) => i.agreement_id === a.id).reduce((x, i) => x + BigInt(i.agreed_fen), 0n)
        expect(instalments.filter((i) => i.agreement_id === a.id).reduce((x, i) => x + BigInt(i.amount_fen), 0n)).toBe(agreedSum)
      }
      const paidOn = (id: number) => payments.filter((p) => p.instalment_id === id).reduce((x, p) => x + BigInt(p.amount_fen), 0n)
      expect(instalments.every((i) => paidOn(i.id) <= BigInt(i.amount_fen))).toBe(true)
      // Some instalments are overdue; performed agreements were paid in full, and that is what closure recovered.
      expect(instalments.some((i) => i.due_on < today && paidOn(i.id) < BigInt(i.amount_fen))).toBe(true)
      const performed = await ctx.db.selectFrom('cases').select(['id', 'recovered_fen']).where('closure_reason', '=', 'agreement_performed').execute()
      expect(performed.length).toBeGreaterThan(5)
      for (const k of performed) {
        const agreement = agreements.find((a) => a.case_id === k.id)!
        const paid = instalments.filter((i) => i.agreement_id === agreement.id).reduce((x, i) => x + paidOn(i.id), 0n)
        expect(BigInt(k.recovered_fen!)).toBe(paid)
      }
      const sessions = await ctx.db.selectFrom('mediation_sessions').select(['result', 'next_session_on']).execute()
      expect(new Set(sessions.map((x) => x.result)).size).toBeGreaterThanOrEqual(5)
      expect(sessions.some((x) => x.next_session_on === today)).toBe(true)
      const notes = await ctx.db.selectFrom('consultation_notes').select('visibility').execute()
      expect(new Set(notes.map((n) => n.visibility))).toEqual(new Set(['internal', 'shared']))
      const court = await ctx.db.selectFrom('court_linkages').select(['kind', 'result']).execute()
      expect(court.some((x) => x.kind === 'judicial_confirmation')).toBe(true)
      expect(court.some((x) => x.kind !== 'judicial_confirmation' && x.result !== 'pending')).toBe(true)

      // What the demo users see first.
      const section = (html: string, id: string) => html.slice(html.indexOf(`data-testid="${id}"`), html.indexOf('</section>', html.indexOf(`data-testid="${id}"`)))
      const home = async (who: string) => {
        const u = new Browser(ctx.app)
        await u.login(who, 'demo pass for tests')
        return (await u.get('/')).text()
      }
      expect(section(await home('mediator'), 'home-mediator')).toMatch(/南海-\d{4}-\d{6}/)
      expect(section(await home('rights_officer'), 'home-triage')).toMatch(/南海-\d{4}-\d{6}/)
      const manager = await home('manager')
      expect(Number(/data-testid="figure-overdue"><strong>(\d+)</.exec(manager)?.[1])).toBeGreaterThan(0)
    } finally {
      await ctx.close()
    }
  }, 120_000)
})
