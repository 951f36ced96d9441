import { z } from 'zod'
import { isIsoDate } from '../../domain/beijing-date.ts'
import { looksLikeCaseNumber } from '../../domain/case-number.ts'
import { CLOSURE_REASONS } from '../../domain/case-actions.ts'
import { CASE_STATUSES, CHANNELS, DISPUTE_TYPES, RISK_LEVELS, ROUTES } from '../../domain/case-vocabulary.ts'
import { RESOLUTION_LEVELS } from '../../domain/closure.ts'
import { CHANNEL_GROUPS, CLOSURE_GROUPS, RISK_GROUPS, TIMINGS } from '../../domain/metrics.ts'
import { normalisePhone, phoneProblem } from '../../domain/phone.ts'
import { normaliseResidentId } from '../../domain/resident-id.ts'
import { queryTokens } from '../../domain/search-tokens.ts'
import type { PiiCipher } from '../../privacy/pii-cipher.ts'

// The case list's filters live in the URL (DESIGN §7): people share and bookmark them, so
// anything unexpected is ignored, never an error.

export const CASE_SORTS = ['newest', 'oldest', 'risk'] as const
export type CaseSort = (typeof CASE_SORTS)[number]

/** Where the previous page ended: the sort key and the id, so the next page is one index range (no OFFSET). */
export type Cursor = { rank: number; micros: string; id: number }

const date = z.string().trim().refine(isIsoDate).optional().catch(undefined)
const flag = z.literal('1').optional().catch(undefined)
const keys = <T extends object>(o: T) => Object.keys(o) as (keyof T & string)[]
const id = z.string().trim().regex(/^\d{1,9}$/).transform(Number).optional().catch(undefined)

/** `open`: every status but closed and declined (what the manager's "open cases" figure counts). */
export const STATUS_FILTERS = ['open', ...CASE_STATUSES] as const

const listQuery = z.object({
  q: z.string().trim().max(100).optional().catch(undefined).transform((v) => v || undefined),
  status: z.enum(STATUS_FILTERS).optional().catch(undefined),
  town: id,
  type: z.enum(DISPUTE_TYPES).optional().catch(undefined),
  risk: z.enum([...RISK_LEVELS, ...keys(RISK_GROUPS)]).optional().catch(undefined),
  channel: z.enum([...CHANNELS, ...keys(CHANNEL_GROUPS)]).optional().catch(undefined),
  /** `none`: not routed yet. */
  route: z.enum([...ROUTES, 'none']).optional().catch(undefined),
  /** The assigned mediator: a user id, `mine` for the person looking, or `none` for unassigned. */
  assignee: z.union([z.literal('mine'), z.literal('none'), z.string().trim().regex(/^\d{1,9}$/).transform(Number)]).optional().catch(undefined),
  /** The unit holding the case: its holder unit, or a referral awaiting that unit's acknowledgment. */
  holder: id,
  /** Only cases with an overdue clock. */
  overdue: flag,
  from: date,
  to: date,
  // The dashboard's sets (domain/metrics.ts): each figure links to the list with these.
  closed_from: date,
  closed_to: date,
  handled_from: date,
  handled_to: date,
  accepted: flag,
  mediated: flag,
  agreement: flag,
  closure: z.enum([...CLOSURE_REASONS, ...keys(CLOSURE_GROUPS)]).optional().catch(undefined),
  level: z.enum(RESOLUTION_LEVELS).optional().catch(undefined),
  timing: z.enum(TIMINGS).optional().catch(undefined),
  industry: z.string().trim().min(1).max(60).optional().catch(undefined),
  sort: z.enum(CASE_SORTS).catch('newest').default('newest'),
  after: z.string().max(60).optional().catch(undefined),
})

export type CaseFilter = Omit<z.infer<typeof listQuery>, 'after'> & { after: Cursor | undefined }

export function parseCaseFilter(query: Record<string, string>): CaseFilter {
  const raw = listQuery.parse(query)
  return { ...raw, after: raw.after ? parseCursor(raw.after, raw.sort) : undefined }
}

