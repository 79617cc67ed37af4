/**
 * More unseen worlds (2026-12-04, issue #10): delay shapes, contagion along victim–offender or
 * only recent ties, a summer season, small cities, strong contagion, unrecorded custody,
 * under-recorded victims. Events drawn by bench/worlds-unseen2-harness.ts (independent of the
 * fit); the fit is `fitNetworkHawkes(data, { standardErrors: true })`, otherwise the defaults.
 * One JSON line per fit is appended to `out` (so a long run can be read while it goes).
 *
 *   nice -n 19 npx tsx bench/worlds-unseen2.ts [seeds=20] [worlds=all|name,name] [out=/tmp/worlds2.jsonl]
 *   INFER=4 ...: also hawkesInference (19 refits, 19 null refits per reference) on the first 4 seeds
 */
import { appendFileSync } from 'node:fs';
import { fitNetworkHawkes, hawkesInference } from '../src/contagion/hawkes/index.js';
import { type World2Options, world2 } from './worlds-unseen2-harness.js';

export const WORLDS2: Record<string, Omit<World2Options, 'seed'>> = {
  'exp60:no': { alpha: 0 },
  'exp60:yes': { alpha: 0.05 },
  'lognormal:yes': { alpha: 0.05, delay: 'lognormal' },
  'gamma4:yes': { alpha: 0.05, delay: 'gamma4' },
  'mixture:yes': { alpha: 0.05, delay: 'mixture' },
  'victim-offender:yes': { alpha: 0.05, channel: 'victim-offender' },
  'recent-ties:yes': { alpha: 0.05, channel: 'recent-ties' },
  'summer2:no': { alpha: 0, season: 'summer2' },
  'summer2:yes': { alpha: 0.05, season: 'summer2' },
  'custody15:no': { alpha: 0, custody: 0.15 },
  'custody15:yes': { alpha: 0.05, custody: 0.15 },
  'novictim30:no': { alpha: 0, dropVictims: 0.3 },
  'novictim30:yes': { alpha: 0.05, dropVictims: 0.3 },
  'strong:yes': { alpha: 0.08 },
  'explosive:yes': { alpha: 0.1 },
  'small300-6y:no': { alpha: 0, people: 300 },
  'small300-6y:yes': { alpha: 0.05, people: 300 },
  'small500-1y:no': { alpha: 0, people: 500, years: 1 },
  'small500-1y:yes': { alpha: 0.05, people: 500, years: 1 },
  'small800-1y:no': { alpha: 0, people: 800, years: 1 },
  'small800-1y:yes': { alpha: 0.05, people: 800, years: 1 },
  'small800-2y:no': { alpha: 0, people: 800, years: 2 },
  'small800-2y:yes': { alpha: 0.05, people: 800, years: 2 },
};

const seeds = Number(process.argv[2] ?? 20);
const which =
  (process.argv[3] ?? 'all') === 'all' ? Object.keys(WORLDS2) : process.argv[3].split(',');
const out = process.argv[4] ?? '/tmp/worlds2.jsonl';
const infer = Number(process.env.INFER ?? 0);
for (const name of which) {
  const spec = WORLDS2[name];
  if (!spec) throw new Error(`unknown world ${name}`);
  for (let seed = 1; seed <= seeds; seed++) {
    let w: ReturnType<typeof world2>;
    try {
      w = world2({ ...spec, seed });
    } catch (e) {
      appendFileSync(
        out,
        `${JSON.stringify({ world: name, seed, error: (e as Error).message })}\n`,
      );
      console.log(`${name} ${seed}: ${(e as Error).message}`);
      continue;
    }
    const t0 = performance.now();
    const row: Record<string, unknown> = {
      world: name,
      seed,
      events: w.events,
      recorded: w.recorded,
      trueShare: w.trueShare,
      trueShareRecorded: w.trueShareRecorded,
      trueDelayMean: w.trueDelayMean,
      trueDelayMedian: w.trueDelayMedian,
      kernelMeanTrue: w.kernelMean,
      trueBranching: w.branching,
      custodyPeople: w.custodyPeople,
    };
    try {
      const m = fitNetworkHawkes(w.data, { standardErrors: true });
      Object.assign(row, {
        modelled: m.diagnostics.events,
        share: m.contagionShare,
        alpha: m.parameters.alpha,
        alphaSe: m.standardErrors.alpha,
        identified: m.identified,
        kernel: m.kernel.type === 'erlang' ? `erlang ${m.kernel.shape}` : m.kernel.type,
        kernelMean: m.kernel.meanDays,
        delayMean: m.delays.mean,
        delayMedian: m.delays.median,
        branchingRatio: m.branchingRatio,
        warnings: m.warnings,
      });
      if (seed <= infer) {
        const inf = hawkesInference(w.data, {
          replicates: 19,
          nullReplicates: 19,
          placeboReplicates: 0,
          kernelCheck: true,
          seed,
        });
        row.test = {
          p: inf.noContagionTest?.pValue,
          pPar: inf.noContagionTest?.pValueParametric,
          pRew: inf.noContagionTest?.pValueRewired,
          share: inf.intervals?.share ?? null,
          alpha: inf.intervals?.alpha ?? null,
          delay: inf.intervals?.meanDelayDays ?? null,
          kernelCheck: inf.kernelCheck ?? null,
          warnings: inf.warnings,
        };
      }
    } catch (e) {
      row.error = `${(e as Error).name}: ${(e as Error).message}`.slice(0, 300);
    }
    row.seconds = (performance.now() - t0) / 1000;
    appendFileSync(out, `${JSON.stringify(row)}\n`);
    console.log(
      `${name} ${seed}: events ${w.recorded}/${w.events} true ${(100 * w.trueShare).toFixed(1)}% fit ${typeof row.share === 'number' ? (100 * row.share).toFixed(1) : row.error} id ${row.identified} kmean ${typeof row.kernelMean === 'number' ? row.kernelMean.toFixed(1) : '-'} ${(row.seconds as number).toFixed(1)}s`,
    );
  }
}
