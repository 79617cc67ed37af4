import { beforeAll, describe, expect, it } from 'vitest';
import {
  horizonEvents,
  horizonGradient,
  horizonSystem,
} from '../../../src/contagion/hawkes/horizon.js';
import {
  fitNetworkHawkes,
  type NetworkHawkesModel,
  simulateNetworkHawkes,
} from '../../../src/contagion/hawkes/index.js';
import { risk } from '../../../src/contagion/hawkes/model.js';
import { InputError } from '../../../src/core/errors.js';
import type { PersonRisk } from '../../../src/core/risk.js';
import { dayToIso } from '../../../src/core/time.js';
import { planOutreach } from '../../../src/outreach/plan-outreach.js';
import { misspecifiedWorld, synthCity } from '../../../src/synth/index.js';

/**
 * The Erlang kernel (a gamma kernel with a whole shape: a chain of exponential stages) through the
 * whole forecasting side: risk()'s knock-on, the horizon system and its adjoint, simulation and
 * the plan. The city has gamma(2) delays (misspecifiedWorld 'gamma-delay'); the model is the plain
 * process (no record covariates, trend or frailty, which simulation does not move the same way),
 * so that simulation and the horizon system describe the same process.
 */
const sum = (a: Float64Array) => a.reduce((s, x) => s + x, 0);

describe('the Erlang kernel in risk, the horizon system and the plan', () => {
  let model: NetworkHawkesModel;
  let data: ReturnType<typeof synthCity>['data'];
  let from: number;
  beforeAll(() => {
    ({ data } = synthCity(misspecifiedWorld('gamma-delay', { seed: 3, people: 2500 })));
    model = fitNetworkHawkes(data, {
      kernel: 'erlang',
      recordCovariates: false,
      trend: false,
      entry: 'window',
      homicideExit: false,
      frailty: false,
      standardErrors: false,
    });
    from = model.state.data.end;
  });

  it('fits a whole shape (2, the truth) on gamma(2) delays', () => {
    expect(model.kernel.type).toBe('erlang');
    expect(model.kernel.shape).toBe(2);
    expect(model.state.shape).toBe(2);
  });

  it('the horizon total matches risk() (every generation) within 1%, and risk()’s chain matches an independent quadrature within 1%', () => {
    const sys = horizonSystem(model.state, from, 90);
    expect(sys.shape).toBe(2);
    const total = sum(horizonEvents(sys, new Float64Array(sys.n).fill(1)));
    const risks = model.risk(undefined, { from, horizonDays: 90 });
    const riskTotal = risks.reduce((a, r) => a + r.expected, 0);
    // Two discretisations (rate held at the step's start vs exact integration over the step).
    expect(Math.abs(total - riskTotal) / riskTotal).toBeLessThan(0.01);
    // A shape a hair from 2 is not whole, so risk() takes the discretised renewal equation
    // (1-day convolution with the kernel's mass) instead of the chain: the knock-on agrees.
    const knock = (rs: PersonRisk[]) =>
      rs.reduce(
        (a, r) =>
          a + r.contributions.filter((c) => c.kind === 'knock-on').reduce((s, c) => s + c.value, 0),
        0,
      );
    const chainKnock = knock(risks);
    const nearly = { ...model.state, shape: 2 + 1e-9 };
    const quadKnock = knock(risk(nearly, undefined, { from, horizonDays: 90 }));
    expect(chainKnock).toBeGreaterThan(0);
    expect(Math.abs(chainKnock - quadKnock) / quadKnock).toBeLessThan(0.01);
  });

  it("a person's own + onward events are the exact derivative of the expected total (finite differences)", () => {
    const sys = horizonSystem(model.state, from, 90);
    const c = new Float64Array(sys.n).fill(1);
    const g = horizonGradient(sys, c);
    const top = [...Array(sys.n).keys()]
      .sort((a, b) => g.own[b] + g.onward[b] - (g.own[a] + g.onward[a]))
      .slice(0, 3);
    expect(g.onward[top[0]]).toBeGreaterThan(0);
    for (const k of top) {
      const c2 = new Float64Array(c);
      c2[k] = 0.999;
      // J is linear in c_k up to paths that return to k: the quotient is exact to ~1e-6.
      expect((g.total - sum(horizonEvents(sys, c2))) / 0.001).toBeCloseTo(
        g.own[k] + g.onward[k],
        4,
      );
    }
  });

  it('simulation (common random numbers) agrees with the horizon system: total events and events averted by reaching 100 people', () => {
    const sys = horizonSystem(model.state, from, 90);
    const ones = new Float64Array(sys.n).fill(1);
    const g = horizonGradient(sys, ones);
    const reachedK = [...Array(sys.n).keys()]
      .sort((a, b) => g.own[b] + g.onward[b] - (g.own[a] + g.onward[a]))
      .slice(0, 100);
    const c = new Float64Array(ones);
    for (const k of reachedK) c[k] = 0.5;
    const expectedTotal = g.total;
    const expectedAverted = g.total - sum(horizonEvents(sys, c));
    const runs = 300;
    const sim = simulateNetworkHawkes(model, {
      from: dayToIso(from),
      days: 90,
      seed: 11,
      runs,
      entrants: false,
      intervention: {
        people: reachedK.map((k) => model.state.data.index.personIds[k]),
        factor: 0.5,
        on: 'intensity',
      },
    });
    const sd = (xs: number[]) => {
      const m = xs.reduce((a, b) => a + b, 0) / xs.length;
      return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
    };
    const seTotal = sd(sim.runs.array('events') as number[]) / Math.sqrt(runs);
    const seAverted = sd(sim.runs.array('averted') as number[]) / Math.sqrt(runs);
    console.log(
      `Erlang(2) horizon, 90 days: expected ${expectedTotal.toFixed(2)} events, simulated ${sim.events.mean.toFixed(2)} ± ${seTotal.toFixed(2)}; averted by halving 100 people's intensity ${expectedAverted.toFixed(3)}, simulated ${sim.averted.mean.toFixed(3)} ± ${seAverted.toFixed(3)}`,
    );
    // 4 standard errors (a false alarm about 1 in 16,000) plus 2% for the horizon's time steps.
    expect(Math.abs(sim.events.mean - expectedTotal)).toBeLessThan(
      4 * seTotal + 0.02 * expectedTotal,
    );
    expect(Math.abs(sim.averted.mean - expectedAverted)).toBeLessThan(
      4 * seAverted + 0.02 * expectedAverted,
    );
  });

  it('plans with the Erlang model, and refuses a non-whole gamma shape in plain words', () => {
    const asOf = dayToIso(from);
    const plan = planOutreach(data, { asOf, model, capacity: 15 });
    expect(plan.list.numRows()).toBe(15);
    expect(plan.expected.averted).toBeGreaterThan(0);
    expect(plan.expected.averted).toBeLessThanOrEqual(plan.expected.without);
    const gammaModel = { ...model, state: { ...model.state, shape: 1.7 } };
    expect(() => planOutreach(data, { asOf, model: gammaModel, capacity: 5 })).toThrow(InputError);
    expect(() => planOutreach(data, { asOf, model: gammaModel, capacity: 5 })).toThrow(/Erlang/);
  });
});
