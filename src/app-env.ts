import type { Config } from './config.ts'
import type { Db, DbKind } from './db/connect.ts'
import type { Role } from './domain/roles.ts'
import type { Locale, Translate } from './i18n/i18n.ts'
import type { PiiCipher } from './privacy/pii-cipher.ts'

export type CurrentUser = {
  id: number
  username: string
  displayName: string
  roles: Role[]
  locale: Locale
  mustChangePassword: boolean
  orgUnit: { id: number; name: string; kind: string; path: string }
}

/** What every handler can read from `c.var`: set once per request by the app's middleware. */
export type AppEnv = {
  Variables: {
    db: Db
    dbKind: DbKind
    config: Config
    now: () => Date
    pii: PiiCipher
    requestId: string
    locale: Locale
    t: Translate
    user: CurrentUser | null
    sessionId: string | null
    /** Counts shown beside navigation entries (e.g. new early warnings); set only for full pages. */
    badges: Record<string, number>
    /** The user whose session just ran out, so what they were typing can be kept for them. */
    expiredUserId: number | null
  }
}
