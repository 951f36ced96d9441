import { isCourtKind } from '../../domain/court-linkage.ts'
import type { MessageKey } from '../../i18n/i18n.ts'

// What the filing and the result forms share: the columns' limits (migration) and the kind's label.

export const COURT_MAX = 200
export const COURT_REF_MAX = 80
export const LINKAGE_NOTE_MAX = 2000

export const kindLabel = (kind: unknown): MessageKey | null => (isCourtKind(kind) ? `legal.kind.${kind}` : null)
