import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { sql } from 'kysely'
import postgres from 'postgres'
import { connectPostgres } from '../../src/db/connect.ts'
import { migrateToLatest } from '../../src/db/migrate.ts'
import { withDatabase } from '../support/global-setup.ts'
import { createTestContext, type TestContext } from '../support/test-app.ts'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx.close())

describe('one set of types from both drivers', () => {
  test('int8 is a string, date is YYYY-MM-DD, timestamptz is a Date, numeric is a string', async () => {
    const row = await sql<{ big: unknown; n: unknown; day: unknown; at: unknown; money: unknown; int: unknown }>`
      select 9007199254740993::int8 as big, count(*) as n, date '2026-05-06' as day,
             timestamptz '2026-05-06 08:00:00+08' as at, 12345.67::numeric as money, 42::int4 as int
      from (values (1), (2)) v(x)`.execute(ctx.db)
    const r = row.rows[0]!
    expect(r.big).toBe('9007199254740993')
    expect(r.n).toBe('2')
    expect(r.day).toBe('2026-05-06')
    expect(r.at).toBeInstanceOf(Date)
    expect((r.at as Date).toISOString()).toBe('2026-05-06T00:00:00.000Z')
    expect(r.money).toBe('12345.67')
    expect(r.int).toBe(42)
  })
})

describe('migrations', () => {
  test('running them again changes nothing', async () => {
    expect(await migrateToLatest(ctx.db)).toEqual([])
  })

  test('the official working-day calendar is loaded, with the years it covers', async () => {
    const csv = readFileSync(new URL('../../migrations/data/workday-calendar-cn.csv', import.meta.url), 'utf8').trim().split('\n').slice(1)
    const count = await ctx.db.selectFrom('workday_calendar').select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow()
    expect(Number(count.n)).toBe(csv.length)
    const national = await ctx.db.selectFrom('workday_calendar').selectAll().where('day', '=', '2026-10-01').executeTakeFirstOrThrow()
    expect(national.kind).toBe('rest')
    const years = await ctx.db.selectFrom('calendar_years').select('year').orderBy('year').execute()
    expect(years.map((y) => y.year)).toEqual([2024, 2025, 2026])
  })

  test.skipIf(!process.env.DATABASE_URL)('two processes migrating an empty PostgreSQL database at once apply each migration once', async () => {
    const url = process.env.DATABASE_URL!
    const name = `fq_t_${process.ppid}_mig${Math.random().toString(36).slice(2, 8)}`
    const admin = postgres(url, { max: 1, onnotice: () => {} })
    await admin.unsafe(`create database ${name}`)
    try {
      const a = await connectPostgres(withDatabase(url, name))
      const b = await connectPostgres(withDatabase(url, name))
      const [ra, rb] = await Promise.all([migrateToLatest(a.db), migrateToLatest(b.db)])
      expect([...ra, ...rb].sort()).toEqual((await a.db.selectFrom('kysely_migration' as never).select('name' as never).execute()).map((r) => (r as { name: string }).name).sort())
      expect(ra.length === 0 || rb.length === 0).toBe(true)
      await a.db.destroy()
      await b.db.destroy()
    } finally {
      await admin.unsafe(`drop database if exists ${name} with (force)`)
      await admin.end()
    }
  })
})

describe('jsonb values', () => {
  test('objects and arrays are stored as JSON, not as a JSON string or a PostgreSQL array', async () => {
    const { jsonb } = await import('../../src/db/jsonb.ts')
    const row = await sql<{ o: unknown; a: unknown; t: string }>`select ${jsonb({ a: 1, b: '中' })} as o, ${jsonb([{ code: 'x' }, 2])} as a, jsonb_typeof(${jsonb([1])}) as t`.execute(ctx.db)
    expect(row.rows[0]).toEqual({ o: { a: 1, b: '中' }, a: [{ code: 'x' }, 2], t: 'array' })
  })
})
