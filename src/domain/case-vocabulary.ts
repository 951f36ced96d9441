/** The fixed lists of DESIGN §2. Labels live in the message catalogue under the same keys. */
export const CASE_STATUSES = ['reported', 'registered', 'declined', 'in_progress', 'performing', 'referred_out', 'closed'] as const
export type CaseStatus = (typeof CASE_STATUSES)[number]
export const OPEN_STATUSES: readonly CaseStatus[] = ['reported', 'registered', 'in_progress', 'performing', 'referred_out']

export const ROUTES = ['mediation', 'legal_consultation', 'court_linkage', 'arbitration', 'labour_inspection', 'labour_bureau'] as const
export type Route = (typeof ROUTES)[number]

export const CHANNELS = [
  'informant_report', 'rights_officer', 'bargaining_instructor', 'letter', 'visit', 'call', 'hotline_12351',
  'online', 'court_referral', 'arbitration_referral', 'labour_bureau_referral',
] as const
export type Channel = (typeof CHANNELS)[number]
/** Channels whose sender gives a reference number of their own (court, arbitration, labour bureau, hotline ticket). */
export const CHANNELS_WITH_REFERENCE: readonly Channel[] = ['court_referral', 'arbitration_referral', 'labour_bureau_referral', 'hotline_12351']

export const DISPUTE_TYPES = [
  'wages', 'overtime', 'social_insurance', 'work_injury', 'dismissal', 'labour_relationship', 'compensation',
  'collective_contract', 'other',
] as const
export type DisputeType = (typeof DISPUTE_TYPES)[number]

export const RESPONDENT_ROLES = ['employer', 'dispatcher', 'user_entity', 'main_contractor', 'individual_contractor', 'unlicensed_investor'] as const
export type RespondentRole = (typeof RESPONDENT_ROLES)[number]

export const RESPONDENT_KINDS = ['organisation', 'individual'] as const
export type RespondentKind = (typeof RESPONDENT_KINDS)[number]

export const ID_TYPES = ['resident_id', 'hkmo_permit', 'tw_permit', 'passport', 'none'] as const
export type IdType = (typeof ID_TYPES)[number]

/** Signs of collective action: any of them makes a case red (DESIGN §2). */
export const COLLECTIVE_SIGNS = ['stoppage', 'blocking', 'petition', 'gathering', 'online_campaign'] as const
export type CollectiveSign = (typeof COLLECTIVE_SIGNS)[number]
/** Of those, the ones DESIGN §2 names as red on their own: stoppage, blocking, petition to government. */
export const RED_SIGNS: readonly CollectiveSign[] = ['stoppage', 'blocking', 'petition']

export const RISK_LEVELS = ['green', 'yellow', 'orange', 'red'] as const
export type RiskLevel = (typeof RISK_LEVELS)[number]

export const INTAKE_FORMS = ['report', 'full', 'collective'] as const
export type IntakeForm = (typeof INTAKE_FORMS)[number]

export const isOneOf = <T extends string>(list: readonly T[], v: unknown): v is T => typeof v === 'string' && (list as readonly string[]).includes(v)
