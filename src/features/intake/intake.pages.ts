import type { Context } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { beijingDate } from '../../domain/beijing-date.ts'
import {
  CHANNELS, COLLECTIVE_SIGNS, DISPUTE_TYPES, ID_TYPES, RESPONDENT_ROLES, type IntakeForm,
} from '../../domain/case-vocabulary.ts'
import { intakeFormsFor } from '../../domain/intake-rules.ts'
import { fragment, page } from '../../http/render.ts'
import { chosenData } from '../respondents/respondents.pages.ts'
import { rows, type IntakeErrors, type Values } from './intake.forms.ts'
import { intakeUnits } from './intake.queries.ts'

// Shapes what the intake templates print: options with their labels, the rows to draw, the choices made.

type C = Context<AppEnv>
export type IntakeState = { values?: Values; errors?: IntakeErrors; restored?: boolean; replayConflict?: boolean }

const CONTRACT_STATUSES = ['none', 'negotiating', 'signed', 'expired'] as const
const STAGES = ['signing', 'performance'] as const
export const MAX_RESPONDENT_SLOTS = 20

/** 'YYYY-MM-DDTHH:mm' in Beijing time, for a datetime-local input. */
export function beijingDateTimeInput(d: Date): string {
  const shifted = new Date(d.getTime() + 8 * 3_600_000)
  return shifted.toISOString().slice(0, 16)
}

export function options(c: C) {
  const t = c.get('t')
  return {
    channels: CHANNELS.filter((ch) => ch !== 'informant_report').map((v) => ({ value: v, label: t(`channel.${v}`) })),
    types: DISPUTE_TYPES.map((v) => ({ value: v, label: t(`disputeType.${v}`) })),
    roles: RESPONDENT_ROLES.map((v) => ({ value: v, label: t(`respondentRole.${v}`) })),
    idTypes: ID_TYPES.map((v) => ({ value: v, label: t(`idType.${v}`) })),
    signs: COLLECTIVE_SIGNS.map((v) => ({ value: v, label: t(`sign.${v}`) })),
    contractStatuses: [{ value: '', label: t('intake.chooseOne') }, ...CONTRACT_STATUSES.map((v) => ({ value: v, label: t(`intake.contract.${v}`) }))],
    stages: [{ value: '', label: t('intake.chooseOne') }, ...STAGES.map((v) => ({ value: v, label: t(`intake.stage.${v}`) }))],
    yesNo: [{ value: '', label: t('intake.chooseOne') }, { value: 'yes', label: t('common.yes') }, { value: 'no', label: t('common.no') }],
  }
}

const indexes = (values: Values, group: 'respondents' | 'workers' | 'claims') => {
  const found = rows(values, group).map((r) => r.index)
  return found.length ? found : [0]
}

export async function intakePage(c: C, form: IntakeForm, state: IntakeState, status: 200 | 422 | 409 = 200) {
  const user = c.get('user')!
  const t = c.get('t')
  const now = c.get('now')()
  const values: Values = { reported_at: beijingDateTimeInput(now), org_unit_id: String(user.orgUnit.id), application: 'no', ...state.values }
  const respondentSlots = indexes(values, 'respondents').filter((i) => i < MAX_RESPONDENT_SLOTS)
  const chosen: Record<number, unknown> = {}
  for (const slot of respondentSlots) {
    const id = values[`respondents.${slot}.respondent_id`]
    if (typeof id === 'string' && /^\d{1,9}$/.test(id)) chosen[slot] = (await chosenData(c, Number(id), slot)) ?? undefined
  }
  const units = form === 'report' ? [] : await intakeUnits(c.get('db'), user.orgUnit.path, user.orgUnit.id)
  const depth = (path: string) => path.split('/').filter(Boolean).length - user.orgUnit.path.split('/').filter(Boolean).length
  return page(c, 'intake/new', {
    title: t('intake.title'),
    form,
    forms: intakeFormsFor(user.roles).map((f) => ({ value: f, label: t(`intake.form.${f}`), current: f === form })),
    values,
    errors: state.errors ?? {},
    hasErrors: Object.keys(state.errors ?? {}).length > 0,
    restored: state.restored === true,
    replayConflict: state.replayConflict === true,
    key: typeof values._key === 'string' && /^[0-9a-f-]{36}$/.test(values._key) ? values._key : crypto.randomUUID(),
    opts: options(c),
    units: units.map((u) => ({ value: u.id, label: `${'　'.repeat(Math.max(0, depth(u.path)))}${u.name}` })),
    respondentSlots,
    nextRespondentSlot: Math.max(...respondentSlots) + 1,
    maxRespondentSlots: MAX_RESPONDENT_SLOTS,
    chosen,
    workerRows: indexes(values, 'workers'),
    claimRows: indexes(values, 'claims'),
    today: beijingDate(now),
  }, status)
}

/** One more repeatable row (a worker, a claim, a respondent) and the "add" button that will ask for the next. */
export function rowFragment(c: C, group: 'respondents' | 'workers' | 'claims', index: number) {
  return fragment(c, 'intake/_new-row', { group, index, next: index + 1, values: {}, errors: {}, opts: options(c), chosen: {}, today: beijingDate(c.get('now')()), maxRespondentSlots: MAX_RESPONDENT_SLOTS })
}
