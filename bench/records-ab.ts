// Issue #17: ways to build a measure's `{ id: value }` record (a million-key plain object) from a
// snapshot's ids and a values array, timed in one fresh process per variant (run it alternating
// variants: the first call on fresh ids also internalises them, as the pipeline's first measure
// does). Each process makes `n` ids, then builds six records in a row as the pipeline's six
// measures do (components: small integers; degree: integral doubles; k-core: integers; PageRank:
// doubles; Louvain: integers; betweenness: doubles), a full collection before each, and prints
// one JSON line: CPU s per call and a hash of each record's JSON (key order and values).
//   node --expose-gc --max-old-space-size=12000 --import tsx bench/records-ab.ts <variant> [n] [ids]
// variant: loop (today's toRecord) | spread | assign | structured | json | literal | entries |
//   lib (src/metrics' toRecord, the same loop) | floor (not a builder: rewrites one object's values)
// ids: synth ('P0000001', as synthCity makes them) | csv (the same, cut out of CSV text) |
//      int ('0'…'n−1' in a shuffled order: integer-like keys, listed first in numeric order)
import { createHash } from 'node:crypto';
import type { Csr } from '../src/graph/csr.js';
import { toRecord } from '../src/metrics/shared.js';

const variant = process.argv[2] ?? 'loop';
const n = Number(process.argv[3] ?? 1_000_000);
const idKind = process.argv[4] ?? 'synth';
const gc = (globalThis as { gc?: () => void }).gc!;