/**
 * `risk` sorts by (rank, reported_at, id), the others by (reported_at, id); the cursor says so.
 * Numbers are written in base 36 behind letters, so a cursor in a link never looks like a phone
 * or ID number (no run of more than 10 digits).
 */
export function formatCursor(sort: CaseSort, c: Cursor): string {
  const key = `t${Number(c.micros).toString(36)}i${c.id.toString(36)}`
  return sort === 'risk' ? `r${c.rank}${key}` : key
}

function parseCursor(text: string, sort: CaseSort): Cursor | undefined {
  const m = (sort === 'risk' ? /^r(\d)t([0-9a-z]{1,11})i([0-9a-z]{1,6})$/ : /^()t([0-9a-z]{1,11})i([0-9a-z]{1,6})$/).exec(text)
  if (!m) return undefined
  const micros = parseInt(m[2]!, 36)
  const id = parseInt(m[3]!, 36)
  return Number.isSafeInteger(micros) && id <= 2_147_483_647 ? { rank: Number(m[1] || 0), micros: String(micros), id } : undefined
}

const FILTER_KEYS = [
  'q', 'status', 'town', 'type', 'risk', 'channel', 'route', 'assignee', 'holder', 'overdue', 'from', 'to',
  'closed_from', 'closed_to', 'handled_from', 'handled_to', 'accepted', 'mediated', 'agreement', 'closure', 'level', 'timing', 'industry',
] as const

/** The filters as a query string (without the cursor unless given); the default sort is left out. */
export function caseListHref(f: CaseFilter, after?: string): string {
  const pairs: [string, string][] = []
  for (const key of FILTER_KEYS) {
    const v = f[key]
    if (v !== undefined && v !== '') pairs.push([key, String(v)])
  }
  if (f.sort !== 'newest') pairs.push(['sort', f.sort])
  if (after) pairs.push(['after', after])
  return pairs.length ? `/cases?${new URLSearchParams(pairs)}` : '/cases'
}

export function hasFilters(f: CaseFilter): boolean {
  return FILTER_KEYS.some((k) => f[k] !== undefined)
}

const BEIJING_DAY = (d: string) => new Date(`${d}T00:00:00+08:00`)

/** A range of Beijing dates, both days included, as instants: [from 00:00, day after `to` 00:00). */
export function dayRange(from: string | undefined, to: string | undefined): { from?: Date; before?: Date } {
  return {
    ...(from ? { from: BEIJING_DAY(from) } : {}),
    ...(to ? { before: new Date(BEIJING_DAY(to).getTime() + 86_400_000) } : {}),
  }
}

/** "Received between". */
export const receivedRange = (f: CaseFilter) => dayRange(f.from, f.to)

/**
 * What the search box asks for. A case number, a phone or an ID number is an exact lookup (the
 * last two through the blind index: the database never sees the number itself); anything else
 * is a text search on the case's tokens (names, respondents, facts).
 */
export type CaseSearch =
  | { kind: 'case_no'; caseNo: string }
  | { kind: 'phone'; bidx: Uint8Array }
  | { kind: 'id_number'; bidx: Uint8Array[] }
  | { kind: 'tokens'; tokens: string[] }

const ID_LIKE = /^(?=.*\d)[A-Z0-9()（）]{5,20}$/

export function caseSearch(q: string | undefined, pii: PiiCipher): CaseSearch | null {
  const text = q?.trim()
  if (!text) return null
  if (looksLikeCaseNumber(text)) return { kind: 'case_no', caseNo: text }
  const phone = normalisePhone(text)
  if (phoneProblem(phone) === null) return { kind: 'phone', bidx: pii.blindIndex('phone', phone) }
  const idNumber = normaliseResidentId(text)
  if (ID_LIKE.test(idNumber)) {
    // Other ID types are stored as typed; try the normalised form and the form as given.
    const forms = [...new Set([idNumber, text])]
    return { kind: 'id_number', bidx: forms.map((f) => pii.blindIndex('id_number', f)) }
  }
  const tokens = queryTokens(text)
  return tokens.length ? { kind: 'tokens', tokens } : null
}
