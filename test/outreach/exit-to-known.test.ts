import { describe, expect, it } from 'vitest';
import { checkExitRow } from '../../src/contagion/hawkes/background.js';
import type { ExitRow } from '../../src/contagion/hawkes/types.js';
import { OptionError } from '../../src/core/errors.js';
import { backtest } from '../../src/outreach/backtest.js';
import type { Ranker, RankerInput } from '../../src/outreach/ranker.js';
import { synthCity } from '../../src/synth/city.js';

/**
 * An exit row's `to_known`: the end was known when the spell began (a sentence's set end). The
 * backtest withheld every `to` after the cut (remand: the release date not known then), so a
 * sentence's end was lost and the person counted as out for the whole horizon.
 */
describe("exit rows' to_known", () => {
  const { data } = synthCity({ people: 600, seed: 3 });
  const cut = '2023-07-05';

  const recording = () => {
    const seen: RankerInput['exits'][] = [];
    const ranker: Ranker = {
      name: 'recorder',
      rank: (input) => {
        seen.push(input.exits);
        return { score: new Float64Array(input.population.length) };
      },
    };
    return { ranker, seen };
  };

  it("keeps a known end at a cut on or after the row's from, withholds an unknown one", () => {
    const exits: ExitRow[] = [
      { person_id: 'P-000001', from: '2023-05-01', to: '2023-08-01', to_known: true },
      { person_id: 'P-000002', from: '2023-05-01', to: '2023-08-01', to_known: 'no' },
      { person_id: 'P-000003', from: '2023-05-01', to: '2023-08-01', to_known: 'Yes' },
      { person_id: 'P-000004', from: '2023-07-06', to: '2023-09-01', to_known: true }, // later
    ];
    const { ranker, seen } = recording();
    const r = backtest(data, { cuts: [cut], rankers: [ranker], exits });
    expect(seen[0]).toEqual([
      exits[0],
      { person_id: 'P-000002', from: '2023-05-01', to_known: 'no' },
      exits[2],
    ]);
    // The calibration run, a horizon before the cut (2023-04-06): no row had begun.
    expect(seen[1]).toEqual([]);
    // Of the 3 rows known at the cut, all ending after it: 1 withheld, 2 kept (to_known). The
    // kept rows were not counted: result.exits read { known: 3, endWithheld: 1 } alone.
    expect(r.exits).toEqual({ rows: 4, cuts: [{ cut, known: 3, endWithheld: 1, endKept: 2 }] });
    expect(r.summary).toContain(
      'of 4 exit rows, the 3 that started on or before the cut (of them 1 ending after it, taken as out for the whole horizon: its end was not known then; 2 ending after it with their end kept: known when the spell began (to_known)). The outcomes are as recorded.',
    );
  });

  it('reads true/false, yes/no, 1/0 in any case, and empty as false', () => {
    const row = (to_known: unknown) =>
      checkExitRow(
        'backtest',
        { person_id: 'a', from: '2023-01-01', to: '2023-02-01', to_known } as ExitRow,
        0,
      ).known;
    expect([true, 'true', ' YES ', '1', 1].map(row)).toEqual([true, true, true, true, true]);
    expect([false, 'False', 'no', '0', 0, '', undefined].map(row)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('refuses a to_known that is not a yes or no, or yes without a to, naming the row', () => {
    const bad = (row: Record<string, unknown>) => () =>
      backtest(data, {
        cuts: [cut],
        exits: [{ person_id: 'P-000001', from: '2023-05-01', ...row } as ExitRow],
      });
    expect(bad({ to: '2023-08-01', to_known: 'sometimes' })).toThrow(OptionError);
    expect(bad({ to: '2023-08-01', to_known: 'sometimes' })).toThrow(
      "backtest exits row 1: field 'to_known' must be true or false (in a file: true, false, yes, no, 1 or 0; empty: false), got 'sometimes'.",
    );
    expect(bad({ to_known: true })).toThrow(
      "backtest exits row 1: to_known is true but the row has no 'to'; give the end that was known when the spell began (a sentence's set end), or leave to_known out (still out: open-ended)",
    );
  });

  it('refuses a field named with another word for one of its own (end_known), not carrying it', () => {
    const row = { person_id: 'a', from: '2023-01-01', to: '2023-02-01', end_known: 'yes' };
    expect(() => checkExitRow('fitNetworkHawkes', row as unknown as ExitRow, 2)).toThrow(
      "fitNetworkHawkes exits row 3: unknown field 'end_known'. Did you mean 'to_known'? An exit row reads: person_id, from, to, to_known.",
    );
    // A custody table's other columns are still carried (documented), without a date in them.
    const carried = { person_id: 'a', from: '2023-01-01', reason: 'remand' };
    expect(checkExitRow('fitNetworkHawkes', carried as unknown as ExitRow, 0)).toEqual({
      a: 19358,
      b: Number.POSITIVE_INFINITY,
      known: false,
    });
  });
});
