/**
 * Worlds whose co-offending network comes from another generator (2026-12-04, issue #10).
 * Every earlier misspecified world took its ties from synthCity's ordinary records; here the
 * ties are a graph of our own and the records are written along its edges:
 *
 * - `'ba'`: Barabási–Albert, m = 2 (mean degree 4, hubs of degree 100+), people arriving in
 *   order over the period, each edge's incidents after both ends arrived;
 * - `'london'`: the London gang network (Grund & Densley, 54 people; tie value v = v incidents)
 *   copied 55 times (2,970 people), each copy a group, plus 5 random ties per copy to other copies;
 * - `'cliques'`: people / 10 incidents (300 for 3,000 people) of 8–15 co-offenders drawn at
 *   random (one incident, one clique);
 * - `'tree'`: a forest of random recursive trees (component sizes geometric, mean 2.5: mean
 *   degree 1.2);
 * - `'isolates'`: 60% of people never co-offend; the rest an Erdős–Rényi graph of mean degree 2;
 * - `'mixed'`: an Erdős–Rényi graph of pair incidents over everyone (mean degree 2) and
 *   people / 30 incidents of 8–15 co-offenders (100 for 3,000 people).
 *
 * Each edge gets 1 + Poisson(0.3) pair incidents (london: its tie value), and every person
 * 1 + Poisson(1) solo incidents; ordinary incidents have severity 0–2, dates uniform over
 * [max(arrival of the people), end). A person is at risk from the day after their first
 * record. Background serious events at μ_k per person-day, μ_k ∝ (1 + degree_k)^γ (γ = 1 with
 * `hetero`, else 0), scaled so the people's mean is μ₀ (default 1e-4): the classic false
 * positive, risk correlated with degree. With contagion each event of j at t gives
 * Poisson(α·m) children, m = j's neighbours tied (first shared incident) strictly before t's day,
 * each on a uniform one of them, delays exp(mean 60 days) or gamma(shape 4, mean 90 days);
 * α = ρ / λ_max(A) for a target ρ (default 0.5) and A the graph's adjacency matrix, so that the
 * process stays subcritical on every topology. 60% of serious events have an offender (a
 * uniform other person already recorded). All serious events are severity 3.
 *
 * The oracle at a cut knows μ_k and every event before the cut: a person's expected events in
 * [cut, cut + h) are μ_k × (time at risk) + α Σ over events e of neighbours tied before e of
 * the delay's probability mass in [cut − t_e, cut + h − t_e) — the first generation only (the
 * knock-on events inside the horizon are left out: the oracle is a slight underestimate).
 */

import { readFileSync } from 'node:fs';
import { createRng, type Rng } from '../src/core/rng.js';
import type { Dataset, Incident, Involvement, Person, Severity } from '../src/core/types.js';
import { gammaVariate } from '../src/synth/worlds.js';

export type Topology = 'ba' | 'london' | 'cliques' | 'tree' | 'isolates' | 'mixed';
export type TopoDelay = 'exp60' | 'gamma4';

export interface TopoOptions {
  seed: number;
  topology: Topology;
  /** People (default 3000; london: 55 copies of 54). */
  people?: number;
  /** Years of records (default 5). */
  years?: number;
  /** Mean background per person-day (default 1e-4). */
  mu?: number;
  /** Background ∝ (1 + degree) (default true). */
  hetero?: boolean;
  /** Target spectral radius ρ = α·λ_max(A) (default 0.5; 0: no contagion). */
  rho?: number;
  delay?: TopoDelay;
}

export interface TopoWorld {
  data: Dataset;
  alpha: number;
  lambdaMax: number;
  maxDegree: number;
  meanDegree: number;
  isolates: number;
  events: number;
  trueShare: number;
  trueDelayMean: number | null;
  trueDelayMedian: number | null;
  kernelMean: number | null;
  branching: number;
  startDay: number;
  endDay: number;
  /** Expected events per person id in [cut, cut + h) (first generation; see the file's TSDoc). */
  oracle(cut: number, horizonDays: number, ids: readonly string[]): Float64Array;
  /** People with a serious victimisation in [cut, cut + h). */
  victimsIn(cut: number, horizonDays: number): Set<string>;
}

const DAY = 86400000;

/** The London gang adjacency matrix (not in the repository; LONDON_GANG_CSV overrides the path). */
function londonMatrix(): number[][] {
  const path = process.env.LONDON_GANG_CSV ?? '/work/shared/data/london_gang/LONDON_GANG.csv';
  const text = readFileSync(path, 'utf8');
  const lines = text.trim().split(/\r?\n/).slice(1);
  return lines.map((l) => l.split(',').slice(1).map(Number));
}

