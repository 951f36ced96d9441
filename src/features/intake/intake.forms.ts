import { createHash } from 'node:crypto'
import { isIsoDate } from '../../domain/beijing-date.ts'
import {
  CHANNELS, CHANNELS_WITH_REFERENCE, COLLECTIVE_SIGNS, DISPUTE_TYPES, ID_TYPES, RESPONDENT_ROLES, isOneOf,
  type Channel, type CollectiveSign, type DisputeType, type IdType, type IntakeForm, type RespondentRole,
} from '../../domain/case-vocabulary.ts'
import { parseYuan } from '../../domain/money.ts'
import { normalisePhone, phoneProblem } from '../../domain/phone.ts'
import { checkResidentId, isUnder16, normaliseResidentId } from '../../domain/resident-id.ts'
import type { MessageKey } from '../../i18n/i18n.ts'
import type { NewCase, NewWorker } from './intake.queries.ts'

/**
 * The intake forms post flat names: `title`, `workers.2.phone`, `claims.0.amount`. Repeatable
 * rows keep the index they were rendered with, so every message lands beside the input that
 * caused it, and a row left blank is simply dropped.
 */
export type Body = Record<string, string | string[] | File | (string | File)[]>
export type IntakeErrors = Record<string, MessageKey>
export type Values = Record<string, string | string[]>

export const GROUPS = ['respondents', 'workers', 'claims'] as const
type Group = (typeof GROUPS)[number]
const MAX_ROWS = 200
const ROW_NAME = /^(respondents|workers|claims)\.(\d{1,3})\.([a-z_]+)$/

export function values(body: Body): Values {
  const out: Values = {}
  for (const [k, v] of Object.entries(body)) {
    if (k.length > 60) continue
    const list = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string').map((s) => s.slice(0, 20_000))
    if (list.length) out[k] = list.length === 1 && !k.endsWith('[]') && k !== 'dispute_types' && k !== 'collective_signs' ? list[0]! : list
  }
  return out
}

const one = (v: Values, name: string) => {
  const x = v[name]
  return (Array.isArray(x) ? x[0] : x)?.trim() ?? ''
}
const many = (v: Values, name: string) => {
  const x = v[name]
  return x === undefined ? [] : Array.isArray(x) ? x : [x]
}

export function rows(v: Values, group: Group): { index: number; get: (f: string) => string }[] {
  const indexes = new Set<number>()
  for (const name of Object.keys(v)) {
    const m = ROW_NAME.exec(name)
    if (m && m[1] === group) indexes.add(Number(m[2]))
  }
  return [...indexes].sort((a, b) => a - b).slice(0, MAX_ROWS).map((index) => ({ index, get: (f: string) => one(v, `${group}.${index}.${f}`) }))
}

/** Beijing wall-clock time from a datetime-local input ('2026-11-21T09:30'). */
export function parseBeijingDateTime(s: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(s) || !isIsoDate(s.slice(0, 10))) return null
  const d = new Date(`${s.length === 16 ? s + ':00' : s}+08:00`)
  return Number.isNaN(d.getTime()) ? null : d
}

// ---- single fields: the same checks serve the inline check on leaving a field and the submit ----

export type FieldContext = { today: string; now: Date; sibling: (field: string) => string }

const text = (max: number, required: boolean) => (value: string): MessageKey | null =>
  required && value === '' ? 'form.required' : [...value].length > max ? 'form.tooLong' : null

const date = (value: string, ctx: FieldContext): MessageKey | null =>
  value === '' ? null : !isIsoDate(value) ? 'intake.error.date' : value > ctx.today ? 'intake.error.futureDate' : null

const FIELD_CHECKS: Record<string, (value: string, ctx: FieldContext) => MessageKey | null> = {
  title: text(200, true),
  facts: text(20_000, false),
  channel_ref: text(80, false),
  workers_involved: (v) => (v === '' ? null : /^\d{1,6}$/.test(v) && Number(v) <= 100_000 ? null : 'intake.error.headcount'),
  reported_at: (v, ctx) => (v === '' ? null : whenProblem(v, ctx)),
  application_received_at: (v, ctx) => (v === '' ? null : whenProblem(v, ctx)),
  'workers.name': text(60, true),
  'workers.phone': (v) => (v === '' ? null : phoneProblem(normalisePhone(v)) ? 'intake.error.phone' : null),
  'workers.id_number': (v, ctx) => idNumberProblem(v, ctx.sibling('id_type')),
  'workers.hire_date': date,
  'workers.leave_date': (v, ctx) => date(v, ctx) ?? (v && ctx.sibling('hire_date') > v ? 'intake.error.leaveBeforeHire' : null),
  'workers.knew_date': date,
  'claims.description': text(500, false),
  'claims.amount': (v) => (v === '' ? 'form.required' : parseYuan(v) === null ? 'intake.error.amount' : null),
}

