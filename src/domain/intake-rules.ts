import type { Channel, IntakeForm } from './case-vocabulary.ts'
import type { Role } from './roles.ts'

/**
 * Which intake forms a role fills in (DESIGN §7): the informant's five-field phone report, the
 * rights officer's full registration, the bargaining instructor's full form with the
 * collective-contract section. Anyone who may register may also file a quick report.
 */
const FORMS_BY_ROLE: Partial<Record<Role, readonly IntakeForm[]>> = {
  informant: ['report'],
  rights_officer: ['full', 'report'],
  bargaining_instructor: ['collective', 'report'],
}
const PREFERENCE: readonly IntakeForm[] = ['full', 'collective', 'report']

export function intakeFormsFor(roles: readonly Role[]): IntakeForm[] {
  const allowed = new Set(roles.flatMap((r) => FORMS_BY_ROLE[r] ?? []))
  return PREFERENCE.filter((f) => allowed.has(f))
}

/** Only the full forms take a party's application; a report never starts the statutory clocks. */
export function formTakesApplication(form: IntakeForm): boolean {
  return form !== 'report'
}

/** A quick report's channel is the reporter's own role (DESIGN §2 lists the three field roles as channels). */
export function reportChannelFor(roles: readonly Role[]): Channel {
  return roles.includes('informant') ? 'informant_report' : roles.includes('bargaining_instructor') ? 'bargaining_instructor' : 'rights_officer'
}

/** Who may correct the dates the statutory clocks start from: those who register and route cases. */
export const START_DATE_CORRECTORS: readonly Role[] = ['rights_officer', 'bargaining_instructor', 'manager']
