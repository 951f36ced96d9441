import type { Role } from '../domain/roles.ts'
import type { MessageKey } from '../i18n/i18n.ts'

type NavEntry = { href: string; label: MessageKey; roles: readonly Role[] | 'signed_in'; badge?: 'earlyWarning' | 'home' }

const CASE_WORKERS: readonly Role[] = ['rights_officer', 'bargaining_instructor', 'mediator', 'legal_adviser', 'manager']

// Only what exists and what the role may open; each later feature adds its entry here.
const ENTRIES: NavEntry[] = [
  { href: '/', label: 'nav.home', roles: 'signed_in', badge: 'home' },
  { href: '/cases/new', label: 'nav.newCase', roles: ['informant', 'rights_officer', 'bargaining_instructor'] },
  { href: '/cases', label: 'nav.cases', roles: ['informant', ...CASE_WORKERS] },
  { href: '/early-warning', label: 'nav.earlyWarning', roles: ['manager', 'rights_officer', 'bargaining_instructor'], badge: 'earlyWarning' },
  { href: '/respondents', label: 'nav.respondents', roles: ['informant', ...CASE_WORKERS] },
  { href: '/dashboard', label: 'nav.dashboard', roles: ['manager'] },
  { href: '/reports/annual', label: 'nav.annualReport', roles: ['manager'] },
  { href: '/exports', label: 'nav.exports', roles: ['manager', 'rights_officer'] },
  { href: '/admin/users', label: 'nav.users', roles: ['admin'] },
  { href: '/admin/org-units', label: 'nav.orgUnits', roles: ['admin'] },
  { href: '/admin/calendar', label: 'nav.calendar', roles: ['admin'] },
  { href: '/admin/settings', label: 'nav.settings', roles: ['admin'] },
  { href: '/admin/audit', label: 'nav.audit', roles: ['admin'] },
  { href: '/account/password', label: 'nav.account', roles: 'signed_in' },
]

export function navigationFor(roles: readonly Role[]) {
  return ENTRIES.filter((e) => e.roles === 'signed_in' || e.roles.some((r) => roles.includes(r)))
}

/** The entry a path belongs to: the longest matching href, so /cases/new is not also "cases". */
export function currentEntry(entries: readonly { href: string }[], path: string): string | null {
  const hits = entries.filter((e) => (e.href === '/' ? path === '/' : path === e.href || path.startsWith(e.href + '/')))
  return hits.sort((a, b) => b.href.length - a.href.length)[0]?.href ?? null
}
