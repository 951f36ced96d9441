import type { Rng } from '../demo-people.ts'

/**
 * A weighted choice prepared once: the generator draws from the same few lists millions of times,
 * so the weights are summed up front rather than on every draw (as demo-people's `weighted` does).
 */
export function choice<T>(choices: readonly (readonly [T, number])[]): (r: Rng) => T {
  const values = choices.map(([v]) => v)
  const cumulative: number[] = []
  let total = 0
  for (const [, w] of choices) cumulative.push((total += w))
  return (r) => {
    const roll = r.next() * total
    for (let i = 0; i < cumulative.length; i++) if (roll < cumulative[i]!) return values[i]!
    return values[values.length - 1]!
  }
}
