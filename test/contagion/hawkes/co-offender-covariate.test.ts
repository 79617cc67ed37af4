import { describe, expect, it } from 'vitest';
import { topoWorld } from '../../../bench/worlds-topology-harness.js';
import { atRiskAt, countsBefore } from '../../../src/contagion/hawkes/background.js';
import { fitNetworkHawkes, simulateNetworkHawkes } from '../../../src/contagion/hawkes/index.js';
import { personBackgroundTotals, personFactor } from '../../../src/contagion/hawkes/model.js';
import type { NetworkHawkesOptions } from '../../../src/contagion/hawkes/types.js';
import { dayToIso } from '../../../src/core/time.js';
import { coOffendingGraph } from '../../../src/graph/co-offending-graph.js';
import { designCompensator, numericBackground, smallCity } from './background-helpers.js';

const { data } = smallCity();
// The co-offender count alone (the years covariate's pieces end on anniversaries, which the
// half-day midpoint rule would not integrate exactly).
const only = (recordCountDays = Number.POSITIVE_INFINITY): NetworkHawkesOptions => ({
  recordCovariates: {
    priorIncidents: false,
    priorViolentOffending: false,
    priorVictimisation: false,
    yearsSinceFirstRecord: false,
    priorCoOffenders: true,
  },
  recordCountDays,
  frailty: false,
  standardErrors: false,
});

/** μ_k(t) without the covariate factor: the trend bin's rate (the season off). */
function backgroundNoCounts(
  st: ReturnType<typeof fitNetworkHawkes>['state'],
  _k: number,
  t: number,
): number {
  let b = 0;
  while (b < st.bg.B - 1 && st.bg.edges[b + 1] <= t) b++;
  return st.rates[b];
}

/** Distinct people who were an offender with p in an incident dated in [from, before), from the rows. */
function bruteCoOffenders(p: string, from: number, before: number): number {
  const day = new Map(data.incidents.map((i) => [i.incident_id, i.day]));
  const mine = new Set(
    data.involvements
      .filter((v) => v.person_id === p && v.role === 'offender')
      .map((v) => v.incident_id)
      .filter((id) => day.get(id)! >= from && day.get(id)! < before),
  );
  const others = new Set(
    data.involvements
      .filter((v) => mine.has(v.incident_id) && v.role === 'offender' && v.person_id !== p)
      .map((v) => v.person_id),
  );
  return others.size;
}

