import { describe, expect, it } from 'vitest';
import { coOffendingGraph, rankForOutreach, synthCity } from '../../src/index.js';
import { ingest } from '../../src/ingest/index.js';

// A date option in another form ('01/07/2023', 'July 2023') was refused as "asOf '01/07/2023' is
// not a valid date", with no word on the forms it takes.
describe('a date option that is not a date says what is expected', () => {
  const { data } = synthCity({ people: 200, seed: 1 });
  it('asOf, since and cut-like options', () => {
    const expected = ": expected text 'YYYY-MM-DD' (such as '2023-07-01'), a Date, or a day number";
    expect(() => rankForOutreach(data, { asOf: '01/07/2023' })).toThrow(
      `asOf '01/07/2023' is not a valid date${expected}`,
    );
    expect(() => coOffendingGraph(data, { since: 'July 2023' })).toThrow(
      `since 'July 2023' is not a valid date${expected}`,
    );
  });

  it("ingest's now", () => {
    expect(() => ingest({ incidents: [] }, { now: 'today' })).toThrow(
      "now 'today' is not a valid date: expected text 'YYYY-MM-DD' (the day the export was made, such as '2025-01-01'), a date-time, or a Date",
    );
  });
});
