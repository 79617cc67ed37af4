import { afterEach, describe, expect, it } from 'vitest';
import { fitNetworkHawkes, type NetworkHawkesModel } from '../../../src/contagion/hawkes/index.js';
import { type HawkesState, risk, setKnockOnOrder } from '../../../src/contagion/hawkes/model.js';
import { dayToIso } from '../../../src/core/time.js';
import { misspecifiedWorld, synthCity } from '../../../src/synth/index.js';

/**
 * risk()'s knock-on steps lay their people out breadth-first over the live ties (for the caches
 * at city scale). The renumbering must change no number: every person's knock-on, and every
 * other part, is the same double as with the data's own numbering, on fitted models that reach
 * each branch of the steps (exponential and Erlang kernels, weighted ties, self-excitation,
 * homicide exits, frailty).
 */
const asOf = '2023-10-01';

/** Every person's risk parts under the given order, on a fresh copy of the state (no cache). */
function parts(model: NetworkHawkesModel, order: 'breadth-first' | 'data', from: string) {
  setKnockOnOrder(order);
  const s: HawkesState = { ...model.state };
  return risk(s, undefined, { from, horizonDays: 90 });
}

function expectSame(model: NetworkHawkesModel, from = asOf) {
  const a = parts(model, 'breadth-first', from);
  const b = parts(model, 'data', from);
  expect(a.length).toBe(b.length);
  let knocked = 0;
  let mismatches = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i].person_id !== b[i].person_id || !Object.is(a[i].expected, b[i].expected)) mismatches++;
    const ka = a[i].contributions.find((c) => c.kind === 'knock-on')?.value ?? 0;
    const kb = b[i].contributions.find((c) => c.kind === 'knock-on')?.value ?? 0;
    if (!Object.is(ka, kb)) mismatches++;
    if (ka > 0) knocked++;
  }
  expect(mismatches).toBe(0);
  // The steps ran for most people (a knock-on that is zero everywhere would test nothing).
  expect(knocked).toBeGreaterThan(a.length / 4);
}

describe('knock-on steps in breadth-first order', () => {
  afterEach(() => setKnockOnOrder('breadth-first'));

  const city = synthCity({
    people: 1500,
    incidentsPerPersonYear: 1.5,
    seed: 7,
    feud: { rivalries: 5 },
  }).data;

  it('give the same numbers as the data order: default fit (frailty, homicide exits)', () => {
    const model = fitNetworkHawkes(city, { asOf, standardErrors: false });
    expect(model.state.alpha).toBeGreaterThan(0);
    expect(model.state.bg.exitOffset.at(-1)).toBeGreaterThan(0);
    expectSame(model);
  });

  it('give the same numbers with weighted ties and self-excitation', () => {
    const model = fitNetworkHawkes(city, {
      asOf,
      standardErrors: false,
      tieWeight: 'log-count',
      selfExcitation: true,
    });
    expect(model.state.alphaSelf).toBeGreaterThan(0);
    expect(model.state.g).not.toBeNull();
    expectSame(model);
    // From an earlier day, some ties are not live yet.
    expectSame(model, '2022-06-01');
  });

  it('give the same numbers with the Erlang kernel', () => {
    const { data } = synthCity(misspecifiedWorld('gamma-delay', { seed: 3, people: 1500 }));
    const model = fitNetworkHawkes(data, {
      kernel: 'erlang',
      recordCovariates: false,
      trend: false,
      frailty: false,
      standardErrors: false,
    });
    expect(model.state.shape).toBeGreaterThan(1);
    expectSame(model, dayToIso(model.state.data.end));
  });
});
