/**
 * Network Hawkes benchmark (issue 5): fit, risk and simulation at city scale.
 *
 *   npx tsx bench/hawkes.ts [small|large]      (default small)
 *
 * - small: synthCity with 100k people, ~1M incidents, ~10k serious-violence events.
 *   Goal (issue 10): the fit with default options (record covariates, yearly trend, entry at
 *   first record) in under 10 s.
 * - large: synthCity with 1M people, ~3M incidents, ~100k events. Goal: fit in under 3 minutes
 *   within 8 GB (peak RSS of the whole process, data included). Run with
 *   `node --max-old-space-size=7500 --import tsx bench/hawkes.ts large`.
 *
 * The dataset index (sorted incidents, person ↔ incident CSR) belongs to the foundation, is built
 * once per dataset and cached; it is timed on its own and the fit reads the cached index.
 * Each case writes its own section of bench/results/hawkes.md (the other case's section is kept).
 */

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fitNetworkHawkes, simulateNetworkHawkes } from '../src/contagion/hawkes/index.js';
import { indexDataset } from '../src/core/dataset-index.js';
import { synthCity } from '../src/synth/city.js';
import { time } from './timing.js';

const CASES = {
  small: {
    goal: 'fit with default covariates < 10 s',
    limitMs: 10_000,
    city: {
      people: 100_000,
      years: 6,
      seed: 1,
      contagion: { mu: 1.5e-5, alpha: 0.1, beta: 1 / 125 },
    },
  },
  large: {
    goal: 'fit < 3 min within 8 GB',
    limitMs: 180_000,
    city: {
      people: 1_000_000,
      years: 6,
      seed: 1,
      incidentsPerPersonYear: 0.5,
      contagion: { mu: 3.5e-5, alpha: 0.1, beta: 1 / 125 },
    },
  },
} as const;

const which = (process.argv[2] ?? 'small') as keyof typeof CASES;
const spec = CASES[which];
if (!spec) throw new Error(`unknown case '${which}': use small or large`);

const s = (ms: number) => (ms / 1000).toFixed(2);
const load0 = loadavg()[0];

const gen = time(() => synthCity(spec.city));
const { data, truth } = gen.value;
console.log(
  `synthCity ${which}: ${data.incidents.length} incidents, ${truth.events.length} events, in ${s(gen.ms)} s`,
);
const index = time(() => indexDataset(data));
console.log(`indexDataset: ${s(index.ms)} s`);
const fit = time(() => fitNetworkHawkes(index.value));
const model = fit.value;
console.log(
  `fitNetworkHawkes: ${s(fit.ms)} s wall, ${s(fit.cpuMs)} s CPU`,
  model.diagnostics.timings,
);
const asOf = model.diagnostics.asOf;
const risk = time(() => model.risk(undefined, { from: asOf, horizonDays: 90 }));
console.log(`risk (all people, 90 days): ${s(risk.ms)} s`);
const reached = [...risk.value]
  .sort((a, b) => b.expected - a.expected)
  .slice(0, Math.round(model.diagnostics.people / 100))
  .map((r) => r.person_id);
const sim = time(() =>
  simulateNetworkHawkes(model, {
    from: asOf,
    days: 365,
    runs: 20,
    seed: 1,
    intervention: { people: reached, factor: 0.5, on: 'both' },
  }),
);
console.log(`simulateNetworkHawkes (20 runs, 365 days): ${s(sim.ms)} s`);
const peakRssGb = (process.resourceUsage().maxRSS * 1024) / 2 ** 30;
const load1 = loadavg()[0];

