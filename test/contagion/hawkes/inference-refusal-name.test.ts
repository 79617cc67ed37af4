import { describe, expect, it } from 'vitest';
import { hawkesInference } from '../../../src/contagion/hawkes/index.js';
import { DataRefusedError } from '../../../src/core/errors.js';
import { hawkesInferenceParallel } from '../../../src/node/index.js';
import { fiveIncidents, refusal } from '../../helpers.js';

const RECORDS = 'the records run from 2023-01-10 to 2023-05-10';
const quick = { replicates: 2, nullReplicates: 0, placeboReplicates: 0 };

/**
 * hawkesInference's fit to the records refused an asOf outside them in the name of
 * fitNetworkHawkes ("fitNetworkHawkes refused: no records before the as-of date …"), which the
 * user did not call: it names hawkesInference, with the same dates, and its advice names the
 * option as the user wrote it, under `fit` (it read "choose a later asOf", an option
 * hawkesInference does not take).
 */
describe('hawkesInference with a fit outside the records names itself', () => {
  const data = fiveIncidents();

  it('an asOf before the first record', () => {
    const e = refusal(() => hawkesInference(data, { ...quick, fit: { asOf: '2013-06-01' } }));
    expect(e.code).toBe('outside-records');
    expect(e.message).toBe(
      `hawkesInference refused: no records before the as-of date 2013-06-01 (${RECORDS}); choose a later fit.asOf.`,
    );
  });

  it('an asOf with every record past the retention horizon', () => {
    const e = refusal(() =>
      hawkesInference(data, { ...quick, fit: { asOf: '2035-01-01', retentionYears: 2 } }),
    );
    expect(e.code).toBe('outside-records');
    expect(e.message).toBe(
      `hawkesInference refused: no records between 2033-01-01 and the as-of date 2035-01-01 (${RECORDS}): all are past the retention horizon; choose an earlier fit.asOf.`,
    );
  });

  it('a since after the last record names fit.since', () => {
    const e = refusal(() =>
      hawkesInference(data, { ...quick, fit: { asOf: '2023-06-01', since: '2023-05-20' } }),
    );
    expect(e.code).toBe('outside-records');
    expect(e.message).toBe(
      `hawkesInference refused: no records between fit.since 2023-05-20 and the as-of date 2023-06-01 (${RECORDS}); choose an earlier fit.since.`,
    );
  });

  it('no events in the window names the fit options to widen it', () => {
    const e = refusal(() => hawkesInference(data, { ...quick, fit: { minSeverity: 4 } }));
    expect(e.code).toBe('no-events');
    expect(e.message).toMatch(
      /; widen the window \(fit\.since, fit\.outcomeSince, fit\.asOf, fit\.retentionYears\) or lower fit\.minSeverity$/,
    );
  });

  it('hawkesInferenceParallel names itself, on one thread or more', async () => {
    for (const threads of [1, 2]) {
      const e = await hawkesInferenceParallel(data, {
        ...quick,
        threads,
        fit: { asOf: '2013-06-01' },
      }).then(
        () => null,
        (x: unknown) => x,
      );
      expect(e).toBeInstanceOf(DataRefusedError);
      expect((e as Error).message).toMatch(
        /^hawkesInferenceParallel refused: no records before the as-of date 2013-06-01 /,
      );
    }
  });
});
