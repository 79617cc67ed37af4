/**
 * An incident id used by a second row, decided alike by the row and the columnar paths (and as
 * the DuckDB queries leave such ids out). When both rows read fine and give the same incident,
 * or differ only in offence, area or coordinates (as an export with a row per offence does; the
 * date, severity and weapon, which the analyses, outcome filters and reasons read, agree), the
 * first is kept and the later one rejected with a reason saying so. Otherwise (they disagree about
 * the date, the severity or the weapon, or
 * either row has a problem of its own) which row is right cannot be known, so neither
 * is kept: the later row is rejected and the first, if it was accepted, revoked, each with a
 * reason naming both rows (and the field and both values when they disagree). The involvements
 * of the id are then rejected as those of a rejected incident.
 */
import type { Severity, Weapon } from '../core/types.js';
import type { RowLedger } from './accounting.js';
import type { Problem } from './forms.js';
import type { IncidentColumnsBuilder } from './incident-columns.js';

/** The fields of an incident row read fine, as {@link IncidentColumnsBuilder.add} takes them. */
export interface IncidentFieldValues {
  date: string;
  offence: string;
  severity: Severity;
  weapon: Weapon | undefined;
  area: string | undefined;
  lat: number | undefined;
  lon: number | undefined;
}

/**
 * Row `i` uses the incident id `id` of row `first` (at position `at` of `out` when accepted):
 * gives row `i`'s problem, to reject it with, and, when row `first` must be revoked (after that
 * rejection, so that strict mode throws row `i`'s problem), row `first`'s problem.
 * `own` is row `i`'s own first problem; `undefined` when its fields, `f`, read fine.
 */
export function repeatedIncident(
  ledger: RowLedger,
  out: IncidentColumnsBuilder,
  at: number,
  id: string,
  first: number,
  i: number,
  own: Problem | undefined,
  f: IncidentFieldValues,
): [Problem, Problem | undefined] {
  const rows = `incident id '${id}' is used by rows ${first + 1} and ${i + 1}`;
  const neither = 'which row is right cannot be known, so neither is kept';
  if (!ledger.isAccepted(first)) {
    const why = `${rows}; row ${first + 1} was rejected (${ledger.reason(first)}), and so is this one`;
    return [['incident_id', id, why], undefined];
  }
  if (own) {
    const why = `${rows}, and row ${i + 1} was rejected (${own[2]}); ${neither}`;
    return [own, ['incident_id', id, why]];
  }
  const d = out.differs(at, f.date, f.offence, f.severity, f.weapon, f.area, f.lat, f.lon);
  if (d === undefined) {
    return [['incident_id', id, `${rows}, which agree; only row ${first + 1} is kept`], undefined];
  }
  const [field, a, b] = d;
  if (field !== 'date' && field !== 'severity' && field !== 'weapon') {
    // Date, severity and weapon (which outcome filters and reasons read) agree: the same
    // incident whichever row is kept (an export with a row per offence differs only here).
    const why = `${rows}, which differ in ${field}: '${a}' and '${b}', not date, severity or weapon; row ${first + 1} is kept`;
    return [[field, b, why], undefined];
  }
  const why = `${rows}, which disagree about ${field}: '${a}' and '${b}'; ${neither}`;
  return [
    [field, b, why],
    [field, a, why],
  ];
}
