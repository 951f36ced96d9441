import ExcelJS from 'exceljs'
import { sql } from 'kysely'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { allow } from '../../src/auth/access.ts'
import { exportLimits } from '../../src/features/exports/export-limits.ts'
import { runPendingExportJobs } from '../../src/features/exports/export-jobs.ts'
import { tableExport } from '../../src/features/exports/export-response.ts'
import type { App } from '../../src/app.ts'
import { makeCase, makeRespondent, worker } from '../support/case-fixtures.ts'
import { auditRows, lastAuditId, makeDistrict, makeUser, type District, type TestUser } from '../support/fixtures.ts'
import { Browser, signedIn, text } from '../support/http.ts'
import { createTestContext, type TestContext } from '../support/test-app.ts'

let ctx: TestContext
let world: District
let app: App
let boss: TestUser
let officerA: TestUser
let manager: Browser
let officer: Browser
const DAY = 86_400_000
const k: Record<string, { id: number; caseNo: string }> = {}
const DEFAULTS = { ...exportLimits }

const FULL_PHONE = '13812345678'
const FULL_ID = '440105199001011234'
const EVIL = '=HYPERLINK("http://evil.example","点我")'

beforeAll(async () => {
  ctx = await createTestContext()
  world = await makeDistrict(ctx.db)
  // A second app over the same database, with a dashboard-like table route that calls tableExport.
  app = ctx.appWith({})
  for (const format of ['csv', 'xlsx'] as const) {
    app.get(`/test-table.${format}`, allow('manager'), (c) =>
      tableExport(c, {
        format,
        name: 'by-town',
        columns: ['镇街', '案件数'],
        rows: [['桂城', 12], ['+狮山', 3], [null, 0]],
        audit: { kind: 'dashboard.towns', filter: 'period=2026-10' },
      }),
    )
  }
  boss = await makeUser(ctx.db, world.district, ['manager'])
  officerA = await makeUser(ctx.db, world.townA, ['rights_officer'])
  const officerB = await makeUser(ctx.db, world.townB, ['rights_officer'])
  const now = ctx.clock.now()
  const at = (days: number) => new Date(now.getTime() - days * DAY)
  const acme = await makeRespondent(ctx.db, { name: '甲公司' })
  const beta = await makeRespondent(ctx.db, { name: '乙公司' })
  k.evil = await makeCase(ctx, world.grassrootsA, officerA, {
    reportedAt: at(3),
    workersInvolved: 3,
    respondents: [{ respondentId: acme.id, role: 'employer' }, { respondentId: beta.id, role: 'main_contractor' }],
    workers: [
      worker(EVIL, { phone: FULL_PHONE, idType: 'resident_id', idNumber: FULL_ID }),
      worker('王芳', { phone: '13998765432' }),
    ],
    claims: [{ kind: 'wages', description: '', amountFen: 1234560n }],
  })
  k.closedA = await makeCase(ctx, world.townA, officerA, { reportedAt: at(10), workers: [worker('刘洋')] })
  await ctx.db.updateTable('cases').set({
    status: 'closed', route: 'mediation', closure_reason: 'agreement_performed', closed_at: at(2), resolution_level: 'town', recovered_fen: '500000',
  }).where('id', '=', k.closedA.id).execute()
  k.townB = await makeCase(ctx, world.townB, officerB, { reportedAt: at(1), workers: [worker('李四')] })
})
afterAll(() => ctx.close())
// Every test starts a new hour (and so signs in again), so the rate limit of one test never
// spills into the next.
beforeEach(async () => {
  ctx.clock.minutes(61)
  manager = await signedIn(app, boss.username, boss.password)
  officer = await signedIn(app, officerA.username, officerA.password)
})
afterEach(() => Object.assign(exportLimits, DEFAULTS))

const BOM = '\uFEFF'

/** RFC 4180 records (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(body: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') (cell += '"'), i++
      else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') row.push(cell), (cell = '')
    else if (ch === '\r' && body[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++
    else cell += ch
  }
  if (cell || row.length) row.push(cell), rows.push(row)
  return rows
}

/** The body as sent (Response.text() would drop the byte order mark). */
const decode = async (res: Response) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer())

