// Output hash harness for fit/rank/exposure speed work (issue 17): the pipeline's city (synthCity →
// ingest → index), then the default network Hawkes fit, model risk for everyone (90 days), the
// ranked outreach list (1000, with reasons) and exposure, each hashed (sha256 of a JSON with every
// number at full precision; timings and elapsedMs left out). With an output path, the raw JSON is written there
// too, so two versions can be compared number by number (max relative difference).
//   node --max-old-space-size=12000 --import tsx bench/fitrank-hash.ts [people] [rate] [out.json]
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { exposure, fitNetworkHawkes } from '../src/contagion/index.js';
import { rankForOutreach } from '../src/outreach/index.js';
import { ingestedCity } from './ingested-city.js';

const people = Number(process.argv[2] ?? 20_000);
const rate = Number(process.argv[3] ?? 1.5);
const out = process.argv[4];
const data = ingestedCity(people, rate);
const asOf = '2023-10-01';
const json = (x: unknown) =>
  JSON.stringify(x, (_k, v) =>
    typeof v === 'number' && !Number.isFinite(v) ? `#${String(v)}` : v,
  );
const model = fitNetworkHawkes(data, { asOf });
const {
  timings: _t,
  elapsedMs: _e,
  ...diagnostics
} = model.diagnostics as unknown as Record<string, unknown>;
const parts: Record<string, unknown> = {
  fit: {
    parameters: model.parameters,
    standardErrors: model.standardErrors,
    logLikelihood: model.logLikelihood,
    aic: model.aic,
    iterations: model.iterations,
    converged: model.converged,
    identified: model.identified,
    warnings: model.warnings,
    branchingRatio: model.branchingRatio,
    trend: model.trend,
    kernel: model.kernel,
    contagionShare: model.contagionShare,
    shares: model.shares,
    delays: model.delays,
    lastRecordDay: model.lastRecordDay,
    diagnostics,
  },
  events: model.events.objects(),
  cascades: model.cascades.objects(),
  risk: model.risk(undefined, { from: asOf, horizonDays: 90 }),
  list: rankForOutreach(data, { asOf, model, limit: 1000 }).objects(),
  exposure: exposure(data, { asOf }).objects(),
};
const h = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 12);
const strs = Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, json(v)]));
console.log(
  `${people}: ${Object.entries(strs)
    .map(([k, s]) => `${k} ${h(s)}`)
    .join(' | ')} | all ${h(Object.values(strs).join('\n'))}`,
);
if (out) writeFileSync(out, json(parts));
