import { Hono } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { allow } from '../../auth/access.ts'
import { perform, rolesOf, showForm } from '../case-actions/case-actions.perform.ts'

// Placeholder until the agreement feature is built: the state machine's action alone.
export const agreementRoutes = new Hono<AppEnv>()
agreementRoutes.get('/:id{[0-9]+}/agreements', allow(...rolesOf('record_agreement_in_effect')), (c) => showForm(c, 'record_agreement_in_effect'))
agreementRoutes.post('/:id{[0-9]+}/agreements', allow(...rolesOf('record_agreement_in_effect')), (c) => perform(c, 'record_agreement_in_effect'))
