/**
 * Trailing-window record counts (`recordCountDays`, issue 10) against the default fit, paired on
 * the same misspecified cities: contagion share error, attributed-delay error, and the share
 * without contagion, with `bench/worlds-harness.ts`'s `fitWorld` (the same harness as
 * `bench/worlds.ts`). Each seed is fitted by every variant before the next seed.
 *
 *   npx tsx bench/record-counts.ts [seeds=20] [people=6000]
 *       WORLDS=a,b (default: the five misspecified worlds), CONTAGION=yes|no (default both),
 *       VARIANTS=name=json;name=json (default: 'default={}' and
 *       'counts-730-no-years={"recordCountDays":730,"recordCovariates":{"yearsSinceFirstRecord":false}}'),
 *       OUT=path (writes path.json after each seed; BENCH_MERGE=a.json,b.json prints the tables
 *       of earlier runs instead of running).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { NetworkHawkesOptions } from '../src/contagion/hawkes/types.js';
import type { MisspecifiedWorldName } from '../src/synth/index.js';
import { fitWorld, summarise, summaryTable, type WorldRow } from './worlds-harness.js';

const seeds = Number(process.argv[2] ?? 20);
const people = Number(process.argv[3] ?? 6000);
const worlds = (process.env.WORLDS ?? 'heterogeneous,late-onset,hot-periods,gamma-delay,all').split(
  ',',
) as MisspecifiedWorldName[];
const settings = process.env.CONTAGION ? [process.env.CONTAGION === 'yes'] : [true, false];
const variants: [string, NetworkHawkesOptions][] = (
  process.env.VARIANTS ??
  'default={};counts-730-no-years={"recordCountDays":730,"recordCovariates":{"yearsSinceFirstRecord":false}}'
)
  .split(';')
  .map((v) => {
    const at = v.indexOf('=');
    return [v.slice(0, at), JSON.parse(v.slice(at + 1))];
  });

type Row = WorldRow & { variant: string };
const rows: Row[] = [];
const runs: { cmd: string; load0: number[]; load1: number[]; cpu: number; wall: number }[] = [];
const merge = process.env.BENCH_MERGE?.split(',');
if (merge)
  for (const f of merge) {
    const j = JSON.parse(readFileSync(f, 'utf8'));
    rows.push(...j.rows);
    runs.push(j.run);
  }
else {
  const load0 = loadavg();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (const world of worlds)
    for (const contagion of settings)
      for (let seed = 1; seed <= seeds; seed++) {
        for (const [variant, fitOptions] of variants)
          rows.push({ ...fitWorld(world, seed, { people, contagion, fitOptions }), variant });
        const cpu = process.cpuUsage(cpu0);
        const run = {
          cmd: `${['WORLDS', 'CONTAGION', 'VARIANTS'].map((k) => (process.env[k] ? `${k}='${process.env[k]}' ` : '')).join('')}npx tsx bench/record-counts.ts ${seeds} ${people}`,
          load0,
          load1: loadavg(),
          cpu: (cpu.user + cpu.system) / 1e6,
          wall: (performance.now() - t0) / 1000,
        };
        if (process.env.OUT)
          writeFileSync(`${process.env.OUT}.json`, JSON.stringify({ run, rows }));
        console.log(world, contagion, seed, run.cpu.toFixed(0));
      }
}

// Tables: per variant, then paired differences (variant − first variant) per world and setting.
const names = [...new Set(rows.map((r) => r.variant))];
for (const v of names) {
  const summaries = [];
  for (const world of new Set(rows.map((r) => r.world)))
    for (const contagion of [true, false]) {
      const rs = rows.filter(
        (r) => r.variant === v && r.world === world && r.contagion === contagion,
      );
      if (rs.length) summaries.push(summarise(rs));
    }
  console.log(`\n### ${v}\n\n${summaryTable(summaries)}`);
}
const base = names[0];
const key = (r: Row) => `${r.world}|${r.contagion}|${r.seed}`;
const baseRows = new Map(rows.filter((r) => r.variant === base).map((r) => [key(r), r]));
for (const v of names.slice(1)) {
  console.log(
    `\n### ${v} − ${base}, paired by seed (medians of the per-seed differences of |error|)\n`,
  );
  console.log(
    '| world | contagion | seeds | Δ|share error|, pp | Δ|delay error|, % | Δ share, pp |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const world of new Set(rows.map((r) => r.world)))
    for (const contagion of [true, false]) {
      const pairs = rows
        .filter((r) => r.variant === v && r.world === world && r.contagion === contagion)
        .map((r) => [baseRows.get(key(r)), r] as const)
        .filter((p): p is [Row, Row] => p[0] !== undefined);
      if (!pairs.length) continue;
      const med = (xs: number[]) => {
        const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
        if (!s.length) return Number.NaN;
        const m = s.length >> 1;
        return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
      };
      const dShare = med(
        pairs.map(([a, b]) => Math.abs(b.shareErrorPp) - Math.abs(a.shareErrorPp)),
      );
      const dDelay = med(
        pairs.map(([a, b]) =>
          a.delayErrorPct === null || b.delayErrorPct === null
            ? Number.NaN
            : Math.abs(b.delayErrorPct) - Math.abs(a.delayErrorPct),
        ),
      );
      const dS = med(pairs.map(([a, b]) => 100 * (b.share - a.share)));
      const f = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '—');
      console.log(
        `| ${world} | ${contagion ? 'yes' : 'no'} | ${pairs.length} | ${f(dShare)} | ${f(dDelay)} | ${f(dS)} |`,
      );
    }
}
for (const r of runs)
  console.log(
    `\nrun: ${r.cmd}: CPU ${r.cpu.toFixed(0)} s, wall ${r.wall.toFixed(0)} s, load ${r.load0.map((x) => x.toFixed(1)).join('/')} → ${r.load1.map((x) => x.toFixed(1)).join('/')}`,
  );
