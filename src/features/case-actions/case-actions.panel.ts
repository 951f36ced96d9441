import type { Context } from 'hono'
// eventText lives with the case page, which imports this module too: used only at call time, so the cycle is harmless.
import { eventText } from '../cases/cases.pages.ts'
import type { AppEnv } from '../../app-env.ts'
import {
  availableActions, closureReasonsFrom, CONSENTS, DECLINE_REASONS, LEG_ROUTES, REFERRAL_TARGETS, type Action, type ActionContext,
} from '../../domain/case-actions.ts'
import type { CaseStatus, Route } from '../../domain/case-vocabulary.ts'
import { beijingDate } from '../../domain/beijing-date.ts'
import { RESOLUTION_LEVELS, suggestResolutionLevel } from '../../domain/closure.ts'
import { fenToYuanInput } from '../../domain/money.ts'
import { agreementStanding } from '../mediation/agreement.queries.ts'
import { rankMediators } from '../../domain/assignment.ts'
import type { RouteSuggestion } from '../../domain/routing.ts'
import { formatDate, formatDateTime } from '../../http/format.ts'
import { isMessageKey, type MessageKey, type Translate } from '../../i18n/i18n.ts'
import { isActionForm, SLUGS, type Errors, type FormName, type Values } from './case-actions.forms.ts'
import {
  actionContext, caseLegs, loadActionCase, referralUnits, staffCandidates, workingUnit, type ActionCase,
} from './case-actions.queries.ts'
import { availableRecords, recordPermit } from '../../domain/case-records.ts'
import { agreementFormData } from '../mediation/agreement.form.ts'
import { chooseOption, options } from './record-fields.ts'
import { recordHref, type CustomTemplate, type Field } from './record-flow.ts'
import { recordDefinition } from './record-flows.ts'

type C = Context<AppEnv>
/** A form open in the panel; `targetId` names the sub-resource of a record (a leg, a court linkage…). */
export type OpenForm = { name: FormName; values: Values; errors: Errors; conflict?: boolean; targetId?: number }

/** Where a form posts (and its GET draws it). */
export const formHref = (caseId: number, name: FormName, targetId?: number) =>
  isActionForm(name) ? `/cases/${caseId}/${SLUGS[name]}` : recordHref(recordDefinition(name), caseId, targetId)

const tl = (t: Translate, key: string, params?: Record<string, string | number>) => (isMessageKey(key) ? t(key, params) : key)

/** The actions the panel offers: the state machine's (intake has its own page for the application) and the records. */
async function offered(k: ActionCase, c: C, ctx: ActionContext): Promise<FormName[]> {
  const user = c.get('user')!
  const actions: FormName[] = availableActions(k.status as CaseStatus, user.roles, ctx).filter((a) => a !== 'register_application')
  for (const r of availableRecords(k.status as CaseStatus, user.roles, ctx)) {
    const def = recordDefinition(r)
    if (def.button && (!def.offered || (await def.offered(c, k)))) actions.push(r)
  }
  return actions
}

export function routingReasonText(t: Translate, r: RouteSuggestion['reasons'][number]): string {
  const params: Record<string, string | number> = { route: tl(t, `route.${r.route}`) }
  if ('workers' in r) params.workers = r.workers
  if ('days' in r) params.days = r.days
  return tl(t, `actions.routingReason.${r.code}`, params)
}

