import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { sql } from 'kysely'
import postgres from 'postgres'
import { connectPostgres, type Db } from '../../src/db/connect.ts'
import { withDatabase } from '../support/global-setup.ts'
import { text, type Browser } from '../support/http.ts'
import { TEST_PII_KEY } from '../support/test-app.ts'
import { appChildren, freePort, killAllServers, remoteBrowser, startServer, type ServerProcess } from './server-process.ts'

/**
 * Real `npm start` processes (node + tsx, no npm) against one PostgreSQL database of their own:
 * what one process writes, every other must honour — sessions, idempotency keys, case numbers,
 * export jobs — and the once-per-start work (migrations, seed, demo cases) happens once.
 */
const pgUrl = process.env.DATABASE_URL
const PASSWORD = 'multi-process-demo-pw'
const PII_KEY = Buffer.from(TEST_PII_KEY).toString('hex')
const INTAKES_PER_PROCESS = 40

if (!pgUrl) {
  test('several app processes on one PostgreSQL', ({ skip }) => {
    skip('needs PostgreSQL: set DATABASE_URL (embedded PGlite is one process’s own database, so there is nothing to share)')
  })
}

/** A database of its own, dropped afterwards; named like the test support's so its teardown sweeps leftovers. */
function scratchDatabase() {
  const name = `fq_t_${process.ppid}_mp${Math.random().toString(36).slice(2, 8)}`
  const admin = postgres(pgUrl!, { max: 1, onnotice: () => {} })
  const dataDirs: string[] = []
  return {
    url: withDatabase(pgUrl!, name),
    create: () => admin.unsafe(`create database ${name}`),
    dataDir() {
      dataDirs.push(mkdtempSync(path.join(tmpdir(), 'fq-mp-')))
      return dataDirs.at(-1)!
    },
    async drop() {
      await admin.unsafe(`drop database if exists ${name} with (force)`)
      await admin.end()
      for (const d of dataDirs) rmSync(d, { recursive: true, force: true })
    },
  }
}

const serverEnv = (url: string, port: number, dataDir: string, more: Record<string, string> = {}) => ({
  DATABASE_URL: url, PORT: String(port), DATA_DIR: dataDir, NODE_ENV: 'development', DEMO_PASSWORD: PASSWORD, PII_KEY, ...more,
})

/** Waits until one of the servers has printed it (whichever did the once-only work). */
async function printedByOne(servers: ServerProcess[], pattern: RegExp, ms = 120_000) {
  const until = Date.now() + ms
  while (Date.now() < until) {
    const hit = servers.map((s) => pattern.exec(s.output())).find(Boolean)
    if (hit) return hit
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`nobody printed ${pattern}:\n${servers.map((s) => s.output()).join('\n----\n')}`)
}

const count = (s: ServerProcess, pattern: RegExp) => s.output().match(new RegExp(pattern, 'g'))?.length ?? 0
const caseIdOf = (res: Response) => Number(res.headers.get('Location')!.split('/').pop())
const seqOf = (caseNo: string) => Number(caseNo.slice(-6))

/** Beijing wall-clock time as a datetime-local input shows it. */
const beijingNow = () => new Date(Date.now() + 8 * 3_600_000 - 60_000).toISOString().slice(0, 16)

