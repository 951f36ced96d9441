import * as audit from './messages/audit.ts'
import * as auth from './messages/auth.ts'
import * as common from './messages/common.ts'
import * as home from './messages/home.ts'
import * as orgUnits from './messages/org-units.ts'
import * as users from './messages/users.ts'

/** The default catalogue, assembled from one file per area; en.ts must match it key for key. */
export const zhCN = { ...common.zh, ...auth.zh, ...home.zh, ...users.zh, ...orgUnits.zh, ...audit.zh }
