import type { RecordDefinition } from '../case-actions/record-flow.ts'

// Placeholder until the feature is built: refuses every submission.
export const courtLinkageRecord: RecordDefinition = {
  name: 'court_linkage',
  path: '/:id{[0-9]+}/court-linkages',
  button: true,
  fields: async () => [],
  validate: async () => ({ errors: { form: 'actions.error.invalid' }, write: async () => ({}) }),
}

export const courtResultRecord: RecordDefinition = {
  name: 'court_result',
  path: '/:id{[0-9]+}/court-linkages/:targetId{[0-9]+}/result',
  button: false,
  target: async () => null,
  fields: async () => [],
  validate: async () => ({ errors: { form: 'actions.error.invalid' }, write: async () => ({}) }),
}
