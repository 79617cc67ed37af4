import { join } from 'node:path';
import ts from 'typescript';

/** The repository's root. */
export const ROOT = join(import.meta.dirname, '..');

/** The package's entries (`violence-contagion`, `/node`, `/duckdb`), as absolute paths. */
export const ENTRIES = ['src/index.ts', 'src/node/index.ts', 'src/duckdb/index.ts'].map((e) =>
  join(ROOT, e),
);

let program: ts.Program | undefined;

/**
 * One TypeScript program over the package's entries, for the tests that read the public API's
 * types and TSDoc (test/options-docs.test.ts, test/core/defaults-documented.test.ts). Building
 * it takes seconds; it is built once per module graph (per worker where the suite runs files in
 * one graph) and shared. Read-only: a test must not change it.
 */
export function entriesProgram(): ts.Program {
  program ??= ts.createProgram(ENTRIES, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  });
  return program;
}
