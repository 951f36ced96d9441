/** The roles of DESIGN §1. A user may hold several; each route admits a list of them. */
export const ROLES = [
  'informant',
  'rights_officer',
  'bargaining_instructor',
  'mediator',
  'legal_adviser',
  'manager',
  'admin',
] as const

export type Role = (typeof ROLES)[number]

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}

export function hasAnyRole(held: readonly Role[], wanted: readonly Role[]): boolean {
  return held.some((r) => wanted.includes(r))
}
