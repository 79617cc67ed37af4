import { describe, expect, it } from 'vitest';
import {
  fitNetworkHawkes,
  simulateNetworkHawkes,
  withSimulatedOutcomes,
} from '../../../src/contagion/hawkes/index.js';
import type { NetworkHawkesModel } from '../../../src/contagion/hawkes/model.js';
import { prepareHawkesData } from '../../../src/contagion/hawkes/prepare.js';
import { toDay } from '../../../src/core/time.js';
import { makeDataset } from '../../helpers.js';

/**
 * Simulation along victim–offender ties (issue #10 follow-up): a simulated event of a person
 * excites each person they harmed or were harmed by (the ties that carry the event's day) with
 * α_vo expected children per tie, as the likelihood defines it, and nobody without such a tie.
 */
describe('simulateNetworkHawkes with victim–offender ties', () => {
  // A and B: one serious incident, B harming A on 2020-01-10 (the tie); C: events, no tie.
  const specs: [string, string, number, string[], string[]][] = [
    ['E', '2019-06-01', 1, [], ['A', 'B', 'C']],
    ['T', '2020-01-10', 3, ['B'], ['A']],
  ];
  for (let i = 0; i < 12; i++) {
    specs.push([
      `A${i}`,
      `2020-${String(2 + (i % 10)).padStart(2, '0')}-0${1 + (i % 9)}`,
      3,
      [],
      ['A'],
    ]);
    specs.push([`C${i}`, `2021-${String(1 + (i % 12)).padStart(2, '0')}-15`, 3, [], ['C']]);
    specs.push([`B${i}`, `2021-${String(1 + (i % 12)).padStart(2, '0')}-20`, 3, [], ['B']]);
  }
  const data = makeDataset(specs);
  const fitted = fitNetworkHawkes(data, {
    victimOffenderTies: true,
    asOf: '2022-01-01',
    recordCovariates: false,
    standardErrors: false,
  });
  const ALPHA_VO = 0.4;
  const BETA = 1 / 30;
  /** The fitted model with α_vo and β set (α and α_self 0): its intensity is known in closed form. */
  const withVo = (alphaVo: number): NetworkHawkesModel =>
    ({
      ...fitted,
      state: { ...fitted.state, alpha: 0, alphaSelf: 0, alphaVo, beta: BETA },
    }) as NetworkHawkesModel;

  it('gives α_vo expected children along the tie, and none to a person without one', () => {
    const m = withVo(ALPHA_VO);
    const from = toDay('2022-01-01');
    const days = 1000;
    const end = from + days;
    const L = m.state.maxLag;
    const sim = simulateNetworkHawkes(m, { from, days, runs: 300, seed: 5, keepEvents: true });
    let observed = 0;
    let expected = 0;
    let parentsA = 0;
    for (const run of sim.simulated) {
      for (const e of run) {
        if (e.parent >= 0) {
          const parent = run[e.parent].person_id;
          // every child lies along the tie: A's on B, B's on A, never on or from C
          expect(`${parent}>${e.person_id}`).toMatch(/^(A>B|B>A)$/);
          observed++;
        }
        expect(e.via).toBe(e.parent === -1 ? 'background' : 'victim-offender');
        if (e.parent === -2) expect(e.person_id).not.toBe('C'); // the records' events excite along the tie too
        // The intensity's mass along the one tie: α_vo ∫₀^min(end−t, L) β e^(−βu) du / (1 − e^(−βL)).
        if (e.person_id !== 'C') {
          const w = Math.min(end - e.time, L);
          expected += (ALPHA_VO * -Math.expm1(-BETA * w)) / -Math.expm1(-BETA * L);
          if (e.person_id === 'A') parentsA++;
        }
      }
    }
    expect(parentsA).toBeGreaterThan(500);
    // Given the parents the children are Poisson: within 4 standard deviations.
    expect(Math.abs(observed - expected)).toBeLessThan(4 * Math.sqrt(expected));
    // and the mean per parent far from the edge is α_vo (0.4, not 0 nor α_vo per pair twice)
    expect(observed / expected).toBeGreaterThan(0.9);
    expect(observed / expected).toBeLessThan(1.1);
  });

  it('gives no children with α_vo = 0, and the same background either way', () => {
    const a = simulateNetworkHawkes(withVo(0), { runs: 50, seed: 5, keepEvents: true });
    expect(a.triggered.mean).toBe(0);
    expect(a.simulated[0][0].via).toBeUndefined(); // no α_vo: events as before, without `via`
    const b = simulateNetworkHawkes(withVo(ALPHA_VO), { runs: 50, seed: 5, keepEvents: true });
    expect(b.triggered.mean).toBeGreaterThan(0);
  });

  it('carries the tie into the refit of simulated records (conditioned on the observed ties)', () => {
    const m = withVo(ALPHA_VO);
    const since = toDay(m.diagnostics.since);
    const sim = simulateNetworkHawkes(m, {
      from: since,
      days: m.diagnostics.days,
      runs: 1,
      seed: 2,
      keepEvents: true,
      entrants: false,
    });
    const replicate = withSimulatedOutcomes(m, sim.simulated[0], sim);
    // The incident that formed the tie was an outcome: it is gone from the replicate's records …
    expect(replicate.incidents.some((i) => i.incident_id === 'T')).toBe(false);
    expect(prepareHawkesData(replicate, { victimOffenderTies: false }).voOut).toBeNull();
    // … yet a fit with victim–offender ties reads the model's tie, with its day
    const hd = prepareHawkesData(replicate, { victimOffenderTies: true, asOf: '2022-01-01' });
    const ids = hd.index.personIds;
    const vo = hd.voOut!;
    const pairs: string[] = [];
    for (let p = 0; p < ids.length; p++)
      for (let e = vo.offset[p]; e < vo.offset[p + 1]; e++)
        pairs.push(`${ids[p]}>${ids[vo.other[e]]}@${vo.start[e]}`);
    expect(pairs.sort()).toEqual([`A>B@${toDay('2020-01-10')}`, `B>A@${toDay('2020-01-10')}`]);
    // 'sides' asks for other ties: derived from the records, not the model's 'direct' ones
    const sides = prepareHawkesData(replicate, { victimOffenderTies: 'sides', asOf: '2022-01-01' });
    expect(sides.voOut!.other.length).toBe(0);
  });
});