const p = model.parameters;
const se = model.standardErrors;
const c = truth.contagion!;
const met = fit.ms < spec.limitMs && (which === 'small' || peakRssGb < 8);
const section = [
  `<!-- case:${which} -->`,
  `## ${which}: ${spec.city.people.toLocaleString('en')} people, ${data.incidents.length.toLocaleString('en')} incidents, ${model.diagnostics.events.toLocaleString('en')} events`,
  '',
  `Run on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; load average ${load0.toFixed(1)} at start, ${load1.toFixed(1)} at end (other work shared the machine, so CPU time is given beside wall time).`,
  '',
  `City: \`synthCity(${JSON.stringify(spec.city)})\`.`,
  '',
  '| step | wall (s) | CPU (s) |',
  '|---|---:|---:|',
  `| synthCity (data generation) | ${s(gen.ms)} | ${s(gen.cpuMs)} |`,
  `| indexDataset (foundation; cached per dataset) | ${s(index.ms)} | ${s(index.cpuMs)} |`,
  `| **fitNetworkHawkes** (prepare ties and events, candidate pairs, EM, Newton polish, standard errors, attributions, cascades) | **${s(fit.ms)}** | ${s(fit.cpuMs)} |`,
  `| model.risk, all ${model.diagnostics.people.toLocaleString('en')} people, 90 days | ${s(risk.ms)} | ${s(risk.cpuMs)} |`,
  `| simulateNetworkHawkes, 20 runs × 365 days, intervention on the top 1% | ${s(sim.ms)} | ${s(sim.cpuMs)} |`,
  '',
  `Fit steps (wall, s): ${Object.entries(model.diagnostics.timings)
    .map(([k, v]) => `${k} ${s(v)}`)
    .join(', ')}.`,
  '',
  `Peak RSS of the whole process (data, index, model): **${peakRssGb.toFixed(2)} GiB**.`,
  '',
  `Goal: ${spec.goal} — ${met ? 'met' : 'NOT met'} (fit ${s(fit.ms)} s${which === 'large' ? `, peak ${peakRssGb.toFixed(2)} GiB` : ''}).`,
  '',
  '| | truth | fit ± SE |',
  '|---|---:|---:|',
  `| μ₀ (per person-day) | ${c.mu.toExponential(3)} | ${p.mu.toExponential(3)} ± ${se.mu?.toExponential(1) ?? '—'} |`,
  `| α | ${c.alpha} | ${p.alpha.toFixed(4)} ± ${se.alpha?.toFixed(4) ?? '—'} |`,
  `| β (per day) | ${c.beta.toFixed(5)} | ${p.beta.toFixed(5)} ± ${se.beta?.toFixed(5) ?? '—'} |`,
  `| contagion share | ${truth.triggeredShare.toFixed(3)} | ${model.contagionShare.toFixed(3)} |`,
  '',
  `EM iterations ${model.iterations}, Newton steps ${model.diagnostics.newtonIterations}, converged ${model.converged}; ${model.diagnostics.candidatePairs.toLocaleString('en')} candidate parent pairs, ${model.diagnostics.ties.toLocaleString('en')} ties; ${model.cascades.numRows().toLocaleString('en')} cascades (largest ${model.cascades.get('size', 0)} events); delays mean ${model.delays.mean.toFixed(1)} d, median ${model.delays.median} d. Simulation: ${sim.value.events.mean.toFixed(0)} events a year without intervention, ${sim.value.averted.mean.toFixed(1)} averted [90%: ${sim.value.averted.lo.toFixed(1)}, ${sim.value.averted.hi.toFixed(1)}].`,
  `<!-- /case:${which} -->`,
].join('\n');
console.log(section);

const out = join(dirname(fileURLToPath(import.meta.url)), 'results', 'hawkes.md');
const header = [
  '# Network Hawkes benchmark',
  '',
  'Generated by `bench/hawkes.ts` (`npx tsx bench/hawkes.ts small`; `node --max-old-space-size=7500 --import tsx bench/hawkes.ts large`). Each case is one run.',
  '',
].join('\n');
const old = existsSync(out) ? readFileSync(out, 'utf8') : header;
const re = new RegExp(`<!-- case:${which} -->[\\s\\S]*?<!-- /case:${which} -->`);
let next = re.test(old) ? old.replace(re, section) : `${old.trimEnd()}\n\n${section}\n`;
if (!next.startsWith('# Network Hawkes benchmark')) next = `${header}\n${next}`;
writeFileSync(out, next);
