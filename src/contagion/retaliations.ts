import type { ColumnTable } from 'arquero';
import type { DatasetIndex } from '../core/dataset-index.js';
import type { DateLike } from '../core/time.js';
import type { Dataset } from '../core/types.js';
import { detectRetaliations, linksTable, RETALIATION_DEFAULTS } from './reciprocal/detect.js';
import type { NetworkInput } from './reciprocal/network.js';

/** Options of {@link retaliations}. */
export interface RetaliationOptions {
  /** Use only incidents dated strictly before this date. Default: all records. */
  asOf?: DateLike;
  /** Use only incidents dated on or after this date. Default: `asOf − retentionYears`. */
  since?: DateLike;
  /**
   * Retention horizon in years, for the incidents (see `WindowOptions`) and for ties: a
   * co-offending tie holds on a date when a shared offence is dated within this many years
   * before it. Default 6.
   */
  retentionYears?: number;
  /**
   * B must be dated at most this many days after A. B must also come after A: by time when
   * both times are known, else on a later day. Default 90.
   */
  windowDays?: number;
  /**
   * Also link two incidents of the same day whose order is unknown (a time missing, or equal
   * times), labelled `same_day: true`. The direction of such a link is unknown: `from` is the
   * earlier by day value (an incident without a time counts as the start of its day), then the
   * one first in the input, and the pattern is checked in that direction only. Default false:
   * same-day incidents with an unknown order are simultaneous, and neither answers the other.
   */
  sameDay?: boolean;
  /**
   * How far in the co-offending network (as of A's date) the two sides reach: 0 (the people of A
   * only), 1 (and their co-offenders) or 2 (and their co-offenders' co-offenders). Default 1.
   */
  associateDistance?: 0 | 1 | 2;
  /**
   * Also reach the members of a side's known groups (the people table's `group`). Used only
   * for groups of one side that are not also groups of the other side of A: violence inside a
   * group says nothing about which side answers. Default true.
   */
  useGroups?: boolean;
  /** Both incidents must have severity ≥ this (0–4). Default 2 (violence with injury). */
  minSeverity?: number;
  /**
   * Which antecedents of each incident B to keep.
   *
   * `'closest'` (default) resolves each B to its best-supported antecedent, since a
   * retaliation answers an earlier event: among the links within `maxSteps`, those tied through
   * the co-offending network on both sides come before those that lean on a group on one side,
   * then the most recent A (latest in time; when the latest are simultaneous, B keeps each).
   * B keeps no link when none is within `maxSteps`.
   *
   * `'all'` keeps every pair that matches the pattern, whatever `maxSteps` (the literal
   * definition above): a B is linked to every earlier attack that fits, so an attack between
   * two groups is linked to every attack the other way within the window.
   */
  antecedents?: 'all' | 'closest';
  /**
   * With `antecedents: 'closest'`, the most steps a link may take in total from A's people to
   * B's, counting per side 0 for the person, 1 for a co-offender, 2 for a co-offender's
   * co-offender or a fellow group member (person → group → person). Default 2: both sides
   * within the co-offending network (victim/offender or associate), or a group on one side
   * only when the other side is the very person of A. A link through groups on both sides, or
   * through an associate on one side and a group on the other, only says that the two groups
   * attacked each other within the window — `groupReciprocity` measures that.
   */
  maxSteps?: number;
  /**
   * A prebuilt co-offending network (graphology graph or CSR, person ids as node keys) to take
   * associates from. It is used as it is, for every A: build it as of the earliest date studied
   * to avoid reading later ties into earlier events. Default: ties as of each A's own date,
   * from the data (no future leakage).
   */
  graph?: NetworkInput;
}

/** How B's offenders relate to A's victims (or B's victims to A's offenders). */
export type RetaliationRoute = 'direct' | 'associate' | 'second-degree' | 'group';

/** One retaliation link as plain values (a row of the {@link retaliations} table). */
export interface RetaliationLink {
  from_incident: string;
  to_incident: string;
  from_date: string;
  to_date: string;
  lag_days: number;
  same_day: boolean;
  kind: 'direct' | 'proxy';
  severity_from: number;
  severity_to: number;
  severity_change: number;
  offender_route: RetaliationRoute;
  victim_route: RetaliationRoute;
  people: string[];
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
 * A link is a temporal and relational pattern, not proof of motive.
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
