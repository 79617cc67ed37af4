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

  it('data holding a single incident are told more records are needed, not a later asOf', () => {
    // It said 'choose a later asOf', which reads no more: there is nothing after the one record.
    const one = makeDataset([['I1', '2023-05-01', 3, ['A'], ['B']]]);
    expect(() => analyse(one)).toThrow(
      'analyse refused: there is only one incident before the as-of date 2023-05-02 (2023-05-01), so the contagion model cannot be fitted; more records are needed.',
    );
    expect(() => rankForOutreach(one, { asOf: '2023-06-01' })).toThrow(
      /so a ranking would only reflect record order; more records are needed\.$/,
    );
  });
});

describe('a busy weekday is not rounding', () => {
  it('27 incidents of one August, 13 on its four Saturdays: no week-rounding warning', () => {
    // It said "48% of incidents are dated on a Saturday (about 14% expected): dates may have been
    // rounded to the week" (review1's repro): the profile counted incidents, not dates.
    const sat = ['05', '12', '19', '26'];
    const other = [
      '01',
      '02',
      '03',
      '07',
      '08',
      '09',
      '10',
      '14',
      '15',
      '16',
      '21',
      '22',
      '23',
      '28',
    ];
    const specs = [
      ...Array.from({ length: 13 }, (_, i) => [
        `S${i}`,
        `2023-08-${sat[i % 4]}`,
        0,
        ['A', 'B'],
        [],
      ]),
      ...other.map((d, i) => [`O${i}`, `2023-08-${d}`, 0, ['C', 'D'], []]),
    ];
    const p = profileData(makeDataset(specs as never));
    expect(p.warnings.join(' ')).not.toMatch(/rounded to the week/);
  });
});

describe('analyse on a window too short', () => {
  it('says the records span too little time, in plain words', () => {
    const specs = Array.from({ length: 12 }, (_, i) => [
      `I${i}`,
      `2023-06-${String(2 + i * 2).padStart(2, '0')}`,
      3,
      [`O${i % 4}`, `O${(i + 1) % 4}`],
      [`V${i}`],
    ]);
    // It read "… in under 90 days ; analyse reads the records of the 6 years before asOf, so it
    // needs more of them": a stray space, and the problem is their span, not their number.
    expect(() => analyse(makeDataset(specs as never))).toThrow(
      'analyse refused: the contagion model cannot be fitted: the outcome window (2023-06-02 to 2023-06-25) is 23 days; delays of weeks to months cannot be told from the background in under 90 days; analyse needs records spanning more time.',
    );
  });
});
