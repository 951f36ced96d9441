import type { Context } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { canRevealPii } from '../../domain/pii-reveal.ts'
import { label, type Translate } from '../../i18n/i18n.ts'
import { caseWorkers, workerSecrets } from '../cases/cases.queries.ts'
import { caseRespondents } from '../cases/cases.queries.ts'
import type { DocumentCase } from './documents.queries.ts'

/** The assigned mediator or legal adviser, or a rights officer: pii-reveal.ts decides. */
export function mayPrintFullNumbers(c: Context<AppEnv>, k: DocumentCase): boolean {
  const user = c.get('user')!
  return canRevealPii({ roles: user.roles, userId: user.id, assignedMediatorId: k.assigned_mediator_id, assignedLegalAdviserId: k.assigned_legal_adviser_id })
}

/**
 * The applicant workers as a document names them. Full numbers only when `full` (the caller has
 * checked the reveal rule); `revealed` counts the full numbers actually printed, so the caller
 * audits exactly the prints that carried them.
 */
export async function applicants(c: Context<AppEnv>, d: Translate, k: DocumentCase, full: boolean) {
  const db = c.get('db')
  const user = c.get('user')!
  const pii = c.get('pii')
  const rows = await caseWorkers(db, user, k.id)
  const secrets = full ? new Map((await workerSecrets(db, user, k.id)).map((s) => [s.id, s])) : null
  let revealed = 0
  const people = rows.map((w) => {
    const secret = secrets?.get(w.id)
    const phone = secret?.phone_enc ? pii.decrypt(secret.phone_enc) : w.phone_masked
    const idNumber = secret?.id_number_enc ? pii.decrypt(secret.id_number_enc) : w.id_masked
    revealed += (secret?.phone_enc ? 1 : 0) + (secret?.id_number_enc ? 1 : 0)
    return {
      name: w.name,
      idType: label(d, 'idType', w.id_type),
      idNumber: idNumber ?? '',
      phone: phone ?? '',
      hireDate: w.hire_date,
      leaveDate: w.leave_date,
      knewDate: w.knew_date,
      flags: [
        ...(w.migrant ? [d('documents.reg.flag.migrant')] : []),
        ...(w.platform_worker ? [d('documents.reg.flag.platform')] : []),
        ...(w.under_16 ? [d('documents.reg.flag.under16')] : []),
      ].join(d('documents.doc.sep')),
    }
  })
  return { people, revealed }
}

export async function respondents(c: Context<AppEnv>, d: Translate, k: DocumentCase) {
  const rows = await caseRespondents(c.get('db'), c.get('user')!, k.id)
  return rows.map((r) => ({
    name: r.name,
    role: label(d, 'respondentRole', r.role),
    organisation: r.kind === 'organisation',
    uscc: r.uscc ?? '',
    legalRep: r.legal_representative ?? '',
    address: r.address ?? '',
  }))
}
