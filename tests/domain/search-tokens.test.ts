import { describe, expect, test } from 'vitest'
import { queryTokens, searchTokens } from '../../src/domain/search-tokens.ts'

/** What the database does: `search_tokens @> query_tokens`. */
const finds = (texts: readonly (string | null | undefined)[], query: string) => {
  const doc = new Set(searchTokens(texts))
  return queryTokens(query).every((t) => doc.has(t))
}

describe('two-character Chinese queries (the common case)', () => {
  test.each([
    [['张伟'], '张伟', true, 'a worker’s full name'],
    [['佛山市南海区恒达电子有限公司'], '恒达', true, 'two characters inside an enterprise name'],
    [['佛山市南海区恒达电子有限公司'], '南海', true, 'the district'],
    [['拖欠三个月工资'], '工资', true, 'a word in the facts'],
    [['拖欠三个月工资'], '欠三', true, 'any two adjacent characters'],
    [['张三伟'], '张伟', false, 'both characters present but not adjacent'],
    [['伟张'], '张伟', false, 'reversed order'],
    [['恒达电子'], '恒通', false, 'only one of the two characters'],
    [['张伟，李秀英'], '伟李', false, 'adjacent only across a comma'],
  ])('%j searched for %s → %s (%s)', (texts, query, expected) => {
    expect(finds(texts, query)).toBe(expected)
  })

  test('the query is one bigram token', () => {
    expect(queryTokens('张伟')).toEqual(['张伟'])
  })

  test('a document holds the unigrams and bigrams of its Han runs', () => {
    expect(new Set(searchTokens(['李秀英']))).toEqual(new Set(['李', '秀', '英', '李秀', '秀英']))
  })
})

describe('one-character queries', () => {
  test.each([
    [['李秀英'], '秀', true, 'a Han character in the middle of a name'],
    [['李秀英'], '王', false, 'a Han character not there'],
    [['恒达ABC电子'], 'b', true, 'a Latin letter inside a Latin word'],
    [['拖欠32名工人工资'], '3', true, 'a digit inside a number'],
    [['拖欠32名工人工资'], '5', false, 'a digit not there'],
    [['X'], 'x', true, 'a one-letter word'],
  ])('%j searched for %s → %s (%s)', (texts, query, expected) => {
    expect(finds(texts, query)).toBe(expected)
  })

  test('the query is that character', () => {
    expect(queryTokens('张')).toEqual(['张'])
  })
})

describe('mixed Chinese, Latin and digits', () => {
  test.each([
    [['恒达ABC123有限公司'], 'ABC', true, 'a Latin word between Han runs'],
    [['恒达ABC123有限公司'], 'abc123', true, 'Latin and digits together, case-insensitive'],
    [['恒达ABC123有限公司'], 'C12', true, 'across letter and digit'],
    [['恒达ABC123有限公司'], '达A', true, 'a Han character next to a Latin one'],
    [['恒达ABC123有限公司'], 'ACB', false, 'letters in the wrong order'],
    [['2024年12月起停发工资'], '2024年', true, 'a year'],
    [['2024年12月起停发工资'], '12月', true, 'a month'],
    [['2024年12月起停发工资'], '2025', false, 'another year'],
    [['工人32名'], '32名', true, 'a headcount'],
    [['iPhone代工厂'], 'phone', true, 'part of a Latin word'],
    [['iPhone代工厂'], 'IPHONE代工', true, 'uppercase query against a mixed-case document'],
  ])('%j searched for %s → %s (%s)', (texts, query, expected) => {
    expect(finds(texts, query)).toBe(expected)
  })

  test('Latin and digit runs give bigrams (and unigrams), never trigrams', () => {
    const tokens = searchTokens(['abc'])
    expect(tokens).toContain('ab')
    expect(tokens).toContain('bc')
    expect(tokens).not.toContain('abc')
  })

  test('a Latin query of several letters needs each adjacent pair', () => {
    expect(queryTokens('abcd')).toEqual(['ab', 'bc', 'cd'])
  })
})

describe('full-width forms (NFKC) and case', () => {
  test.each([
    [['ＡＢＣ电子'], 'abc', true, 'full-width letters in the document'],
    [['ABC电子'], 'ＡＢＣ', true, 'full-width letters in the query'],
    [['２０２４年'], '2024', true, 'full-width digits in the document'],
    [['2024年'], '２０２４年', true, 'full-width digits in the query'],
    [['Ｈｅｎｇｄａ'], 'HENGDA', true, 'full-width mixed case'],
  ])('%j searched for %s → %s (%s)', (texts, query, expected) => {
    expect(finds(texts, query)).toBe(expected)
  })

  test('tokens are stored half-width and lowercase', () => {
    expect(searchTokens(['ＡＢ'])).toEqual(expect.arrayContaining(['ab']))
    expect(queryTokens('ＡＢ')).toEqual(['ab'])
  })
})

