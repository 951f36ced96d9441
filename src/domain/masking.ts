/**
 * What lists, search results and events show of personal numbers (DESIGN §6, GB/T 35273 §7.2):
 * `4401**********1234`, `138****5678`. The full value only appears after an audited reveal.
 */
export function maskIdNumber(id: string): string {
  if (id.length >= 12) return id.slice(0, 4) + '*'.repeat(id.length - 8) + id.slice(-4)
  if (id.length > 4) return id.slice(0, 1) + '*'.repeat(id.length - 3) + id.slice(-2)
  return '*'.repeat(id.length)
}

export function maskPhone(phone: string): string {
  if (/^1\d{10}$/.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(7)}`
  if (phone.length >= 10) return phone.slice(0, phone.length - 8 > 2 ? phone.length - 8 : 3) + '****' + phone.slice(-4)
  // 7–9 characters: keeping 3 + 4 would show (nearly) the whole number, so hide four in the middle.
  if (phone.length > 6) return phone.slice(0, phone.length - 6) + '****' + phone.slice(-2)
  return '*'.repeat(phone.length)
}
