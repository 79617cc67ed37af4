import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../../src/contagion/hawkes/fit.js';
import { updateNetworkHawkes } from '../../../src/contagion/hawkes/live.js';
import { InputError } from '../../../src/core/errors.js';
import type { RiskModel } from '../../../src/core/risk.js';
import { toDay } from '../../../src/core/time.js';
import type { Dataset } from '../../../src/core/types.js';
import { planOutreach } from '../../../src/outreach/plan-outreach.js';
import { rankForOutreach } from '../../../src/outreach/rank-for-outreach.js';
import { synthCity } from '../../../src/synth/city.js';

const AS_OF = '2021-01-01';

function thrown(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError, got an answer');
}

describe('a fitted model refuses person ids in none of its records', () => {
  const city = synthCity({ people: 600, seed: 3, years: 4 }).data;
  // A people-table row without any record: a person of the records the model has nothing on.
  const data: Dataset = { ...city, people: [...city.people, { person_id: 'Q-ROW' }] };
  const model = fitNetworkHawkes(data, { asOf: AS_OF, standardErrors: false });
  const known = model.state.data.index.personIds;
  const someone = known.find((id) => /^P-\d+$/.test(id))!;
  // Someone first recorded on or after the fit's asOf: in the records, not in the model's window.
  const later = data.involvements.find(
    (v) => !model.state.data.index.personIndex.has(v.person_id),
  )!.person_id;
  const opts = { from: AS_OF, horizonDays: 90 };

  it('model.risk: a misspelt id is an InputError naming the method and the closest id (it read 0, "no risk")', () => {
    const e = thrown(() => model.risk([someone, someone.toLowerCase()], opts));
    expect(e.fn).toBe('model.risk');
    expect(e.message).toBe(
      `model.risk: person '${someone.toLowerCase()}' is in none of the records the model was fitted on (did you mean '${someone}'?); give ids as in the records (an id the model does not know read as no risk).`,
    );
  });

  it('people of the records the model has nothing on get 0: a people-table row, someone first recorded after asOf', () => {
    expect(later).toBeDefined();
    const rows = model.risk(['Q-ROW', later, someone], opts);
    expect(rows.map((r) => r.person_id)).toEqual(['Q-ROW', later, someone]);
    expect(rows[0].expected).toBe(0);
    expect(rows[1].expected).toBe(0);
    expect(rows[2].expected).toBeGreaterThan(0);
  });

  it('model.intensity and model.intensityDecomposed refuse an id in no record, naming themselves', () => {
    expect(thrown(() => model.intensity('nobody', AS_OF)).message).toMatch(
      /^model\.intensity: person 'nobody' is in none of the records the model was fitted on;/,
    );
    expect(thrown(() => model.intensityDecomposed('nobody', AS_OF)).fn).toBe(
      'model.intensityDecomposed',
    );
    expect(model.intensity(later, AS_OF)).toBe(0);
  });

  /** This year's extract: the records and one incident on 2021-02-01 of a new person with `someone`. */
  const withNewPerson = (incident: string, person: string): Dataset => ({
    ...data,
    incidents: [
      ...data.incidents,
      {
        incident_id: incident,
        date: '2021-02-01',
        day: toDay('2021-02-01'),
        offence: '',
        severity: 1,
      },
    ],
    involvements: [
      ...data.involvements,
      { incident_id: incident, person_id: person, role: 'offender' },
      { incident_id: incident, person_id: someone, role: 'offender' },
    ],
  });

  it("the library's own lists still read people of newer records as unknown to the model, not an error", () => {
    // This year's extract adds someone the model's records never held: listed nowhere, warned of.
    const now = withNewPerson('NEW-1', 'N-1');
    expect(() => rankForOutreach(now, { asOf: '2021-03-01', model })).not.toThrow();
    const plan = planOutreach(now, { asOf: '2021-03-01', model, capacity: 3 });
    expect(plan.warnings.join(' ')).toMatch(/unknown to the model \(recorded since its fit\?\)/);
    expect(() => model.risk(['N-1'], opts)).toThrow(InputError);
  });

  it('an updated model (updateNetworkHawkes) knows the people of its new records (0 until the next fit), not others', () => {
    const live = updateNetworkHawkes(
      model,
      {
        incidents: [
          {
            incident_id: 'T-1',
            date: '2021-01-02',
            day: toDay('2021-01-02'),
            offence: '',
            severity: 3,
          },
        ],
        involvements: [
          { incident_id: 'T-1', person_id: 'N-2', role: 'offender' },
          { incident_id: 'T-1', person_id: someone, role: 'victim' },
        ],
      },
      { asOf: '2021-01-03' },
    );
    const rows = live.risk(['N-2', someone], { from: '2021-01-03', horizonDays: 90 });
    expect(rows[0].expected).toBe(0);
    expect(rows[1].expected).toBeGreaterThan(0);
    expect(
      thrown(() => live.risk(['N-3'], { from: '2021-01-03', horizonDays: 90 })).message,
    ).toMatch(/^model\.risk: person 'N-3' is in none of the records the model was fitted on/);
  });

  // A model of one's own that wraps a fitted model with options of its own making (not the
  // list's) must still work inside a list on records newer than the fit: 9f6b96f (a reading
  // carried by the list's options) made it refuse a person of the list's own records.
  it("a model of one's own that calls a fitted model with fresh options works inside a list", () => {
    const now = withNewPerson('NEW-W', 'N-W');
    const wrapper: RiskModel = {
      name: 'wrapper',
      risk: (people, o) => model.risk(people, { from: o.from, horizonDays: o.horizonDays }),
    };
    const own = rankForOutreach(now, { asOf: '2021-03-01', model });
    const wrapped = rankForOutreach(now, { asOf: '2021-03-01', model: wrapper });
    expect(wrapped.array('person_id')).toEqual(own.array('person_id'));
    expect(wrapped.array('score')).toEqual(own.array('score'));
  });
});
