import { describe, expect, it } from 'vitest';
import { backtest } from '../../src/outreach/backtest.js';
import { hawkesRanker } from '../../src/outreach/hawkes-ranker.js';
import { oracleRanker } from '../../src/outreach/oracle-ranker.js';
import type { Ranker } from '../../src/outreach/ranker.js';
import { misspecifiedWorld, synthCity, trueExpectedEvents } from '../../src/synth/index.js';
import { aliveOnly, feasibleOracleRanker, memo, recording } from './feasible-oracle.js';

/**
 * The multi-generation oracle, the feasible oracle (true parameters, but each person's hidden
 * background multiplier only through its posterior given their serious events, and with
 * `'filtered'` the groups' hot periods only through their events) and the Hawkes ranker on worlds
 * the model did not make: expected against observed totals, top-1% hits against the oracle's, and
 * expected hits (each list scored by the true process) against the feasible oracle's.
 * Figures over 10 seeds: bench/results/oracle-worlds.md.
 */
describe('the Hawkes ranker against a multi-generation oracle on misspecified worlds', () => {
  const totals = new Map<
    string,
    { expected: number; observed: number; hits: number; expectedHits: number }
  >();
  for (const [world, contagion] of [
    ['all', true],
    ['heterogeneous', false],
  ] as const) {
    const seed = 2;
    const city = synthCity(misspecifiedWorld(world, { seed, people: 6000, contagion }));
    const oracle = memo(oracleRanker(trueExpectedEvents(city)));
    const feasible = feasibleOracleRanker(city, seed, world === 'all' ? 'filtered' : 'known');
    if (!feasible) throw new Error('this world has hidden multipliers: a feasible oracle exists');
    const list: Ranker[] = [
      hawkesRanker(),
      oracle,
      { ...aliveOnly(feasible), name: 'feasible (alive)' },
    ];
    const rec = recording(list);
    const r = backtest(city.data, { cuts: 6, horizonDays: 180, k: ['1%'], rankers: rec.rankers });
    const key = (ranker: string) => `${world}/${contagion}/${ranker}`;
    for (const x of list)
      totals.set(key(x.name), {
        expected: 0,
        observed: 0,
        hits: 0,
        expectedHits: rec.expectedHits(x.name),
      });
    for (const s of r.scores.objects() as {
      ranker: string;
      expected: number;
      observed: number;
    }[]) {
      const t = totals.get(key(s.ranker))!;
      t.expected += s.expected;
      t.observed += s.observed;
    }
    for (const t of r.table.objects() as { ranker: string; hits: number }[])
      totals.get(key(t.ranker))!.hits += t.hits;
  }
  console.log(
    `Hawkes ranker vs oracles, 6 cuts × 180 days:\n${[...totals]
      .map(
        ([k, t]) =>
          `${k}: expected ${t.expected.toFixed(1)}, observed ${t.observed}, hits@1% ${t.hits.toFixed(1)}, expected hits ${t.expectedHits.toFixed(1)}`,
      )
      .join('\n')}`,
  );

  it('expects within ±15% of the events observed, with and without contagion', () => {
    // Pooled over 10 seeds per world the ratio is 1.02–1.08 (bench); per city it has ranged
    // 0.93–1.17, so these two cities are a check on calibration, not on a seed's luck.
    for (const [k, t] of totals)
      if (k.endsWith('network hawkes'))
        expect(Math.abs(t.expected / t.observed - 1)).toBeLessThan(0.15);
  });

  it('reaches at least 65% of the oracle’s top-1% hits on both worlds (the frailty posterior at work)', () => {
    // The oracle knows each person's hidden Gamma(1) background multiplier and each group's hot
    // periods, which no record states. On the last run: 96 of 138 hits on the world with every
    // departure (70%) and 56 of 79 without contagion (71%); with `frailty: false` 89 (64%) and 42
    // (53%), so this fails if the posterior stops reaching the ranking.
    for (const w of ['all/true', 'heterogeneous/false']) {
      const h = totals.get(`${w}/network hawkes`)!.hits;
      const o = totals.get(`${w}/oracle`)!.hits;
      expect(h).toBeGreaterThanOrEqual(0.65 * o);
    }
  });

  it('comes close to the feasible oracle: what the records can tell', () => {
    // Expected hits (the top-1% lists scored by the true process, free of the horizon's sampling
    // noise) against the feasible oracle's among the living (the records show who was killed;
    // synthCity keeps drawing events for them). TOLERANCES (set from the bench's 10 seeds, see
    // bench/results/oracle-worlds.md): on the heterogeneous worlds the ranker reaches 96–99% of the
    // feasible oracle's expected hits; 0.9 leaves room for this seed while failing if the frailty
    // posterior stops reaching the forecast (without it the ranker lost a fifth to a third of its
    // hits on these worlds: 56 instead of 79, 54 instead of 70 on seed 1). On the world with
    // every departure the feasible oracle also filters the groups' hot periods, which the model
    // has no term for; the bound is lower there.
    const bound = { 'all/true': 0.8, 'heterogeneous/false': 0.9 } as const;
    for (const [w, b] of Object.entries(bound)) {
      const mine = totals.get(`${w}/network hawkes`)!.expectedHits;
      const feasible = totals.get(`${w}/feasible (alive)`)!.expectedHits;
      expect(mine).toBeGreaterThanOrEqual(b * feasible);
    }
  });

  it('the oracle is a ceiling: at least as many hits as the fitted model', () => {
    for (const w of ['all/true', 'heterogeneous/false'])
      expect(totals.get(`${w}/oracle`)!.hits).toBeGreaterThanOrEqual(
        totals.get(`${w}/network hawkes`)!.hits,
      );
  });
});
