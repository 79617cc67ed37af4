import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes, hawkesInference } from '../../../src/contagion/hawkes/index.js';
import { hawkesInferenceParallel } from '../../../src/node/index.js';
import { fiveIncidents } from '../../helpers.js';

const quick = { replicates: 2, nullReplicates: 0, placeboReplicates: 0 };

function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return `${(e as Error).constructor.name}: ${(e as Error).message}`;
  }
  throw new Error('expected an error, got an answer');
}

/**
 * Errors found in hawkesInference's `fit` options while fitting named fitNetworkHawkes, which the
 * user did not call, and the option without the `fit.` it sits under ("fitNetworkHawkes:
 * start.alphaSelf is …"): they name hawkesInference and the option as the user wrote it.
 */
describe("hawkesInference's fit options are named as the user gave them", () => {
  const data = fiveIncidents();
  const cases: [string, Record<string, unknown>, string][] = [
    [
      'a start value of a part that is off',
      { start: { alphaSelf: 0.1 } },
      'OptionError: hawkesInference: fit.start.alphaSelf is the excitation of a person by their own events, which is off: set fit.selfExcitation: true or leave it out',
    ],
    [
      'a start value of ties that are off',
      { start: { alphaVictimOffender: 0.1 } },
      "OptionError: hawkesInference: fit.start.alphaVictimOffender is the excitation along victim–offender ties, which are off: set fit.victimOffenderTies ('direct' or 'sides') or leave it out",
    ],
    [
      'a kernel self-excitation does not have',
      { selfExcitation: true, kernel: 'gamma' },
      "InputError: hawkesInference: fit.selfExcitation needs fit.kernel 'exponential' (or 'auto')",
    ],
    [
      'a misspelt covariate column',
      { covariateColumns: ['birth_yaer'] },
      "OptionError: hawkesInference: no covariate column 'birth_yaer'. Did you mean 'birth_year'?",
    ],
    [
      'a covariates row without its person',
      { covariates: [{ person: 'A', z: 1 }] },
      "InputError: hawkesInference: fit.covariates row 1 has no person_id (it has 'person': did you mean 'person_id'? rename the column person_id); give one row per person",
    ],
    [
      'a covariate that is not a number',
      { covariates: [{ person_id: 'A', z: 'high' }] },
      "InputError: hawkesInference: fit.covariates row 1: covariate 'z' is 'high', not a number; give a number, or leave the cell empty where it is not known",
    ],
    [
      'an exits row without its start',
      { exits: [{ person_id: 'A' }] },
      "OptionError: hawkesInference fit.exits row 1: no 'from' (the first day out, YYYY-MM-DD); every exit needs one",
    ],
    [
      'a misspelt exits field',
      { exits: [{ person_id: 'A', form: '2023-02-01' }] },
      "OptionError: hawkesInference fit.exits row 1: unknown field 'form'. Did you mean 'from'?",
    ],
    [
      'an asOf that is not a date',
      { asOf: 'soon' },
      "OptionError: hawkesInference: fit.asOf 'soon' is not a valid date",
    ],
    [
      'an outcomeSince that is not a date',
      { outcomeSince: 'soon' },
      "OptionError: hawkesInference: fit.outcomeSince 'soon' is not a valid date",
    ],
    [
      'a start covariate that is not a number',
      { covariates: [{ person_id: 'A', z: 1 }], start: { covariates: { z: 'x' } } },
      "OptionError: hawkesInference: option 'fit.start.covariates.z' must be a number",
    ],
  ];
  for (const [what, fit, expected] of cases)
    it(what, () => {
      expect(message(() => hawkesInference(data, { ...quick, fit } as never))).toContain(expected);
    });

  it('the option errors carry the option path', () => {
    try {
      hawkesInference(data, { ...quick, fit: { covariateColumns: ['nope'] } });
    } catch (e) {
      expect((e as { option?: string }).option).toBe('fit.covariateColumns');
      return;
    }
    throw new Error('expected an error');
  });

  it('fitNetworkHawkes still names itself and its own options', () => {
    expect(message(() => fitNetworkHawkes(data, { start: { alphaSelf: 0.1 } }))).toBe(
      'OptionError: fitNetworkHawkes: start.alphaSelf is the excitation of a person by their own events, which is off: set selfExcitation: true or leave it out',
    );
    expect(message(() => fitNetworkHawkes(data, { exits: [{ person_id: 'A' } as never] }))).toBe(
      "OptionError: fitNetworkHawkes exits row 1: no 'from' (the first day out, YYYY-MM-DD); every exit needs one",
    );
  });

  it('hawkesInferenceParallel names itself, on one thread or more', async () => {
    for (const threads of [1, 2]) {
      const e = await hawkesInferenceParallel(data, {
        ...quick,
        threads,
        fit: { start: { alphaSelf: 0.1 } },
      }).then(
        () => null,
        (x: unknown) => x,
      );
      expect((e as Error).message).toBe(
        'hawkesInferenceParallel: fit.start.alphaSelf is the excitation of a person by their own events, which is off: set fit.selfExcitation: true or leave it out',
      );
    }
  });
});
