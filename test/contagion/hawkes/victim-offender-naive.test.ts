import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes } from '../../../src/contagion/hawkes/index.js';
import { makeDataset } from '../../helpers.js';

/**
 * The victim–offender term's log-likelihood, re-derived by plain loops over events from the
 * Hawkes guide's definitions (no library internals), on a hand-made dataset: a same-day double
 * harm, a person who is both victim and offender, a co-offending tie formed mid-window, a
 * homicide exit and a user exit.
 */
const data = makeDataset([
  ['I1', '2020-01-05', 1, ['A', 'B'], []],
  ['I2', '2020-02-01', 3, ['A'], ['C']],
  ['I3', '2020-02-01', 3, ['D'], ['C']],
  ['I4', '2020-03-10', 3, ['C'], ['A']],
  ['I5', '2020-04-01', 1, ['C', 'E'], []],
  ['I6', '2020-05-01', 3, ['B'], ['E']],
  ['I7', '2020-06-15', 3, ['F'], ['B']],
  ['I8', '2020-07-01', 4, ['G'], ['D']],
  ['I9', '2020-08-01', 3, ['E'], ['A']],
  ['I10', '2020-09-01', 3, ['H'], ['C']],
  ['I11', '2020-10-01', 3, ['A', 'F'], ['H']],
  ['I12', '2020-10-20', 3, ['C'], ['F']],
  ['I13', '2020-12-01', 1, ['H'], []],
]);
const exits = [{ person_id: 'E', from: '2020-06-01', to: '2020-07-15' }];
const L = 730;
const base = {
  trend: false,
  recordCovariates: false,
  entry: 'window',
  exits,
  frailty: false,
  maxLagDays: L,
} as const;

type Kind = 'direct' | 'sides';
const day = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86400000;

function naive(
  kind: Kind,
  mu: number,
  alpha: number,
  avo: number,
  beta: number,
  S: number,
  T: number,
) {
  const inc = data.incidents.map((i) => ({ id: i.incident_id, t: day(i.date), sev: i.severity }));
  const offenders = (id: string) =>
    data.involvements
      .filter((v) => v.incident_id === id && v.role === 'offender')
      .map((v) => v.person_id);
  const victims = (id: string) =>
    data.involvements
      .filter((v) => v.incident_id === id && v.role === 'victim')
      .map((v) => v.person_id);
  const people = [...new Set(data.involvements.map((v) => v.person_id))];
  // events: victims of severity >= 3
  const ev: { p: string; t: number }[] = [];
  for (const i of inc) if (i.sev >= 3) for (const v of victims(i.id)) ev.push({ p: v, t: i.t });
  // co-offending tie start (first shared offender incident); carries parents strictly after
  const co = (a: string, b: string) => {
    let s = Number.POSITIVE_INFINITY;
    for (const i of inc) {
      const o = offenders(i.id);
      if (a !== b && o.includes(a) && o.includes(b)) s = Math.min(s, i.t);
    }
    return s;
  };
  // direct victim–offender tie start; carries parents on or after
  const vo = (a: string, b: string) => {
    let s = Number.POSITIVE_INFINITY;
    for (const i of inc) {
      const o = offenders(i.id);
      const v = victims(i.id);
      if (a !== b && ((o.includes(a) && v.includes(b)) || (v.includes(a) && o.includes(b))))
        s = Math.min(s, i.t);
    }
    return s;
  };
  // does a parent event of j at day tj excite k along a victim–offender tie?
  const voCarries = (j: string, k: string, tj: number) => {
    if (j === k) return false;
    if (vo(j, k) <= tj) return true;
    if (kind === 'sides')
      for (const q of people) if (q !== j && vo(j, q) <= tj && co(q, k) < tj) return true;
    return false;
  };
  const exitsOf = (p: string): [number, number][] => {
    const x: [number, number][] = [];
    for (const e of exits) if (e.person_id === p) x.push([day(e.from), day(e.to)]);
    for (const i of inc)
      if (i.sev === 4 && victims(i.id).length === 1 && victims(i.id)[0] === p)
        x.push([i.t, Number.POSITIVE_INFINITY]);
    return x;
  };
  // at its own event a person is at risk on an exit's first day too (the killed at their homicide)
  const atRiskAtEvent = (p: string, t: number) =>
    t >= S && !exitsOf(p).some(([a, b]) => a < t && t < b);
  const Z = 1 - Math.exp(-beta * L);
  const kern = (d: number) => (beta * Math.exp(-beta * d)) / Z;
  // ∫ over [a, b) of the kernel in delay, for at-risk times of p
  const kernInt = (p: string, tj: number) => {
    let a = Math.max(tj, S);
    const b = Math.min(tj + L, T);
    if (!(b > a)) return 0;
    let cuts: [number, number][] = [[a, b]];
    for (const [xa, xb] of exitsOf(p)) {
      const next: [number, number][] = [];
      for (const [u, w] of cuts) {
        if (xb <= u || xa >= w) next.push([u, w]);
        else {
          if (xa > u) next.push([u, xa]);
          if (xb < w) next.push([xb, w]);
        }
      }
      cuts = next;
    }
    a = 0;
    for (const [u, w] of cuts) a += (Math.exp(-beta * (u - tj)) - Math.exp(-beta * (w - tj))) / Z;
    return a;
  };
  let ll = 0;
  for (const e of ev) {
    let lam = atRiskAtEvent(e.p, e.t) ? mu : 0;
    for (const f of ev) {
      if (!(f.t < e.t) || e.t - f.t > L || f.p === e.p) continue;
      if (co(f.p, e.p) < f.t) lam += alpha * kern(e.t - f.t);
      if (voCarries(f.p, e.p, f.t)) lam += avo * kern(e.t - f.t);
    }
    ll += Math.log(lam);
  }
  // compensator: background
  for (const p of people) {
    let exposure = T - S;
    for (const [a, b] of exitsOf(p)) exposure -= Math.max(0, Math.min(b, T) - Math.max(a, S));
    ll -= mu * exposure;
  }
  for (const f of ev)
    for (const k of people) {
      if (k === f.p) continue;
      if (co(f.p, k) < f.t) ll -= alpha * kernInt(k, f.t);
      if (voCarries(f.p, k, f.t)) ll -= avo * kernInt(k, f.t);
    }
  return ll;
}

