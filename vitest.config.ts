import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // End-to-end tests pack the package and install it: give them time.
    testTimeout: 120_000,
    hookTimeout: 300_000
  }
})
