import type { Db } from '../../db/connect.ts'

/** How the case's agreement in effect stands (placeholder until the agreement feature is built). */
export type AgreementStanding = {
  agreementId: number
  performance: 'performing' | 'performed' | 'partly' | 'overdue'
  agreedFen: string
  paidFen: string
}

export async function agreementStanding(_db: Db, _caseId: number, _today: string): Promise<AgreementStanding | null> {
  return null
}
