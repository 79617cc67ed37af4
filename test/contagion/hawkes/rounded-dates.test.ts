import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../../src/contagion/hawkes/fit.js';
import { roundedDatesWarning } from '../../../src/contagion/hawkes/precision.js';
import { profileData } from '../../../src/core/profile.js';
import { dayToIso, toDay } from '../../../src/core/time.js';
import type { Dataset } from '../../../src/core/types.js';
import { synthCity } from '../../../src/synth/city.js';
import { makeDataset } from '../../helpers.js';

/** The same records with every date moved by `round` (an export that rounds its dates). */
function rounded(data: Dataset, round: (day: number) => number): Dataset {
  return {
    ...data,
    incidents: data.incidents.map((i) => {
      const day = round(Math.floor(i.day));
      return { ...i, day, date: dayToIso(day) };
    }),
  };
}
const toMonth = (d: number) => toDay(`${dayToIso(d).slice(0, 8)}01`);
const toMonday = (d: number) => d - ((((d + 3) % 7) + 7) % 7);
/** Each event its own incident. */
const own = Array.from({ length: 100 }, (_, i) => i);

describe('dates rounded to the month or the week', () => {
  // 3,000 people, 376 serious events; exact dates: exponential kernel, mean delay 101 days.
  const { data } = synthCity({ people: 3000, seed: 3 });
  const opts = { standardErrors: false } as const;
  const isRounding = (w: string) => w.includes('dates look rounded to');

  it('exact dates: no warning', () => {
    const m = fitNetworkHawkes(data, opts);
    expect(m.warnings.filter(isRounding)).toEqual([]);
    expect(profileData(data).warnings.filter((w) => w.includes('rounded'))).toEqual([]);
  });

  it('dates on the 1st of each month: the fit says the delay is known to a month and the Erlang rise may be the rounding', () => {
    const m = fitNetworkHawkes(rounded(data, toMonth), opts);
    // What the rounding did (last run): Erlang shape 2 instead of the exponential, share 0.57 not 0.65.
    expect(m.kernel.type).toBe('erlang');
    const w = m.warnings.filter(isRounding);
    expect(w).toEqual([
      `100% of the 376 serious incidents fall on day 1 of a month: dates look rounded to the month. Events of one month cannot excite each other, so the delay (mean ${Math.round(m.delays.mean)} days) is known to a month at best and reads long (the Erlang kernel's rise, shape ${m.kernel.shape}, may be this rounding), and the share may be too low.`,
    ]);
  });

  it('dates on the Monday of each week: the fit and the data profile say so', () => {
    const d = rounded(data, toMonday);
    const m = fitNetworkHawkes(d, opts);
    expect(m.warnings.filter(isRounding)[0]).toMatch(
      /^100% of the 376 serious incidents fall on a Monday: dates look rounded to the week\. .* known to a week at best/,
    );
    expect(profileData(d).mostCommonWeekday).toBe('Monday');
    expect(profileData(d).warnings).toContain(
      '100% of dates with incidents are Mondays (about 14% expected): dates may have been rounded to the week, which blurs timing.',
    );
    expect(profileData(data).mostCommonWeekdayShare).toBeLessThan(0.2);
  });

  it('no contagion found on rounded dates may be the rounding; few events or spread days: nothing', () => {
    const firsts = Array.from({ length: 30 }, (_, i) =>
      toDay(`20${20 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`),
    );
    expect(roundedDatesWarning(firsts, 0, { alpha: 0, meanDelay: 0, erlangShape: null }, own)).toBe(
      '100% of the 30 serious incidents fall on day 1 of a month: dates look rounded to the month. Events of one month cannot excite each other, so contagion within a month cannot be seen: finding none may be this rounding.',
    );
    expect(
      roundedDatesWarning(
        firsts.slice(0, 19),
        0,
        { alpha: 0, meanDelay: 0, erlangShape: null },
        own,
      ),
    ).toBeUndefined();
    const spread = Array.from({ length: 60 }, (_, i) => 18_000 + i * 3);
    expect(
      roundedDatesWarning(spread, 0, { alpha: 0.1, meanDelay: 50, erlangShape: null }, own),
    ).toBeUndefined();
  });

  it('one shooting with many victims on one day is not rounding: incidents are counted, not events', () => {
    // 12 serious incidents on exact dates over two years, and a party shooting on 2023-07-15 with
    // 20 victims: 20 of the 32 events (63%) fall on a 15th and on a Saturday, but 1 of 13 incidents.
    const specs: [string, string, number, string[], string[]][] = [];
    for (let i = 0; i < 12; i++) {
      const day = toDay('2022-01-03') + i * 61 + (i % 5);
      specs.push([`I${i}`, dayToIso(day), 3, [`O${i}`], [`V${i % 6}`]]);
    }
    const victims = Array.from({ length: 20 }, (_, v) => `P${v}`);
    specs.push(['MASS', '2023-07-15', 3, ['O0'], victims]);
    for (let i = 0; i < 8; i++)
      specs.push([`T${i}`, dayToIso(toDay('2022-02-01') + i * 83), 1, [`O${i}`, `P${i}`], []]);
    const data = makeDataset(specs);
    const m = fitNetworkHawkes(data, { asOf: '2024-01-01', standardErrors: false });
    expect(m.warnings.filter(isRounding)).toEqual([]);
    // The same days, each event taken as its own incident (the count before): 20 of 32 on a 15th.
    const days = [...specs.filter((s) => s[2] === 3)].flatMap((s) => s[4].map(() => toDay(s[1])));
    days.sort((a, b) => a - b);
    expect(
      roundedDatesWarning(days, 0, { alpha: 0, meanDelay: 0, erlangShape: null }, own),
    ).toMatch(/^\d+% of the 32 serious incidents fall on day 15 of a month/);
  });
});
