import { Hono, type Context } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { allow } from '../../auth/access.ts'
import { beijingDate, isIsoDate } from '../../domain/beijing-date.ts'
import { START_DATE_CORRECTORS } from '../../domain/intake-rules.ts'
import type { MessageKey } from '../../i18n/i18n.ts'
import { flash, page } from '../../http/render.ts'
import { recordAudit } from '../audit/audit.ts'
import { refreshCaseClocks } from '../cases/case-clocks.ts'
import { refreshRisk } from '../cases/case-risk.queries.ts'
import { parseBeijingDateTime } from '../intake/intake.forms.ts'
import { beijingDateTimeInput } from '../intake/intake.pages.ts'
import { idParam, visibleCase } from './case-actions.http.ts'
import { bumpCase, recordCorrection, setWorkerDates, triggerDates } from './trigger-dates.queries.ts'

type C = Context<AppEnv>
type Errors = Partial<Record<string, MessageKey>>
const correctors = allow(...START_DATE_CORRECTORS)
const str = (v: unknown, max = 40) => (typeof v === 'string' ? v.trim().slice(0, max) : '')

async function form(c: C, caseId: number, caseNo: string, values: Record<string, string> | null, errors: Errors, status: 200 | 409 | 422 = 200) {
  const [k, workers] = await triggerDates(c.get('db'), caseId)
  const v = values ?? {
    application_received_at: k.application_received_at ? beijingDateTimeInput(k.application_received_at) : '',
    version: String(k.version),
    ...Object.fromEntries(workers.flatMap((w) => [[`w${w.id}.knew_date`, w.knew_date ?? ''], [`w${w.id}.leave_date`, w.leave_date ?? '']])),
  }
  return page(c, 'case-actions/trigger-dates', {
    title: c.get('t')('triggerDates.title'), caseId, caseNo, hasApplication: k.application_received_at !== null,
    workers: workers.map((w) => ({ id: w.id, name: w.name })), values: v, errors, conflict: status === 409,
  }, status)
}

/**
 * `/cases/:id/trigger-dates`: correcting the dates the clocks start from (the application's receipt,
 * each worker's leaving and knew-of-violation dates) recomputes every clock in the same transaction.
 */
export const triggerDateRoutes = new Hono<AppEnv>()
  .get('/:id/trigger-dates', correctors, async (c) => {
    const k = await visibleCase(c)
    if (!k) return c.notFound()
    return form(c, k.id, k.case_no, null, {})
  })
  .post('/:id/trigger-dates', correctors, async (c) => {
    const k = await visibleCase(c)
    if (!k || idParam(c) === null) return c.notFound()
    const db = c.get('db')
    const now = c.get('now')()
    const today = beijingDate(now)
    const body = await c.req.parseBody()
    const values = Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string').map(([key, v]) => [key.slice(0, 40), str(v, 2000)]))
    const [before, workers] = await triggerDates(db, k.id)
    const errors: Errors = {}
    let received: Date | null = null
    if (before.application_received_at) {
      received = parseBeijingDateTime(values.application_received_at ?? '')
      if (!received) errors.application_received_at = 'intake.error.dateTime'
      else if (received.getTime() > now.getTime() + 5 * 60_000) errors.application_received_at = 'intake.error.futureDate'
    }
    const changes = workers.map((w) => ({ w, knew: values[`w${w.id}.knew_date`] ?? '', leave: values[`w${w.id}.leave_date`] ?? '' }))
    for (const ch of changes) {
      for (const [field, d] of [['knew_date', ch.knew], ['leave_date', ch.leave]] as const) {
        if (d !== '' && !isIsoDate(d)) errors[`w${ch.w.id}.${field}`] = 'intake.error.date'
        else if (d > today) errors[`w${ch.w.id}.${field}`] = 'intake.error.futureDate'
      }
    }
    if ((values.reason ?? '').length === 0) errors.reason = 'form.required'
    if (Object.keys(errors).length) return form(c, k.id, k.case_no, values, errors, 422)
    const version = Number(values.version)
    const user = c.get('user')!
    const ok = await db.transaction().execute(async (trx) => {
      if (!(await bumpCase(trx, k.id, version, received ? { application_received_at: received } : {}, user.id, now))) return false
      for (const ch of changes) await setWorkerDates(trx, ch.w.id, k.id, { knew_date: ch.knew || null, leave_date: ch.leave || null })
      await recordCorrection(trx, k.id, user.id, now, {
        reason: values.reason,
        application_before: before.application_received_at?.toISOString() ?? null,
        application_after: received?.toISOString() ?? null,
        workers: changes.filter((ch) => ch.knew !== (ch.w.knew_date ?? '') || ch.leave !== (ch.w.leave_date ?? ''))
          .map((ch) => ({ worker_id: ch.w.id, knew_before: ch.w.knew_date, knew_after: ch.knew || null, leave_before: ch.w.leave_date, leave_after: ch.leave || null })),
      })
      await refreshCaseClocks(trx, k.id, now)
      await refreshRisk(trx, k.id, now, user.id)
      await recordAudit(c, { event: 'case.trigger_dates', objectType: 'case', objectId: k.id }, trx)
      return true
    })
    if (!ok) return form(c, k.id, k.case_no, values, {}, 409)
    flash(c, 'triggerDates.saved')
    return c.redirect(`/cases/${k.id}`, 303)
  })
