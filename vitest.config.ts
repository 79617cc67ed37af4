import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: on the project's 2-core machines (and CI)
    // that ran the files one at a time, 558 s for the suite on a quiet machine (2026-12-05). The
    // orchestrating process is mostly idle, so use every core.
    maxWorkers: availableParallelism(),
    // test/types.test-d.ts: the public API's types as users write them, checked by tsc on every run.
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
    // A non-UTC zone, as arquero's suite pins: a local-time bug fails here instead of hiding.
    env: { TZ: 'America/Los_Angeles' },
  },
});
