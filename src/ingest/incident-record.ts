/**
 * How ingest makes its {@link Incident} records: object literals (so that V8's allocation sites
 * can place them straight in the old generation, as it does for millions of long-lived records),
 * with a whole `day` stored inside the record as a small integer rather than as a heap box.
 *
 * V8 gives every object literal with the same keys in the same order the same hidden classes,
 * across the whole program, and one such record anywhere whose `day` is a boxed double (a
 * date-time, or a whole day read back out of a double array, as `synthCity`'s are) turns the
 * field into a boxed double for every record of those classes: one extra heap object per
 * incident (3 million at the 1M pipeline) for every full collection to mark. Below, one record of
 * each shape ingest makes, with a `day` that is not a number, is kept for the life of the program:
 * it makes the field "tagged" (any value) in those classes, where a whole day is held inline as a
 * small integer and only a fractional day gets a box of its own. So a dataset mixing dates and
 * date-times boxes only its date-times (where the classes would otherwise box every day), and
 * records made elsewhere with the same keys cannot make ingest's records box their days.
 * (A constructor would give classes of its own, but its records are not pretenured: at 300k
 * people it measured several times the scavenge work of the literals.)
 */
import type { Incident, Severity, Weapon } from '../core/types.js';

/**
 * A record of each shape {@link incidentRecord} makes, with `day: null` (see above). Read by
 * {@link incidentRecord}, so that a bundler keeps them (the package is `sideEffects: false`: an
 * unused constant would be dropped from a bundle, and the trick with it). @internal
 */
export const GENERAL_DAY_RECORDS: readonly unknown[] = [
  { incident_id: '', date: '', day: null, offence: '', severity: 0 },
  { incident_id: '', date: '', day: null, offence: '', severity: 0, area: '' },
  { incident_id: '', date: '', day: null, offence: '', severity: 0, weapon: 'none' },
  { incident_id: '', date: '', day: null, offence: '', severity: 0, weapon: 'none', area: '' },
];

/** Set on the first record made: the read that keeps {@link GENERAL_DAY_RECORDS} in a bundle. */
let anchored: readonly unknown[] | undefined;

/**
 * A new incident record: keys in {@link Incident}'s order, `weapon` and `area` when given (one
 * literal per combination, so that the common records get all their fields at once).
 */
export function incidentRecord(
  incident_id: string,
  date: string,
  day: number,
  offence: string,
  severity: Severity,
  weapon: Weapon | undefined,
  area: string | undefined,
): Incident {
  if (anchored === undefined) anchored = GENERAL_DAY_RECORDS;
  // A whole day as a small integer, also when it comes as a boxed double (read from a double
  // field or array): a box stored in a general field stays a box. (−0 stays −0.)
  const whole = day | 0;
  const d = whole === day && (whole !== 0 || Object.is(day, 0)) ? whole : day;
  return weapon === undefined
    ? area === undefined
      ? { incident_id, date, day: d, offence, severity }
      : { incident_id, date, day: d, offence, severity, area }
    : area === undefined
      ? { incident_id, date, day: d, offence, severity, weapon }
      : { incident_id, date, day: d, offence, severity, weapon, area };
}
