/**
 * The default network Hawkes fit and the Hawkes ranker on worlds whose co-offending network
 * comes from other generators (issue #10; bench/worlds-topology-harness.ts). One JSON line per
 * seed is appended to `out`.
 *
 *   nice -n 19 npx tsx bench/worlds-topology.ts [seeds=20] [worlds=all|name,name] [out=/tmp/topo.jsonl]
 *   INFER=n: also hawkesInference on the first n seeds (INFER_REPS replicates, default 19, for
 *   the intervals and per null reference; placeboReplicates 0)
 *   FIRST_SEED=k: start at seed k (default 1); RANK=0: no ranking fit
 *   COCOV=1 (COCOV=0): every fit (and the ranker's) with the co-offender record covariate
 *   `priorCoOffenders` on (off); the world names get a '+co' ('-co') suffix
 *   DEGCOV=1: every fit (and the ranker's) also gets each person's number of distinct
 *   co-offenders in the records, ln(1 + degree), as a user covariate `co_offenders` (the
 *   workaround in docs/guide/hawkes.md); the world names get a '+deg' suffix
 *
 * Fit: `fitNetworkHawkes(data, { standardErrors: true })`, otherwise the defaults. Ranking: at the
 * cut 180 days before the end, `hawkesRanker()` on the records before the cut against
 * `oracleRanker` fed the world's true first-generation expected events; top 1% of the people
 * with a record before the cut; recall = people harmed in the 180 days who are in the top 1%,
 * over all people harmed.
 */
import { appendFileSync } from 'node:fs';
import { fitNetworkHawkes, hawkesInference } from '../src/contagion/hawkes/index.js';
import type { NetworkHawkesOptions } from '../src/contagion/hawkes/types.js';
import type { Dataset } from '../src/core/types.js';
import { coOffendingGraph } from '../src/graph/co-offending-graph.js';
import { hawkesRanker } from '../src/outreach/hawkes-ranker.js';
import { oracleRanker } from '../src/outreach/oracle-ranker.js';
import { topoWorld } from './worlds-topology-harness.js';
import { TOPO_WORLDS } from './worlds-topology-worlds.js';

const seeds = Number(process.argv[2] ?? 20);
const which =
  (process.argv[3] ?? 'all') === 'all' ? Object.keys(TOPO_WORLDS) : process.argv[3].split(',');
const out = process.argv[4] ?? '/tmp/topo.jsonl';
const infer = Number(process.env.INFER ?? 0);
const reps = Number(process.env.INFER_REPS ?? 19);
const first = Number(process.env.FIRST_SEED ?? 1);
const rank = process.env.RANK !== '0';
const HORIZON = 180;
const degcov = process.env.DEGCOV === '1';
// COCOV=1 / COCOV=0: the as-of co-offender record covariate on / off (unset: the default).
const cocov = process.env.COCOV;
const coSwitch: NetworkHawkesOptions =
  cocov === undefined ? {} : { recordCovariates: { priorCoOffenders: cocov === '1' } };
/** ln(1 + distinct co-offenders) per person, from the co-offending graph of `data`. */
function coOffenders(data: Dataset, asOf?: number): NetworkHawkesOptions {
  if (!degcov) return coSwitch;
  const g = coOffendingGraph(
    data,
    asOf === undefined ? {} : { asOf: new Date(asOf * 86400000).toISOString().slice(0, 10) },
  );
  return {
    covariates: g.nodes().map((p) => ({ person_id: p, co_offenders: Math.log1p(g.degree(p)) })),
  };
}

const bad = (s: string) => /NaN|Infinity|undefined|-0\.0+\b/.test(s);

function slice(data: Dataset, cut: number): Dataset {
  const incidents = data.incidents.filter((i) => i.day < cut);
  const keep = new Set(incidents.map((i) => i.incident_id));
  return {
    ...data,
    incidents,
    involvements: data.involvements.filter((v) => keep.has(v.incident_id)),
  };
}

