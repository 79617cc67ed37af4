/**
 * The checks that a severity column is on this library's scale (a whole number 0–4, 4 the most
 * serious), before and after its rows are read:
 *
 * - {@link checkScale}, before: values evidently on another scale (a force's 1–5 grade,
 *   labels such as 'High' / 'Medium' / 'Low'), which read as they are would have every 5 rejected
 *   one by one and every other grade kept as if on 0–4;
 * - {@link reversedSeverity}, after: a records system that grades 0 or 1 as the most serious (a
 *   priority, a harm grade) exported as `severity` makes every homicide non-violent and every theft
 *   a homicide, and fits and lists then model the thefts. Checked on the accepted incidents whose
 *   offence the severity rules (`severityMap`, then `severityRules`) read: the order of the
 *   severities given against the order the rules give; ingest calls it only when some severity
 *   was given (one derived is the rules' own).
 *
 * Either stops ingest with an `IngestError` (`code: 'severity-scale'`) naming the column, its
 * values with counts and the `severityLevels` to set; given `severityLevels`, the column's scale
 * is the caller's word and only the second is checked, as a warning.
 */
import type { IncidentColumns } from '../core/dataset-index.js';
import type { Severity } from '../core/types.js';
import { DECIMAL_COMMA, isEmpty, markedInner, NUMERIC, show } from './cells.js';
import { IngestError } from './ingest-error.js';

/** Given severities below which a column's scale is not judged by its values. */
const MIN_GIVEN = 30;

/** Counts of the values severity column `column` gives (non-empty cells, trimmed, as written). */
export class SeverityTally {
  readonly counts = new Map<string, number>();
  /** Non-empty cells counted. */
  total = 0;
  constructor(readonly column: string) {}

  /** `message` as the error of the incidents (a flat table's too: its incident columns). */
  fail(message: string): never {
    throw new IngestError('severity-scale', 'incidents', `incidents: ${message}`);
  }

  /**
   * Counts a cell `times` times (an empty cell, a missing-value marker, is not counted); a number
   * by its value, as the cells are read ('3.0' from pandas and '03' are 3).
   */
  add(raw: unknown, times = 1): void {
    if (isEmpty(raw)) return;
    // A single character (almost every cell) is its own key.
    const s = typeof raw === 'string' && raw.length === 1 ? raw : show(raw).trim();
    const key =
      s.length > 1 && NUMERIC.test(s)
        ? String(Number(s))
        : s.length > 2 && DECIMAL_COMMA.test(s)
          ? String(Number(s.replace(',', '.')))
          : s;
    this.counts.set(key, (this.counts.get(key) ?? 0) + times);
    this.total += times;
  }

  /** [value, count], numbers first in order of value, then the other values, most frequent first. */
  entries(): [string, number][] {
    const num = (v: string) => (NUMERIC.test(v) ? Number(v) : Infinity);
    return [...this.counts].sort(
      (a, b) => num(a[0]) - num(b[0]) || b[1] - a[1] || (a[0] < b[0] ? -1 : 1),
    );
  }
}

/** The values for a message: `'1' (412), '2' (300), …`, the first 12 and how many in all. */
const listed = (entries: readonly [string, number][]) =>
  entries
    .slice(0, 12)
    .map(([v, n]) => `'${v}' (${n})`)
    .join(', ') + (entries.length > 12 ? ', …' : '');

/** A `severityLevels` object as code: `{ '5': 4, 'High': <0–4> }` (a `'` in a key escaped). */
const levelsText = (pairs: readonly (readonly [string | number, number | string])[]) =>
  `{ ${pairs.map(([k, v]) => `'${String(k).replace(/[\\']/g, '\\$&')}': ${v}`).join(', ')} }`;

const SCALE = 'severity here is 0–4: 4 a homicide, 0 no violence';
const IDENTITY = levelsText([0, 1, 2, 3, 4].map((v) => [v, v]));

/**
 * Throws the `IngestError` of a severity column whose values are evidently on another scale.
 * Judged from 30 given values on: 1, 2, 3, 4 and 5 all given and no 0 (a 1–5 grade: its 5s may be
 * rare), with under 5% of the values anything else; or at least 5% of the values not a whole
 * number 0–4 (labels, a 0–10 score, a code for unknown). Values that are whole numbers 0–4 marked
 * by a spreadsheet export (`'3`, `="3"`) are said to be so, not another scale.
 */
