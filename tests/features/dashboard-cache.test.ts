import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { loadConfig } from '../../src/config.ts'
import { seedDemoCases } from '../../src/db/seed/demo-cases.ts'
import { seedOnFirstStart } from '../../src/db/seed/first-start.ts'
import { casesVersion } from '../../src/features/dashboard/dashboard-cache.ts'
import { Browser } from '../support/http.ts'
import { createTestContext, type TestContext } from '../support/test-app.ts'

// A computed dashboard is kept only while nothing it reads has changed: the next view after any
// committed change shows the change.

let ctx: TestContext
let manager: Browser
const PASSWORD = 'dashboard cache pass'
const PERIOD = 'from=2026-01&to=2026-11'

const received = async () => {
  const html = await (await manager.get(`/dashboard?${PERIOD}`)).text()
  const m = /data-testid="figure-received"[\s\S]*?class="figure-value"[^>]*>([^<]*)</.exec(html)
  return Number(m![1]!.replace(/,/g, ''))
}

beforeAll(async () => {
  ctx = await createTestContext()
  await seedOnFirstStart(ctx.db, { ...loadConfig({ DEMO_PASSWORD: PASSWORD }), dataDir: '/nonexistent-dashboard-cache' })
  await seedDemoCases(ctx.db, ctx.pii, ctx.clock.now())
  manager = new Browser(ctx.app)
  await manager.login('manager', PASSWORD)
}, 120_000)
afterAll(() => ctx.close())

describe('the data version behind kept dashboards', () => {
  test('moves once for each committed change to cases, and not for one rolled back', async () => {
    const before = BigInt(await casesVersion(ctx.db))
    await ctx.db.transaction().execute(async (trx) => {
      await trx.updateTable('cases').set({ title: sql`title` }).where('id', 'in', (s) => s.selectFrom('cases').select('id').limit(5)).execute()
      await trx.updateTable('cases').set({ title: sql`title` }).where('id', 'in', (s) => s.selectFrom('cases').select('id').limit(5)).execute()
    })
    expect(BigInt(await casesVersion(ctx.db))).toBe(before + 1n)
    await expect(ctx.db.transaction().execute(async (trx) => {
      await trx.updateTable('cases').set({ title: sql`title` }).where('id', '=', 1).execute()
      throw new Error('roll back')
    })).rejects.toThrow('roll back')
    expect(BigInt(await casesVersion(ctx.db))).toBe(before + 1n)
  })

  test('a dashboard seen again after a case changed shows the change; unchanged, it shows the same', async () => {
    const first = await received()
    expect(first).toBeGreaterThan(0)
    expect(await received()).toBe(first)
    const k = await ctx.db.selectFrom('cases').select('id').where('reported_at', '>=', new Date('2026-02-01T00:00:00Z'))
      .orderBy('id').executeTakeFirstOrThrow()
    await ctx.db.updateTable('cases').set({ reported_at: new Date('2019-06-01T02:00:00Z') }).where('id', '=', k.id).execute()
    expect(await received()).toBe(first - 1)
  })
})
