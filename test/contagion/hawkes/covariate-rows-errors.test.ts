import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../../src/contagion/hawkes/fit.js';
import { InputError } from '../../../src/core/errors.js';
import { synthCity } from '../../../src/synth/city.js';

/** Covariates rows whose person column is named otherwise, or whose value is not a number. */
describe('covariates rows: the row and the column meant', () => {
  const { data } = synthCity({ people: 300, seed: 5 });
  it("names the person column under another name ('person')", () => {
    const rows = [{ person: 'P-000001', score: 1 }];
    expect(() => fitNetworkHawkes(data, { covariates: rows })).toThrow(
      "fitNetworkHawkes: covariates row 1 has no person_id (it has 'person': did you mean 'person_id'? rename the column person_id); give one row per person",
    );
  });
  it('a value that is not a number is an InputError naming the row', () => {
    const id = data.involvements[0].person_id;
    const f = () => fitNetworkHawkes(data, { covariates: [{ person_id: id, score: 'high' }] });
    expect(f).toThrow(InputError);
    expect(f).toThrow(
      "fitNetworkHawkes: covariates row 1: covariate 'score' is 'high', not a number; give a number, or leave the cell empty where it is not known",
    );
  });
});