export function checkScale(tally: SeverityTally): void {
  const n = tally.total;
  if (n < MIN_GIVEN) return;
  const entries = tally.entries();
  let off = 0;
  for (const [v, c] of entries) if (!/^[0-4]$/.test(v)) off += c;
  const has = (v: string) => tally.counts.has(v);
  const oneUp =
    !has('0') && ['1', '2', '3', '4', '5'].every(has) && off - tally.counts.get('5')! < 0.05 * n;
  if (!oneUp && off < 0.05 * n) return;
  // Whole numbers 0–4 that a spreadsheet export marked as text ('3) or wrote as formulas (="3"):
  // the scale is right and the marks are the problem (it advised severityLevels: { ''3': … }).
  let marked = 0;
  for (const [v, c] of entries) {
    const inner = markedInner(v)?.trim();
    if (inner !== undefined && NUMERIC.test(inner) && /^[0-4]$/.test(String(Number(inner))))
      marked += c;
  }
  if (marked > 0 && off - marked < 0.05 * n) {
    tally.fail(
      `the severity column '${tally.column}' has ${marked} of its ${n} values marked by a spreadsheet export (${listed(entries)}): without the leading ' (a text mark) or = (a formula) they read as whole numbers 0–4; save the column as plain numbers.`,
    );
  }
  const head = `the severity column '${tally.column}' is not on a 0–4 scale: its values are ${listed(entries)}`;
  // Labels some of which a spreadsheet export marked ('High beside High): the map names each
  // label once, as it reads without the mark (it offered { ''High': … } beside { 'High': … }),
  // and the marks are said to be the cells' own problem.
  const keys: string[] = [];
  const seen = new Set<string>();
  let marks = 0;
  let firstMark: string | undefined;
  for (const [v, c] of entries) {
    const inner = markedInner(v)?.trim();
    if (inner) {
      marks += c;
      firstMark ??= v;
    }
    const key = inner || v;
    const folded = key.toLowerCase();
    if (!seen.has(folded)) {
      seen.add(folded);
      keys.push(key);
    }
  }
  const markNote =
    firstMark === undefined
      ? ''
      : ` ${marks} of the values are marked by a spreadsheet export ('${firstMark}' is '${markedInner(firstMark)!.trim()}' with a leading ${firstMark[0]}): save the column without the marks, or severityLevels rejects those rows.`;
  tally.fail(
    oneUp
      ? `${head}, 1 to 5 with no 0 (a scale of 1 to 5?): read as 0–4, every 5 would be rejected and the rest kept one step off (${SCALE}). Set severityLevels: { '5': 4, '4': 3, '3': 2, '2': 1, '1': 0 } if 5 is the most serious, or { '1': 4, '2': 3, '3': 2, '4': 1, '5': 0 } if 1 is; or, if it is 0–4 and its 5s are mistakes, ${IDENTITY} (its 5s then rejected row by row).`
      : `${head}; ${off} of the ${n} are not a whole number 0–4 (${SCALE}). Set severityLevels to each value's level 0–4: ${levelsText(keys.slice(0, 12).map((v) => [v, '<0–4>'] as const))}; or, to keep 0–4 and reject the other values row by row, ${IDENTITY}.${markNote}`,
  );
}

/** Incidents with an offence the rules read, below which nothing is said. */
const MIN_INCIDENTS = 20;
/** Incidents at each end of the rules' scale (read 3–4, read 0–1), below which nothing is said. */
const MIN_END = 5;

/**
 * What shows a severity scale reversed, or `undefined` when the severities follow the offences
 * (or too few incidents have an offence the rules read). Pairs of incidents ordered by both are
 * counted (Kendall's pairs, from a 5 × 5 table): it is found when at least twice as many pairs are
 * ordered one way by the severity and the other by the offence as are ordered alike, and the
 * offences the rules read as serious violence (3–4; at least 5 incidents) were given a lower mean
 * severity than those read as little or none (0–1; at least 5). `where(k)` names incident `k`'s
 * row. The finding names the largest step each way, for {@link reversedScale}; `levels`: the
 * severities were read through `severityLevels` (said so). Only severities given are counted:
 * those `derived` (1 at incident `k`) from the offence agree with the rules by construction, and
 * counted they outweighed a reversed column in an export that leaves some severities empty.
 */
export function reversedSeverity(
  inc: IncidentColumns,
  derive: (offence: string) => Severity | undefined,
  where: (k: number) => string,
  levels = false,
  derived?: Uint8Array,
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
    if (!text || derived?.[k]) continue;
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
    `the severities given run against the offences: of the ${n} incidents whose offence the severity rules read, ` +
    `${say(down)} has severity ${severity[down]}${levels ? ' (through severityLevels)' : ''} where the rules read ${derive(offence[down])}, and ${say(up)} has ${severity[up]} where they read ${derive(offence[up])}.`
  );
}

/**
 * A reversed scale ({@link reversedSeverity}'s `finding`): without `severityLevels` (`tally` given)
 * the `IngestError` naming the column, its values and the `severityLevels` that reads it the other
 * way up; with it, the warning returned.
 */
export function reversedScale(finding: string, tally: SeverityTally | undefined): string {
  if (tally === undefined)
    return `incidents: ${finding} Is severityLevels the wrong way up? If so, reverse severityLevels' levels (its most serious grade at 4), or leave it out (${SCALE}).`;
  const entries = tally.entries();
  const scale = entries.map(([v]) => v).filter((v) => /^[0-4]$/.test(v));
  const lo = Number(scale[0]);
  return tally.fail(
    `${finding} The severity column '${tally.column}' looks reversed (${lo} the most serious?): its values are ${listed(entries)} (${SCALE}). ` +
      `Set severityLevels: ${levelsText(scale.map((v) => [v, 4 - (Number(v) - lo)] as const))}; or, if it is right, ${IDENTITY} (then a warning only).`,
  );
}
