import type { DateLike } from '../../core/time.js';
import type { NetworkInput } from './network.js';

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
