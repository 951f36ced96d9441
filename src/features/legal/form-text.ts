import type { Errors, Values } from '../case-actions/case-actions.forms.ts'
import type { MessageKey } from '../../i18n/i18n.ts'

/** A required text: trimmed, or an error beside the field when blank or longer than `max`. */
export function requiredText(errors: Errors, value: string, name: string, max: number, tooLong: MessageKey): string {
  const s = value.trim()
  if (!s) errors[name] ??= 'actions.error.required'
  else if (s.length > max) errors[name] ??= tooLong
  return s
}

/** An optional text: trimmed, null when blank, an error when longer than `max`. */
export function optionalText(errors: Errors, value: string | undefined, name: string, max: number, tooLong: MessageKey): string | null {
  const s = (value ?? '').trim()
  if (s.length > max) errors[name] ??= tooLong
  return s || null
}