/** Edges (with an incident count each) and arrival order for each topology. */
function makeGraph(
  topology: Topology,
  n0: number,
  rng: Rng,
): { n: number; edges: [number, number, number][]; group?: string[]; arrivalRank?: boolean } {
  const edges: [number, number, number][] = [];
  const reps = () => 1 + rng.poisson(0.3);
  switch (topology) {
    case 'ba': {
      const m = 2;
      const targets: number[] = [];
      // seed clique of 3
      for (let a = 0; a < 3; a++)
        for (let b = a + 1; b < 3; b++) {
          edges.push([a, b, reps()]);
          targets.push(a, b);
        }
      for (let v = 3; v < n0; v++) {
        const chosen = new Set<number>();
        while (chosen.size < m) chosen.add(targets[rng.int(targets.length)]);
        for (const u of chosen) {
          edges.push([u, v, reps()]);
          targets.push(u, v);
        }
      }
      return { n: n0, edges, arrivalRank: true };
    }
    case 'london': {
      const mat = londonMatrix();
      const k = mat.length;
      const copies = 55;
      const n = k * copies;
      const group: string[] = [];
      for (let c = 0; c < copies; c++) {
        for (let i = 0; i < k; i++) group.push(`G${c + 1}`);
        for (let i = 0; i < k; i++)
          for (let j = i + 1; j < k; j++)
            if (mat[i][j] > 0) edges.push([c * k + i, c * k + j, mat[i][j]]);
      }
      for (let c = 0; c < copies; c++)
        for (let e = 0; e < 5; e++) {
          const a = c * k + rng.int(k);
          let b = rng.int(n);
          while (Math.floor(b / k) === c) b = rng.int(n);
          edges.push([a, b, 1]);
        }
      return { n, edges, group };
    }
    case 'cliques': {
      for (let inc = 0; inc < Math.round(n0 / 10); inc++) {
        const size = 8 + rng.int(8);
        const members = new Set<number>();
        while (members.size < size) members.add(rng.int(n0));
        const arr = [...members];
        // one incident per clique: encoded as edges with count 0 and a clique list below
        for (let a = 0; a < arr.length; a++)
          for (let b = a + 1; b < arr.length; b++) edges.push([arr[a], arr[b], -inc - 1]);
      }
      return { n: n0, edges };
    }
    case 'tree': {
      let v = 0;
      while (v < n0) {
        // component size geometric with mean 2.5
        let size = 1;
        while (rng.random() < 0.6) size++;
        const first = v;
        for (let i = 1; i < size && v + i < n0; i++)
          edges.push([first + rng.int(i), first + i, reps()]);
        v += size;
      }
      return { n: n0, edges };
    }
    case 'mixed': {
      const seen = new Set<number>();
      while (seen.size < n0) {
        const a = rng.int(n0);
        const b = rng.int(n0);
        if (a === b) continue;
        const key = Math.min(a, b) * n0 + Math.max(a, b);
        if (seen.has(key)) continue;
        seen.add(key);
        edges.push([a, b, reps()]);
      }
      for (let inc = 0; inc < Math.round(n0 / 30); inc++) {
        const size = 8 + rng.int(8);
        const members = new Set<number>();
        while (members.size < size) members.add(rng.int(n0));
        const arr = [...members];
        for (let a = 0; a < arr.length; a++)
          for (let b = a + 1; b < arr.length; b++) edges.push([arr[a], arr[b], -inc - 1]);
      }
      return { n: n0, edges };
    }
    case 'isolates': {
      const linked = Math.round(0.4 * n0);
      const m = Math.round(linked); // mean degree 2 among the linked
      const seen = new Set<number>();
      while (seen.size < m) {
        const a = rng.int(linked);
        const b = rng.int(linked);
        if (a === b) continue;
        const key = Math.min(a, b) * n0 + Math.max(a, b);
        if (seen.has(key)) continue;
        seen.add(key);
        edges.push([a, b, reps()]);
      }
      return { n: n0, edges };
    }
  }
}