async function csv(b: Browser, query = '') {
  const res = await b.get(`/exports/cases.csv${query}`)
  expect(res.status).toBe(200)
  const body = await decode(res)
  return { res, body, rows: parseCsv(body.replace(/^\uFEFF/, '')) }
}

async function workbook(res: Response) {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer)
  return book
}

const sheetRows = (ws: ExcelJS.Worksheet) => {
  const out: unknown[][] = []
  ws.eachRow((row) => out.push((row.values as unknown[]).slice(1)))
  return out
}

describe('the case list as CSV', () => {
  test('UTF-8 with a byte order mark, Chinese headers, an attachment with an ASCII name, never cached', async () => {
    const { res, body, rows } = await csv(manager)
    expect(body.startsWith(BOM)).toBe(true)
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('Content-Disposition')).toMatch(/^attachment; filename="cases-\d{8}-\d{4}\.csv"$/)
    expect(res.headers.get('Cache-Control')).toBe('no-store')
    expect(rows[0]).toEqual([
      '案号', '收到日期', '镇街', '被申请人', '劳动者', '首位劳动者电话', '涉及人数', '争议类型', '来源渠道', '风险', '状态', '处理方式',
      '调解员', '最近期限', '结案原因', '结案日期', '化解层级', '请求金额（元）', '挽回金额（元）',
    ])
    expect(body).toContain('\r\n')
  })

  test('the filename is the Beijing time of the export', async () => {
    ctx.clock.current = new Date('2026-11-22T07:30:00Z')
    manager = await signedIn(app, boss.username, boss.password)
    const { res } = await csv(manager)
    expect(res.headers.get('Content-Disposition')).toBe('attachment; filename="cases-20261122-1530.csv"')
  })

  test('one row per case, newest first, each column filled from the case', async () => {
    const { rows } = await csv(manager)
    expect(rows.slice(1).map((r) => r[0])).toEqual([k.townB!.caseNo, k.evil!.caseNo, k.closedA!.caseNo])
    const evil = rows.find((r) => r[0] === k.evil!.caseNo)!
    expect(evil[2]).toBe(world.townA.name)
    expect(evil[3]).toBe('甲公司 等 2 家')
    expect(evil[4]).toBe(`'${EVIL} 等 2 人`)
    expect(evil[5]).toBe('138****5678')
    expect(evil[6]).toBe('3')
    expect(evil[7]).toBe('劳动报酬（欠薪）')
    expect(evil[17]).toBe('12345.60')
    expect(evil[18]).toBe('')
    const closed = rows.find((r) => r[0] === k.closedA!.caseNo)!
    expect(closed.slice(10, 12)).toEqual(['已结案', '调解'])
    expect(closed[14]).toBe('协议已履行')
    expect(closed[16]).toBe('镇街化解')
    expect(closed[18]).toBe('5000.00')
    expect(closed[15]).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  })

  test('English headers and labels for an English-speaking user', async () => {
    await manager.post('/lang', { locale: 'en', back: '/' })
    const { rows } = await csv(manager)
    await manager.post('/lang', { locale: 'zh-CN', back: '/' })
    expect(rows[0]![0]).toBe('Number')
    expect(rows[0]![17]).toBe('Claimed (yuan)')
    expect(rows.find((r) => r[0] === k.evil!.caseNo)![3]).toBe('甲公司 and 1 more')
  })

  test('a formula in a name comes out as text', async () => {
    const { body } = await csv(manager)
    expect(body).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"") 等 2 人"`)
    expect(body).not.toMatch(/(^|,)"?=HYPERLINK/m)
  })

  test('personal numbers only masked: no full ID or mobile number anywhere', async () => {
    const stored = await ctx.db.selectFrom('workers').select('id_masked').where('case_id', '=', k.evil!.id).execute()
    expect(stored.some((w) => w.id_masked?.startsWith('4401'))).toBe(true)
    const { body } = await csv(manager)
    expect(body).not.toMatch(/\d{17}[\dXx]/)
    expect(body).not.toMatch(/1[3-9]\d{9}/)
    expect(body).toContain('138****5678')
  })

  test('the list filter applies: a town filter leaves out the other towns', async () => {
    const { rows } = await csv(manager, `?town=${world.townA.id}`)
    expect(rows.slice(1).map((r) => r[0]).sort()).toEqual([k.evil!.caseNo, k.closedA!.caseNo].sort())
    const closed = await csv(manager, '?status=closed')
    expect(closed.rows.slice(1).map((r) => r[0])).toEqual([k.closedA!.caseNo])
  })

  test("a town's officer exports only the town's cases, whatever the filter asks", async () => {
    for (const query of ['', `?town=${world.townB.id}`, `?holder=${world.townB.id}`]) {
      const { rows } = await csv(officer, query)
      expect(rows.slice(1).map((r) => r[0]).sort(), query).toEqual([k.evil!.caseNo, k.closedA!.caseNo].sort())
    }
  })

  test('a search by phone finds the case, and the audit row keeps the number masked', async () => {
    const before = await lastAuditId(ctx.db)
    const { rows } = await csv(manager, `?q=${FULL_PHONE}`)
    expect(rows.slice(1).map((r) => r[0])).toEqual([k.evil!.caseNo])
    const [row] = await auditRows(ctx.db, 'export', before)
    expect(row!.details).toMatchObject({ filter: 'q=138****5678', rows: 1 })
    expect(JSON.stringify(row)).not.toContain(FULL_PHONE)
    // A number inside a text search is masked too.
    const since = await lastAuditId(ctx.db)
    await csv(manager, `?q=${encodeURIComponent(`张伟 ${FULL_PHONE} ${FULL_ID}`)}`)
    const [text] = await auditRows(ctx.db, 'export', since)
    expect((text!.details as { filter: string }).filter).toBe(new URLSearchParams({ q: '张伟 138****5678 4401**********1234' }).toString())
  })

  test('each export is audited once it is complete: kind, format, filter and row count', async () => {
    const before = await lastAuditId(ctx.db)
    await csv(manager, `?town=${world.townA.id}&status=&sort=oldest&after=t0i0`)
    const rows = await auditRows(ctx.db, 'export', before)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ actor_id: boss.id, outcome: 'success', object_type: 'export', object_id: 'cases' })
    expect(rows[0]!.details).toEqual({ kind: 'cases', format: 'csv', filter: `town=${world.townA.id}`, rows: 2 })
  })

  test('a browser that leaves half way stops the reading, and the audit row says so', async () => {
    exportLimits.batchRows = 1
    const before = await lastAuditId(ctx.db)
    const res = await manager.get('/exports/cases.csv')
    const reader = res.body!.getReader()
    await reader.read()
    await reader.cancel()
    const rows = await auditRows(ctx.db, 'export', before)
    expect(rows).toHaveLength(1)
    expect(rows[0]!.outcome).toBe('failure')
    expect(rows[0]!.details).toMatchObject({ complete: false, reason: 'client_left' })
    expect((rows[0]!.details as { rows: number }).rows).toBeLessThan(3)
  })

  test('batches of any size give the same file', async () => {
    const whole = (await csv(manager)).body
    exportLimits.batchRows = 1
    expect((await csv(manager)).body).toBe(whole)
    exportLimits.batchRows = 2
    expect((await csv(manager)).body).toBe(whole)
  })
})

