import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// Lives in tests/ to keep the top level to what the README lists.
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 30_000,
    // Five minutes: on PostgreSQL 15 a file's DROP DATABASE waits until every backend takes its
    // barrier, and a backend building the 200,000-case register's indexes (query-plans.test.ts)
    // takes it only when the build ends.
    hookTimeout: 300_000,
    pool: 'forks',
    // PGlite holds ~300 MB per test file; two at a time suits the 2-core machines.
    maxWorkers: 2,
  },
})
