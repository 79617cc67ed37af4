import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../../src/contagion/hawkes/fit.js';
import { updateNetworkHawkes } from '../../../src/contagion/hawkes/live.js';
import { toDay } from '../../../src/core/time.js';
import { rankForOutreach } from '../../../src/outreach/rank-for-outreach.js';
import { makeDataset } from '../../helpers.js';

/**
 * A small city with two homicides: HK, whose only victim K was killed, and HS, a homicide with two
 * victims V1 and V2 (the records hold one severity per incident: who died is not recorded).
 */
function city() {
  return makeDataset([
    ['I1', '2023-01-10', 1, ['K', 'A'], []],
    ['I2', '2023-01-20', 1, ['V1', 'B'], []],
    ['I3', '2023-02-01', 1, ['V2', 'C'], []],
    ['S1', '2023-02-15', 3, ['D'], ['A']],
    ['S2', '2023-03-01', 3, ['E'], ['B']],
    ['S3', '2023-03-20', 3, ['F'], ['C']],
    ['HK', '2023-04-01', 4, ['Z'], ['K']],
    ['HS', '2023-05-01', 4, ['Y'], ['V1', 'V2']],
    ['S4', '2023-06-01', 3, ['G'], ['A']],
  ]);
}

const FIT = {
  asOf: '2023-07-01',
  start: { mu: 1e-3, alpha: 0.1, beta: 0.02 },
  maxIterations: 0,
  refine: false,
  standardErrors: false,
  recordCovariates: false,
  trend: false,
  frailty: false,
} as const;

const background = (model: ReturnType<typeof fitNetworkHawkes>, id: string) =>
  model
    .risk([id], { from: '2023-07-01', horizonDays: 90 })[0]
    .contributions.find((c) => c.kind === 'background')!.value;

