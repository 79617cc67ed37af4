/**
 * Ties between scores: the one rule every ranked output uses to say which people share a rank.
 *
 * Two scores are tied when they differ by at most {@link TIE_TOLERANCE} of the largest score in
 * the list (its scale): sums of the same parts taken in another order, or PageRank of two
 * symmetric nodes, differ in their last digits, and that noise must not read as "more at risk".
 * Tie groups are formed from the top down, each led by its highest score and holding the scores
 * within the tolerance of it (never a chain of small steps), so the groups depend only on the
 * scores, not on the order they are given in.
 */

/** Relative tolerance of a tie: 1e-9 of the list's score scale (its largest absolute score). */
export const TIE_TOLERANCE = 1e-9;

/** The absolute gap within which two of `scores` are tied: TIE_TOLERANCE × the largest finite |score|. */
export function tieGap(scores: ArrayLike<number>): number {
  let scale = 0;
  for (let i = 0; i < scores.length; i++) {
    const a = Math.abs(scores[i]);
    if (a > scale && a < Number.POSITIVE_INFINITY) scale = a;
  }
  return TIE_TOLERANCE * scale;
}

/** Whether `lower` is tied with the higher score `leader` (equal, or at most `gap` below it). */
export function tiedWith(leader: number, lower: number, gap: number): boolean {
  return leader === lower || leader - lower <= gap;
}

/**
 * The tie class of each score: 0 for the group of the highest, 1 for the next group, …; equal
 * classes are tied. ±Infinity is tied only with an equal one. NaN scores come last, after every
 * number (−Infinity too), all in one class of their own, never tied with a number. The lists
 * never get that far: rankForOutreach refuses a model of one's own that gives a NaN (an
 * InputError naming the person), and lists no one whose fitted risk is not above 0 (NaN is not).
 */
export function tieClasses(scores: ArrayLike<number>, gap: number = tieGap(scores)): Int32Array {
  const n = scores.length;
  // NaN compared as "equal" to every number made the sort's comparator inconsistent: the order,
  // and so the classes, depended on the input's order (3, NaN, 3 gave the two 3s two classes).
  // NaNs are set apart at the end; the numbers are sorted alone.
  const order = new Int32Array(n);
  let numbers = 0;
  let tail = n;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(scores[i])) order[--tail] = i;
    else order[numbers++] = i;
  }
  order
    .subarray(0, numbers)
    .sort((a, b) => (scores[b] > scores[a] ? 1 : scores[b] < scores[a] ? -1 : 0));
  const out = new Int32Array(n);
  let cls = -1;
  let leader = Number.NaN;
  for (let j = 0; j < n; j++) {
    const s = scores[order[j]];
    const tied = j > 0 && (Number.isNaN(s) ? Number.isNaN(leader) : tiedWith(leader, s, gap));
    if (!tied) {
      cls++;
      leader = s;
    }
    out[order[j]] = cls;
  }
  return out;
}

/**
 * Competition ranks ("1, 1, 3") of rows in their listed order, given whether each row is tied
 * with the one before it: a tied row shares the rank of the first row of its run.
 */
export function competitionRanks(n: number, tiedWithPrevious: (i: number) => boolean): Int32Array {
  const rank = new Int32Array(n);
  for (let i = 0; i < n; i++) rank[i] = i > 0 && tiedWithPrevious(i) ? rank[i - 1] : i + 1;
  return rank;
}

/** The ranks more than one of `ranks` holds: ties (the lists give them one rank, 1, 1, 3). */
export function sharedRanks(ranks: Iterable<number>): Set<number> {
  const seen = new Set<number>();
  const shared = new Set<number>();
  for (const r of ranks) (seen.has(r) ? shared : seen).add(r);
  return shared;
}

/**
 * A rank as printed: "2=" when other rows share it (a tie, read "joint second"), else "2"; the
 * report and the command line's lists print ranks this way.
 */
export function rankText(rank: number, shared: ReadonlySet<number>): string {
  return shared.has(rank) ? `${rank}=` : String(rank);
}
