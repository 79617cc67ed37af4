// Usage: npx tsx fit100k.ts <repo root> <rounds> [on|off|default]

import { loadavg } from 'node:os';
import { cpuUsage } from 'node:process';

const root = process.argv[2];
const rounds = Number(process.argv[3] ?? 3);
const mode = process.argv[4] ?? 'default';
const { fitNetworkHawkes } = await import(`${root}/src/contagion/hawkes/index.js`);
const { indexDataset } = await import(`${root}/src/core/dataset-index.js`);
const { synthCity } = await import(`${root}/src/synth/city.js`);
const { data } = synthCity({
  people: 100_000,
  years: 6,
  seed: 1,
  contagion: { mu: 1.5e-5, alpha: 0.1, beta: 1 / 125 },
});
const index = indexDataset(data);
const opts = mode === 'default' ? {} : { recordCovariates: { priorCoOffenders: mode === 'on' } };
for (let r = 0; r < rounds; r++) {
  const c0 = cpuUsage();
  const w0 = performance.now();
  const m = fitNetworkHawkes(index, opts);
  const wall = (performance.now() - w0) / 1000;
  const c = cpuUsage(c0);
  console.log(
    JSON.stringify({
      root: root.split('/').pop(),
      mode,
      wall: +wall.toFixed(2),
      cpu: +((c.user + c.system) / 1e6).toFixed(2),
      load: +loadavg()[0].toFixed(1),
      share: +m.contagionShare.toFixed(4),
      events: m.state.data.evDay.length,
      rows: m.state.bg.nRows,
      cov: Object.keys(m.parameters.covariates).length,
      warn: m.warnings.filter((w: string) => w.startsWith('Risk rises')).length,
      t: Object.fromEntries(
        Object.entries(m.diagnostics.timings).map(([k, v]) => [k, +(Number(v) / 1000).toFixed(2)]),
      ),
    }),
  );
}
