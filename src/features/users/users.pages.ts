import type { Context } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { ROLES, type Role } from '../../domain/roles.ts'
import type { FieldErrors, FormValues } from '../../http/form-errors.ts'
import { page } from '../../http/render.ts'
import { isMessageKey, type MessageKey } from '../../i18n/i18n.ts'
import {
  activeSessionCount, listUsers, recentAuditAbout, unitsInScope, USER_STATUSES, type ManagedUser, type UserFilter, type UserStatus,
} from './users.queries.ts'

// Loads and shapes everything the users pages show, so the templates only print.

type C = Context<AppEnv>
const BADGE: Record<UserStatus, string> = { active: 'ok', locked: 'warn', disabled: 'bad' }
const OUTCOME_BADGE: Record<string, string> = { success: 'ok', failure: 'bad', denied: 'warn' }

const scopeOf = (c: C) => c.get('user')!.orgUnit.path
const depth = (path: string) => path.split('/').filter(Boolean).length
const asList = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v])
const roleLabels = (c: C, roles: readonly Role[]) => roles.map((r) => c.get('t')(`role.${r}`)).join('、')
const badges = (c: C, statuses: UserStatus[]) => statuses.map((s) => ({ label: c.get('t')(`users.status.${s}`), cls: BADGE[s] }))

function roleChoices(c: C, values: FormValues) {
  const picked = asList(values.roles)
  return ROLES.map((r) => ({ value: r, label: c.get('t')(`role.${r}`), checked: picked.includes(r) }))
}

/** The admin's own subtree, indented under its root so the tree shape shows in a plain select. */
async function unitChoices(c: C) {
  const units = await unitsInScope(c.get('db'), scopeOf(c))
  const rootDepth = depth(scopeOf(c))
  return [
    { value: '', label: c.get('t')('users.field.chooseUnit') },
    ...units.map((u) => ({ value: String(u.id), label: '\u3000'.repeat(depth(u.path) - rootDepth) + u.name })),
  ]
}

/** A 422 re-render keeps the address bar on the form page, not on the POST target. */
function stayOn(c: C, path: string, status: number) {
  if (status === 422 && c.req.header('HX-Request')) c.header('HX-Replace-Url', path)
}

export async function listPage(c: C, filter: UserFilter) {
  const t = c.get('t')
  const { rows, nextAfter } = await listUsers(c.get('db'), scopeOf(c), filter, c.get('now')())
  const kept = Object.entries({ q: filter.q, role: filter.role, status: filter.status }).filter((e): e is [string, string] => !!e[1])
  const nextHref = nextAfter ? `/admin/users?${new URLSearchParams([...kept, ['after', nextAfter]])}` : null
  return page(c, 'admin/users/index', {
    title: t('users.title'),
    q: filter.q ?? '',
    roleOptions: [{ value: '', label: t('users.filter.allRoles'), selected: !filter.role }, ...ROLES.map((r) => ({ value: r, label: t(`role.${r}`), selected: filter.role === r }))],
    statusOptions: [{ value: '', label: t('users.filter.allStatuses'), selected: !filter.status }, ...USER_STATUSES.map((s) => ({ value: s, label: t(`users.status.${s}`), selected: filter.status === s }))],
    rows: rows.map((r) => ({ ...r, roleLabels: roleLabels(c, r.roles), badges: badges(c, r.statuses) })),
    nextHref,
  })
}

type FormState = { values?: FormValues | undefined; errors?: FieldErrors; restored?: boolean }

export async function newPage(c: C, { values = {}, errors = {}, restored = false }: FormState, status: 200 | 422 = 200) {
  stayOn(c, '/admin/users/new', status)
  return page(c, 'admin/users/new', {
    title: c.get('t')('users.new.title'),
    values,
    errors,
    restored,
    hasErrors: Object.keys(errors).length > 0,
    units: await unitChoices(c),
    roles: roleChoices(c, values),
  }, status)
}

type ShowState = FormState & { resetErrors?: FieldErrors; actionError?: MessageKey }

export async function showPage(c: C, target: ManagedUser, state: ShowState = {}, status: 200 | 422 = 200) {
  const t = c.get('t')
  const db = c.get('db')
  const path = `/admin/users/${target.id}`
  stayOn(c, path, status)
  const values = state.values ?? { display_name: target.display_name, org_unit_id: String(target.org_unit_id), roles: target.roles }
  const errors = state.errors ?? {}
  const sessions = await activeSessionCount(db, target.id, c.get('now')())
  const audit = await recentAuditAbout(db, target.id)
  const isSelf = target.id === c.get('user')!.id
  return page(c, 'admin/users/show', {
    title: target.display_name,
    path,
    target: { ...target, roleLabels: roleLabels(c, target.roles), badges: badges(c, target.statuses) },
    sessions,
    audit: audit.map((a) => {
      const key = `users.outcome.${a.outcome}`
      return { ...a, outcomeLabel: isMessageKey(key) ? t(key) : a.outcome, outcomeCls: OUTCOME_BADGE[a.outcome] ?? '' }
    }),
    values,
    errors,
    resetErrors: state.resetErrors ?? {},
    actionError: state.actionError ? t(state.actionError) : null,
    hasErrors: Object.keys(errors).length > 0,
    restored: state.restored ?? false,
    units: await unitChoices(c),
    roles: roleChoices(c, values),
    isSelf,
    can: {
      disable: !target.disabled_at && !isSelf,
      enable: target.disabled_at !== null,
      unlock: target.failed_logins > 0 || target.statuses.includes('locked'),
      endSessions: sessions > 0,
    },
  }, status)
}
