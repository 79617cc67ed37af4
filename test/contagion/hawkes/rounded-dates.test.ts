import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../../src/contagion/hawkes/fit.js';
import { roundedDatesWarning } from '../../../src/contagion/hawkes/precision.js';
import { profileData } from '../../../src/core/profile.js';
import { dayToIso, toDay } from '../../../src/core/time.js';
import type { Dataset } from '../../../src/core/types.js';
import { synthCity } from '../../../src/synth/city.js';

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
      `100% of the 376 serious events fall on day 1 of a month: dates look rounded to the month. Events of one month cannot excite each other, so the delay (mean ${Math.round(m.delays.mean)} days) is known to a month at best and reads long (the Erlang kernel's rise, shape ${m.kernel.shape}, may be this rounding), and the share may be too low. Use exact dates if the source has them.`,
    ]);
  });

  it('dates on the Monday of each week: the fit and the data profile say so', () => {
    const d = rounded(data, toMonday);
    const m = fitNetworkHawkes(d, opts);
    expect(m.warnings.filter(isRounding)[0]).toMatch(
      /^100% of the 376 serious events fall on a Monday: dates look rounded to the week\. .* known to a week at best/,
    );
    expect(profileData(d).mostCommonWeekday).toBe('Monday');
    expect(profileData(d).warnings).toContain(
      '100% of incidents are dated on a Monday (about 14% expected): dates may have been rounded to the week, which blurs timing.',
    );
    expect(profileData(data).mostCommonWeekdayShare).toBeLessThan(0.2);
  });

  it('no contagion found on rounded dates may be the rounding; few events or spread days: nothing', () => {
    const firsts = Array.from({ length: 30 }, (_, i) =>
      toDay(`20${20 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`),
    );
    expect(roundedDatesWarning(firsts, 0, { alpha: 0, meanDelay: 0, erlangShape: null })).toBe(
      '100% of the 30 serious events fall on day 1 of a month: dates look rounded to the month. Events of one month cannot excite each other, so contagion within a month cannot be seen: finding none may be this rounding. Use exact dates if the source has them.',
    );
    expect(
      roundedDatesWarning(firsts.slice(0, 19), 0, { alpha: 0, meanDelay: 0, erlangShape: null }),
    ).toBeUndefined();
    const spread = Array.from({ length: 60 }, (_, i) => 18_000 + i * 3);
    expect(
      roundedDatesWarning(spread, 0, { alpha: 0.1, meanDelay: 50, erlangShape: null }),
    ).toBeUndefined();
  });
});
