import { Hono } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { allow } from '../../auth/access.ts'
import { page } from '../../http/render.ts'
import { beijingDate } from '../../domain/beijing-date.ts'
import { daysOpen, deadlineView, respondentSummary, riskBadge, riskReasons } from '../cases/cases.pages.ts'
import { respondentSummaries, townNames } from '../cases/cases.queries.ts'
import { BOARD_LIMIT, earlyWarningCases, earlyWarningCount } from './early-warning.queries.ts'

/** The managers' board (DESIGN §7): open red and orange cases as cards, by risk then age. */
export const earlyWarningRoutes = new Hono<AppEnv>().get('/', allow('manager', 'rights_officer', 'bargaining_instructor'), async (c) => {
  const t = c.get('t')
  const db = c.get('db')
  const user = c.get('user')!
  const now = c.get('now')()
  const cases = await earlyWarningCases(db, user)
  const total = cases.length < BOARD_LIMIT ? cases.length : await earlyWarningCount(db, user)
  const respondents = await respondentSummaries(db, cases.map((k) => k.id))
  const towns = await townNames(db, cases.map((k) => k.org_unit_id))
  return page(c, 'early-warning/index', {
    title: t('earlyWarning.title'),
    total,
    more: total > cases.length ? t('earlyWarning.more', { shown: cases.length, count: total }) : null,
    cards: cases.map((k) => ({
      href: `/cases/${k.id}`,
      caseNo: k.case_no,
      risk: riskBadge(t, k.risk_level),
      reasons: riskReasons(t, k.risk_reasons),
      respondent: respondentSummary(t, respondents.get(k.id)) ?? t('earlyWarning.noRespondent'),
      workers: Math.max(k.workers_involved, k.group_workers ?? 0),
      days: daysOpen(k.reported_at, now),
      reportedAt: k.reported_at,
      town: towns.get(k.org_unit_id) ?? '—',
      deadline: deadlineView(t, k.clock_kind, k.clock_due, beijingDate(now)),
    })),
  })
})
