import type { RecordDefinition } from '../case-actions/record-flow.ts'

// Placeholder until the feature is built: refuses every submission.
export const attachmentRecord: RecordDefinition = {
  name: 'attachment',
  path: '/:id{[0-9]+}/attachments',
  button: true,
  fields: async () => [],
  validate: async () => ({ errors: { form: 'actions.error.invalid' }, write: async () => ({}) }),
}
