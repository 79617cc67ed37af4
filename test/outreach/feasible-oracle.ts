/**
 * The "feasible oracle" of issue 10 (for the oracle-worlds test and bench, not the library): the
 * multi-generation oracle with every true parameter — μ₀, α, β, the delay shape, the season,
 * the onset, each group's hot periods and each person's offending propensity π_k — but NOT the latent Gamma draw G_k of the heterogeneous
 * worlds' background multiplier w_k = G_k·π_k^b / mean(G·π^b). In its place, at each cut, the
 * posterior mean E[G_k | k's serious events before the cut] under the true process:
 *
 *   p(G | history) ∝ G^(a−1) e^(−aG) · Π_i (G·b_i + e_i) · e^(−G·Λ_k),
 *
 * with a the frailty shape, b_i = μ₀·c_k·s(t_i)·hot_k(t_i) the background rate at event i without
 * G (c_k = π_k^b / mean(G·π^b)), e_i the true excitation at t_i (α × the delay density from every
 * true event of a tied person before t_i, through ties formed before that event's day) and
 * Λ_k = ∫ b from the onset to the cut. Expanding the product, the posterior is a mixture of
 * Gamma(a + m, a + Λ_k), m = 0..n, so E[G] is exact (no sampling). The expected events in the
 * horizon are linear in the backgrounds, so ranking by the oracle's expected events with w_k
 * replaced by c_k·E[G_k | history] is the posterior expected number of events: the best any
 * ranker can do from a person's record of serious violence, knowing everything else.
 *
 * π_k and G_k are recovered by replaying the generator's random streams (makePopulation on the
 * first fork, gammaVariate on the sixth; `seed` is the city's, groups synthCity's default), and
 * checked against the city's true weights (an error if they differ).
 */
import { indexDataset } from '../../src/core/dataset-index.js';
import { createRng } from '../../src/core/rng.js';
import type { Dataset } from '../../src/core/types.js';
import { findTie, networkOf } from '../../src/graph/network-of.js';
import { oracleRanker } from '../../src/outreach/oracle-ranker.js';
import type { Ranker } from '../../src/outreach/ranker.js';
import { makePopulation } from '../../src/synth/people.js';
import { trueExpectedEvents } from '../../src/synth/true-expected-events.js';
import type { SynthCity } from '../../src/synth/types.js';
import { gammaVariate } from '../../src/synth/worlds.js';

