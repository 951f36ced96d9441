import type { Context } from 'hono'
import type { AppEnv } from '../../app-env.ts'

/** The actions this user may take on this case now, shaped for views/case-actions/_panel.eta (null: none). */
export async function actionPanel(_c: Context<AppEnv>, _caseId: number): Promise<Record<string, unknown> | null> {
  return null
}
