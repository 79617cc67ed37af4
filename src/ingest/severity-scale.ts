/**
 * The warning for a severity column whose scale runs against the offences: a records system that
 * grades 0 or 1 as the most serious (a priority, a harm grade) exported as `severity` makes every
 * homicide non-violent and every theft a homicide, and fits and lists then model the thefts.
 * Checked on the accepted incidents whose offence the severity rules (`severityMap`, then
 * `severityRules`) read: the order of the severities given against the order the rules give;
 * ingest calls it only when some severity was given (one derived is the rules' own).
 */
import type { IncidentColumns } from '../core/dataset-index.js';
import type { Severity } from '../core/types.js';

/** Incidents with an offence the rules read, below which nothing is said. */
const MIN_INCIDENTS = 20;
/** Incidents at each end of the rules' scale (read 3–4, read 0–1), below which nothing is said. */
const MIN_END = 5;

/**
 * The warning, or `undefined` when the severities follow the offences (or too few incidents have
 * an offence the rules read). Pairs of incidents ordered by both are counted (Kendall's pairs, from
 * a 5 × 5 table): it warns when at least twice as many pairs are ordered one way by the severity
 * and the other by the offence as are ordered alike, and the offences the rules read as serious
 * violence (3–4; at least 5 incidents) were given a lower mean severity than those read as little
 * or none (0–1; at least 5). `where(k)` names incident `k`'s row. `levels`: the severities were
 * read through `severityLevels`, so that the advice is to reverse its levels, not to recode the
 * column.
 */
export function reversedSeverityWarning(
  inc: IncidentColumns,
  derive: (offence: string) => Severity | undefined,
  where: (k: number) => string,
  levels = false,
): string | undefined {
  const { offence, severity } = inc;
  if (offence === undefined) return undefined;
  const table = new Float64Array(25);
  let n = 0;
  // The first incident of the largest step down (rule above given) and up (given above rule).
  let down = -1;
  let downBy = 0;
  let up = -1;
  let upBy = 0;
  // The severities given to the offences the rules read as serious violence (3, 4) and as little
  // or none (0, 1): a reversed scale shows first at these two ends.
  let hiN = 0;
  let hiSum = 0;
  let loN = 0;
  let loSum = 0;
  for (let k = 0; k < offence.length; k++) {
    const text = offence[k];
    if (!text) continue;
    const d = derive(text);
    if (d === undefined) continue;
    const g = severity[k];
    table[g * 5 + d]++;
    n++;
    if (d >= 3) {
      hiN++;
      hiSum += g;
    } else if (d <= 1) {
      loN++;
      loSum += g;
    }
    if (d - g > downBy) [down, downBy] = [k, d - g];
    if (g - d > upBy) [up, upBy] = [k, g - d];
  }
  if (n < MIN_INCIDENTS || down < 0 || up < 0) return undefined;
  // Both ends read, and the offences the rules read as serious given lower severities on average
  // than those read as little or no violence: a grading that differs from the rules only in the
  // middle (a weapon possession at 3, which the rules read as 0) is not a reversed scale.
  if (hiN < MIN_END || loN < MIN_END || hiSum / hiN >= loSum / loN) return undefined;
  let alike = 0;
  let against = 0;
  for (let g1 = 0; g1 < 5; g1++)
    for (let d1 = 0; d1 < 5; d1++) {
      const a = table[g1 * 5 + d1];
      if (a === 0) continue;
      for (let g2 = g1 + 1; g2 < 5; g2++)
        for (let d2 = 0; d2 < 5; d2++) {
          if (d2 === d1) continue;
          const pairs = a * table[g2 * 5 + d2];
          if (d2 > d1) alike += pairs;
          else against += pairs;
        }
    }
  if (against === 0 || against < 2 * alike) return undefined;
  const say = (k: number) => `'${offence[k]}' (${where(k)})`;
  return (
    `incidents: the severities given run against the offences: of the ${n} incidents whose offence the severity rules read, ` +
    `${say(down)} has severity ${severity[down]}${levels ? ' (through severityLevels)' : ''} where the rules read ${derive(offence[down])}, and ${say(up)} has ${severity[up]} where they read ${derive(offence[up])}. ` +
    `Is the scale reversed (0 or 1 the most serious: a priority or harm grade)? Severity here is 4 for a homicide down to 0 for no violence, and fits and lists take 3 and above as the serious violence they model: ${levels ? "reverse severityLevels' levels (its most serious grade at 4)" : 'recode the column (4 − severity) before ingest'}, or leave it out so that the severity is derived from the offence.`
  );
}
