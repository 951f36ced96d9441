import type { RecordName } from '../../domain/case-records.ts'
import { attachmentRecord } from '../attachments/attachment.record.ts'
import { consultationNoteRecord } from '../legal/consultation-note.record.ts'
import { courtLinkageRecord, courtResultRecord } from '../legal/court-linkage.record.ts'
import { paymentRecord } from '../mediation/payment.record.ts'
import { sessionRecord } from '../mediation/session.record.ts'
import { extensionRecord, limitationEventRecord, outsideRecord } from './case-records.routes.ts'
import type { RecordDefinition } from './record-flow.ts'

/**
 * Every record kept beside the state machine, by name. A function, not a constant: the record
 * modules and the panel import each other (through the case page), and the list is only wanted
 * once every module has loaded.
 */
export function recordDefinitions(): Record<RecordName, RecordDefinition> {
  return {
    session: sessionRecord,
    extension: extensionRecord,
    payment: paymentRecord,
    consultation_note: consultationNoteRecord,
    court_linkage: courtLinkageRecord,
    court_result: courtResultRecord,
    limitation_event: limitationEventRecord,
    outside_record: outsideRecord,
    attachment: attachmentRecord,
  }
}

export const recordDefinition = (name: RecordName): RecordDefinition => recordDefinitions()[name]
