import { describe, expect, it } from 'vitest';
import { DataRefusedError, InputError, OptionError } from '../../src/core/errors.js';
import { profileData, refuseIfMeaningless, tiedScoresWarning } from '../../src/core/profile.js';
import { toDay } from '../../src/core/time.js';
import type { Dataset, Incident, Involvement, Severity } from '../../src/core/types.js';
import { synthCity } from '../../src/synth/index.js';

function dataset(rows: [string, string, Severity, [string, Involvement['role']][]][]): Dataset {
  const incidents: Incident[] = [];
  const involvements: Involvement[] = [];
  for (const [id, date, severity, who] of rows) {
    incidents.push({ incident_id: id, date, day: toDay(date), offence: '', severity });
    for (const [person_id, role] of who) involvements.push({ incident_id: id, person_id, role });
  }
  return { incidents, involvements, people: [], auditColumns: [] };
}

describe('profileData', () => {
  it('counts dates, heaping, serious events, offenders, single records and components', () => {
    const d = dataset([
      [
        'i1',
        '2023-01-01',
        1,
        [
          ['a', 'offender'],
          ['b', 'offender'],
        ],
      ],
      ['i2', '2023-01-01', 3, [['c', 'victim']]],
      [
        'i3',
        '2023-02-01',
        0,
        [
          ['a', 'offender'],
          ['d', 'victim'],
        ],
      ],
      [
        'i4',
        '2024-01-01',
        4,
        [
          ['e', 'victim'],
          ['f', 'offender'],
        ],
      ],
    ]);
    const p = profileData(d);
    expect(p).toMatchObject({
      incidents: 4,
      people: 6,
      firstDate: '2023-01-01',
      lastDate: '2024-01-01',
      spanDays: 365,
      distinctDates: 3,
      mostCommonDate: '2023-01-01',
      mostCommonDateShare: 0.5,
      firstOfMonthShare: 1,
      incidentsWithoutOffender: 1,
      seriousEvents: 2,
      singleRecordPeople: 5,
    });
    expect(p.seriousEventsPerYear).toBeCloseTo(2 / (366 / 365.25), 10);
    // a–b–d linked through i1 and i3: 3 of 6 people.
    expect(p.largestComponentShare).toBe(0.5);
    expect(p.warnings).toEqual([
      '50% of incidents carry the date 2023-01-01: dates may have been filled in (date heaping), which blurs timing.',
      '100% of incidents are dated on the 1st of a month (about 3% expected): dates may have been rounded to the month, which blurs timing.',
      'Only 2 serious events (2.0 a year): model estimates will be very uncertain.',
      '83% of people appear in a single record: the network is thin and network measures say little about them.',
    ]);
    expect(Object.isFrozen(p)).toBe(true);
    expect(profileData(d)).toBe(p); // computed once per dataset
  });

  it('all incidents on one date: a warning, and fit, rank, backtest and timing refused', () => {
    const d = dataset([
      ['i1', '2020-03-05', 3, [['a', 'victim']]],
      [
        'i2',
        '2020-03-05',
        1,
        [
          ['a', 'offender'],
          ['b', 'offender'],
        ],
      ],
    ]);
    const p = profileData(d);
    expect(p.distinctDates).toBe(1);
    expect(p.warnings[0]).toBe(
      "All 2 incidents carry the same date (2020-03-05), so nothing about timing can be learnt: contagion fits, rankings and backtests are refused. Check that the export carries each incident's own date.",
    );
    for (const a of ['fit', 'rank', 'backtest', 'timing'] as const) {
      expect(() => refuseIfMeaningless(p, a)).toThrow(DataRefusedError);
      try {
        refuseIfMeaningless(p, a);
      } catch (e) {
        expect((e as DataRefusedError).code).toBe('single-date');
        expect((e as Error).message).toMatch(
          new RegExp(`^${a} refused: all 2 incidents carry the same date \\(2020-03-05\\)`),
        );
        expect((e as Error).message).not.toContain('\n');
      }
    }
  });

  it('no serious events: fit and rank refused (no-events), backtest allowed', () => {
    const d = dataset([
      ['i1', '2020-03-05', 1, [['a', 'offender']]],
      [
        'i2',
        '2021-03-05',
        2,
        [
          ['a', 'offender'],
          ['b', 'victim'],
        ],
      ],
    ]);
    const p = profileData(d);
    expect(p.seriousEvents).toBe(0);
    expect(p.warnings).toContain(
      'No incident of severity 3 or more: there are no serious events to model, so fits and rankings are refused.',
    );
    expect(() => refuseIfMeaningless(p, 'fit')).toThrow(
      /^fit refused: no incident of severity 3 or more/,
    );
    expect(() => refuseIfMeaningless(p, 'rank')).toThrow(
      expect.objectContaining({ code: 'no-events' }),
    );
    expect(() => refuseIfMeaningless(p, 'backtest')).not.toThrow();
    expect(profileData(d, { minSeverity: 2 }).seriousEvents).toBe(1);
  });

  it('a synthetic city profiles clean: no warnings, one large component', () => {
    const { data } = synthCity({ people: 500, years: 3, seed: 4 });
    const p = profileData(data);
    expect(p.distinctDates).toBeGreaterThan(300);
    expect(p.firstOfMonthShare).toBeLessThan(0.06);
    expect(p.seriousEventsPerYear).toBeGreaterThan(5);
    expect(p.largestComponentShare).toBeGreaterThan(0.5);
    expect(p.warnings).toEqual([]);
  });

  it('guards its input and options', () => {
    expect(() => profileData(null as never)).toThrow(InputError);
    expect(() => profileData(synthCity({ people: 50, seed: 1 }) as never)).toThrow(
      /^profileData: expected a dataset .* got an object holding a dataset in `data`\. Pass its `data`/,
    );
    expect(() => profileData(dataset([]), { minSeverty: 2 } as never)).toThrow(OptionError);
    expect(profileData(dataset([])).warnings).toEqual([
      'The data hold no incidents: there is nothing to analyse.',
    ]);
  });
});

describe('tiedScoresWarning', () => {
  it('warns when most of a list shares one score, printing the tie-break rule', () => {
    expect(tiedScoresWarning([0.135, 0.135, 0.135, 0.2], 'most recent evidence first')).toBe(
      '3 of 4 people listed share the same score (0.135), so the score does not order them; their order is set by most recent evidence first.',
    );
    expect(tiedScoresWarning([0.3, 0.2, 0.2, 0.1], 'x')).toBeUndefined();
    expect(tiedScoresWarning([1], 'x')).toBeUndefined();
  });
});