async function fieldsFor(c: C, k: ActionCase, name: FormName, status: CaseStatus, ctx: ActionContext, targetId?: number): Promise<Field[]> {
  if (!isActionForm(name)) return (await recordDefinition(name).fields?.(c, k, ctx, targetId ?? null)) ?? []
  const t = c.get('t')
  const db = c.get('db')
  const reason = (required: boolean, hint?: MessageKey): Field => ({ name: 'reason', type: 'textarea', label: t('actions.field.reason'), required, hint: hint && t(hint) })
  const closure: Field = { name: 'closure_reason', type: 'select', label: t('actions.field.closureReason'), required: true, options: options(t, 'actions.closureReason', closureReasonsFrom(status)) }
  const route: Field = { name: 'route', type: 'select', label: t('actions.field.route'), required: true, options: options(t, 'route', LEG_ROUTES) }
  switch (name) {
    case 'close': case 'close_without_dispute': return [
      closure,
      { name: 'resolution_level', type: 'select', label: t('closure.field.level'), required: true, hint: t('closure.hint.level'), options: options(t, 'closure.level', RESOLUTION_LEVELS) },
      { name: 'recovered', type: 'text', label: t('closure.field.recovered'), required: true, hint: t('closure.hint.recovered'), maxlength: 20 },
      { name: 'note', type: 'textarea', label: t('closure.field.note') },
    ]
    case 'accept_and_route': return [route, reason(false, 'actions.hint.overrideReason')]
    case 'decline': return [
      { name: 'decline_reason', type: 'select', label: t('actions.field.declineReason'), required: true, options: options(t, 'actions.declineReason', DECLINE_REASONS) },
      { name: 'note', type: 'textarea', label: t('actions.field.note'), hint: t('actions.hint.declineNote') },
    ]
    case 'reopen_declined': case 'reject_referral': case 'non_performance_to_court': return [reason(true)]
    case 'refer_out': return [
      { name: 'referral_target', type: 'select', label: t('actions.field.referralTarget'), required: true, options: options(t, 'actions.referralTarget', REFERRAL_TARGETS) },
      { name: 'outside_body', type: 'text', label: t('actions.field.outsideBody'), hint: t('actions.hint.outsideBody') },
      reason(false, 'actions.hint.overrideReason'),
    ]
    case 'change_route': case 'reopen': return [route, reason(true)]
    case 'refer_to_unit': {
      const units = await referralUnits(db, k)
      return [{ name: 'to_unit_id', type: 'select', label: t('actions.field.toUnit'), required: true, options: [chooseOption(t), ...units.map((u) => ({ value: String(u.id), label: u.name }))] },
        { name: 'reason', type: 'textarea', label: t('actions.field.referralNote') }]
    }
    case 'acknowledge_referral': return []
    case 'assign_mediator': case 'assign_legal_adviser': {
      const role = name === 'assign_mediator' ? 'mediator' : 'legal_adviser'
      const current = role === 'mediator' ? ctx.assignedMediatorId : ctx.assignedLegalAdviserId
      const ranked = rankMediators(await staffCandidates(db, k, role), { excludeUserId: current })
      const field = role === 'mediator' ? 'mediator_id' : 'legal_adviser_id'
      return [
        { name: field, type: 'select', label: t(`actions.field.${role === 'mediator' ? 'mediator' : 'legalAdviser'}`), required: true,
          options: [chooseOption(t), ...ranked.map((m, i) => ({ value: String(m.userId), label: t(i === 0 ? 'actions.candidateSuggested' : 'actions.candidate', { name: m.name, open: m.openCases }) }))] },
        ...(current ? [reason(true, 'actions.hint.reassignReason')] : []),
      ]
    }
    case 'record_consent': return [{ name: 'consent', type: 'select', label: t('actions.field.consent'), required: true, options: options(t, 'actions.consent', CONSENTS) }]
    case 'record_agreement_in_effect': return [{ name: 'effective_date', type: 'date', label: t('actions.field.effectiveDate'), required: true }]
  }
}

