import type { ColumnTable } from 'arquero';
import { tiedWith, tieGap } from '../core/ties.js';
import type { BacktestResult } from '../outreach/index.js';
import type { ReportContagionPeriod, ReportRecallCurve, ReportRecallPoint } from './types.js';

/** Names of the rankers drawn as references rather than as contenders. */
const RANDOM = /^random\b/i;
const ORACLE = /^oracle\b/i;

/**
 * Recall against list length, per ranker, from a backtest: at each list length k the mean over
 * the cut dates of the share of all people seriously harmed in the horizon that the first k
 * people found, with the lowest and highest cut. Ties at the boundary are shared pro rata, as in
 * the backtest's own table. Uses the per-person scores when the backtest kept them
 * (`keepScores: true`), for a smooth curve up to `maxK`; otherwise the table's k points.
 *
 * @param maxK Longest list drawn (people). Default: twice the longest k of the table, at least 200.
 */
export function recallCurves(result: BacktestResult, maxK?: number): ReportRecallCurve[] {
  const scores = result.scores.objects() as {
    cut: string;
    ranker: string;
    baseline: boolean;
    victims: number;
    victims_known: number;
    population: number;
  }[];
  const victimsAt = new Map(scores.map((s) => [`${s.cut}\u0000${s.ranker}`, s.victims]));
  const baseline = new Map(scores.map((s) => [s.ranker, s.baseline]));
  const rankers = [...new Set(scores.map((s) => s.ranker))];
  const role = (name: string): ReportRecallCurve['role'] =>
    RANDOM.test(name)
      ? 'random'
      : ORACLE.test(name)
        ? 'oracle'
        : baseline.get(name)
          ? 'baseline'
          : 'model';
  const table = result.table.objects() as {
    ranker: string;
    k_n: number;
    recall: number | null;
  }[];
  const longest = Math.max(0, ...table.map((r) => r.k_n));
  const limit = maxK ?? Math.max(200, 2 * longest);

  if (result.rankings && result.rankings.length > 0) {
    const ks = grid(limit);
    const perRanker = new Map<string, number[][]>();
    for (const r of result.rankings) {
      const victims = victimsAt.get(`${r.cut}\u0000${r.ranker}`) ?? 0;
      // A cut with no victim has no recall: it is left out of the mean, not drawn as 0.
      if (victims === 0) continue;
      const hits = hitsAt(r.score, r.observed, ks);
      const recalls = hits.map((h) => h / victims);
      (perRanker.get(r.ranker) ?? perRanker.set(r.ranker, []).get(r.ranker)!).push(recalls);
    }
    return rankers.map((name) => {
      // The random reference is drawn as its expectation (k / population of the people known at
      // the cut), not one noisy draw.
      if (role(name) === 'random') {
        const at = scores.filter((s) => s.ranker === name && s.victims > 0);
        return {
          ranker: name,
          role: 'random' as const,
          points: ks.map((k) =>
            summarise(
              k,
              at.map((s) =>
                s.population > 0
                  ? (Math.min(1, k / s.population) * s.victims_known) / s.victims
                  : 0,
              ),
            ),
          ),
        };
      }
      return {
        ranker: name,
        role: role(name),
        points: ks.map((k, i) =>
          summarise(
            k,
            (perRanker.get(name) ?? []).map((c) => c[i]),
          ),
        ),
      };
    });
  }
  // Only the table: one point per k (its mean list length over the cuts).
  return rankers.map((name) => {
    const byK = new Map<number, number[]>();
    for (const row of table.filter((r) => r.ranker === name)) {
      if (row.recall === null) continue; // no victim at that cut: no recall
      (byK.get(row.k_n) ?? byK.set(row.k_n, []).get(row.k_n)!).push(row.recall);
    }
    const points = [...byK.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([k, recalls]) => summarise(k, recalls));
    return { ranker: name, role: role(name), points: [summarise(0, [0]), ...points] };
  });
}

/** List lengths to evaluate: every length up to 20, then about 60 steps to `max`. */
function grid(max: number): number[] {
  const ks = new Set<number>([0]);
  for (let k = 1; k <= Math.min(20, max); k++) ks.add(k);
  const raw = max / 60;
  const mag = 10 ** Math.floor(Math.log10(Math.max(1, raw)));
  const step = [1, 2, 4, 5, 10].map((f) => f * mag).find((f) => f >= raw) ?? 10 * mag;
  for (let k = 20; k <= max; k += step) ks.add(k);
  ks.add(max);
  return [...ks].sort((a, b) => a - b);
}

function summarise(k: number, recalls: number[]): ReportRecallPoint {
  if (recalls.length === 0) return { k, recall: 0, low: 0, high: 0 };
  let sum = 0;
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const r of recalls) {
    sum += r;
    low = Math.min(low, r);
    high = Math.max(high, r);
  }
  return { k, recall: sum / recalls.length, low, high };
}

/**
 * People harmed among the first k of a ranking, for each k (ascending): scores sorted
 * descending, and a tie group (scores within 1e-9 of the largest: noise) straddling k counted pro rata (its harmed share times the places
 * it gets), so an arbitrary tie order favours no ranker.
 */
export function hitsAt(
  score: ArrayLike<number>,
  observed: ArrayLike<number>,
  ks: readonly number[],
): number[] {
  const n = score.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => score[b] - score[a]);
  // Scores within TIE_TOLERANCE (1e-9 of the largest) of a group's first are one group.
  const gap = tieGap(score);
  const out = new Array<number>(ks.length).fill(0);
  let j = 0;
  let before = 0;
  let hitsBefore = 0;
  while (before < n && j < ks.length) {
    let end = before + 1;
    while (end < n && tiedWith(score[order[before]], score[order[end]], gap)) end++;
    let groupHits = 0;
    for (let i = before; i < end; i++) groupHits += observed[order[i]] > 0 ? 1 : 0;
    while (j < ks.length && ks[j] <= end) {
      const inside = Math.max(0, ks[j] - before);
      out[j] = hitsBefore + (groupHits * inside) / (end - before);
      j++;
    }
    hitsBefore += groupHits;
    before = end;
  }
  for (; j < ks.length; j++) out[j] = hitsBefore;
  return out;
}

/**
 * Serious-violence events and the share the model attributes to contagion, per calendar
 * quarter, from a fitted model's per-event table (`date`, `p_triggered`): the share is the mean
 * probability that an event was triggered by an earlier one.
 */
export function contagionPeriods(events: ColumnTable): ReportContagionPeriod[] {
  const dates = events.array('date') as ArrayLike<string>;
  const p = events.array('p_triggered') as ArrayLike<number>;
  const byQuarter = new Map<string, { from: string; events: number; triggered: number }>();
  for (let i = 0; i < dates.length; i++) {
    const d = String(dates[i]);
    const year = d.slice(0, 4);
    const q = Math.floor((Number(d.slice(5, 7)) - 1) / 3);
    const key = `${year}-Q${q + 1}`;
    const from = `${year}-${String(q * 3 + 1).padStart(2, '0')}-01`;
    const cell =
      byQuarter.get(key) ?? byQuarter.set(key, { from, events: 0, triggered: 0 }).get(key)!;
    cell.events++;
    cell.triggered += Number(p[i]) || 0;
  }
  return [...byQuarter.entries()]
    .sort((a, b) => (a[1].from < b[1].from ? -1 : 1))
    .map(([period, c]) => ({
      period,
      from: c.from,
      events: c.events,
      share: c.events > 0 ? c.triggered / c.events : 0,
    }));
}
