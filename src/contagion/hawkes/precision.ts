import { delayDays } from '../../core/format.js';
import { WEEKDAYS } from '../../core/profile.js';

/**
 * A warning when most of the serious incidents of the events `days[from..]` (days since
 * 1970-01-01, ascending; `incident[i]` the incident of event i, events of one incident adjacent)
 * fall on one day of the month (dates rounded to the month) or one weekday (rounded to the week):
 * at least 20 incidents, half of them or more on that day (about 3% and 14% with exact dates).
 * Incidents are counted, not events: one shooting with many victims is one date, not rounding.
 * The fit counts delays in days, so it says what that rounding does to the delay and the share;
 * `undefined` otherwise. @internal
 */
export function roundedDatesWarning(
  days: ArrayLike<number>,
  from: number,
  fit: { alpha: number; meanDelay: number; erlangShape: number | null },
  incident: ArrayLike<number>,
): string | undefined {
  const dom = new Int32Array(32);
  const dow = new Int32Array(7);
  let n = 0;
  for (let i = from; i < days.length; i++) {
    // Another event of the same incident: counted once (one incident's events share a day, so
    // they are all on one side of \`from\`).
    if (incident[i] === incident[i - 1]) continue;
    n++;
    const d = Math.floor(days[i]);
    // Ascending days: the day of the month once per distinct day.
    if (i === from || d !== Math.floor(days[i - 1])) dom[0] = new Date(d * 864e5).getUTCDate();
    dom[dom[0]]++;
    dow[(d + 28_003) % 7]++; // 1970-01-01 was a Thursday (days from 1893 on; ingest's from 1900)
  }
  if (n < 20) return undefined;
  dom[0] = 0;
  const m = dom.indexOf(Math.max(...dom));
  const w = dow.indexOf(Math.max(...dow));
  const month = dom[m] >= n / 2;
  if (!month && dow[w] < n / 2) return undefined;
  const unit = month ? 'month' : 'week';
  const lead = `${Math.round((100 * (month ? dom[m] : dow[w])) / n)}% of the ${n} serious incidents fall ${month ? `on day ${m} of a month` : `on a ${WEEKDAYS[w]}`}: dates look rounded to the ${unit}. Events of one ${unit} cannot excite each other, so`;
  return `${lead} ${
    fit.alpha > 0
      ? `the delay (mean ${delayDays(fit.meanDelay)}) is known to a ${unit} at best and reads long${(fit.erlangShape ?? 0) > 1 ? ` (the Erlang kernel's rise, shape ${fit.erlangShape}, may be this rounding)` : ''}, and the share may be too low`
      : `contagion within a ${unit} cannot be seen: finding none may be this rounding`
  }.`;
}
