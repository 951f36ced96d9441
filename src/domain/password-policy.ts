/**
 * Password rules after OWASP ASVS 5.0 §6.2: length 12–128 characters (counted as the user sees
 * them, so a CJK or emoji password is not penalised), no composition rules, no truncation, and no
 * password that is common or made of words anyone near the user would guess.
 */
export const PASSWORD_MIN = 12
export const PASSWORD_MAX = 128

export type PasswordProblem = 'too_short' | 'too_long' | 'too_common' | 'contains_username'

// Words an attacker tries first against a union federation in Nanhai.
const CONTEXT_WORDS = [
  'fengqiao', 'gonghui', 'nanhai', 'foshan', 'password', 'qwerty', 'admin', 'union', 'mediation',
  '工会', '枫桥', '南海', '佛山', '桂城', '狮山', '大沥', '里水', '西樵', '九江', '丹灶', '密码',
]
const COMMON = new Set([
  '123456789012', '1234567890123', 'qwertyuiopas', 'aaaaaaaaaaaa', '111111111111', '000000000000',
  'abcdefghijkl', 'abc123abc123', 'iloveyou1234', 'password1234', 'passw0rd1234', '1q2w3e4r5t6y',
  'qwerty123456', 'zxcvbnm12345', 'welcome12345', 'letmein12345', 'changeme1234', 'woaini123456',
  '5201314520131', 'a1b2c3d4e5f6',
])

export function checkPassword(password: string, username = ''): PasswordProblem | null {
  const length = [...password].length
  if (length < PASSWORD_MIN) return 'too_short'
  if (length > PASSWORD_MAX) return 'too_long'
  const lower = password.toLowerCase()
  if (username.length >= 3 && lower.includes(username.toLowerCase())) return 'contains_username'
  if (COMMON.has(lower)) return 'too_common'
  // A password that is little more than a context word padded out is as weak as the word.
  const stripped = CONTEXT_WORDS.reduce((rest, w) => rest.split(w).join(''), lower).replace(/[^\p{L}]/gu, '')
  if (stripped.length < 4 && CONTEXT_WORDS.some((w) => lower.includes(w))) return 'too_common'
  if (new Set(lower).size <= 2) return 'too_common'
  return null
}
