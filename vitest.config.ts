import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // A non-UTC zone, as arquero's suite pins: a local-time bug fails here instead of hiding.
    env: { TZ: 'America/Los_Angeles' },
  },
});
