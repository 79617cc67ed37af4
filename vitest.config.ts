import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // test/types.test-d.ts: the public API's types as users write them, checked by tsc on every run.
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
    // A non-UTC zone, as arquero's suite pins: a local-time bug fails here instead of hiding.
    env: { TZ: 'America/Los_Angeles' },
  },
});