/** log Γ(x) for x > 0 (Lanczos). */
function logGamma(x: number): number {
  const g = 7;
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = c[0];
  const t = x + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * E[G] under p(G) ∝ G^(a−1) e^(−(a+Λ)G) Π_i (b_i G + e_i): the product expanded into
 * Σ_m D_m y^m in y = G(a+Λ), so E[G] = Σ D_m Γ(a+m+1) / Σ D_m Γ(a+m) / (a+Λ).
 */
export function posteriorMeanG(a: number, lambda: number, b: number[], e: number[]): number {
  const r = a + lambda;
  let D = [1];
  for (let i = 0; i < b.length; i++) {
    const bi = b[i] / r;
    const ei = e[i];
    const s = Math.max(bi, ei); // normalise each factor (cancels in the ratio)
    const next = new Array<number>(D.length + 1).fill(0);
    for (let m = 0; m < D.length; m++) {
      next[m] += (D[m] * ei) / s;
      next[m + 1] += (D[m] * bi) / s;
    }
    D = next;
  }
  // Ratio with terms in log space relative to the largest.
  const lw = D.map((d, m) => (d > 0 ? Math.log(d) + logGamma(a + m) : Number.NEGATIVE_INFINITY));
  const top = Math.max(...lw);
  let num = 0;
  let den = 0;
  for (let m = 0; m < D.length; m++) {
    if (!Number.isFinite(lw[m])) continue;
    const w = Math.exp(lw[m] - top);
    den += w;
    num += w * (a + m);
  }
  return num / den / r;
}

/** What the feasible oracle knows of a city: π_k, G_k (for checking only) and the constant c_k. */
export function replayPersons(city: SynthCity, seed: number) {
  const { truth, data } = city;
  const world = truth.world;
  if (!world) return null;
  const n = data.people.length;
  // No latent multipliers (e.g. the hot-periods worlds): everyone's background is μ₀, c_k = G_k = 1.
  if (!truth.backgroundWeights) {
    const one = new Map(data.people.map((p) => [p.person_id, 1]));
    return { c: one, G: one, shape: 0 };
  }
  const startYear = new Date(truth.period.startDay * 86400000).getUTCFullYear();
  const root = createRng(seed);
  const populationRng = root.fork();
  for (let f = 0; f < 4; f++) root.fork(); // ordinary, feud, contagion, contagion detail
  const worldRng = root.fork();
  // groups: synthCity's default ⌈people / 25⌉ (the bench passes no groups option).
  const pop = makePopulation(populationRng, n, Math.ceil(n / 25), startYear);
  const k = world.frailtyShape;
  const b = world.propensityPower;
  const G = new Float64Array(n);
  let sum = 0;
  for (let p = 0; p < n; p++) {
    G[p] = k > 0 ? gammaVariate(worldRng, k) / k : 1;
    sum += G[p] * (b === 0 ? 1 : pop.propensity[p] ** b);
  }
  const M = sum / n;
  const c = new Map<string, number>();
  const gOf = new Map<string, number>();
  for (let p = 0; p < n; p++) {
    c.set(pop.ids[p], (b === 0 ? 1 : pop.propensity[p] ** b) / M);
    gOf.set(pop.ids[p], G[p]);
  }
  // Check the replay against the city's own weights (aligned with data.people).
  let worst = 0;
  data.people.forEach((person, i) => {
    const w = truth.backgroundWeights![i];
    const mine = c.get(person.person_id)! * gOf.get(person.person_id)!;
    worst = Math.max(worst, Math.abs(mine - w) / Math.max(1e-12, w));
  });
  if (worst > 1e-9)
    throw new Error(`feasible oracle: the replayed weights differ from the city's (${worst})`);
  return { c, G: gOf, shape: k };
}

/**
 * The feasible oracle as a backtest ranker (null when the city has no latent multipliers, where
 * it equals the oracle). With `hot: 'filtered'` (worlds with group hot periods) it does not know
 * the hot periods either: a forward filter on each group's number of active hot periods (0–5;
 * a new one at the true rate, each ending at the true rate; the group's events before the cut
 * scored under the true rates with every member's G at its prior mean) gives the expected hot
 * multiplier on each past day (used in the G posterior) and its mean over the horizon (which
 * multiplies each member's forecast background). Approximate (G and the hot state are filtered
 * separately), so a near-ceiling rather than an exact one.
 */
export function feasibleOracleRanker(
  city: SynthCity,
  seed: number,
  hot: 'known' | 'filtered' = 'known',
): Ranker | null {
  const post = feasiblePosterior(city, seed);
  if (!post) return null;
  if (hot === 'filtered' && !city.truth.hotPeriods?.length) return null;
  // Without latent multipliers and with the hot periods known, it is the oracle itself.
  if (hot === 'known' && !city.truth.backgroundWeights) return null;
  return {
    name: hot === 'known' ? 'feasible oracle' : 'feasible oracle (hot periods filtered)',
    rank(input) {
      const { weights } = post(input.data, input.asOf, hot, input.horizonDays);
      const truth =
        hot === 'known'
          ? { ...city.truth, backgroundWeights: weights }
          : { ...city.truth, backgroundWeights: weights, hotPeriods: [] };
      return oracleRanker(trueExpectedEvents({ data: city.data, truth })).rank(input);
    },
  };
}

/**
 * The feasible oracle's background weights at a cut: c_k·E[G_k | history] per person of
 * `city.data.people` (and E[G_k | history] alone as `g`).
 */
export function feasiblePosterior(city: SynthCity, seed: number) {
  const known = replayPersons(city, seed);
  if (!known) return null;
  const { truth, data } = city;
  const c = truth.contagion!;
  const shape = truth.world?.delayShape ?? 1;
  const rate = shape * c.beta;
  const logNorm = shape * Math.log(rate) - logGamma(shape);
  const density = (u: number) =>
    u <= 0 ? 0 : Math.exp(logNorm + (shape - 1) * Math.log(u) - rate * u);
  const onset = truth.period.onsetDay ?? truth.period.startDay;
  const endDay = truth.period.endDay;
  const hotFactor = truth.world?.hotPeriods ? truth.world.hotPeriods.factor : 1;
  const season = (t: number) =>
    c.seasonalAmplitude === 0
      ? 1
      : 1 + c.seasonalAmplitude * Math.sin((2 * Math.PI * t) / 365.25 + c.seasonalPhase);
  // Cumulative ∫ s(t)·hot(t) dt from the onset, per group, on a daily grid (midpoint rule).
  const days = endDay - onset;
  const groupOf = new Map(data.people.map((p) => [p.person_id, p.group ?? '']));
  const hotOf = new Map<string, { a: number; b: number }[]>();
  for (const h of truth.hotPeriods ?? []) {
    let l = hotOf.get(h.group);
    if (!l) hotOf.set(h.group, (l = []));
    l.push({ a: h.startDay, b: h.endDay });
  }
  const hotAt = (g: string, t: number) => {
    let f = 1;
    for (const h of hotOf.get(g) ?? []) if (h.a <= t && t < h.b) f += hotFactor - 1;
    return f;
  };
  const cumCache = new Map<string, Float64Array>();
  const cum = (g: string) => {
    let a = cumCache.get(g);
    if (!a) {
      a = new Float64Array(days + 1);
      const step = 1 / 8;
      for (let d = 0; d < days; d++) {
        let s = 0;
        for (let q = 0; q < 8; q++) {
          const t = onset + d + (q + 0.5) * step;
          s += season(t) * hotAt(g, t) * step;
        }
        a[d + 1] = a[d] + s;
      }
      cumCache.set(g, a);
    }
    return a;
  };
  const cumAt = (g: string, t: number) => {
    const a = cum(hotOf.has(g) ? g : '');
    const x = Math.max(0, Math.min(days, t - onset));
    const d = Math.floor(x);
    return d >= days ? a[days] : a[d] + (a[d + 1] - a[d]) * (x - d);
  };
  const startDay = truth.period.startDay;
  const hotOptions = truth.world?.hotPeriods || null;
  const members = new Map<string, string[]>();
  for (const p of data.people)
    if (p.group) {
      let l = members.get(p.group);
      if (!l) members.set(p.group, (l = []));
      l.push(p.person_id);
    }
  /**
   * `hot`: 'known' uses each group's true hot periods (as the oracle); 'filtered' only what the
   * group's serious events before the cut say about them (a forward filter on the number of
   * active hot periods, see feasibleOracleRanker), with `horizonDays` for the forecast.
   */
  return (
    recordsBefore: Dataset,
    asOf: number,
    hot: 'known' | 'filtered' = 'known',
    horizonDays = 180,
  ) => {
    const index = indexDataset(recordsBefore);
    const { edges, csr } = networkOf(index, { asOf, retentionYears: Number.POSITIVE_INFINITY });
    // True events before the cut, per person.
    const evs = truth.events.filter((e) => e.time < asOf);
    const byPerson = new Map<number, number[]>();
    evs.forEach((e, i) => {
      const p = index.personIndex.get(e.person_id);
      if (p === undefined) return;
      let l = byPerson.get(p);
      if (!l) byPerson.set(p, (l = []));
      l.push(i);
    });
    // Each event's background rate without G or hot periods (b0) and its true excitation (e).
    const b0 = new Float64Array(evs.length);
    const ex = new Float64Array(evs.length);
    for (const [p, mine] of byPerson) {
      const ck = known.c.get(index.personIds[p])!;
      for (const i of mine) {
        const t = evs[i].time;
        b0[i] = t < onset ? 0 : c.mu * ck * season(t);
        let e = 0;
        for (let x = csr.offsets[p]; x < csr.offsets[p + 1]; x++) {
          const q = csr.targets[x];
          const first = edges.first[findTie(edges, p, q)];
          for (const j of byPerson.get(q) ?? []) {
            const ev = evs[j];
            if (ev.time >= t) break;
            if (first < ev.day) e += c.alpha * density(t - ev.time);
          }
        }
        ex[i] = e;
      }
    }
    // Filtered hot multiplier per group and day (E[1 + (f−1)·N] given the events up to that day),
    // its season-weighted cumulative from the onset, and its mean over the horizon.
    const filtered = new Map<string, { day: Float64Array; cum: Float64Array; ahead: number }>();
    if (hot === 'filtered' && hotOptions) {
      const lam = hotOptions.perGroupPerYear / 365.25;
      const m = hotOptions.meanDays;
      const f1 = hotOptions.factor - 1;
      const S = 6;
      const nDays = Math.max(0, Math.ceil(asOf - startDay));
      for (const [g, ids] of members) {
        let R = 0; // Σ c_k over the group (G at its prior mean 1)
        const groupEvents: number[] = [];
        for (const id of ids) {
          R += known.c.get(id)!;
          const p = index.personIndex.get(id);
          if (p !== undefined) groupEvents.push(...(byPerson.get(p) ?? []));
        }
        groupEvents.sort((a, b) => evs[a].time - evs[b].time);
        let pr = new Float64Array(S);
        pr[0] = 1;
        const day = new Float64Array(nDays);
        const cum = new Float64Array(nDays + 1);
        let ge = 0;
        for (let d = 0; d < nDays; d++) {
          const t0 = startDay + d;
          // Predict one day: a new hot period at rate λ, each active one ends at rate 1/m.
          const nx = new Float64Array(S);
          for (let n = 0; n < S; n++) {
            const up = n + 1 < S ? lam : 0;
            const down = 1 - Math.exp(-n / m);
            nx[n] += pr[n] * (1 - up - down);
            if (n + 1 < S) nx[n + 1] += pr[n] * up;
            if (n > 0) nx[n - 1] += pr[n] * down;
          }
          pr = nx;
          // Update on the day's events of the group's members.
          const sBar = t0 + 0.5 >= onset ? season(t0 + 0.5) : 0;
          const base = c.mu * R * sBar;
          let z = 0;
          for (let n = 0; n < S; n++) {
            let l = Math.exp(-base * (1 + f1 * n));
            for (let q = ge; q < groupEvents.length && evs[groupEvents[q]].time < t0 + 1; q++) {
              const i = groupEvents[q];
              l *= b0[i] * (1 + f1 * n) + ex[i];
            }
            pr[n] *= l;
            z += pr[n];
          }
          while (ge < groupEvents.length && evs[groupEvents[ge]].time < t0 + 1) ge++;
          if (z > 0) for (let n = 0; n < S; n++) pr[n] /= z;
          let eh = 0;
          for (let n = 0; n < S; n++) eh += pr[n] * (1 + f1 * n);
          day[d] = eh;
          cum[d + 1] = cum[d] + sBar * eh;
        }
        let eN = 0;
        for (let n = 0; n < S; n++) eN += pr[n] * n;
        let ahead = 0;
        for (let u = 0.5; u < horizonDays; u++)
          ahead += 1 + f1 * (eN * Math.exp(-u / m) + lam * m * (1 - Math.exp(-u / m)));
        filtered.set(g, { day, cum, ahead: ahead / Math.max(1, Math.round(horizonDays)) });
      }
    }
    const weights = new Array<number>(data.people.length).fill(0);
    const postG = new Array<number>(data.people.length).fill(0);
    data.people.forEach((person, i) => {
      const ck = known.c.get(person.person_id)!;
      const g = groupOf.get(person.person_id) ?? '';
      const fg = filtered.get(g);
      const nDays = fg ? fg.day.length : 0;
      const lambda = fg ? c.mu * ck * fg.cum[nDays] : c.mu * ck * cumAt(g, asOf);
      const p = index.personIndex.get(person.person_id);
      const mine = p === undefined ? [] : (byPerson.get(p) ?? []);
      const bs: number[] = [];
      const es: number[] = [];
      for (const e of mine) {
        const t = evs[e].time;
        if (t < onset) continue;
        const d = Math.min(nDays - 1, Math.floor(t - startDay));
        bs.push(b0[e] * (fg ? fg.day[d] : hotAt(hotOf.has(g) ? g : '', t)));
        es.push(ex[e]);
      }
      postG[i] = known.shape > 0 ? posteriorMeanG(known.shape, lambda, bs, es) : 1;
      weights[i] = ck * postG[i] * (hot === 'filtered' && hotOptions ? (fg ? fg.ahead : 1) : 1);
    });
    return { weights, g: postG };
  };
}

/**
 * The same ranker with everyone the records show killed before the cut (victim of a severity-4
 * incident) scored 0. Before 2003184 synthCity kept drawing events for homicide victims (its
 * background did not stop at death), so an oracle that lists the dead gained hits no ranker that
 * believes the records can have; the fitted model takes homicide victims out of the risk set
 * (`homicideExit`). Now the killed have no later records and `trueExpectedEvents` gives them 0,
 * so this changes nothing on its top lists; kept as a guard.
 */
export function aliveOnly(r: Ranker): Ranker {
  return {
    name: `${r.name} (alive)`,
    rank(input) {
      const out = r.rank(input);
      const dead = new Set<string>();
      const severity = new Map(input.data.incidents.map((i) => [i.incident_id, i.severity]));
      for (const v of input.data.involvements)
        if (v.role === 'victim' && severity.get(v.incident_id) === 4) dead.add(v.person_id);
      const score = Float64Array.from(out.score);
      const expected = out.expected ? Float64Array.from(out.expected) : undefined;
      input.population.forEach((id, i) => {
        if (!dead.has(id)) return;
        score[i] = 0;
        if (expected) expected[i] = 0;
      });
      return { score, expected };
    },
  };
}

/**
 * Rankers that remember their output at each cut, and the expected hits of each one's top `share`
 * under a reference ranker's expected events (the oracle's): Σ over the listed people of
 * 1 − e^(−E) (a Poisson approximation of P(harmed in the horizon)), summed over cuts.
 */
export function recording(rankers: Ranker[]) {
  const seen = new Map<
    string,
    Map<number, { population: readonly string[]; score: Float64Array; expected?: Float64Array }>
  >();
  const wrapped = rankers.map(
    (x): Ranker => ({
      ...x,
      rank(input) {
        const out = x.rank(input);
        let m = seen.get(x.name);
        if (!m) seen.set(x.name, (m = new Map()));
        m.set(input.asOf, { population: input.population, ...out });
        return out;
      },
    }),
  );
  const expectedHits = (name: string, reference = 'oracle', share = 0.01) => {
    let e = 0;
    for (const [asOf, out] of seen.get(name) ?? []) {
      const truth = seen.get(reference)?.get(asOf)?.expected;
      if (!truth) throw new Error(`no ${reference} forecast at ${asOf}`);
      const kn = Math.min(out.population.length, Math.ceil(share * out.population.length - 1e-9));
      const order = Array.from(out.score.keys()).sort((a, b) => out.score[b] - out.score[a]);
      for (let i = 0; i < kn; i++) e += 1 - Math.exp(-truth[order[i]]);
    }
    return e;
  };
  return { rankers: wrapped, expectedHits };
}

/** A ranker whose output at each cut is computed once (so an `aliveOnly` copy reuses it). */
export function memo(r: Ranker): Ranker {
  const byCut = new Map<number, ReturnType<Ranker['rank']>>();
  return {
    ...r,
    rank(input) {
      let out = byCut.get(input.asOf);
      if (!out) byCut.set(input.asOf, (out = r.rank(input)));
      return out;
    },
  };
}
