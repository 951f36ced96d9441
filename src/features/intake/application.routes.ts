import { Hono, type Context } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { allow } from '../../auth/access.ts'
import { flash, page } from '../../http/render.ts'
import { recordAudit } from '../audit/audit.ts'
import { parseBeijingDateTime } from './intake.forms.ts'
import { beijingDateTimeInput } from './intake.pages.ts'
import { caseForApplication, recordApplication } from './intake.queries.ts'
import type { MessageKey } from '../../i18n/i18n.ts'

type C = Context<AppEnv>
const registrars = allow('rights_officer', 'bargaining_instructor')
const caseId = (c: C) => (/^\d{1,9}$/.test(c.req.param('id') ?? '') ? Number(c.req.param('id')) : null)

function form(c: C, kase: { id: number; case_no: string; title: string; version: number }, values: Record<string, string>, error: MessageKey | null, status: 200 | 409 | 422 = 200) {
  return page(c, 'intake/application', { title: c.get('t')('application.title'), kase, values, error }, status)
}

/** `/cases/:id/application`: a party's application turns a report into a registered case and starts its clocks. */
export const applicationRoutes = new Hono<AppEnv>()
  .get('/:id/application', registrars, async (c) => {
    const id = caseId(c)
    const kase = id && (await caseForApplication(c.get('db'), c.get('user')!, id))
    if (!kase) return c.notFound()
    return form(c, kase, { received_at: beijingDateTimeInput(c.get('now')()), version: String(kase.version) }, kase.status === 'reported' ? null : 'application.notReported', kase.status === 'reported' ? 200 : 409)
  })
  .post('/:id/application', registrars, async (c) => {
    const id = caseId(c)
    const kase = id && (await caseForApplication(c.get('db'), c.get('user')!, id))
    if (!kase) return c.notFound()
    const body = await c.req.parseBody()
    const values = { received_at: String(body.received_at ?? '').slice(0, 30), version: String(body.version ?? '').slice(0, 10) }
    const now = c.get('now')()
    const receivedAt = parseBeijingDateTime(values.received_at)
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
