import type { Context } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { CASE_STATUSES, isOneOf, RESPONDENT_KINDS, RESPONDENT_ROLES, RISK_LEVELS, type RiskLevel } from '../../domain/case-vocabulary.ts'
import { RISK_RULES } from '../../domain/risk.ts'
import type { FieldErrors, FormValues } from '../../http/form-errors.ts'
import { fragment, page } from '../../http/render.ts'
import { FIELDS } from './respondents.forms.ts'
import {
  caseSummary, casesOfRespondent, findRespondent, recentRespondents, searchRespondents, usccPrefix,
  type Respondent, type RespondentMatch,
} from './respondents.queries.ts'

// Loads and shapes everything the respondents pages and fragments show, so the templates only print.

type C = Context<AppEnv>
const DAY = 86_400_000
const LIST_LIMIT = 50
const PICK_LIMIT = 10
const CASES_LIMIT = 200
const WARN_LINKS = 5
const RISK_BADGE: Record<RiskLevel, string> = { red: 'bad', orange: 'warn', yellow: 'warn', green: 'ok' }

const userOf = (c: C) => c.get('user')!
const kindLabel = (c: C, kind: string) => (isOneOf(RESPONDENT_KINDS, kind) ? c.get('t')(`respondentKind.${kind}`) : kind)
const withKind = <T extends { kind: string }>(c: C, r: T) => ({ ...r, kindLabel: kindLabel(c, r.kind) })

/** Cases and counts are those of the last 365 days, the same window as the repeat-respondent risk rule. */
const yearAgo = (c: C) => new Date(c.get('now')().getTime() - 365 * DAY)

function caseRow(c: C, row: Awaited<ReturnType<typeof casesOfRespondent>>[number]) {
  const t = c.get('t')
  const risk = isOneOf(RISK_LEVELS, row.risk_level) ? row.risk_level : 'green'
  return {
    ...row,
    statusLabel: isOneOf(CASE_STATUSES, row.status) ? t(`status.${row.status}`) : row.status,
    riskLabel: t(`risk.${risk}`),
    riskCls: RISK_BADGE[risk],
    roleLabels: row.roles.map((r) => (isOneOf(RESPONDENT_ROLES, r) ? t(`respondentRole.${r}`) : r)).join('、'),
  }
}

/** A 422 re-render keeps the address bar on the form page, not on the POST target. */
function stayOn(c: C, path: string, status: number) {
  if (status === 422 && c.req.header('HX-Request')) c.header('HX-Replace-Url', path)
}

export async function listPage(c: C, q: string | undefined) {
  const db = c.get('db')
  const rows = q ? await searchRespondents(db, userOf(c), q, LIST_LIMIT) : await recentRespondents(db, userOf(c), LIST_LIMIT)
  return page(c, 'respondents/index', {
    title: c.get('t')('respondents.title'),
    q: q ?? '',
    rows: rows.map((r) => withKind(c, r)),
    full: rows.length === LIST_LIMIT,
  })
}

export type FormState = { values?: FormValues; errors?: FieldErrors; duplicate?: { id: number; name: string } | null; restored?: boolean }

const kindOptions = (c: C) => RESPONDENT_KINDS.map((k) => ({ value: k, label: kindLabel(c, k) }))
const formData = (c: C, s: FormState) => ({
  values: { kind: 'organisation', ...s.values },
  errors: s.errors ?? {},
  hasErrors: Object.keys(s.errors ?? {}).length > 0,
  duplicate: s.duplicate ?? null,
  restored: s.restored ?? false,
  kinds: kindOptions(c),
})

/** The create page, or the same form for an existing respondent (`target`) on its edit page. */
export function formPage(c: C, target: Respondent | null, s: FormState, status: 200 | 422 = 200) {
  const path = target ? `/respondents/${target.id}/edit` : '/respondents/new'
  stayOn(c, path, status)
  const t = c.get('t')
  return page(c, target ? 'respondents/edit' : 'respondents/new', {
    title: target ? t('respondents.edit.title', { name: target.name }) : t('respondents.new.title'),
    target,
    pagePath: path,
    action: target ? `/respondents/${target.id}` : '/respondents',
    ...formData(c, s),
  }, status)
}

/**
 * The create form inside the intake form. It cannot be a <form> (forms do not nest), so its fields are
 * named `respondents.<slot>.new.<field>` and its button posts just those (hx-params).
 */
export function inlineForm(c: C, slot: number, s: FormState, status: 200 | 422 = 200) {
  const prefix = `respondents.${slot}.new.`
  const data = formData(c, s)
  const prefixed = <T>(o: Record<string, T>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [prefix + k, v]))
  return fragment(c, 'respondents/_inline-form', {
    ...data,
    slot,
    prefix,
    values: prefixed(data.values),
    errors: prefixed(data.errors),
    params: FIELDS.map((f) => prefix + f).join(','),
  }, status)
}

/** Prefills the create form from what was typed in the search box: a code goes to the code field. */
export function prefill(q: string | undefined): FormValues {
  const typed = (q ?? '').trim().slice(0, 200)
  if (!typed) return {}
  return usccPrefix(typed) ? { uscc: typed } : { name: typed }
}

export async function showPage(c: C, r: Respondent) {
  const db = c.get('db')
  const [cases, summary] = await Promise.all([
    casesOfRespondent(db, userOf(c), r.id, CASES_LIMIT),
    caseSummary(db, userOf(c), r.id, yearAgo(c)),
  ])
  return page(c, 'respondents/show', {
    title: r.name,
    r: withKind(c, r),
    cases: cases.map((row) => caseRow(c, row)),
    summary,
    repeat: summary.recent >= RISK_RULES.repeatCases,
    truncated: summary.total > cases.length,
  })
}

function optionRow(c: C, slot: number, m: RespondentMatch) {
  return { ...withKind(c, m), chooseHref: `/respondents/${m.id}/chosen?slot=${slot}` }
}

/** Matches for the intake's search box; an empty query gets an empty fragment. */
export async function optionsFragment(c: C, slot: number, q: string) {
  const matches = q ? await searchRespondents(c.get('db'), userOf(c), q, PICK_LIMIT) : []
  const createHref = `/respondents/new?${new URLSearchParams({ slot: String(slot), q })}`
  return fragment(c, 'respondents/_options', { slot, q, matches: matches.map((m) => optionRow(c, slot, m)), createHref })
}

/**
 * What `_chosen` shows for a respondent in a slot, or null if there is no such respondent. Exported
 * so the intake form can re-render a choice already made (after its own 422) without a request.
 */
export async function chosenData(c: C, id: number, slot: number) {
  const r = await findRespondent(c.get('db'), id)
  if (!r) return null
  const [cases, summary] = await Promise.all([
    casesOfRespondent(c.get('db'), userOf(c), id, WARN_LINKS),
    caseSummary(c.get('db'), userOf(c), id, yearAgo(c)),
  ])
  return { r: withKind(c, r), slot, open: summary.open, openCases: cases.filter((k) => k.open) }
}

/** `oob` also empties the slot's match list, once a choice has been made from it. */
export function chosenFragment(c: C, data: NonNullable<Awaited<ReturnType<typeof chosenData>>>) {
  return fragment(c, 'respondents/_chosen', { ...data, oob: true })
}

export function pickerFragment(c: C, slot: number) {
  return fragment(c, 'respondents/_picker', { slot, query: '', chosen: null })
}
