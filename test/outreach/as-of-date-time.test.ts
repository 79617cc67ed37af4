import { describe, expect, it } from 'vitest';
import { exposure } from '../../src/contagion/exposure.js';
import { fitNetworkHawkes } from '../../src/contagion/hawkes/fit.js';
import { coOffendingEdges } from '../../src/graph/co-offending-edges.js';
import { analyse } from '../../src/outreach/analyse.js';
import { listMetadata } from '../../src/outreach/purpose.js';
import { type ListedContribution, rankForOutreach } from '../../src/outreach/rank-for-outreach.js';
import { traceContacts } from '../../src/outreach/trace-contacts.js';
import { makeDataset } from '../helpers.js';
import { type ListRow, rows, type TraceRow } from './fixtures.js';

/** X co-offended with A, C and D; on 2023-10-01 A is hurt at 09:00, C (no time), D at 15:00. */
function city() {
  return makeDataset([
    ['T1', '2023-06-01', 1, ['X', 'A'], []],
    ['T2', '2023-06-05', 1, ['X', 'C'], []],
    ['T3', '2023-06-09', 1, ['X', 'D'], []],
    ['T4', '2023-07-09', 3, ['Q'], ['X']],
    ['T5', '2023-08-09', 3, ['Q2'], ['A']],
    ['AM', '2023-10-01T09:00', 3, ['B'], ['A']],
    ['PLAIN', '2023-10-01', 3, ['B2'], ['C']],
    ['PM', '2023-10-01T15:00', 3, ['B3'], ['D']],
  ]);
}

const MESSAGE =
  "asOf '2023-10-01T12:00' has a time of day: asOf is a date, and records dated before it are used; give '2023-10-01' (that day's records left out) or '2023-10-02' (in)";

