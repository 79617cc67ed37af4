import { describe, expect, it } from 'vitest';
import { backtest } from '../../src/outreach/backtest.js';
import { hawkesRanker } from '../../src/outreach/hawkes-ranker.js';
import { oracleRanker } from '../../src/outreach/oracle-ranker.js';
import type { Ranker } from '../../src/outreach/ranker.js';
import { misspecifiedWorld, synthCity, trueExpectedEvents } from '../../src/synth/index.js';
import { aliveOnly, feasibleOracleRanker, memo, recording } from './feasible-oracle.js';

/**
 * The Hawkes ranker (default options: kernel 'auto', frailty posterior) against the
 * multi-generation oracle and the feasible oracle (./feasible-oracle.ts: the true process, but
 * each person's hidden Gamma multiplier — and on the `all` world each group's hot periods — only
 * through the records) on three 6,000-person cities, seed 2: the default city, the world with
 * every departure (with contagion) and the heterogeneous world without contagion. 6 cuts × 180
 * days, top 1%. Expected hits: Σ over a list of 1 − e^(−E), E the oracle's expected events
 * (no sampling noise). What is asserted is what the records allow: 80% of the full oracle where
 * the oracle knows nothing a record cannot show (the default city), and near the feasible oracle
 * where it does (10+ seeds per world: bench/results/oracle-worlds.md).
 */
describe('the Hawkes ranker against the multi-generation and feasible oracles', () => {
  interface Totals {
    expected: number;
    observed: number;
    hits: number;
    expectedHits: number;
  }
  const totals = new Map<string, Totals>();
  const cities = [
    [
      'default city',
      { ...misspecifiedWorld('heterogeneous', { seed: 2, people: 6000 }), world: {} },
    ],
    ['all', misspecifiedWorld('all', { seed: 2, people: 6000, contagion: true })],
    [
      'heterogeneous (no contagion)',
      misspecifiedWorld('heterogeneous', { seed: 2, people: 6000, contagion: false }),
    ],
  ] as const;
  for (const [world, options] of cities) {
    const city = synthCity(options);
    const feasible = feasibleOracleRanker(
      city,
      2,
      city.truth.hotPeriods?.length ? 'filtered' : 'known',
    );
    const oracle = memo(oracleRanker(trueExpectedEvents(city)));
    const rankers: Ranker[] = [
      hawkesRanker(),
      oracle,
      aliveOnly(oracle),
      ...(feasible ? [aliveOnly(feasible)] : []),
    ];
    const rec = recording(rankers);
    const r = backtest(city.data, {
      cuts: 6,
      horizonDays: 180,
      k: ['1%'],
      rankers: rec.rankers,
    });
    const t = (ranker: string) => {
      const key = `${world}/${ranker.replace(/ \(hot periods filtered\)/, '')}`;
      let x = totals.get(key);
      if (!x) {
        x = { expected: 0, observed: 0, hits: 0, expectedHits: rec.expectedHits(ranker) };
        totals.set(key, x);
      }
      return x;
    };
    for (const s of r.scores.objects() as {
      ranker: string;
      expected: number;
      observed: number;
    }[]) {
      t(s.ranker).expected += s.expected;
      t(s.ranker).observed += s.observed;
    }
    for (const h of r.table.objects() as { ranker: string; hits: number }[])
      t(h.ranker).hits += h.hits;
  }
  const get = (world: string, ranker: string) => {
    const x = totals.get(`${world}/${ranker}`);
    if (!x) throw new Error(`no ${ranker} on ${world}`);
    return x;
  };
  console.log(
    `Hawkes ranker vs the oracles, seed 2, 6 cuts × 180 days, top 1%:\n${[...totals]
      .map(
        ([k, x]) =>
          `${k}: hits ${x.hits}, expected hits ${x.expectedHits.toFixed(1)}, E/O ${(x.expected / x.observed).toFixed(3)}`,
      )
      .join('\n')}`,
  );
  const worlds = cities.map(([w]) => w);

  it('expects within ±15% of the events observed, with and without contagion', () => {
    for (const w of worlds) {
      const x = get(w, 'network hawkes');
      expect(Math.abs(x.expected / x.observed - 1)).toBeLessThan(0.15);
    }
  });

  it('on the default city (nothing hidden from the records): ≥ 80% of the oracle’s hits, ≥ 95% of its expected hits', () => {
    // Last run (2026-12-01, after the deaths fix, lastTrendBinDays 182): 28 of 32 hits (88%;
    // sampled), expected hits 34.6 of 35.2; E/O 1.031 (the oracle's 0.970).
    const mine = get('default city', 'network hawkes');
    const oracle = get('default city', 'oracle');
    expect(mine.hits).toBeGreaterThanOrEqual(0.8 * oracle.hits);
    expect(mine.expectedHits).toBeGreaterThanOrEqual(0.95 * oracle.expectedHits);
  });

  it('on the misspecified worlds: ≥ 90% of the feasible oracle’s expected hits among the living', () => {
    // The feasible oracle knows the true parameters and each person's offending propensity, and
    // learns the hidden multiplier (and hot periods) from the records as exactly as the true
    // process allows. Last run (seed 2, 2026-12-01, lastTrendBinDays 182): 'all' 82.6 vs 87.3
    // (95%), heterogeneous without contagion 55.0 vs 56.0 (98%); E/O 1.005 and 1.052. Over 10
    // seeds per world at 3,000 people the worst seed was 79% on 'all' (81% with calendar bins)
    // (bench/results/oracle-worlds-last-bin.md).
    // Without the frailty posterior (`frailty: false`) the heterogeneous world falls to 39.7 of
    // 53.2 (75%), so this fails if the posterior stops reaching the ranking ('all': 87.5, 94%).
    for (const w of ['all', 'heterogeneous (no contagion)']) {
      const mine = get(w, 'network hawkes').expectedHits;
      const feasible = get(w, 'feasible oracle (alive)').expectedHits;
      expect(mine).toBeGreaterThanOrEqual(0.9 * feasible);
    }
  });

  it('reaches at least 65% of the full oracle’s top-1% hits on the misspecified worlds', () => {
    // What no record holds (each person's Gamma draw, each group's hot periods) keeps this under
    // 80%: the feasible oracle itself gets 66–87% of the oracle's expected hits there.
    for (const w of ['all', 'heterogeneous (no contagion)'])
      expect(get(w, 'network hawkes').hits).toBeGreaterThanOrEqual(0.65 * get(w, 'oracle').hits);
  });

  it('the oracle is a ceiling: no list has more expected hits than its top 1%', () => {
    // Its list is the top 1% by E, and 1 − e^(−E) rises with E, so this holds exactly.
    for (const [k, x] of totals) {
      const w = k.slice(0, k.lastIndexOf('/'));
      expect(x.expectedHits).toBeLessThanOrEqual(get(w, 'oracle').expectedHits + 1e-9);
    }
  });
});
