// Issue 17's small-graph fixed costs: `metric.values(csr)` of this checkout against a base checkout
// (BASE=<dir holding src/>), interleaved in one process, on bench/data/coff-<scale>.tsv
// (bench/metrics-generate.ts). Prints CPU per call (median of rounds, each round timing a batch
// of calls) for both sides and whether the outputs are bit-identical (SHA-256 of the bytes).
//   BASE=/tmp/base npx tsx bench/metrics-fixed-ab.ts S [rounds] [measures,comma,separated]
// Measures: degree, components, kcore, pagerank (weighted, `.values`), pagerank_detailed
// (weighted, `.detailed`: the record too), strength, clustering, eigenvector, harmonic, closeness.
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import type { Csr } from '../src/graph/csr.js';
import { readCoffTsv } from './coff-tsv.js';

const scale = process.argv[2] ?? 'S';
const rounds = Number(process.argv[3] ?? 15);
const wanted = (process.argv[4] ?? 'degree,components,kcore,pagerank').split(',');
const baseDir = process.env.BASE;

const { src, dst, w, ids } = readCoffTsv(scale);
// One snapshot per side, from that side's csrFromArrays: a snapshot the library built is known to
// list each tie both ways (a module-level WeakMap), so the other side's would be checked again.
type Metrics = typeof import('../src/metrics/index.js') & { csr: Csr };
const load = async (dir: string): Promise<Metrics> => {
  const k = await import(`${dir}/src/metrics/index.js`);
  const { csrFromArrays } = await import(`${dir}/src/graph/csr.js`);
  return { ...k, csr: csrFromArrays(ids, src, dst, w) };
};
const sides: [string, Metrics][] = [['new', await load(process.env.NEW ?? '..')]];
if (baseDir) sides.unshift(['base', await load(baseDir)]);
const csr = sides[0][1].csr;

const calls: Record<string, (k: Metrics) => unknown> = {
  degree: (k) => k.degree.values(k.csr),
  strength: (k) => k.strength.values(k.csr),
  components: (k) => k.connectedComponents.values(k.csr),
  kcore: (k) => k.coreNumber.values(k.csr),
  clustering: (k) => k.clustering.values(k.csr),
  pagerank: (k) => k.pagerank.values(k.csr, { weight: 'weight' }),
  pagerank_detailed: (k) => k.pagerank.detailed(k.csr, { weight: 'weight' }),
  eigenvector: (k) => k.eigenvector.values(k.csr),
  harmonic: (k) => k.harmonic.values(k.csr, { weight: null }),
  closeness: (k) => k.closeness.values(k.csr, { weight: null }),
};

const hash = (x: unknown) => {
  const h = createHash('sha256');
  if (ArrayBuffer.isView(x)) h.update(new Uint8Array(x.buffer, x.byteOffset, x.byteLength));
  else h.update(JSON.stringify(x));
  return h.digest('hex').slice(0, 16);
};
const median = (x: number[]) => {
  const s = [...x].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e3; // ms
};

console.log(
  `coff-${scale}: ${csr.n} nodes, ${csr.m} ties; load ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
for (const name of wanted) {
  const call = calls[name];
  if (!call) throw new Error(`unknown measure ${name}`);
  // Batch so that one timing is ≥ ~20 ms of work.
  // Warm-up (V8 compiles), then a batch of calls per timing of ≥ ~20 ms of work.
  const t0 = cpu();
  call(sides[0][1]);
  const slow = cpu() - t0 > 100;
  for (const [, k] of sides) for (let r = 0; r < (slow ? 1 : 5); r++) call(k);
  const t = cpu();
  const probes = slow ? 1 : 10;
  for (let r = 0; r < probes; r++) call(sides[0][1]);
  const once = Math.max((cpu() - t) / probes, 0.0001);
  const batch = Math.max(1, Math.min(2000, Math.round(20 / once)));
  const times: Record<string, number[]> = {};
  const hashes: Record<string, string> = {};
  for (const [label, k] of sides) {
    hashes[label] = hash(call(k));
    if (!slow) for (let r = 0; r < 3; r++) for (let b = 0; b < batch; b++) call(k);
    times[label] = [];
  }
  for (let r = 0; r < rounds; r++) {
    for (const [label, k] of r % 2 ? [...sides].reverse() : sides) {
      const a = cpu();
      for (let b = 0; b < batch; b++) call(k);
      times[label].push((cpu() - a) / batch);
    }
  }
  const parts = sides.map(
    ([label]) =>
      `${label} ${median(times[label]).toFixed(4)} ms (min ${Math.min(...times[label]).toFixed(4)}) [${hashes[label]}]`,
  );
  const ratio =
    sides.length === 2 ? ` new/base ${(median(times.new) / median(times.base)).toFixed(3)}` : '';
  const same = sides.length === 2 ? (hashes.new === hashes.base ? ' identical' : ' DIFFERENT') : '';
  console.log(`${name.padEnd(18)} ${parts.join('  ')}${ratio}${same} (batch ${batch})`);
}
console.log(
  `load ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
