import type { Context } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { agreementPerformance, allocatePaid, instalmentStatus } from '../../domain/agreement.ts'
import { beijingDate } from '../../domain/beijing-date.ts'
import { formatFen, sumFen } from '../../domain/money.ts'
import type { Translate } from '../../i18n/i18n.ts'
import { SLUGS, type FormName } from '../case-actions/case-actions.forms.ts'
import { label } from '../../i18n/i18n.ts'
import type { CaseDetail } from '../cases/cases.queries.ts'
import {
  agreementItems, agreementPayments, caseAgreements, instalmentState, instalmentsWithPaid,
} from './agreement.queries.ts'

type C = Context<AppEnv>
const PERFORMANCE_BADGE: Record<string, string> = { performing: '', performed: 'ok', partly: 'warn', overdue: 'bad' }
const INSTALMENT_BADGE: Record<string, string> = { paid: 'ok', partly: 'warn', overdue: 'bad', due: '' }

/** One agreement as the section prints it: terms, items claimed → agreed → paid, instalments, payments. */
async function agreementView(c: C, t: Translate, a: Awaited<ReturnType<typeof caseAgreements>>[number], today: string) {
  const db = c.get('db')
  const items = await agreementItems(db, a.id)
  const instalments = await instalmentsWithPaid(db, a.id)
  const payments = await agreementPayments(db, a.id)
  const states = instalments.map(instalmentState)
  const paidFen = sumFen(states.map((s) => s.paidFen))
  const shares = allocatePaid(items.map((i) => BigInt(i.agreed_fen)), paidFen)
  const performance = agreementPerformance(states, today)
  return {
    id: a.id,
    terms: a.terms.split(/\r?\n/).map((p) => p.trim()).filter(Boolean),
    method: a.performance_method,
    signedOn: a.signed_on,
    effectiveOn: a.effective_on,
    sessionOn: a.session_held_on,
    performance: { label: t(`mediation.performance.${performance}`), cls: PERFORMANCE_BADGE[performance] ?? '' },
    overdue: performance === 'overdue',
    nonMonetary: instalments.length === 0,
    items: items.map((i, n) => ({
      kind: label(t, 'disputeType', i.kind), description: i.description, beyond: i.claim_id === null,
      claimed: i.claim_id === null ? '—' : formatFen(i.claimed_fen), agreed: formatFen(i.agreed_fen), paid: formatFen(shares[n] ?? 0n),
    })),
    totals: {
      claimed: formatFen(sumFen(items.map((i) => i.claimed_fen))), agreed: formatFen(sumFen(items.map((i) => i.agreed_fen))), paid: formatFen(paidFen),
    },
    instalments: instalments.map((r, n) => {
      const status = instalmentStatus(states[n]!, today)
      return { seq: r.seq, due: r.due_on, amount: formatFen(r.amount_fen), paid: formatFen(r.paid_fen), status: t(`mediation.instalmentStatus.${status}`), cls: INSTALMENT_BADGE[status] }
    }),
    payments: payments.map((p) => ({ text: t('mediation.payments.line', { date: p.paid_on, seq: p.seq, amount: formatFen(p.amount_fen) }), method: p.method, note: p.note })),
  }
}

/** The agreement section (views/mediation/_agreement.eta): the one in effect, superseded ones below. Left out when none. */
export async function agreementSection(c: C, k: CaseDetail, offered: readonly FormName[]): Promise<Record<string, unknown> | null> {
  const agreements = await caseAgreements(c.get('db'), k.id)
  if (agreements.length === 0) return null
  const t = c.get('t')
  const today = beijingDate(c.get('now')())
  const inEffect = agreements[0]!.state === 'in_effect' ? await agreementView(c, t, agreements[0]!, today) : null
  const superseded = []
  for (const a of agreements.filter((x) => x.state !== 'in_effect')) superseded.push(await agreementView(c, t, a, today))
  return {
    current: inEffect,
    superseded,
    courtHref: inEffect?.overdue && offered.includes('non_performance_to_court') ? `/cases/${k.id}/${SLUGS.non_performance_to_court}` : null,
  }
}
