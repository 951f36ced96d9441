import { Hono, type Context } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { allow } from '../../auth/access.ts'
import { DEFAULT_ACK_WORKING_DAYS } from '../../domain/clocks.ts'
import type { MessageKey } from '../../i18n/i18n.ts'
import { flash, page } from '../../http/render.ts'
import { recordAudit } from '../audit/audit.ts'
import { readSetting, writeSetting } from './settings.queries.ts'

type C = Context<AppEnv>
const KEY = 'referral_ack_working_days'

async function settingsPage(c: C, value: string | null, error: MessageKey | null, status: 200 | 422 = 200) {
  const stored = Number(await readSetting(c.get('db'), KEY))
  const current = Number.isInteger(stored) && stored >= 1 ? stored : DEFAULT_ACK_WORKING_DAYS
  return page(c, 'admin/settings/index', { title: c.get('t')('settings.title'), values: { ack_days: value ?? String(current) }, errors: error ? { ack_days: error } : {} }, status)
}

/** `/admin/settings`: the rules DESIGN §7 lets admins set; for now the referral acknowledgment deadline. */
export const settingsRoutes = new Hono<AppEnv>()
  .get('/', allow('admin'), (c) => settingsPage(c, null, null))
  .post('/', allow('admin'), async (c) => {
    const body = await c.req.parseBody()
    const raw = typeof body.ack_days === 'string' ? body.ack_days.trim().slice(0, 10) : ''
    const n = Number(raw)
    if (!/^\d{1,2}$/.test(raw) || n < 1 || n > 30) return settingsPage(c, raw, 'settings.error.ackDays', 422)
    const before = await readSetting(c.get('db'), KEY)
    await c.get('db').transaction().execute(async (trx) => {
      await writeSetting(trx, KEY, n)
      await recordAudit(c, { event: 'admin.settings.update', objectType: 'setting', objectId: KEY, details: { before, after: n } }, trx)
    })
    flash(c, 'settings.saved')
    return c.redirect('/admin/settings', 303)
  })
