import { Hono, type Context } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { allow, forbidden } from '../../auth/access.ts'
import { beijingDate } from '../../domain/beijing-date.ts'
import { checkAction } from '../../domain/case-actions.ts'
import { flash, page } from '../../http/render.ts'
import type { MessageKey } from '../../i18n/i18n.ts'
import { recordAudit } from '../audit/audit.ts'
import { visibleCase } from '../case-actions/case-actions.http.ts'
import { actionContext, type ActionCase } from '../case-actions/case-actions.queries.ts'
import { parseBeijingDateTime } from './intake.forms.ts'
import { beijingDateTimeInput } from './intake.pages.ts'
import { recordApplication } from './intake.queries.ts'

type C = Context<AppEnv>
const registrars = allow('rights_officer', 'bargaining_instructor')

function form(c: C, kase: ActionCase, values: Record<string, string>, error: MessageKey | null, status: 200 | 409 | 422 = 200) {
  return page(c, 'intake/application', { title: c.get('t')('application.title'), kase, values, error }, status)
}

/** Who may record it, and when, is the state machine's `register_application` (a bargaining instructor: collective cases only). */
async function permit(c: C, kase: ActionCase, receivedOn: string) {
  const { ctx, status } = await actionContext(c.get('db'), c.get('user')!, kase, c.get('now')())
  return checkAction('register_application', status, c.get('user')!.roles, { applicationDate: receivedOn }, ctx)
}

/** `/cases/:id/application`: a party's application turns a report into a registered case and starts its clocks. */
export const applicationRoutes = new Hono<AppEnv>()
  .get('/:id/application', registrars, async (c) => {
    const kase = await visibleCase(c)
    if (!kase) return c.notFound()
    const check = await permit(c, kase, beijingDate(c.get('now')()))
    if (!check.ok && check.code === 'forbidden') return forbidden(c)
    const values = { received_at: beijingDateTimeInput(c.get('now')()), version: String(kase.version) }
    return check.ok ? form(c, kase, values, null) : form(c, kase, values, 'application.notReported', 409)
  })
  .post('/:id/application', registrars, async (c) => {
    const kase = await visibleCase(c)
    if (!kase) return c.notFound()
    const body = await c.req.parseBody()
    const values = { received_at: String(body.received_at ?? '').slice(0, 30), version: String(body.version ?? '').slice(0, 10) }
    const now = c.get('now')()
    const receivedAt = parseBeijingDateTime(values.received_at)
    const check = await permit(c, kase, receivedAt ? beijingDate(receivedAt) : '')
    if (!check.ok && check.code === 'forbidden') return forbidden(c)
    if (!check.ok && check.code === 'wrong_state') return form(c, kase, values, 'application.notReported', 409)
    if (!receivedAt || receivedAt.getTime() > now.getTime() + 5 * 60_000) return form(c, kase, values, receivedAt ? 'intake.error.futureDate' : 'intake.error.dateTime', 422)
    const version = /^\d+$/.test(values.version) ? Number(values.version) : kase.version
    const done = await c.get('db').transaction().execute(async (trx) => {
      const ok = await recordApplication(trx, kase.id, receivedAt, c.get('user')!.id, now, version)
      if (ok) await recordAudit(c, { event: 'case.application', objectType: 'case', objectId: kase.id }, trx)
      return ok
    })
    if (!done) return form(c, kase, values, 'application.notReported', 409)
    flash(c, 'application.recorded')
    return c.redirect(`/cases/${kase.id}`, 303)
  })
