/**
 * Diagnostic (issue 10): how much of the record covariates' drift the fitted trend takes back.
 * Per fit: the aggregate covariate factor per day of each trend bin D_b = Σ_r e^(γ·z_r) A0[r,b] /
 * len_b and the bin rates μ_b; ρ = 1 + slope(ln μ) / slope(ln D) (weighted least squares over the
 * bins with events, weights their fitted background events): 0 when the trend falls as the
 * covariates rise (the drift is not in the events), 1 when the trend is flat (it is).
 *
 *   npx tsx bench/level-rho.ts [world] [seeds] [people] [causal=0]
 */
import { fitNetworkHawkes } from '../src/contagion/hawkes/fit.js';
import type { HawkesState } from '../src/contagion/hawkes/model.js';
import { simulateNetworkHawkes, withSimulatedOutcomes } from '../src/contagion/hawkes/simulate.js';
import { dayToIso } from '../src/core/time.js';
import { type MisspecifiedWorldName, misspecifiedWorld, synthCity } from '../src/synth/index.js';

const world = (process.argv[2] ?? 'heterogeneous') as MisspecifiedWorldName;
const seeds = Number(process.argv[3] ?? 3);
const people = Number(process.argv[4] ?? 3000);
const causal = process.argv[5] === '1';
const contagion = process.env.CONTAGION === '1';
export function rho(s: HawkesState, lastBins = Number.POSITIVE_INFINITY) {
  const bg = s.bg;
  const B = bg.B;
  const x: number[] = [];
  const lm: number[] = [];
  const ld: number[] = [];
  const w: number[] = [];
  for (let b = Math.max(0, B - lastBins); b < B; b++) {
    const len = bg.edges[b + 1] - bg.edges[b];
    let D = 0;
    for (let r = 0; r < bg.nRows; r++) {
      let v = 0;
      for (let f = 0; f < bg.d; f++) v += s.theta[f] * bg.Z[r * bg.d + f];
      D += Math.exp(v) * bg.A0[r * B + b];
    }
    if (!(s.rates[b] > 0) || !(D > 0)) continue;
    x.push((bg.edges[b] + bg.edges[b + 1]) / 2 / 365.25);
    lm.push(Math.log(s.rates[b]));
    ld.push(Math.log(D / len));
    w.push(s.rates[b] * D);
  }
  const slope = (y: number[]) => {
    const W = w.reduce((a, b) => a + b, 0);
    const mx = x.reduce((a, v, i) => a + w[i] * v, 0) / W;
    const my = y.reduce((a, v, i) => a + w[i] * v, 0) / W;
    let sxy = 0;
    let sxx = 0;
    for (let i = 0; i < x.length; i++) {
      sxy += w[i] * (x[i] - mx) * (y[i] - my);
      sxx += w[i] * (x[i] - mx) ** 2;
    }
    return sxy / sxx;
  };
  const sm = slope(lm);
  const sd = slope(ld);
  return { sm, sd, rho: 1 + sm / sd, bins: x.length };
}
for (let seed = 1; seed <= seeds; seed++) {
  const city = synthCity(misspecifiedWorld(world, { seed, people, contagion }));
  let data = city.data;
  if (causal) {
    const m0 = fitNetworkHawkes(city.data, { standardErrors: false, frailty: false });
    const s0 = m0.state;
    s0.rates.fill(s0.rates[s0.rates.length - 1]);
    s0.alpha = 0;
    const from = s0.data.start;
    const days = s0.data.end - s0.data.start;
    const sim = simulateNetworkHawkes(m0, {
      from: dayToIso(from),
      days,
      runs: 1,
      keepEvents: true,
      seed,
    });
    data = withSimulatedOutcomes(m0, sim.simulated![0], { from, days });
  }
  const end = Math.max(...city.data.incidents.map((i) => Date.parse(i.date) / 86400000)) + 1;
  for (const c of [6, 3, 1]) {
    const cut = end - c * 180;
    const m = fitNetworkHawkes(data, { asOf: dayToIso(cut), standardErrors: false });
    const all = rho(m.state);
    const l3 = rho(m.state, 4);
    console.log(
      `${world}${causal ? ' causal' : ''} seed ${seed} cut ${dayToIso(cut)}: rates ${[...m.state.rates].map((r) => (r * 1e4).toFixed(2)).join(' ')}; slope ln μ ${all.sm.toFixed(3)}/yr, ln D ${all.sd.toFixed(3)}/yr, ρ ${all.rho.toFixed(2)} (${all.bins} bins); last 4 bins ρ ${l3.rho.toFixed(2)}`,
    );
  }
}
