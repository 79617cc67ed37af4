/**
 * How ingest makes its {@link Incident} records: plain objects (prototype `Object.prototype`,
 * the same own keys in the same order as an object literal), but with hidden classes of their
 * own, so that their `day` field is stored inside the record rather than as a heap box.
 *
 * V8 shares the hidden classes of object literals with the same keys across the whole program,
 * and one record anywhere whose `day` is not a small integer (a date-time, or a whole day read
 * back out of a double array, as `synthCity`'s are) turns that field into a boxed double for
 * every record of those classes: one extra heap object per incident (3 million at the 1M
 * pipeline) for every full collection to mark. Records made by a constructor have classes of
 * their own. Their `day` field is made general ("tagged") once, below, so that a whole day is
 * always held inline as a small integer and only a fractional day (a date-time) gets a box of its
 * own: a dataset mixing dates and date-times boxes only its date-times, where the shared classes
 * would box every day.
 */
import type { Incident, Severity, Weapon } from '../core/types.js';

// A constructor function whose instances have Object.prototype as their prototype: `new` gives
// objects indistinguishable from literals (same prototype, own keys and their order), whose
// hidden classes start from this function's own initial map.
interface RecordConstructor {
  new (
    incident_id: string,
    date: string,
    day: number,
    offence: string,
    severity: Severity,
    weapon: Weapon | undefined,
    area: string | undefined,
  ): Incident;
}
const IncidentRecord = function (
  this: Incident,
  incident_id: string,
  date: string,
  day: number,
  offence: string,
  severity: Severity,
  weapon: Weapon | undefined,
  area: string | undefined,
) {
  this.incident_id = incident_id;
  this.date = date;
  // A whole day as a small integer, also when it comes as a boxed double (read from a double
  // field or array): a box stored in a general field stays a box.
  const whole = day | 0;
  this.day = whole === day && (whole !== 0 || Object.is(day, 0)) ? whole : day;
  this.offence = offence;
  this.severity = severity;
  if (weapon !== undefined) this.weapon = weapon;
  if (area !== undefined) this.area = area;
} as unknown as RecordConstructor;
IncidentRecord.prototype = Object.prototype;

// One record with a non-number `day`, kept for the life of the program: its hidden class holds
// the `day` field's representation at "tagged" (any value), where a whole day is stored as a
// small integer in the record. Without it the first record's whole day would make the field
// "small integer" and the first date-time would turn it into a boxed double for every record.
// (Exported so that it is certainly kept: a module's unexported, unused constant need not be.)
/** @internal */
export const GENERAL_DAY_RECORD: unknown = new IncidentRecord(
  '',
  '',
  null as never,
  '',
  0,
  undefined,
  undefined,
);

/** A new incident record (keys in {@link Incident}'s order; `weapon`, `area` when given). */
export function incidentRecord(
  incident_id: string,
  date: string,
  day: number,
  offence: string,
  severity: Severity,
  weapon: Weapon | undefined,
  area: string | undefined,
): Incident {
  return new IncidentRecord(incident_id, date, day, offence, severity, weapon, area);
}