describe('homicideExit: only the only victim of a homicide leaves the at-risk set', () => {
  it('keeps the victims of a homicide with several victims at risk, as the outreach lists do', () => {
    const data = city();
    const model = fitNetworkHawkes(data, FIT);
    // K, the only victim of HK, is dead: no background.
    expect(background(model, 'K')).toBe(0);
    // V1 and V2 may have survived HS: they stay at risk (both were left at 0).
    expect(background(model, 'V1')).toBeGreaterThan(0);
    expect(background(model, 'V2')).toBeGreaterThan(0);
    expect(background(model, 'V1')).toBeCloseTo(background(model, 'A'), 12);
    // The list built on the model gives them the risk it lists them with.
    const list = rankForOutreach(data, { asOf: '2023-07-01', model, minEvidence: 1 });
    const score = new Map(
      (list.objects() as { person_id: string; score: number }[]).map((r) => [r.person_id, r.score]),
    );
    expect(score.get('V1')).toBeGreaterThan(0);
    expect(score.has('K')).toBe(false);
    // Without the exit, everyone is at risk alike.
    const open = fitNetworkHawkes(data, { ...FIT, homicideExit: false });
    expect(background(open, 'K')).toBeGreaterThan(0);
    expect(background(open, 'V1')).toBeCloseTo(background(model, 'V1'), 12);
  });

  it('keeps at risk the only victim of a homicide who has records dated after it, as the lists do', () => {
    // L is the only victim of HL, and an offender on a later date (a reused id or a data error):
    // the lists keep L, with a warning; the fit took L out of the at-risk set (background 0).
    const data = city();
    data.incidents.push(
      { incident_id: 'HL', date: '2023-04-15', day: toDay('2023-04-15'), offence: '', severity: 4 },
      { incident_id: 'LL', date: '2023-05-20', day: toDay('2023-05-20'), offence: '', severity: 1 },
    );
    data.involvements.push(
      { incident_id: 'HL', person_id: 'Z', role: 'offender' },
      { incident_id: 'HL', person_id: 'L', role: 'victim' },
      { incident_id: 'LL', person_id: 'L', role: 'offender' },
      { incident_id: 'LL', person_id: 'A', role: 'offender' },
    );
    const model = fitNetworkHawkes(data, FIT);
    expect(background(model, 'L')).toBeGreaterThan(0);
    expect(background(model, 'K')).toBe(0);
    const list = rankForOutreach(data, { asOf: '2023-07-01', model, minEvidence: 1 });
    expect(list.array('person_id')).toContain('L');
  });

  it('updateNetworkHawkes reads new homicides by the same rule', () => {
    const model = fitNetworkHawkes(city(), FIT);
    const live = updateNetworkHawkes(model, {
      incidents: [
        {
          incident_id: 'N1',
          date: '2023-07-02',
          day: toDay('2023-07-02'),
          offence: '',
          severity: 4,
        },
        {
          incident_id: 'N2',
          date: '2023-07-03',
          day: toDay('2023-07-03'),
          offence: '',
          severity: 4,
        },
      ],
      involvements: [
        { incident_id: 'N1', person_id: 'Y', role: 'offender' },
        { incident_id: 'N1', person_id: 'A', role: 'victim' },
        { incident_id: 'N1', person_id: 'B', role: 'victim' },
        { incident_id: 'N2', person_id: 'Z', role: 'offender' },
        { incident_id: 'N2', person_id: 'C', role: 'victim' },
      ],
    });
    const bg = (id: string) =>
      live
        .risk([id], { from: '2023-07-10', horizonDays: 90 })[0]
        .contributions.find((c) => c.kind === 'background')!.value;
    expect(bg('C')).toBe(0); // the only victim of N2
    expect(bg('A')).toBeGreaterThan(0); // one of N1's two victims
    expect(bg('B')).toBeGreaterThan(0);
  });

  it('updateNetworkHawkes keeps at risk the only victim of a new homicide with a later record, as the fit', () => {
    // C, the only victim of N2, is an offender two days later (a reused id or a data error): the
    // fit on the same records keeps C at risk (a907636); the update took C out (background 0).
    const inc = (incident_id: string, date: string, severity: 1 | 4) => ({
      incident_id,
      date,
      day: toDay(date),
      offence: '',
      severity,
    });
    const involvements = [
      { incident_id: 'N2', person_id: 'Z', role: 'offender' as const },
      { incident_id: 'N2', person_id: 'C', role: 'victim' as const },
      { incident_id: 'N3', person_id: 'C', role: 'offender' as const },
      { incident_id: 'N3', person_id: 'A', role: 'offender' as const },
    ];
    const incidents = [inc('N2', '2023-07-03', 4), inc('N3', '2023-07-05', 1)];
    const live = updateNetworkHawkes(fitNetworkHawkes(city(), FIT), { incidents, involvements });
    const data = city();
    data.incidents.push(...incidents);
    data.involvements.push(...involvements);
    const refit = fitNetworkHawkes(data, { ...FIT, asOf: '2023-07-10' });
    const bg = (model: Pick<typeof refit, 'risk'>) =>
      model
        .risk(['C'], { from: '2023-07-10', horizonDays: 90 })[0]
        .contributions.find((c) => c.kind === 'background')!.value;
    expect(bg(refit)).toBeGreaterThan(0);
    expect(bg(live)).toBeCloseTo(bg(refit), 12);
  });

  /** A new record of K (killed in HK, 2023-04-01) on 2023-07-05, with A. */
  const laterRecordOfK = () => ({
    incidents: [
      {
        incident_id: 'N3',
        date: '2023-07-05',
        day: toDay('2023-07-05'),
        offence: '',
        severity: 1 as const,
      },
    ],
    involvements: [
      { incident_id: 'N3', person_id: 'K', role: 'offender' as const },
      { incident_id: 'N3', person_id: 'A', role: 'offender' as const },
    ],
  });

  it('updateNetworkHawkes keeps at risk the only victim of a homicide in the fit whose later record is new', () => {
    // K, the only victim of HK (2023-04-01), is out of the fit's at-risk set; a new record of K
    // on 2023-07-05 (a reused id or a data error) puts K back in a refit on the same records,
    // by the rule of 7ebefcb, but the update kept K out (background 0 against the refit's 0.09).
    const { incidents, involvements } = laterRecordOfK();
    const live = updateNetworkHawkes(fitNetworkHawkes(city(), FIT), { incidents, involvements });
    const data = city();
    data.incidents.push(...incidents);
    data.involvements.push(...involvements);
    const refit = fitNetworkHawkes(data, { ...FIT, asOf: '2023-07-10' });
    const bg = (model: Pick<typeof live, 'risk'>) =>
      model
        .risk(['K'], { from: '2023-07-10', horizonDays: 90 })[0]
        .contributions.find((c) => c.kind === 'background')!.value;
    expect(bg(refit)).toBeGreaterThan(0);
    expect(bg(live)).toBeCloseTo(bg(refit), 12);
    // And the rest of K's risk (the excitation of earlier events), which the base model, having K
    // dead, gives as 0: the update reads it as the refit does.
    const first = (model: Pick<typeof live, 'risk'>) =>
      model.risk(['K'], { from: '2023-07-10', horizonDays: 90, generations: 'first' })[0];
    expect(first(refit).contributions.length).toBeGreaterThan(1);
    expect(first(live).expected).toBeCloseTo(first(refit).expected, 12);
    const k = (live.changes.objects() as { person_id: string; intensity_after: number }[]).find(
      (r) => r.person_id === 'K',
    )!;
    expect(k.intensity_after).toBeCloseTo(refit.intensity('K', '2023-07-06'), 15);
    expect(live.warnings[0]).toBe(
      "1 person recorded killed (the only victim of a homicide) in the model's records is in the new records, dated after it (a reused id or a data error): kept at risk, as a refit would (in changes, at distance 0).",
    );
    // K's associates: K, back at risk, passes knock-on to them as in the refit (A read 0.101,
    // the base model's knock-on with K dead, against the refit's 0.109).
    const all = (model: Pick<typeof live, 'risk'>, id: string) =>
      model.risk([id], { from: '2023-07-10', horizonDays: 90, generations: 'all' })[0].expected;
    expect(all(live, 'A')).toBeCloseTo(all(refit, 'A'), 12);
    expect(all(live, 'K')).toBeCloseTo(all(refit, 'K'), 12);
    // New records without K: K stays out, as in the fit.
    const sameDay = updateNetworkHawkes(fitNetworkHawkes(city(), FIT), {
      incidents: [{ ...incidents[0], incident_id: 'N4' }],
      involvements: [{ incident_id: 'N4', person_id: 'A', role: 'offender' as const }],
    });
    expect(bg(sameDay)).toBe(0);
  });

  it("updateNetworkHawkes brings the killed back only as far as the user's exits allow, as a refit", () => {
    // K is also in the user's exits: open-ended from 2023-03-01 (in custody), or 2023-03-01 to
    // 2023-05-01, both merged in the fit with HK's exit from 2023-04-01. Dropping HK's exit must
    // keep the user's: the update had K back at risk from 2023-04-01 (background 0.09, a refit 0).
    const { incidents, involvements } = laterRecordOfK();
    const bg = (model: Pick<ReturnType<typeof fitNetworkHawkes>, 'risk'>, from: string) =>
      model
        .risk(['K'], { from, horizonDays: 90 })[0]
        .contributions.find((c) => c.kind === 'background')!.value;
    const backgrounds: number[] = [];
    for (const exits of [
      [{ person_id: 'K', from: '2023-03-01' }],
      [{ person_id: 'K', from: '2023-03-01', to: '2023-05-01' }],
      [
        { person_id: 'K', from: '2023-02-01', to: '2023-02-10' },
        { person_id: 'K', from: '2023-08-01' },
      ],
    ]) {
      const live = updateNetworkHawkes(fitNetworkHawkes(city(), { ...FIT, exits }), {
        incidents,
        involvements,
      });
      const data = city();
      data.incidents.push(...incidents);
      data.involvements.push(...involvements);
      const refit = fitNetworkHawkes(data, { ...FIT, exits, asOf: '2023-07-10' });
      expect(bg(live, '2023-07-10')).toBeCloseTo(bg(refit, '2023-07-10'), 12);
      expect(live.warnings).toContain(
        "1 person recorded killed (the only victim of a homicide) in the model's records is in the new records, dated after it (a reused id or a data error): kept at risk outside the exits given for them, as a refit would (in changes, at distance 0).",
      );
      backgrounds.push(bg(refit, '2023-07-10'));
    }
    // Out for good; back at risk from 2023-05-01; at risk until 2023-08-01 (22 of the 90 days).
    expect(backgrounds[0]).toBe(0);
    expect(backgrounds[1]).toBeGreaterThan(0);
    expect(backgrounds[2]).toBeGreaterThan(0);
    expect(backgrounds[2]).toBeLessThan(backgrounds[1] / 2);
  });
});
