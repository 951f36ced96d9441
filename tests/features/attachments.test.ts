import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { sql } from 'kysely'
import { Browser, signedIn, text } from '../support/http.ts'
import { makeCase } from '../support/case-fixtures.ts'
import { auditRows, lastAuditId, makeDistrict, makeUser, type District, type TestUser } from '../support/fixtures.ts'
import { createTestContext, type TestContext } from '../support/test-app.ts'
import { cleanFilename } from '../../src/features/attachments/attachment-file.ts'
import { contentDisposition } from '../../src/features/attachments/attachment-download.ts'

let ctx: TestContext
let world: District
let officer: TestUser
let informant: TestUser
const users: Record<string, TestUser> = {}
const as: Record<string, Browser> = {}

beforeAll(async () => {
  ctx = await createTestContext()
  world = await makeDistrict(ctx.db)
  const make = async (name: string, unit: District['townA'], role: Parameters<typeof makeUser>[2][number], displayName?: string) => {
    users[name] = await makeUser(ctx.db, unit, [role], { displayName })
    as[name] = await signedIn(ctx.app, users[name]!.username, users[name]!.password)
  }
  await make('officer', world.townA, 'rights_officer', '维权干事甲')
  await make('instructor', world.townA, 'bargaining_instructor')
  await make('mediator', world.townA, 'mediator')
  await make('otherMediator', world.townA, 'mediator')
  await make('adviser', world.townA, 'legal_adviser')
  await make('manager', world.townA, 'manager')
  await make('informant', world.grassrootsA, 'informant')
  await make('otherInformant', world.grassrootsA, 'informant')
  await make('officerB', world.townB, 'rights_officer')
  await make('admin', world.district, 'admin')
  officer = users.officer!
  informant = users.informant!
})
afterAll(() => ctx.close())

// ---- tiny real files: a few header bytes are all content detection needs ----
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0,
  0x90, 0x77, 0x53, 0xde, 0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82])
const pdf = (size = 60) => {
  const bytes = new Uint8Array(size).fill(0x20)
  bytes.set(new TextEncoder().encode('%PDF-1.4\n'))
  return bytes
}
const HTML = new TextEncoder().encode('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>')
const EXE = Uint8Array.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0, 0xb8, 0, 0, 0])
const file = (bytes: Uint8Array<ArrayBuffer>, name: string, type = 'application/octet-stream') => new File([bytes], name, { type })

