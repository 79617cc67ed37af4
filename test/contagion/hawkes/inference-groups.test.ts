import { describe, expect, it } from 'vitest';
import { boundaryRun } from '../../../src/contagion/hawkes/fit.js';
import { fitNetworkHawkes, hawkesInference } from '../../../src/contagion/hawkes/index.js';
import type { NetworkHawkesModel } from '../../../src/contagion/hawkes/model.js';
import { misspecifiedWorld, synthCity } from '../../../src/synth/index.js';

/** A small city with a people table's groups (hot periods, no contagion: seed 11, 600 people). */
const { data } = synthCity(
  misspecifiedWorld('hot-periods', { seed: 11, people: 600, contagion: false }),
);
const cheap = {
  replicates: 0,
  nullReplicates: 1,
  nullReference: 'parametric' as const,
  placeboReplicates: 0,
  kernelCheck: false,
};
const lrOf = (m: NetworkHawkesModel) => {
  const b = boundaryRun(m);
  return b ? Math.max(0, 2 * (m.logLikelihood - b.logLik)) : 0;
};
const OFF = 'groups has no effect: the group covariate is off (set groupEventDays to turn it on).';

describe("the fit's group options without its group covariate, as hawkesInference reads them", () => {
  it("used by the test's own fits (default testFit): said so, not 'no effect'", () => {
    const inf = hawkesInference(data, { ...cheap, fit: { groups: 'people' } });
    // The test's fits did use the people table's groups: its statistic is that fit's ratio.
    const people = fitNetworkHawkes(data, { groups: 'people', groupEventDays: 90 });
    const louvain = fitNetworkHawkes(data, { groupEventDays: 90 });
    expect(inf.noContagionTest!.statistic).toBeCloseTo(lrOf(people), 6);
    expect(Math.abs(lrOf(people) - lrOf(louvain))).toBeGreaterThan(1e-3);
    expect(inf.warnings).toContain(
      "fit.groups is not used by the fit itself, whose group covariate is off (set fit.groupEventDays to turn it on), but by the no-contagion test's own fits (testFit), which carry it over 90 days.",
    );
    expect(inf.warnings.some((w) => w.includes('no effect'))).toBe(false);
    // The model's own warning is true of the fit, and stays the model's.
    expect(inf.model.warnings).toContain(OFF);
  });

  it('a Louvain option beside the people table’s groups is used by neither', () => {
    const inf = hawkesInference(data, { ...cheap, fit: { groups: 'people', groupSeed: 3 } });
    expect(inf.model.warnings).toContain(
      'groups, groupSeed have no effect: the group covariate is off (set groupEventDays to turn it on).',
    );
    expect(inf.warnings).toContain(
      "fit.groups is not used by the fit itself, whose group covariate is off (set fit.groupEventDays to turn it on), but by the no-contagion test's own fits (testFit), which carry it over 90 days; fit.groupSeed by neither.",
    );
  });

  it('several used: named together', () => {
    const inf = hawkesInference(data, { ...cheap, fit: { groupSeed: 3, groupResolution: 2 } });
    expect(inf.warnings).toContain(
      "fit.groupSeed, fit.groupResolution are not used by the fit itself, whose group covariate is off (set fit.groupEventDays to turn it on), but by the no-contagion test's own fits (testFit), which carry it over 90 days.",
    );
  });

  it("unchanged when the test does not use them: testFit {}, no test, testFit's own groups", () => {
    for (const o of [
      { ...cheap, fit: { groups: 'people' as const }, testFit: {} },
      { ...cheap, fit: { groups: 'people' as const }, nullReplicates: 0 },
      {
        ...cheap,
        fit: { groups: 'people' as const },
        testFit: { groupEventDays: 90, groups: 'louvain' as const },
      },
    ]) {
      const inf = hawkesInference(data, o);
      expect(inf.warnings).toContain(OFF);
      expect(inf.warnings.some((w) => w.includes('testFit'))).toBe(false);
    }
  });
});