/** Everything _panel.eta prints: the buttons, or one form open in place, and the legs. */
export async function panelView(c: C, k: ActionCase, open?: OpenForm) {
  const t = c.get('t')
  const db = c.get('db')
  const { ctx, suggestion, status } = await actionContext(db, c.get('user')!, k, c.get('now')())
  const names = await offered(k, c, ctx)
  const legs = await caseLegs(db, k.id)
  const mayRecordOutside = recordPermit('outside_record', status, c.get('user')!.roles, ctx) === 'ok'
  let form = null
  if (open) {
    const fields = await fieldsFor(c, k, open.name, status, ctx, open.targetId)
    const values: Values = { ...open.values }
    if ((open.name === 'close' || open.name === 'close_without_dispute') && values.resolution_level === undefined) Object.assign(values, await closureDefaults(c, k))
    if (open.name === 'accept_and_route' && values.route === undefined && (LEG_ROUTES as readonly string[]).includes(suggestion.route)) values.route = suggestion.route
    values.version = open.conflict || !values.version ? String(k.version) : values.version
    form = {
      name: open.name,
      title: tl(t, `actions.name.${open.name}`),
      postUrl: formHref(k.id, open.name, open.targetId),
      ...(await customForm(c, k, open, values)),
      fields,
      values,
      errors: open.errors,
      hasErrors: Object.keys(open.errors).length > 0,
      confirmText: open.name === 'acknowledge_referral' ? t('actions.confirmAcknowledge') : null,
      suggestion: open.name === 'accept_and_route' || open.name === 'refer_out'
        ? { route: tl(t, `route.${suggestion.route}`), reasons: suggestion.reasons.map((r) => routingReasonText(t, r)) }
        : null,
      conflict: open.conflict ? { actor: k.last_actor_name ?? t('actions.someone'), at: formatDateTime(k.updated_at), what: await lastChange(db, k.id, t) } : null,
      cancelHref: `/cases/${k.id}`,
    }
  }
  return {
    caseId: k.id,
    form,
    buttons: form ? [] : names.map((n) => ({ name: n, label: tl(t, `actions.name.${n}`), href: formHref(k.id, n) })),
    // Recording the application has a page of its own (/cases/:id/application); the state machine still decides who sees it.
    applicationHref: !form && availableActions(k.status as CaseStatus, c.get('user')!.roles, ctx).includes('register_application') ? `/cases/${k.id}/application` : null,
    declined: k.status === 'declined' && k.decline_reason ? tl(t, `actions.declineReason.${k.decline_reason}`) : null,
    legs: legs.map((l) => ({
      id: l.id,
      target: l.unit_name ?? l.outside_body ?? '—',
      route: tl(t, `route.${l.route}`),
      state: tl(t, `actions.legState.${l.state}`),
      sentAt: formatDateTime(l.sent_at),
      outside: l.outside_body !== null,
      ref: l.outside_ref,
      receivedOn: l.outside_received_on ? formatDate(l.outside_received_on) : null,
      outcome: l.outside_outcome,
      rejectReason: l.reject_reason,
      recordHref: l.outside_body !== null && mayRecordOutside && !form ? formHref(k.id, 'outside_record', l.id) : null,
    })),
  }
}

/** What a fresh closure form proposes: the level from the working unit, the amount from payments, "performed" once all is paid. */
async function closureDefaults(c: C, k: ActionCase): Promise<Values> {
  const db = c.get('db')
  const unit = await db.selectFrom('org_units').select('kind').where('id', '=', workingUnit(k)).executeTakeFirst()
  const standing = await agreementStanding(db, k.id, beijingDate(c.get('now')()))
  const performed = standing !== null && !standing.owing
  return {
    resolution_level: suggestResolutionLevel(k.route as Route | null, unit?.kind ?? null),
    recovered: fenToYuanInput(standing?.paidFen ?? '0'),
    ...(performed && k.status === 'performing' ? { closure_reason: 'agreement_performed' } : {}),
  }
}

/** A form with a template of its own (views/case-actions/_custom-form.eta) and what it prints. */
async function customForm(c: C, k: ActionCase, open: OpenForm, values: Values): Promise<{ template?: CustomTemplate; data?: Record<string, unknown>; multipart?: boolean }> {
  if (open.name === 'record_agreement_in_effect') {
    const data = await agreementFormData(c, k, values)
    return data ? { template: 'agreement', data } : {}
  }
  if (isActionForm(open.name)) return {}
  const def = recordDefinition(open.name)
  if (!def.template) return { multipart: def.multipart }
  return { template: def.template, data: (await def.templateData?.(c, k, values, open.targetId ?? null)) ?? {}, multipart: def.multipart }
}

/** The case page's panel (cases.pages.ts): null when the user can do nothing and there are no legs to list. */
export async function actionPanel(c: C, caseId: number): Promise<{ panel: Record<string, unknown> | null; offered: FormName[] }> {
  const k = await loadActionCase(c.get('db'), c.get('user')!, caseId)
  if (!k) return { panel: null, offered: [] }
  const view = await panelView(c, k)
  // What the panel offers is also what the case page's sections may link to (e.g. court linkage for an overdue instalment).
  const offered = view.buttons.map((b) => b.name)
  return { panel: view.buttons.length || view.legs.length || view.declined || view.applicationHref ? view : null, offered }
}

export type { Action }

/** What the other person did: the newest timeline entry, in words, so a 409 says who changed what. */
async function lastChange(db: C['var']['db'], caseId: number, t: C['var']['t']): Promise<string | null> {
  const e = await db.selectFrom('case_events').select(['kind', 'payload']).where('case_id', '=', caseId).orderBy('id', 'desc').limit(1).executeTakeFirst()
  return e ? eventText(t, e.kind, e.payload) : null
}
