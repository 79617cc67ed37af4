import { defineConfig } from 'tsup';

// Two builds.
//
// 1. The library (every entry: `.`, `./node`, `./duckdb`, and the worker modules) is NOT bundled:
//    each source module becomes one file in dist/ (src/graph/csr.ts → dist/graph/csr.js), with its
//    imports as written. With `"sideEffects": false` in package.json, a user's bundler then drops
//    every module whose exports are not used, whole (top-level statements such as
//    `pagerank.defaults = …` included): `import { pagerank, toCsr }` bundles to about 13 kB
//    instead of the 535 kB it cost when tsup bundled everything into shared chunks (issue 18;
//    measured with scripts/measure-size.mjs, budgets in .size-limit.json). One copy of each module
//    also means one copy of each error class across the entries (instanceof works). Declarations
//    come from tsc (tsconfig.build.json), one .d.ts per module, in `npm run build`.
//    The workers (dist/node/betweenness-worker.js, dist/node/hawkes-inference-worker.js) sit beside
//    dist/node/parallel-*.js, which load them as new URL('./…-worker.js', import.meta.url).
// 2. The CLI, bundled into one file, dist/cli.js (it starts faster; it uses no worker).
export default defineConfig([
  {
    entry: ['src/**/*.ts', '!src/cli/**', '!src/**/*.d.ts'],
    format: ['esm'],
    bundle: false,
    sourcemap: true,
    clean: true,
    target: 'node20',
  },
  {
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
