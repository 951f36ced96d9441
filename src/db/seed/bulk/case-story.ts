import type { WorkingCalendar } from '../../../domain/working-calendar.ts'
import type { Row } from './copy-format.ts'
import type { Respondent } from './respondent-pool.ts'
import type { Staff, Town } from './seed-world.ts'
import type { TableName } from './tables.ts'
import { bjDay } from './timeline.ts'

/** Where generated rows go, and where their ids come from (ranges reserved before the load). */
export type Sink = (table: TableName, row: Row) => void
export type Ids = { next(table: TableName): number }
export type Gen = {
  sink: Sink
  ids: Ids
  now: number
  /** Nothing happens after this instant: a step planned later has not happened yet. */
  limit: number
  today: string
  cal: WorkingCalendar
  /** Industries in the database's own sort order (the case_facts trigger's `order by industry`). */
  sortIndustries: (values: string[]) => string[]
}

export type StoryWorker = {
  id: number; name: string; knewDate: string | null; leaveDate: string | null; migrant: boolean
  /** Identity for the cross-case headcount: the blind index of the ID number or phone. */
  key: string | null
}
export type StoryClaim = { id: number; kind: string; description: string; amountFen: number }
export type StoryGroup = { id: number; at: number; workers: number; cases: number[]; finalWorkers: number }
export type Instalment = { id: number; seq: number; dueOn: string; amountFen: number; paidFen: number }

/** A cases row with every column the load writes, all at once (one object shape for every case). */
export function caseRow(id: number): Row {
  return {
    id, case_no: '', status: 'reported', route: null, channel: '', channel_ref: null, intake_form: '', org_unit_id: 0, reported_by: 0,
    reported_at: 0, application_received_at: null, title: '', facts: '', dispute_types: [], workers_involved: 0, collective_signs: [],
    collective_contract: null, claimed_total_fen: 0, risk_level: 'green', risk_rank: 0, risk_reasons: [], collective_group_id: null,
    assigned_mediator_id: null, assigned_legal_adviser_id: null, search_tokens: [], version: 1, created_at: 0, updated_at: 0,
    decided_at: null, decline_reason: null, decline_note: null, suggested_route: null, respondent_consent: null, consent_at: null,
    agreement_effective_on: null, closure_reason: null, closed_at: null, holder_unit_id: null, last_actor_id: null,
    resolution_level: null, recovered_fen: null, closure_note: null,
    mediated: false, has_agreement: false, agreed_fen: 0, mediation_due_on: null, industries: [],
  }
}

/**
 * One case as it is being written: the case row (its columns by name), the parties, and what its
 * life leaves behind. Each step writes the event the app's action or record would write; rows that
 * change later in the case's life (legs, agreements, court linkages) are written when it ends.
 */
export class CaseStory {
  readonly workers: StoryWorker[] = []
  readonly claims: StoryClaim[] = []
  readonly respondents: Respondent[] = []
  readonly legs: Row[] = []
  readonly agreements: Row[] = []
  readonly linkages: Row[] = []
  readonly extensions: { worker_consent_on: string; respondent_consent_on: string; new_due_on: string }[] = []
  readonly limitationEvents: { workerId: number; kind: string; from: string; to: string | null }[] = []
  /** The instalments of the agreement in effect. */
  instalments: Instalment[] = []
  /** Agreed in the agreement in effect, and paid under any agreement of the case. */
  agreedFen = 0
  paidFen = 0
  sessions = 0
  /** The case's cases in the last twelve months against its busiest respondent, this one included. */
  repeatCases = 1
  /**
   * Its collective group (DESIGN §2): grouped at `at` when the group counted `workers` over `cases`;
   * `finalWorkers` is the group's headcount once its last case came in.
   */
  group: StoryGroup | null = null

  constructor(
    readonly gen: Gen,
    readonly id: number,
    readonly k: Row,
    /** The case's town, and who works it: the town's staff, or the district's for a district case. */
    readonly town: Town,
    readonly staff: Staff & { id: number },
  ) {}

  get status() { return this.k.status as string }
  get route() { return this.k.route as string | null }

  can(at: number): boolean {
    return at <= this.gen.limit
  }

  /**
   * Events are kept until the case ends, then written oldest first (the timeline reads them by id);
   * actions and records also number the case's versions in that order.
   */
  readonly events: { at: number; kind: string; actor: number | null; payload: Row; versioned: boolean }[] = []
  /** The latest moment a side record (court answer, attachment…) was kept: later steps come after it. */
  busyUntil = 0

  event(at: number, kind: string, actor: number | null, payload: Row, versioned = false): void {
    this.events.push({ at, kind, actor, payload, versioned })
  }

  /** A state-machine action: the columns it sets, and `action.<name>` with the status and route before and after. */
  act(at: number, action: string, actor: number, set: Row, inputs: Row = {}): void {
    const before = this.status
    const routeBefore = this.route
    Object.assign(this.k, set)
    this.event(at, `action.${action}`, actor, { before, after: this.status, route_before: routeBefore, route_after: this.route, version: 0, ...inputs }, true)
  }

  /** A record kept beside the state machine (`record.<name>`), with the status it was kept in. */
  record(at: number, name: string, actor: number, payload: Row): void {
    this.event(at, `record.${name}`, actor, { status: this.status, version: 0, ...payload }, true)
  }

  close(when: number, actor: number, reason: string, level: string, recoveredFen: number): void {
    const at = Math.max(when, this.busyUntil + 60_000)
    if (!this.can(at)) return
    this.act(at, 'close', actor, { status: 'closed', closure_reason: reason, closed_at: at, resolution_level: level, recovered_fen: recoveredFen },
      { closure_reason: reason, resolution_level: level, recovered_fen: String(recoveredFen) })
  }

  day(at: number): string {
    return bjDay(at)
  }
}