describe('the co-offender covariate (recordCovariates.priorCoOffenders)', () => {
  const model = fitNetworkHawkes(data, only());
  const s = model.state;
  const d = s.data;

  it("counts the person's distinct co-offenders in incidents before t, as coOffendingGraph ties them", () => {
    expect(s.bg.names).toEqual(['prior_co_offenders']);
    let tied = 0;
    for (const t of [d.start + 200, (d.start + d.end) / 2, d.end]) {
      const g = coOffendingGraph(data, { asOf: dayToIso(t) });
      for (let k = 0; k < d.nPeople; k += 7) {
        const id = d.index.personIds[k];
        const c = countsBefore(d, k, t, false, Number.POSITIVE_INFINITY, null, s.bg.co);
        expect(c.co).toBe(g.hasNode(id) ? g.degree(id) : 0);
        expect(c.co).toBe(bruteCoOffenders(id, Number.NEGATIVE_INFINITY, t));
        // With a trailing window of 90 days: the co-offenders of the incidents of the last 90 days.
        const w = countsBefore(d, k, t, false, 90, null, fitCo90.state.bg.co);
        expect(w.co).toBe(bruteCoOffenders(id, t - 90, t));
        if (c.co > 0) tied++;
      }
    }
    expect(tied).toBeGreaterThan(50);
  });

  const fitCo90 = fitNetworkHawkes(data, only(90));

  it('keeps the compensator exact: the design equals the numeric integral of μ_k(t), cumulative and trailing', () => {
    for (const m of [model, fitCo90]) {
      const st = m.state;
      expect(st.theta[0]).not.toBe(0);
      const totals = personBackgroundTotals(st);
      let numeric = 0;
      for (let k = 0; k < d.nPeople; k++) {
        const x = numericBackground(st, k, d.start, d.end);
        expect(Math.abs(totals[k] - x)).toBeLessThanOrEqual(1e-9 * Math.max(x, 1e-6));
        numeric += x;
      }
      expect(Math.abs(designCompensator(st) - numeric) / numeric).toBeLessThan(1e-10);
    }
  });

  it("reads each event's count from the incidents before its day", () => {
    let checked = 0;
    for (let i = d.firstModelled; i < d.evDay.length; i++) {
      const r = s.bg.evRow[i];
      if (r < 0) continue;
      const k = d.evPerson[i];
      const t = d.evDay[i];
      const c = countsBefore(d, k, t, false, Number.POSITIVE_INFINITY, null, s.bg.co);
      expect(Math.exp(s.theta[0] * s.bg.Z[r])).toBeCloseTo(personFactor(s, k, c, t), 12);
      expect(Math.round(Math.expm1(s.bg.Z[r] + s.bg.centre[0]))).toBe(c.co);
      expect(c.co).toBe(bruteCoOffenders(d.index.personIds[k], Number.NEGATIVE_INFINITY, t));
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('simulates the count growing with the records after the start: events match ∫μ over the path', () => {
    // No excitation and a strong co-offender effect, from inside the window: the records after
    // `from` tie people as they did, so each person's rate follows their recorded ties, and a
    // simulated event ties nobody; the events are Poisson with mean Σ_k ∫ μ_k.
    const m = fitNetworkHawkes(data, only());
    const st = m.state;
    st.alpha = 0;
    st.theta[0] = 1.5;
    const from = st.data.start + 200;
    const days = 600;
    const runs = 200;
    const sim = simulateNetworkHawkes(m, { from, days, runs, seed: 5 });
    let expected = 0;
    let held = 0; // with each person's count held at `from`
    for (let k = 0; k < st.data.nPeople; k++) {
      expected += numericBackground(st, k, from, from + days);
      const c = countsBefore(st.data, k, from, false, Number.POSITIVE_INFINITY, null, st.bg.co);
      for (let t = from + 0.25; t < from + days; t += 0.5)
        if (atRiskAt(st.bg, k, t))
          held += 0.5 * backgroundNoCounts(st, k, t) * personFactor(st, k, c, t);
    }
    const se = Math.sqrt(expected / runs);
    expect(Math.abs(sim.events.mean - expected)).toBeLessThan(4 * se);
    expect(Math.abs(held - expected)).toBeGreaterThan(10 * se);
  });
});

/**
 * Worlds whose ties come from incidents of 8–15 co-offenders and whose background risk rises
 * with the number of co-offenders (bench/worlds-topology-harness.ts): the record counts count
 * incidents, not ties, so without the co-offender count the fit read that risk as contagion
 * (45.1% against a true 33.2% on seed 1; 19.4% on a world with no contagion).
 */
describe('the default fit on clique worlds (recovered truth)', () => {
  // The default fit (the co-offender count on by default).
  const on = { standardErrors: false };

  it('finds the true share where the record counts alone read contagion', () => {
    const w = topoWorld({ topology: 'cliques', seed: 1 });
    const m = fitNetworkHawkes(w.data, on);
    expect(m.parameters.covariates.prior_co_offenders).toBeGreaterThan(0.2);
    expect(Math.abs(m.contagionShare - w.trueShare)).toBeLessThan(0.03); // 33.8% against 33.2%
    expect(m.identified).toBe(true);
    // The co-offender check is not run: the fit holds the count.
    expect(m.warnings.some((x) => x.startsWith('Risk rises with the number'))).toBe(false);
  });

  it('finds no contagion where there is none', () => {
    const w = topoWorld({ topology: 'cliques', seed: 1, rho: 0 });
    const m = fitNetworkHawkes(w.data, on);
    expect(m.contagionShare).toBeLessThan(0.05); // 4.6%; 19.4% without the count
    expect(m.identified).toBe(false);
  });
});
