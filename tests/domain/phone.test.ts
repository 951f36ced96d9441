import { describe, expect, test } from 'vitest'
import { normalisePhone, phoneProblem } from '../../src/domain/phone.ts'

describe('normalisePhone: as people type them', () => {
  test.each([
    ['13812345678', '13812345678', 'plain mobile'],
    ['138 1234 5678', '13812345678', 'spaces'],
    ['138-1234-5678', '13812345678', 'hyphens'],
    ['+86 138 1234 5678', '13812345678', '+86 country code'],
    ['+8613812345678', '13812345678', '+86 without space'],
    ['0086 13812345678', '13812345678', '0086 country code'],
    ['(0757) 8628-1234', '075786281234', 'landline with ASCII brackets'],
    ['（0757）86281234', '075786281234', 'landline with full-width brackets'],
    ['0757-86281234', '075786281234', 'landline with hyphen'],
    ['138\u30001234\u30005678', '13812345678', 'ideographic spaces'],
    ['１３８１２３４５６７８', '13812345678', 'full-width digits from a Chinese IME'],
    ['＋８６ １３８－１２３４－５６７８', '13812345678', 'full-width plus, digits and hyphens'],
    ['０７５７－８６２８１２３４', '075786281234', 'full-width landline'],
    ['12351', '12351', 'union hotline'],
  ])('%j → %s (%s)', (input, expected) => {
    expect(normalisePhone(input)).toBe(expected)
  })

  test('+86 is only stripped at the start', () => {
    expect(normalisePhone('138+8612345')).toBe('138+8612345')
  })
})

describe('phoneProblem', () => {
  test.each([
    ['13812345678', 'mobile 138'],
    ['13012345678', 'mobile 130'],
    ['14512345678', 'mobile 145'],
    ['15012345678', 'mobile 150'],
    ['16612345678', 'mobile 166'],
    ['17712345678', 'mobile 177'],
    ['18912345678', 'mobile 189'],
    ['19912345678', 'mobile 199'],
    ['075786281234', 'Foshan landline, 4-digit area code + 8 digits'],
    ['01012345678', 'Beijing landline, 3-digit area code + 8 digits'],
    ['02012345678', 'Guangzhou landline'],
    ['0757862812', '10-digit landline (area code + 7 digits)'],
    ['12351', 'union hotline'],
    ['12333', 'labour-bureau hotline'],
    ['12345', 'government hotline'],
  ])('%s (%s) is accepted', (phone) => {
    expect(phoneProblem(phone)).toBeNull()
  })

  test.each([
    ['', 'empty'],
    ['12812345678', 'mobile prefix 12'],
    ['11012345678', 'mobile prefix 11'],
    ['10012345678', 'mobile prefix 10'],
    ['1381234567', '10-digit mobile'],
    ['138123456789', '12-digit mobile'],
    ['86281234', 'local number without area code'],
    ['075786281', 'area code + 5 digits'],
    ['0757862812345', 'area code + 9 digits'],
    ['4008001234', '400 service number'],
    ['12350', 'not a listed hotline'],
    ['+8613812345678', 'not normalised: +86'],
    ['138 1234 5678', 'not normalised: spaces'],
    ['1381234567x', 'a letter'],
    ['１３８１２３４５６７８', 'not normalised: full-width digits'],
  ])('%j (%s) → format', (phone) => {
    expect(phoneProblem(phone)).toBe('format')
  })

  test.each([
    '+86 138 1234 5678', '0086-138-1234-5678', '（0757）8628 1234', '１３８ １２３４ ５６７８', '＋８６１３８１２３４５６７８',
  ])('%j is accepted once normalised', (input) => {
    expect(phoneProblem(normalisePhone(input))).toBeNull()
  })
})
