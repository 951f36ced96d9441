import { availableParallelism } from 'node:os'
import path from 'node:path'
import { z } from 'zod'

/** Environment, parsed once. Every setting the app reads from outside lives here. */
const Env = z.object({
  DATABASE_URL: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  NODE_ENV: z.string().default('development'),
  DEMO_PASSWORD: z.string().min(1).optional(),
  ADMIN_PASSWORD: z.string().min(1).optional(),
  // 32 bytes as hex or base64; without it the embedded default generates one into DATA_DIR/pii.key.
  PII_KEY: z.string().min(1).optional(),
  // Only behind a reverse proxy we run: then X-Forwarded-For/-Proto are believed.
  TRUST_PROXY: z.enum(['0', '1']).default('0'),
  // App processes serving one port; `auto` or 0 means one per CPU. Above 1 needs DATABASE_URL.
  WORKERS: z.union([z.literal('auto'), z.coerce.number().int().min(0).max(256)]).default(1),
})

export type Config = {
  databaseUrl: string | undefined
  dataDir: string
  port: number
  host: string
  production: boolean
  demoPassword: string | undefined
  adminPassword: string | undefined
  piiKey: string | undefined
  trustProxy: boolean
  workers: number
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = Env.parse(env)
  return {
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    port: e.PORT,
    host: e.HOST,
    production: e.NODE_ENV === 'production',
    demoPassword: e.DEMO_PASSWORD,
    adminPassword: e.ADMIN_PASSWORD,
    piiKey: e.PII_KEY,
    trustProxy: e.TRUST_PROXY === '1',
    workers: e.WORKERS === 'auto' || e.WORKERS === 0 ? availableParallelism() : e.WORKERS,
  }
}
