/**
 * Rows in PostgreSQL's COPY text format: columns split by tabs, rows by newlines, `\N` for null,
 * and a backslash before any backslash, tab, newline or carriage return inside a value. Rows are
 * written straight into a growing byte buffer: a million cases are some twenty million rows, and a
 * string per value and per line kept the garbage collector busier than the generator.
 */
export type Kind = 'int' | 'text' | 'bool' | 'time' | 'date' | 'bytea' | 'text[]' | 'jsonb'
export type TableSpec = { readonly name: string; readonly columns: readonly (readonly [string, Kind])[] }
export type Row = Record<string, unknown>

const BACKSLASH = 92
const DAY = 86_400_000
const UTC_DAYS: string[] = []
const HEX_DIGIT = [...'0123456789abcdef'].map((c) => c.charCodeAt(0))
/** For each ASCII code, the letter after the backslash that escapes it (\\ \t \n \r), or 0. */
const ESCAPED = new Uint8Array(128)
ESCAPED[92] = 92
ESCAPED[9] = 116
ESCAPED[10] = 110
ESCAPED[13] = 114
const SPECIAL = /[\\\t\n\r]/g
const HAS_SPECIAL = /[\\\t\n\r]/

export class CopyBuffer {
  private buf = Buffer.allocUnsafeSlow(1 << 20)
  private at = 0
  rows = 0

  private room(bytes: number) {
    if (this.at + bytes <= this.buf.length) return
    const bigger = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.at + bytes))
    this.buf.copy(bigger, 0, 0, this.at)
    this.buf = bigger
  }

  /**
   * Text, escaped. Short ASCII (codes, numbers, enumerations, dates) is copied here byte by byte;
   * longer or other text goes to the UTF-8 encoder in one call.
   */
  text(s: string): void {
    const n = s.length
    if (n > 24) return this.utf8(s)
    this.room(n * 2)
    const b = this.buf
    let at = this.at
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i)
      if (c >= 128) return this.utf8(s)
      const e = ESCAPED[c]!
      if (e) {
        b[at++] = BACKSLASH
        b[at++] = e
      } else b[at++] = c
    }
    this.at = at
  }

  private utf8(s: string) {
    const escaped = HAS_SPECIAL.test(s) ? s.replace(SPECIAL, (c) => `\\${String.fromCharCode(ESCAPED[c.charCodeAt(0)]!)}`) : s
    this.room(escaped.length * 3)
    this.at += this.buf.write(escaped, this.at, 'utf8')
  }

  nul(): void {
    this.room(2)
    this.buf[this.at++] = BACKSLASH
    this.buf[this.at++] = 78 // N
  }

  tab(): void {
    this.room(1)
    this.buf[this.at++] = 9
  }

  end(): void {
    this.room(1)
    this.buf[this.at++] = 10
    this.rows++
  }

  /** Whole numbers written digit by digit (ids and amounts in fen are most of the values). */
  int(v: number | bigint | string): void {
    if (typeof v !== 'number' || v < 0 || v > Number.MAX_SAFE_INTEGER || !Number.isInteger(v)) return this.text(String(v))
    this.room(16)
    const b = this.buf
    let digits = 1
    for (let x = v; x >= 10; x = Math.floor(x / 10)) digits++
    let at = this.at + digits
    this.at = at
    let x = v
    do {
      const q = Math.floor(x / 10)
      b[--at] = 48 + (x - q * 10)
      x = q
    } while (x > 0)
  }

  bool(v: boolean): void {
    this.room(1)
    this.buf[this.at++] = v ? 116 : 102
  }

  /** An instant (epoch milliseconds) as ISO 8601 in UTC, as toISOString writes it, without a Date. */
  time(ms: number): void {
    const day = Math.floor(ms / DAY)
    let rest = ms - day * DAY
    const h = Math.floor(rest / 3_600_000)
    rest -= h * 3_600_000
    const m = Math.floor(rest / 60_000)
    rest -= m * 60_000
    const s = Math.floor(rest / 1000)
    const f = rest - s * 1000
    this.text(UTC_DAYS[day] ??= new Date(day * DAY).toISOString().slice(0, 10))
    this.room(14)
    const b = this.buf
    let i = this.at
    b[i++] = 84 // T
    b[i++] = 48 + ((h / 10) | 0); b[i++] = 48 + (h % 10); b[i++] = 58
    b[i++] = 48 + ((m / 10) | 0); b[i++] = 48 + (m % 10); b[i++] = 58
    b[i++] = 48 + ((s / 10) | 0); b[i++] = 48 + (s % 10); b[i++] = 46
    b[i++] = 48 + ((f / 100) | 0); b[i++] = 48 + (((f / 10) | 0) % 10); b[i++] = 48 + (f % 10)
    b[i++] = 90 // Z
    this.at = i
  }

  bytea(v: Uint8Array): void {
    this.room(3 + v.length * 2)
    const b = this.buf
    let at = this.at
    b[at++] = BACKSLASH
    b[at++] = BACKSLASH
    b[at++] = 120 // x
    for (let i = 0; i < v.length; i++) {
      b[at++] = HEX_DIGIT[v[i]! >> 4]!
      b[at++] = HEX_DIGIT[v[i]! & 15]!
    }
    this.at = at
  }

  /** Every element quoted, so a search token such as `null` stays the text it is. */
  array(values: readonly string[]): void {
    if (values.length === 0) return this.text('{}')
    // Search tokens are letters and digits only: one check of them all, and nothing to escape.
    if (!/["\\\t\n\r]/.test(values.join(''))) return this.text('{"' + values.join('","') + '"}')
    this.text('{' + values.map((v) => '"' + v.replace(/["\\]/g, '\\$&') + '"').join(',') + '}')
  }

  json(v: unknown): void {
    this.text(JSON.stringify(v))
  }

  get size(): number {
    return this.at
  }

  /** What was written, in a buffer of its own (transferable to another thread), and a fresh start. */
  take(): Uint8Array {
    const out = new Uint8Array(this.at)
    out.set(this.buf.subarray(0, this.at))
    this.at = 0
    this.rows = 0
    return out
  }
}

const METHOD: Record<Kind, keyof CopyBuffer> = { int: 'int', text: 'text', bool: 'bool', time: 'time', date: 'text', bytea: 'bytea', 'text[]': 'array', jsonb: 'json' }

/**
 * The writer of one table's rows, made once from its columns: property reads by fixed names stay
 * fast where a loop over column names reading `row[name]` did not (a fifth of the generator's time).
 * The code is built from the table specs (tables.ts), never from data.
 */
export function rowWriter(spec: TableSpec): (out: CopyBuffer, row: Row) => void {
  const body = spec.columns.map(([name, kind], i) => {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected column name ${name}`)
    return `${i ? 'out.tab();' : ''} v = row.${name};
      if (v === null) out.nul(); else if (v === undefined) missing('${name}'); else out.${METHOD[kind]}(v);`
  }).join('\n')
  const missing = (name: string) => {
    throw new Error(`${spec.name}.${name} missing from a generated row`)
  }
  return new Function('missing', `return function write(out, row) { let v; ${body}\nout.end() }`)(missing) as (out: CopyBuffer, row: Row) => void
}

export function copyStatement(spec: TableSpec): string {
  return `copy ${spec.name} (${spec.columns.map(([c]) => c).join(', ')}) from stdin`
}
