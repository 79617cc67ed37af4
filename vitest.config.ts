import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Files that replace a module of the library with `vi.mock`: they need a module graph of their own,
// and a module they mock must not leak into another file's. Every other file shares its worker's
// module graph (`isolate: false`), so the library's modules are loaded once per worker instead of
// once per file: on 2026-12-05 that took the suite from 502 s to about 375 s on the project's
// 2-core machine (module loading 252 → 134 s of CPU). A new file that mocks a module, stubs a
// global or leaves process-wide state behind belongs here; `vitest run --sequence.shuffle` finds a
// file that leaks into another.
const ISOLATED = [
  'test/cli/report-intervals-exits.test.ts',
  'test/outreach/backtest-fallback-by-code.test.ts',
  'test/contagion/hawkes/alpha-collapse.test.ts',
  'test/contagion/hawkes/refit-covariates.test.ts',
  'test/contagion/hawkes/run-off-early.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: on the project's 2-core machines (and CI)
    // that ran the files one at a time, 558 s for the suite on a quiet machine (2026-12-05). The
    // orchestrating process is mostly idle, so use every core.
    maxWorkers: availableParallelism(),
    // A non-UTC zone, as arquero's suite pins: a local-time bug fails here instead of hiding.
    env: { TZ: 'America/Los_Angeles' },
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          include: ['test/**/*.test.ts'],
          exclude: ISOLATED,
          isolate: false,
          // test/types.test-d.ts: the public API's types as users write them, checked by tsc on
          // every run.
          typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
        },
      },
      { extends: true, test: { name: 'isolated', include: ISOLATED } },
    ],
  },
});
