import { createHash } from 'node:crypto'
import type { Rng } from '../demo-people.ts'
import type { CaseStory } from './case-story.ts'

// Attachments of the seeded cases: a signed agreement, a photo, a receipt. The files are tiny but
// real (a one-page PDF, a one-pixel PNG), so a download serves what its type says.

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n'
  + '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex')

const FILES = {
  signed_agreement: { content: PDF, mime: 'application/pdf', sha256: sha(PDF), names: ['调解协议书.pdf', '人民调解协议（签章）.pdf'], description: '双方签字盖章的调解协议' },
  photo: { content: PNG, mime: 'image/png', sha256: sha(PNG), names: ['现场照片.png', '车间停工照片.png'], description: '信息员拍摄的现场照片' },
  evidence: { content: PNG, mime: 'image/png', sha256: sha(PNG), names: ['工资条.png', '考勤记录.png', '微信聊天记录.png'], description: '申请人提交的证据' },
  receipt: { content: PNG, mime: 'image/png', sha256: sha(PNG), names: ['转账回单.png', '收款收据.png'], description: '被申请人付款凭证' },
} as const

export function attach(s: CaseStory, r: Rng, at: number, actor: number, kind: keyof typeof FILES): void {
  if (!s.can(at)) return
  const f = FILES[kind]
  const id = s.gen.ids.next('attachments')
  s.gen.sink('attachments', {
    id, case_id: s.id, kind, filename: r.pick(f.names), mime: f.mime, size_bytes: f.content.length, sha256: f.sha256,
    description: f.description, uploaded_by: actor, uploaded_at: at,
  })
  s.gen.sink('attachment_contents', { attachment_id: id, content: f.content })
  s.record(at, 'attachment', actor, { attachment_id: id, kind, mime: f.mime, size: f.content.length })
  s.busyUntil = Math.max(s.busyUntil, at)
}
