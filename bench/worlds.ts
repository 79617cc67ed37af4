/**
 * The network Hawkes fit, with its defaults, on worlds it did not generate (issue 10): 20 seeds
 * of each misspecified world, with and without contagion. Writes bench/results/worlds.md.
 *
 *   npx tsx bench/worlds.ts [seeds=20] [people=6000]
 *       (OUT=worlds → bench/results/<OUT>.md, rewritten after each world; WORLDS=a,b to run only
 *       those worlds; CONTAGION=yes|no for one setting only; LAST_BIN=<days> fits with
 *       `lastTrendBinDays` set to it, e.g. Infinity for calendar bins only; COCOV=1|0 fits with
 *       the co-offender record covariate on | off)
 */
import { execSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fitNetworkHawkes } from '../src/contagion/hawkes/index.js';
import type { MisspecifiedWorldName } from '../src/synth/index.js';
import {
  fitWorld,
  summarise,
  summaryTable,
  type WorldRow,
  type WorldSummary,
} from './worlds-harness.js';

const seeds = Number(process.argv[2] ?? 20);
const people = Number(process.argv[3] ?? 6000);
const worlds = (process.env.WORLDS ?? 'heterogeneous,late-onset,hot-periods,gamma-delay,all').split(
  ',',
) as MisspecifiedWorldName[];
const settings = process.env.CONTAGION ? [process.env.CONTAGION === 'yes'] : [true, false];
const fitOptions: { lastTrendBinDays?: number; recordCovariates?: { priorCoOffenders: boolean } } =
  process.env.LAST_BIN === undefined ? {} : { lastTrendBinDays: Number(process.env.LAST_BIN) };
// COCOV=1 / COCOV=0: the co-offender record covariate on / off (unset: the default).
if (process.env.COCOV !== undefined)
  fitOptions.recordCovariates = { priorCoOffenders: process.env.COCOV === '1' };
const outName = process.env.OUT ?? 'worlds';
const commit = execSync('git rev-parse --short HEAD').toString().trim();
const load0 = loadavg();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const summaries: WorldSummary[] = [];
const all: WorldRow[] = [];
for (const world of worlds) {
  for (const contagion of settings) {
    const rows: WorldRow[] = [];
    for (let seed = 1; seed <= seeds; seed++) {
      rows.push(fitWorld(world, seed, { people, contagion, fitOptions }));
    }
    const s = summarise(rows);
    summaries.push(s);
    all.push(...rows);
    console.log(summaryTable([s]).split('\n')[2]);
    write(false);
  }
}
write(true);
console.log(
  `wrote bench/results/${outName}.md in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
);

function write(finished: boolean) {
  const cpu = process.cpuUsage(cpu0);
  const wall = (performance.now() - t0) / 1000;
  const load1 = loadavg();
  const fmt = (x: number | null, d = 1) => (x === null || !Number.isFinite(x) ? '—' : x.toFixed(d));
  const env = ['OUT', 'WORLDS', 'CONTAGION', 'LAST_BIN', 'COCOV']
    .filter((k) => process.env[k] !== undefined)
    .map((k) => `${k}=${process.env[k]} `)
    .join('');
  const out = `# Network Hawkes fit on misspecified worlds

\`${env}npx tsx bench/worlds.ts ${seeds} ${people}\`${finished ? '' : ' — **partial: still running or stopped early**'} — ${new Date().toISOString().slice(0, 16)} UTC, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}.
Load average ${load0.map((x) => x.toFixed(1)).join(' / ')} at the start, ${load1.map((x) => x.toFixed(1)).join(' / ')} at the end (other agents' work on the same 2 cores).
Wall ${wall.toFixed(0)} s, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s for ${all.length} fits (median fit ${fmt(all.map((r) => r.fitMs).sort((a, b) => a - b)[all.length >> 1] / 1000, 2)} s wall).

Cities: \`synthCity(misspecifiedWorld(world, { seed, people: ${people}, contagion }))\` (6 years, μ₀ = 1e-4, α = 0.05 or 0, β = 1/60; docs/guide/synth.md), seeds 1–${seeds}.
Fit: \`fitNetworkHawkes(data${Object.keys(fitOptions).length === 0 ? '' : `, ${JSON.stringify(fitOptions)}`})\` with the defaults of the code at the time of the run (${Object.keys(fitNetworkHawkes.defaults ?? {}).length} options; kernel \`${fitNetworkHawkes.defaults.kernel}\`, lastTrendBinDays ${fitOptions.lastTrendBinDays ?? fitNetworkHawkes.defaults.lastTrendBinDays}); commit ${commit}.
Share error = fitted \`contagionShare\` − \`truth.triggeredShare\`; delay error = fitted \`delays.mean\` (posterior-weighted attributed delay) against \`truth.meanDelay\` (realised mean parent→child delay); 1/β error = \`kernel.meanDays\` against \`truth.kernelMeanDelay\`.
Issue 10 targets: |share error| ≤ 5 pp and |delay error| ≤ 15% (median over seeds); without contagion a share < 5%.

${summaryTable(summaries)}

## Every fit

| world | contagion | seed | events | true share | fitted share | identified | true delay | fitted delay | 1/β fitted | kernel |
|---|---|---|---|---|---|---|---|---|---|---|
${all
  .map(
    (r) =>
      `| ${r.world} | ${r.contagion ? 'yes' : 'no'} | ${r.seed} | ${r.events} | ${fmt(100 * r.trueShare)}% | ${fmt(100 * r.share)}% | ${r.identified ? 'yes' : 'no'} | ${fmt(r.trueDelay, 0)} | ${fmt(r.delay, 0)} | ${fmt(r.kernelMean, 0)} | ${r.kernel} |`,
  )
  .join('\n')}
`;
  writeFileSync(new URL(`./results/${outName}.md`, import.meta.url), out);
}
