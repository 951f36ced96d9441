import type { CurrentUser } from '../../app-env.ts'
import type { Db } from '../../db/connect.ts'
import { beijingDate } from '../../domain/beijing-date.ts'
import { maskIdNumber, maskPhone } from '../../domain/masking.ts'
import { fenToYuanInput } from '../../domain/money.ts'
import { normalisePhone } from '../../domain/phone.ts'
import { normaliseResidentId } from '../../domain/resident-id.ts'
import type { SheetValue } from '../../domain/spreadsheet-cell.ts'
import { label, type MessageKey, type Translate } from '../../i18n/i18n.ts'
import type { PiiCipher } from '../../privacy/pii-cipher.ts'
import { caseListHref, caseSearch, parseCaseFilter, type CaseFilter, type CaseSearch } from '../cases/cases.filters.ts'
import { respondentSummary } from '../cases/cases.pages.ts'
import { listConditions, respondentSummaries, townNames, workerSummaries } from '../cases/cases.queries.ts'
import { resolveListScope } from '../cases/list-scope.ts'
import { exportLimits } from './export-limits.ts'
import { caseExportBatch, countCasesUpTo, firstWorkerPhones, type BatchCursor } from './exports.queries.ts'
import type { ColumnKind, SheetBatches, SheetColumn } from './sheet.ts'

export type CaseExport = {
  conditions: ReturnType<typeof listConditions>
  /** The filter as the case list's query string (no cursor, no empty fields): what a job stores and reruns. */
  query: string
  /** The same for the audit log, with a searched phone or ID number masked (reliability L3). */
  auditQuery: string
  /** A search by phone or ID number: never stored in a job (and only ever matches a handful of cases). */
  personalSearch: boolean
}

/**
 * The case list's filter, resolved by the list's own resolveListScope (a town, holding unit or
 * mediator outside the user's scope is dropped), then listConditions (with caseVisibleTo). The
 * export always runs newest first from the start, whatever sort or page the list was on.
 */
export async function resolveCaseExport(db: Db, user: CurrentUser, pii: PiiCipher, query: Record<string, string>, today: string): Promise<CaseExport> {
  const resolved = await resolveListScope(db, user, parseCaseFilter(query), today)
  const f: CaseFilter = { ...resolved.filter, sort: 'newest', after: undefined }
  const search = caseSearch(f.q, pii)
  const conditions = listConditions(user, f, search, resolved.scope)
  const personalSearch = search?.kind === 'phone' || search?.kind === 'id_number' || PERSONAL_NUMBER.test(f.q ?? '')
  return { conditions, query: queryOf(f), auditQuery: queryOf({ ...f, q: maskedSearch(f.q, search) }), personalSearch }
}

/** A mobile or ID number anywhere in the search text, even inside words the search treats as text. */
const PERSONAL_NUMBER = /1[3-9]\d{9}|\d{15}/
const PERSONAL_NUMBERS = /\d{17}[\dXx]|\d{15}|1[3-9]\d{9}/g

const queryOf = (f: CaseFilter) => caseListHref(f).replace(/^\/cases\??/, '')

function maskedSearch(q: string | undefined, search: CaseSearch | null): string | undefined {
  if (!q) return q
  if (search?.kind === 'phone') return maskPhone(normalisePhone(q))
  if (search?.kind === 'id_number') return maskIdNumber(normaliseResidentId(q))
  return q.replace(PERSONAL_NUMBERS, (n) => (n.length === 11 ? maskPhone(n) : maskIdNumber(n)))
}

/** Whether the export is too large to stream (counted no further than one past the threshold). */
export async function exceedsStreamLimit(db: Db, e: CaseExport): Promise<boolean> {
  return (await countCasesUpTo(db, e.conditions, exportLimits.streamRows + 1)) > exportLimits.streamRows
}

type Column = { key: MessageKey; kind: ColumnKind; width?: number }

const COLUMNS: Column[] = [
  { key: 'cases.col.number', kind: 'text', width: 18 },
  { key: 'cases.col.received', kind: 'date' },
  { key: 'cases.col.town', kind: 'text', width: 12 },
  { key: 'cases.col.respondents', kind: 'text', width: 28 },
  { key: 'cases.col.workers', kind: 'text', width: 20 },
  { key: 'exports.col.phone', kind: 'text', width: 14 },
  { key: 'exports.col.workersInvolved', kind: 'int' },
  { key: 'cases.col.types', kind: 'text', width: 24 },
  { key: 'exports.col.channel', kind: 'text', width: 14 },
  { key: 'cases.col.risk', kind: 'text', width: 8 },
  { key: 'cases.col.status', kind: 'text', width: 10 },
  { key: 'cases.col.route', kind: 'text', width: 12 },
  { key: 'cases.col.assignee', kind: 'text', width: 12 },
  { key: 'cases.col.deadline', kind: 'date' },
  { key: 'exports.col.closureReason', kind: 'text', width: 24 },
  { key: 'exports.col.closedOn', kind: 'date' },
  { key: 'exports.col.resolutionLevel', kind: 'text', width: 10 },
  { key: 'exports.col.claimed', kind: 'money' },
  { key: 'exports.col.recovered', kind: 'money' },
]

