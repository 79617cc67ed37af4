/**
 * Scores in plain units. A model's score is the expected number of events in the horizon; the
 * chance of at least one, under the model's Poisson assumption, is 1 − e^(−expected).
 */

/** The chance of at least one event when `expected` events are expected: 1 − e^(−expected). */
export function chanceOfAtLeastOne(expected: number): number {
  if (!(expected > 0)) return 0;
  return -Math.expm1(-expected);
}

/**
 * A chance in words a caseworker reads at a glance: "1 in 4", "1 in 140", "4 in 10",
 * "less than 1 in 1,000". From 3 in 10 upwards it is given in tenths (a "1 in 2.5" reads badly).
 *
 * @example
 * chancePhrase(0.24) // "1 in 4"
 * chancePhrase(0.0071) // "1 in 140"
 */
export function chancePhrase(p: number): string {
  if (!(p > 0)) return 'almost no chance';
  if (p < 0.001) return 'less than 1 in 1,000';
  if (p >= 0.95) return 'almost certain';
  if (p >= 0.3) return `${Math.round(p * 10)} in 10`;
  const n = 1 / p;
  // Whole numbers below 20; two significant figures above ("1 in 37", "1 in 140").
  const rounded = n < 20 ? Math.round(n) : Number(n.toPrecision(2));
  return `1 in ${rounded.toLocaleString('en-GB')}`;
}

/** A chance as a percentage with sensible precision: "24%", "2.4%", "0.71%". */
export function percent(p: number): string {
  const v = p * 100;
  if (v >= 10) return `${Math.round(v)}%`;
  if (v >= 1) return `${v.toFixed(1)}%`;
  return `${Number(v.toPrecision(2))}%`;
}

/**
 * A cut of the first `k` of cascade `sizes` (sorted largest first) that falls inside a tie: the size
 * shared across it, how many kept share it (`kept`) and how many left out (`left`); `undefined`
 * when the k-th is larger than the next, or nothing is left out. Whole counts only (a cascade's
 * incidents): equal means equal. The top-N of cascades says it, as rankForOutreach says a tie
 * across its cut, rather than presenting the tie-break as a ranking.
 */
export function tieAtCut(
  sizes: readonly number[],
  k: number,
): { size: number; kept: number; left: number } | undefined {
  if (k <= 0 || k >= sizes.length || sizes[k] !== sizes[k - 1]) return undefined;
  const size = sizes[k - 1];
  let kept = 0;
  for (let i = k - 1; i >= 0 && sizes[i] === size; i--) kept++;
  let left = 0;
  for (let i = k; i < sizes.length && sizes[i] === size; i++) left++;
  return { size, kept, left };
}
