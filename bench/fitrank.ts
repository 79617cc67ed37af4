// Fit + rank A/B harness (issue 17): the pipeline's data (synthCity → ingest → index), then the
// network Hawkes fit with default options and the ranked outreach list (1000 listed), timed in CPU,
// with a hash of their outputs (parameters, log-likelihood, SEs, attributions, risk, list).
//   node --max-old-space-size=12000 --import tsx bench/fitrank.ts [people] [rate] [seed] [reps] [--hash-only]
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { fitNetworkHawkes } from '../src/contagion/index.js';
import { indexDataset } from '../src/core/dataset-index.js';
import { ingest } from '../src/ingest/index.js';
import { rankForOutreach } from '../src/outreach/index.js';
import { synthCity } from '../src/synth/index.js';

const people = Number(process.argv[2] ?? 100_000);
const rate = Number(process.argv[3] ?? 1.5);
const seed = Number(process.argv[4] ?? 1);
const reps = Number(process.argv[5] ?? 1);
const cpu = <T>(f: () => T): [T, number] => {
  const c = process.cpuUsage();
  const r = f();
  const u = process.cpuUsage(c);
  return [r, (u.user + u.system) / 1e6];
};
const city = synthCity({ people, incidentsPerPersonYear: rate, seed, feud: { rivalries: 100 } });
const { data } = ingest(
  {
    incidents: city.data.incidents.map(({ day: _day, ...rest }) => rest),
    involvements: city.data.involvements,
    people: city.data.people,
  },
  { now: '2030-01-01' },
);
indexDataset(data);
const asOf = '2023-10-01';
const num = (x: unknown) =>
  JSON.stringify(x, (_k, v) =>
    typeof v === 'number' ? (Number.isFinite(v) ? v.toPrecision(17) : String(v)) : v,
  );
for (let r = 0; r < reps; r++) {
  const [model, tf] = cpu(() => fitNetworkHawkes(data, { asOf }));
  const [list, tr] = cpu(() => rankForOutreach(data, { asOf, model, limit: 1000 }));
  const h = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 12);
  const fitHash = h(
    num({
      p: model.parameters,
      ll: model.logLikelihood,
      se: model.standardErrors,
      it: model.iterations,
      share: model.contagionShare,
      kernel: (model as unknown as { kernel?: unknown }).kernel,
      delays: model.delays,
      warnings: model.warnings,
      ev: model.events.objects(),
      cas: model.cascades.objects(),
    }),
  );
  const riskHash = h(num(model.risk(undefined, { from: asOf, horizonDays: 90 })));
  const listHash = h(num(list.objects()));
  console.log(
    `seed ${seed} rep ${r}: fit ${tf.toFixed(2)} s CPU, rank ${tr.toFixed(2)} s CPU | fit ${fitHash} risk ${riskHash} list ${listHash} | load ${loadavg()[0].toFixed(1)} | timings ${JSON.stringify(
      Object.fromEntries(
        Object.entries(model.diagnostics.timings).map(([k, v]) => [k, Math.round(v)]),
      ),
    )}`,
  );
}
