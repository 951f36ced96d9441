import { Hono } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { allow } from '../../auth/access.ts'
import { recordRoles } from '../../domain/case-records.ts'
import { agreementRoutes } from '../mediation/agreement.routes.ts'
import { attachmentRoutes } from '../attachments/attachments.routes.ts'
import { documentRoutes } from '../documents/documents.routes.ts'
import { SLUGS } from './case-actions.forms.ts'
import { perform, rolesOf, showForm, type PanelAction } from './case-actions.perform.ts'
import { handleRecord } from './record-flow.ts'
import { recordDefinitions } from './record-flows.ts'
import { triggerDateRoutes } from './trigger-dates.routes.ts'

/** Actions whose feature module mounts its own routes (they check more than the state machine's inputs). */
const OWN_ROUTES: readonly PanelAction[] = ['record_agreement_in_effect']

/** /cases/:id/<noun>: every state change of a case is a POST to a sub-resource of it; GET draws its form. */
export const caseActionRoutes = new Hono<AppEnv>()
caseActionRoutes.route('/', agreementRoutes)
for (const action of (Object.keys(SLUGS) as PanelAction[]).filter((a) => !OWN_ROUTES.includes(a))) {
  const path = `/:id{[0-9]+}/${SLUGS[action]}`
  caseActionRoutes.get(path, allow(...rolesOf(action)), (c) => showForm(c, action))
  caseActionRoutes.post(path, allow(...rolesOf(action)), (c) => perform(c, action))
}
for (const def of Object.values(recordDefinitions())) {
  caseActionRoutes.get(def.path, allow(...recordRoles(def.name)), (c) => handleRecord(c, def, false))
  caseActionRoutes.post(def.path, allow(...recordRoles(def.name)), (c) => handleRecord(c, def, true))
}
caseActionRoutes.route('/', triggerDateRoutes)
caseActionRoutes.route('/', documentRoutes)
caseActionRoutes.route('/', attachmentRoutes)
