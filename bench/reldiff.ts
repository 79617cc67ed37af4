// Max relative difference between two JSON outputs of bench/fitrank-hash.ts, per part, and the
// paths where anything other than a number differs (a string, a length, a key).
//   npx tsx bench/reldiff.ts a.json b.json
import { readFileSync } from 'node:fs';

const [a, b] = process.argv.slice(2).map((f) => JSON.parse(readFileSync(f, 'utf8')));
const worst: Record<string, { rel: number; at: string }> = {};
const other: string[] = [];
function walk(x: unknown, y: unknown, path: string, part: string) {
  if (typeof x === 'number' && typeof y === 'number') {
    if (x === y) return;
    const rel = Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y));
    if (!worst[part] || rel > worst[part].rel) worst[part] = { rel, at: path };
    return;
  }
  if (x && y && typeof x === 'object' && typeof y === 'object') {
    const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
    for (const k of keys)
      walk(
        (x as Record<string, unknown>)[k],
        (y as Record<string, unknown>)[k],
        `${path}.${k}`,
        part,
      );
    return;
  }
  if (x !== y && other.length < 20)
    other.push(`${path}: ${JSON.stringify(x)} vs ${JSON.stringify(y)}`);
}
for (const part of Object.keys(a)) walk(a[part], b[part], part, part);
console.log(JSON.stringify({ worst, other }, null, 1));
