import { z } from 'zod'
import { checkPassword } from '../../domain/password-policy.ts'
import { ROLES } from '../../domain/roles.ts'
import { USER_STATUSES } from './users.queries.ts'

const required = { error: 'form.required' } as const
const tooLong = { error: 'form.tooLong' } as const

const username = z
  .string(required)
  .trim()
  .toLowerCase()
  .min(1, required)
  .regex(/^[a-z0-9_.-]{3,40}$/, { error: 'users.error.usernameFormat' })

const displayName = z.string(required).trim().min(1, required).max(60, tooLong)

const orgUnitId = z
  .string(required)
  .trim()
  .min(1, { error: 'users.error.unitRequired' })
  .regex(/^\d{1,9}$/, { error: 'form.invalid' })
  .transform(Number)

// One ticked checkbox arrives as a string, several as an array, none as nothing at all.
const roles = z
  .preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(ROLES, { error: 'form.invalid' })).min(1, { error: 'users.error.rolesRequired' }),
  )
  .transform((picked) => ROLES.filter((r) => picked.includes(r)))

const temporaryPassword = z
  .string(required)
  .min(1, required)
  .max(2048, tooLong)
  .superRefine((pw, ctx) => {
    const problem = checkPassword(pw)
    if (problem) ctx.addIssue({ code: 'custom', message: `password.${problem}` })
  })

export const createUserForm = z
  .object({ username, display_name: displayName, org_unit_id: orgUnitId, roles, password: temporaryPassword })
  .superRefine((v, ctx) => {
    if (checkPassword(v.password, v.username) === 'contains_username') {
      ctx.addIssue({ code: 'custom', path: ['password'], message: 'password.contains_username' })
    }
  })

export const updateUserForm = z.object({ display_name: displayName, org_unit_id: orgUnitId, roles })

/** The username is not in this form; the handler checks the password against it. */
export const resetPasswordForm = z.object({ password: temporaryPassword })

/** Filters come from links people share: anything unexpected is ignored, never an error. */
export const userListQuery = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  role: z.enum(ROLES).optional().catch(undefined),
  status: z.enum(USER_STATUSES).optional().catch(undefined),
  after: z.string().max(40).optional().catch(undefined),
})