describe('the case list as XLSX', () => {
  test('opens in a spreadsheet reader with the same rows, amounts as numbers and dates as dates', async () => {
    const res = await manager.get('/exports/cases.xlsx')
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(res.headers.get('Content-Disposition')).toMatch(/^attachment; filename="cases-\d{8}-\d{4}\.xlsx"$/)
    expect(res.headers.get('Cache-Control')).toBe('no-store')
    const book = await workbook(res)
    expect(book.worksheets.map((w) => w.name)).toEqual(['cases'])
    const rows = sheetRows(book.worksheets[0]!)
    expect(rows[0]![0]).toBe('案号')
    expect(rows.slice(1).map((r) => r[0])).toEqual([k.townB!.caseNo, k.evil!.caseNo, k.closedA!.caseNo])
    const evil = rows.find((r) => r[0] === k.evil!.caseNo)!
    expect(evil[4]).toBe(`'${EVIL} 等 2 人`)
    expect(evil[5]).toBe('138****5678')
    expect(evil[6]).toBe(3)
    expect(evil[17]).toBe(12345.6)
    expect(evil[1]).toBeInstanceOf(Date)
    const all = JSON.stringify(rows)
    expect(all).not.toMatch(/\d{17}[\dXx]/)
    expect(all).not.toMatch(/1[3-9]\d{9}/)
  })

  test('a full sheet continues on the next, each with its header', async () => {
    exportLimits.sheetRows = 3 // the header and two cases
    const book = await workbook(await manager.get('/exports/cases.xlsx'))
    expect(book.worksheets.map((w) => w.name)).toEqual(['cases', 'cases (2)'])
    const [first, second] = book.worksheets.map(sheetRows)
    expect(first!.map((r) => r[0])).toEqual(['案号', k.townB!.caseNo, k.evil!.caseNo])
    expect(second!.map((r) => r[0])).toEqual(['案号', k.closedA!.caseNo])
  })

  test('the audit row names the format', async () => {
    const before = await lastAuditId(ctx.db)
    await (await manager.get('/exports/cases.xlsx?risk=green')).arrayBuffer()
    const [row] = await auditRows(ctx.db, 'export', before)
    expect(row!.details).toEqual({ kind: 'cases', format: 'xlsx', filter: 'risk=green', rows: 3 })
  })
})

