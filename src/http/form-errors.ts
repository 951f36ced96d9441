import { zValidator } from '@hono/zod-validator'
import type { Context } from 'hono'
import type { z } from 'zod'
import type { AppEnv } from '../app-env.ts'
import { isMessageKey, type MessageKey } from '../i18n/i18n.ts'

/** Field name → message key. Schemas give their messages as catalogue keys, so this only sorts them by field. */
export type FieldErrors = Partial<Record<string, MessageKey>>
export type FormValues = Record<string, string | string[]>

type Issues = { issues: readonly { path: readonly PropertyKey[]; message: string }[] }

export function fieldErrors(error: Issues): FieldErrors {
  const errors: FieldErrors = {}
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '_form')
    errors[field] ??= isMessageKey(issue.message) ? issue.message : 'form.invalid'
  }
  return errors
}

/** The submitted values, as strings, to put back in the form after a 422. Passwords are never echoed. */
export function keptValues(raw: unknown): FormValues {
  const out: FormValues = {}
  if (raw && typeof raw === 'object') {
    for (const [k, v] of Object.entries(raw)) {
      if (/password/i.test(k)) continue
      if (typeof v === 'string') out[k] = v
      else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string')
    }
  }
  return out
}

/**
 * zValidator for an HTML form that never answers with its default JSON 400: a bad submission goes
 * to `onInvalid`, which re-renders the form with 422, each message beside its field, values kept.
 */
export function validForm<S extends z.ZodType>(
  schema: S,
  onInvalid: (c: Context<AppEnv>, errors: FieldErrors, values: FormValues) => Response | Promise<Response>,
) {
  return zValidator('form', schema, (result, c) => {
    if (!result.success) return onInvalid(c as unknown as Context<AppEnv>, fieldErrors(result.error), keptValues(result.data))
  })
}
