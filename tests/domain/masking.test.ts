import { describe, expect, test } from 'vitest'
import { maskIdNumber, maskPhone } from '../../src/domain/masking.ts'

/** How many characters of the original the mask leaves visible, given it is prefix + stars + suffix. */
function visible(original: string, masked: string): number {
  const head = masked.match(/^[^*]*/)![0]
  const tail = masked.match(/[^*]*$/)![0]
  expect(original.startsWith(head), `${masked} keeps a prefix of ${original}`).toBe(true)
  expect(original.endsWith(tail), `${masked} keeps a suffix of ${original}`).toBe(true)
  return head.length + tail.length
}

describe('maskIdNumber', () => {
  test.each([
    ['440105199001011234', '4401**********1234', 'resident ID (DESIGN §6 example)'],
    ['11010519491231002X', '1101**********002X', 'resident ID ending in X'],
    ['440605900101123', '4406*******1123', '15-digit old ID'],
    ['123456789012', '1234****9012', '12 characters: first and last four'],
    ['H12345678', 'H******78', 'Hong Kong/Macao permit (9)'],
    ['E12345678', 'E******78', 'passport (9)'],
    ['12345678', '1*****78', 'Taiwan permit (8)'],
    ['AB123', 'A**23', '5 characters'],
    ['1234', '****', '4 characters: all hidden'],
    ['1', '*', 'one character'],
    ['', '', 'empty'],
  ])('%j → %s (%s)', (id, expected) => {
    expect(maskIdNumber(id)).toBe(expected)
  })

  test('keeps the length; shows 3 characters below 12 and 8 from 12 up (lengths 5 to 40)', () => {
    for (let n = 5; n <= 40; n++) {
      const id = Array.from({ length: n }, (_, i) => String.fromCharCode(65 + (i % 26))).join('')
      const masked = maskIdNumber(id)
      expect(masked).toHaveLength(n)
      expect(visible(id, masked), masked).toBe(n >= 12 ? 8 : 3)
    }
  })

  test('the birth date of an 18-character ID is hidden', () => {
    expect(maskIdNumber('440605200802290023')).not.toContain('20080229')
    expect(maskIdNumber('440605200802290023')).not.toContain('0229')
  })
})

describe('maskPhone', () => {
  test.each([
    ['13812345678', '138****5678', 'mobile (DESIGN §6 example)'],
    ['19912345678', '199****5678', 'mobile 199'],
    ['075786281234', '0757****1234', 'Foshan landline'],
    ['01012345678', '010****5678', 'Beijing landline (11 digits, not a mobile)'],
    ['0757862812', '075****2812', '10-digit landline'],
    ['+8613812345678', '+86138****5678', 'an unnormalised +86 mobile still hides four digits'],
    ['123456789', '123****89', '9 digits'],
    ['12345678', '12****78', '8 digits'],
    ['1234567', '1****67', '7 digits'],
    ['123456', '******', '6 digits: all hidden'],
    ['12351', '*****', 'hotline'],
    ['', '', 'empty'],
  ])('%j → %s (%s)', (phone, expected) => {
    expect(maskPhone(phone)).toBe(expected)
  })

  test('never shows a number whole: at least three digits hidden at every length from 1 to 20', () => {
    for (let n = 1; n <= 20; n++) {
      const phone = '0123456789'.repeat(2).slice(0, n)
      const masked = maskPhone(phone)
      expect(masked).not.toBe(phone)
      expect(n - visible(phone, masked), `${phone} → ${masked}`).toBeGreaterThanOrEqual(Math.min(n, 3))
    }
  })

  test('the hidden middle of a mobile does not appear in the mask', () => {
    expect(maskPhone('13899997777')).not.toContain('9999')
  })
})
