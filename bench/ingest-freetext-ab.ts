/**
 * Interleaved A/B of `ingest` on incidents whose offence is free text (every text distinct, as a
 * narrative or a street name in the offence column makes it) and whose severity is derived from
 * it (no severity column): this checkout against another copy of the source, in one process,
 * alternating which goes first each round. Wall and CPU time (process.cpuUsage) per run, for the
 * CSV text (row path) and an Arrow table (columnar path).
 * Run: `mkdir /tmp/base && git archive <commit> src | tar -x -C /tmp/base && ln -s "$PWD/node_modules"
 * /tmp/base/node_modules`, then `npx tsx bench/ingest-freetext-ab.ts /tmp/base [incidents] [rounds]`.
 */

import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tableFromArrays } from '@uwdata/flechette';
import { createRng } from '../src/core/rng.js';
import { dayToIso } from '../src/core/time.js';
import { ingest as newIngest } from '../src/ingest/index.js';

const BASE = process.argv[2];
if (!BASE)
  throw new Error(
    'usage: npx tsx bench/ingest-freetext-ab.ts <base checkout with src/> [incidents] [rounds]',
  );
const N = Number(process.argv[3] ?? 1_000_000);
const ROUNDS = Number(process.argv[4] ?? 3);
const { ingest: baseIngest } = (await import(
  pathToFileURL(join(resolve(BASE), 'src/ingest/index.ts')).href
)) as { ingest: typeof newIngest };

const OFFENCES = [
  'Common assault',
  'Robbery',
  'Wounding',
  'Shooting',
  'Theft',
  'Burglary',
  'Murder',
];
const STREETS = ['High St', 'Station Rd', 'Park Lane', 'Church St', 'Mill Rd'];
const rng = createRng(20261204);
const ids: string[] = [];
const dates: string[] = [];
const offences: string[] = [];
for (let k = 0; k < N; k++) {
  ids.push(`I${k.toString(36).padStart(6, '0')}`);
  dates.push(dayToIso(17_532 + rng.int(6 * 365)));
  offences.push(
    `${OFFENCES[rng.int(OFFENCES.length)]} at ${1 + rng.int(400)} ${STREETS[rng.int(STREETS.length)]} (ref ${k})`,
  );
}
const incidents = `incident_id,date,offence\n${ids.map((id, k) => `${id},${dates[k]},${offences[k]}`).join('\n')}\n`;
const involvements = `incident_id,person_id,role\n${ids.map((id, k) => `${id},N${k % 100_000},offender`).join('\n')}\n`;
const arrow = {
  incidents: tableFromArrays({ incident_id: ids, date: dates, offence: offences }),
  involvements: tableFromArrays({
    incident_id: ids,
    person_id: ids.map((_, k) => `N${k % 100_000}`),
    role: ids.map(() => 'offender'),
  }),
};
const cases = {
  'CSV (row path)': (f: typeof newIngest) => f({ incidents, involvements }, { now: '2025-01-01' }),
  'Arrow (columnar path)': (f: typeof newIngest) => f(arrow, { now: '2025-01-01' }),
};
const out: Record<string, { wall: number[]; cpu: number[] }> = {};
const loads: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  for (const [name, run] of Object.entries(cases)) {
    for (const which of r % 2 ? ['new', 'base'] : ['base', 'new']) {
      const f = which === 'base' ? baseIngest : newIngest;
      const c = process.cpuUsage();
      const t = performance.now();
      const res = run(f as typeof newIngest);
      const wall = performance.now() - t;
      const u = process.cpuUsage(c);
      if (res.summary.tables.incidents.accepted !== N) throw new Error('bad');
      const k = `${name} / ${which}`;
      (out[k] ??= { wall: [], cpu: [] }).wall.push(wall / 1000);
      out[k].cpu.push((u.user + u.system) / 1e6);
      loads.push(loadavg()[0]);
    }
  }
}
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  `${new Date().toISOString()} ${cpus().length} × ${cpus()[0]?.model} ${process.version}; ${N} incidents (free-text offences, severity derived), ${ROUNDS} rounds interleaved; 1-min load during: ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`,
);
for (const [k, v] of Object.entries(out))
  console.log(
    `${k}: median wall ${med(v.wall).toFixed(2)} s (${v.wall.map((x) => x.toFixed(2)).join(', ')}), median CPU ${med(v.cpu).toFixed(2)} s (${v.cpu.map((x) => x.toFixed(2)).join(', ')})`,
  );
