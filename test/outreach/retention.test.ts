import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { datasetToCsv } from '../../src/cli/commands/demo.js';
import { dayToIso, toDay } from '../../src/core/time.js';
import { auditList } from '../../src/outreach/audit-list.js';
import { listMetadata } from '../../src/outreach/purpose.js';
import { rankForOutreach } from '../../src/outreach/rank-for-outreach.js';
import { traceContacts } from '../../src/outreach/trace-contacts.js';
import { cli, tempDir, writeFiles } from '../cli/helpers.js';
import { type IncidentSpec, makeDataset, refusal } from '../helpers.js';
import { rows, type TraceRow } from './fixtures.js';

// A 2017 shooting (S17) in records that run to 2024-05-01, with ties before it and a recent
// shooting (S24) whose contacts are all recent.
const specs: IncidentSpec[] = [
  ['A1', '2016-06-01', 0, ['V', 'B'], []],
  ['S17', '2017-01-07', 3, ['O'], ['V']],
  ['A2', '2018-03-01', 0, ['B', 'C'], []],
  ['A3', '2023-09-01', 0, ['X', 'Y'], []],
  ['A4', '2024-01-10', 0, ['Y', 'Z'], []],
  ['S24', '2024-04-20', 3, ['X'], ['W']],
  ['A5', '2024-04-30', 0, ['Q', 'R'], []],
];
const data = makeDataset(specs);

