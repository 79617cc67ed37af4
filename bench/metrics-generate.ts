/**
 * Seeded co-offending-like graphs for the metrics benchmark (bench/metrics.sh).
 *
 *   npx tsx bench/metrics-generate.ts [S|M|L ...]   → bench/data/coff-{S,M,L}.tsv (gitignored)
 *
 * Model: people belong to small groups (sizes 2 + Pareto, heavy-tailed, capped at 300) and have a
 * heavy-tailed activity (Pareto, α = 2.2). Each incident picks a lead person ∝ activity, then 1–4
 * co-offenders (2: 60%, 3: 25%, 4: 10%, 5: 5% people), each from the lead's group ∝ activity with
 * probability 0.85, else from anyone ∝ activity (a bridge). Incidents are drawn until the number of
 * distinct ties reaches 2 × people (mean degree 4). Tie weight = incidents shared. Many people stay
 * isolated or in small groups: a giant component plus many small ones, as in police data.
 *
 * File format: a `# nodes N edges M seed S` line, then `u<TAB>v<TAB>w` rows (0-based ids).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRng } from '../src/core/rng.js';

export const SCALES = { S: 10_000, M: 100_000, L: 1_000_000 } as const;

export function generateCoOffending(n: number, seed: number) {
  const rng = createRng(seed);
  const pareto = (alpha: number) => (1 - rng.random()) ** (-1 / alpha);
  // Groups: consecutive blocks of people.
  const groupStart: number[] = [];
  const groupOf = new Int32Array(n);
  for (let at = 0, g = 0; at < n; g++) {
    const size = Math.min(300, 1 + Math.floor(pareto(1.6)), n - at);
    groupStart.push(at);
    for (let i = at; i < at + size; i++) groupOf[i] = g;
    at += size;
  }
  groupStart.push(n);
  const cum = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) cum[i + 1] = cum[i] + pareto(2.2);
  const pick = (lo: number, hi: number) => {
    // person in [lo, hi) ∝ activity, by binary search on the cumulative sums
    const u = cum[lo] + rng.random() * (cum[hi] - cum[lo]);
    let a = lo;
    let b = hi - 1;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (cum[mid + 1] <= u) a = mid + 1;
      else b = mid;
    }
    return a;
  };
  const target = 2 * n;
  const edges = new Map<number, number>();
  const members: number[] = [];
  while (edges.size < target) {
    const lead = pick(0, n);
    const g = groupOf[lead];
    const r = rng.random();
    const size = r < 0.6 ? 2 : r < 0.85 ? 3 : r < 0.95 ? 4 : 5;
    members.length = 0;
    members.push(lead);
    for (let tries = 0; members.length < size && tries < 20; tries++) {
      const p =
        rng.random() < 0.85 && groupStart[g + 1] - groupStart[g] > 1
          ? pick(groupStart[g], groupStart[g + 1])
          : pick(0, n);
      if (!members.includes(p)) members.push(p);
    }
    for (let a = 0; a < members.length; a++) {
      for (let b = a + 1; b < members.length; b++) {
        const u = Math.min(members[a], members[b]);
        const v = Math.max(members[a], members[b]);
        const key = u * n + v;
        edges.set(key, (edges.get(key) ?? 0) + 1);
      }
    }
  }
  // Shuffle ids so file order carries no locality (the snapshot's BFS order must earn it).
  const perm = rng.shuffle(Array.from({ length: n }, (_, i) => i));
  const src = new Int32Array(edges.size);
  const dst = new Int32Array(edges.size);
  const w = new Float64Array(edges.size);
  let e = 0;
  for (const [key, count] of edges) {
    src[e] = perm[Math.floor(key / n)];
    dst[e] = perm[key % n];
    w[e] = count;
    e++;
  }
  return { n, src, dst, w };
}

function main() {
  const scales = (
    process.argv.slice(2).length ? process.argv.slice(2) : ['S', 'M', 'L']
  ) as (keyof typeof SCALES)[];
  mkdirSync(new URL('./data/', import.meta.url), { recursive: true });
  for (const s of scales) {
    const t0 = performance.now();
    const { n, src, dst, w } = generateCoOffending(SCALES[s], 20261121);
    const parts: string[] = [`# nodes ${n} edges ${src.length} seed 20261121\n`];
    let chunk = '';
    for (let e = 0; e < src.length; e++) {
      chunk += `${src[e]}\t${dst[e]}\t${w[e]}\n`;
      if (chunk.length > 1 << 20) {
        parts.push(chunk);
        chunk = '';
      }
    }
    parts.push(chunk);
    writeFileSync(new URL(`./data/coff-${s}.tsv`, import.meta.url), parts.join(''));
    console.log(
      `${s}: ${n} people, ${src.length} ties, ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
