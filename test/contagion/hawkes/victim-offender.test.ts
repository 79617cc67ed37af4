import { describe, expect, it } from 'vitest';
import { world2 } from '../../../bench/worlds-unseen2-harness.js';
import { buildBackground } from '../../../src/contagion/hawkes/background.js';
import {
  buildEngine,
  fromVector,
  logLikelihood,
  logLikGradient,
  toVector,
} from '../../../src/contagion/hawkes/engine.js';
import {
  fitNetworkHawkes,
  simulateNetworkHawkes,
  updateNetworkHawkes,
} from '../../../src/contagion/hawkes/index.js';
import { prepareHawkesData } from '../../../src/contagion/hawkes/prepare.js';
import { OptionError } from '../../../src/core/errors.js';
import { planOutreach, rankForOutreach, traceContacts } from '../../../src/index.js';
import { makeDataset } from '../../helpers.js';

/**
 * Contagion along victim–offender ties (issue #10): the victim's side shoots back at the
 * shooter's side. Without victim–offender ties the fit sees only co-offending ties and read a
 * 1,500-person city's true 28.2% as 8.2%; `victimOffenderTies: 'sides'` (the ties from the people
 * one harmed or was harmed by, and their co-offenders) recovers it, and `'direct'` the part that
 * falls on the offender themselves.
 */
describe('fitNetworkHawkes with victimOffenderTies', () => {
  const w = world2({ seed: 1, people: 1500, alpha: 0.05, channel: 'victim-offender' });
  const sides = fitNetworkHawkes(w.data, { victimOffenderTies: 'sides' });

  it('recovers the share of contagion along victim–offender ties, and says how it splits', () => {
    expect(w.trueShareRecorded).toBeCloseTo(0.282, 3);
    const off = fitNetworkHawkes(w.data);
    expect(off.contagionShare).toBeLessThan(0.1); // 8.2%: the bias the option mends
    expect(off.shares.victimOffender).toBeUndefined();
    expect(sides.identified).toBe(true);
    expect(Math.abs(sides.contagionShare - w.trueShareRecorded)).toBeLessThan(0.02); // 28.8%
    expect(sides.shares.victimOffender).toBeGreaterThan(0.23);
    expect(sides.shares.coOffending).toBeLessThan(0.04);
    expect(sides.contagionShare).toBeCloseTo(
      (sides.shares.coOffending ?? 0) + (sides.shares.victimOffender ?? 0),
      12,
    );
    expect(sides.shares.posterior).toBe(sides.contagionShare);
    // α_vo per tie, two standard errors from 0; the kernel mean near the true 60 days
    const a = sides.parameters.alphaVictimOffender ?? 0;
    expect(a).toBeGreaterThan(0.008);
    expect(a).toBeLessThan(0.015);
    expect(a).toBeGreaterThan(2 * (sides.standardErrors.alphaVictimOffender ?? 1));
    expect(sides.kernel.type).toBe('exponential');
    expect(sides.kernel.meanDays).toBeGreaterThan(50);
    expect(sides.kernel.meanDays).toBeLessThan(100);
    expect(sides.branchingRatio).toBeGreaterThan(0.2);
    expect(sides.branchingRatio).toBeLessThan(0.5);
  });

  it("'direct' finds the part that falls on the offender themselves", () => {
    const off = new Map<string, string>();
    const vic = new Map<string, string>();
    for (const v of w.data.involvements) {
      if (v.role === 'offender') off.set(v.incident_id, v.person_id);
      if (v.role === 'victim') vic.set(v.incident_id, v.person_id);
    }
    const direct =
      w.serious.filter((e) => e.triggered && e.parent && off.get(e.parent) === vic.get(e.id))
        .length / w.recorded;
    expect(direct).toBeCloseTo(0.057, 3);
    const m = fitNetworkHawkes(w.data, { victimOffenderTies: true });
    expect(m.identified).toBe(true);
    expect(Math.abs((m.shares.victimOffender ?? 0) - direct)).toBeLessThan(0.02); // 5.8%
  });

  it('finds nothing where there is no contagion', () => {
    const none = world2({ seed: 1, people: 1500, alpha: 0, channel: 'victim-offender' });
    const m = fitNetworkHawkes(none.data, { victimOffenderTies: 'sides' });
    expect(m.identified).toBe(false);
    expect(m.contagionShare).toBeLessThan(0.05);
  });

  it('has the exact gradient with α_vo', () => {
    const hd = prepareHawkesData(w.data, { victimOffenderTies: 'sides' });
    const bg = buildBackground(hd, {
      recordCovariates: {},
      trend: 'year',
      entry: 'first-record',
      homicideExit: true,
      exits: [{ person_id: hd.index.personIds[3], from: '2019-01-01', to: '2019-06-01' }],
      userX: null,
      userNames: [],
    });
    const eng = buildEngine(hd, bg, {
      maxLag: 730,
      g: null,
      seasonal: false,
      selfExcitation: true,
      victimOffender: true,
      betaMin: 1 / 730,
      betaMax: 1,
    });
    expect(eng.voW.length).toBeGreaterThan(0);
    const v = toVector(eng, {
      hw: null,
      rates: Float64Array.from({ length: bg.B }, (_, b) => 1e-4 * (1 + 0.1 * b)),
      alpha: 0.02,
      alphaSelf: 0.03,
      alphaVo: 0.01,
      beta: 1 / 50,
      b1: 0,
      b2: 0,
      theta: Float64Array.from({ length: bg.d }, (_, r) => 0.1 * (r + 1)),
    });
    const { logLik, grad } = logLikGradient(eng, v);
    expect(logLik).toBeCloseTo(logLikelihood(eng, fromVector(eng, v)), 8);
    for (let r = 0; r < v.length; r++) {
      const h = 1e-6;
      const up = v.slice();
      const dn = v.slice();
      up[r] += h;
      dn[r] -= h;
      const fd =
        (logLikelihood(eng, fromVector(eng, up)) - logLikelihood(eng, fromVector(eng, dn))) /
        (2 * h);
      expect(grad[r]).toBeCloseTo(fd, 2);
    }
  });

  it('carries the harm itself: the incident that forms the tie excites the offender', () => {
    // V harmed by O on day 0 (serious); O harmed on day 30: the tie formed by V's own event.
    const data = makeDataset([
      ['A', '2020-01-01', 1, ['Z'], ['O', 'V', 'X']],
      ['B', '2020-06-01', 3, ['O'], ['V']],
      ['C', '2020-07-01', 3, ['Y'], ['O']],
      ['D', '2021-06-01', 3, ['Y'], ['X']],
    ]);
    const hd = prepareHawkesData(data, { victimOffenderTies: true });
    const bg = buildBackground(hd, {
      recordCovariates: false,
      trend: false,
      entry: 'first-record',
      homicideExit: true,
      exits: [],
      userX: null,
      userNames: [],
    });
    const eng = buildEngine(hd, bg, {
      maxLag: 730,
      g: null,
      seasonal: false,
      selfExcitation: false,
      victimOffender: true,
      betaMin: 1 / 730,
      betaMax: 1,
    });
    const ids = hd.index.personIds;
    const ev = (p: string) => Array.from(hd.evPerson).indexOf(ids.indexOf(p));
    // O's event (C) has V's event (B) as its one candidate parent, 30 days before
    const c = ev('O');
    expect(Array.from(eng.candParent.subarray(eng.candOffset[c], eng.candOffset[c + 1]))).toEqual([
      ev('V'),
    ]);
    expect(eng.candDelta[eng.candOffset[c]]).toBe(30);
  });
});

