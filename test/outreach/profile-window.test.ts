import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../src/contagion/hawkes/fit.js';
import { DataRefusedError } from '../../src/core/errors.js';
import { analyse } from '../../src/outreach/analyse.js';
import { listMetadata } from '../../src/outreach/purpose.js';
import { rankForOutreach } from '../../src/outreach/rank-for-outreach.js';
import { type IncidentSpec, makeDataset } from '../helpers.js';

/**
 * The data profile a list, an analysis and a fit carry is of the records they use: those in the
 * retention window before asOf. It counted the records past retention too, which every analysis
 * drops: a list as of 2024-01-01 read 'excluded by retention: 6' and yet carried a profile of 18
 * incidents from 2010, with a date-heaping warning made only of those old records.
 */
function city(): ReturnType<typeof makeDataset> {
  const old: IncidentSpec[] = Array.from({ length: 6 }, (_, i) => [
    `O${i}`,
    `2010-0${i + 1}-01`,
    i % 2 ? 3 : 1,
    [`Q${i}`],
    [`R${i}`],
  ]);
  const recent: IncidentSpec[] = Array.from({ length: 12 }, (_, i) => [
    `N${i}`,
    `2023-0${1 + Math.floor(i / 2)}-${String(7 + 9 * (i % 2)).padStart(2, '0')}`,
    i % 3 ? 1 : 3,
    [`P${i % 5}`, `P${(i + 1) % 5}`],
    [`V${i % 4}`],
  ]);
  return makeDataset([...old, ...recent]);
}

describe('the profile of the records the analysis uses, not those past retention', () => {
  it('a list carries the profile of its window: counts agree, no warning from dropped records', () => {
    const data = city();
    const list = rankForOutreach(data, { asOf: '2024-01-01', minEvidence: 1 });
    const meta = listMetadata(list)!;
    expect(meta.excludedByRetention).toBe(6);
    // Before: 18 incidents from 2010-01-01, and 'dates were probably … rounded to the month'.
    expect([meta.profile!.incidents, meta.profile!.firstDate]).toEqual([
      meta.dataWindow.incidents,
      '2023-01-07',
    ]);
    expect(meta.profile!.seriousEvents).toBe(4);
    expect(meta.warnings!.join(' ')).not.toMatch(/1st of/);
    // With a retention that keeps them, the old records are profiled (and warned of) again.
    const all = listMetadata(rankForOutreach(data, { asOf: '2024-01-01', retentionYears: 20 }))!;
    expect(all.profile!.incidents).toBe(18);
    expect(all.warnings!.join(' ')).toMatch(/1st of/);
  });

  it('analyse and the fit carry the same window profile', () => {
    const data = city();
    const a = analyse(data, { asOf: '2024-01-01', limit: 5 });
    expect(a.profile.incidents).toBe(12);
    expect(a.model.warnings.join(' ')).not.toMatch(/1st of/);
    const m = fitNetworkHawkes(data, { asOf: '2024-01-01', standardErrors: false });
    expect(m.warnings.join(' ')).not.toMatch(/1st of/);
  });

  it('records before asOf all past retention: refused saying so, not "no records before asOf"', () => {
    const data = city();
    let e: unknown;
    try {
      analyse(data, { asOf: '2022-12-01' });
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(DataRefusedError);
    expect((e as Error).message).toBe(
      'analyse refused: no records between 2016-12-01 and the as-of date 2022-12-01: the records before 2016-12-01 (from 2010-01-01) are past the retention horizon; choose an earlier asOf.',
    );
  });
});
