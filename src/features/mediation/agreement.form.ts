import type { Context } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import type { Values } from '../case-actions/case-actions.forms.ts'
import type { ActionCase } from '../case-actions/case-actions.queries.ts'

/** What views/mediation/_agreement-form.eta prints besides the values and errors (placeholder). */
export async function agreementFormData(_c: Context<AppEnv>, _k: ActionCase, _values: Values): Promise<Record<string, unknown> | null> {
  return null
}
