import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../src/contagion/hawkes/fit.js';
import { profileData } from '../../src/core/profile.js';
import { listMetadata } from '../../src/outreach/purpose.js';
import { rankForOutreach } from '../../src/outreach/rank-for-outreach.js';
import { makeDataset } from '../helpers.js';

const WARNING =
  '1 serious incident repeats the date, victims and offenders of another (a duplicate? I4-copy repeats I4): each copy counts again in fits and lists.';

/** A shooting of A (I4) exported a second time as I4-copy; other serious harm on other days. */
function withCopy(copy: boolean) {
  return makeDataset([
    ['I1', '2023-01-10', 0, ['A', 'B'], []],
    ['I2', '2023-02-03', 0, ['B', 'C'], []],
    ['I3', '2023-03-07', 3, ['D'], ['C']],
    ['I4', '2023-06-01', 3, ['X'], ['A']],
    ...(copy ? ([['I4-copy', '2023-06-01', 3, ['X'], ['A']]] as const) : []),
    ['I5', '2023-06-01', 3, ['Y'], ['B']], // the same day, another victim: not a copy
    ['I6', '2023-08-14', 3, ['B'], ['D']],
    ['I7', '2023-09-20', 0, ['A', 'D'], []],
  ] as never);
}

describe('one harm recorded twice', () => {
  it('the profile counts it and warns; the fit and the list carry the warning', () => {
    const data = withCopy(true);
    expect(profileData(data).repeatedSeriousIncidents).toBe(1);
    expect(profileData(data).warnings).toContain(WARNING);
    expect(fitNetworkHawkes(data, { standardErrors: false }).warnings).toContain(WARNING);
    // Without it, lists on such data repeat reasons ("victim of a shooting 12 days ago: 0.047" twice) with no word why.
    const list = rankForOutreach(data, { asOf: '2023-07-01' });
    expect(listMetadata(list)!.warnings).toContain(WARNING);
  });

  it('two shootings of one person on one day, at other times or by other people, are not copies', () => {
    // review2: the same victim shot at 10:00 by X and at 22:00 by Y was '1 serious incident repeats …'.
    const twice = (second: [string, string]) =>
      makeDataset([
        ['I1', '2023-01-10', 0, ['A', 'B'], []],
        ['I2', '2023-03-07', 3, ['D'], ['C']],
        ['I3', '2023-06-01T10:00:00', 3, ['X'], ['A']],
        ['I4', second[0], 3, [second[1]], ['A']],
        ['I5', '2023-08-14', 3, ['B'], ['D']],
      ] as never);
    expect(profileData(twice(['2023-06-01T22:00:00', 'X'])).repeatedSeriousIncidents).toBe(0);
    expect(profileData(twice(['2023-06-01T10:00:00', 'Y'])).repeatedSeriousIncidents).toBe(0);
    const copy = profileData(twice(['2023-06-01T10:00:00', 'X']));
    expect(copy.repeatedSeriousIncidents).toBe(1);
    expect(copy.repeatedSeriousExample).toBe('I4 repeats I3');
  });

  it('a copy dated the next day is counted too (date only)', () => {
    // worlds-unseen (bench/results/worlds-unseen-2026-12-03.md): 15% of serious incidents
    // exported again dated the next day were not warned of (only same-date copies were).
    const next = (date: string, victim = 'X') =>
      makeDataset([
        ['I1', '2023-01-10', 0, ['A', 'B'], []],
        ['I2', '2023-03-07', 3, ['D'], ['C']],
        ['I3', '2023-06-01', 3, ['X'], ['A']],
        ['I3-next', date, 3, [victim], ['A']],
        ['I5', '2023-08-14', 3, ['B'], ['D']],
      ] as never);
    const p = profileData(next('2023-06-02'));
    expect(p.repeatedSeriousIncidents).toBe(1);
    expect(p.repeatedSeriousNextDay).toBe(1);
    expect(p.repeatedSeriousExample).toBe('I3-next repeats I3 of the day before');
    expect(p.warnings).toContain(
      '1 serious incident repeats the date (1 the day after), victims and offenders of another (a duplicate? I3-next repeats I3 of the day before): each copy counts again in fits and lists.',
    );
    // Two days later, another offender, or a time of day: not a copy.
    expect(profileData(next('2023-06-03')).repeatedSeriousIncidents).toBe(0);
    expect(profileData(next('2023-06-02', 'Y')).repeatedSeriousIncidents).toBe(0);
    expect(profileData(next('2023-06-02T10:00:00')).repeatedSeriousIncidents).toBe(0);
  });

  it('no copy, or harm to others on the same day: no warning', () => {
    expect(profileData(withCopy(false)).repeatedSeriousIncidents).toBe(0);
    expect(profileData(withCopy(false)).warnings.join(' ')).not.toMatch(/repeat/);
  });
});