describe.runIf(pgUrl)('two app processes started together on one PostgreSQL', () => {
  const scratch = pgUrl ? scratchDatabase() : undefined!
  let db: Db
  let a: ServerProcess
  let b: ServerProcess
  let demoCases: number
  let respondents: number[]
  let officerUnit: number

  beforeAll(async () => {
    await scratch.create()
    const [portA, portB] = [await freePort(), await freePort()]
    // Both at once on an empty database: the first-start lock makes them take turns.
    a = startServer(serverEnv(scratch.url, portA, scratch.dataDir()))
    b = startServer(serverEnv(scratch.url, portB, scratch.dataDir()))
    await Promise.all([a.waitFor(/Open http/), b.waitFor(/Open http/)])
    demoCases = Number((await printedByOne([a, b], /Demo district: (\d+) cases written/))[1])
    ;({ db } = await connectPostgres(scratch.url))
    // An employer of its own per intake: many cases against one employer within 30 days form a
    // collective dispute, and each intake then re-checks every case of it, which is not what this measures.
    respondents = (await db.insertInto('respondents')
      .values(Array.from({ length: 2 * INTAKES_PER_PROCESS + 2 }, (_, i) => ({ kind: 'organisation', name: `多进程测试用人单位${i}`, created_at: new Date() })))
      .returning('id').execute()).map((r) => r.id)
    officerUnit = (await db.selectFrom('users').select('org_unit_id').where('username', '=', 'rights_officer').executeTakeFirstOrThrow()).org_unit_id
  }, 180_000)

  afterAll(async () => {
    killAllServers()
    await db?.destroy()
    await scratch.drop()
  })

  const signedInOn = async (s: ServerProcess, username: string) => {
    const browser = remoteBrowser(s.url)
    const form = await browser.get('/login')
    expect(form.status).toBe(200)
    expect(await form.text()).toContain('name="password"')
    await browser.login(username, PASSWORD)
    return browser
  }

  /** The rights officer's full registration, one worker and one claim, with a key of its own. */
  const intake = (i: number, respondent = respondents[i % respondents.length]!) => ({
    _key: crypto.randomUUID(),
    channel: 'visit',
    reported_at: beijingNow(),
    application: 'yes',
    application_received_at: beijingNow(),
    org_unit_id: String(officerUnit),
    title: `多进程登记测试 ${i}`,
    'respondents.0.respondent_id': String(respondent),
    'respondents.0.role': 'employer',
    'workers.0.name': '测试工人',
    'workers.0.phone': `139${String(10_000_000 + i)}`,
    'workers.0.id_type': 'none',
    dispute_types: ['wages'],
    'claims.0.kind': 'wages',
    'claims.0.description': '拖欠工资',
    'claims.0.amount': '3,200.00',
    facts: '两个进程同时登记，用于检验案号连续。',
  })

  test('they migrated, seeded and wrote the demo cases once between them', async () => {
    expect(count(a, /Migrated:/) + count(b, /Migrated:/)).toBe(1)
    expect(count(a, /Demo district:/) + count(b, /Demo district:/)).toBe(1)
    const districts = await db.selectFrom('org_units').select('id').where('kind', '=', 'district').execute()
    expect(districts).toHaveLength(1)
    const cases = await sql<{ n: string }>`select count(*) as n from cases`.execute(db)
    expect(Number(cases.rows[0]!.n)).toBe(demoCases)
    expect(await db.selectFrom('key_fingerprints').select('purpose').execute()).toEqual([{ purpose: 'pii' }])
  })

  test('a sign-in on one process is a session on the other, and signing out on either ends it', async () => {
    const onA = await signedInOn(a, 'rights_officer')
    const onB = remoteBrowser(b.url)
    const anonymous = await onB.get('/cases')
    expect(anonymous.status).toBe(303)
    expect(anonymous.headers.get('Location')).toMatch(/^\/login/)

    onB.cookies = new Map(onA.cookies)
    const list = await onB.get('/cases')
    expect(list.status).toBe(200)
    expect(text(await list.text())).toContain('李建国')

    expect((await onB.post('/logout')).status).toBe(303)
    expect((await onA.get('/cases')).headers.get('Location')).toMatch(/^\/login/)
  })

  test(`${INTAKES_PER_PROCESS} intakes on each process at once: unique, consecutive case numbers for the year`, { timeout: 120_000 }, async () => {
    const onA = await signedInOn(a, 'rights_officer')
    const onB = await signedInOn(b, 'rights_officer')
    const forms = Array.from({ length: 2 * INTAKES_PER_PROCESS }, (_, i) => intake(i))
    const started = performance.now()
    const results = await Promise.all(forms.map((f, i) => (i % 2 ? onB : onA).post('/cases?form=full', f)))
    const seconds = (performance.now() - started) / 1000
    console.log(`${forms.length} intakes over two processes in ${seconds.toFixed(2)} s: ${(forms.length / seconds).toFixed(0)} cases/s`)

    expect(results.map((r) => r.status)).toEqual(forms.map(() => 303))
    const ids = results.map(caseIdOf)
    const mine = await db.selectFrom('cases').select('case_no').where('id', 'in', ids).execute()
    expect(new Set(mine.map((c) => c.case_no)).size).toBe(forms.length)

    const year = /-(\d{4})-\d{6}$/.exec(mine[0]!.case_no)![1]
    const all = await db.selectFrom('cases').select('case_no').where('case_no', 'like', `%-${year}-%`).execute()
    const seqs = all.map((c) => seqOf(c.case_no)).sort((x, y) => x - y)
    expect(seqs).toEqual(seqs.map((_, i) => i + 1))
    const counter = await db.selectFrom('case_counters').select('last_seq').where('year', '=', Number(year)).executeTakeFirstOrThrow()
    expect(counter.last_seq).toBe(seqs.length)
  })

  test('a form resent to the other process lands on the same case, also when both arrive at once', async () => {
    const onA = await signedInOn(a, 'rights_officer')
    const onB = await signedInOn(b, 'rights_officer')
    const cases = async () => Number((await sql<{ n: string }>`select count(*) as n from cases`.execute(db)).rows[0]!.n)

    const form = intake(2 * INTAKES_PER_PROCESS)
    const first = await onA.post('/cases?form=full', form)
    expect(first.status).toBe(303)
    const before = await cases()
    const again = await onB.post('/cases?form=full', form)
    expect(again.status).toBe(303)
    expect(caseIdOf(again)).toBe(caseIdOf(first))
    expect(await cases()).toBe(before)

    const twin = intake(2 * INTAKES_PER_PROCESS + 1)
    const both = await Promise.all([onA.post('/cases?form=full', twin), onB.post('/cases?form=full', twin)])
    expect(both.map((r) => r.status)).toEqual([303, 303])
    expect(caseIdOf(both[0]!)).toBe(caseIdOf(both[1]!))
    expect(await cases()).toBe(before + 1)
  })

  test('intakes against one employer on both processes at once add up to one collective dispute', async () => {
    const onA = await signedInOn(a, 'rights_officer')
    const onB = await signedInOn(b, 'rights_officer')
    const employer = (await db.insertInto('respondents').values({ kind: 'organisation', name: '多进程测试集体争议单位', created_at: new Date() })
      .returning('id').executeTakeFirstOrThrow()).id
    const forms = Array.from({ length: 12 }, (_, i) => intake(500 + i, employer))
    const results = await Promise.all(forms.map((f, i) => (i % 2 ? onB : onA).post('/cases?form=full', f)))
    expect(results.map((r) => r.status)).toEqual(forms.map(() => 303))
    // Each intake counts the workers of the others against this employer: none may be missed because
    // it was being written at the same moment on the other process.
    const groups = await db.selectFrom('collective_groups').select(['id', 'workers_count']).where('respondent_id', '=', employer).execute()
    expect(groups.map((g) => g.workers_count)).toEqual([12])
    const grouped = await db.selectFrom('cases').select('collective_group_id').where('id', 'in', results.map(caseIdOf)).execute()
    expect(grouped.map((c) => c.collective_group_id)).toEqual(forms.map(() => groups[0]!.id))
  })

  test('a background export asked for on one process is downloaded from the other', async () => {
    const onA = await signedInOn(a, 'manager')
    const onB = remoteBrowser(b.url)
    onB.cookies = new Map(onA.cookies)
    const asked = await onA.post('/exports/jobs', { format: 'csv', filter: '' })
    expect(asked.status).toBe(303)
    const job = Number(asked.headers.get('Location')!.split('/').pop())
    let done
    for (let i = 0; i < 300 && !done; i++) {
      const row = await db.selectFrom('export_jobs').select(['status', 'rows_done', 'bytes']).where('id', '=', job).executeTakeFirstOrThrow()
      expect(row.status).not.toBe('failed')
      if (row.status === 'done') done = row
      else await new Promise((r) => setTimeout(r, 100))
    }
    const cases = await sql<{ n: string }>`select count(*) as n from cases`.execute(db)
    expect(Number(done?.rows_done)).toBe(Number(cases.rows[0]!.n))
    const file = await onB.get(`/exports/jobs/${job}/file`)
    expect(file.status).toBe(200)
    expect((await file.arrayBuffer()).byteLength).toBe(Number(done!.bytes))
  })
})

