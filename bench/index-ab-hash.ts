/**
 * Interleaved A/B of `indexDataset` alone on ingest's output of bench/pipeline.ts's synthetic
 * city (this checkout against a base copy of src/, in one process, alternating which goes first),
 * each side ingesting with its own copy, with a hash of every array of each side's index, its person ids and a sample of `personIndex`
 * look-ups, so that a speed change can be shown to give the same index. CPU seconds
 * (process.cpuUsage) per call; a full collection (with --expose-gc) before each.
 *   node --expose-gc --max-old-space-size=12000 --import tsx bench/index-ab-hash.ts <base> [people] [rounds] [rate]
 */
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type DatasetIndex, indexDataset as newIndex } from '../src/core/dataset-index.js';
import { ingest as newIngest } from '../src/ingest/index.js';
import { synthCity } from '../src/synth/index.js';

const BASE = process.argv[2];
if (!BASE)
  throw new Error('usage: bench/index-ab-hash.ts <base checkout> [people] [rounds] [rate]');
const PEOPLE = Number(process.argv[3] ?? 100_000);
const ROUNDS = Number(process.argv[4] ?? 3);
const RATE = Number(process.argv[5] ?? (PEOPLE >= 1_000_000 ? 0.5 : 1.5));
const base = resolve(BASE);
const { indexDataset: baseIndex } = (await import(
  pathToFileURL(join(base, 'src/core/dataset-index.ts')).href
)) as { indexDataset: typeof newIndex };
// Each side ingests with its own copy: ingest's columns and layouts are registered in the
// index module's own WeakMaps, which another copy of the module does not see (it would then
// take the records' slow path).
const { ingest: baseIngest } = (await import(
  pathToFileURL(join(base, 'src/ingest/index.ts')).href
)) as {
  ingest: typeof newIngest;
};
const city = synthCity({
  people: PEOPLE,
  incidentsPerPersonYear: RATE,
  seed: 1,
  feud: { rivalries: 100 },
});
const raw = {
  incidents: city.data.incidents.map(({ day: _day, ...rest }) => rest),
  involvements: city.data.involvements,
  people: city.data.people,
};
const gc = (globalThis as { gc?: () => void }).gc;
function hashOf(ix: DatasetIndex): string {
  const h = createHash('sha256');
  for (const a of [
    ix.day,
    ix.timed,
    ix.severity,
    ix.invOffset,
    ix.invPerson,
    ix.invRole,
    ix.personIncOffset,
    ix.personInc,
    ix.personIncRole,
    ix.group,
    ix.groupSince,
    ix.groupUntil,
  ])
    h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  h.update(ix.personIds.join('\n'));
  h.update(ix.groupNames.join('\n'));
  h.update(String(ix.undatedGroups));
  const n = ix.personIds.length;
  const probe: (number | undefined)[] = [ix.personIndex.size];
  for (let i = 0; i < n; i += 97) probe.push(ix.personIndex.get(ix.personIds[i]));
  probe.push(ix.personIndex.get('no such id'), ix.personIndex.get(`${ix.personIds[0]}x`));
  h.update(JSON.stringify(probe));
  for (let k = 0; k < ix.day.length; k += 101)
    h.update(`${ix.incidentId(k)}|${ix.incidentArea(k)}`);
  return h.digest('hex').slice(0, 16);
}
const out: Record<string, number[]> = {};
const hashes: Record<string, Set<string>> = {};
const loads: number[] = [];
const sides = { base: [baseIngest, baseIndex], new: [newIngest, newIndex] } as const;
for (let r = 0; r < ROUNDS; r++) {
  for (const which of r % 2 ? (['new', 'base'] as const) : (['base', 'new'] as const)) {
    const [ingestFn, indexFn] = sides[which];
    const res = ingestFn(raw, { now: '2030-01-01' });
    gc?.();
    const c = process.cpuUsage();
    const ix = indexFn(res.data);
    const u = process.cpuUsage(c);
    (out[which] ??= []).push((u.user + u.system) / 1e6);
    (hashes[which] ??= new Set()).add(hashOf(ix));
    loads.push(loadavg()[0]);
  }
}
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  `${new Date().toISOString()} ${PEOPLE} people, rate ${RATE}, ${ROUNDS} rounds; load ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`,
);
for (const k of ['base', 'new'])
  console.log(
    `index / ${k}: median ${med(out[k]).toFixed(2)} s (${out[k].map((x) => x.toFixed(2)).join(', ')}) hash ${[...hashes[k]].join(',')}`,
  );
console.log(`ratios new/base: ${out.new.map((x, i) => (x / out.base[i]).toFixed(2)).join(', ')}`);
