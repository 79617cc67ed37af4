import { describe, expect, it } from 'vitest';
import {
  horizonEvents,
  horizonGradient,
  horizonSystem,
} from '../../src/contagion/hawkes/horizon.js';
import { fitNetworkHawkes } from '../../src/contagion/hawkes/index.js';
import { planOutreach, rankForOutreach, traceContacts } from '../../src/index.js';
import { makeDataset } from '../helpers.js';

/**
 * rankForOutreach, traceContacts and planOutreach with a model fitted with victimOffenderTies: they used to
 * refuse it; they list its scores, and every reason says which kind of tie carried the risk.
 */
const data = makeDataset([
  ['c1', '2020-01-05', 0, ['A', 'B'], []],
  ['v1', '2020-02-01', 3, ['O'], ['V']], // O harms V
  ['c2', '2020-02-10', 0, ['O', 'R'], []],
  ['s2', '2020-03-01', 3, ['X'], ['B']],
  ['s3', '2020-04-01', 3, ['Q'], ['V']],
  ['s4', '2020-05-01', 3, ['Y'], ['O']],
  ['s5', '2020-05-20', 3, ['B'], ['A']],
]);
const asOf = '2020-06-01';
const model = fitNetworkHawkes(data, {
  asOf,
  victimOffenderTies: 'sides',
  start: { mu: 1e-3, alpha: 0.2, alphaVictimOffender: 0.3, beta: 1 / 30 },
  maxIterations: 0,
  refine: false,
  standardErrors: false,
  recordCovariates: false,
  trend: false,
  frailty: false,
  entry: 'window',
  kernel: 'exponential',
});

describe('rankForOutreach with α_vo', () => {
  const list = rankForOutreach(data, { asOf, model, limit: 10 }).objects() as {
    person_id: string;
    score: number;
    reasons: string[];
    explanation: string;
    contributions: {
      kind: string;
      via: string | null;
      incident_id: string | null;
      value: number;
    }[];
  }[];

  it("lists the model's scores, the victim–offender parts among them", () => {
    const risks = new Map(
      model.risk(undefined, { from: asOf, horizonDays: 90 }).map((r) => [r.person_id, r]),
    );
    expect(list.length).toBeGreaterThan(3);
    for (const row of list) {
      expect(row.score).toBe(risks.get(row.person_id)!.expected);
      let sum = 0;
      for (const c of row.contributions) sum += c.value;
      expect(Math.abs(sum - row.score)).toBeLessThan(1e-12);
    }
    const o = list.find((r) => r.person_id === 'O')!;
    expect(
      o.contributions
        .filter((c) => c.kind === 'victim-offender')
        .map((c) => [c.via, c.incident_id])
        .sort(),
    ).toEqual([
      ['V', 's3'],
      ['V', 'v1'],
    ]);
  });

  it('names the victim–offender tie in the reason lines and the sentence', () => {
    const row = (id: string) => list.find((r) => r.person_id === id)!;
    // O harmed V (v1): V's harm 121 days ago (the harm itself) and 61 days ago (s3) reach O.
    expect(row('O').reasons.filter((x) => x.startsWith('victim–offender'))).toEqual([
      'victim–offender tie to V (seriously hurt 61 days ago): 0.037',
      'victim–offender tie to V (seriously hurt 121 days ago): 0.005',
    ]);
    // Y harmed O (s4) 31 days ago: O's harm reaches V, whom O harmed, along their tie.
    expect(row('V').explanation).toMatch(
      /^Recent harm close to them: O, on the other side of a violent incident with them or someone they co-offended with, was seriously hurt 31 days ago, and harm now spreading through the network may reach them;/,
    );
    // With 'sides', V's harm after O and R co-offended (s3) reaches R, beside O's co-offence.
    expect(row('R').reasons).toContain(
      'victim–offender tie to V (seriously hurt 61 days ago): 0.037',
    );
    expect(row('R').reasons).toContain('co-offended with O (seriously hurt 31 days ago): 0.068');
  });
});

