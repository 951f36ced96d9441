import type { RecordDefinition } from '../case-actions/record-flow.ts'

// Placeholder until the feature is built: refuses every submission.
export const sessionRecord: RecordDefinition = {
  name: 'session',
  path: '/:id{[0-9]+}/sessions',
  button: true,
  fields: async () => [],
  validate: async () => ({ errors: { form: 'actions.error.invalid' }, write: async () => ({}) }),
}