describe.runIf(pgUrl)('WORKERS=2: one primary, two workers on one port', () => {
  const scratch = pgUrl ? scratchDatabase() : undefined!
  let db: Db
  let primary: ServerProcess

  beforeAll(async () => {
    await scratch.create()
    primary = startServer(serverEnv(scratch.url, await freePort(), scratch.dataDir(), { WORKERS: '2' }))
    await primary.waitFor(/Demo district: \d+ cases written/, 150_000)
    ;({ db } = await connectPostgres(scratch.url))
  }, 180_000)

  afterAll(async () => {
    killAllServers()
    await db?.destroy()
    await scratch.drop()
  })

  test('the primary migrated and announced once; both workers serve; a killed worker is replaced; SIGTERM stops them all', async () => {
    expect(count(primary, /Migrated:/)).toBe(1)
    expect(count(primary, /is running on PostgreSQL in 2 processes/)).toBe(1)
    expect(count(primary, /Demo logins/)).toBe(1)
    expect(count(primary, /Demo district:/)).toBe(1)
    const workers = appChildren(primary.pid)
    expect(workers).toHaveLength(2)

    const browser = remoteBrowser(primary.url)
    await browser.login('manager', PASSWORD)
    // Each request on a new connection: the primary hands connections to the workers in turn.
    const pages = await Promise.all(Array.from({ length: 6 }, () => browser.request('/cases', { headers: { Connection: 'close' } })))
    expect(pages.map((p) => p.status)).toEqual(pages.map(() => 200))

    process.kill(workers[0]!, 'SIGKILL')
    await primary.waitFor(/Worker \d \(pid \d+\) was killed by SIGKILL; starting another/)
    for (let i = 0; i < 100 && appChildren(primary.pid).length < 2; i++) await new Promise((r) => setTimeout(r, 200))
    const replaced = appChildren(primary.pid)
    expect(replaced).toHaveLength(2)
    expect(replaced).not.toContain(workers[0])
    for (let i = 0; i < 4; i++) expect((await browser.request('/cases', { headers: { Connection: 'close' } })).status).toBe(200)

    primary.signal('SIGTERM')
    expect(await primary.exited).toBe(0)
    expect(appChildren(primary.pid)).toEqual([])
    for (const pid of replaced) expect(() => process.kill(pid, 0)).toThrow()
  }, 120_000)
})
