import { defineConfig } from 'tsup';

// Three faces: the browser-safe core, the Node helpers (file readers), and the CLI.
export default defineConfig([
  {
    entry: {
      index: 'src/index.ts',
      node: 'src/node/index.ts',
      // Optional: needs the @duckdb/node-api peer dependency.
      duckdb: 'src/duckdb/index.ts',
      // Loaded by betweennessParallel beside dist/node.js, as new URL('./betweenness-worker.js').
      'betweenness-worker': 'src/node/betweenness-worker.ts',
      // Loaded by hawkesInferenceParallel beside dist/node.js.
      'hawkes-inference-worker': 'src/node/hawkes-inference-worker.ts',
    },
    format: ['esm'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    splitting: true,
    treeshake: true,
  },
  {
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
