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
import type { zhCN } from './zh-CN.ts'

export const en: Record<keyof typeof zhCN, string> = { ...common.en, ...auth.en, ...home.en, ...users.en, ...orgUnits.en, ...audit.en,
  ...caseVocabulary.en, ...cases.en, ...intake.en, ...respondents.en, ...earlyWarning.en, ...calendar.en, ...clocks.en, ...caseActions.en, ...settings.en,
  ...mediation.en, ...legal.en, ...attachments.en, ...documents.en, ...closure.en,
  ...exportsMsg.en, ...dashboard.en, ...reports.en }
