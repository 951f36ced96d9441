import * as audit from './messages/audit.ts'
import * as auth from './messages/auth.ts'
import * as common from './messages/common.ts'
import * as home from './messages/home.ts'
import * as orgUnits from './messages/org-units.ts'
import * as users from './messages/users.ts'
import * as caseVocabulary from './messages/case-vocabulary.ts'
import * as cases from './messages/cases.ts'
import * as calendar from './messages/calendar.ts'
import * as clocks from './messages/clocks.ts'
import * as caseActions from './messages/case-actions.ts'
import * as settings from './messages/settings.ts'
import * as intake from './messages/intake.ts'
import * as respondents from './messages/respondents.ts'
import * as earlyWarning from './messages/early-warning.ts'
import * as mediation from './messages/mediation.ts'
import * as legal from './messages/legal.ts'
import * as attachments from './messages/attachments.ts'
import * as documents from './messages/documents.ts'
import * as closure from './messages/closure.ts'
import * as exportsMsg from './messages/exports.ts'
import * as dashboard from './messages/dashboard.ts'
import * as reports from './messages/reports.ts'

/** The default catalogue, assembled from one file per area; en.ts must match it key for key. */
export const zhCN = { ...common.zh, ...auth.zh, ...home.zh, ...users.zh, ...orgUnits.zh, ...audit.zh,
  ...caseVocabulary.zh, ...cases.zh, ...intake.zh, ...respondents.zh, ...earlyWarning.zh, ...calendar.zh, ...clocks.zh, ...caseActions.zh, ...settings.zh,
  ...mediation.zh, ...legal.zh, ...attachments.zh, ...documents.zh, ...closure.zh,
  ...exportsMsg.zh, ...dashboard.zh, ...reports.zh }