describe('who may export, and how often', () => {
  test('informants, mediators and the admin are refused', async () => {
    for (const roles of [['informant'], ['mediator'], ['legal_adviser'], ['admin']] as const) {
      const u = await makeUser(ctx.db, world.townA, [...roles])
      const b = await signedIn(app, u.username, u.password)
      for (const path of ['/exports/cases.csv', '/exports/cases.xlsx', '/exports']) expect((await b.get(path)).status, `${roles[0]} ${path}`).toBe(403)
      expect((await b.post('/exports/jobs', { format: 'csv', filter: '' })).status).toBe(403)
    }
  })

  test('the eleventh export within an hour is refused with 429, and the hour moves on', async () => {
    const u = await makeUser(ctx.db, world.district, ['manager'])
    const b = await signedIn(app, u.username, u.password)
    for (let i = 0; i < 10; i++) {
      ctx.clock.minutes(1)
      const res = await b.get(i % 2 ? '/exports/cases.csv' : '/exports/cases.xlsx')
      expect(res.status).toBe(200)
      await res.arrayBuffer()
    }
    const before = await lastAuditId(ctx.db)
    const refused = await b.get('/exports/cases.csv')
    expect(refused.status).toBe(429)
    expect(text(await refused.text())).toContain('每人每小时最多导出 10 次')
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0)
    expect((await auditRows(ctx.db, 'export', before)).map((r) => r.outcome)).toEqual(['denied'])
    // The dashboard tables count towards the same limit.
    expect((await b.get('/test-table.csv')).status).toBe(429)
    // An hour after the first of the ten (the session having lapsed meanwhile), the next may go.
    ctx.clock.minutes(51)
    const again = await signedIn(app, u.username, u.password)
    expect((await again.get('/exports/cases.csv')).status).toBe(200)
  })
})