describe('victim–offender log-likelihood against a naive re-implementation', () => {
  for (const kind of ['direct', 'sides'] as const) {
    it(`agrees at fixed parameters (${kind})`, () => {
      const start = { mu: 2e-3, alpha: 0.3, beta: 1 / 40, alphaVictimOffender: 0.4 };
      const m = fitNetworkHawkes(data, {
        ...base,
        victimOffenderTies: kind,
        maxIterations: 0,
        refine: false,
        standardErrors: false,
        start,
      });
      const { start: S, end: T } = m.state.data;
      const lib = m.logLikelihood;
      const ref = naive(kind, start.mu, start.alpha, start.alphaVictimOffender, start.beta, S, T);
      expect(lib).toBeCloseTo(ref, 6);
    });
  }
});

/** Nelder–Mead maximisation (a generic optimiser, nothing of the library's). */
function nelderMead(f: (x: number[]) => number, x0: number[], step = 0.5, iters = 4000): number[] {
  const n = x0.length;
  let pts = [x0, ...x0.map((_, i) => x0.map((v, j) => (i === j ? v + step : v)))];
  let val = pts.map(f);
  for (let it = 0; it < iters; it++) {
    const ord = val.map((_, i) => i).sort((a, b) => val[b] - val[a]);
    pts = ord.map((i) => pts[i]);
    val = ord.map((i) => val[i]);
    if (Math.abs(val[0] - val[n]) < 1e-13) break;
    const c = x0.map((_, j) => pts.slice(0, n).reduce((a, q) => a + q[j], 0) / n);
    const at = (t: number) => c.map((v, j) => v + t * (pts[n][j] - v));
    const r = at(-1);
    const fr = f(r);
    if (fr > val[0]) {
      const e = at(-2);
      const fe = f(e);
      [pts[n], val[n]] = fe > fr ? [e, fe] : [r, fr];
    } else if (fr > val[n - 1]) [pts[n], val[n]] = [r, fr];
    else {
      const k = at(0.5);
      const fk = f(k);
      if (fk > val[n]) [pts[n], val[n]] = [k, fk];
      else
        for (let i = 1; i <= n; i++) {
          pts[i] = pts[i].map((v, j) => pts[0][j] + 0.5 * (v - pts[0][j]));
          val[i] = f(pts[i]);
        }
    }
  }
  return pts[val.indexOf(Math.max(...val))];
}

