import { searchTokens } from '../../../domain/search-tokens.ts'

/**
 * A case's search tokens: the set intake stores — searchTokens([title, ...worker names,
 * ...respondent names, facts]) — in sorted order. The set is what the case list's search matches
 * (`search_tokens @> …`); the order is for the index build, which sorts each row's tokens before
 * adding them and takes far less time over rows already in order (the seed's million rows spent most
 * of their GIN build there). Code-unit order is the database's under a C or C.UTF-8 collation;
 * under any other it is merely not a shortcut.
 */
const KNOWN = new Map<string, string[]>()
const BY_RESPONDENT = new Map<number, string[]>()
/** One string per distinct token, however many names share it (佛山, 公司, 有限…). */
const INTERNED = new Map<string, string>()

/** Titles, facts and people's names recur: each one's tokens are worked out once. */
function tokensOf(text: string): string[] {
  let tokens = KNOWN.get(text)
  if (!tokens) {
    tokens = searchTokens([text]).sort()
    if (KNOWN.size < 100_000) KNOWN.set(text, tokens)
  }
  return tokens
}

/** A respondent's name comes back with each of its cases: its tokens are kept by its id. */
function respondentTokens(r: { id: number; name: string }): string[] {
  let tokens = BY_RESPONDENT.get(r.id)
  if (!tokens) {
    tokens = searchTokens([r.name]).sort().map((t) => INTERNED.get(t) ?? (INTERNED.set(t, t), t))
    if (BY_RESPONDENT.size >= 300_000) BY_RESPONDENT.clear()
    BY_RESPONDENT.set(r.id, tokens)
  }
  return tokens
}

/** The union of sorted lists, sorted, each token once. */
function merge(a: string[], b: string[]): string[] {
  const out: string[] = []
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    const x = a[i]!
    const y = b[j]!
    if (x === y) { out.push(x); i++; j++ } else if (x < y) { out.push(x); i++ } else { out.push(y); j++ }
  }
  while (i < a.length) out.push(a[i++]!)
  while (j < b.length) out.push(b[j++]!)
  return out
}

/** `texts` (title, worker names, facts) and the respondents' names, whose tokens come sorted with them. */
export function caseTokens(texts: readonly string[], respondents: readonly { id: number; name: string }[]): string[] {
  let out: string[] = []
  for (const text of texts) out = merge(out, tokensOf(text))
  for (const r of respondents) out = merge(out, respondentTokens(r))
  // searchTokens stops at 4000 tokens; a case that long is left to it, order and all.
  return out.length < 4000 ? out : searchTokens([...texts, ...respondents.map((r) => r.name)])
}
