import { describe, expect, it } from 'vitest';
import { backtest } from '../../src/outreach/backtest.js';
import { hawkesRanker } from '../../src/outreach/hawkes-ranker.js';
import { oracleRanker } from '../../src/outreach/oracle-ranker.js';
import { misspecifiedWorld, synthCity, trueExpectedEvents } from '../../src/synth/index.js';

/**
 * The multi-generation oracle and the Hawkes ranker on a world the model did not make
 * (heterogeneous background correlated with degree, late onset, hot periods, gamma delay):
 * expected against observed totals, and top-1% hits against the oracle's.
 */
describe('the Hawkes ranker against a multi-generation oracle on misspecified worlds', () => {
  const rows: string[] = [];
  const totals = new Map<string, { expected: number; observed: number; hits: number }>();
  for (const [world, contagion] of [
    ['all', true],
    ['heterogeneous', false],
  ] as const) {
    const city = synthCity(misspecifiedWorld(world, { seed: 2, people: 6000, contagion }));
    const r = backtest(city.data, {
      cuts: 6,
      horizonDays: 180,
      k: ['1%'],
      rankers: [hawkesRanker(), oracleRanker(trueExpectedEvents(city))],
    });
    for (const s of r.scores.objects() as {
      ranker: string;
      expected: number;
      observed: number;
    }[]) {
      const key = `${world}/${contagion}/${s.ranker}`;
      const t = totals.get(key) ?? { expected: 0, observed: 0, hits: 0 };
      t.expected += s.expected;
      t.observed += s.observed;
      totals.set(key, t);
    }
    for (const t of r.table.objects() as { ranker: string; hits: number }[])
      totals.get(`${world}/${contagion}/${t.ranker}`)!.hits += t.hits;
  }
  for (const [k, t] of totals)
    rows.push(
      `${k}: expected ${t.expected.toFixed(1)}, observed ${t.observed}, hits@1% ${t.hits.toFixed(1)}`,
    );
  console.log(`Hawkes ranker vs multi-generation oracle, 6 cuts × 180 days:\n${rows.join('\n')}`);

  it('expects within ±15% of the events observed, with and without contagion', () => {
    for (const [k, t] of totals)
      if (k.endsWith('network hawkes'))
        expect(Math.abs(t.expected / t.observed - 1)).toBeLessThan(0.15);
  });

  it('reaches at least 65% of the oracle’s top-1% hits on both worlds (the frailty posterior at work)', () => {
    // The oracle knows each person's hidden Gamma(1) background multiplier, which no record
    // reveals; the ranker learns it from the person's own serious events (the empirical-Bayes
    // frailty posterior, on by default). On the last run: 96 of 138 hits on the world with every
    // departure (70%) and 56 of 79 without contagion (71%); with `frailty: false` 89 (64%) and 42
    // (53%), so this fails if the posterior stops reaching the ranking. Figures over 10 seeds:
    // bench/results/oracle-worlds.md.
    for (const w of ['all/true', 'heterogeneous/false']) {
      const h = totals.get(`${w}/network hawkes`)!.hits;
      const o = totals.get(`${w}/oracle`)!.hits;
      expect(h).toBeGreaterThanOrEqual(0.65 * o);
    }
  });

  it('the oracle is a ceiling: at least as many hits as the fitted model', () => {
    for (const w of ['all/true', 'heterogeneous/false'])
      expect(totals.get(`${w}/oracle`)!.hits).toBeGreaterThanOrEqual(
        totals.get(`${w}/network hawkes`)!.hits,
      );
  });
});
