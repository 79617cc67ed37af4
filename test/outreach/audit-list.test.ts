import { describe, expect, it } from 'vitest';
import { OptionError } from '../../src/core/errors.js';
import type { Dataset } from '../../src/core/types.js';
import { auditList } from '../../src/outreach/audit-list.js';
import { listMetadata, PURPOSE_LABEL } from '../../src/outreach/purpose.js';
import { rankForOutreach } from '../../src/outreach/rank-for-outreach.js';
import { makeDataset } from '../helpers.js';
import { type AuditRow, rows } from './fixtures.js';

// The small city of fixtures.ts, plus two serious harms in the 90 days after the list date
// (C on 2024-02-01, B on 2024-03-01), areas, groups and an audit-only attribute.
function city(): Dataset {
  const data = makeDataset(
    [
      ['I0', '2016-06-01', 3, ['A'], ['E']],
      ['I1', '2023-01-10', 0, ['A', 'B'], []],
      ['I2', '2023-02-01', 0, ['B', 'C'], []],
      ['I3', '2023-03-01', 0, ['C', 'D'], []],
      ['I4', '2023-12-01', 3, ['X'], ['A']],
      ['F1', '2024-02-01', 3, ['D'], ['C']],
      ['F2', '2024-03-01', 3, [], ['B']],
    ],
    { A: 'g1', B: 'g1', C: 'g2', D: 'g2', E: 'g1' },
  );
  const area: Record<string, string> = { I1: 'north', I2: 'north', I3: 'south', I4: 'south' };
  for (const x of data.incidents) if (area[x.incident_id]) x.area = area[x.incident_id];
  const eth: Record<string, string> = { A: 'x', B: 'y', C: 'x', D: 'x', X: 'y', E: 'x' };
  data.people = Object.keys(eth).map((id) => ({
    ...(data.people.find((p) => p.person_id === id) ?? { person_id: id }),
    audit: { ethnicity: eth[id] },
  }));
  data.auditColumns = ['ethnicity'];
  return data;
}

const asOf = '2024-01-01';

describe('auditList', () => {
  const data = city();
  const list = rankForOutreach(data, { asOf });

  it('the list itself never sees the records after its date', () => {
    expect(list.array('person_id')).toEqual(['A', 'B', 'C']);
  });

  it('compares the list with future victims and the population, by group (counted by hand)', () => {
    const rs = rows<AuditRow>(auditList(data, list, { by: ['group'] }));
    // list A B C; victims in [2024-01-01, 2024-03-31): C, B; population A B C D X.
    expect(rs.map((r) => [r.value, r.list_n, r.victims_n, r.population_n])).toEqual([
      ['(unknown)', 0, 0, 1],
      ['g1', 2, 1, 2],
      ['g2', 1, 1, 2],
    ]);
    const g1 = rs[1];
    expect(g1.list_share).toBeCloseTo(2 / 3, 12);
    expect(g1.victims_share).toBe(0.5);
    expect(g1.population_share).toBe(0.4);
    expect(g1.list_vs_victims).toBeCloseTo(4 / 3, 12);
    expect(g1.list_vs_population).toBeCloseTo(5 / 3, 12);
    expect(rs[0].list_vs_victims).toBeNull(); // no victims to compare with
  });

  it('protected attributes are welcome as audit columns, and area is each person’s usual area', () => {
    const t = auditList(data, list, { by: ['ethnicity', 'area'] });
    const rs = rows<AuditRow>(t);
    const get = (a: string, v: string) => rs.find((r) => r.attribute === a && r.value === v)!;
    expect([
      get('ethnicity', 'x').list_n,
      get('ethnicity', 'x').victims_n,
      get('ethnicity', 'x').population_n,
    ]).toEqual([2, 1, 3]);
    expect([
      get('ethnicity', 'y').list_n,
      get('ethnicity', 'y').victims_n,
      get('ethnicity', 'y').population_n,
    ]).toEqual([1, 1, 2]);
    // A: north, south (tie → north); B: north; C: north, south (→ north); D: south; X: south.
    expect([get('area', 'north').list_n, get('area', 'north').population_n]).toEqual([3, 3]);
    expect([get('area', 'south').list_n, get('area', 'south').population_n]).toEqual([0, 2]);
    expect(listMetadata(t)!.purpose).toBe(PURPOSE_LABEL);
    expect(listMetadata(t)!.parameters).toMatchObject({ asOf, horizonDays: 90, victims: 'after' });
  });

  it('a live list (no records after its date) is compared with the victims of the horizon before it', () => {
    const t = auditList(data, list, {
      by: ['group'],
      asOf: '2024-06-01',
      victims: 'before',
      horizonDays: 200,
    });
    expect(listMetadata(t)!.parameters.victims).toBe('before');
    // Two dates: a list from data with every incident on one date is refused.
    const past = makeDataset(
      [
        ['I0', '2022-12-01', 0, ['A', 'B'], []],
        ['I1', '2023-01-10', 3, ['A'], ['B']],
      ],
      { A: 'g1', B: 'g1' },
    );
    const live = rankForOutreach(past, { asOf: '2023-02-01', minEvidence: 1 });
    expect(listMetadata(auditList(past, live, { by: ['group'] }))!.parameters.victims).toBe(
      'before',
    );
  });

  it('takes the data first: the old order (list, data) is an InputError saying so', () => {
    const swapped = auditList as unknown as (a: unknown, b: unknown) => unknown;
    expect(() => swapped(list, data)).toThrow(/dataset first and the list second/);
    expect(() => swapped(data, data)).toThrow(/needs the list as an arquero table/);
  });

  it('refuses unknown columns, and a pseudonymised list without its key', () => {
    expect(() => auditList(data, list, { by: ['religion'] })).toThrow(/cannot audit by 'religion'/);
    // An export's 'Ethnicity' asked for as the guide's 'ethnicity' (or misspelt) is named: the
    // error listed the columns but not the one meant, and was a RangeError, not an OptionError.
    expect(() => auditList(data, list, { by: ['Ethnicty'] })).toThrow(
      "auditList: cannot audit by 'Ethnicty'. Did you mean 'ethnicity'? Use 'area', 'group' or an audit column of the people table (ethnicity)",
    );
    expect(() => auditList(data, list, { by: ['arae'] })).toThrow(OptionError);
    const ps = rankForOutreach(data, { asOf, pseudonymise: { key: 'a sixteen-byte+ test key' } });
    expect(() => auditList(data, ps)).toThrow(/pseudonymised/);
    const a = auditList(data, ps, {
      by: ['group'],
      pseudonymise: { key: 'a sixteen-byte+ test key' },
    }).objects();
    expect(a).toEqual(auditList(data, list, { by: ['group'] }).objects());
  });
});

