import { describe, expect, it } from 'vitest';
import { fitWorld, summarise } from '../../../bench/worlds-harness.js';

/**
 * Issue 10's targets on small misspecified worlds (3 seeds, 3,000 people; the full run with 20
 * seeds of 6,000 people is bench/worlds.ts, figures in bench/results/worlds.md).
 */
describe('network Hawkes fit on worlds it did not generate (default options)', () => {
  it('all four departures together, with contagion: share within 5 pp and delay within 15% (medians)', () => {
    const s = summarise([1, 2, 3].map((seed) => fitWorld('all', seed, { people: 3000 })));
    console.log('world all, contagion', s);
    expect(s.medianAbsShareErrorPp).toBeLessThan(5);
    expect(s.medianAbsDelayErrorPct!).toBeLessThan(15);
  });

  it('gamma(2) delays: the default kernel choice leaves the exponential for the Erlang kernel, and the delay is within 15% (median)', () => {
    // With the exponential kernel the attributed delay ran about 21% long here (bench, 20 seeds);
    // kernel 'auto' rejects the exponential (likelihood ratio ≫ 6.6 at 3,000 people) and fits
    // shape 2, so a regression to the exponential fails the kernel assertion and the 15%.
    const rows = [1, 2, 3].map((seed) => fitWorld('gamma-delay', seed, { people: 3000 }));
    const s = summarise(rows);
    console.log('world gamma-delay, contagion', s);
    for (const r of rows) expect(r.kernel).toMatch(/^erlang/);
    expect(s.medianAbsShareErrorPp).toBeLessThan(5);
    expect(s.medianAbsDelayErrorPct!).toBeLessThan(15);
  });

  it('heterogeneous background, with contagion: share within 5 pp and delay within 15% (medians)', () => {
    const s = summarise([1, 2, 3].map((seed) => fitWorld('heterogeneous', seed, { people: 3000 })));
    console.log('world heterogeneous, contagion', s);
    expect(s.medianAbsShareErrorPp).toBeLessThan(5);
    expect(s.medianAbsDelayErrorPct!).toBeLessThan(15);
  });

  it('no contagion with heterogeneous background or group hot periods: reported share below 5% on every seed', () => {
    for (const world of ['heterogeneous', 'hot-periods'] as const) {
      const rows = [1, 2].map((seed) => fitWorld(world, seed, { people: 3000, contagion: false }));
      console.log(
        `world ${world}, no contagion`,
        rows.map((r) => r.share),
      );
      for (const r of rows) expect(r.share).toBeLessThan(0.05);
    }
  });
});
