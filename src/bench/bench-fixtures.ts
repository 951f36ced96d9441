import type { Db } from '../db/connect.ts'
import type { BenchOptions } from './bench-options.ts'
import { busiestTown, sampleCaseIds, sampleRespondents, unitsUnderUser } from './bench.queries.ts'
import type { Fixtures } from './scenarios.ts'
import { signIn } from './sign-in.ts'

const CASE_IDS = 2000
const RESPONDENTS = 200

/** Real ids from the database and the two signed-in sessions the scenarios need. */
export async function loadFixtures(db: Db, opts: BenchOptions, baseUrl: string): Promise<Fixtures> {
  const needs = (...ids: string[]) => opts.scenarios.some((s) => ids.includes(s))
  const [town, caseIds, respondents, unitIds] = await Promise.all([
    busiestTown(db),
    sampleCaseIds(db, CASE_IDS),
    sampleRespondents(db, RESPONDENTS),
    unitsUnderUser(db, opts.officer),
  ])
  if (needs('case') && caseIds.length === 0) throw new Error('The database holds no cases: load some with `npm run seed -- --cases N`.')
  if (needs('intake') && (respondents.length === 0 || unitIds.length === 0)) {
    throw new Error(`Intake needs respondents and a user "${opts.officer}" with a unit; the database has ${respondents.length} respondents and ${unitIds.length} units for that user.`)
  }
  return {
    baseUrl,
    managerCookie: needs('list', 'filtered', 'search', 'case', 'dashboard') ? await signIn(baseUrl, opts.manager, opts.password) : '',
    officerCookie: needs('intake') ? await signIn(baseUrl, opts.officer, opts.password) : '',
    town,
    caseIds,
    search: opts.search,
    intake: { unitIds, respondents },
    manager: opts.manager,
    officer: opts.officer,
  }
}
