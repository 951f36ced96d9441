import { describe, expect, test } from 'vitest'
import { checkPassword } from '../../src/domain/password-policy.ts'

describe('checkPassword', () => {
  test.each([
    ['short', '', 'too_short'],
    ['11 characters', 'abcdefghijk', 'too_short'],
    ['12 characters', 'mango tiger!', null],
    ['a Chinese phrase counts characters as seen', '我们的调解室在三楼东侧走廊', null],
    ['6 CJK characters are too short', '调解室三楼东', 'too_short'],
    ['emoji count once each', '🍊🍋🍉🍇🍓🫐🍒🍑🥭🍍🥥🥝', null],
    ['128 characters is fine', 'ab'.repeat(32) + 'xy'.repeat(32), null],
    ['129 characters is too long', 'q'.repeat(60) + 'w'.repeat(69), 'too_long'],
    ['100 CJK and emoji characters', '南'.repeat(10) + '海🎉'.repeat(45), null],
    ['a common one', 'password1234', 'too_common'],
    ['a context word padded with digits', 'fengqiao2026!', 'too_common'],
    ['Chinese context words padded', '工会工会枫桥枫桥123456', 'too_common'],
    ['a context word inside a real phrase is fine', 'nanhai river boats at dawn', null],
    ['contains the username', 'zhangwei-secure-pass', 'contains_username'],
    ['one repeated character', 'aaaaaaaaaaaaaa', 'too_common'],
    ['two characters alternating', 'abababababababab', 'too_common'],
  ])('%s', (_name, password, expected) => {
    expect(checkPassword(password, 'zhangwei')).toBe(expected)
  })

  test('a short username is not held against a password', () => {
    expect(checkPassword('a perfectly good phrase', 'ab')).toBeNull()
  })
})
