import { describe, expect, it } from 'vitest';
import { DataRefusedError } from '../../src/core/errors.js';
import { profileData } from '../../src/core/profile.js';
import { analyse } from '../../src/outreach/analyse.js';
import { makeDataset } from '../helpers.js';

/** Six incidents over eight months, one of them serious (I4, 2023-06-01). */
function oneSeriousEvent() {
  return makeDataset([
    ['I1', '2023-01-10', 0, ['A', 'B'], []],
    ['I2', '2023-02-03', 0, ['B', 'C'], []],
    ['I3', '2023-03-07', 1, ['C', 'D'], ['E']],
    ['I4', '2023-06-01', 3, ['X'], ['A']],
    ['I5', '2023-08-14', 0, ['A', 'D'], []],
    ['I6', '2023-09-20', 0, ['B', 'E'], []],
  ]);
}

describe('analyse with exactly one serious event', () => {
  it('refuses in its own words: one event, not a problem of dates, and no options analyse does not take', () => {
    let error: unknown;
    try {
      analyse(oneSeriousEvent());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataRefusedError);
    // It passed on the fit's "fitNetworkHawkes: only one event (2023-06-01), so nothing about
    // timing or contagion can be learnt; check the dates (a default date filled in?) …".
    expect((error as Error).message).toBe(
      'analyse refused: the contagion model cannot be fitted: only one event from 2023-01-10 to 2023-09-21 (on 2023-06-01): contagion needs events on two days or more; analyse reads the records of the 6 years before asOf, so it needs more of them.',
    );
  });

  it('the data profile says "1 serious event", and one incident on a date is no date heaping', () => {
    // It said "Only 1 serious events" and "17% of incidents carry the date 2023-01-10: dates may
    // have been filled in (date heaping)": one incident of six.
    expect(profileData(oneSeriousEvent()).warnings).toEqual([
      'Only 1 serious event (1.0 a year): model estimates will be very uncertain.',
    ]);
  });
});
