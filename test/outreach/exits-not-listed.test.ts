import { describe, expect, it } from 'vitest';
import {
  horizonEvents,
  horizonGradient,
  horizonSystem,
} from '../../src/contagion/hawkes/horizon.js';
import { fitNetworkHawkes } from '../../src/contagion/index.js';
import { toDay } from '../../src/core/time.js';
import { ingest } from '../../src/ingest/index.js';
import { planOutreach, rankForOutreach } from '../../src/outreach/index.js';
import { synthCity } from '../../src/synth/index.js';

/**
 * People a model takes out of its risk set (`exits`: custody; the killed) have nothing happen to
 * them in the horizon, so a list ranked by that model does not list them. Before, their
 * background was 0 but every earlier event's excitation fell on them in full: the five people
 * put in custody below were ranked 1 to 5, their reasons ending 'background: 0'.
 */
const city = synthCity({ people: 3000, seed: 4 });
const { data } = ingest(
  {
    incidents: city.data.incidents.map(({ day: _day, ...rest }) => rest),
    involvements: city.data.involvements,
    people: city.data.people,
  },
  { now: '2030-01-01' },
);
const asOf = '2023-06-01';
const plain = rankForOutreach(data, {
  asOf,
  model: fitNetworkHawkes(data, { asOf, standardErrors: false }),
  limit: 20,
}).objects() as { person_id: string; score: number }[];
// The five people the plain model ranks first, in custody from before the list to after it.
const custody = plain.slice(0, 5).map((r) => r.person_id);
const model = fitNetworkHawkes(data, {
  asOf,
  standardErrors: false,
  exits: custody.map((p) => ({ person_id: p, from: '2023-01-01', to: '2025-01-01' })),
});

describe('a model with exits ranks and plans nobody it takes out of the risk set', () => {
  it('people in custody over the whole horizon are not listed; the next people up take their places', () => {
    for (const r of model.risk(custody, { from: asOf, horizonDays: 90 })) {
      expect(r.expected).toBe(0);
      expect(r.contributions.map((c) => c.kind)).toEqual(['background']);
      expect(model.intensity(r.person_id, asOf)).toBe(0);
    }
    const list = rankForOutreach(data, { asOf, model, limit: 20 }).objects() as {
      person_id: string;
    }[];
    const listed = list.map((r) => r.person_id);
    for (const p of custody) expect(listed).not.toContain(p);
    // The next people up take their places (the refit, and the knock-on the five no longer pass
    // on, move the scores a little).
    const next = new Set(plain.slice(5).map((r) => r.person_id));
    expect(listed.slice(0, 10).filter((p) => next.has(p)).length).toBeGreaterThanOrEqual(9);
  });

  it('nor planned: the planner gives them no visit (before: 5 of its 10 visits)', () => {
    const plan = planOutreach(data, { asOf, model, capacity: 10 });
    const planned = (plan.list.objects() as { person_id: string }[]).map((r) => r.person_id);
    expect(planned).toHaveLength(10);
    for (const p of custody) expect(planned).not.toContain(p);
  });

  it("the planner's horizon system agrees with risk() and its adjoint with finite differences, custody for part of the horizon included", () => {
    const from = toDay(asOf);
    // Five more people in custody for days 20-50 of the 90.
    const part = plain.slice(5, 10).map((r) => r.person_id);
    const m2 = fitNetworkHawkes(data, {
      asOf,
      standardErrors: false,
      exits: [
        ...custody.map((p) => ({ person_id: p, from: '2023-01-01', to: '2025-01-01' })),
        ...part.map((p) => ({ person_id: p, from: '2023-06-21', to: '2023-07-21' })),
      ],
    });
    const sys = horizonSystem(m2.state, from, 90);
    const c = new Float64Array(sys.n).fill(1);
    const g = horizonGradient(sys, c);
    const risk = m2.risk(undefined, { from: asOf, horizonDays: 90 });
    const byId = new Map(risk.map((r) => [r.person_id, r.expected]));
    const ids = m2.state.data.index.personIds;
    const total = risk.reduce((a, r) => a + r.expected, 0);
    expect(Math.abs(g.total - total) / total).toBeLessThan(0.01);
    for (const p of custody) expect(g.events[m2.state.data.index.personIndex.get(p)!]).toBe(0);
    // Those in custody for part of it: their events agree with risk() within 2%.
    for (const p of part) {
      const k = m2.state.data.index.personIndex.get(p)!;
      expect(Math.abs(g.events[k] - byId.get(ids[k])!)).toBeLessThan(0.02 * byId.get(ids[k])!);
      // d J / d c_k by finite differences equals own + onward from the adjoint.
      const c2 = new Float64Array(c);
      c2[k] = 0.999;
      const total2 = horizonEvents(sys, c2).reduce((a, b) => a + b, 0);
      expect((g.total - total2) / 0.001).toBeCloseTo(g.own[k] + g.onward[k], 4);
    }
  });
});
