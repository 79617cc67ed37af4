import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../src/contagion/hawkes/fit.js';
import { updateNetworkHawkes } from '../../src/contagion/hawkes/live.js';
import { toDay } from '../../src/core/time.js';
import type { Dataset } from '../../src/core/types.js';
import { listMetadata } from '../../src/outreach/purpose.js';
import { rankForOutreach } from '../../src/outreach/rank-for-outreach.js';
import { synthCity } from '../../src/synth/index.js';

/**
 * People a model holds out of its risk set (exits: custody) have no score, and the summary
 * counted them among 'too little evidence or no score' without a word that they were in custody.
 */
describe('rankForOutreach: the summary says how many had no score for being out of the risk set', () => {
  it('counts the people in custody over the whole horizon, without naming them', () => {
    const { data } = synthCity({ people: 800, seed: 3, years: 4, feud: {} });
    const asOf = '2023-01-01';
    const plain = rankForOutreach(data, {
      asOf,
      limit: 10,
      model: fitNetworkHawkes(data, { asOf, standardErrors: false }),
    });
    const top = (plain.objects() as { person_id: string }[]).slice(0, 3).map((r) => r.person_id);
    const exits = [
      ...top.slice(0, 2).map((person_id) => ({ person_id, from: '2022-10-01' })),
      // Custody to 2023-02-01 only: part of the horizon, still scored.
      { person_id: top[2], from: '2022-10-01', to: '2023-02-01' },
    ];
    const model = fitNetworkHawkes(data, { asOf, exits, standardErrors: false });
    const list = rankForOutreach(data, { asOf, limit: 10, model });
    const summary = listMetadata(list)!.summary;
    // Before: '… not listed: too little evidence or no score.' and no word of custody.
    expect(summary).toMatch(
      /not listed: too little evidence or no score \(2 of them were out of the model's risk set over the whole horizon: in custody, moved away or killed, as its exits say\)\./,
    );
    for (const p of top) expect(summary).not.toContain(p);
    expect(listMetadata(plain)!.summary).not.toMatch(/risk set/);
  });

  it("says the same for updateNetworkHawkes' result, which ranked through model.risk", () => {
    const { data } = synthCity({ people: 800, seed: 3, years: 4, feud: {} });
    const asOf = '2023-01-01';
    const plain = rankForOutreach(data, {
      asOf,
      limit: 10,
      model: fitNetworkHawkes(data, { asOf, standardErrors: false }),
    });
    const top = (plain.objects() as { person_id: string }[]).slice(0, 2).map((r) => r.person_id);
    const exits = top.map((person_id) => ({ person_id, from: '2022-10-01' }));
    const model = fitNetworkHawkes(data, { asOf, exits, standardErrors: false });
    // Tonight's shooting between two others, the day before the list.
    const others = data.people.map((p) => p.person_id).filter((id) => !top.includes(id));
    const tonight = {
      incidents: [
        {
          incident_id: 'TONIGHT',
          date: '2022-12-31',
          day: toDay('2022-12-31'),
          offence: '',
          severity: 3 as const,
        },
      ],
      involvements: [
        { incident_id: 'TONIGHT', person_id: others[0], role: 'offender' as const },
        { incident_id: 'TONIGHT', person_id: others[1], role: 'victim' as const },
      ],
    };
    const live = updateNetworkHawkes(model, tonight);
    const records: Dataset = {
      ...data,
      incidents: [...data.incidents, ...tonight.incidents],
      involvements: [...data.involvements, ...tonight.involvements],
    };
    const list = rankForOutreach(records, { asOf, limit: 10, model: live });
    const summary = listMetadata(list)!.summary;
    // Before: '… not listed: too little evidence or no score.', the two in custody unsaid.
    expect(summary).toMatch(
      /no score \(2 of them were out of the model's risk set over the whole horizon: in custody, moved away or killed, as its exits say\)\./,
    );
    for (const p of top) expect(summary).not.toContain(p);
  });
});