export const caseColumns = (t: Translate): SheetColumn[] => COLUMNS.map((c) => ({ header: t(c.key), kind: c.kind, ...(c.width ? { width: c.width } : {}) }))

/** Lets a test see every batch the reader fetched (its size), to prove none holds the whole result. */
export const caseBatchProbe: { onBatch: ((rows: number) => void) | null } = { onBatch: null }

/**
 * Beijing calendar days of many instants, most of them on the same few days (the rows come in
 * date order): Intl is asked once per day rather than once per cell. Keyed by the UTC+8 day number,
 * exact since China has kept UTC+8 without summer time since 1991.
 */
function beijingDays() {
  const memo = new Map<number, string>()
  return (at: Date) => {
    const key = Math.floor((at.getTime() + 8 * 3_600_000) / 86_400_000)
    let day = memo.get(key)
    if (day === undefined) {
      if (memo.size > 1000) memo.clear()
      memo.set(key, (day = beijingDate(at)))
    }
    return day
  }
}

/**
 * The matching cases as rows of cells, one batch at a time: a batch query, then one look-up per
 * kind of detail for the whole batch (respondents, workers, phones, towns), never one per row.
 * While a batch is being turned into cells the next one is already being read, so at most two
 * batches are in memory; on PostgreSQL the queries of a batch also run side by side (on PGlite,
 * one connection, they simply queue).
 */
export async function* caseRows(db: Db, t: Translate, e: CaseExport, batchRows = exportLimits.batchRows): SheetBatches {
  const townOf = new Map<number, string>()
  const dayOf = beijingDays()
  const sep = t('cases.sep')
  const read = async (after: BatchCursor | null) => {
    const rows = await caseExportBatch(db, e.conditions, after, batchRows)
    caseBatchProbe.onBatch?.(rows.length)
    return rows
  }
  let pending = read(null)
  for (;;) {
    const rows = await pending
    if (!rows.length) return
    const last = rows[rows.length - 1]!
    const more = rows.length === batchRows
    if (more) {
      pending = read({ micros: last.micros, id: last.id })
      // Awaited on the next turn; until then a failure must not count as unhandled.
      pending.catch(() => {})
    }
    const ids = rows.map((r) => r.id)
    // Towns are few: each is looked up once per export, however many batches name it.
    const unknownUnits = [...new Set(rows.map((r) => r.org_unit_id))].filter((id) => !townOf.has(id))
    const [respondents, workers, phones, towns] = await Promise.all([
      respondentSummaries(db, ids), workerSummaries(db, ids), firstWorkerPhones(db, ids), townNames(db, unknownUnits),
    ])
    for (const [id, name] of towns) townOf.set(id, name)
    yield rows.map((r): SheetValue[] => {
      const w = workers.get(r.id)
      return [
        r.case_no,
        dayOf(r.reported_at),
        townOf.get(r.org_unit_id) ?? null,
        respondentSummary(t, respondents.get(r.id)),
        w ? (w.count > 1 ? t('cases.workersMore', { first: w.first, count: w.count, others: w.count - 1 }) : w.first) : null,
        phones.get(r.id) ?? null,
        r.workers_involved,
        r.dispute_types.map((d) => label(t, 'disputeType', d)).join(sep) || null,
        label(t, 'channel', r.channel),
        label(t, 'risk', r.risk_level),
        label(t, 'status', r.status),
        r.route ? label(t, 'route', r.route) : null,
        r.mediator_name,
        r.clock_due,
        r.closure_reason ? label(t, 'actions.closureReason', r.closure_reason) : null,
        r.closed_at ? dayOf(r.closed_at) : null,
        r.resolution_level ? label(t, 'closure.level', r.resolution_level) : null,
        fenToYuanInput(r.claimed_total_fen),
        r.recovered_fen !== null ? fenToYuanInput(r.recovered_fen) : null,
      ]
    })
    if (!more) return
  }
}