function whenProblem(v: string, ctx: FieldContext): MessageKey | null {
  const d = parseBeijingDateTime(v)
  if (!d) return 'intake.error.dateTime'
  return d.getTime() > ctx.now.getTime() + 5 * 60_000 ? 'intake.error.futureDate' : null
}

function idNumberProblem(value: string, idType: string): MessageKey | null {
  if (value === '') return null
  if (idType === 'none' || idType === '') return 'intake.error.idTypeNeeded'
  if (idType === 'resident_id') {
    return null // checked with the date in checkField (needs today)
  }
  return /^[A-Za-z0-9()（）-]{5,20}$/.test(value) ? null : 'intake.error.idFormat'
}

/** Checks one field by its posted name ('workers.3.phone'); null when fine or unknown. */
export function checkField(name: string, value: string, ctx: FieldContext): MessageKey | null {
  const m = ROW_NAME.exec(name)
  const key = m ? `${m[1]}.${m[3]}` : name
  const v = value.trim()
  if (key === 'workers.id_number' && v !== '' && ctx.sibling('id_type') === 'resident_id') {
    const r = checkResidentId(normaliseResidentId(v), ctx.today)
    return r.ok ? null : r.problem === 'birth_date' ? 'intake.error.idBirthDate' : r.problem === 'check_digit' ? 'intake.error.idCheckDigit' : 'intake.error.idFormat'
  }
  return FIELD_CHECKS[key]?.(v, ctx) ?? null
}

// ---- the whole form ----

/** A new case as the form gives it: the server adds who reported it, and the unit when the form has none. */
export type ParsedIntake = Omit<NewCase, 'intakeForm' | 'orgUnitId' | 'reportedBy' | 'respondents'> & {
  form: IntakeForm
  orgUnitId: number | null
  /** `index` is the row the respondent came from, so a later check can put its message beside that row. */
  respondents: (NewCase['respondents'][number] & { index: number })[]
}

const CONTRACT_FIELDS = ['contract_status', 'union_present', 'workforce', 'stage', 'bargaining_notes'] as const

