/**
 * The warning for date-times that were days saved as midnight UTC: a date column turned into a
 * timestamp on its way out of a system (JSON, a BI tool, a JavaScript export) reads
 * `2023-01-05T00:00:00.000Z` for the day 5 January. With a `timeZone` west of UTC, each such
 * instant is the evening before on the local calendar (18:00 on 4 January in Chicago), so every
 * incident would be counted a day early, without a word. Ingest reads them as asked; when every
 * date-time of the accepted incidents is the local time of a midnight UTC that falls on the next
 * local day, it says so. Checked on the accepted incidents, as `gapWarning` is.
 */
import type { IncidentColumns } from '../core/dataset-index.js';
import { DAY_MS } from '../core/time.js';
import { isUtc, toLocalMs } from '../core/time-zone.js';

/**
 * The warning, or `undefined`: for UTC, for fewer than two date-times, or when any date-time is
 * not a midnight UTC that local time puts on the day before.
 */
export function utcMidnightWarning(
  inc: IncidentColumns,
  timeZone: string | undefined,
): string | undefined {
  if (isUtc(timeZone)) return undefined;
  const local = toLocalMs(timeZone!);
  const { dates, day } = inc;
  let n = 0;
  let first = -1;
  for (let k = 0; k < dates.length; k++) {
    if (dates[k].length <= 10) continue;
    const wall = Math.round(day[k] * DAY_MS);
    // Midnight UTC of the local day after: its local time is this wall-clock time.
    const midnight = (Math.floor(day[k]) + 1) * DAY_MS;
    if (local(midnight) !== wall) return undefined;
    if (n++ === 0) first = k;
  }
  if (n < 2) return undefined;
  const utcDay = new Date((Math.floor(day[first]) + 1) * DAY_MS).toISOString().slice(0, 10);
  return (
    `incidents: every date-time (${n}) is midnight UTC, read in ${timeZone} as the evening before ` +
    `('${dates[first]}' is ${utcDay}T00:00Z): if the export saved days as midnight UTC (a date column turned into a timestamp), ` +
    `each incident is counted a day early; write the dates as days (${utcDay}) or leave the time zone out. Read as given`
  );
}
