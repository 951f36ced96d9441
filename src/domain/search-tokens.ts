/**
 * Search for Chinese text, where most queries are two characters and there are no spaces between
 * words. Trigram indexes cannot serve a two-character query, so we index character unigrams and
 * bigrams of every run of Han characters (and of Latin/digit words), and a query becomes
 * "contains all of these tokens": `search_tokens @> query_tokens` on a GIN index.
 */
const HAN = /\p{Script=Han}/u
const WORD = /[\p{L}\p{N}]/u

function runs(text: string): { han: boolean; chars: string[] }[] {
  const out: { han: boolean; chars: string[] }[] = []
  let current: { han: boolean; chars: string[] } | null = null
  for (const ch of text.normalize('NFKC').toLowerCase()) {
    const han = HAN.test(ch)
    if (!han && !WORD.test(ch)) {
      current = null
      continue
    }
    if (!current || current.han !== han) {
      current = { han, chars: [] }
      out.push(current)
    }
    current.chars.push(ch)
  }
  return out
}

function bigrams(chars: string[]): string[] {
  const out: string[] = []
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!)
  return out
}

/** Tokens to store for a document made of several texts (names, facts). Distinct, capped. */
export function searchTokens(texts: readonly (string | null | undefined)[], limit = 4000): string[] {
  const tokens = new Set<string>()
  for (const text of texts) {
    if (!text) continue
    for (const run of runs(text)) {
      // Unigrams of every run, Latin and digits too: a query's one-character run ('3' in '等3', 'A' in
      // '广东A') may sit inside a longer run of the document, and the document must still match.
      run.chars.forEach((c) => tokens.add(c))
      bigrams(run.chars).forEach((b) => tokens.add(b))
      if (tokens.size >= limit) return [...tokens].slice(0, limit)
    }
  }
  return [...tokens]
}

/** Tokens a query needs; a document matches when it holds all of them. Empty for an empty query. */
export function queryTokens(query: string): string[] {
  const tokens = new Set<string>()
  for (const run of runs(query)) {
    if (run.chars.length === 1) tokens.add(run.chars[0]!)
    else bigrams(run.chars).forEach((b) => tokens.add(b))
  }
  return [...tokens].slice(0, 32)
}
