import type { Context } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { beijingDate } from '../../domain/beijing-date.ts'
import { label } from '../../i18n/i18n.ts'
import type { CaseDetail } from '../cases/cases.queries.ts'
import { caseSessions } from './mediation.queries.ts'

const RESULT_BADGE: Record<string, string> = {
  agreement: 'ok', partial_agreement: 'warn', adjourned: 'warn', no_agreement: 'bad', respondent_absent: 'bad', respondent_refused: 'bad',
}

/**
 * The sessions section (views/mediation/_sessions.eta), newest first. The next session scheduled
 * (the earliest arranged date from today on) is highlighted. Left out on a case that never took
 * the mediation or court-linkage route and has no sessions.
 */
export async function sessionsSection(c: Context<AppEnv>, k: CaseDetail): Promise<Record<string, unknown> | null> {
  const t = c.get('t')
  const sessions = await caseSessions(c.get('db'), k.id)
  if (sessions.length === 0 && k.route !== 'mediation' && k.route !== 'court_linkage') return null
  const today = beijingDate(c.get('now')())
  const upcoming = sessions.map((s) => s.next_session_on).filter((d): d is string => d !== null && d >= today).sort()[0] ?? null
  return {
    next: upcoming,
    rows: sessions.map((s) => ({
      heldOn: s.held_on,
      mode: label(t, 'mediation.mode', s.mode),
      result: label(t, 'mediation.result', s.result),
      resultCls: RESULT_BADGE[s.result] ?? '',
      place: s.place,
      participants: s.participants,
      summary: s.summary,
      nextOn: s.next_session_on,
      nextIsUpcoming: s.next_session_on !== null && s.next_session_on === upcoming,
      recordedBy: s.recorded_by_name,
    })),
  }
}