describe('auditList population: the people a list could name', () => {
  it('leaves out the killed before asOf (only victims of a homicide), as the list does: 8 → 6', () => {
    const data = makeDataset(
      [
        ['I0', '2022-06-01', 3, ['A'], ['E']],
        ['I1', '2023-01-10', 0, ['A', 'B'], []],
        ['I2', '2023-02-01', 0, ['B', 'C'], []],
        ['I3', '2023-03-01', 0, ['C', 'D'], []],
        ['H1', '2023-06-01', 4, ['X'], ['K1']],
        ['H2', '2023-07-01', 4, ['X'], ['K2']],
        ['I4', '2023-12-01', 3, ['X'], ['A']],
        ['F1', '2024-02-01', 3, ['D'], ['C']],
      ],
      { A: 'g1', B: 'g1', C: 'g2', D: 'g2', E: 'g1', K1: 'g3', K2: 'g3' },
    );
    const list = rankForOutreach(data, { asOf: '2024-01-01' });
    expect(listMetadata(list)!.summary).toContain('out of 6 people with records');
    const t = auditList(data, list, { by: ['group'] });
    const rs = rows<AuditRow>(t);
    // The two killed (group g3) were counted in the population: g3 read list_vs_population 0,
    // a disproportion made only of people no list can name.
    expect(rs.map((r) => [r.value, r.list_n, r.population_n])).toEqual([
      ['(unknown)', 1, 1],
      ['g1', 2, 3],
      ['g2', 1, 2],
    ]);
    expect(rs.reduce((s, r) => s + r.population_n, 0)).toBe(6);
    expect(listMetadata(t)!.summary).toContain(
      'against 1 person victimised (severity ≥ 3) in the horizon (2024-01-01 to 2024-03-30) and 6 people in the network population (not counting 2 people killed before 2024-01-01 (the only victim of a homicide on record), whom no list names).',
    );
  });

  it('leaves out the people out of the risk set over the whole horizon (exits: custody), as a model with them does', () => {
    const data = makeDataset(
      [
        ['I0', '2022-06-01', 3, ['A'], ['E']],
        ['I1', '2023-01-10', 0, ['A', 'B'], []],
        ['I2', '2023-02-01', 0, ['B', 'C'], []],
        ['I3', '2023-03-01', 0, ['C', 'D'], []],
        ['I4', '2023-12-01', 3, ['X'], ['A']],
        ['F1', '2024-02-01', 3, ['D'], ['C']],
      ],
      { A: 'g1', B: 'g1', C: 'g2', D: 'g2', E: 'g1', X: 'g3' },
    );
    const list = rankForOutreach(data, { asOf: '2024-01-01' });
    const exits = [
      // In custody over the whole horizon: left out of the population.
      { person_id: 'X', from: '2023-12-02', to: '' },
      { person_id: 'E', from: '2023-06-01', to: '2024-06-01' },
      // Out for part of the horizon only: still at risk, still counted.
      { person_id: 'D', from: '2024-01-15', to: '2024-02-15' },
      // Nobody in the records: nothing.
      { person_id: 'NOBODY', from: '2023-01-01' },
    ];
    const plain = rows<AuditRow>(auditList(data, list, { by: ['group'] }));
    const t = auditList(data, list, { by: ['group'], exits });
    const rs = rows<AuditRow>(t);
    const pop = (r: AuditRow[]) => Object.fromEntries(r.map((x) => [x.value, x.population_n]));
    // Before: X (g3) and E (g1) were in the population, g3 reading list_vs_population 0.
    expect(pop(plain)).toEqual({ g1: 3, g2: 2, g3: 1 });
    expect(pop(rs)).toEqual({ g1: 2, g2: 2 });
    expect(listMetadata(t)!.summary).toContain(
      'and 4 people in the network population (not counting 2 people out of the risk set over the whole horizon (exits: custody, moved away), whom no list names).',
    );
    expect(() => auditList(data, list, { exits: [{ person_id: 'X', from: 'soon' }] })).toThrow(
      'auditList exits row 1: from "soon" is not a date (YYYY-MM-DD; an empty to: still out)',
    );
    // Before: 'Cannot read properties of undefined (reading 'trim')'.
    expect(() =>
      auditList(data, list, { exits: [{ person_id: 'X', to: '2024-01-01' } as never] }),
    ).toThrow(
      "auditList exits row 1: no 'from' (the first day out, YYYY-MM-DD); every exit needs one",
    );
    expect(() => auditList(data, list, { exits: [{ person_id: 'X', from: '' }] })).toThrow(
      "auditList exits row 1: no 'from'",
    );
    expect(() => auditList(data, list, { exit: [] } as never)).toThrow(/Did you mean 'exits'/);
  });

  it('merges back-to-back exits rows of one person that cover the horizon between them', () => {
    const data = makeDataset(
      [
        ['I0', '2022-06-01', 3, ['A'], ['E']],
        ['I1', '2023-01-10', 0, ['A', 'B'], []],
        ['I2', '2023-02-01', 0, ['B', 'C'], []],
        ['I3', '2023-03-01', 0, ['C', 'D'], []],
        ['I4', '2023-12-01', 3, ['X'], ['A']],
        ['F1', '2024-02-01', 3, ['D'], ['C']],
      ],
      { A: 'g1', B: 'g1', C: 'g2', D: 'g2', E: 'g1', X: 'g3' },
    );
    const list = rankForOutreach(data, { asOf: '2024-01-01' });
    const exits = [
      // Custody to 2024-01-15, then from 2024-01-15 on: out over the whole horizon.
      { person_id: 'X', from: '2024-01-15' },
      { person_id: 'X', from: '2023-12-02', to: '2024-01-15' },
      // Two rows with a day between them: at risk on that day, still counted.
      { person_id: 'D', from: '2023-12-01', to: '2024-01-20' },
      { person_id: 'D', from: '2024-01-21' },
    ];
    const rs = rows<AuditRow>(auditList(data, list, { by: ['group'], exits }));
    const pop = Object.fromEntries(rs.map((x) => [x.value, x.population_n]));
    // Before: X stayed in the population (g3: 1) though no row alone covered the horizon.
    expect(pop).toEqual({ g1: 3, g2: 2 });
  });

  it('reads exits rows as the fit does: a misspelt field or a date under another name is refused', () => {
    // Before: 'until' was not read, so the row was open-ended and E left out of the population,
    // while fitNetworkHawkes refused the same row; 'person' for 'person_id' read "needs person_id".
    const data = makeDataset(
      [
        ['I0', '2022-06-01', 3, ['A'], ['E']],
        ['I1', '2023-01-10', 0, ['A', 'B'], []],
      ],
      { A: 'g1', B: 'g1', E: 'g2' },
    );
    const list = rankForOutreach(data, { asOf: '2024-01-01' });
    const audit = (row: Record<string, unknown>) => () =>
      auditList(data, list, { exits: [row as never] });
    expect(audit({ person_id: 'E', from: '2023-06-01', until: '2023-09-01' })).toThrow(
      "auditList exits row 1: field 'until' holds a date (\"2023-09-01\"); an exit reads its start from 'from' and its end from 'to'",
    );
    expect(audit({ persn_id: 'E', from: '2023-06-01' })).toThrow(/Did you mean 'person_id'/);
  });
});