describe('traceContacts with α_vo', () => {
  it("gives each contact the model's risk, and the tie that carries it in the reason", () => {
    const t = traceContacts(data, 's4', { model, asOf }).objects() as {
      person_id: string;
      risk: number | null;
      risk_reason: string | null;
    }[];
    const risks = new Map(
      model.risk(undefined, { from: asOf, horizonDays: 90 }).map((r) => [r.person_id, r.expected]),
    );
    // Y, who harmed O in the index incident, is at risk along the tie that harm formed.
    const y = t.find((r) => r.person_id === 'Y')!;
    expect(y.risk).toBe(risks.get('Y'));
    expect(y.risk_reason).toBe('victim–offender tie to O (seriously hurt 31 days ago): 0.101');
    for (const r of t) expect(r.risk).toBe(risks.get(r.person_id));
  });
});

describe('planOutreach with α_vo', () => {
  const from = model.state.data.end;
  const sys = horizonSystem(model.state, from, 90);
  const ids = model.state.data.index.personIds;

  it("the horizon system's expected events equal risk() (every generation) within 1%, person by person", () => {
    const events = horizonEvents(sys, new Float64Array(sys.n).fill(1));
    const risks = model.risk(undefined, { from, horizonDays: 90 });
    for (const r of risks) {
      const k = ids.indexOf(r.person_id);
      expect(Math.abs(events[k] - r.expected)).toBeLessThan(0.01 * r.expected);
    }
  });

  it('what V averts onward runs along victim–offender ties (V has no co-offender), as the derivative of the total', () => {
    const c = new Float64Array(sys.n).fill(1);
    const g = horizonGradient(sys, c);
    const v = ids.indexOf('V');
    expect(g.onward[v]).toBeGreaterThan(0.01);
    const c2 = new Float64Array(c);
    c2[v] = 0.999;
    const total2 = horizonEvents(sys, c2).reduce((a, b) => a + b, 0);
    expect((g.total - total2) / 0.001).toBeCloseTo(g.own[v] + g.onward[v], 4);
  });

  it('plans with the model, counting contagion', () => {
    const plan = planOutreach(data, { asOf, model, capacity: 2, minEvidence: 1 });
    expect(plan.list.numRows()).toBe(2);
    expect(plan.expected.averted).toBeGreaterThan(0);
    expect(plan.warnings.join(' ')).not.toMatch(/found no contagion/);
  });

  it('refits fitted with victimOffenderTies from the model’s parameters (α_vo varied) give each listed person the share of plans that include them', () => {
    // The refits pass the model's parameters as start values, as hawkesInference's bootstrap
    // does: with victimOffenderTies, start.alphaVictimOffender is taken (a start of 0 would hold
    // α_vo at 0, said in the refit's warnings).
    const refits = [0.1, 0.6].map((alphaVictimOffender) =>
      fitNetworkHawkes(data, {
        asOf,
        victimOffenderTies: 'sides',
        start: { ...model.parameters, alphaVictimOffender },
        maxIterations: 0,
        refine: false,
        standardErrors: false,
        recordCovariates: false,
        trend: false,
        frailty: false,
        entry: 'window',
        kernel: 'exponential',
      }),
    );
    expect(refits.map((r) => r.parameters.alphaVictimOffender)).toEqual([0.1, 0.6]);
    const plan = planOutreach(data, { asOf, model, capacity: 2, minEvidence: 1, refits });
    const rows = plan.list.objects() as Record<string, number>[];
    for (const r of rows) {
      expect([0, 0.5, 1]).toContain(r.in_plan_share);
      expect(r.averted_lo).toBeLessThanOrEqual(r.averted_hi);
    }
    // α_vo moves what reaching them averts: the refits' figures differ.
    expect(rows.some((r) => r.averted_hi > r.averted_lo * 1.05)).toBe(true);
  });
});
