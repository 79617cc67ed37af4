import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../src/contagion/hawkes/index.js';
import { InputError, OptionError } from '../src/core/errors.js';
import { readTable } from '../src/node/read-table.js';
import { synthCity } from '../src/synth/index.js';

// Three faults a user could reach were plain RangeErrors naming neither the function nor the
// option or row: a day that is not a date given to a model's intensity, a covariate cell that is
// not a number, and an encoding label readTable's decoder does not know.
describe('reachable faults name the function and what was expected', () => {
  const { data } = synthCity({ seed: 3, people: 300 });
  const model = fitNetworkHawkes(data, { asOf: '2023-01-01', standardErrors: false });
  const someone = data.involvements[0].person_id;

  it('model.intensity and intensityDecomposed: a day that is not a date', () => {
    for (const [call, fn] of [
      [() => model.intensity(someone, 'notadate'), 'model.intensity'],
      [() => model.intensityDecomposed(someone, '2022-13-45'), 'model.intensityDecomposed'],
    ] as const) {
      let e: unknown;
      try {
        call();
      } catch (x) {
        e = x;
      }
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).fn).toBe(fn);
      expect((e as Error).message).toMatch(
        new RegExp(
          `^${fn.replace('.', '\\.')}: the day '.+' is not a valid date: expected text 'YYYY-MM-DD'`,
        ),
      );
    }
  });

  it('fitNetworkHawkes: a covariate cell that is not a number names its row', () => {
    const covariates = [
      { person_id: someone, outreach_contacts: 2 },
      {
        person_id:
          data.involvements[1].person_id === someone ? 'P-000002' : data.involvements[1].person_id,
        outreach_contacts: 'two',
      },
    ];
    let e: unknown;
    try {
      fitNetworkHawkes(data, { asOf: '2023-01-01', standardErrors: false, covariates });
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).toBe(
      "fitNetworkHawkes: covariates row 2: covariate 'outreach_contacts' is 'two', not a number; give a number, or leave the cell empty where it is not known",
    );
  });

  it('readTable: an encoding label no decoder knows, with the closest common one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vc-enc-'));
    const path = join(dir, 'incidents.csv');
    writeFileSync(path, 'incident_id,date\nI1,2023-01-01\n');
    let e: unknown;
    try {
      readTable(path, { encoding: 'windows1252x' });
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(OptionError);
    expect((e as Error).message).toBe(
      "readTable: option 'encoding' 'windows1252x' is not an encoding (did you mean 'windows-1252'?); give a label such as 'windows-1252' (Excel on Windows), 'latin1', 'iso-8859-15' or 'utf-8'.",
    );
    expect(readTable(path, { encoding: 'latin1' })).toEqual([
      { incident_id: 'I1', date: '2023-01-01' },
    ]);
  });
});
