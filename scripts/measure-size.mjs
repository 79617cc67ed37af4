// What each size budget (.size-limit.json) holds: bundles every entry's import from the built
// dist/ as size-limit does (esbuild, minified, ESM for the browser), and lists the packages and
// modules that make up each bundle, largest first. `npm run size` checks the budgets; this
// explains them. Run after `npm run build`:
//
//   node scripts/measure-size.mjs            # every entry, the 12 largest parts of each
//   node scripts/measure-size.mjs ingest 30  # the entries whose name contains 'ingest', 30 parts
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const [filter = '', top = '12'] = process.argv.slice(2);
const checks = JSON.parse(readFileSync('.size-limit.json', 'utf8'));
const kB = (n) => `${(n / 1000).toFixed(1)} kB`;
const seen = new Set();
for (const check of checks) {
  if (!check.name.includes(filter)) continue;
  const names = check.import === '*' ? '* as all' : check.import;
  const used = check.import === '*' ? 'all' : check.import.replace(/[{}]/g, '');
  const contents = `import ${names} from './${check.path}'; console.log(${used});`;
  if (seen.has(contents)) continue; // the same bundle measured twice (minified and gzip)
  seen.add(contents);
  const result = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    outfile: 'bundle.js',
    logLevel: 'error',
  });
  const js = result.outputFiles[0].contents;
  const parts = {};
  for (const [file, { bytesInOutput }] of Object.entries(
    Object.values(result.metafile.outputs)[0].inputs,
  )) {
    const pkg = file.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
    const key = pkg ? pkg[1] : file;
    parts[key] = (parts[key] ?? 0) + bytesInOutput;
  }
  console.log(
    `\n${check.name}: ${kB(js.length)} minified, ${kB(gzipSync(js).length)} gzip (budget ${check.limit})`,
  );
  for (const [key, bytes] of Object.entries(parts)
    .sort((a, b) => b[1] - a[1])
    .slice(0, +top)) {
    if (bytes > 0) console.log(`  ${kB(bytes).padStart(9)}  ${key}`);
  }
}
