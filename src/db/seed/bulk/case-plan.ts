import type { Rng } from '../demo-people.ts'
import type { Sink, StoryGroup } from './case-story.ts'
import type { Respondent, RespondentPool } from './respondent-pool.ts'
import { bjDay, reportedAt, type Timeline } from './timeline.ts'

/**
 * What must be decided in order, case after case, before a case can be generated on its own: when
 * it came in, its town, its respondents (the register's history decides who comes back), its case
 * number, and whether it belongs to a collective cluster. Everything else about the case is drawn
 * from a random source of its own, so cases can be generated in parallel, in any order.
 */
export type CasePlan = {
  i: number
  id: number
  at: number
  town: number
  caseNo: string
  respondents: Respondent[]
  /** Cases against its busiest respondent in the last twelve months, this one included. */
  repeatCases: number
  cluster: { workers: number; group: StoryGroup } | null
}

type Cluster = { town: number; respondent: Respondent; group: number; sizes: number[]; ids: number[]; times: number[]; crossing: number; total: number; j: number }

export class Planner {
  private cluster: Cluster | null = null

  constructor(private readonly timeline: Timeline, private readonly pool: RespondentPool, private readonly pickTown: (r: Rng) => number,
    private readonly caseNo: (year: number) => string, private readonly firstId: number, private readonly r: Rng,
    private readonly nextGroupId: () => number, private readonly sink: Sink) {}

  plan(i: number): CasePlan {
    const r = this.r
    const at = reportedAt(this.timeline, i)
    if (!this.cluster && i + 6 < this.timeline.n && r.chance(0.004)) this.cluster = this.startCluster(i, at)
    const c = this.cluster
    let town: number
    const respondents: Respondent[] = []
    let cluster: CasePlan['cluster'] = null
    if (c) {
      town = c.town
      respondents.push(c.respondent)
      if (c.j > 0) this.pool.again(town, c.respondent, at)
      const upTo = Math.max(c.j, c.crossing)
      const workers = c.sizes.slice(0, upTo + 1).reduce((a, b) => a + b, 0)
      cluster = { workers: c.sizes[c.j]!, group: { id: c.group, at: c.times[upTo]!, workers, cases: c.ids.slice(0, upTo + 1), finalWorkers: c.total } }
      if (++c.j === c.sizes.length) this.cluster = null
    } else {
      town = this.pickTown(r)
      const first = this.pool.pick(r, town, at)
      respondents.push(first)
      if (r.chance(0.12)) respondents.push(this.pool.pick(r, town, at, first))
    }
    const year = Number(bjDay(at).slice(0, 4))
    return {
      i, id: this.firstId + i, at, town, caseNo: this.caseNo(year), respondents,
      repeatCases: Math.max(...respondents.map((x) => this.pool.casesLastYear(x))), cluster,
    }
  }

  /**
   * Several workers of one employer come in one after another with unpaid wages: the case that takes
   * their count to ten groups them, as detectCollective would (and every later one joins the group).
   */
  private startCluster(i: number, at: number): Cluster {
    const r = this.r
    const sizes = Array.from({ length: r.int(3, 6) }, () => r.int(2, 6))
    const sum = sizes.reduce((a, b) => a + b, 0)
    if (sum < 10) sizes[sizes.length - 1]! += 10 - sum
    let running = 0
    const crossing = Math.max(1, sizes.findIndex((n) => (running += n) >= 10))
    const town = this.pickTown(r)
    const times = sizes.map((_, j) => reportedAt(this.timeline, i + j))
    const c: Cluster = {
      town, respondent: this.pool.pick(r, town, at), group: this.nextGroupId(), sizes, times, crossing, j: 0,
      total: sizes.reduce((a, b) => a + b, 0), ids: sizes.map((_, j) => this.firstId + i + j),
    }
    this.sink('collective_groups', { id: c.group, respondent_id: c.respondent.id, dispute_type: 'wages', workers_count: c.total, created_at: times[crossing]! })
    return c
  }
}
