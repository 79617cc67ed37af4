/**
 * Outreach planning benchmark (issue 14): planOutreach for a capacity of 1% of 100k people over a
 * 90-day horizon. Goal: under 30 s.
 *
 *   npx tsx bench/plan.ts
 *
 * Times the plan alone (the model is fitted first and not counted), three runs, medians of wall
 * and CPU time, with the machine's load; then the live update after a new shooting
 * (updateNetworkHawkes, goal under 100 ms), median of 21. Writes bench/results/plan.md.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fitNetworkHawkes, updateNetworkHawkes } from '../src/contagion/hawkes/index.js';
import { toDay } from '../src/core/time.js';
import { planOutreach } from '../src/outreach/plan-outreach.js';
import { synthCity } from '../src/synth/city.js';
import { median, time } from './timing.js';

const people = 100_000;
const asOf = '2023-01-01';
const city = synthCity({
  people,
  years: 6,
  seed: 1,
  contagion: { mu: 1.5e-5, alpha: 0.1, beta: 1 / 125 },
});
const fit = time(() => fitNetworkHawkes(city.data, { asOf, standardErrors: false }));
const model = fit.value;
const runs: { ms: number; cpuMs: number; averted: number; highest: number }[] = [];
for (let r = 0; r < 3; r++) {
  const t = time(() => planOutreach(city.data, { asOf, model, capacity: people / 100 }));
  runs.push({
    ms: t.ms,
    cpuMs: t.cpuMs,
    averted: t.value.expected.averted,
    highest: t.value.highestRisk.averted,
  });
}
// Live update: a shooting the day after asOf, victim the person with the most ties in the model.
const d = model.state.data;
let victim = 0;
for (let k = 1; k < d.nPeople; k++)
  if (d.tieOffset[k + 1] - d.tieOffset[k] > d.tieOffset[victim + 1] - d.tieOffset[victim])
    victim = k;
const victimId = d.index.personIds[victim];
const shooter = d.index.personIds[victim === 0 ? 1 : 0];
const tonight = {
  incidents: [
    {
      incident_id: 'NEW-1',
      date: '2023-01-02',
      day: toDay('2023-01-02'),
      offence: 'Shooting',
      severity: 3 as const,
    },
  ],
  involvements: [
    { incident_id: 'NEW-1', person_id: victimId, role: 'victim' as const },
    { incident_id: 'NEW-1', person_id: shooter, role: 'offender' as const },
  ],
};
const updates: { ms: number; cpuMs: number; touched: number }[] = [];
for (let r = 0; r < 21; r++) {
  const t = time(() => updateNetworkHawkes(model, tonight));
  updates.push({ ms: t.ms, cpuMs: t.cpuMs, touched: t.value.changes.numRows() });
}
const load = loadavg()
  .map((x) => x.toFixed(2))
  .join(' ');
const lines = [
  '# planOutreach benchmark',
  '',
  `${new Date().toISOString().slice(0, 10)}; ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}; load average after the runs ${load}.`,
  '',
  `City: ${people.toLocaleString('en')} people, ${city.data.incidents.length.toLocaleString('en')} incidents; model fitted in ${(fit.ms / 1000).toFixed(1)} s (not counted).`,
  '',
  '| case | wall (median of 3) | CPU (median of 3) | goal | events averted (plan / highest risk) |',
  '|---|---|---|---|---|',
  `| capacity ${people / 100}, horizon 90 days, effect 0.2 | ${(median(runs.map((r) => r.ms)) / 1000).toFixed(1)} s | ${(median(runs.map((r) => r.cpuMs)) / 1000).toFixed(1)} s | < 30 s | ${runs[0].averted.toFixed(2)} / ${runs[0].highest.toFixed(2)} |`,
  `| live update after a shooting (victim with ${d.tieOffset[victim + 1] - d.tieOffset[victim]} ties; ${updates[0].touched} people's risk changed), median of 21 | ${median(updates.map((r) => r.ms)).toFixed(1)} ms | ${median(updates.map((r) => r.cpuMs)).toFixed(1)} ms | < 100 ms | |`,
  '',
];
const out = join(dirname(fileURLToPath(import.meta.url)), 'results', 'plan.md');
writeFileSync(out, lines.join('\n'));
console.log(lines.join('\n'));
