import type { Context } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import type { CaseDetail } from '../cases/cases.queries.ts'

/** Placeholder until the feature is built: the section is left out. */
export async function agreementSection(_c: Context<AppEnv>, _k: CaseDetail): Promise<Record<string, unknown> | null> {
  return null
}
