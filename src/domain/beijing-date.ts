/** Legal dates are Beijing dates (Asia/Shanghai) whatever the server's own time zone (DESIGN §3). */
const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })

export function beijingDate(instant: Date): string {
  // Assembled from parts: the locale's own pattern is ICU data and has changed between releases
  // (en-CA gave 'M/D/YYYY' with ICU 72, e.g. Node 18.13 and builds on a system ICU 72).
  const parts = fmt.formatToParts(instant)
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`
}

export function beijingYear(instant: Date): number {
  return Number(beijingDate(instant).slice(0, 4))
}

/** Whole calendar days from a to b ('YYYY-MM-DD'); negative when b is earlier. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000)
}

/** The same date n years later; 29 February becomes 28 February when the target year has none. */
export function addYears(day: string, n: number): string {
  const y = Number(day.slice(0, 4)) + n
  const m = Number(day.slice(5, 7))
  const d = Number(day.slice(8, 10))
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return `${y}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`
}

export function isIsoDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false
  const d = new Date(`${v}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v
}
