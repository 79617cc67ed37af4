import { describe, expect, it } from 'vitest';
import { atRiskAt, countsBefore } from '../../../src/contagion/hawkes/background.js';
import { groupCountAt, louvainGroups } from '../../../src/contagion/hawkes/groups.js';
import { fitNetworkHawkes, simulateNetworkHawkes } from '../../../src/contagion/hawkes/index.js';
import { updateNetworkHawkes } from '../../../src/contagion/hawkes/live.js';
import { personBackgroundTotals, personFactor } from '../../../src/contagion/hawkes/model.js';
import type { NetworkHawkesOptions } from '../../../src/contagion/hawkes/types.js';
import { OptionError } from '../../../src/core/errors.js';
import { dayToIso } from '../../../src/core/time.js';
import { misspecifiedWorld, synthCity } from '../../../src/synth/index.js';
import { designCompensator, numericBackground, smallCity } from './background-helpers.js';

const { data } = smallCity();
// No years-since-first-record covariate: its pieces end on anniversaries (not whole days), which
// the half-day midpoint rule would not integrate exactly.
const grouped: NetworkHawkesOptions = {
  groupEventDays: 60,
  recordCovariates: { yearsSinceFirstRecord: false },
  frailty: false,
  standardErrors: false,
};

describe('the group covariate (groupEventDays)', () => {
  it('refuses a window under a day or not a number, and unknown group sources, naming the option', () => {
    for (const bad of [0, 0.5, Number.NaN, '90' as unknown as number])
      expect(() => fitNetworkHawkes(data, { groupEventDays: bad })).toThrow(OptionError);
    expect(() => fitNetworkHawkes(data, { groupEventDays: 0 })).toThrow(/groupEventDays/);
    expect(() =>
      fitNetworkHawkes(data, { groupEventDays: 90, groups: 'gangs' as 'people' }),
    ).toThrow(/groups/);
    expect(() => fitNetworkHawkes(data, { groupEventDays: 90, groupResolution: 0 })).toThrow(
      /groupResolution/,
    );
  });

  it('is off by default: Infinity gives the same fit as no option', () => {
    const a = fitNetworkHawkes(data, { frailty: false, standardErrors: false });
    const b = fitNetworkHawkes(data, {
      frailty: false,
      standardErrors: false,
      groupEventDays: Number.POSITIVE_INFINITY,
    });
    expect(b.parameters).toEqual(a.parameters);
    expect(a.parameters.covariates).not.toHaveProperty('group_recent_events');
    expect(fitNetworkHawkes.defaults.groupEventDays).toBe(Number.POSITIVE_INFINITY);
  });

  const model = fitNetworkHawkes(data, grouped);
  const s = model.state;
  const d = s.data;
  const G = s.bg.group!;

  it('counts the events of the other members of the group in the trailing window', () => {
    expect(model.parameters.covariates).toHaveProperty('group_recent_events');
    // A direct count, person by person, at a few dates.
    let nonZero = 0;
    for (const t of [d.start + 200, d.start + 500.5, d.end - 30]) {
      for (let k = 0; k < d.nPeople; k++) {
        let c = 0;
        const g = G.group[k];
        if (g >= 0)
          for (let i = 0; i < d.evDay.length; i++) {
            const p = d.evPerson[i];
            if (p !== k && G.group[p] === g && d.evDay[i] < t && d.evDay[i] + 60 >= t) c++;
          }
        expect(groupCountAt(G, k, t)).toBe(c);
        expect(countsBefore(d, k, t, false, Number.POSITIVE_INFINITY, G).grp).toBe(c);
        if (c > 0) nonZero++;
      }
    }
    expect(nonZero).toBeGreaterThan(20);
  });

  it('keeps the compensator exact: the design equals the numeric integral of μ_k(t), person by person', () => {
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
    // The integral with the group count held at 0 is not it: the test can fail.
    const gi = s.bg.names.indexOf('group_recent_events');
    expect(Math.abs(s.theta[gi])).toBeGreaterThan(0.01);
    let flat = 0;
    for (let k = 0; k < d.nPeople; k++)
      for (let t = d.start + 0.25; t < d.end; t += 0.5)
        if (atRiskAt(s.bg, k, t)) {
          const c = countsBefore(d, k, t, false, Number.POSITIVE_INFINITY, null, s.bg.co);
          c.grp = 0;
          flat += 0.5 * s.rates[0] * personFactor(s, k, c, t);
        }
    expect(Math.abs(flat - numeric) / numeric).toBeGreaterThan(0.001);
  });

  it("reads each event's group count from the other members' events before its day", () => {
    let checked = 0;
    let withGroup = 0;
    for (let i = d.firstModelled; i < d.evDay.length; i++) {
      const r = s.bg.evRow[i];
      if (r < 0) continue;
      let v = 0;
      for (let f = 0; f < s.bg.d; f++) v += s.theta[f] * s.bg.Z[r * s.bg.d + f];
      const k = d.evPerson[i];
      const t = d.evDay[i];
      const c = countsBefore(d, k, t, false, Number.POSITIVE_INFINITY, G, s.bg.co);
      const expected = personFactor(s, k, c, t);
      expect(Math.abs(Math.exp(v) - expected)).toBeLessThanOrEqual(1e-12 * expected);
      if (c.grp > 0) withGroup++;
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
    expect(withGroup).toBeGreaterThan(10);
  });

  it('simulates the group count: P(no event in a group) is e^(−Σ ∫μ) with its history leaving the window', () => {
    // No excitation and a strong group effect. Until a group's first simulated event its
    // members' counts follow the history alone (events leaving the 60-day window), so
    // P(no event in group g) = Π_k e^(−∫ μ_k) exactly.
    const m = fitNetworkHawkes(data, grouped);
    const st = m.state;
    st.alpha = 0;
    st.theta[st.bg.names.indexOf('group_recent_events')] = 2;
    const from = st.data.end;
    const days = 120;
    const runs = 300;
    const sim = simulateNetworkHawkes(m, { from, days, runs, seed: 4, keepEvents: true });
    const Gs = st.bg.group!;
    const groupOf = new Map<string, number>();
    for (let k = 0; k < st.data.nPeople; k++) groupOf.set(st.data.index.personIds[k], Gs.group[k]);
    let quiet = 0;
    for (const run of sim.simulated!) {
      const hit = new Set(run.map((e) => groupOf.get(e.person_id)!));
      for (let g = 0; g < Gs.count; g++) if (!hit.has(g)) quiet++;
    }
    quiet /= runs;
    let expected = 0;
    let variance = 0;
    let held = 0; // the same with the counts held at `from` (no history leaving)
    const integral = new Float64Array(Gs.count);
    const integralHeld = new Float64Array(Gs.count);
    for (let k = 0; k < st.data.nPeople; k++) {
      const g = Gs.group[k];
      if (g < 0) continue;
      integral[g] += numericBackground(st, k, from, from + days);
      const c = countsBefore(st.data, k, from, false, Number.POSITIVE_INFINITY, Gs, st.bg.co);
      for (let t = from + 0.25; t < from + days; t += 0.5)
        if (atRiskAt(st.bg, k, t))
          integralHeld[g] += 0.5 * st.rates[st.bg.B - 1] * personFactor(st, k, c, t);
    }
    for (let g = 0; g < Gs.count; g++) {
      const p = Math.exp(-integral[g]);
      expected += p;
      variance += p * (1 - p);
      held += Math.exp(-integralHeld[g]);
    }
    const se = Math.sqrt(variance / runs);
    expect(Math.abs(quiet - expected)).toBeLessThan(4 * se);
    expect(Math.abs(held - expected)).toBeGreaterThan(10 * se);
  });

  it("simulates the feedback: a member's event raises the others' rate (events cluster in groups)", () => {
    // Pairs of events of two members of one group within 60 days of each other, per run. θ = 1
    // (rate ∝ 1 + count: the feedback stays far from explosive on this city).
    const clustered = (theta: number) => {
      const m = fitNetworkHawkes(data, grouped);
      const st = m.state;
      st.alpha = 0;
      st.theta[st.bg.names.indexOf('group_recent_events')] = theta;
      const runs = 40;
      const sim = simulateNetworkHawkes(m, {
        from: st.data.end,
        days: 365,
        runs,
        seed: 9,
        keepEvents: true,
      });
      const Gs = st.bg.group!;
      let pairs = 0;
      for (const run of sim.simulated!) {
        const ev = run.map((e) => ({ k: st.data.index.personIndex.get(e.person_id)!, t: e.time }));
        for (let a = 0; a < ev.length; a++)
          for (let b = a + 1; b < ev.length; b++) {
            const { k: ka, t: ta } = ev[a];
            const { k: kb, t: tb } = ev[b];
            if (
              ka !== kb &&
              Gs.group[ka] >= 0 &&
              Gs.group[ka] === Gs.group[kb] &&
              Math.abs(ta - tb) <= 60
            )
              pairs++;
          }
      }
      return pairs / runs;
    };
    const none = clustered(0);
    const some = clustered(1);
    console.log(
      `same-group pairs within 60 days per run: θ 0 ${none.toFixed(2)}, θ 1 ${some.toFixed(2)}`,
    );
    expect(some).toBeGreaterThan(1.3 * none);
  });

  it('live update: a new event enters the group count of the other members (distance 2)', () => {
    const asOf = d.end;
    // A person in a group of several, and a member not tied to them.
    let victim = -1;
    let member = -1;
    for (let k = 0; k < d.nPeople && member < 0; k++) {
      const g = G.group[k];
      if (g < 0) continue;
      const tied = new Set(d.tieNeighbour.subarray(d.tieOffset[k], d.tieOffset[k + 1]));
      for (let q = 0; q < d.nPeople; q++)
        if (q !== k && G.group[q] === g && !tied.has(q) && atRiskAt(s.bg, q, asOf + 2)) {
          victim = k;
          member = q;
          break;
        }
    }
    expect(member).toBeGreaterThanOrEqual(0);
    const id = d.index.personIds;
    const live = updateNetworkHawkes(model, {
      incidents: [
        { incident_id: 'NEW-1', date: dayToIso(asOf), day: asOf, offence: 'Shooting', severity: 3 },
      ],
      involvements: [{ incident_id: 'NEW-1', person_id: id[victim], role: 'victim' }],
    });
    const rows = live.changes.objects() as { person_id: string; distance: number }[];
    const row = rows.find((r) => r.person_id === id[member])!;
    expect(row.distance).toBe(2);
    const from = asOf + 1;
    const [before] = model.risk([id[member]], { from, horizonDays: 30, generations: 'first' });
    const [after] = live.risk([id[member]], { from, horizonDays: 30, generations: 'first' });
    const bg = (r: typeof before) =>
      r.contributions.find((p) => p.kind === 'background')?.value ?? 0;
    const c = countsBefore(d, member, from, false, Number.POSITIVE_INFINITY, G).grp;
    const theta = s.theta[s.bg.names.indexOf('group_recent_events')];
    expect(bg(after) / bg(before)).toBeCloseTo(
      Math.exp(theta * (Math.log1p(c + 1) - Math.log1p(c))),
      10,
    );
  });
});

describe('the group covariate on group hot periods (synthCity, recovered truth)', () => {
  it('takes up the shared timing: the group coefficient is positive and the contagion share falls', () => {
    // Hot periods (groups' background × 6 for about 60 days), no contagion at all.
    const { data: city } = synthCity(
      misspecifiedWorld('hot-periods', { seed: 14, people: 6000, contagion: false }),
    );
    const off = fitNetworkHawkes(city, { frailty: false });
    const on = fitNetworkHawkes(city, { frailty: false, groupEventDays: 90 });
    const gamma = on.parameters.covariates.group_recent_events;
    const se = on.standardErrors.covariates.group_recent_events!;
    console.log(
      `hot periods seed 14: share ${(100 * off.contagionShare).toFixed(2)}% → ${(100 * on.contagionShare).toFixed(2)}%, group γ ${gamma.toFixed(3)} ± ${se.toFixed(3)}`,
    );
    expect(gamma).toBeGreaterThan(3 * se);
    expect(on.contagionShare).toBeLessThan(off.contagionShare - 0.01);
    // With the true groups (the people table's) the coefficient is larger still.
    const truth = fitNetworkHawkes(city, {
      frailty: false,
      standardErrors: false,
      groupEventDays: 90,
      groups: 'people',
    });
    expect(truth.parameters.covariates.group_recent_events).toBeGreaterThan(gamma);
  });

  it('finds small groups at the default resolution where resolution 1 merges them', () => {
    const { data: city } = synthCity(
      misspecifiedWorld('hot-periods', { seed: 14, people: 6000, contagion: false }),
    );
    const hd = fitNetworkHawkes(city, {
      maxIterations: 0,
      standardErrors: false,
      frailty: false,
    }).state.data;
    const count = (g: Int32Array) => new Set(g.filter((x) => x >= 0)).size;
    const coarse = count(louvainGroups(hd, 1, 1));
    const fine = count(louvainGroups(hd, 1, fitNetworkHawkes.defaults.groupResolution));
    // synthCity: 240 groups (median 11 members) and 30% of people in none.
    expect(coarse).toBeLessThan(100);
    expect(fine).toBeGreaterThan(150);
  });

  it('does not take contagion for shared timing: with contagion the share stays near the truth', () => {
    const { data: city, truth } = synthCity(
      misspecifiedWorld('hot-periods', { seed: 1, people: 6000 }),
    );
    const off = fitNetworkHawkes(city, { standardErrors: false });
    const on = fitNetworkHawkes(city, { standardErrors: false, groupEventDays: 90 });
    const err = (m: typeof on) => Math.abs(m.contagionShare - truth.triggeredShare);
    expect(err(on)).toBeLessThan(err(off) + 0.005);
    expect(err(on)).toBeLessThan(0.03);
    expect(Math.abs(on.delays.mean! - truth.meanDelay!) / truth.meanDelay!).toBeLessThan(0.1);
  });
});

describe('a group coefficient that runs off, and group options that can do nothing', () => {
  it('drops the covariate when the data nearly separate it (the coefficient runs to −∞ on a small city)', () => {
    // 800 people and three rivalries: no event ever follows a group event within 90 days, so the
    // likelihood rises as the coefficient falls without end (−21, standard error ~2,500). It was
    // kept there, with a warning; now it is dropped and the model refitted without it.
    const city = synthCity({ people: 800, seed: 5, feud: { rivalries: 3 } });
    const on = fitNetworkHawkes(city.data, { groupEventDays: 90 });
    expect(on.parameters.covariates.group_recent_events).toBe(0);
    expect(on.diagnostics.droppedCovariates).toEqual(['group_recent_events']);
    expect(on.warnings.join(' ')).toMatch(
      /'group_recent_events' ran off: its standard error reached 2\.\d\de\+3, its coefficient -\d+.*dropped and the model refitted without it/,
    );
    // The same city's default fit has no covariate that runs off.
    expect(fitNetworkHawkes(city.data).warnings.join(' ')).not.toMatch(/ran off/);
  });

  it('says that groups, groupSeed and groupResolution do nothing without groupEventDays', () => {
    const city = synthCity({ people: 800, seed: 5 });
    const base = { frailty: false, standardErrors: false, maxIterations: 5 } as const;
    const w = fitNetworkHawkes(city.data, { ...base, groups: 'people', groupSeed: 2 }).warnings;
    expect(w.join(' ')).toMatch(/groups, groupSeed have no effect: the group covariate is off/);
    expect(fitNetworkHawkes(city.data, base).warnings.join(' ')).not.toMatch(/no effect/);
  });
});
