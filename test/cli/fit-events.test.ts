import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../src/contagion/hawkes/fit.js';
import { makeDataset } from '../helpers.js';
import { cli, datasetCsvArgs, tempDir } from './helpers.js';

/**
 * The events table gained a parent_kind column (the kind of tie the most likely parent came
 * through: 'co-offending', 'own-victimisation' or 'victim-offender') and top_parents[].kind; no
 * test read them from 'fit --events', the table a command-line user gets.
 */
describe('fit --events', () => {
  // A gang of six co-offends; four of them are shot in turn, weeks apart, and one shoots another.
  const gang = ['A', 'B', 'C', 'D', 'E', 'F'];
  const data = makeDataset([
    ['T1', '2020-01-01', 0, gang, []],
    ['T2', '2020-01-20', 0, ['A', 'B', 'C'], []],
    ['S1', '2020-03-01', 3, ['X'], ['A']],
    ['S2', '2020-03-20', 3, ['Y'], ['B']],
    ['S3', '2020-04-15', 3, ['A'], ['C']],
    ['S4', '2020-05-10', 3, ['Z'], ['D']],
    ['S5', '2020-06-01', 3, ['W'], ['X']],
  ]);
  const asOf = '2020-07-01';

  it("writes parent_kind beside the parent, as the library's events table holds it", async () => {
    const args = datasetCsvArgs(tempDir(), data);
    const r = await cli(['fit', ...args, '--as-of', asOf, '--events', '--victim-offender-ties']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^# For voluntary outreach and support/);
    const header = lines.find((l) => l.startsWith('incident_id,'))!;
    expect(header.split(',')).toEqual([
      'incident_id',
      'person_id',
      'date',
      'day',
      'p_triggered',
      'p_self',
      'network_exceeds_background',
      'parent_incident',
      'parent_person',
      'parent_prob',
      'parent_delay_days',
      'parent_kind',
      'top_parents',
      'cascade_id',
    ]);
    const rows = aq
      .fromCSV(lines.filter((l) => !l.startsWith('#')).join('\n'), { autoType: false })
      .objects() as Record<string, string>[];
    // The library's table, fitted the same way: the kinds written are its kinds, row by row.
    const model = fitNetworkHawkes(data, { asOf, victimOffenderTies: 'direct' });
    const want = model.events.objects() as { incident_id: string; parent_kind: string | null }[];
    expect(rows.map((x) => [x.incident_id, x.parent_kind])).toEqual(
      want.map((x) => [x.incident_id, x.parent_kind ?? null]),
    );
    // Both kinds of tie are there: B, C and D, shot after A, are A's co-offenders; X, shot
    // last, had shot A (a victim–offender tie). S1 has no earlier event: no parent, no kind.
    expect(rows.map((x) => [x.incident_id, x.parent_incident, x.parent_kind])).toEqual([
      ['S1', null, null],
      ['S2', 'S1', 'co-offending'],
      ['S3', 'S1', 'co-offending'],
      ['S4', 'S1', 'co-offending'],
      ['S5', 'S1', 'victim-offender'],
    ]);
  });
});
