import type { Role } from '../../domain/roles.ts'

/** Who may export cases and the dashboard's tables (reliability P4), each within their own scope. */
export const EXPORTERS: Role[] = ['manager', 'rights_officer']
