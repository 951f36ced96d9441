import type { Context } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { recordPermit } from '../../domain/case-records.ts'
import { actionContext, loadActionCase } from '../case-actions/case-actions.queries.ts'
import { recordHref } from '../case-actions/record-flow.ts'
// label lives with the case page, which includes this section: used only at call time, so the cycle is harmless.
import { label } from '../../i18n/i18n.ts'
import type { CaseDetail } from '../cases/cases.queries.ts'
import { courtResultRecord } from './court-result.record.ts'
import { caseLinkages } from './legal.queries.ts'

type C = Context<AppEnv>

/** Text plus colour: what the court decided, good news green, bad news red, a withdrawal plain. */
const RESULT_CLASS: Record<string, string> = {
  pending: 'warn', confirmed: 'ok', order_issued: 'ok', mediated: 'ok', not_confirmed: 'bad', order_objected: 'bad', mediation_failed: 'bad', withdrawn: '',
}

/** Whether this user may record a court's result on this case now (the same rule the route applies). */
async function mayRecordResult(c: C, caseId: number) {
  const user = c.get('user')!
  const k = await loadActionCase(c.get('db'), user, caseId)
  if (!k) return false
  const { ctx, status } = await actionContext(c.get('db'), user, k, c.get('now')())
  return recordPermit('court_result', status, user.roles, ctx) === 'ok'
}

/** The case's court linkage, as filed; shown once there is any, or while the case is in court work. */
export async function courtSection(c: C, k: CaseDetail): Promise<Record<string, unknown> | null> {
  const t = c.get('t')
  const linkages = await caseLinkages(c.get('db'), k.id)
  if (linkages.length === 0 && k.status !== 'performing' && k.route !== 'court_linkage') return null
  const canRecord = linkages.some((l) => l.result === 'pending') && (await mayRecordResult(c, k.id))
  return {
    linkages: linkages.map((l) => {
      const result = label(t, 'legal.result', l.result)
      return {
        id: l.id,
        kind: label(t, 'legal.kind', l.kind),
        court: l.court,
        ref: l.court_ref ? t('legal.court.ref', { ref: l.court_ref }) : t('legal.court.noRef'),
        startedOn: t('legal.court.startedOn', { date: l.started_on }),
        result: l.result_on ? t('legal.court.resultOn', { result, date: l.result_on }) : result,
        resultCls: RESULT_CLASS[l.result] ?? '',
        note: l.note,
        resultHref: canRecord && l.result === 'pending' ? recordHref(courtResultRecord, k.id, l.id) : null,
      }
    }),
  }
}
