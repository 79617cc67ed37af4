import { describe, expect, it } from 'vitest';
import { buildBackground } from '../../../src/contagion/hawkes/background.js';
import {
  buildEngine,
  fromVector,
  logLikelihood,
  logLikGradient,
  toVector,
} from '../../../src/contagion/hawkes/engine.js';
import { fitNetworkHawkes, simulateNetworkHawkes } from '../../../src/contagion/hawkes/index.js';
import { histogramEdges } from '../../../src/contagion/hawkes/kernel.js';
import { prepareHawkesData } from '../../../src/contagion/hawkes/prepare.js';
import { toDay } from '../../../src/core/time.js';
import { misspecifiedWorld, synthCity } from '../../../src/synth/index.js';
import { generateNetworkHawkesCity } from './generate.js';

/** The histogram kernel: delays bin by bin, no shape assumed. */
describe("fitNetworkHawkes with kernel: 'histogram'", () => {
  const { data, truth } = generateNetworkHawkesCity({
    people: 3000,
    years: 5,
    seed: 4,
    mu: 2e-4,
    alpha: 0.12,
    beta: 1 / 40,
  });
  const model = fitNetworkHawkes(data, { kernel: 'histogram' });
  const from = toDay(model.diagnostics.asOf);

  it('recovers the share and, bin by bin, the exponential delays the city was made with', () => {
    expect(Math.abs(model.contagionShare - truth.triggeredShare)).toBeLessThan(0.03);
    expect(model.kernel.type).toBe('histogram');
    const w = model.kernel.bins.map((b) => b.weight);
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    // Bins up to 180 days hold 96% of the true kernel: each within 6 points of its true mass.
    for (const b of model.kernel.bins.filter((x) => x.to <= 180))
      expect(Math.abs(b.weight - (Math.exp(-b.from / 40) - Math.exp(-b.to / 40)))).toBeLessThan(
        0.06,
      );
    console.log(
      `histogram kernel (true exponential, mean 40 d): ${model.kernel.bins.map((b) => `${b.from}–${b.to}: ${b.weight.toFixed(3)}`).join(', ')}; kernel mean ${model.kernel.meanDays.toFixed(1)} d, posterior delay mean ${model.delays.mean.toFixed(1)} d`,
    );
  });

  it('has risk equal to the integral of the intensity (first generation) and to simulation (all)', () => {
    const risks = model.risk(undefined, { from, horizonDays: 180 });
    const top = [...risks].sort((a, b) => b.expected - a.expected)[0];
    const first = model.risk([top.person_id], { from, horizonDays: 90, generations: 'first' })[0];
    const n = 3000;
    const h = 90 / n;
    let s = model.intensity(top.person_id, from) + model.intensity(top.person_id, from + 90 - 1e-9);
    for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * model.intensity(top.person_id, from + i * h);
    expect((s * h) / 3).toBeCloseTo(first.expected, 3);
    const all = risks.reduce((a, r) => a + r.expected, 0);
    const sim = simulateNetworkHawkes(model, { days: 180, runs: 200, entrants: false });
    expect(Math.abs(sim.events.mean / all - 1)).toBeLessThan(0.05);
  });

  it('has an analytic gradient in α that matches finite differences', () => {
    const hd = prepareHawkesData(data);
    const bg = buildBackground(hd, {
      recordCovariates: {},
      trend: 'year',
      entry: 'first-record',
      homicideExit: true,
      exits: undefined,
      userX: null,
      userNames: [],
    });
    const eng = buildEngine(hd, bg, {
      maxLag: 730,
      g: null,
      seasonal: false,
      selfExcitation: false,
      betaMin: 1 / 730,
      betaMax: 1,
      histEdges: histogramEdges([0, 7, 30, 90, 365], 730),
    });
    const hw = Float64Array.of(0.2, 0.3, 0.3, 0.15, 0.05);
    const v = toVector(eng, {
      hw,
      rates: Float64Array.from({ length: bg.B }, () => 2e-4),
      alpha: 0.1,
      alphaSelf: 0,
      alphaVo: 0,
      beta: 1 / 40,
      b1: 0,
      b2: 0,
      theta: new Float64Array(bg.d),
    });
    const { grad } = logLikGradient(eng, v, hw);
    for (let r = 0; r < v.length; r++) {
      if (r === eng.bg.B + 1) continue; // β is not a parameter of the histogram kernel
      const up = v.slice();
      const dn = v.slice();
      up[r] += 1e-6;
      dn[r] -= 1e-6;
      const fd =
        (logLikelihood(eng, fromVector(eng, up, hw)) -
          logLikelihood(eng, fromVector(eng, dn, hw))) /
        2e-6;
      expect(grad[r]).toBeCloseTo(fd, 3);
    }
  });
});

describe("fitNetworkHawkes with kernel: 'gamma'", () => {
  it('finds the delay of a world with gamma delays (shape 2) that the exponential kernel overstates', () => {
    const { data, truth } = synthCity(misspecifiedWorld('gamma-delay', { seed: 1 }));
    const m = fitNetworkHawkes(data, { kernel: 'gamma' });
    // The exponential kernel itself: the default, kernel: 'auto', keeps an Erlang kernel here.
    const expo = fitNetworkHawkes(data, { kernel: 'exponential' });
    const err = (x: number) => Math.abs(x / truth.meanDelay! - 1);
    console.log(
      `gamma-delay world (true shape 2, realised mean delay ${truth.meanDelay!.toFixed(1)} d): gamma kernel shape ${m.kernel.shape.toFixed(2)}, delay ${m.delays.mean.toFixed(1)} d, share ${m.contagionShare.toFixed(3)}; exponential kernel delay ${expo.delays.mean.toFixed(1)} d, share ${expo.contagionShare.toFixed(3)}; true share ${truth.triggeredShare.toFixed(3)}`,
    );
    expect(m.kernel.type).toBe('gamma');
    expect(m.kernel.shape).toBeGreaterThan(1.5);
    expect(m.kernel.shape).toBeLessThan(3);
    expect(err(m.delays.mean)).toBeLessThan(0.15);
    expect(err(m.delays.mean)).toBeLessThan(err(expo.delays.mean));
    expect(Math.abs(m.contagionShare - truth.triggeredShare)).toBeLessThan(0.05);
    // Risk with knock-on (discretised convolution) agrees with simulation under the same kernel.
    const from = toDay(m.diagnostics.asOf);
    const all = m.risk(undefined, { from, horizonDays: 120 }).reduce((a, r) => a + r.expected, 0);
    const sim = simulateNetworkHawkes(m, { days: 120, runs: 100, entrants: false });
    expect(Math.abs(sim.events.mean / all - 1)).toBeLessThan(0.05);
  });

  it('finds shape near 1 on a city with exponential delays', () => {
    const { data } = generateNetworkHawkesCity({
      people: 3000,
      years: 5,
      seed: 4,
      mu: 2e-4,
      alpha: 0.12,
      beta: 1 / 40,
    });
    const m = fitNetworkHawkes(data, { kernel: 'gamma', standardErrors: false });
    expect(m.kernel.shape).toBeGreaterThan(0.7);
    expect(m.kernel.shape).toBeLessThan(1.4);
    expect(Math.abs(m.kernel.meanDays / 40 - 1)).toBeLessThan(0.2);
  });
});
