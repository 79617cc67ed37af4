import { describe, expect, it } from 'vitest';
import { indexDataset } from '../../src/core/dataset-index.js';
import { toDay } from '../../src/core/time.js';
import { harmOnRecord, unusedHarmReasons } from '../../src/outreach/describe.js';
import { rankForOutreach } from '../../src/outreach/rank-for-outreach.js';
import { cli, EXPORT_ARGS } from '../cli/helpers.js';
import { makeDataset } from '../helpers.js';
import { type ListRow, rows } from './fixtures.js';

// Harm to someone they shared an incident with that the score does not use read "N005, who
// shared an incident with them, was seriously hurt 83 days ago", though the incident the two
// shared was the one in which the person listed hurt N005: the roles are in the records.
describe('harm near them names the victim–offender tie the records show', () => {
  const asOf = '2024-01-01';
  const data = makeDataset([
    ['I0', '2023-02-01', 0, ['J'], ['K']], // J stole from K: no harm
    ['I1', '2023-03-01', 1, ['G'], ['H']], // G assaulted H
    ['I2', '2023-05-01', 2, ['D'], ['E']], // D hurt E
    ['I3', '2023-06-01', 0, ['A', 'C'], []],
    ['I4', '2023-06-02', 0, ['E', 'F'], []],
    ['I5', '2023-06-03', 1, ['M'], ['N']], // M assaulted N …
    ['I6', '2023-06-04', 1, ['N'], ['M']], // … and N assaulted M
    ['I7', '2023-11-01', 3, ['A'], ['B']], // A stabbed B
    ['I8', '2023-12-01', 3, ['X'], ['D']], // D shot
    ['I9', '2023-12-10', 3, ['Y'], ['H']], // H stabbed
    ['I10', '2023-12-15', 3, ['Z'], ['J']], // J shot
    ['I11', '2023-12-20', 3, ['W'], ['N']], // N shot
  ]);
  for (const x of data.incidents) {
    if (['I8', 'I10', 'I11'].includes(x.incident_id)) x.weapon = 'firearm';
    if (['I7', 'I9'].includes(x.incident_id)) x.weapon = 'knife';
  }
  const index = indexDataset(data);
  const near = (id: string) =>
    harmOnRecord(index, index.personIndex.get(id), 0, index.day.length, toDay(asOf), 3, (x) => x);
  const said = (id: string) => unusedHarmReasons([], near(id));

  it('an offender in the incident in which the other was harmed', () => {
    expect(near('A').near?.tie).toBe('offender-in-it');
    expect(said('A')).toEqual([
      'B was stabbed 61 days ago, in an incident in which they themselves were recorded as an offender (on record; not part of the score)',
    ]);
  });

  it('the other recorded as harming them, or as harmed by them, in an earlier violent incident', () => {
    expect(said('E')).toEqual([
      'D, who was recorded as harming them, was shot 31 days ago (on record; not part of the score)',
    ]);
    expect(said('G')).toEqual([
      'H, whom they were recorded as harming, was stabbed 22 days ago (on record; not part of the score)',
    ]);
    expect(said('M')).toEqual([
      'N, who was recorded as harming them and as harmed by them, was shot 12 days ago (on record; not part of the score)',
    ]);
  });

  it('a non-violent incident (a theft) is no harm between them: "shared an incident"', () => {
    expect(said('K')).toEqual([
      'J, who shared an incident with them, was shot 17 days ago (on record; not part of the score)',
    ]);
  });

  it('rankForOutreach says it in the reasons and the explanation', () => {
    const list = rows<ListRow>(rankForOutreach(data, { asOf, minEvidence: 1 }));
    const a = list.find((r) => r.person_id === 'A')!;
    expect(a.reasons).toContain(
      'B was stabbed 61 days ago, in an incident in which they themselves were recorded as an offender (on record; not part of the score)',
    );
    expect(a.explanation).toBe(
      'On record, B was stabbed 61 days ago, in an incident in which they themselves were recorded as an offender; the score comes from their own record (the usual rate of serious harm for people with records like theirs) and does not count this. An offer of support now could help.',
    );
  });

  it('the example police export: N003 was recorded as an offender in the incident in which N005 was hurt', async () => {
    const r = await cli(['rank', ...EXPORT_ARGS, '--format', 'json']);
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.stdout);
    const list: ListRow[] = Array.isArray(parsed) ? parsed : parsed.rows;
    const n003 = list.find((x) => x.person_id === 'N003')!;
    expect(n003.explanation).toBe(
      'On record, they were themselves seriously hurt 39 days ago, and N005 was seriously hurt 83 days ago, in an incident in which they themselves were recorded as an offender; the score comes from their own record (the usual rate of serious harm for people with records like theirs) and does not count their own harm or the harm to N005. An offer of support now could help.',
    );
    // N002 and N003 co-offended: "shared an incident", as before.
    expect(list.find((x) => x.person_id === 'N002')!.explanation).toContain(
      'N003, who shared an incident with them, was seriously hurt 39 days ago',
    );
  });
});