describe('a dashboard table (tableExport)', () => {
  test('CSV with a byte order mark, neutralised cells, numbers as numbers, and an audit row', async () => {
    const before = await lastAuditId(ctx.db)
    const res = await manager.get('/test-table.csv')
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Disposition')).toMatch(/^attachment; filename="by-town-\d{8}-\d{4}\.csv"$/)
    expect(await decode(res)).toBe(`${BOM}镇街,案件数\r\n桂城,12\r\n'+狮山,3\r\n,0\r\n`)
    const [row] = await auditRows(ctx.db, 'export', before)
    expect(row!.details).toEqual({ kind: 'dashboard.towns', format: 'csv', filter: 'period=2026-10', rows: 3 })
  })

  test('XLSX', async () => {
    const book = await workbook(await manager.get('/test-table.xlsx'))
    expect(book.worksheets[0]!.name).toBe('by-town')
    expect(sheetRows(book.worksheets[0]!)).toEqual([['镇街', '案件数'], ['桂城', 12], ["'+狮山", 3], [undefined, 0]])
  })
})

describe('exports too large to stream run in the background', () => {
  const jobId = (res: Response) => Number(/^\/exports\/jobs\/(\d+)$/.exec(res.headers.get('Location') ?? '')![1])

  test('a page offers the job; the job runs, shows its progress, and serves the same file to its owner only', async () => {
    exportLimits.streamRows = 1
    const offer = await manager.get(`/exports/cases.csv?town=${world.townA.id}&q=`)
    expect(offer.status).toBe(200)
    expect(offer.headers.get('Content-Type')).toContain('text/html')
    const html = await offer.text()
    expect(text(html)).toContain('符合条件的案件超过 1 件')
    expect(html).toContain('action="/exports/jobs"')
    expect(html).toContain(`name="filter" value="town=${world.townA.id}"`)
    // A page, not an export: nothing audited yet.
    const before = await lastAuditId(ctx.db)

    exportLimits.chunkBytes = 200 // several stored chunks
    const created = await manager.post('/exports/jobs', { format: 'csv', filter: `town=${world.townA.id}` })
    expect(created.status).toBe(303)
    const id = jobId(created)
    await runPendingExportJobs(ctx.db, { pii: ctx.pii, now: ctx.clock.now })

    const job = await ctx.db.selectFrom('export_jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect(job).toMatchObject({ status: 'done', rows_done: 2, rows_total: 2, user_id: boss.id, filter: `town=${world.townA.id}` })
    expect(job.chunks).toBeGreaterThan(1)
    const progress = await manager.get(`/exports/jobs/${id}`)
    const page = await progress.text()
    expect(text(page)).toContain('已完成')
    expect(page).toContain(`href="/exports/jobs/${id}/file"`)
    expect(page).not.toContain('hx-trigger="every 2s"')

    const file = await manager.get(`/exports/jobs/${id}/file`)
    expect(file.status).toBe(200)
    expect(file.headers.get('Cache-Control')).toBe('no-store')
    expect(file.headers.get('Content-Disposition')).toBe(`attachment; filename="${job.filename}"`)
    const bytes = new Uint8Array(await file.arrayBuffer())
    expect(Number(file.headers.get('Content-Length'))).toBe(bytes.length)

    const audited = await auditRows(ctx.db, 'export', before)
    expect(audited).toHaveLength(1)
    expect(audited[0]).toMatchObject({ actor_id: boss.id, object_type: 'export_job', object_id: String(id), outcome: 'success' })
    expect(audited[0]!.details).toMatchObject({ kind: 'cases', format: 'csv', filter: `town=${world.townA.id}`, rows: 2 })
    expect(await auditRows(ctx.db, 'export.download', before)).toHaveLength(1)

    // The same export streamed directly gives the same bytes.
    exportLimits.streamRows = DEFAULTS.streamRows
    const direct = new Uint8Array(await (await manager.get(`/exports/cases.csv?town=${world.townA.id}`)).arrayBuffer())
    expect(Buffer.from(bytes).equals(Buffer.from(direct))).toBe(true)

    // Nobody else sees the job or its file: not another manager, not the job's own town officer.
    const other = await signedIn(app, (await makeUser(ctx.db, world.district, ['manager'])).username, 'correct horse battery staple')
    for (const b of [other, officer]) {
      expect((await b.get(`/exports/jobs/${id}`)).status).toBe(404)
      expect((await b.get(`/exports/jobs/${id}/file`)).status).toBe(404)
    }
    const mine = await manager.get('/exports')
    expect(await mine.text()).toContain(`href="/exports/jobs/${id}/file"`)
  })

  test('while the job waits, its progress section polls itself every 2 seconds', async () => {
    exportLimits.streamRows = 1
    const id = jobId(await manager.post('/exports/jobs', { format: 'xlsx', filter: '' }))
    // Not awaited by the request; set it back to waiting to look at it before it runs.
    await runPendingExportJobs(ctx.db, { pii: ctx.pii, now: ctx.clock.now })
    await ctx.db.updateTable('export_jobs').set({ status: 'queued', rows_total: null, rows_done: 0 }).where('id', '=', id).execute()
    const waiting = await manager.get(`/exports/jobs/${id}`)
    const html = await waiting.text()
    expect(html).toContain('hx-trigger="every 2s"')
    expect(html).toContain('<progress')
    expect(text(html)).toContain('排队中')
    const fragment = await manager.request(`/exports/jobs/${id}`, { hx: true, headers: { 'HX-Target': 'job-progress' } })
    const part = await fragment.text()
    expect(part.trimStart().startsWith('<section id="job-progress"')).toBe(true)
    expect(part).not.toContain('<html')
    await runPendingExportJobs(ctx.db, { pii: ctx.pii, now: ctx.clock.now })
    const done = await (await manager.request(`/exports/jobs/${id}`, { hx: true, headers: { 'HX-Target': 'job-progress' } })).text()
    expect(done).not.toContain('hx-trigger')
    expect(done).toContain(`/exports/jobs/${id}/file`)
    const book = await workbook(await manager.get(`/exports/jobs/${id}/file`))
    expect(sheetRows(book.worksheets[0]!).slice(1).map((r) => r[0])).toEqual([k.townB!.caseNo, k.evil!.caseNo, k.closedA!.caseNo])
  })

  test('a job runs as its user today: a user disabled since gets nothing', async () => {
    const u = await makeUser(ctx.db, world.district, ['manager'])
    const b = await signedIn(app, u.username, u.password)
    exportLimits.streamRows = 1
    const id = jobId(await b.post('/exports/jobs', { format: 'csv', filter: '' }))
    // Disabled before the job runs (the request kicked it; make it wait again first).
    await runPendingExportJobs(ctx.db, { pii: ctx.pii, now: ctx.clock.now })
    await ctx.db.deleteFrom('export_job_chunks').where('job_id', '=', id).execute()
    await ctx.db.updateTable('export_jobs').set({ status: 'queued' }).where('id', '=', id).execute()
    await ctx.db.updateTable('users').set({ disabled_at: ctx.clock.now() }).where('id', '=', u.id).execute()
    await runPendingExportJobs(ctx.db, { pii: ctx.pii, now: ctx.clock.now })
    const job = await ctx.db.selectFrom('export_jobs').select(['status', 'error']).where('id', '=', id).executeTakeFirstOrThrow()
    expect(job).toEqual({ status: 'failed', error: 'user' })
    expect(await ctx.db.selectFrom('export_job_chunks').select('seq').where('job_id', '=', id).execute()).toEqual([])
  })

  test('a job whose process died is taken over by another; after three tries it is given up', async () => {
    exportLimits.streamRows = 1
    const id = jobId(await manager.post('/exports/jobs', { format: 'csv', filter: `town=${world.townA.id}` }))
    await runPendingExportJobs(ctx.db, { pii: ctx.pii, now: ctx.clock.now })
    // As if a process had claimed it and died: running, with a heartbeat long gone.
    const stale = new Date(ctx.clock.now().getTime() - 10 * 60_000)
    await ctx.db.updateTable('export_jobs').set({ status: 'running', heartbeat_at: stale, attempts: 1 }).where('id', '=', id).execute()
    await runPendingExportJobs(ctx.db, { pii: ctx.pii, now: ctx.clock.now })
    const retaken = await ctx.db.selectFrom('export_jobs').select(['status', 'attempts', 'rows_done']).where('id', '=', id).executeTakeFirstOrThrow()
    expect(retaken).toEqual({ status: 'done', attempts: 2, rows_done: 2 })
    await ctx.db.updateTable('export_jobs').set({ status: 'running', heartbeat_at: stale, attempts: 3 }).where('id', '=', id).execute()
    await runPendingExportJobs(ctx.db, { pii: ctx.pii, now: ctx.clock.now })
    const job = await ctx.db.selectFrom('export_jobs').select(['status', 'error']).where('id', '=', id).executeTakeFirstOrThrow()
    expect(job).toEqual({ status: 'failed', error: 'stalled' })
    expect(text(await (await manager.get(`/exports/jobs/${id}`)).text())).toContain('任务已放弃')
  })

  test('a search by phone is never stored in a job; a bad request is refused', async () => {
    expect((await manager.post('/exports/jobs', { format: 'csv', filter: `q=${FULL_PHONE}` })).status).toBe(422)
    expect((await manager.post('/exports/jobs', { format: 'csv', filter: `q=${encodeURIComponent(`张伟 ${FULL_ID}`)}` })).status).toBe(422)
    expect((await manager.post('/exports/jobs', { format: 'pdf', filter: '' })).status).toBe(422)
    expect((await manager.post('/exports/jobs', { format: 'csv' })).status).toBe(422)
    const stored = await ctx.db.selectFrom('export_jobs').select('filter').execute()
    expect(stored.some((j) => j.filter.includes(FULL_PHONE))).toBe(false)
  })

  test('two processes on one PostgreSQL share the queue: every job is run exactly once', async ({ skip }) => {
    if (ctx.kind !== 'postgres') return skip('PGlite is one process with one connection')
    const { connectPostgres } = await import('../../src/db/connect.ts')
    const { withDatabase } = await import('../support/global-setup.ts')
    const { insertExportJob } = await import('../../src/features/exports/exports.queries.ts')
    const name = (await sql<{ db: string }>`select current_database() as db`.execute(ctx.db)).rows[0]!.db
    const second = await connectPostgres(withDatabase(process.env.DATABASE_URL!, name))
    try {
      const ids: number[] = []
      for (let i = 0; i < 6; i++) {
        ids.push(await insertExportJob(ctx.db, {
          userId: boss.id, kind: 'cases', format: i % 2 ? 'xlsx' : 'csv', filter: '', locale: 'zh-CN', filename: `cases-${i}.csv`, requestId: 'test',
        }, ctx.clock.now()))
      }
      const before = await lastAuditId(ctx.db)
      const deps = { pii: ctx.pii, now: ctx.clock.now }
      const [a, b] = await Promise.all([runPendingExportJobs(ctx.db, deps), runPendingExportJobs(second.db, deps)])
      expect(a + b).toBe(6)
      const jobs = await ctx.db.selectFrom('export_jobs').select(['id', 'status', 'attempts', 'rows_done']).where('id', 'in', ids).orderBy('id').execute()
      expect(jobs.map((j) => [j.status, j.attempts, j.rows_done])).toEqual(ids.map(() => ['done', 1, 3]))
      expect((await auditRows(ctx.db, 'export', before)).map((r) => r.object_id).sort()).toEqual(ids.map(String).sort())
    } finally {
      await second.db.destroy()
    }
  })

  test('jobs and files older than seven days are deleted', async () => {
    const { deleteExpiredJobs } = await import('../../src/features/exports/exports.queries.ts')
    exportLimits.streamRows = 1
    const id = jobId(await manager.post('/exports/jobs', { format: 'csv', filter: '' }))
    await runPendingExportJobs(ctx.db, { pii: ctx.pii, now: ctx.clock.now })
    expect(await deleteExpiredJobs(ctx.db, new Date(ctx.clock.now().getTime() - 7 * DAY))).toBe(0)
    await deleteExpiredJobs(ctx.db, new Date(ctx.clock.now().getTime() + 1000))
    expect(await ctx.db.selectFrom('export_jobs').select('id').where('id', '=', id).execute()).toEqual([])
    expect(await ctx.db.selectFrom('export_job_chunks').select('seq').where('job_id', '=', id).execute()).toEqual([])
  })
})
