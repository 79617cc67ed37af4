import { describe, expect, it } from 'vitest';
import {
  atRiskAt,
  coOffenderColumns,
  countsBefore,
} from '../../../src/contagion/hawkes/background.js';
import { fitNetworkHawkes, simulateNetworkHawkes } from '../../../src/contagion/hawkes/index.js';
import { personBackgroundTotals, personFactor } from '../../../src/contagion/hawkes/model.js';
import type { NetworkHawkesOptions } from '../../../src/contagion/hawkes/types.js';
import { OptionError } from '../../../src/core/errors.js';
import { misspecifiedWorld, synthCity } from '../../../src/synth/index.js';
import { designCompensator, numericBackground, smallCity } from './background-helpers.js';

const { data } = smallCity();
// No years-since-first-record covariate: its pieces end on anniversaries (not whole days), which
// the half-day midpoint rule would not integrate exactly.
const windowed: NetworkHawkesOptions = {
  recordCountDays: 90,
  recordCovariates: { yearsSinceFirstRecord: false },
  frailty: false,
  standardErrors: false,
};

describe('record counts over a trailing window (recordCountDays)', () => {
  it('refuses a window under 30 days or not a number, naming the option', () => {
    for (const bad of [10, Number.NaN, '365' as unknown as number])
      expect(() => fitNetworkHawkes(data, { recordCountDays: bad })).toThrow(OptionError);
    expect(() => fitNetworkHawkes(data, { recordCountDays: 10 })).toThrow(/recordCountDays/);
  });

  it('Infinity is the default: the same fit as cumulative counts', () => {
    const a = fitNetworkHawkes(data, { frailty: false, standardErrors: false });
    const b = fitNetworkHawkes(data, {
      frailty: false,
      standardErrors: false,
      recordCountDays: Number.POSITIVE_INFINITY,
    });
    expect(b.parameters).toEqual(a.parameters);
    expect(fitNetworkHawkes.defaults.recordCountDays).toBe(Number.POSITIVE_INFINITY);
  });

  const model = fitNetworkHawkes(data, windowed);
  const s = model.state;
  const d = s.data;

  it('keeps the compensator exact: the design equals the numeric integral of μ_k(t), person by person', () => {
    // Records leave the counts inside the window: the counts do fall for some people.
    let falls = 0;
    for (let k = 0; k < d.nPeople; k++) {
      const mid = countsBefore(d, k, (d.start + d.end) / 2, false, 90);
      const all = countsBefore(d, k, (d.start + d.end) / 2);
      if (mid.inc < all.inc) falls++;
    }
    expect(falls).toBeGreaterThan(50);
    const totals = personBackgroundTotals(s);
    let numeric = 0;
    let sum = 0;
    for (let k = 0; k < d.nPeople; k++) {
      const x = numericBackground(s, k, d.start, d.end);
      expect(Math.abs(totals[k] - x)).toBeLessThanOrEqual(1e-9 * Math.max(x, 1e-6));
      numeric += x;
      sum += totals[k];
    }
    const design = designCompensator(s);
    expect(Math.abs(design - numeric) / numeric).toBeLessThan(1e-10);
    expect(Math.abs(sum - numeric) / numeric).toBeLessThan(1e-10);
    // The same integral with cumulative counts (the fitted γ) is not it: the test can fail.
    let cumulative = 0;
    for (let k = 0; k < d.nPeople; k++)
      for (let t = d.start + 0.25; t < d.end; t += 0.5)
        if (atRiskAt(s.bg, k, t))
          cumulative +=
            0.5 *
            s.rates[0] *
            personFactor(
              s,
              k,
              countsBefore(
                d,
                k,
                t,
                false,
                Number.POSITIVE_INFINITY,
                null,
                coOffenderColumns(d, Number.POSITIVE_INFINITY),
              ),
              t,
            );
    expect(Math.abs(cumulative - numeric) / numeric).toBeGreaterThan(0.01);
  });

  it("reads each event's covariates from the records in the window before its day", () => {
    let checked = 0;
    for (let i = d.firstModelled; i < d.evDay.length; i++) {
      const r = s.bg.evRow[i];
      if (r < 0) continue;
      let v = 0;
      for (let f = 0; f < s.bg.d; f++) v += s.theta[f] * s.bg.Z[r * s.bg.d + f];
      const k = d.evPerson[i];
      const t = d.evDay[i];
      const expected = personFactor(s, k, countsBefore(d, k, t, false, 90, null, s.bg.co), t);
      expect(Math.abs(Math.exp(v) - expected)).toBeLessThanOrEqual(1e-12 * expected);
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('simulates records leaving the counts: the share of people with no event is e^(−∫μ)', () => {
    // No excitation, and a strong prior-incidents effect, so the drop of a person's counts as
    // their records age out moves their background a lot. Until a person's first simulated event
    // their counts follow their records alone, so P(no event) = e^(−∫ μ_k) exactly.
    const m = fitNetworkHawkes(data, windowed);
    const st = m.state;
    st.alpha = 0;
    st.theta[0] = 2;
    const from = st.data.end;
    const days = 120;
    const runs = 300;
    const sim = simulateNetworkHawkes(m, { from, days, runs, seed: 4, keepEvents: true });
    let withEvent = 0;
    for (const run of sim.simulated!) withEvent += new Set(run.map((e) => e.person_id)).size;
    withEvent /= runs;
    let expected = 0;
    let variance = 0;
    let held = 0; // the same with each person's counts held at `from` (no records leaving)
    for (let k = 0; k < st.data.nPeople; k++) {
      const p = 1 - Math.exp(-numericBackground(st, k, from, from + days));
      expected += p;
      variance += p * (1 - p);
      const c = countsBefore(st.data, k, from, false, 90, null, st.bg.co);
      let lambda = 0;
      for (let t = from + 0.25; t < from + days; t += 0.5)
        if (atRiskAt(st.bg, k, t))
          lambda += 0.5 * st.rates[st.bg.B - 1] * personFactor(st, k, c, t);
      held += 1 - Math.exp(-lambda);
    }
    const se = Math.sqrt(variance / runs);
    expect(Math.abs(withEvent - expected)).toBeLessThan(4 * se);
    expect(Math.abs(held - expected)).toBeGreaterThan(10 * se);
  });

  it('does not drift on a city of constant individual risk: the background at the cut is the last bin’s mean', () => {
    // Heterogeneous background (constant per person), no contagion: the fitted background summed
    // over the people at risk at the cut, over its mean over the last trend bin (the level the
    // bin's rate is calibrated to). Cumulative counts grow inside the bin, so the forecast from
    // the cut over-predicts by this ratio; trailing counts (without years since first record,
    // which grows too) do not.
    const city = synthCity(
      misspecifiedWorld('heterogeneous', { seed: 2, people: 3000, contagion: false }),
    );
    const drift = (options: NetworkHawkesOptions) => {
      const fit = fitNetworkHawkes(city.data, {
        standardErrors: false,
        frailty: false,
        ...options,
      });
      const f = fit.state;
      const bg = f.bg;
      const B = bg.B;
      let inBin = 0;
      for (let r = 0; r < bg.nRows; r++) {
        let v = 0;
        for (let x = 0; x < bg.d; x++) v += f.theta[x] * bg.Z[r * bg.d + x];
        inBin += Math.exp(v) * bg.A0[r * B + B - 1];
      }
      const cut = f.data.end;
      let atCut = 0;
      for (let k = 0; k < f.data.nPeople; k++)
        if (atRiskAt(bg, k, cut))
          atCut += personFactor(
            f,
            k,
            countsBefore(f.data, k, cut, false, bg.recordDays, bg.group, bg.co),
            cut,
          );
      return atCut / (inBin / (bg.edges[B] - bg.edges[B - 1]));
    };
    const cumulative = drift({});
    const trailing = drift({
      recordCountDays: 730,
      recordCovariates: { yearsSinceFirstRecord: false },
    });
    console.log(
      `background at the cut / last-bin mean: cumulative ${cumulative.toFixed(3)}, trailing 730 days ${trailing.toFixed(3)}`,
    );
    expect(cumulative).toBeGreaterThan(1.02);
    expect(Math.abs(trailing - 1)).toBeLessThan(0.015);
  });
});

describe('recordCountDays with nothing to count', () => {
  it('warns that it has no effect when the record-count covariates are off', () => {
    const off = {
      priorIncidents: false,
      priorViolentOffending: false,
      priorVictimisation: false,
      priorCoOffenders: false,
    };
    const base = { frailty: false, standardErrors: false, maxIterations: 5 };
    const inert = fitNetworkHawkes(data, { ...base, recordCountDays: 90, recordCovariates: off });
    expect(inert.warnings.join(' ')).toMatch(/recordCountDays \(90\) has no effect/);
    // Counting on, or the window unbounded: no such warning.
    for (const o of [{ recordCountDays: 90 }, { recordCovariates: off }])
      expect(fitNetworkHawkes(data, { ...base, ...o }).warnings.join(' ')).not.toMatch(
        /recordCountDays/,
      );
  });
});
