/**
 * The numbers that bound an export. One object, so a test can lower a limit (a sheet of three
 * rows, a background threshold of five) and see the same code take the other path; the app itself
 * never changes them.
 */
export const exportLimits = {
  /** Cases read per query: memory holds one batch (and its look-ups), never the whole result. */
  batchRows: 2_000,
  /** Above this many rows an export runs as a background job instead of streaming to the browser. */
  streamRows: 100_000,
  /** Excel's limit per sheet, header included; then the next sheet begins. */
  sheetRows: 1_048_576,
  /** Exports per user per rolling hour (reliability P4). */
  perHour: 10,
  /** A job's output is stored in pieces of about this size. */
  chunkBytes: 1024 * 1024,
  /** Jobs and their files are deleted after this long. */
  keepDays: 7,
  /** A running job whose process has not reported for this long is taken over by another. */
  staleMs: 2 * 60_000,
  /** A job that failed this many times (its process dying each time) is given up. */
  maxAttempts: 3,
}
