import { z } from 'zod'
import { ORG_KINDS, UNIT_CODE_MAX, UNIT_CODE_PATTERN, UNIT_NAME_MAX, unitNameProblem } from '../../domain/org-tree.ts'

const name = z
  .string({ error: 'form.required' })
  .trim()
  .min(1, { error: 'form.required' })
  .max(UNIT_NAME_MAX, { error: 'form.tooLong' })
  .refine((v) => unitNameProblem(v) === null, { error: 'form.invalid' })

// Empty means "no code"; a code, once given, follows the same rule as in a CSV import.
const code = z
  .string()
  .trim()
  .max(UNIT_CODE_MAX, { error: 'form.tooLong' })
  .refine((v) => v === '' || UNIT_CODE_PATTERN.test(v), { error: 'orgUnits.error.codeFormat' })
  .optional()
  .transform((v) => (v ? v : null))

/** A parent is named by its code, or by '#' and its number (what the pickers send). */
const parent = z.string({ error: 'form.required' }).trim().min(1, { error: 'form.required' }).max(60, { error: 'form.tooLong' })

export const createUnitForm = z.object({
  name,
  kind: z.enum(ORG_KINDS, { error: 'form.required' }),
  parent,
  code,
})

export const updateUnitForm = z.object({ name, code })

export const moveUnitForm = z.object({ parent })

export const importForm = z.object({
  csv: z.string({ error: 'form.required' }).trim().min(1, { error: 'form.required' }),
})

export type ParentRef = { id: number } | { code: string }

export function parentRef(value: string): ParentRef {
  const byNumber = /^#(\d{1,9})$/.exec(value)
  return byNumber ? { id: Number(byNumber[1]) } : { code: value }
}
