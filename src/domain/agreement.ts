/**
 * A mediation agreement's money and its performance (DESIGN §2 "Resolution"). Pure; amounts are
 * exact fen as bigint, dates 'YYYY-MM-DD' (Beijing).
 *
 *   checkAgreementMoney(items, instalments, effectiveOn) → the problems, [] when it adds up
 *   instalmentStatus({ amountFen, paidFen, dueOn }, today) → 'paid' | 'partly' | 'overdue' | 'due'
 *   agreementPerformance(instalments, today)              → 'performed' | 'overdue' | 'partly' | 'performing'
 *   allocatePaid(agreedFens, paidFen)                     → what was paid, item by item
 *
 * An agreement with nothing to pay (total 0: reinstatement, an apology, a certificate of
 * employment) has no instalments, and stays 'performing' until the case is closed: only the
 * parties can say the terms were kept.
 *
 * Allocation. Payments are made against instalments, not against items, so the claims table's
 * "paid" per claim is derived: what was paid in total fills the items in the order they are listed,
 * each up to what was agreed for it, before the next. Items are listed as the claims were recorded
 * at intake (the intake form puts wages first), then the items agreed beyond the claims. We chose
 * this over a pro-rata split because it is exact in fen without rounding rules, and because it
 * reads the way mediators report it ("wages paid; compensation outstanding").
 */

export const MAX_INSTALMENTS = 12

export type AgreedItem = { claimedFen: bigint; agreedFen: bigint }
export type PlannedInstalment = { dueOn: string; amountFen: bigint }

/** What is wrong with an agreement's money; `index` is 0-based in the list given. */
export type AgreementProblem =
  | { code: 'negative_agreed'; index: number }
  | { code: 'instalment_not_positive'; index: number }
  | { code: 'too_many_instalments'; count: number; max: number }
  | { code: 'due_not_ascending'; index: number }
  | { code: 'due_before_effective'; index: number }
  | { code: 'instalments_without_money' }
  | { code: 'no_instalments'; agreedFen: bigint }
  | { code: 'instalments_sum'; instalmentsFen: bigint; agreedFen: bigint }

const sum = (values: readonly bigint[]) => values.reduce((a, b) => a + b, 0n)

export const totalAgreed = (items: readonly AgreedItem[]) => sum(items.map((i) => i.agreedFen))
export const totalClaimed = (items: readonly AgreedItem[]) => sum(items.map((i) => i.claimedFen))

export function checkAgreementMoney(items: readonly AgreedItem[], instalments: readonly PlannedInstalment[], effectiveOn: string): AgreementProblem[] {
  const problems: AgreementProblem[] = []
  items.forEach((item, index) => { if (item.agreedFen < 0n) problems.push({ code: 'negative_agreed', index }) })
  instalments.forEach((inst, index) => {
    if (inst.amountFen <= 0n) problems.push({ code: 'instalment_not_positive', index })
    if (index > 0 && inst.dueOn <= instalments[index - 1]!.dueOn) problems.push({ code: 'due_not_ascending', index })
    if (inst.dueOn < effectiveOn) problems.push({ code: 'due_before_effective', index })
  })
  if (instalments.length > MAX_INSTALMENTS) problems.push({ code: 'too_many_instalments', count: instalments.length, max: MAX_INSTALMENTS })
  const agreedFen = totalAgreed(items)
  const instalmentsFen = sum(instalments.map((i) => i.amountFen))
  if (agreedFen === 0n) {
    if (instalments.length > 0) problems.push({ code: 'instalments_without_money' })
  } else if (instalments.length === 0) {
    problems.push({ code: 'no_instalments', agreedFen })
  } else if (instalmentsFen !== agreedFen) {
    problems.push({ code: 'instalments_sum', instalmentsFen, agreedFen })
  }
  return problems
}

export const INSTALMENT_STATUSES = ['paid', 'partly', 'overdue', 'due'] as const
export type InstalmentStatus = (typeof INSTALMENT_STATUSES)[number]
export type InstalmentState = { amountFen: bigint; paidFen: bigint; dueOn: string }

/** An instalment is overdue from the day after its due date until it is paid in full. */
export function instalmentStatus(i: InstalmentState, today: string): InstalmentStatus {
  if (i.paidFen >= i.amountFen) return 'paid'
  if (today > i.dueOn) return 'overdue'
  return i.paidFen > 0n ? 'partly' : 'due'
}

/** What is still owed on an instalment (never negative). */
export const remainingFen = (i: { amountFen: bigint; paidFen: bigint }) => (i.paidFen >= i.amountFen ? 0n : i.amountFen - i.paidFen)

export const PERFORMANCES = ['performing', 'performed', 'partly', 'overdue'] as const
export type Performance = (typeof PERFORMANCES)[number]

export function agreementPerformance(instalments: readonly InstalmentState[], today: string): Performance {
  if (instalments.length === 0) return 'performing'
  const statuses = instalments.map((i) => instalmentStatus(i, today))
  if (statuses.every((s) => s === 'paid')) return 'performed'
  if (statuses.includes('overdue')) return 'overdue'
  return instalments.some((i) => i.paidFen > 0n) ? 'partly' : 'performing'
}

/** Fills the items in order, each up to its agreed amount; a surplus beyond the total is not placed. */
export function allocatePaid(agreedFens: readonly bigint[], paidFen: bigint): bigint[] {
  let left = paidFen > 0n ? paidFen : 0n
  return agreedFens.map((agreed) => {
    const share = agreed <= 0n ? 0n : left < agreed ? left : agreed
    left -= share
    return share
  })
}
