/**
 * The network Hawkes fit on homophily worlds (2026-12-05, issue #10; see
 * bench/worlds-homophily-harness.ts): persistent risk shared among tied people, with and without
 * contagion. One JSON line per seed is appended to `out`; bench/worlds-homophily-report.ts makes
 * the table.
 *
 *   nice -n 10 npx tsx bench/worlds-homophily.ts [seeds=20] [worlds=all|world:yes,world:no] [out=/tmp/homophily.jsonl]
 *   INFER=1: hawkesInference instead of the fit alone (INFER_REPS replicates, default 19, for the
 *   intervals and per null reference; placeboReplicates 0); FIRST_SEED=k (default 1);
 *   FIT='{"…":…}': options added to the defaults (the rows carry them)
 */
import { appendFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fitNetworkHawkes, hawkesInference } from '../src/contagion/hawkes/index.js';
import { ALPHA } from './worlds-homophily-alpha.js';
import { type HomophilyWorld, homophilyCity } from './worlds-homophily-harness.js';

const ALL =
  'control:no,control:yes,group-frailty:no,group-frailty:yes,assortative:no,assortative:yes,shocks:no,shocks:yes';
const seeds = Number(process.argv[2] ?? 20);
const worlds = (process.argv[3] && process.argv[3] !== 'all' ? process.argv[3] : ALL).split(',');
const out = process.argv[4] ?? '/tmp/homophily.jsonl';
const infer = process.env.INFER === '1';
const reps = Number(process.env.INFER_REPS ?? 19);
const first = Number(process.env.FIRST_SEED ?? 1);
const extra = process.env.FIT ? JSON.parse(process.env.FIT) : {};
const bad = (s: string) => /NaN|Infinity|undefined|-0\.0+\b/.test(s);

for (const w of worlds) {
  const [world, c] = w.split(':') as [HomophilyWorld, string];
  if (!(world in ALPHA)) throw new Error(`unknown world ${world}`);
  for (let seed = first; seed < first + seeds; seed++) {
    const alpha = c === 'yes' ? ALPHA[world] : 0;
    const city = homophilyCity({ seed, world, alpha });
    const t = performance.now();
    const row: Record<string, unknown> = {
      world,
      contagion: c === 'yes',
      seed,
      fit: process.env.FIT ?? null,
      note: city.note,
      events: city.events,
      trueShare: city.trueShare,
      trueDelay: city.trueDelay,
      tieCorrelation: city.tieCorrelation,
    };
    try {
      const m = fitNetworkHawkes(city.data, extra);
      Object.assign(row, {
        share: m.contagionShare,
        alpha: m.parameters.alpha,
        kernelMean: m.kernel.meanDays,
        identified: m.identified,
        warnings: m.warnings,
        badText: m.warnings.filter(bad),
      });
      if (infer) {
        const inf = hawkesInference(city.data, {
          replicates: reps,
          nullReplicates: reps,
          placeboReplicates: 0,
          seed,
          ...(process.env.FIT ? { fit: extra } : {}),
        });
        row.test = {
          p: inf.noContagionTest?.pValue,
          pPar: inf.noContagionTest?.pValueParametric,
          pRew: inf.noContagionTest?.pValueRewired,
          share: inf.intervals?.share ?? null,
          delay: inf.intervals?.meanDelayDays ?? null,
          warnings: inf.warnings,
          badText: inf.warnings.filter(bad),
        };
      }
    } catch (e) {
      row.error = `${(e as Error).name}: ${(e as Error).message}`.slice(0, 300);
    }
    row.seconds = (performance.now() - t) / 1000;
    row.load = loadavg()[0];
    appendFileSync(out, `${JSON.stringify(row)}\n`);
    const test = row.test as { p?: number } | undefined;
    console.log(
      `${w} ${seed}: true ${(100 * city.trueShare).toFixed(1)}% fit ${typeof row.share === 'number' ? (100 * row.share).toFixed(1) : row.error} id ${row.identified} k ${typeof row.kernelMean === 'number' ? row.kernelMean.toFixed(0) : '-'}${test ? ` p ${test.p}` : ''} ${(row.seconds as number).toFixed(1)}s load ${(row.load as number).toFixed(1)}`,
    );
  }
}