function lambdaMaxOf(n: number, adj: number[][]): number {
  let x = new Float64Array(n).fill(1);
  let lambda = 0;
  for (let it = 0; it < 300; it++) {
    const y = new Float64Array(n);
    // A + I to avoid oscillation on bipartite graphs (trees); subtract 1 at the end
    for (let i = 0; i < n; i++) {
      let s = x[i];
      for (const j of adj[i]) s += x[j];
      y[i] = s;
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += y[i] * y[i];
    norm = Math.sqrt(norm);
    let xn = 0;
    for (let i = 0; i < n; i++) xn += x[i] * x[i];
    const next = norm / Math.sqrt(xn);
    for (let i = 0; i < n; i++) y[i] /= norm;
    x = y;
    if (Math.abs(next - lambda) < 1e-9 * next) {
      lambda = next;
      break;
    }
    lambda = next;
  }
  return lambda - 1;
}

function erlangCdf(x: number, shape: number, rate: number): number {
  if (x <= 0) return 0;
  let term = 1;
  let s = 1;
  for (let k = 1; k < shape; k++) {
    term *= (rate * x) / k;
    s += term;
  }
  return 1 - Math.exp(-rate * x) * s;
}

export function topoWorld(o: TopoOptions): TopoWorld {
  const rng = createRng(104729 * o.seed + 31);
  const years = o.years ?? 5;
  const mu0 = o.mu ?? 1e-4;
  const rho = o.rho ?? 0.5;
  const delayShape = o.delay ?? 'exp60';
  const startDay = Math.floor(Date.UTC(2018, 0, 1) / DAY);
  const endDay = startDay + Math.round(365.25 * years);
  const g = makeGraph(o.topology, o.people ?? 3000, rng.fork());
  const n = g.n;
  const ids = Array.from({ length: n }, (_, i) => `T-${String(i + 1).padStart(5, '0')}`);
  // arrival: BA in order (sorted uniform), others 0 (start)
  const arrival = new Float64Array(n).fill(startDay);
  if (g.arrivalRank) {
    const u = Array.from({ length: n }, () => startDay + rng.random() * (endDay - startDay) * 0.8);
    u.sort((a, b) => a - b);
    for (let i = 0; i < n; i++) arrival[i] = u[i];
  }
  const span = (from: number) => Math.floor(from + rng.random() * (endDay - from));
  const incidents: Incident[] = [];
  const involvements: Involvement[] = [];
  let nextInc = 1;
  const sev = (): Severity => rng.int(3) as Severity;
  const addIncident = (day: number, offenders: number[], severity: Severity) => {
    const id = `O-${String(nextInc++).padStart(7, '0')}`;
    incidents.push({
      incident_id: id,
      date: new Date(day * DAY).toISOString().slice(0, 10),
      day,
      offence: severity === 0 ? 'theft' : 'assault',
      severity,
    });
    for (const p of offenders)
      involvements.push({ incident_id: id, person_id: ids[p], role: 'offender' });
  };
  // Tie days (first shared incident day) per pair, adjacency lists.
  const adj: number[][] = Array.from({ length: n }, () => []);
  const tieDay: Map<number, number>[] = Array.from({ length: n }, () => new Map());
  const tie = (a: number, b: number, day: number) => {
    const d = tieDay[a].get(b);
    if (d === undefined) {
      adj[a].push(b);
      adj[b].push(a);
      tieDay[a].set(b, day);
      tieDay[b].set(a, day);
    } else if (day < d) {
      tieDay[a].set(b, day);
      tieDay[b].set(a, day);
    }
  };
  const cliques = new Map<number, number[]>();
  for (const [a, b, c] of g.edges) {
    if (c < 0) {
      let m = cliques.get(-c);
      if (!m) cliques.set(-c, (m = []));
      if (!m.includes(a)) m.push(a);
      if (!m.includes(b)) m.push(b);
      continue;
    }
    for (let r = 0; r < c; r++) {
      const day = span(Math.max(arrival[a], arrival[b]));
      addIncident(day, [a, b], sev());
      tie(a, b, day);
    }
  }
  for (const members of cliques.values()) {
    const day = span(startDay);
    addIncident(day, members, sev());
    for (let x = 0; x < members.length; x++)
      for (let y = x + 1; y < members.length; y++) tie(members[x], members[y], day);
  }
  for (let i = 0; i < n; i++) {
    const solo = 1 + rng.poisson(1);
    for (let r = 0; r < solo; r++) addIncident(span(arrival[i]), [i], sev());
  }
  const entry = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const index = new Map(ids.map((id, i) => [id, i]));
  const incDay = new Map(incidents.map((i) => [i.incident_id, i.day]));
  for (const v of involvements) {
    const i = index.get(v.person_id)!;
    const d = incDay.get(v.incident_id)!;
    if (d < entry[i]) entry[i] = d;
  }
  const degree = adj.map((a) => a.length);
  const gamma = o.hetero === false ? 0 : 1;
  let wsum = 0;
  const weight = degree.map((d) => (1 + d) ** gamma);
  for (const w of weight) wsum += w;
  const mu = weight.map((w) => (mu0 * w * n) / wsum);
  const lambdaMax = lambdaMaxOf(n, adj);
  const alpha = rho > 0 ? rho / lambdaMax : 0;
  const drng = rng.fork();
  const delay =
    delayShape === 'exp60'
      ? {
          draw: () => drng.exponential(1 / 60),
          mean: 60,
          cdf: (x: number) => (x <= 0 ? 0 : 1 - Math.exp(-x / 60)),
        }
      : {
          draw: () => (gammaVariate(drng, 4) * 90) / 4,
          mean: 90,
          cdf: (x: number) => erlangCdf(x, 4, 4 / 90),
        };
  const atRisk = (i: number, t: number) => t > entry[i] + 1 && t < endDay;

  const time: number[] = [];
  const person: number[] = [];
  const parent: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(entry[i])) continue;
    let t = entry[i] + 1;
    for (;;) {
      t += rng.exponential(mu[i]);
      if (t >= endDay) break;
      time.push(t);
      person.push(i);
      parent.push(-1);
    }
  }
  const limit = 4 * n;
  let children = 0;
  for (let e = 0; e < time.length && alpha > 0; e++) {
    const j = person[e];
    const day = Math.floor(time[e]);
    const nb = adj[j].filter((k) => tieDay[j].get(k)! < day);
    if (nb.length === 0) continue;
    const count = rng.poisson(alpha * nb.length);
    for (let c = 0; c < count; c++) {
      const k = nb[rng.int(nb.length)];
      const tc = time[e] + delay.draw();
      if (!atRisk(k, tc)) continue;
      time.push(tc);
      person.push(k);
      parent.push(e);
      children++;
    }
    if (time.length > limit) throw new Error(`explosive: over ${limit} events`);
  }
  const order = Array.from(time.keys()).sort((a, b) => time[a] - time[b] || a - b);
  const delays: number[] = [];
  let triggered = 0;
  const serious: Incident[] = [];
  const seriousInv: Involvement[] = [];
  let nextId = 1;
  for (const e of order) {
    const day = Math.floor(time[e]);
    const id = `W-${String(nextId++).padStart(7, '0')}`;
    serious.push({
      incident_id: id,
      date: new Date(day * DAY).toISOString().slice(0, 10),
      day,
      offence: 'shooting',
      severity: 3,
      weapon: 'firearm',
    });
    seriousInv.push({ incident_id: id, person_id: ids[person[e]], role: 'victim' });
    if (rng.random() < 0.6) {
      for (let tries = 0; tries < 64; tries++) {
        const k = rng.int(n);
        if (k !== person[e] && entry[k] < day) {
          seriousInv.push({ incident_id: id, person_id: ids[k], role: 'offender' });
          break;
        }
      }
    }
    if (parent[e] >= 0) {
      triggered++;
      delays.push(time[e] - time[parent[e]]);
    }
  }
  delays.sort((a, b) => a - b);
  const people: Person[] = ids.map((person_id, i) => ({
    person_id,
    birth_year: 1980 + rng.int(22),
    ...(g.group ? { group: g.group[i] } : {}),
  }));
  const data: Dataset = {
    incidents: incidents.concat(serious).sort((a, b) => a.day - b.day),
    involvements: involvements.concat(seriousInv),
    people,
    auditColumns: [],
  };
  let maxDegree = 0;
  let dsum = 0;
  let isolates = 0;
  for (const d of degree) {
    if (d > maxDegree) maxDegree = d;
    dsum += d;
    if (d === 0) isolates++;
  }
  return {
    data,
    alpha,
    lambdaMax,
    maxDegree,
    meanDegree: dsum / n,
    isolates,
    events: time.length,
    trueShare: time.length ? triggered / time.length : 0,
    trueDelayMean: delays.length ? delays.reduce((s, x) => s + x, 0) / delays.length : null,
    trueDelayMedian: delays.length ? delays[delays.length >> 1] : null,
    kernelMean: alpha > 0 ? delay.mean : null,
    branching: time.length ? children / time.length : 0,
    startDay,
    endDay,
    oracle(cut, h, who) {
      const out = new Float64Array(who.length);
      for (let w = 0; w < who.length; w++) {
        const k = index.get(who[w]);
        if (k === undefined) continue;
        const from = Math.max(cut, entry[k] + 1);
        const to = Math.min(cut + h, endDay);
        out[w] = mu[k] * Math.max(0, to - from);
      }
      if (alpha > 0) {
        const pos = new Map(who.map((id, w) => [index.get(id)!, w]));
        for (let e = 0; e < time.length; e++) {
          if (time[e] >= cut) continue;
          const j = person[e];
          const day = Math.floor(time[e]);
          const mass = delay.cdf(cut + h - time[e]) - delay.cdf(cut - time[e]);
          if (mass <= 0) continue;
          for (const k of adj[j]) {
            if (tieDay[j].get(k)! >= day) continue;
            const w = pos.get(k);
            if (w !== undefined) out[w] += alpha * mass;
          }
        }
      }
      return out;
    },
    victimsIn(cut, h) {
      const s = new Set<string>();
      for (let e = 0; e < time.length; e++)
        if (time[e] >= cut && time[e] < cut + h && Math.floor(time[e]) >= cut)
          s.add(ids[person[e]]);
      return s;
    },
  };
}
