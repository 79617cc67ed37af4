import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes, hawkesInference } from '../../../src/contagion/hawkes/index.js';
import { indexWithRewiredTies } from '../../../src/contagion/hawkes/replicate-data.js';
import { DataRefusedError } from '../../../src/core/errors.js';
import { createRng } from '../../../src/core/rng.js';
import { type IncidentSpec, makeDataset } from '../../helpers.js';

/**
 * One gang of 20 tied through a single co-offending incident, 40 people tied to nobody, and
 * three years of shootings from a network Hawkes process (α 0.04, mean delay 30 days) stepped by
 * day: contagion is there, but no co-offending incident shares a 30-day bin with another, so a
 * rewiring cannot move any tie.
 */
function oneGang(seed: number, extra: IncidentSpec[] = []) {
  let s = seed >>> 0;
  const rnd = () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const gang = Array.from({ length: 20 }, (_, i) => `G${i}`);
  const specs: IncidentSpec[] = [['T', '2018-01-02', 1, gang, []], ...extra];
  for (let i = 0; i < 40; i++) specs.push([`R${i}`, '2018-01-03', 0, [`L${i}`], []]);
  const [mu, alpha, beta] = [0.0008, 0.04, 1 / 30];
  const excitation = new Float64Array(gang.length);
  let n = 0;
  for (let t = 0; t < 1092; t++) {
    const date = new Date(Date.UTC(2018, 0, 5 + t)).toISOString().slice(0, 10);
    const hit: number[] = [];
    for (let i = 0; i < gang.length; i++)
      if (rnd() < 1 - Math.exp(-(mu + excitation[i]))) hit.push(i);
    for (let i = 0; i < 40; i++)
      if (rnd() < 1 - Math.exp(-mu)) specs.push([`E${++n}`, date, 3, [], [`L${i}`]]);
    for (let i = 0; i < gang.length; i++) excitation[i] *= Math.exp(-beta);
    for (const i of hit) {
      specs.push([`E${++n}`, date, 3, [], [gang[i]]]);
      for (let j = 0; j < gang.length; j++) if (j !== i) excitation[j] += alpha * beta;
    }
  }
  return makeDataset(specs);
}

describe('hawkesInference when co-offenders cannot be rewired', () => {
  const data = oneGang(3);
  const fit = { asOf: '2021-01-01' };

  it('the fit finds the contagion; the rewiring is refused, naming why and what to use', () => {
    const model = fitNetworkHawkes(data, fit);
    expect(model.identified).toBe(true);
    expect(model.contagionShare).toBeGreaterThan(0.3);
    expect(() => indexWithRewiredTies(model, createRng(1))).toThrow(DataRefusedError);
    expect(() => indexWithRewiredTies(model, createRng(1))).toThrow(
      /cannot be rewired.*nullReference: 'parametric'/,
    );
  });

  it('reports no rewired test and no placebo, rather than p = 1 and the fit’s own share as an artefact', () => {
    // Before: pValueRewired 1 (every rewired refit was the fit itself), so the default test read
    // p = 1 against a parametric 0.05; and the placebo's five shares were the fit's own 40.1%,
    // read as 'what degree, heterogeneity and timing alone produce'.
    const inf = hawkesInference(data, {
      fit,
      replicates: 0,
      nullReplicates: 4,
      placeboReplicates: 2,
      kernelCheck: false,
      seed: 1,
    });
    expect(inf.noContagionTest).toBeNull();
    expect(inf.placebo).toBeNull();
    expect(inf.warnings.join('\n')).toMatch(/no-contagion test is not reported.*cannot be rewired/);
    expect(inf.warnings.join('\n')).toMatch(
      /placebo is not reported: co-offenders cannot be rewired/,
    );
    expect(inf.warnings.join('\n')).not.toMatch(/still reports a contagion share/);
  });

  it('the parametric reference still tests', () => {
    const inf = hawkesInference(data, {
      fit,
      replicates: 0,
      nullReplicates: 4,
      nullReference: 'parametric',
      placeboReplicates: 0,
      kernelCheck: false,
      seed: 1,
    });
    expect(inf.noContagionTest?.pValueParametric).toBe(0.2);
    expect(inf.noContagionTest?.pValueRewired).toBeNull();
  });
});

describe('a rewiring is refused whenever no swap can move a tie, not only when all offender sets are equal', () => {
  const fit = { asOf: '2021-01-01', standardErrors: false };
  /** The co-offender pairs of every incident, as one sorted list (the network a refit sees). */
  const ties = (ix: ReturnType<typeof indexWithRewiredTies>) => {
    const out: string[] = [];
    for (let k = 0; k + 1 < ix.invOffset.length; k++) {
      const who = Array.from(ix.invPerson.subarray(ix.invOffset[k], ix.invOffset[k + 1])).sort();
      for (let i = 0; i < who.length; i++)
        for (let j = i + 1; j < who.length; j++) out.push(`${who[i]}-${who[j]}`);
    }
    return out.sort().join(' ');
  };

  it('a second incident of the gang with two of its members (a subset): refused', () => {
    // Before: passed the check (its set differs from T's), yet 18 of 20 rewirings were the
    // records' own ties and 2 left a person twice in one incident.
    const model = fitNetworkHawkes(oneGang(3, [['T2', '2018-01-04', 1, ['G0', 'G1'], []]]), fit);
    expect(() => indexWithRewiredTies(model, createRng(1))).toThrow(/cannot be rewired/);
  });

  it('two incidents sharing all but one offender each ({A1, Z1} and {A2, Z1}): refused', () => {
    // Swapping A1 and A2 gives the same ties; no other swap is possible.
    const extra: IncidentSpec[] = [
      ['U1', '2019-06-01', 1, ['A1', 'Z1'], []],
      ['U2', '2019-06-03', 1, ['A2', 'Z1'], []],
    ];
    const model = fitNetworkHawkes(oneGang(3, extra), fit);
    expect(() => indexWithRewiredTies(model, createRng(1))).toThrow(/cannot be rewired/);
  });

  it('an incident with someone from outside the gang can be rewired, and is', () => {
    const model = fitNetworkHawkes(oneGang(3, [['T2', '2018-01-04', 1, ['G0', 'L0'], []]]), fit);
    const own = ties(model.state.data.index);
    let changed = 0;
    for (let s = 1; s <= 10; s++)
      if (ties(indexWithRewiredTies(model, createRng(s))) !== own) changed++;
    expect(changed).toBeGreaterThan(0);
  });
});
