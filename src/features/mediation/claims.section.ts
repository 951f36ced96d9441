import type { Context } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { formatFen, sumFen } from '../../domain/money.ts'
import { label } from '../cases/cases.pages.ts'
import { caseClaims, type CaseDetail } from '../cases/cases.queries.ts'

/** The claims table (views/cases/_claims.eta): each claim's amount claimed. */
export async function claimsSection(c: Context<AppEnv>, k: CaseDetail) {
  const t = c.get('t')
  const claims = await caseClaims(c.get('db'), c.get('user')!, k.id)
  return {
    rows: claims.map((cl) => ({ kind: label(t, 'disputeType', cl.kind), description: cl.description, amount: formatFen(cl.amount_fen) })),
    total: formatFen(sumFen(claims.map((cl) => cl.amount_fen.toString()))),
  }
}