describe('victimOffenderTies: options and refusals', () => {
  const data = world2({ seed: 2, people: 800, alpha: 0.05, channel: 'victim-offender' }).data;

  it('validates the option with the closest name', () => {
    expect(() => fitNetworkHawkes(data, { victimOffenderTie: true } as never)).toThrow(
      /victimOffenderTies/,
    );
    expect(() => fitNetworkHawkes(data, { victimOffenderTies: 'side' } as never)).toThrow(
      OptionError,
    );
    expect(() => fitNetworkHawkes(data, { victimOffenderTies: true, kernel: 'histogram' })).toThrow(
      /victimOffenderTies needs kernel 'exponential'/,
    );
    expect(() =>
      fitNetworkHawkes(data, { victimOffenderTies: true, start: { alphaVictimOffender: -1 } }),
    ).toThrow(OptionError);
    // a start value for a term that is off is refused, not dropped
    expect(() => fitNetworkHawkes(data, { start: { alphaVictimOffender: 0.1 } })).toThrow(
      /start\.alphaVictimOffender is the excitation along victim–offender ties, which are off/,
    );
  });

  it('says when a start value of 0 held a kind of tie at 0', () => {
    const vo0 = fitNetworkHawkes(data, {
      victimOffenderTies: 'sides',
      start: { alphaVictimOffender: 0 },
      standardErrors: false,
    });
    expect(vo0.parameters.alphaVictimOffender).toBe(0);
    expect(vo0.shares.victimOffender).toBe(0);
    expect(vo0.warnings.join(' ')).toMatch(
      /α_vo was held at 0 by start\.alphaVictimOffender = 0: shares\.victimOffender is 0 by that start value, not a finding/,
    );
    const a0 = fitNetworkHawkes(data, {
      victimOffenderTies: 'sides',
      start: { alpha: 0 },
      standardErrors: false,
    });
    expect(a0.parameters.alpha).toBe(0);
    expect(a0.parameters.alphaVictimOffender).toBeGreaterThan(0);
    expect(a0.warnings.join(' ')).toMatch(
      /α was held at 0 by start\.alpha = 0: shares\.coOffending/,
    );
  });

  it('risk, intensity, lists, traces, plans, updates, simulation and inference carry α_vo', () => {
    const m = fitNetworkHawkes(data, { victimOffenderTies: 'sides', standardErrors: false });
    expect(m.parameters.alphaVictimOffender).toBeGreaterThan(0);
    const asOf = m.diagnostics.asOf;
    const person = m.state.data.index.personIds[0];
    expect(m.risk([person], { from: asOf, horizonDays: 90 })[0].expected).toBeGreaterThan(0);
    expect(m.intensity(person, asOf)).toBeGreaterThan(0);
    expect(rankForOutreach(data, { asOf, model: m }).numRows()).toBeGreaterThan(0);
    expect(planOutreach(data, { asOf, model: m, capacity: 3 }).list.numRows()).toBe(3);
    const serious = data.incidents.find((i) => i.severity === 3 && i.day < m.state.data.end);
    expect(traceContacts(data, serious!.incident_id, { asOf, model: m }).numRows()).toBeGreaterThan(
      0,
    );
    // the live update carries it too (live-victim-offender.test.ts), forming the new ties by the
    // kind the model records
    expect(m.victimOffenderTies).toBe('sides');
    expect(() => updateNetworkHawkes(m, { incidents: [], involvements: [] })).toThrow(
      /no new incidents were given/,
    );
    // simulation carries α_vo (test/contagion/hawkes/simulate-victim-offender.test.ts)
    expect(simulateNetworkHawkes(m, { runs: 2 }).events.mean).toBeGreaterThan(0);
    // inference carries α_vo too (inference-victim-offender.test.ts)
  });
});