for (const name of which) {
  const spec = TOPO_WORLDS[name];
  if (!spec) throw new Error(`unknown world ${name}`);
  for (let seed = first; seed < first + seeds; seed++) {
    let w: ReturnType<typeof topoWorld>;
    try {
      w = topoWorld({ ...spec, seed });
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
      world: degcov
        ? `${name}+deg`
        : cocov === undefined
          ? name
          : `${name}${cocov === '1' ? '+co' : '-co'}`,
      seed,
      events: w.events,
      trueShare: w.trueShare,
      trueDelayMean: w.trueDelayMean,
      trueDelayMedian: w.trueDelayMedian,
      kernelMeanTrue: w.kernelMean,
      trueBranching: w.branching,
      trueAlpha: w.alpha,
      lambdaMax: w.lambdaMax,
      maxDegree: w.maxDegree,
      meanDegree: w.meanDegree,
      isolates: w.isolates,
    };
    try {
      const m = fitNetworkHawkes(w.data, { standardErrors: true, ...coOffenders(w.data) });
      const numbers = [m.contagionShare, m.parameters.alpha, m.branchingRatio, m.kernel.meanDays];
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
        nonFinite: numbers.filter((x) => typeof x === 'number' && !Number.isFinite(x)).length,
        badText: m.warnings.filter(bad),
      });
      if (seed < first + infer) {
        const inf = hawkesInference(w.data, {
          replicates: reps,
          nullReplicates: reps,
          placeboReplicates: 0,
          seed,
          ...(degcov || cocov !== undefined ? { fit: coOffenders(w.data) } : {}),
        });
        row.test = {
          p: inf.noContagionTest?.pValue,
          pPar: inf.noContagionTest?.pValueParametric,
          pRew: inf.noContagionTest?.pValueRewired,
          share: inf.intervals?.share ?? null,
          alpha: inf.intervals?.alpha ?? null,
          delay: inf.intervals?.meanDelayDays ?? null,
          kernelCheck: inf.kernelCheck ?? null,
          nearExplosive: inf.nearExplosive,
          warnings: inf.warnings,
          badText: inf.warnings.filter(bad),
        };
      }
    } catch (e) {
      row.error = `${(e as Error).name}: ${(e as Error).message}`.slice(0, 300);
    }
    row.seconds = (performance.now() - t0) / 1000;
    if (rank) {
      const t1 = performance.now();
      const cut = w.endDay - HORIZON;
      const sliced = slice(w.data, cut);
      const population = [...new Set(sliced.involvements.map((v) => v.person_id))].sort();
      const input = {
        data: sliced,
        asOf: cut,
        horizonDays: HORIZON,
        population,
        retentionYears: 6,
      };
      const victims = w.victimsIn(cut, HORIZON);
      const harmed = population.filter((p) => victims.has(p)).length;
      const k = Math.ceil(0.01 * population.length);
      const hitsOf = (score: Float64Array) => {
        const idx = Array.from(score.keys()).sort((a, b) => score[b] - score[a] || a - b);
        let h = 0;
        for (let i = 0; i < k; i++) if (victims.has(population[idx[i]])) h++;
        return h;
      };
      const orc = oracleRanker((pop, asOf, h) => w.oracle(asOf, h, pop)).rank(input);
      const r: Record<string, unknown> = {
        population: population.length,
        top: k,
        harmed,
        oracleHits: hitsOf(orc.score),
        oracleExpected: orc.expected!.reduce((s, x) => s + x, 0),
      };
      try {
        const hk = hawkesRanker(coOffenders(sliced, cut)).rank(input);
        r.hawkesHits = hitsOf(hk.score);
        r.hawkesExpected = hk.expected ? hk.expected.reduce((s, x) => s + x, 0) : null;
        r.hawkesNonFinite = hk.score.some((x) => !Number.isFinite(x));
        // expected hits under the truth: Σ over each list's top 1% of P(harmed) = 1 − e^(−E_oracle)
        const eh = (score: Float64Array) => {
          const idx = Array.from(score.keys()).sort((a, b) => score[b] - score[a] || a - b);
          let s = 0;
          for (let i = 0; i < k; i++) s += 1 - Math.exp(-orc.expected![idx[i]]);
          return s;
        };
        r.hawkesExpectedHits = eh(hk.score);
        r.oracleExpectedHits = eh(orc.score);
      } catch (e) {
        r.error = `${(e as Error).name}: ${(e as Error).message}`.slice(0, 300);
      }
      r.seconds = (performance.now() - t1) / 1000;
      row.rank = r;
    }
    appendFileSync(out, `${JSON.stringify(row)}\n`);
    const rk = row.rank as Record<string, number> | undefined;
    console.log(
      `${name} ${seed}: events ${w.events} maxdeg ${w.maxDegree} α ${w.alpha.toFixed(3)} true ${(100 * w.trueShare).toFixed(1)}% fit ${typeof row.share === 'number' ? (100 * row.share).toFixed(1) : row.error} id ${row.identified} kmean ${typeof row.kernelMean === 'number' ? row.kernelMean.toFixed(1) : '-'} br ${typeof row.branchingRatio === 'number' ? row.branchingRatio.toFixed(2) : '-'} ${(row.seconds as number).toFixed(1)}s${rk ? ` top1% ${rk.hawkesHits}/${rk.oracleHits} of ${rk.harmed}` : ''}${row.test ? ` p ${(row.test as { p?: number }).p}` : ''}`,
    );
  }
}