describe('asOf given as a date-time', () => {
  it('is refused alike by every function, naming the two dates to give', () => {
    // It was read as an instant: the lists used 09:00's harm and the plain-dated one, not
    // 15:00's, while their summaries and metadata said "before 2023-10-01".
    const data = city();
    const asOf = '2023-10-01T12:00';
    expect(() => rankForOutreach(data, { asOf })).toThrow(MESSAGE);
    expect(() => exposure(data, { asOf })).toThrow(MESSAGE);
    expect(() => traceContacts(data, 'AM', { asOf })).toThrow(MESSAGE);
    expect(() => coOffendingEdges(data, { asOf })).toThrow(MESSAGE);
    expect(() => fitNetworkHawkes(data, { asOf })).toThrow(MESSAGE);
    expect(() => analyse(data, { asOf })).toThrow(MESSAGE);
    expect(() => rankForOutreach(data, { asOf: new Date('2023-10-01T12:00Z') })).toThrow(
      "asOf '2023-10-01T12:00:00.000Z' has a time of day",
    );
    // A date, or a Date at midnight UTC, is read as before.
    expect(rankForOutreach(data, { asOf: new Date('2023-10-02') }).objects()).toEqual(
      rankForOutreach(data, { asOf: '2023-10-02' }).objects(),
    );
  });

  it('a Date made in local time is refused saying it is not midnight UTC, and what to give', () => {
    // East of UTC new Date(2023, 9, 1) is 2023-09-30T22:00Z: the two dates named were right but
    // puzzling, nothing said why a "1 October" Date had a time of day.
    const data = city();
    const tz = process.env.TZ;
    try {
      process.env.TZ = 'Europe/Berlin';
      expect(() => rankForOutreach(data, { asOf: new Date(2023, 9, 1) })).toThrow(
        "asOf '2023-09-30T22:00:00.000Z' has a time of day: asOf is a date, and records dated before it are used; give '2023-09-30' (that day's records left out) or '2023-10-01' (in). A Date made in local time, as new Date(2023, 9, 1) here, is not midnight UTC: give the date as text, '2023-10-01', or as new Date(Date.UTC(2023, 9, 1))",
      );
      process.env.TZ = 'America/Los_Angeles';
      expect(() => coOffendingEdges(data, { asOf: new Date(2023, 9, 1) })).toThrow(
        "asOf '2023-10-01T07:00:00.000Z' has a time of day: asOf is a date, and records dated before it are used; give '2023-10-01' (that day's records left out) or '2023-10-02' (in). A Date made in local time, as new Date(2023, 9, 1) here, is not midnight UTC: give the date as text, '2023-10-01', or as new Date(Date.UTC(2023, 9, 1))",
      );
      // A Date at another time of day gets the general advice.
      expect(() => exposure(data, { asOf: new Date('2023-10-01T12:00Z') })).toThrow(
        ". A Date made in local time is not midnight UTC: give the date as text, 'YYYY-MM-DD', or as new Date(Date.UTC(y, m, d))",
      );
      // The advice given is taken.
      expect(rankForOutreach(data, { asOf: new Date(Date.UTC(2023, 9, 1)) }).objects()).toEqual(
        rankForOutreach(data, { asOf: '2023-10-01' }).objects(),
      );
    } finally {
      process.env.TZ = tz;
    }
  });

  it("traceContacts' today as a Date with a time of day is now: its local date, not its UTC one", () => {
    // 20:00 in Los Angeles on 2023-10-15, the last day to respond to AM (2023-10-01 + 14 days),
    // is 03:00 UTC on the 16th: it was read as the 16th, respond_by left empty as past.
    const data = city();
    const tz = process.env.TZ;
    try {
      process.env.TZ = 'America/Los_Angeles';
      const evening = new Date(2023, 9, 15, 20, 0);
      expect(evening.toISOString()).toBe('2023-10-16T03:00:00.000Z');
      const list = traceContacts(data, 'AM', { today: evening });
      expect(listMetadata(list)?.parameters.today).toBe('2023-10-15');
      expect(rows<TraceRow>(list)[0].respond_by).toBe('2023-10-15');
      expect(rows<TraceRow>(list)).toEqual(
        rows<TraceRow>(traceContacts(data, 'AM', { today: '2023-10-15' })),
      );
      // Text and a Date at midnight UTC are dates, read exactly whatever the zone.
      process.env.TZ = 'Pacific/Kiritimati'; // UTC+14
      const utc = new Date(Date.UTC(2023, 9, 16));
      expect(listMetadata(traceContacts(data, 'AM', { today: utc }))?.parameters.today).toBe(
        '2023-10-16',
      );
      expect(
        listMetadata(traceContacts(data, 'AM', { today: '2023-10-16' }))?.parameters.today,
      ).toBe('2023-10-16');
      // Now there: 10:00 on the 16th local is 20:00 UTC on the 15th.
      const morning = new Date(2023, 9, 16, 10, 0);
      expect(listMetadata(traceContacts(data, 'AM', { today: morning }))?.parameters.today).toBe(
        '2023-10-16',
      );
      expect(
        rows<TraceRow>(traceContacts(data, 'AM', { today: morning }))[0].respond_by,
      ).toBeNull();
    } finally {
      process.env.TZ = tz;
    }
  });

  it('a list as of a date counts the day before as 1 day ago, whatever the time', () => {
    // D was hurt at 15:00 on 2023-10-01: the list as of 2023-10-02 said "seriously hurt today".
    const list = rows<ListRow>(rankForOutreach(city(), { asOf: '2023-10-02', minEvidence: 1 }));
    const x = list.find((r) => r.person_id === 'X')!;
    expect(x.reasons).toContain('co-offended with D (seriously hurt 1 day ago): 0.041');
    expect(x.reasons.join('; ')).not.toMatch(/today/);
    const parts = x.contributions as unknown as ListedContribution[];
    expect(parts.filter((c) => c.via === 'D').map((c) => c.days_ago)).toEqual([1]);
  });

  it("traceContacts as of a timed incident's own date is the trace as of the incident", () => {
    // It was refused: "asOf 2023-10-01 is before the index incident (2023-10-01T09:00); trace
    // as of its date or later".
    const data = city();
    const own = traceContacts(data, 'AM', { asOf: '2023-10-01', today: '2023-10-05' });
    const byDefault = traceContacts(data, 'AM', { today: '2023-10-05' });
    expect(rows<TraceRow>(own)).toEqual(rows<TraceRow>(byDefault));
    expect(rows<TraceRow>(own).map((r) => r.person_id)).toContain('X');
  });

  it("traceContacts' today may be a date-time (today: new Date(), as the guide says): its date", () => {
    // 59346e8 refused it: "today '…T14:30:00.000Z' has a time of day: today is a date, and
    // records dated before it are used", though today only dates the list's use.
    const data = city();
    const timed = traceContacts(data, 'AM', { today: new Date('2023-10-05T14:30Z') });
    const plain = traceContacts(data, 'AM', { today: '2023-10-05' });
    expect(rows<TraceRow>(timed)).toEqual(rows<TraceRow>(plain));
    expect(rows<TraceRow>(traceContacts(data, 'AM', { today: '2023-10-05T23:59' }))).toEqual(
      rows<TraceRow>(plain),
    );
    expect(() => traceContacts(data, 'AM', { today: 'soon' })).toThrow(
      "today 'soon' is not a valid date",
    );
  });
});
