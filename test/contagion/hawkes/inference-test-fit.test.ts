import { describe, expect, it } from 'vitest';
import { boundaryRun, fitGroups, refitNetworkHawkes } from '../../../src/contagion/hawkes/fit.js';
import { fitNetworkHawkes, hawkesInference } from '../../../src/contagion/hawkes/index.js';
import type { NetworkHawkesModel } from '../../../src/contagion/hawkes/model.js';
import { indexWithRewiredTies } from '../../../src/contagion/hawkes/replicate-data.js';
import { createRng } from '../../../src/core/rng.js';
import { misspecifiedWorld, synthCity } from '../../../src/synth/index.js';

/**
 * The no-contagion test's own fits (`testFit`, default `{ groupEventDays: 90 }`): on a city with
 * group hot periods and no contagion at all (hot-periods seed 11, 1,500 people), the fit's own
 * likelihood ratio against α = 0 is 3.21 — past the χ̄² 5% point of 2.71, and the test rejected
 * there (p = 0.05 on 19 parametric and 19 rewired refits) — because tied people's harm clusters
 * in the group's hot periods. With the group's recent serious events in the background (the
 * test's null), the ratio is 0.06.
 */
const { data } = synthCity(
  misspecifiedWorld('hot-periods', { seed: 11, people: 1500, contagion: false }),
);
const lrOf = (m: NetworkHawkesModel) => {
  const b = boundaryRun(m);
  return b ? Math.max(0, 2 * (m.logLikelihood - b.logLik)) : 0;
};
const cheap = {
  replicates: 0,
  nullReplicates: 2,
  nullReference: 'parametric' as const,
  placeboReplicates: 0,
  kernelCheck: false,
};
const own = fitNetworkHawkes(data);
const grouped = fitNetworkHawkes(data, { groupEventDays: 90 });

describe('the no-contagion test has a group hot period in its null (testFit)', () => {
  it('by default: the statistic is the ratio of the fit with the group covariate over 90 days', () => {
    const inf = hawkesInference(data, cheap);
    const t = inf.noContagionTest!;
    expect(t.groupEventDays).toBe(90);
    expect(t.statistic).toBeCloseTo(lrOf(grouped), 6);
    expect(t.statistic).toBeLessThan(0.5);
    expect(lrOf(own)).toBeGreaterThan(2.71);
    // The share reported is the fit's own, not the test's model's.
    expect(inf.model.contagionShare).toBe(own.contagionShare);
    expect(inf.warnings.some((w) => w.includes('testFit'))).toBe(false);
  });

  it("testFit: {} tests the fit's own model, as before", () => {
    const t = hawkesInference(data, { ...cheap, testFit: {} }).noContagionTest!;
    expect(t.groupEventDays).toBeNull();
    expect(t.statistic).toBeCloseTo(lrOf(own), 6);
  });

  it('a fit with its own group covariate is tested as it is; testFit over it has its own window', () => {
    const own60 = hawkesInference(data, {
      ...cheap,
      nullReplicates: 1,
      fit: { groupEventDays: 60 },
    });
    expect(own60.noContagionTest!.groupEventDays).toBe(60);
    const t30 = hawkesInference(data, {
      ...cheap,
      nullReplicates: 1,
      fit: { groupEventDays: 60 },
      testFit: { groupEventDays: 30 },
    }).noContagionTest!;
    expect(t30.groupEventDays).toBe(30);
  });

  it("the null worlds are simulated from the test's α = 0 model and refitted with it", () => {
    const one = { ...cheap, nullReplicates: 1 };
    const nullRow = (t: ReturnType<typeof hawkesInference>) =>
      t.replicates.objects().find((r) => (r as { kind: string }).kind === 'null') as {
        events: number;
        lr: number;
      };
    const grouped1 = nullRow(hawkesInference(data, one));
    const plain1 = nullRow(hawkesInference(data, { ...one, testFit: {} }));
    // Other α = 0 models simulate other worlds (same seed), and other models refit them.
    expect(grouped1.events).not.toBe(plain1.events);
    expect(grouped1.lr).not.toBe(plain1.lr);
  });

  it('testFit holding α at 0 is refused, naming testFit', () => {
    expect(() => hawkesInference(data, { ...cheap, testFit: { start: { alpha: 0 } } })).toThrow(
      /testFit start\.alpha = 0 holds α at 0, so the test's fits estimate no α/,
    );
  });

  it('a refused test fit leaves the test on the fit’s model, and says so', () => {
    const inf = hawkesInference(data, {
      ...cheap,
      testFit: { groupEventDays: 90, kernel: 'gamma', victimOffenderTies: 'direct' },
    });
    expect(inf.noContagionTest!.groupEventDays).toBeNull();
    expect(inf.noContagionTest!.statistic).toBeCloseTo(lrOf(own), 6);
    const w = inf.warnings.find((x) => x.startsWith("The no-contagion test's own fit"));
    expect(w).toMatch(
      /was refused, so the test is of the fit's model.*testFit\.victimOffenderTies/,
    );
  });

  it('a misspelt testFit option is named with its path and the closest option', () => {
    expect(() =>
      hawkesInference(data, { ...cheap, testFit: { groupEventDay: 90 } as never }),
    ).toThrow("unknown option 'testFit.groupEventDay'. Did you mean 'testFit.groupEventDays'?");
  });
});

describe('refits hold the groups of the fit they belong to', () => {
  it('a rewired refit keeps the records’ groups instead of finding its own', () => {
    const groups = fitGroups(grouped)!;
    const rewired = indexWithRewiredTies(grouped, createRng(3));
    const found = refitNetworkHawkes(rewired, { groupEventDays: 90 }, {});
    const held = refitNetworkHawkes(rewired, { groupEventDays: 90 }, { groups });
    expect(Array.from(held.state.bg.group!.group)).toEqual(Array.from(groups));
    // Louvain on the rewired ties finds other groups (what the refits used to use).
    let moved = 0;
    for (let p = 0; p < groups.length; p++)
      if (
        found.state.bg.group!.group[p] >= 0 !== groups[p] >= 0 ||
        found.state.bg.group!.group[p] !== groups[p]
      )
        moved++;
    expect(moved).toBeGreaterThan(groups.length / 10);
  });
});

describe('hawkesInferenceParallel with a function in testFit', () => {
  it('runs in the calling thread instead of failing to copy it to a worker', async () => {
    const { hawkesInferenceParallel } = await import(
      '../../../src/node/parallel-hawkes-inference.js'
    );
    const inf = await hawkesInferenceParallel(data, {
      ...cheap,
      nullReplicates: 1,
      threads: 2,
      testFit: { groupEventDays: 90, outcomeFilter: (i) => i.severity >= 3 },
    });
    expect(inf.noContagionTest!.groupEventDays).toBe(90);
  });
});
