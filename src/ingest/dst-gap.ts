/**
 * The warning for local date-times no clock showed: with a `timeZone`, a local time in the
 * spring-forward gap of a daylight-saving change (01:30 on 28 March 2021 in London) is kept as
 * written on the wall clock (ingest never turns local time into an instant), which hides a wrong
 * zone or a time recorded before the clocks went forward. Checked on the accepted incidents: a
 * day is looked up once (the zone's offsets 14 hours either side of it) and only a day with a
 * change is looked at closer.
 */
import type { IncidentColumns } from '../core/dataset-index.js';
import { DAY_MS } from '../core/time.js';
import { isUtc, toLocalMs } from '../core/time-zone.js';

const H14 = 50_400_000;

/**
 * The warning for the accepted incidents `inc` whose local date-time in `timeZone` falls in a
 * gap, naming the first (`where(k)`: its row) and the time the clocks showed then; `undefined`
 * when none does (and for UTC).
 */
export function gapWarning(
  inc: IncidentColumns,
  timeZone: string | undefined,
  where: (k: number) => string,
): string | undefined {
  if (isUtc(timeZone)) return undefined;
  const local = toLocalMs(timeZone!);
  const { dates, day } = inc;
  if (dates.length === 0) return undefined;
  let lo = day[0];
  let hi = lo;
  for (let k = 1; k < day.length; k++) {
    const d = day[k];
    if (d < lo) lo = d;
    else if (d > hi) hi = d;
  }
  lo = Math.floor(lo);
  // Per day from `lo`: 0 not yet looked up, 1 no clock change, 2 the clocks went forward (its
  // offsets before and after in `change`). Date text is read only on days of a change.
  const state = new Uint8Array(Math.floor(hi) - lo + 1);
  const change = new Map<number, [number, number]>();
  let n = 0;
  let first = -1;
  let shown = 0;
  for (let k = 0; k < dates.length; k++) {
    const d = Math.floor(day[k]);
    let s = state[d - lo];
    if (s === 0) {
      const a = d * DAY_MS - H14;
      const b = a + DAY_MS + 2 * H14;
      const o: [number, number] = [local(a) - a, local(b) - b];
      s = state[d - lo] = o[1] > o[0] ? 2 : 1;
      if (s === 2) change.set(d, o);
    }
    if (s === 1 || dates[k].length <= 10) continue;
    const [before, after] = change.get(d)!;
    const wall = Math.round(day[k] * DAY_MS);
    if (local(wall - before) === wall || local(wall - after) === wall) continue;
    if (n++ === 0) {
      first = k;
      shown = local(wall - before);
    }
  }
  if (n === 0) return undefined;
  const clock = new Date(shown).toISOString().slice(0, 16).replace('T', ' ');
  return `incident '${inc.ids[first]}' (${where(first)}): '${dates[first]}' is a local time no clock showed in ${timeZone}: the clocks went forward over it (daylight saving), and it names ${clock} after the change; kept as written${n > 1 ? ` (${n} such date-times)` : ''}. Check the time zone of the export's times`;
}
