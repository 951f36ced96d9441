import type { Role } from '../domain/roles.ts'
import type { MessageKey } from '../i18n/i18n.ts'

type NavEntry = { href: string; label: MessageKey; roles: readonly Role[] | 'signed_in' }

// Only what exists and what the role may open; each later feature adds its entry here.
const ENTRIES: NavEntry[] = [
  { href: '/', label: 'nav.home', roles: 'signed_in' },
  { href: '/admin/users', label: 'nav.users', roles: ['admin'] },
  { href: '/admin/org-units', label: 'nav.orgUnits', roles: ['admin'] },
  { href: '/admin/audit', label: 'nav.audit', roles: ['admin'] },
  { href: '/account/password', label: 'nav.account', roles: 'signed_in' },
]

export function navigationFor(roles: readonly Role[]) {
  return ENTRIES.filter((e) => e.roles === 'signed_in' || e.roles.some((r) => roles.includes(r)))
}