export function parseIntake(form: IntakeForm, v: Values, ctx: { today: string; now: Date; defaultChannel: Channel }): { input: ParsedIntake | null; errors: IntakeErrors } {
  const errors: IntakeErrors = {}
  const check = (name: string, value: string, sibling: (f: string) => string = () => '') => {
    const problem = checkField(name, value, { today: ctx.today, now: ctx.now, sibling })
    if (problem) errors[name] = problem
  }
  const full = form !== 'report'

  for (const f of ['title', 'facts', 'workers_involved']) check(f, one(v, f))
  const channel = full ? one(v, 'channel') : ctx.defaultChannel
  if (!isOneOf(CHANNELS, channel)) errors.channel = 'form.required'
  const channelRef = full ? one(v, 'channel_ref') : ''
  if (full) check('channel_ref', channelRef)
  if (full && isOneOf(CHANNELS_WITH_REFERENCE, channel) && channelRef === '' && channel !== 'hotline_12351') errors.channel_ref = 'intake.error.referenceNeeded'

  let reportedAt = ctx.now
  let applicationReceivedAt: Date | null = null
  if (full) {
    check('reported_at', one(v, 'reported_at'))
    reportedAt = parseBeijingDateTime(one(v, 'reported_at')) ?? ctx.now
    if (one(v, 'application') === 'yes') {
      if (one(v, 'application_received_at') === '') errors.application_received_at = 'form.required'
      else check('application_received_at', one(v, 'application_received_at'))
      applicationReceivedAt = parseBeijingDateTime(one(v, 'application_received_at'))
    }
  }

  const disputeTypes = many(v, 'dispute_types').filter((t): t is DisputeType => isOneOf(DISPUTE_TYPES, t))
  if (disputeTypes.length === 0) errors.dispute_types = 'intake.error.typeNeeded'
  const collectiveSigns = many(v, 'collective_signs').filter((s): s is CollectiveSign => isOneOf(COLLECTIVE_SIGNS, s))

  const respondents: ParsedIntake['respondents'] = []
  for (const r of rows(v, 'respondents')) {
    const id = r.get('respondent_id')
    const role = full ? r.get('role') : 'employer'
    if (id === '' && r.get('query') === '') continue
    if (!/^\d{1,9}$/.test(id)) errors[`respondents.${r.index}.respondent_id`] = 'intake.error.respondentPick'
    else if (!isOneOf(RESPONDENT_ROLES, role)) errors[`respondents.${r.index}.role`] = 'form.required'
    else if (respondents.some((x) => x.respondentId === Number(id) && x.role === role)) errors[`respondents.${r.index}.respondent_id`] = 'intake.error.respondentTwice'
    else respondents.push({ respondentId: Number(id), role, index: r.index })
  }
  if (respondents.length === 0 && !Object.keys(errors).some((k) => k.startsWith('respondents.'))) errors.respondents = 'intake.error.respondentNeeded'

  const workers: NewWorker[] = []
  for (const r of rows(v, 'workers')) {
    const fields = ['name', 'phone', 'id_number', 'hire_date', 'leave_date', 'knew_date']
    if (fields.every((f) => r.get(f) === '')) continue
    for (const f of fields) check(`workers.${r.index}.${f}`, r.get(f), r.get)
    const idType = r.get('id_number') === '' ? 'none' : r.get('id_type')
    if (!isOneOf(ID_TYPES, idType)) errors[`workers.${r.index}.id_type`] = 'form.required'
    const idNumber = r.get('id_number') === '' ? null : idType === 'resident_id' ? normaliseResidentId(r.get('id_number')) : r.get('id_number')
    const resident = idType === 'resident_id' && idNumber ? checkResidentId(idNumber, ctx.today) : null
    workers.push({
      name: r.get('name'),
      phone: r.get('phone') === '' ? null : normalisePhone(r.get('phone')),
      idType: isOneOf(ID_TYPES, idType) ? (idType as IdType) : 'none',
      idNumber,
      under16: resident?.ok === true && isUnder16(resident.birthDate, ctx.today),
      migrant: r.get('migrant') === 'on',
      platformWorker: r.get('platform') === 'on',
      hireDate: r.get('hire_date') || null,
      leaveDate: r.get('leave_date') || null,
      knewDate: r.get('knew_date') || null,
    })
  }
  if (applicationReceivedAt && workers.length === 0) errors.workers = 'intake.error.applicantNeeded'

  const claims: ParsedIntake['claims'] = []
  for (const r of rows(v, 'claims')) {
    if (r.get('description') === '' && r.get('amount') === '') continue
    check(`claims.${r.index}.description`, r.get('description'))
    check(`claims.${r.index}.amount`, r.get('amount'))
    const kind = r.get('kind')
    if (!isOneOf(DISPUTE_TYPES, kind)) errors[`claims.${r.index}.kind`] = 'form.required'
    claims.push({ kind: kind as DisputeType, description: r.get('description'), amountFen: parseYuan(r.get('amount')) ?? 0n })
  }

  let collectiveContract: Record<string, string> | null = null
  if (form === 'collective') {
    collectiveContract = {}
    for (const f of CONTRACT_FIELDS) {
      const value = one(v, `contract.${f}`)
      if ([...value].length > 2000) errors[`contract.${f}`] = 'form.tooLong'
      if (value) collectiveContract[f] = value
    }
  }

  const orgUnit = one(v, 'org_unit_id')
  if (full && !/^\d{1,9}$/.test(orgUnit)) errors.org_unit_id = 'form.required'
  if (Object.keys(errors).length > 0) return { input: null, errors }
  const declared = one(v, 'workers_involved') === '' ? 0 : Number(one(v, 'workers_involved'))
  return {
    errors,
    input: {
      form,
      channel: channel as Channel,
      channelRef: channelRef || null,
      reportedAt,
      applicationReceivedAt,
      orgUnitId: full ? Number(orgUnit) : null,
      title: one(v, 'title'),
      facts: one(v, 'facts'),
      disputeTypes,
      workersInvolved: Math.max(declared, workers.length),
      collectiveSigns,
      collectiveContract,
      respondents,
      workers,
      claims,
    },
  }
}

/**
 * Same key + same content = the same submission; the hash is how we tell a replay from a different
 * form. A photo counts by its own hash: the same form with another photo is another submission.
 */
export function requestHash(input: ParsedIntake, photoSha256?: string): string {
  const hash = createHash('sha256').update(JSON.stringify(input, (_k, val) => (typeof val === 'bigint' ? val.toString() : val)))
  if (photoSha256) hash.update(`\nphoto:${photoSha256}`)
  return hash.digest('hex')
}