const MiB = 1024 * 1024
const count = async (table: 'attachments' | 'attachment_contents') => Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(ctx.db)).rows[0]!.n)
const version = async (id: number) => String((await ctx.db.selectFrom('cases').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version)
const officersCase = async (more = {}) => (await makeCase(ctx, world.townA, officer, more)).id
const informantsCase = async () => (await makeCase(ctx, world.grassrootsA, informant, { intakeForm: 'report', channel: 'informant_report', applicationReceivedAt: null })).id
const attachmentsOf = (id: number) => ctx.db.selectFrom('attachments').selectAll().where('case_id', '=', id).orderBy('id').execute()
const errorBeside = (html: string, field: string) => new RegExp(`id="f-${field}-err"[^>]*>([^<]*)`).exec(html)?.[1] ?? ''

async function upload(who: string, caseId: number, f: File | undefined, more: Record<string, string> = {}) {
  return as[who]!.postMultipart(`/cases/${caseId}/attachments`, { version: await version(caseId), kind: 'evidence', description: '', file: f, ...more })
}
/** A case with one uploaded file, and that file's id. */
async function withAttachment(bytes: Uint8Array<ArrayBuffer>, name: string, caseId?: number) {
  const id = caseId ?? (await officersCase())
  expect((await upload('officer', id, file(bytes, name))).status).toBe(303)
  return { caseId: id, attachmentId: (await attachmentsOf(id)).at(-1)!.id }
}

describe('uploading an attachment', () => {
  test('the form is offered in the panel and sent as multipart, accepting photos and PDFs', async () => {
    const id = await officersCase()
    expect(await (await as.officer!.get(`/cases/${id}`)).text()).toContain('data-testid="action-attachment"')
    const html = await (await as.officer!.get(`/cases/${id}/attachments`)).text()
    expect(html).toContain('enctype="multipart/form-data"')
    expect(html).toMatch(/<input id="f-file" name="file" type="file"[^>]*accept="image\/\*,application\/pdf"/)
    expect(html).toContain('name="kind"')
    expect(html).toContain('name="description"')
  })

  test('keeps the file with its detected type, size, hash, clean name, uploader and time; the timeline and audit never hold the content', async () => {
    const id = await officersCase()
    const since = await lastAuditId(ctx.db)
    const bytes = pdf(3000)
    const res = await upload('officer', id, file(bytes, '工资条_十月.pdf', 'application/pdf'), { kind: 'receipt', description: '十月工资条' })
    expect(res.status).toBe(303)
    expect(res.headers.get('Location')).toBe(`/cases/${id}`)
    const [a] = await attachmentsOf(id)
    expect(a).toMatchObject({ kind: 'receipt', filename: '工资条_十月.pdf', mime: 'application/pdf', size_bytes: 3000, description: '十月工资条', uploaded_by: officer.id })
    expect(a!.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(a!.uploaded_at.getTime()).toBe(ctx.clock.now().getTime())
    const stored = await ctx.db.selectFrom('attachment_contents').select('content').where('attachment_id', '=', a!.id).executeTakeFirstOrThrow()
    expect(Buffer.from(stored.content).equals(Buffer.from(bytes))).toBe(true)
    const [event] = await ctx.db.selectFrom('case_events').select('payload').where('case_id', '=', id).where('kind', '=', 'record.attachment').execute()
    expect(event!.payload).toMatchObject({ kind: 'receipt', mime: 'application/pdf', size: 3000 })
    expect(JSON.stringify(event!.payload)).not.toContain('工资条')
    expect(await auditRows(ctx.db, 'case.attachment', since)).toHaveLength(1)
    const page = text(await (await as.officer!.get(`/cases/${id}`)).text())
    expect(page).toContain('收据、付款凭证')
    expect(page).toContain('上传附件；收据、付款凭证；3 KB')
  })

  test.each([
    ['the rights officer', 'officer', 'plain', 303],
    ['the bargaining instructor on a collective case', 'instructor', 'collective', 303],
    ['the bargaining instructor on an individual case', 'instructor', 'plain', 403],
    ['the assigned mediator', 'mediator', 'plain', 303],
    ['a mediator not assigned to it', 'otherMediator', 'plain', 403],
    ['the assigned legal adviser', 'adviser', 'plain', 303],
    ['the manager (reads, does not file)', 'manager', 'plain', 403],
    ['the admin (sees no case content)', 'admin', 'plain', 403],
    ['the informant who reported it', 'informant', 'reported', 303],
    ['another informant', 'otherInformant', 'reported', 404],
    ['another town’s rights officer', 'officerB', 'plain', 404],
  ] as const)('%s → %s', async (_who, who, kind, expected) => {
    const id = kind === 'reported' ? await informantsCase() : await officersCase(kind === 'collective' ? { disputeTypes: ['collective_contract'] } : {})
    await ctx.db.updateTable('cases').set({ assigned_mediator_id: users.mediator!.id, assigned_legal_adviser_id: users.adviser!.id }).where('id', '=', id).execute()
    const before = await count('attachments')
    const res = await upload(who, id, file(PNG, '现场.png', 'image/png'), { kind: 'photo' })
    expect(res.status).toBe(expected)
    expect(await count('attachments')).toBe(before + (expected === 303 ? 1 : 0))
  })

  test('the type comes from the bytes: PDF bytes named .jpg are kept as a PDF (and named so)', async () => {
    const id = await officersCase()
    expect((await upload('officer', id, file(pdf(), '收据.jpg', 'image/jpeg'))).status).toBe(303)
    const [a] = await attachmentsOf(id)
    expect(a).toMatchObject({ mime: 'application/pdf', filename: '收据.pdf' })
  })

  test.each([
    ['an HTML page renamed .jpg', HTML, 'photo.jpg', 'image/jpeg'],
    ['a program renamed .pdf', EXE, '协议.pdf', 'application/pdf'],
  ])('%s is refused beside the file field, the rest kept, nothing written', async (_name, bytes, name, type) => {
    const id = await officersCase()
    const before = await count('attachments')
    const res = await upload('officer', id, file(bytes, name, type), { kind: 'signed_agreement', description: '双方签字' })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(errorBeside(html, 'file')).toContain('只能上传照片')
    expect(html).toContain('<option value="signed_agreement" selected')
    expect(html).toContain('双方签字')
    expect(html).toContain('data-testid="reselect"')
    expect(await count('attachments')).toBe(before)
    expect(await count('attachment_contents')).toBe(before)
  })

  test.each([
    ['no file chosen (the browser sends an empty nameless part)', file(new Uint8Array(0), ''), '请选择要上传的文件'],
    ['no file part at all', undefined, '请选择要上传的文件'],
    ['an empty file', file(new Uint8Array(0), '空.pdf', 'application/pdf'), '是空的'],
  ])('%s → 422 beside the file field', async (_name, f, message) => {
    const id = await officersCase()
    const res = await upload('officer', id, f)
    expect(res.status).toBe(422)
    expect(errorBeside(await res.text(), 'file')).toContain(message)
    expect(await attachmentsOf(id)).toHaveLength(0)
  })

  test('a missing kind or a description over 500 characters is refused beside its field', async () => {
    const id = await officersCase()
    const res = await upload('officer', id, file(PNG, 'a.png'), { kind: '', description: '长'.repeat(501) })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(errorBeside(html, 'kind')).toContain('此项必填')
    expect(errorBeside(html, 'description')).toContain('内容过长')
    expect(await attachmentsOf(id)).toHaveLength(0)
  })

  test('10 MiB exactly is kept; one byte more gets the message beside the field; 12 MiB is stopped at the door (413)', async () => {
    const id = await officersCase()
    expect((await upload('officer', id, file(pdf(10 * MiB), 'full.pdf'))).status).toBe(303)
    expect((await attachmentsOf(id))[0]!.size_bytes).toBe(10_485_760)

    const over = await upload('officer', id, file(pdf(10 * MiB + 1), 'over.pdf'))
    expect(over.status).toBe(422)
    expect(errorBeside(await over.text(), 'file')).toContain('超过 10 MB')

    const huge = await upload('officer', id, file(pdf(12 * MiB), 'huge.pdf'))
    expect(huge.status).toBe(413)
    expect(text(await huge.text())).toContain('超过 10 MB')
    expect(await attachmentsOf(id)).toHaveLength(1)
  })

  test('every other form keeps the 1 MiB limit', async () => {
    const id = await officersCase()
    const res = await as.officer!.post(`/cases/${id}/extensions`, { version: await version(id), worker_consent_on: 'x'.repeat(2 * MiB) })
    expect(res.status).toBe(413)
  })

  test('CSRF is still enforced on a multipart post', async () => {
    const id = await officersCase()
    const res = await as.officer!.postMultipart(`/cases/${id}/attachments`, { version: await version(id), kind: 'evidence', file: file(PNG, 'a.png') },
      { headers: { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' } })
    expect(res.status).toBe(403)
    expect(await attachmentsOf(id)).toHaveLength(0)
  })

  test('the informant who reported a case adds a photo from the panel, as long as the case is being worked', async () => {
    const id = await informantsCase()
    expect(await (await as.informant!.get(`/cases/${id}`)).text()).toContain('data-testid="action-attachment"')
    expect((await upload('informant', id, file(PNG, 'IMG_0001.PNG', 'image/png'), { kind: 'photo' })).status).toBe(303)
    await ctx.db.updateTable('cases').set({ status: 'closed' }).where('id', '=', id).execute()
    expect((await upload('informant', id, file(PNG, 'IMG_0002.PNG', 'image/png'), { kind: 'photo' })).status).toBe(403)
    expect(await attachmentsOf(id)).toHaveLength(1)
  })
})

describe('the case page’s attachments', () => {
  test('lists kind, name (linking to the download), size, uploader, time and description; an empty state otherwise', async () => {
    const empty = await officersCase()
    const emptyPage = await (await as.officer!.get(`/cases/${empty}`)).text()
    expect(emptyPage).toContain('data-testid="attachments"')
    expect(text(emptyPage)).toContain('暂无附件')

    const { caseId, attachmentId } = await withAttachment(pdf(2 * MiB), '<b onclick=x>仲裁申请书.pdf')
    const html = await (await as.officer!.get(`/cases/${caseId}`)).text()
    const row = new RegExp(`<tr data-testid="attachment-${attachmentId}">([\\s\\S]*?)</tr>`).exec(html)![1]!
    expect(row).toContain(`href="/cases/${caseId}/attachments/${attachmentId}"`)
    expect(row).toContain('hx-boost="false"')
    expect(row).toContain('&lt;b onclick=x&gt;仲裁申请书.pdf')
    expect(text(row)).toContain('证据材料')
    expect(text(row)).toContain('2.0 MB')
    expect(text(row)).toContain('维权干事甲')
    expect(text(row)).toContain('2026-11-20 10:00')
  })
})

describe('downloading an attachment', () => {
  test('returns the same bytes, with the stored type, nosniff, a sandbox, no caching and the Chinese name encoded', async () => {
    const { caseId, attachmentId } = await withAttachment(PNG, '工地公告.png')
    const res = await as.officer!.get(`/cases/${caseId}/attachments/${attachmentId}`)
    expect(res.status).toBe(200)
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(PNG))).toBe(true)
    expect(res.headers.get('Content-Type')).toBe('image/png')
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(res.headers.get('Cache-Control')).toBe('private, no-store')
    const csp = res.headers.get('Content-Security-Policy')!
    expect(csp).toContain('sandbox')
    expect(csp).toContain("default-src 'none'")
    expect(csp).not.toContain('script-src')
    expect(res.headers.get('Content-Disposition')).toBe(`inline; filename="____.png"; filename*=UTF-8''${encodeURIComponent('工地公告')}.png`)
  })

  test('a PDF is offered as a download (a sandboxed PDF will not show in Chrome), still sandboxed', async () => {
    const { caseId, attachmentId } = await withAttachment(pdf(), 'agreement.pdf')
    const res = await as.officer!.get(`/cases/${caseId}/attachments/${attachmentId}`)
    expect(res.headers.get('Content-Type')).toBe('application/pdf')
    expect(res.headers.get('Content-Disposition')).toMatch(/^attachment; filename="agreement.pdf"/)
    expect(res.headers.get('Content-Security-Policy')).toContain('sandbox')
  })

  test('an iPhone’s HEIC photo is kept as such and offered as a download (few browsers can show it)', async () => {
    const heic = Uint8Array.from([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x68, 0x65, 0x69, 0x63, 0, 0, 0, 0, 0x6d, 0x69, 0x66, 0x31, 0x68, 0x65, 0x69, 0x63])
    const { caseId, attachmentId } = await withAttachment(heic, 'IMG_0420.HEIC')
    const res = await as.officer!.get(`/cases/${caseId}/attachments/${attachmentId}`)
    expect(res.headers.get('Content-Type')).toBe('image/heic')
    expect(res.headers.get('Content-Disposition')).toMatch(/^attachment; filename="IMG_0420.HEIC"/)
  })

  test('every download is audited, once each, with the attachment named', async () => {
    const { caseId, attachmentId } = await withAttachment(PNG, 'a.png')
    const since = await lastAuditId(ctx.db)
    await as.officer!.get(`/cases/${caseId}/attachments/${attachmentId}`)
    await as.manager!.get(`/cases/${caseId}/attachments/${attachmentId}`)
    const rows = await auditRows(ctx.db, 'attachment.downloaded', since)
    expect(rows.map((r) => r.actor_id)).toEqual([officer.id, users.manager!.id])
    expect(rows.every((r) => r.object_type === 'case' && r.object_id === String(caseId) && (r.details as { attachment_id: number }).attachment_id === attachmentId)).toBe(true)
  })

  test('outside the user’s scope, or through another case’s URL, the file does not exist (404), and nothing is audited as downloaded', async () => {
    const { caseId, attachmentId } = await withAttachment(PNG, 'a.png')
    const other = await officersCase()
    const since = await lastAuditId(ctx.db)
    expect((await as.officerB!.get(`/cases/${caseId}/attachments/${attachmentId}`)).status).toBe(404)
    expect((await as.otherInformant!.get(`/cases/${caseId}/attachments/${attachmentId}`)).status).toBe(404)
    expect((await as.officer!.get(`/cases/${other}/attachments/${attachmentId}`)).status).toBe(404)
    expect((await as.officer!.get(`/cases/${caseId}/attachments/999999`)).status).toBe(404)
    expect((await as.admin!.get(`/cases/${caseId}/attachments/${attachmentId}`)).status).toBe(403)
    expect((await new Browser(ctx.app).get(`/cases/${caseId}/attachments/${attachmentId}`)).status).toBe(303)
    expect(await auditRows(ctx.db, 'attachment.downloaded', since)).toHaveLength(0)
  })

  test('the informant who reported the case may download its attachments', async () => {
    const id = await informantsCase()
    const { attachmentId } = await withAttachment(pdf(), 'receipt.pdf', id)
    const res = await as.informant!.get(`/cases/${id}/attachments/${attachmentId}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('application/pdf')
  })
})

describe('file names and headers', () => {
  test.each([
    ['C:\\fakepath\\劳动合同.pdf', 'application/pdf', '劳动合同.pdf'],
    ['../../etc/passwd', 'application/pdf', 'passwd.pdf'],
    ['scan.JPG', 'image/jpeg', 'scan.JPG'],
    ['scan.jpg', 'application/pdf', 'scan.pdf'],
    ['照片\u202Egpj.exe', 'image/png', '照片gpj.png'],
    ['a\u0000b\r\n.png', 'image/png', 'ab.png'],
    ['', 'image/webp', 'attachment.webp'],
    ['.pdf', 'application/pdf', 'pdf.pdf'],
    ['IMG_1234.HEIC', 'image/heif', 'IMG_1234.HEIC'],
  ])('%j as %s → %j', (raw, mime, expected) => {
    expect(cleanFilename(raw, mime as Parameters<typeof cleanFilename>[1])).toBe(expected)
  })

  test('a name is capped at 255 characters, keeping its extension', () => {
    const name = cleanFilename(`${'证'.repeat(300)}.pdf`, 'application/pdf')
    expect([...name]).toHaveLength(255)
    expect(name.endsWith('.pdf')).toBe(true)
  })

  test('Content-Disposition quotes nothing a header could be broken with', () => {
    expect(contentDisposition('attachment', 'a"b;c\\d%.pdf')).toBe(`attachment; filename="a_b_c_d_.pdf"; filename*=UTF-8''a%22b%3Bc%5Cd%25.pdf`)
    expect(contentDisposition('inline', "it's (1).png")).toBe(`inline; filename="it's (1).png"; filename*=UTF-8''it%27s%20%281%29.png`)
  })
})
