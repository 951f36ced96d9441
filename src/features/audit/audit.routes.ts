import { Hono } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { allow } from '../../auth/access.ts'
import { isRole } from '../../domain/roles.ts'
import { page } from '../../http/render.ts'
import { listAudit } from './audit.queries.ts'

const PAGE_SIZE = 50
const OUTCOME_BADGE: Record<string, string> = { success: 'ok', failure: 'warn', denied: 'bad' }

/** `/admin/audit`: the append-only log, read-only, newest first, filtered through the URL. */
export const auditRoutes = new Hono<AppEnv>().get('/', allow('admin'), async (c) => {
  const t = c.get('t')
  const event = (c.req.query('event') ?? '').trim().slice(0, 100)
  const actor = (c.req.query('actor') ?? '').trim().toLowerCase().slice(0, 40)
  const before = c.req.query('before') ?? ''
  const unit = c.get('user')!.orgUnit
  const found = await listAudit(
    c.get('db'),
    { event, actor, before: /^\d{1,18}$/.test(before) ? before : undefined, subtreePath: unit.kind === 'district' ? undefined : unit.path },
    PAGE_SIZE + 1,
  )
  const rows = found.slice(0, PAGE_SIZE).map((r) => ({
    ...r,
    roles: r.actor_roles.map((role) => (isRole(role) ? t(`role.${role}`) : role)).join('、'),
    outcomeText: r.outcome === 'success' || r.outcome === 'failure' || r.outcome === 'denied' ? t(`audit.outcome.${r.outcome}`) : r.outcome,
    badge: OUTCOME_BADGE[r.outcome] ?? '',
    details: Object.keys(r.details).length ? JSON.stringify(r.details) : '',
  }))
  const filters = new URLSearchParams({ ...(event && { event }), ...(actor && { actor }) })
  const olderHref = found.length > PAGE_SIZE ? `/admin/audit?${new URLSearchParams([...filters, ['before', rows.at(-1)!.id]])}` : null
  const filtered = event !== '' || actor !== ''
  return page(c, 'admin/audit/index', {
    title: t('audit.title'),
    event,
    actor,
    rows,
    olderHref,
    newestHref: before ? `/admin/audit${filters.size ? `?${filters}` : ''}` : null,
    filtered,
  })
})
