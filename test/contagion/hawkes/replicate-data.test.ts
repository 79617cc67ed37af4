import { describe, expect, it } from 'vitest';
import {
  fitNetworkHawkes,
  simulateNetworkHawkes,
  withSimulatedOutcomes,
} from '../../../src/contagion/hawkes/index.js';
import { chiSquare1Tail } from '../../../src/contagion/hawkes/inference.js';
import {
  indexWithOutcomes,
  indexWithRewiredTies,
} from '../../../src/contagion/hawkes/replicate-data.js';
import { type DatasetIndex, indexDataset, ROLE_CODE } from '../../../src/core/dataset-index.js';
import { createRng } from '../../../src/core/rng.js';
import { toDay } from '../../../src/core/time.js';
import { misspecifiedWorld, synthCity } from '../../../src/synth/index.js';

/** Per person: number of offender places in incidents with ≥ 2 offenders. */
function coOffending(index: DatasetIndex): Map<string, number> {
  const out = new Map<string, number>();
  for (let k = 0; k < index.incidents.length; k++) {
    const offenders: number[] = [];
    for (let e = index.invOffset[k]; e < index.invOffset[k + 1]; e++)
      if (index.invRole[e] === ROLE_CODE.offender) offenders.push(index.invPerson[e]);
    if (offenders.length < 2) continue;
    for (const p of offenders) {
      const id = index.personIds[p];
      out.set(id, (out.get(id) ?? 0) + 1);
    }
  }
  return out;
}

describe('replicate datasets of hawkesInference', () => {
  const { data } = synthCity(misspecifiedWorld('heterogeneous', { seed: 4, people: 1200 }));
  const model = fitNetworkHawkes(data);
  const period = { from: toDay(model.diagnostics.since), days: model.diagnostics.days };

  it('the outcome-replaced index is exactly the re-indexed dataset of withSimulatedOutcomes: the refit is the same fit', () => {
    const sim = simulateNetworkHawkes(model, {
      ...period,
      runs: 1,
      seed: 11,
      keepEvents: true,
      entrants: false,
    });
    const events = sim.simulated![0];
    const fast = indexWithOutcomes(model, events, period);
    const slow = indexDataset(withSimulatedOutcomes(model, events, period));
    expect(Array.from(fast.day)).toEqual(Array.from(slow.day));
    expect(fast.incidents.map((x) => x.incident_id)).toEqual(
      slow.incidents.map((x) => x.incident_id),
    );
    expect(Array.from(fast.personInc)).toEqual(Array.from(slow.personInc));
    expect(fast.data.involvements.length).toBe(slow.data.involvements.length);
    const asOf = model.diagnostics.asOf;
    const a = fitNetworkHawkes(fast, { asOf });
    const b = fitNetworkHawkes(slow, { asOf });
    expect(a.logLikelihood).toBe(b.logLikelihood);
    expect(a.parameters).toEqual(b.parameters);
    // Entry events (first records) are kept and conditioned on; the rest are the simulated ones.
    expect(a.diagnostics.events).toBe(events.length + model.diagnostics.entryEvents);
  });

  it('rewired ties keep every person’s co-offending count, every incident’s size and every event, and change who is tied to whom', () => {
    const base = model.state.data.index;
    const rewired = indexWithRewiredTies(model, createRng(3));
    expect(coOffending(rewired)).toEqual(coOffending(base));
    expect(Array.from(rewired.invOffset)).toEqual(Array.from(base.invOffset));
    expect(Array.from(rewired.invRole)).toEqual(Array.from(base.invRole));
    // Victims (the events) are where they were; only offender places moved.
    let moved = 0;
    let twice = 0;
    for (let k = 0; k < base.incidents.length; k++) {
      const seen = new Set<number>();
      for (let e = base.invOffset[k]; e < base.invOffset[k + 1]; e++) {
        if (base.invRole[e] !== ROLE_CODE.offender)
          expect(rewired.invPerson[e]).toBe(base.invPerson[e]);
        else if (rewired.invPerson[e] !== base.invPerson[e]) moved++;
        if (seen.has(rewired.invPerson[e])) twice++;
        seen.add(rewired.invPerson[e]);
      }
    }
    expect(moved).toBeGreaterThan(100);
    expect(twice).toBe(0);
    const refit = fitNetworkHawkes(rewired, { asOf: model.diagnostics.asOf });
    expect(refit.diagnostics.events).toBe(model.diagnostics.events);
    expect(refit.diagnostics.ties).not.toBe(model.diagnostics.ties);
  });

  it('χ² tail with 1 degree of freedom matches the tables', () => {
    expect(chiSquare1Tail(3.841459)).toBeCloseTo(0.05, 6);
    expect(chiSquare1Tail(6.634897)).toBeCloseTo(0.01, 6);
    expect(chiSquare1Tail(0.4549364)).toBeCloseTo(0.5, 6);
    expect(chiSquare1Tail(0.1)).toBeCloseTo(0.7518296, 6);
    expect(chiSquare1Tail(0)).toBe(1);
    expect(chiSquare1Tail(200)).toBeGreaterThan(0);
  });
});
