/** Dates are Beijing dates whatever the server's zone (DESIGN §3), shown as 2026-11-21. */
const dateFmt = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })
const timeFmt = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false })

export function formatDate(d: Date | string | null | undefined): string {
  if (!d) return ''
  if (typeof d === 'string') return d
  return dateFmt.format(d)
}

export function formatDateTime(d: Date | null | undefined): string {
  if (!d) return ''
  return `${dateFmt.format(d)} ${timeFmt.format(d)}`
}
