import { parseArgs } from 'node:util'

export type SeedArgs = { cases: number; years: number; force: boolean; seed: number | undefined }

export const USAGE = `Usage: npm run seed -- --cases N [--years Y] [--force]

  --cases N   how many cases to add (1 to 10,000,000); each run adds N more
  --years Y   spread them over the last Y years (default 10)
  --force     add them even to a database holding data that is not the seed's
  --seed S    the random seed (default: the same every run), for other cases of the same shape

Needs DATABASE_URL (PostgreSQL). Migrates first; creates the demo district and users on an empty database.`

/** The command line, or a message saying what is wrong with it. */
export function parseSeedArgs(argv: string[]): SeedArgs | { error: string } | { help: true } {
  let values
  try {
    ;({ values } = parseArgs({
      args: argv,
      options: { cases: { type: 'string' }, years: { type: 'string' }, force: { type: 'boolean' }, seed: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    }))
  } catch (e) {
    return { error: (e as Error).message }
  }
  if (values.help) return { help: true }
  const int = (v: string | undefined) => (v !== undefined && /^\d+$/.test(v.replace(/[_,]/g, '')) ? Number(v.replace(/[_,]/g, '')) : NaN)
  const cases = int(values.cases)
  if (values.cases === undefined) return { error: '--cases N is required' }
  if (!(cases >= 1 && cases <= 10_000_000)) return { error: `--cases must be a whole number from 1 to 10,000,000, not ${values.cases}` }
  const years = values.years === undefined ? 10 : int(values.years)
  if (!(years >= 1 && years <= 30)) return { error: `--years must be a whole number from 1 to 30, not ${values.years}` }
  const seed = values.seed === undefined ? undefined : int(values.seed)
  if (seed !== undefined && Number.isNaN(seed)) return { error: `--seed must be a whole number, not ${values.seed}` }
  return { cases, years, force: values.force === true, seed }
}
