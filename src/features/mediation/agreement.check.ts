import type { Context } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { beijingDate } from '../../domain/beijing-date.ts'
import { one } from '../case-actions/case-actions.forms.ts'
import type { ExtraCheck } from '../case-actions/case-actions.perform.ts'
import type { ActionCase } from '../case-actions/case-actions.queries.ts'
import { claimsForAgreement, insertAgreement } from './agreement.queries.ts'
import { parseAgreement, readAgreementValues } from './agreement.parse.ts'
import { caseSessions } from './mediation.queries.ts'

// The agreement checked and written with the state machine's record_agreement_in_effect, in its
// transaction: a bad agreement leaves the case as it was.

type C = Context<AppEnv>

/** What the form offers: the case's claims and its sessions. */
export async function agreementFormContext(c: C, k: ActionCase) {
  const db = c.get('db')
  return { claims: await claimsForAgreement(db, k.id), sessions: await caseSessions(db, k.id) }
}

/** record_agreement_in_effect's extra check: the agreement is read, checked, and written with the action. */
export const agreementCheck: ExtraCheck = async (c, k, body) => {
  const { claims, sessions } = await agreementFormContext(c, k)
  const values = readAgreementValues(body, claims)
  const now = c.get('now')()
  const { errors, agreement, agreedFen } = parseAgreement({ ...values, effective_date: one(body, 'effective_date') }, claims, sessions.map((s) => s.id), beijingDate(now))
  return {
    errors,
    values,
    write: async (trx) => {
      await insertAgreement(trx, { ...agreement, caseId: k.id, recordedBy: c.get('user')!.id, recordedAt: now })
    },
    event: { agreed_fen: agreedFen.toString(), instalments: agreement.instalments.length },
  }
}
