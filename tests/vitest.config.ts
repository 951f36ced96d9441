import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// Lives in tests/ to keep the top level to what the README lists.
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // PGlite holds ~300 MB per test file; two at a time suits the 2-core machines.
    maxWorkers: 2,
  },
})
