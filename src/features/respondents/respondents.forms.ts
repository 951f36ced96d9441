import { z } from 'zod'
import { RESPONDENT_KINDS } from '../../domain/case-vocabulary.ts'
import { normaliseUscc, usccProblem } from '../../domain/uscc.ts'
import type { FormValues } from '../../http/form-errors.ts'
import type { MessageKey } from '../../i18n/i18n.ts'

const tooLong = { error: 'form.tooLong' } as const
// PostgreSQL refuses NUL in text (a 500), and no other control character belongs in a one-line field.
const noControl = (v: string) => !/[\u0000-\u001f\u007f]/.test(v)
const controlChars = { error: 'respondents.error.controlChars' } as const
// A field left out of the form is the same as an empty one; a repeated field (an array) is refused.
const absentAsEmpty = (v: unknown) => (v === undefined ? '' : v)

const text = (max: number) =>
  z.preprocess(absentAsEmpty, z.string({ error: 'form.invalid' }).trim().max(max, tooLong).refine(noControl, controlChars))

const optionalText = (max: number) => text(max).transform((v) => (v === '' ? null : v))

export const FIELDS = ['kind', 'name', 'uscc', 'legal_representative', 'address', 'industry'] as const

const fields = z.object({
  kind: z.enum(RESPONDENT_KINDS, { error: 'respondents.error.kindRequired' }),
  name: text(200).refine((v) => v.length > 0, { error: 'form.required' }),
  // Normalised here (spaces dropped, upper case) so "9144 0300 …" typed from a licence is accepted.
  uscc: z.preprocess(absentAsEmpty, z.string({ error: 'form.invalid' }).max(100, { error: 'respondents.error.uscc.length' })).transform(
    (v) => normaliseUscc(v) || null,
  ),
  legal_representative: optionalText(60),
  address: optionalText(300),
  industry: optionalText(60),
})

const USCC_MESSAGES = {
  length: 'respondents.error.uscc.length',
  charset: 'respondents.error.uscc.charset',
  check: 'respondents.error.uscc.check',
} as const satisfies Record<string, MessageKey>

/**
 * The code depends on the kind, so it is checked on the whole form; `when` makes the check run even
 * when another field is wrong, so every message shows at once. The values may be unparsed here.
 */
function checkUscc(v: { kind?: unknown; uscc?: unknown }, ctx: z.RefinementCtx) {
  const code = typeof v.uscc === 'string' ? normaliseUscc(v.uscc) : ''
  if (!code) return
  if (v.kind === 'individual') {
    ctx.addIssue({ code: 'custom', path: ['uscc'], message: 'respondents.error.usccIndividual' })
    return
  }
  const problem = usccProblem(code)
  if (problem) ctx.addIssue({ code: 'custom', path: ['uscc'], message: USCC_MESSAGES[problem] })
}

/**
 * The inline form inside the intake form names its fields `respondents.<slot>.new.<field>`, so they
 * never collide with the intake's own fields; the server reads them under their plain names.
 */
const INLINE_NAME = /^respondents\.\d{1,2}\.new\.([a-z_]+)$/

export function unprefixed(raw: unknown): Record<string, unknown> {
  if (!raw || typeof raw !== 'object') return {}
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(raw)) {
    const m = INLINE_NAME.exec(k)
    out[m ? m[1]! : k] = v
  }
  return out
}

export const plainValues = (values: FormValues) => unprefixed(values) as FormValues

export const respondentForm = z.preprocess(unprefixed, fields.superRefine(checkUscc, { when: () => true }))
export type RespondentInput = z.output<typeof fields>

/** Filters come from links people share: anything unexpected is ignored, never an error. */
export const listQuery = z.object({ q: z.string().trim().max(100).optional().catch(undefined) })

/** The intake form has at most 20 respondent slots; anything else is not one of ours. */
export function slotOf(v: string | undefined): number | null {
  return v !== undefined && /^(1?\d)$/.test(v) ? Number(v) : null
}
