import { Hono } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { allow } from '../../auth/access.ts'
import { perform, rolesOf, showForm } from '../case-actions/case-actions.perform.ts'
import { agreementCheck } from './agreement.check.ts'

// /cases/:id/agreements: the state machine's record_agreement_in_effect (who, from which status,
// the effective date), with the agreement itself checked and written in the same transaction.
export const agreementRoutes = new Hono<AppEnv>()
agreementRoutes.get('/:id{[0-9]+}/agreements', allow(...rolesOf('record_agreement_in_effect')), (c) => showForm(c, 'record_agreement_in_effect'))
agreementRoutes.post('/:id{[0-9]+}/agreements', allow(...rolesOf('record_agreement_in_effect')), (c) => perform(c, 'record_agreement_in_effect', agreementCheck))
