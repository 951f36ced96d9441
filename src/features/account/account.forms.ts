import { z } from 'zod'

export const changePasswordForm = z.object({
  current_password: z.string({ error: 'form.required' }).min(1, { error: 'form.required' }).max(512, { error: 'form.tooLong' }),
  new_password: z.string({ error: 'form.required' }).min(1, { error: 'form.required' }).max(2048, { error: 'form.tooLong' }),
  confirm_password: z.string({ error: 'form.required' }).max(2048, { error: 'form.tooLong' }),
})