describe('punctuation and spaces split runs', () => {
  test.each([
    ['张伟，李秀英'],
    ['张伟、李秀英'],
    ['张伟 李秀英'],
    ['张伟。李秀英'],
    ['张伟（李秀英）'],
    ['张伟；李秀英'],
    ['张伟\n李秀英'],
    ['张伟/李秀英'],
    ['张伟·李秀英'],
  ])('%j has no bigram across the separator', (text) => {
    const tokens = searchTokens([text])
    expect(tokens).toContain('张伟')
    expect(tokens).toContain('秀英')
    expect(tokens).not.toContain('伟李')
    expect(tokens.some((t) => /[^\p{L}\p{N}]/u.test(t)), `${tokens}`).toBe(false)
  })

  test('separate texts of a document do not run together', () => {
    expect(searchTokens(['张伟', '李秀英'])).not.toContain('伟李')
  })

  test('a query with punctuation asks for each run', () => {
    expect(new Set(queryTokens('张伟，李秀英'))).toEqual(new Set(['张伟', '李秀', '秀英']))
  })

  test.each(['', '   ', '，。！？', '---'])('%j gives no query tokens', (query) => {
    expect(queryTokens(query)).toEqual([])
  })

  test('empty, null and undefined texts give no tokens', () => {
    expect(searchTokens([null, undefined, '', '  ，。'])).toEqual([])
  })
})

describe('tokens are distinct and capped', () => {
  test('repeated text gives each token once', () => {
    const tokens = searchTokens(['工资工资', '工资'])
    expect(tokens.length).toBe(new Set(tokens).size)
    expect(new Set(tokens)).toEqual(new Set(['工', '资', '工资', '资工']))
  })

  // 3000 distinct CJK ideographs: 3000 unigrams + 2999 bigrams
  const longText = Array.from({ length: 3000 }, (_, i) => String.fromCodePoint(0x4e00 + i)).join('')

  test.each([1, 2, 10, 100, 4000])('limit %i caps the token count exactly', (limit) => {
    expect(searchTokens([longText], limit)).toHaveLength(limit)
  })

  test('the default limit is 4000', () => {
    expect(searchTokens([longText])).toHaveLength(4000)
    expect(searchTokens([longText], 10_000)).toHaveLength(5999)
  })

  test('the limit applies across several texts', () => {
    const texts = Array.from({ length: 50 }, (_, i) => longText.slice(i * 20, i * 20 + 20))
    expect(searchTokens(texts, 100)).toHaveLength(100)
  })

  test('a short document is not padded to the limit', () => {
    expect(searchTokens(['张伟'], 100)).toHaveLength(3)
  })

  test('query tokens are capped at 32', () => {
    expect(queryTokens(longText.slice(0, 100))).toHaveLength(32)
  })
})

describe('property: a substring of a document text always finds the document', () => {
  const documents = [
    ['张伟', '李秀英', '佛山市南海区恒达电子有限公司', '拖欠三个月工资'],
    ['王芳、刘洋等32名工人', '佛山市南海区桂城街道平洲永安电子厂（普通合伙）', '2024年12月起停发工资，加班费未结，社保断缴；工人在厂门口聚集。'],
    ['陈建国', '广东ABC精密制造有限公司', '工伤后被辞退，要求支付经济补偿¥36,500元及医疗费；联系电话13800138000。'],
    ['欧阳娜娜', '佛山市南海区狮山镇ＸＹＺ五金塑胶制品厂', '外卖平台骑手，被扣押金２０００元，未签劳动合同。'],
  ]

  test.each(documents.map((texts, i) => [i + 1, texts] as const))('document %i: every substring of every text', (_n, texts) => {
    const tokens = new Set(searchTokens(texts))
    let tried = 0
    for (const text of texts) {
      const chars = Array.from(text)
      for (let start = 0; start < chars.length; start++) {
        for (let end = start + 1; end <= chars.length; end++) {
          const query = chars.slice(start, end).join('')
          const missing = queryTokens(query).filter((t) => !tokens.has(t))
          if (missing.length) expect.fail(`query ${JSON.stringify(query)} misses ${JSON.stringify(missing)} in ${JSON.stringify(text)}`)
          tried++
        }
      }
    }
    expect(tried).toBeGreaterThan(100)
  })

  test('and the property is not vacuous: the same queries are not all found in another document', () => {
    const other = new Set(searchTokens(documents[0]!))
    const queries = ['永安', '骑手', '欧阳', '陈建国', '精密', '36']
    for (const q of queries) expect(queryTokens(q).every((t) => other.has(t)), q).toBe(false)
  })
})
