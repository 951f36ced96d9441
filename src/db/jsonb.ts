import { sql, type RawBuilder } from 'kysely'

/**
 * A value for a jsonb column. postgres.js would send a JavaScript array as a PostgreSQL array, not
 * JSON, so arrays (and anything else) go as JSON text with an explicit cast, the same on both drivers.
 */
export function jsonb<T>(value: T): RawBuilder<T> {
  return sql<T>`cast(cast(${JSON.stringify(value)} as text) as jsonb)`
}
