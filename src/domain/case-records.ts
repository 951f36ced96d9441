import { roleApplies, type ActionContext, type Grant } from './case-actions.ts'
import { CASE_STATUSES, isOneOf, OPEN_STATUSES, type CaseStatus, type Route } from './case-vocabulary.ts'
import type { Role } from './roles.ts'

/**
 * Records kept beside the state machine (case-actions.ts): they change no status, but who may keep
 * them, and when, is the same kind of rule, so it is data here and tested exhaustively.
 *
 *   recordPermit(name, status, roles, ctx) → 'ok' | 'forbidden' | 'wrong_state'
 *   availableRecords(status, roles, ctx)   → the records this user may add now (RECORD_NAMES order)
 *   mayReadConsultationNote(roles, visibility)
 *
 * Same order of checks as the state machine: no role of the user could ever keep this record on
 * this case → forbidden (a mediator not assigned to it, an informant who did not report it); the
 * case is in no status (or on no route) the record is kept in → wrong_state; the user's role may
 * keep it, but not in this status → forbidden.
 *
 * Who: casework roles (the rights officer; the bargaining instructor on collective cases) keep
 * every record but the legal adviser's notes. A mediator keeps the records of mediation on cases
 * assigned to them (sessions, extensions, payments, court linkage of an agreement); a legal adviser
 * notes, limitation events and court linkage on cases assigned to them. The manager records what
 * outside bodies did with a referral. An informant may add photos to a case they reported while it
 * is still being worked.
 */
export const RECORD_NAMES = [
  'session', 'extension', 'payment', 'consultation_note', 'court_linkage', 'court_result', 'limitation_event', 'outside_record', 'attachment',
] as const
export type RecordName = (typeof RECORD_NAMES)[number]
export const isRecordName = (v: unknown): v is RecordName => isOneOf(RECORD_NAMES, v)

/** A status the record is kept in, optionally only on some routes. */
export type RecordWhen = { status: CaseStatus; routes?: readonly Route[] }
export type RecordGrant = Grant
export type RecordSpec = { grants: readonly RecordGrant[]; when: readonly RecordWhen[] }

const RO: Grant = { role: 'rights_officer' }
const BI: Grant = { role: 'bargaining_instructor' }
const MED: Grant = { role: 'mediator' }
const LA: Grant = { role: 'legal_adviser' }
const MG: Grant = { role: 'manager' }
const CASEWORK = [RO, BI]

const statuses = (list: readonly CaseStatus[]): RecordWhen[] => list.map((status) => ({ status }))
/** Where the court's word is awaited: a court-linkage leg, or an agreement in effect (judicial confirmation). */
const COURT_WORK: RecordWhen[] = [{ status: 'in_progress', routes: ['court_linkage'] }, { status: 'performing' }]

export const RECORDS = {
  // Sessions: a union mediator's, or the court's pre-filing mediation done by ours.
  session: { grants: [...CASEWORK, MED], when: [{ status: 'in_progress', routes: ['mediation', 'court_linkage'] }] },
  // Both parties' consent extends the mediation period (调解仲裁法 Art. 14): only while mediating.
  extension: { grants: [...CASEWORK, MED], when: [{ status: 'in_progress', routes: ['mediation'] }] },
  payment: { grants: [...CASEWORK, MED], when: [{ status: 'performing' }] },
  consultation_note: { grants: [LA], when: statuses(OPEN_STATUSES) },
  court_linkage: { grants: [...CASEWORK, LA, MED], when: COURT_WORK },
  // A court answers after the case moved on (or closed): the result may be recorded whenever.
  court_result: { grants: [...CASEWORK, LA, MED], when: statuses(['in_progress', 'performing', 'referred_out', 'closed']) },
  limitation_event: { grants: [...CASEWORK, LA], when: statuses(OPEN_STATUSES) },
  outside_record: { grants: [...CASEWORK, MG], when: statuses(CASE_STATUSES) },
  attachment: {
    grants: [...CASEWORK, MED, LA, { role: 'informant', states: ['reported', 'registered', 'in_progress'] }],
    when: statuses(CASE_STATUSES),
  },
} as const satisfies Record<RecordName, RecordSpec>

/** Roles named in any grant of the record: the route's declared policy. */
export const recordRoles = (name: RecordName): Role[] => [...new Set((RECORDS[name].grants as readonly Grant[]).map((g) => g.role))]

export type RecordPermit = 'ok' | 'forbidden' | 'wrong_state'

export function recordPermit(name: RecordName, status: CaseStatus, roles: readonly Role[], ctx: ActionContext): RecordPermit {
  const spec: RecordSpec = RECORDS[name]
  const usable = spec.grants.filter((g) => roles.includes(g.role) && roleApplies(g.role, ctx))
  if (usable.length === 0) return 'forbidden'
  const route = ctx.route ?? null
  const fits = spec.when.some((w) => w.status === status && (!w.routes || (route !== null && w.routes.includes(route))))
  if (!fits) return 'wrong_state'
  return usable.some((g) => !g.states || g.states.includes(status)) ? 'ok' : 'forbidden'
}

export function availableRecords(status: CaseStatus, roles: readonly Role[], ctx: ActionContext): RecordName[] {
  return RECORD_NAMES.filter((n) => recordPermit(n, status, roles, ctx) === 'ok')
}

export const NOTE_VISIBILITIES = ['internal', 'shared'] as const
export type NoteVisibility = (typeof NOTE_VISIBILITIES)[number]

/**
 * A consultation note marked internal is the lawyers' own working paper: legal advisers read it.
 * A shared one is for whoever works the case (mediator, rights officer, manager), never the
 * informant who reported it.
 */
export function mayReadConsultationNote(roles: readonly Role[], visibility: NoteVisibility): boolean {
  if (visibility === 'internal') return roles.includes('legal_adviser')
  return roles.some((r) => r !== 'informant' && r !== 'admin')
}
