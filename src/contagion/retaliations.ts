import type { ColumnTable } from 'arquero';
import type { DatasetIndex } from '../core/dataset-index.js';
import type { Dataset } from '../core/types.js';
import { detectRetaliations, linksTable, RETALIATION_DEFAULTS } from './reciprocal/detect.js';
import type { RetaliationOptions, RetaliationRoute } from './reciprocal/options.js';

export type { RetaliationOptions, RetaliationRoute };

/**
 * One retaliation link as plain values: a row of the {@link retaliations} table, as
 * `links.objects() as RetaliationLink[]` reads it. A link is a temporal and relational pattern,
 * not proof of motive.
 */
export interface RetaliationLink {
  /** The earlier incident (A). */
  from_incident: string;
  /** The later incident (B), which may answer A. */
  to_incident: string;
  /** ISO date of A. */
  from_date: string;
  /** ISO date of B. */
  to_date: string;
  /** Days from A to B (0 for a `same_day` link). */
  lag_days: number;
  /** True for a link between two incidents of one day whose order is unknown (only with `sameDay: true`). */
  same_day: boolean;
  /** `'direct'` when a victim of A is an offender of B and an offender of A a victim of B; else `'proxy'`. */
  kind: 'direct' | 'proxy';
  /** Severity of A (0–4). */
  severity_from: number;
  /** Severity of B (0–4). */
  severity_to: number;
  /** `severity_to − severity_from`: positive when escalating. */
  severity_change: number;
  /** The closest relation found between A's victims and B's offenders. */
  offender_route: RetaliationRoute;
  /** The closest relation found between A's offenders and B's victims. */
  victim_route: RetaliationRoute;
  /** Ids of the offenders and victims of A and B. */
  people: string[];
  /** Their known groups; empty when none is known. */
  groups: string[];
}

/**
 * Retaliation links between violent incidents: A → B when B comes after A within `windowDays`
 * (by time when both times are known; otherwise on a later day, since two incidents of one day
 * with an unknown order are simultaneous and neither answers the other), at least one of B's
 * offenders is on A's victim side and at least one of B's victims is on A's offender side.
 * A side is its people, their co-offenders up to `associateDistance` ties away as of A's date,
 * and (with `useGroups`) the members of their groups; A's offenders are never on A's victim
 * side nor A's victims on its offender side.
 *
 * By default (`antecedents: 'closest'`) each B keeps only its best-supported antecedent: among
 * the links within `maxSteps` (2: both sides through the people or their co-offenders, or a
 * group on one side when the other side is the very person of A), those tied through the
 * co-offending network on both sides first, then the most recent A (each of the latest when they are simultaneous). `antecedents: 'all'` keeps
 * every matching pair.
 *
 * A link is a temporal and relational pattern, not proof of motive. A window outside the records (`asOf` on or before the first record, or every record
 * past the retention horizon) is refused with a `DataRefusedError` (`outside-records`) naming the
 * records' dates, rather than read as "none found".
 *
 * Columns, one row per link, ordered by A then B:
 * - `from_incident`, `to_incident`, `from_date`, `to_date` (ISO), `lag_days` (B − A in days);
 * - `same_day`: true for a link between two incidents of one day whose order is unknown
 *   (only with `sameDay: true`);
 * - `kind`: `'direct'` when a victim of A is an offender of B and an offender of A a victim of
 *   B, else `'proxy'`;
 * - `offender_route` / `victim_route`: the closest relation found on each side
 *   (`direct`, `associate`, `second-degree`, `group`);
 * - `severity_from`, `severity_to`, `severity_change` (B − A, positive when escalating);
 * - `people`: ids of the offenders and victims of A and B; `groups`: their known groups.
 *
 * A person recorded as both offender and victim of one incident (self-victimisation, or a
 * mutual fight recorded both ways) is left out of that incident's sides. Each pair of
 * incidents is linked at most once, and links always run forward in time, so a back-and-forth
 * A → B → A between two people is a chain of distinct incidents and never loops.
 *
 * Cost: one pass over the violent incidents; for each A, only the incidents of the people and
 * groups on its victim side within the window are looked at (a person → violent incidents index).
 *
 * @example
 * const links = retaliations(data, { asOf: '2024-01-01', windowDays: 90 });
 * links.filter((d) => d.kind === 'direct').print();
 * // every pair that fits the pattern, several antecedents per incident
 * const pairs = retaliations(data, { asOf: '2024-01-01', antecedents: 'all' });
 */
export function retaliations(
  data: Dataset | DatasetIndex,
  options: RetaliationOptions = {},
): ColumnTable {
  return linksTable(detectRetaliations(data, options));
}

/** Defaults of {@link retaliations}' options (days, years, steps). */
retaliations.defaults = RETALIATION_DEFAULTS;