describe('victim–offender maximum likelihood against a naive re-implementation', () => {
  it("the fit's optimum is the naive likelihood's, and its standard error the naive information's", () => {
    const m = fitNetworkHawkes(data, { ...base, victimOffenderTies: 'direct' });
    const { start: S, end: T } = m.state.data;
    const { mu, alpha, beta } = m.parameters;
    const avo = m.parameters.alphaVictimOffender ?? 0;
    // On these 10 events: α at 0 (exactly: the α-collapse stop), the delay at its longest
    // (1/β = 730 days), α_vo inside.
    expect(alpha).toBe(0);
    expect(beta).toBeCloseTo(1 / 730, 12);
    expect(avo).toBeGreaterThan(0.1);
    expect(m.logLikelihood).toBeCloseTo(naive('direct', mu, alpha, avo, beta, S, T), 6);
    // a generic optimiser over (ln μ, ln α_vo) at α = 0 and the longest delay reaches the same
    const f = (x: number[]) => naive('direct', Math.exp(x[0]), 0, Math.exp(x[1]), 1 / 730, S, T);
    const x = nelderMead(f, [Math.log(1e-3), Math.log(0.1)]);
    expect(f(x)).toBeCloseTo(m.logLikelihood, 6);
    expect(Math.exp(x[0])).toBeCloseTo(mu, 6);
    expect(Math.exp(x[1]) / avo).toBeCloseTo(1, 4);
    // over all four (ln μ, ln α, ln α_vo, ln β in the delay range) nothing beats it
    const clampB = (lb: number) => Math.exp(Math.min(0, Math.max(Math.log(1 / 730), lb)));
    const f4 = (y: number[]) =>
      naive('direct', Math.exp(y[0]), Math.exp(y[1]), Math.exp(y[2]), clampB(y[3]), S, T);
    for (const y0 of [
      [Math.log(1e-3), Math.log(0.1), Math.log(0.1), Math.log(1 / 30)],
      [Math.log(3e-3), Math.log(0.5), Math.log(0.5), Math.log(1 / 200)],
    ])
      expect(f4(nelderMead(f4, y0))).toBeLessThan(m.logLikelihood + 1e-6);
    // the boundaries bind: the naive likelihood falls as α rises from 0 or the delay shortens
    const h = 1e-6;
    expect(naive('direct', mu, h, avo, beta, S, T)).toBeLessThan(f(x));
    expect(naive('direct', mu, 0, avo, beta * 1.001, S, T)).toBeLessThan(f(x));
    // standard error of α_vo: the naive observed information over the free (ln μ, ln α_vo), α
    // held at its boundary 0 (the α-collapse stop ends it there; it sat at ~1e-8 before)
    const v0 = [Math.log(mu), Math.log(avo)];
    const g = (v: number[]) => naive('direct', Math.exp(v[0]), 0, Math.exp(v[1]), beta, S, T);
    const e = 1e-4;
    const H = [0, 1].map((i) =>
      [0, 1].map((j) => {
        const at = (di: number, dj: number) => {
          const v = v0.slice();
          v[i] += di;
          v[j] += dj;
          return g(v);
        };
        return (at(e, e) - at(e, -e) - at(-e, e) + at(-e, -e)) / (4 * e * e);
      }),
    );
    // inverse of −H (2×2): the variance of ln α_vo is its [1][1] entry
    const A = H.map((r) => r.map((v) => -v));
    const varVo = A[0][0] / (A[0][0] * A[1][1] - A[0][1] * A[1][0]);
    const se = avo * Math.sqrt(varVo);
    expect((m.standardErrors.alphaVictimOffender ?? 0) / se).toBeCloseTo(1, 3);
  });

  it("'sides' here: no contagion, and no naive optimum beats the fit", () => {
    const m = fitNetworkHawkes(data, { ...base, victimOffenderTies: 'sides' });
    const { start: S, end: T } = m.state.data;
    expect(m.parameters.alphaVictimOffender).toBe(0);
    expect(m.identified).toBe(false);
    expect(m.logLikelihood).toBeCloseTo(
      naive('sides', m.parameters.mu, 0, 0, m.parameters.beta, S, T),
      6,
    );
    const clampB = (lb: number) => Math.exp(Math.min(0, Math.max(Math.log(1 / 730), lb)));
    const f4 = (y: number[]) =>
      naive('sides', Math.exp(y[0]), Math.exp(y[1]), Math.exp(y[2]), clampB(y[3]), S, T);
    for (const y0 of [
      [Math.log(1e-3), Math.log(0.1), Math.log(0.1), Math.log(1 / 30)],
      [Math.log(3e-3), Math.log(0.5), Math.log(0.5), Math.log(1 / 200)],
      [Math.log(3e-3), Math.log(0.01), Math.log(0.4), Math.log(1 / 700)],
    ]) {
      const y = nelderMead(f4, y0);
      expect(f4(y)).toBeLessThan(m.logLikelihood + 1e-6);
    }
  });
});