describe('retention in traceContacts', () => {
  it('refuses an index incident past the retention horizon counted from the data’s today', () => {
    // The data's today is 2024-05-01 (the day after A5); 6 years back is 2018-05-01.
    const e = refusal(() => traceContacts(data, 'S17'));
    expect(e.code).toBe('past-retention');
    expect(e.message).toMatch(/S17 \(2017-01-07\).*6-year retention horizon.*2024-05-01/);
    // Also when the trace is asked for as of the incident's own date (the 2017 bug).
    expect(refusal(() => traceContacts(data, 'S17', { asOf: '2017-01-07' })).code).toBe(
      'past-retention',
    );
    // A longer horizon accepts it, but gives no respond-by date in the past.
    const t = traceContacts(data, 'S17', { retentionYears: 10 });
    expect(t.numRows()).toBe(3); // V, O and B (A1, 2016, is inside the 10-year horizon)
    expect(rows<TraceRow>(t).map((r) => r.respond_by)).toEqual([null, null, null]);
    const meta = listMetadata(t)!;
    expect(meta.warnings!.join(' ')).toMatch(
      /response window after incident S17 ended on 2017-01-21, before 2024-05-01: respond_by is left empty/,
    );
    expect(meta.summary).not.toMatch(/reach them by/);
    expect(meta.parameters.today).toBe('2024-05-01');
  });

  it('a recent shooting keeps its respond-by date; a given today decides what has passed', () => {
    const t = traceContacts(data, 'S24');
    expect(new Set(t.array('respond_by'))).toEqual(new Set(['2024-05-04']));
    expect(listMetadata(t)!.warnings).toEqual([]);
    const late = traceContacts(data, 'S24', { today: '2024-05-05' });
    expect(new Set(late.array('respond_by'))).toEqual(new Set([null]));
    expect(() => traceContacts(data, 'S24', { asOf: '2024-05-01', today: '2024-04-25' })).toThrow(
      /^traceContacts: option 'today' \(2024-04-25\) is before asOf 2024-05-01/,
    );
  });

  it('accepts the day of a shooting with a time of day as today (the night it happens)', () => {
    const timed = makeDataset([
      ['T1', '2023-06-01', 0, ['X', 'A'], []],
      ['PM', '2023-10-01T15:00', 3, ['B'], ['X']],
    ]);
    for (const today of ['2023-10-01', '2023-10-01T23:00', new Date(Date.UTC(2023, 9, 1))]) {
      const t = traceContacts(timed, 'PM', { today });
      expect(t.array('person_id')).toEqual(['X', 'B', 'A']);
      expect(listMetadata(t)!.parameters.today).toBe('2023-10-01');
    }
    // `new Date()` on that evening, wherever the runtime is: its local calendar date.
    const evening = new Date(2023, 9, 1, 23, 0);
    expect(traceContacts(timed, 'PM', { today: evening }).numRows()).toBe(3);
    expect(() => traceContacts(timed, 'PM', { today: '2023-09-30' })).toThrow(
      /^traceContacts: option 'today' \(2023-09-30\) is before asOf 2023-10-01/,
    );
  });

  it('leaves out ties whose records are past retention on the day the list is used', () => {
    // As of the shooting, X's contacts are Y (A3, 2023-09-01) and Z through Y (A4).
    const now = traceContacts(data, 'S24');
    expect(now.array('person_id')).toEqual(['W', 'X', 'Y', 'Z']);
    // Used on 2029-12-01 with a 6-year horizon (2023-12-01 onwards): A3 is past retention, so
    // the X–Y tie is gone and Y, Z are unreachable; the record is counted as excluded.
    const later = traceContacts(data, 'S24', { today: '2029-12-01' });
    expect(later.array('person_id')).toEqual(['W', 'X']);
    expect(listMetadata(later)!.excludedByRetention).toBe(4); // A1, S17, A2, A3
  });

  // The risk column counted parts of a model's risk resting on incidents past retention (a
  // victimisation of 2017, 7 years before the trace), which the list itself and rankForOutreach
  // leave out: W had 0.11 with the reason "victim of a serious assault 2660 days ago".
  it('the risk column leaves out parts resting on records past retention, as rankForOutreach does', () => {
    const model = {
      name: 'toy',
      risk: (people?: readonly string[]) =>
        (people ?? []).map((id) => ({
          person_id: id,
          expected: 0.11,
          contributions: [
            { kind: 'own-victimisation', value: 0.1, incidentId: 'S17', day: toDay('2017-01-07') },
            { kind: 'background', value: 0.01 },
          ],
        })),
    };
    const t = traceContacts(data, 'S24', { model });
    const got = rows<TraceRow>(t).map((r) => [r.person_id, r.risk, r.risk_reason]);
    expect(got).toEqual(
      ['W', 'X', 'Y', 'Z'].map((id) => [
        id,
        0.01,
        'their own record (expected events at the usual rate for people with records like theirs): 0.010',
      ]),
    );
    expect(listMetadata(t)!.summary).toContain(
      'retention horizon (counted back from 2024-05-01) were excluded, and 4 parts of risks resting on them were removed.',
    );
    const ranked = rankForOutreach(data, { asOf: '2024-05-01', model, minEvidence: 1 });
    expect(new Set(ranked.array('score'))).toEqual(new Set([0.01]));
    // With a horizon long enough to hold S17, the part counts.
    const long = traceContacts(data, 'S24', { model, retentionYears: 10 });
    expect(long.array('risk')).toEqual([0.11, 0.11, 0.11, 0.11]);
  });

  it('property: never a respond-by date before today; refused exactly when the incident is past retention', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4000 }), // incident day offset
        fc.integer({ min: 0, max: 4000 }), // today after the incident, in days
        fc.integer({ min: 0, max: 60 }), // responseDays
        fc.integer({ min: 1, max: 8 }), // retentionYears
        (offset, after, responseDays, retentionYears) => {
          const day = toDay('2012-01-01') + offset;
          const d = makeDataset([
            ['P', dayToIso(day - 30), 0, ['V', 'B'], []],
            ['S', dayToIso(day), 3, ['O'], ['V']],
          ]);
          const today = day + 1 + after;
          const run = () =>
            traceContacts(d, 'S', { today: dayToIso(today), responseDays, retentionYears });
          if (day < today - retentionYears * 365.25) {
            expect(refusal(run).code).toBe('past-retention');
            return;
          }
          for (const r of run().array('respond_by') as (string | null)[]) {
            if (r !== null) expect(toDay(r)).toBeGreaterThanOrEqual(today);
            else expect(day + responseDays).toBeLessThan(today);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('retention in the other lists', () => {
  it('rankForOutreach and auditList as of long ago say which records are past retention', () => {
    const old = rankForOutreach(data, { asOf: '2018-06-01' });
    const w = listMetadata(old)!.warnings!.filter((x) => /retention/.test(x));
    // The window 2012-06-01 .. 2018-06-01 holds A1, S17, A2, all before the horizon (2018-05-01 noon).
    expect(w).toEqual([
      '3 of the incidents used are dated before 2018-05-02, past the 6-year retention horizon counted back from 2024-05-01 (the day after the latest record, or the date given as today): records that should no longer be held; do not act on this list.',
    ]);
    expect(listMetadata(auditList(data, old))!.warnings!.join(' ')).toMatch(
      /3 of the incidents used are dated before 2018-05-02/,
    );
    const recent = rankForOutreach(data, { asOf: '2024-05-01' });
    expect(listMetadata(recent)!.warnings!.some((x) => /retention/.test(x))).toBe(false);
  });
});

describe('retention in the CLI trace', () => {
  it('refuses the 2017 incident with one error line and exit 1; a recent one gives its respond-by date', async () => {
    const csv = datasetToCsv(data);
    const dir = tempDir();
    const p = writeFiles(dir, {
      'incidents.csv': csv.incidents,
      'involvements.csv': csv.involvements,
      'people.csv': csv.people,
    });
    const input = ['--incidents', p['incidents.csv'], '--involvements', p['involvements.csv']];
    const old = await cli(['trace', 'S17', ...input]);
    expect(old.code).toBe(1);
    expect(old.stdout).toBe('');
    expect(old.stderr).toMatch(/error: trace refused: incident S17 \(2017-01-07\) is older than/);
    expect(old.stderr).not.toMatch(/2017-01-21/);
    const recent = await cli(['trace', 'S24', ...input]);
    expect(recent.code).toBe(0);
    expect(recent.stdout).toMatch(/2024-05-04/);
    const late = await cli(['trace', 'S24', ...input, '--today', '2024-06-01']);
    expect(late.code).toBe(0);
    expect(late.stdout).not.toMatch(/,2024-05-04,/); // no respond_by cell, only the summary's account
    expect(late.stderr).toMatch(/warning: The 14-day response window .* ended on 2024-05-04/);
  });
});
