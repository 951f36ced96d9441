import type { RecordDefinition } from '../case-actions/record-flow.ts'

// Placeholder until the feature is built: refuses every submission.
export const consultationNoteRecord: RecordDefinition = {
  name: 'consultation_note',
  path: '/:id{[0-9]+}/consultation-notes',
  button: true,
  fields: async () => [],
  validate: async () => ({ errors: { form: 'actions.error.invalid' }, write: async () => ({}) }),
}
