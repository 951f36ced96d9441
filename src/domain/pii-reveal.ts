import type { Role } from './roles.ts'

/**
 * Who may see a case's full phone and ID numbers (DESIGN §6): a rights officer, on any case they
 * can see, and the mediator and legal adviser assigned to that very case. Being assigned is not
 * enough on its own: a user who no longer holds the role loses the right with it. Scope (whether
 * the case is visible at all) is checked before this, by the query that loads the case.
 */
export type RevealAsk = {
  roles: readonly Role[]
  userId: number
  assignedMediatorId: number | null
  assignedLegalAdviserId: number | null
}

export function canRevealPii(ask: RevealAsk): boolean {
  if (ask.roles.includes('rights_officer')) return true
  if (ask.roles.includes('mediator') && ask.assignedMediatorId === ask.userId) return true
  if (ask.roles.includes('legal_adviser') && ask.assignedLegalAdviserId === ask.userId) return true
  return false
}
