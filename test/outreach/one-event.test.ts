import { describe, expect, it } from 'vitest';
import { DataRefusedError } from '../../src/core/errors.js';
import { profileData } from '../../src/core/profile.js';
import { analyse } from '../../src/outreach/analyse.js';
import { listMetadata } from '../../src/outreach/purpose.js';
import { rankForOutreach } from '../../src/outreach/rank-for-outreach.js';
import { traceContacts } from '../../src/outreach/trace-contacts.js';
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

describe('at the very start of the records', () => {
  const data = () =>
    makeDataset([
      ['I1', '2023-01-10', 3, ['A'], ['B']],
      ['I2', '2023-02-03', 0, ['B', 'C'], []],
      ['I3', '2023-03-07', 0, ['C', 'D'], []],
    ]);

  it('traceContacts from the first incident says no contacts could be traced, not that there are none', () => {
    const t = traceContacts(data(), 'I1', { today: '2023-01-11' });
    expect(t.objects().map((r) => (r as { person_id: string }).person_id)).toEqual(['B', 'A']);
    expect(listMetadata(t)!.warnings).toEqual([
      "No records before 2023-01-10 (within the retention horizon): the network is empty, so no contacts can be traced and only the incident's own people are listed. Records from before it would show who was close to them.",
    ]);
    // With history, no such warning.
    const later = listMetadata(traceContacts(data(), 'I3', { today: '2023-03-08' }))!.warnings;
    expect((later ?? []).filter((w) => w.startsWith('No records before'))).toEqual([]);
  });

  it('a list the day after the only record is refused with advice that fits one record', () => {
    // It said "check that the export carries each incident's own date": a single incident has one date.
    expect(() => rankForOutreach(data(), { asOf: '2023-01-11' })).toThrow(
      'rankForOutreach refused: there is only one incident before the as-of date 2023-01-11 (2023-01-10), so a ranking would only reflect record order; choose a later asOf.',
    );
  });
});
