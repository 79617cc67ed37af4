import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The d3 modules the report's network view needs, in dependency order (UMD builds). */
const D3_SUBSET = ['d3-dispatch', 'd3-quadtree', 'd3-timer', 'd3-force', 'd3-selection'] as const;

/**
 * Reads the d3 subset the HTML report draws with (d3-selection and d3-force with their
 * dependencies, about 30 kB minified) from the installed `d3` package, for
 * `renderReport(input, { scripts: reportScripts() })`. Node only: the report module itself is
 * browser-safe and cannot read files.
 */
export function reportScripts(): string[] {
  // Resolve through d3 itself, so the lookup works with nested (pnpm) installs too.
  const fromD3 = createRequire(createRequire(import.meta.url).resolve('d3'));
  return D3_SUBSET.map((name) => {
    const entry = fromD3.resolve(name);
    return readFileSync(join(dirname(entry), `${name}.min.js`), 'utf8');
  });
}
