import { createRng } from '../../../src/core/rng.js';
import { dayToIso, toDay } from '../../../src/core/time.js';
import type { Dataset, Incident, Involvement } from '../../../src/core/types.js';

/** Truth of a generated process. */
export interface GeneratedTruth {
  mu: number;
  alpha: number;
  beta: number;
  /** Events in time order with their true parent (index into `events`, −1 for background). */
  events: { incident_id: string; person_id: string; day: number; parent: number }[];
  triggeredShare: number;
}

/**
 * A small city generated straight from the network Hawkes model (for tests that must not wait
 * on `synthCity`): people in crews co-offend at random times (ties form over time), and serious
 * victimisations follow λ_k(t) = μ + Σ_{j ∈ N(k; t_j)} α·β·e^(−β(t − t_j)) by the branching
 * representation in continuous time, recorded as whole days. A tie counts for an exciting event
 * only when its first shared offence is dated strictly before that event's day.
 */
export function generateNetworkHawkesCity(options: {
  people: number;
  years: number;
  seed: number;
  mu: number;
  alpha: number;
  beta: number;
  crewSize?: number;
  offencesPerPersonYear?: number;
  start?: string;
  /** A person covariate x_k drawn standard normal, with background μ·exp(θ·x_k). */
  covariateTheta?: number;
}): { data: Dataset; truth: GeneratedTruth; covariate: Float64Array } {
  const rng = createRng(options.seed);
  const n = options.people;
  const S = toDay(options.start ?? '2018-01-01');
  const T = S + Math.round(options.years * 365.25);
  const crew = options.crewSize ?? 8;
  const width = String(n).length;
  const pid = (k: number) => `P${String(k).padStart(width, '0')}`;
  const incidents: Incident[] = [];
  const involvements: Involvement[] = [];
  let nextId = 0;
  const incId = () => `I${String(nextId++).padStart(8, '0')}`;

  // Co-offending: offences of 2–3 people from one crew (occasionally a neighbouring crew).
  const tieStart = new Map<number, number>();
  const nOff = Math.round((n * options.years * (options.offencesPerPersonYear ?? 0.6)) / 2.5);
  const offences: { day: number; who: number[] }[] = [];
  for (let x = 0; x < nOff; x++) {
    const day = S + rng.int(T - S);
    const a = rng.int(n);
    const base = a - (a % crew);
    const size = 2 + rng.int(2);
    const who = [a];
    while (who.length < size) {
      const b = rng.random() < 0.9 ? base + rng.int(crew) : rng.int(n);
      if (b < n && !who.includes(b)) who.push(b);
    }
    offences.push({ day, who });
  }
  offences.sort((x, y) => x.day - y.day);
  for (const { day, who } of offences) {
    const id = incId();
    incidents.push({ incident_id: id, date: dayToIso(day), day, offence: 'theft', severity: 0 });
    for (const p of who)
      involvements.push({ incident_id: id, person_id: pid(p), role: 'offender' });
    for (const a of who)
      for (const b of who) {
        if (a >= b) continue;
        const key = a * n + b;
        if (!tieStart.has(key)) tieStart.set(key, day);
      }
  }
  const adj: { q: number; start: number }[][] = Array.from({ length: n }, () => []);
  for (const [key, start] of tieStart) {
    const a = Math.floor(key / n);
    const b = key % n;
    adj[a].push({ q: b, start });
    adj[b].push({ q: a, start });
  }

  // Hawkes process by branching.
  const ev: { p: number; t: number; parent: number }[] = [];
  const covariate = new Float64Array(n);
  for (let k = 0; k < n; k++) covariate[k] = rng.normal();
  const theta = options.covariateTheta ?? 0;
  for (let k = 0; k < n; k++) {
    const m = rng.poisson(options.mu * Math.exp(theta * covariate[k]) * (T - S));
    for (let x = 0; x < m; x++) ev.push({ p: k, t: S + rng.random() * (T - S), parent: -1 });
  }
  for (let head = 0; head < ev.length; head++) {
    const { p, t } = ev[head];
    const dayJ = Math.floor(t);
    for (const { q, start } of adj[p]) {
      if (!(start < dayJ)) continue;
      const m = rng.poisson(options.alpha);
      for (let x = 0; x < m; x++) {
        const tc = t + rng.exponential(options.beta);
        if (tc < T) ev.push({ p: q, t: tc, parent: head });
      }
    }
  }
  const order = ev.map((_, i) => i).sort((a, b) => ev[a].t - ev[b].t);
  const rank = new Int32Array(ev.length);
  order.forEach((i, r) => {
    rank[i] = r;
  });
  const events: GeneratedTruth['events'] = [];
  for (const i of order) {
    const day = Math.floor(ev[i].t);
    const id = incId();
    incidents.push({ incident_id: id, date: dayToIso(day), day, offence: 'shooting', severity: 3 });
    involvements.push({ incident_id: id, person_id: pid(ev[i].p), role: 'victim' });
    events.push({
      incident_id: id,
      person_id: pid(ev[i].p),
      day,
      parent: ev[i].parent < 0 ? -1 : rank[ev[i].parent],
    });
  }
  const people = Array.from({ length: n }, (_, k) => ({ person_id: pid(k) }));
  const triggered = events.filter((e) => e.parent >= 0).length;
  return {
    covariate,
    data: { incidents, involvements, people, auditColumns: [] },
    truth: {
      mu: options.mu,
      alpha: options.alpha,
      beta: options.beta,
      events,
      triggeredShare: events.length ? triggered / events.length : 0,
    },
  };
}