function makeIds(): string[] {
  if (idKind === 'synth') {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push(`P${String(i + 1).padStart(7, '0')}`);
    return shuffle(ids);
  }
  if (idKind === 'csv') {
    const lines = ['person_id,birth_year'];
    for (let i = 0; i < n; i++) lines.push(`P${String(i + 1).padStart(7, '0')},19${50 + (i % 50)}`);
    const text = lines.join('\n');
    const ids = text
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[0]);
    return shuffle(ids);
  }
  if (idKind === 'int') {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push(String(i));
    return shuffle(ids);
  }
  throw new Error(`ids: synth, csv or int, not ${idKind}`);
}
// A snapshot's BFS order is not the ids' order: shuffle (seeded) as a stand-in.
function shuffle(a: string[]): string[] {
  let s = 12345;
  for (let i = a.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

type Build = (ids: readonly string[], values: ArrayLike<number>) => Record<string, number>;

function loop(ids: readonly string[], values: ArrayLike<number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (let i = 0; i < ids.length; i++) out[ids[i]] = values[i];
  return out;
}

// A template record per ids array (built once by the loop), cloned then overwritten.
function templated(clone: (t: Record<string, number>) => Record<string, number>): Build {
  const cache = new WeakMap<readonly string[], Record<string, number>>();
  return (ids, values) => {
    let t = cache.get(ids);
    if (!t) {
      t = loop(ids, new Float64Array(ids.length));
      cache.set(ids, t);
    }
    const out = clone(t);
    for (let i = 0; i < ids.length; i++) out[ids[i]] = values[i];
    return out;
  };
}

// A template as JSON text per ids array ('__proto__' left out: a plain assignment does not make
// it an own key, JSON.parse would), parsed then overwritten.
function jsonTemplated(): Build {
  const cache = new WeakMap<readonly string[], string>();
  return (ids, values) => {
    let t = cache.get(ids);
    if (t === undefined) {
      const parts: string[] = [];
      for (let i = 0; i < ids.length; i++)
        if (ids[i] !== '__proto__') parts.push(`${JSON.stringify(ids[i])}:0`);
      t = `{${parts.join(',')}}`;
      cache.set(ids, t);
    }
    const out = JSON.parse(t) as Record<string, number>;
    for (let i = 0; i < ids.length; i++) out[ids[i]] = values[i];
    return out;
  };
}

// A template per ids array as a function returning an object literal of the ids (V8 builds a
// literal this large as a dictionary sized for its keys), called then overwritten. Needs `eval`
// (refused under a Content-Security-Policy without 'unsafe-eval'): measured, not a candidate as is.
function literalTemplated(): Build {
  const cache = new WeakMap<readonly string[], () => Record<string, number>>();
  return (ids, values) => {
    let t = cache.get(ids);
    if (t === undefined) {
      const parts: string[] = [];
      for (let i = 0; i < ids.length; i++)
        if (ids[i] !== '__proto__') parts.push(`${JSON.stringify(ids[i])}:0`);
      t = new Function(`return {${parts.join(',')}}`) as () => Record<string, number>;
      cache.set(ids, t);
    }
    const out = t();
    for (let i = 0; i < ids.length; i++) out[ids[i]] = values[i];
    return out;
  };
}

function entries(ids: readonly string[], values: ArrayLike<number>): Record<string, number> {
  const e = new Array<[string, number]>(ids.length);
  for (let i = 0; i < ids.length; i++) e[i] = [ids[i], values[i]];
  return Object.fromEntries(e);
}

// Not a builder (hands out one object again and again): the floor of any template scheme, the
// cost of writing the values into a dictionary that has the keys already (its first call builds
// the object by the loop).
function overwriteFloor(): Build {
  let t: Record<string, number> | undefined;
  return (ids, values) => {
    if (!t) return (t = loop(ids, values));
    for (let i = 0; i < ids.length; i++) t[ids[i]] = values[i];
    return t;
  };
}

const builds: Record<string, Build> = {
  loop,
  spread: templated((t) => ({ ...t })),
  assign: templated((t) => Object.assign({}, t)),
  structured: templated((t) => structuredClone(t)),
  json: jsonTemplated(),
  literal: literalTemplated(),
  entries,
  floor: overwriteFloor(),
};

const ids = makeIds();
// The library's path: a Csr whose ids are these (only n and ids are read for a Csr input).
const csr = {
  n,
  ids,
  directed: false,
  offsets: new Int32Array(n + 1),
  targets: new Int32Array(0),
} as unknown as Csr;
const lib: Build = (_ids, values) => toRecord(csr, csr, values);
const build = variant === 'lib' ? lib : builds[variant];
if (!build) throw new Error(`variant: ${Object.keys(builds).join(', ')} or lib, not ${variant}`);

// Six value arrays like the pipeline's measures.
let s = 7;
const rnd = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
const labels = new Int32Array(n).map(() => Math.floor(rnd() * 1000));
const degrees = new Float64Array(n).map(() => Math.floor(rnd() * 20));
const cores = new Float64Array(n).map(() => Math.floor(rnd() * 8));
const ranks = new Float64Array(n).map(() => rnd() / n);
const comms = new Float64Array(n).map(() => Math.floor(rnd() * 50_000));
const betw = new Float64Array(n).map((_, i) => (i % 3 === 0 ? 0 : rnd() * 1e4));
const series: [string, ArrayLike<number>][] = [
  ['components', labels],
  ['degree', degrees],
  ['k-core', cores],
  ['PageRank', ranks],
  ['Louvain', comms],
  ['betweenness', betw],
];
const cpu: number[] = [];
const hashes: string[] = [];
const keep: unknown[] = [];
for (const [, v] of series) {
  gc();
  const c = process.cpuUsage();
  const r = build(ids, v);
  const u = process.cpuUsage(c);
  cpu.push((u.user + u.system) / 1e6);
  if (process.env.HASH === '1')
    hashes.push(createHash('sha256').update(JSON.stringify(r)).digest('hex').slice(0, 12));
  // The pipeline drops each record at once; KEEP=1 holds them (as a caller keeping them would).
  if (process.env.KEEP === '1') keep.push(r);
}
const mem = process.memoryUsage();
console.log(
  JSON.stringify({
    variant,
    n,
    ids: idKind,
    cpu: cpu.map((x) => +x.toFixed(3)),
    total: +cpu.reduce((a, b) => a + b, 0).toFixed(3),
    heapMiB: Math.round(mem.heapUsed / 2 ** 20),
    hashes: hashes.length ? hashes : undefined,
  }),
);
