import { searchTokens } from '../../../domain/search-tokens.ts'
import { personName, uscc, type Rng } from '../demo-people.ts'
import type { Row } from './copy-format.ts'
import { address, employerName, trade } from './organisations.ts'
import { DAY } from './timeline.ts'

/**
 * The employers and contractors the cases are brought against, about one for every nine cases,
 * each belonging to a town. A case's respondent is new to the register with the chance that keeps
 * that ratio; otherwise one already known in the town, picked by its size: sizes follow a heavy
 * tail (Pareto, capped), so a few big factories come back dozens of times a year and most
 * employers a few times in ten years; somewhat under half of the cases are against a respondent
 * with three or more cases in twelve months. That count is kept exactly: it is the early-warning
 * rule's "repeat respondent".
 */
export type Respondent = { id: number; name: string; industry: string | null; individual: boolean }

type TownPool = {
  unused: number[]; next: number; pNew: number; cases: number; picks: number
  /** Respondents already known, and the running total of their sizes (for a pick by size). */
  known: number[]; sizes: number[]; total: number
  /** This town's cases of the last twelve months: whose, and when. */
  recentIdx: number[]; recentAt: number[]; head: number
}

export class RespondentPool {
  readonly all: Respondent[] = []
  private readonly towns: TownPool[] = []
  /** Cases of each respondent in the last twelve months, as of the latest case generated. */
  private readonly recent: Uint16Array

  constructor(perTown: { townName: string; respondents: number; cases: number }[], firstId: number, r: Rng, taken: Set<string>,
    row: (resp: Respondent, extra: Row) => void) {
    for (const t of perTown) {
      const pool: TownPool = { unused: [], next: 0, pNew: t.respondents / Math.max(1, t.cases), cases: Math.max(1, t.cases), picks: 0, known: [], sizes: [], total: 0, recentIdx: [], recentAt: [], head: 0 }
      for (let i = 0; i < t.respondents; i++) {
        const resp = this.make(r, t.townName, firstId + this.all.length, taken, row)
        pool.unused.push(this.all.length)
        this.all.push(resp)
      }
      this.towns.push(pool)
    }
    this.recent = new Uint16Array(this.all.length)
  }

  private make(r: Rng, townName: string, id: number, taken: Set<string>, row: (resp: Respondent, extra: Row) => void): Respondent {
    if (r.chance(0.1)) {
      const name = `${personName(r)}（包工头）`
      const resp = { id, name, industry: r.chance(0.7) ? '建筑业' : null, individual: true }
      row(resp, { kind: 'individual', uscc: null, legal_representative: null, address: null, search_tokens: searchTokens([name, null]) })
      return resp
    }
    const [tradeName, industry] = trade(r)
    const name = employerName(r, townName, tradeName)
    let code: string | null = null
    if (r.chance(0.85)) {
      do code = uscc(r)
      while (taken.has(code))
      taken.add(code)
    }
    const resp = { id, name, industry, individual: false }
    row(resp, { kind: 'organisation', uscc: code, legal_representative: personName(r), address: address(r, townName), search_tokens: searchTokens([name, code]) })
    return resp
  }

  /** A respondent for a case of town `town` reported at `at` (never `other`, a co-respondent), counted as one of its cases. */
  pick(r: Rng, town: number, at: number, other: Respondent | null = null): Respondent {
    const t = this.towns[town]!
    const except = other ? other.id - this.all[0]!.id : -1
    while (t.head < t.recentAt.length && t.recentAt[t.head]! < at - 365 * DAY) this.recent[t.recentIdx[t.head++]!]!--
    if (t.head > 4096 && t.head * 2 > t.recentAt.length) {
      t.recentIdx.splice(0, t.head)
      t.recentAt.splice(0, t.head)
      t.head = 0
    }
    let idx = -1
    const fresh = t.next < t.unused.length
    // New respondents come in sooner rather than later (3(1-x)² of the average rate at progress x):
    // else the first years' few known employers would each have a case every month.
    const progress = Math.min(1, t.picks++ / t.cases)
    if (t.known.length > 0 && !(fresh && r.chance(t.pNew * 3 * (1 - progress) ** 2))) {
      for (let tries = 0; tries < 3 && (idx < 0 || idx === except); tries++) idx = this.bySize(t, r.next() * t.total)
    }
    if (idx < 0 || idx === except) {
      if (!fresh) idx = t.unused[Math.floor(r.next() * t.unused.length)]!
      else {
        idx = t.unused[t.next++]!
        // Pareto with shape 1.5: most are small, a few are very big.
        t.known.push(idx)
        t.total += Math.min(40, (1 - r.next()) ** (-1 / 1.5))
        t.sizes.push(t.total)
      }
    }
    if (idx === except) idx = t.unused[(t.unused.indexOf(idx) + 1) % t.unused.length]!
    this.count(town, idx, at)
    return this.all[idx]!
  }

  private bySize(t: TownPool, x: number): number {
    let lo = 0
    let hi = t.sizes.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (t.sizes[mid]! > x) hi = mid
      else lo = mid + 1
    }
    return t.known[lo]!
  }

  /** The same respondent again (a collective cluster's next case). */
  again(town: number, resp: Respondent, at: number): void {
    this.count(town, resp.id - this.all[0]!.id, at)
  }

  private count(town: number, idx: number, at: number) {
    const t = this.towns[town]!
    t.recentIdx.push(idx)
    t.recentAt.push(at)
    this.recent[idx] = Math.min(65535, this.recent[idx]! + 1)
  }

  casesLastYear(resp: Respondent): number {
    return this.recent[resp.id - this.all[0]!.id]!
  }
}
