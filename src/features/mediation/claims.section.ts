import type { Context } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { allocatePaid } from '../../domain/agreement.ts'
import { formatFen, sumFen } from '../../domain/money.ts'
import { label } from '../../i18n/i18n.ts'
import { caseClaims, type CaseDetail } from '../cases/cases.queries.ts'
import { agreementItems, inEffectAgreement, instalmentsWithPaid } from './agreement.queries.ts'

/**
 * The claims table (views/cases/_claims.eta): each claim's amount claimed and, once an agreement is
 * in effect, what was agreed and what has been paid on it (payments allocated item by item, see
 * domain/agreement.ts), with the items agreed beyond the claims as rows of their own.
 */
export async function claimsSection(c: Context<AppEnv>, k: CaseDetail) {
  const t = c.get('t')
  const db = c.get('db')
  const claims = await caseClaims(db, c.get('user')!, k.id)
  const agreement = await inEffectAgreement(db, k.id)
  const items = agreement ? await agreementItems(db, agreement.id) : []
  const paidFen = agreement ? sumFen((await instalmentsWithPaid(db, agreement.id)).map((r) => r.paid_fen)) : 0n
  const shares = allocatePaid(items.map((i) => BigInt(i.agreed_fen)), paidFen)
  const byClaim = new Map(items.map((i, n) => [i.claim_id, { agreed: i.agreed_fen, paid: shares[n]! }]))
  const beyond = items.map((i, n) => ({ i, paid: shares[n]! })).filter(({ i }) => i.claim_id === null)
  return {
    agreed: agreement !== undefined,
    rows: [
      ...claims.map((cl) => {
        const a = byClaim.get(cl.id)
        return {
          kind: label(t, 'disputeType', cl.kind), description: cl.description, amount: formatFen(cl.amount_fen), beyond: false,
          agreedAmount: a ? formatFen(a.agreed) : '—', paid: a ? formatFen(a.paid) : '—',
        }
      }),
      ...beyond.map(({ i, paid }) => ({
        kind: label(t, 'disputeType', i.kind), description: i.description, amount: '—', beyond: true, agreedAmount: formatFen(i.agreed_fen), paid: formatFen(paid),
      })),
    ],
    total: formatFen(sumFen(claims.map((cl) => cl.amount_fen.toString()))),
    agreedTotal: formatFen(sumFen(items.map((i) => i.agreed_fen))),
    paidTotal: formatFen(paidFen),
  }
}
