import { isIsoDate } from '../../domain/beijing-date.ts'
import { label, type MessageKey, type Translate } from '../../i18n/i18n.ts'
import type { Errors, Values } from './case-actions.forms.ts'
import type { Option } from './record-flow.ts'

// Reading and offering the fields of the panel's forms (actions and records alike): each reader
// returns the value or null and puts the message beside its field in `errors` (the first one wins).

/** A date field: blank (null, an error when required), not a date, or (unless allowed) after today. */
export function dateField(errors: Errors, v: Values, today: string, f: string, required: boolean, notFuture = true): string | null {
  const s = (v[f] ?? '').trim()
  if (!s) { if (required) errors[f] ??= 'actions.error.required'; return null }
  if (!isIsoDate(s)) { errors[f] ??= 'actions.error.invalid'; return null }
  if (notFuture && s > today) { errors[f] ??= 'actions.error.futureDate'; return null }
  return s
}

/** A text field, trimmed: null when blank (an error when required), an error when longer than `max`. */
export function textField(errors: Errors, v: Values, f: string, max: number, opts: { required?: boolean; tooLong?: MessageKey } = {}): string | null {
  const s = (v[f] ?? '').trim()
  if (opts.required && !s) errors[f] ??= 'actions.error.required'
  else if (s.length > max) errors[f] ??= opts.tooLong ?? 'actions.error.tooLong'
  return s || null
}

export const chooseOption = (t: Translate): Option => ({ value: '', label: t('actions.choose') })

/** A select's options from a fixed list, labelled `${prefix}.${value}`, after "choose…". */
export const options = (t: Translate, prefix: string, values: readonly string[]): Option[] =>
  [chooseOption(t), ...values.map((v) => ({ value: v, label: label(t, prefix, v) }))]
