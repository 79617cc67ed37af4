/**
 * Backtests with exits (custody, moved away), honestly: what do exits change in the evidence?
 *
 *   npx tsx bench/backtest-exits.ts [people] [seeds] [cuts] [worlds] [share] [knownShare]
 *   (default 3000 1,2,3 8 random,offenders 0.05 0; worlds: random, offenders; knownShare: the
 *   share of rows with a `to` marked `to_known: true`, a sentence's set end)
 *
 * A synthCity (default contagion, 6 years) with custody spells added: `share` of people (5%)
 * are out once for 60-365 days (uniform) from a uniformly drawn day of the period, drawn at
 * random (world `random`) or with probability in proportion to their offender records (world
 * `offenders`: custody falls on those who offend most, as it does). In
 * custody nothing happens to them: their involvements dated inside the spell are dropped, and an
 * incident left with no victim (it had one) or no offender (it had one) is dropped, so that harm
 * the model would hold impossible is not in the records. (The city's contagion was drawn without
 * the spells, so the events those dropped ones triggered stay: a small excess the exits cannot
 * explain.) A custody table exported at the end of the period is the exits: rows
 * { person_id, from, to } with the spell's end (a spell still running at the end: no `to`).
 *
 * One backtest per city (cuts 90 days apart, the last a horizon before the end), five rankers
 * on the same cuts and people:
 * - prior victimisations, victimised associates: baselines (they read no exits);
 * - 'hawkes, no exits': the model without exits (what the backtest did before);
 * - 'network hawkes': with the backtest's exits, the strict rule (rows from on or before the
 *   cut, an end after it withheld);
 * - 'hawkes, known end': rows from on or before the cut with their recorded `to` (the release
 *   date taken as known at the cut, as a sentence's end may be);
 * - 'hawkes, clairvoyant': every row, those starting after the cut too (what a model handed all
 *   the exits at once would see: future information, for scale only).
 * Prints recall@100, recall@1%, PR-AUC (means over cuts), log-likelihood and expected/observed
 * (sums over cuts), per ranker and seed, with the load average.
 */
import { loadavg } from 'node:os';
import type { ExitRow } from '../src/contagion/hawkes/types.js';
import { createRng } from '../src/core/rng.js';
import { toDay } from '../src/core/time.js';
import type { Dataset } from '../src/core/types.js';
import { backtest } from '../src/outreach/backtest.js';
import { hawkesRanker } from '../src/outreach/hawkes-ranker.js';
import { priorVictimisationsRanker } from '../src/outreach/prior-victimisations-ranker.js';
import type { Ranker } from '../src/outreach/ranker.js';
import { victimisedAssociatesRanker } from '../src/outreach/victimised-associates-ranker.js';
import { synthCity } from '../src/synth/city.js';

const people = Number(process.argv[2] ?? 3000);
const seeds = (process.argv[3] ?? '1,2,3').split(',').map(Number);
const nCuts = Number(process.argv[4] ?? 8);
/** Share of people with a custody spell. */
const share = Number(process.argv[6] ?? 0.05);
// The share of rows with an end marked `to_known: true` (a sentence's set end): the backtest
// keeps their `to` at a cut (the strict rule withholds it). Drawn per row, seeded.
const knownShare = Number(process.argv[7] ?? 0);

const iso = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);

/** The city with custody spells: the records without what custody prevented, and the exits. */
function withCustody(
  data: Dataset,
  seed: number,
  who: 'random' | 'offenders',
): { data: Dataset; exits: ExitRow[] } {
  const rng = createRng(1000 + seed);
  const ids = [...new Set(data.involvements.map((v) => v.person_id))].sort();
  const first = data.incidents.reduce((a, x) => Math.min(a, x.day), Number.POSITIVE_INFINITY);
  const last = data.incidents.reduce((a, x) => Math.max(a, x.day), Number.NEGATIVE_INFINITY);
  const spell = new Map<string, { a: number; b: number }>();
  const exits: ExitRow[] = [];
  // 5% of people: at random, or drawn with probability in proportion to their offender records
  // (weighted sampling without replacement: the largest u^(1/w)).
  const offences = new Map<string, number>();
  for (const v of data.involvements)
    if (v.role === 'offender') offences.set(v.person_id, (offences.get(v.person_id) ?? 0) + 1);
  const key = ids.map((id) => {
    const w = who === 'random' ? 1 : (offences.get(id) ?? 0);
    return { id, k: w > 0 ? rng.random() ** (1 / w) : -1 };
  });
  key.sort((x, y) => y.k - x.k);
  const chosen = new Set(key.slice(0, Math.round(share * ids.length)).map((x) => x.id));
  for (const id of ids) {
    if (!chosen.has(id)) continue;
    const a = Math.floor(first + rng.random() * (last - first));
    const b = a + 60 + rng.int(306);
    spell.set(id, { a, b });
    exits.push(
      b <= last ? { person_id: id, from: iso(a), to: iso(b) } : { person_id: id, from: iso(a) },
    );
  }
  const day = new Map(data.incidents.map((x) => [x.incident_id, x.day]));
  const inside = (id: string, d: number) => {
    const s = spell.get(id);
    return s !== undefined && d >= s.a && d < s.b;
  };
  const kept = data.involvements.filter((v) => !inside(v.person_id, day.get(v.incident_id)!));
  const had = new Map<string, Set<string>>();
  const has = new Map<string, Set<string>>();
  for (const v of data.involvements) {
    if (!had.has(v.incident_id)) had.set(v.incident_id, new Set());
    had.get(v.incident_id)!.add(v.role);
  }
  for (const v of kept) {
    if (!has.has(v.incident_id)) has.set(v.incident_id, new Set());
    has.get(v.incident_id)!.add(v.role);
  }
  const lost = (id: string) => {
    const h = has.get(id);
    if (!h) return true;
    for (const role of ['victim', 'offender'])
      if (had.get(id)!.has(role) && !h.has(role)) return true;
    return false;
  };
  const incidents = data.incidents.filter((x) => !lost(x.incident_id));
  const keptIds = new Set(incidents.map((x) => x.incident_id));
  return {
    data: { ...data, incidents, involvements: kept.filter((v) => keptIds.has(v.incident_id)) },
    exits,
  };
}

/** A ranker that ranks as `inner`, given `exitsAt(cut)` instead of the backtest's exits. */
function variant(
  name: string,
  inner: Ranker,
  exitsAt: (cut: number) => ExitRow[] | undefined,
): Ranker {
  return {
    name,
    rank: (input) => {
      const x = exitsAt(input.asOf);
      const { exits: _drop, ...rest } = input;
      return inner.rank(x ? { ...rest, exits: x } : rest);
    },
  };
}

console.log(
  `backtest with exits: ${people} people, seeds ${seeds.join(', ')}, ${nCuts} cuts of 90 days, ${share * 100}% of people in custody once`,
);
const worlds = (process.argv[5] ?? 'random,offenders').split(',') as ('random' | 'offenders')[];
for (const who of worlds)
  for (const seed of seeds) {
    const city = synthCity({ people, seed });
    const custody = withCustody(city.data, seed, who);
    const { data } = custody;
    const mark = createRng(2000 + seed);
    const exits: ExitRow[] = custody.exits.map((r) =>
      r.to !== undefined && mark.random() < knownShare ? { ...r, to_known: true } : r,
    );
    const serious = (d: Dataset) => d.incidents.filter((x) => x.severity >= 3).length;
    const h = hawkesRanker();
    const knownEnd = (cut: number) => exits.filter((r) => Math.floor(toDay(r.from)) <= cut);
    const rankers = [
      priorVictimisationsRanker(),
      victimisedAssociatesRanker(),
      variant('hawkes, no exits', h, () => undefined),
      h,
      variant('hawkes, known end', h, knownEnd),
      variant('hawkes, clairvoyant', h, () => exits),
    ];
    const t0 = performance.now();
    const load0 = loadavg()[0];
    const r = backtest(data, {
      cuts: nCuts,
      horizonDays: 90,
      k: [100, '1%'],
      rankers,
      exits,
      keepScores: true,
    });
    // Victims the ranker gave no risk at all (expected 0: held out for the whole horizon), over the
    // cuts: each costs ln(1e-9) ≈ −20.7 in the log-likelihood.
    const zeroVictims = (name: string) => {
      let n = 0;
      for (const k of r.rankings!)
        if (k.ranker === name)
          for (let i = 0; i < k.observed.length; i++)
            if (k.observed[i] > 0 && k.expected[i] === 0) n++;
      return n;
    };
    const seconds = (performance.now() - t0) / 1000;
    console.log(
      `\n${who === 'random' ? 'custody at random' : 'custody in proportion to offender records'}, seed ${seed}: ${data.incidents.length} incidents (${city.data.incidents.length - data.incidents.length} dropped by custody; serious ${serious(data)} of ${serious(city.data)}), ${exits.length} exit rows; ${exits.filter((x) => x.to_known).length} with to_known; known at the cuts ${r.exits!.cuts.map((c) => `${c.known}/${c.endWithheld}`).join(' ')} (known/end withheld); ${seconds.toFixed(0)} s, load ${load0.toFixed(1)}→${loadavg()[0].toFixed(1)}`,
    );
    const t = r.table.objects() as { ranker: string; k: string; recall: number | null }[];
    const s = r.scores.objects() as {
      ranker: string;
      pr_auc: number | null;
      log_lik: number;
      expected: number;
      observed: number;
    }[];
    const mean = (a: (number | null)[]) => {
      const v = a.filter((x): x is number => x !== null);
      return v.reduce((x, y) => x + y, 0) / v.length;
    };
    // The backtest's own word on victims given no risk (exits open at the cut).
    for (const w of r.warnings) if (w.includes('no risk at all')) console.log(`warning: ${w}`);
    console.log(
      'ranker | recall@100 | recall@1% | PR-AUC | log-lik | expected/observed | victims given no risk',
    );
    for (const k of rankers) {
      const rs = s.filter((x) => x.ranker === k.name);
      const rec = (kk: string) =>
        mean(t.filter((x) => x.ranker === k.name && x.k === kk).map((x) => x.recall));
      console.log(
        `${k.name} | ${rec('100').toFixed(3)} | ${rec('1%').toFixed(3)} | ${mean(rs.map((x) => x.pr_auc)).toFixed(3)} | ${rs.reduce((a, x) => a + x.log_lik, 0).toFixed(1)} | ${rs.reduce((a, x) => a + x.expected, 0).toFixed(1)}/${rs.reduce((a, x) => a + x.observed, 0)} | ${zeroVictims(k.name)}`,
      );
    }
  }
