/**
 * Homophily worlds (2026-12-05, issue #10: "would you say the same on data with no contagion?").
 * Shalizi & Thomas (2011): tied people share risk, so the associates of the harmed are harmed
 * more with no contagion at all. None of the earlier misspecified worlds had *persistent risk
 * shared among tied people*; these do. Serious events are drawn here by a branching process of
 * our own (as bench/worlds-unseen2-harness.ts), background μ_k(t) = μ₀ · m_k(t) per person-day at
 * risk (from the day after the first ordinary record to the end), m_k(t) by `world`:
 *
 * - `'control'`: m = 1 (synthCity's ordinary records, none of the worlds below);
 * - `'group-frailty'`: each of synthCity's groups draws G_g ~ Gamma(κ, 1/κ) (mean 1, variance
 *   1/κ, κ = `shape`, default 1), shared by its members for the whole window; people in no group
 *   draw their own. Co-offending is mostly within groups (two thirds of synthCity's pairs), so tied
 *   people share a multiplier;
 * - `'assortative'`: ties formed by latent risk. Every person draws Z_k ~ Gamma(κ, 1/κ), m = Z_k;
 *   the ordinary records are a graph of our own (not synthCity's): `people` pair edges, each a
 *   pair at nearby risk ranks (b's rank = a's rank + a normal of sd 2% of the people, a drawn
 *   uniformly; 20% of edges uniform at random), 1 + Poisson(0.3) pair incidents an edge, 1 +
 *   Poisson(1) solo incidents a person, days uniform over the window; degree does not depend on
 *   Z (mean degree ~2, assortativity of Z over the ties ~0.8);
 * - `'shocks'`: neighbourhood shocks. Each area (synthCity's incident `area`; a person's area is
 *   the one of most of their ordinary records: groups hold turf, so tied people mostly share it)
 *   has ln m_a(t) a random walk in calendar months, steps normal with sd `walkSd` (default 0.12:
 *   sd ≈ 1 after six years), started at N(0, 0.5²), no drift; m is scaled so that the mean over
 *   areas is 1 every month (the city's total follows no trend; the fit's yearly trend bins would
 *   take one out anyway).
 *
 * With `alpha` > 0, each event of j at t gives Poisson(α·m) children, m = j's co-offenders tied
 * strictly before t's day, each on a uniform one of them, delays exponential of mean 60 days
 * (the model's own mechanism); a child lands only on a person at risk then. 60% of events have an
 * offender (a uniform person of another group at risk). All serious events are severity 3.
 */

import { createRng } from '../src/core/rng.js';
import type { Dataset, Incident, Involvement, Person, Severity } from '../src/core/types.js';
import { synthCity } from '../src/synth/index.js';
import { gammaVariate } from '../src/synth/worlds.js';

export type HomophilyWorld = 'control' | 'group-frailty' | 'assortative' | 'shocks';

export interface HomophilyOptions {
  seed: number;
  world: HomophilyWorld;
  people?: number;
  years?: number;
  /** Mean background μ₀ per person-day at risk (default 1e-4). */
  mu?: number;
  /** α per co-offending tie (default 0: no contagion). */
  alpha?: number;
  /** κ of the gamma multipliers (default 1: variance 1). */
  shape?: number;
  /** sd of the monthly step of ln m with 'shocks' (default 0.12). */
  walkSd?: number;
}

export interface HomophilyCity {
  data: Dataset;
  events: number;
  trueShare: number;
  /** The delay distribution's mean (days; null without contagion). */
  trueDelay: number | null;
  /**
   * Correlation of ln m between the two ends of a co-offending tie (over ties, at the tie's
   * first day): how much risk tied people share.
   */
  tieCorrelation: number;
  /** What the world drew, in a few words. */
  note: string;
  /**
   * With 'shocks': each person's home area (the area of most of their ordinary records, the one
   * whose drift they carry), in the order of `data.people`; null in the other worlds. What a
   * police export's beat or neighbourhood of a person would give.
   */
  homeArea: string[] | null;
}

const DAY = 86400000;
const iso = (d: number) => new Date(d * DAY).toISOString().slice(0, 10);

/** Ordinary records of the 'assortative' world: a graph of our own, ties by latent risk rank. */
function assortativeRecords(
  n: number,
  years: number,
  z: Float64Array,
  rng: ReturnType<typeof createRng>,
): { data: Dataset; startDay: number; endDay: number } {
  const startDay = Math.floor(Date.UTC(2018, 0, 1) / DAY);
  const endDay = startDay + Math.round(365.25 * years);
  const ids = Array.from({ length: n }, (_, i) => `H-${String(i + 1).padStart(5, '0')}`);
  const byRank = Array.from(z.keys()).sort((a, b) => z[a] - z[b] || a - b);
  const incidents: Incident[] = [];
  const involvements: Involvement[] = [];
  let next = 1;
  const add = (who: number[]) => {
    const day = startDay + rng.int(endDay - startDay);
    const severity = rng.int(3) as Severity;
    const id = `O-${String(next++).padStart(7, '0')}`;
    incidents.push({
      incident_id: id,
      date: iso(day),
      day,
      offence: severity === 0 ? 'theft' : 'assault',
      severity,
    });
    for (const p of who)
      involvements.push({ incident_id: id, person_id: ids[p], role: 'offender' });
  };
  const seen = new Set<number>();
  const sd = 0.02 * n;
  while (seen.size < n) {
    const ra = rng.int(n);
    const rb = rng.random() < 0.2 ? rng.int(n) : Math.round(ra + sd * rng.normal());
    if (rb < 0 || rb >= n || rb === ra) continue;
    const a = byRank[ra];
    const b = byRank[rb];
    const key = Math.min(a, b) * n + Math.max(a, b);
    if (seen.has(key)) continue;
    seen.add(key);
    const reps = 1 + rng.poisson(0.3);
    for (let r = 0; r < reps; r++) add([a, b]);
  }
  for (let i = 0; i < n; i++) {
    const solo = 1 + rng.poisson(1);
    for (let r = 0; r < solo; r++) add([i]);
  }
  incidents.sort((a, b) => a.day - b.day);
  const people: Person[] = ids.map((person_id) => ({
    person_id,
    birth_year: 1980 + rng.int(22),
  }));
  return { data: { incidents, involvements, people, auditColumns: [] }, startDay, endDay };
}

export function homophilyCity(o: HomophilyOptions): HomophilyCity {
  const n0 = o.people ?? 3000;
  const years = o.years ?? 6;
  const mu0 = o.mu ?? 1e-4;
  const alpha = o.alpha ?? 0;
  const kappa = o.shape ?? 1;
  const walkSd = o.walkSd ?? 0.12;
  const rng = createRng(7919 * o.seed + 101 + o.world.length);
  const zrng = rng.fork();
  let base: { data: Dataset; startDay: number; endDay: number };
  let zAssort: Float64Array | null = null;
  if (o.world === 'assortative') {
    zAssort = new Float64Array(n0);
    for (let i = 0; i < n0; i++) zAssort[i] = gammaVariate(zrng, kappa) / kappa;
    base = assortativeRecords(n0, years, zAssort, rng.fork());
  } else {
    const c = synthCity({ people: n0, years, seed: o.seed, contagion: false });
    base = { data: c.data, startDay: c.truth.period.startDay, endDay: c.truth.period.endDay };
  }
  const { data, startDay, endDay } = base;
  const ids = data.people.map((p) => p.person_id);
  const n = ids.length;
  const index = new Map(ids.map((id, i) => [id, i]));
  const byIncident = new Map<string, number[]>();
  for (const v of data.involvements) {
    let a = byIncident.get(v.incident_id);
    if (!a) byIncident.set(v.incident_id, (a = []));
    if (v.role === 'offender') a.push(index.get(v.person_id)!);
  }
  // Entry, ties (first shared day), home area.
  const entry = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const tieDay: Map<number, number>[] = Array.from({ length: n }, () => new Map());
  const areaCount: Map<string, number>[] = Array.from({ length: n }, () => new Map());
  for (const inc of data.incidents) {
    const off = byIncident.get(inc.incident_id) ?? [];
    for (const i of off) {
      if (inc.day < entry[i]) entry[i] = inc.day;
      if (inc.area) areaCount[i].set(inc.area, (areaCount[i].get(inc.area) ?? 0) + 1);
    }
    for (const a of off)
      for (const b of off) {
        if (a === b) continue;
        const d = tieDay[a].get(b);
        if (d === undefined || inc.day < d) tieDay[a].set(b, inc.day);
      }
  }
  // Multipliers: m(k, month) for months 0..M−1 of the window.
  const months = Math.ceil((endDay - startDay) / 30.4375) + 1;
  const monthOf = (t: number) => Math.min(months - 1, Math.floor((t - startDay) / 30.4375));
  let mult: (k: number, month: number) => number = () => 1;
  let note = '';
  let lnmAt: (k: number, day: number) => number = () => 0;
  let homeArea: string[] | null = null;
  if (o.world === 'group-frailty') {
    const groupOf = data.people.map((p) => p.group ?? '');
    const g = new Map<string, number>();
    const z = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const name = groupOf[k];
      if (name) {
        let v = g.get(name);
        if (v === undefined) g.set(name, (v = gammaVariate(zrng, kappa) / kappa));
        z[k] = v;
      } else z[k] = gammaVariate(zrng, kappa) / kappa;
    }
    mult = (k) => z[k];
    lnmAt = (k) => Math.log(z[k]);
    note = `${g.size} groups`;
  } else if (o.world === 'assortative') {
    const z = zAssort!;
    mult = (k) => z[k];
    lnmAt = (k) => Math.log(z[k]);
  } else if (o.world === 'shocks') {
    const areaNames = new Set<string>();
    for (const inc of data.incidents) if (inc.area) areaNames.add(inc.area);
    const areas = [...areaNames].sort();
    const aIdx = new Map(areas.map((a, i) => [a, i]));
    const A = areas.length;
    const walk = new Float64Array(A * months);
    for (let a = 0; a < A; a++) {
      let x = 0.5 * zrng.normal();
      for (let m = 0; m < months; m++) {
        walk[a * months + m] = x;
        x += walkSd * zrng.normal();
      }
    }
    // scale: mean over areas of exp(walk) = 1 every month
    for (let m = 0; m < months; m++) {
      let s = 0;
      for (let a = 0; a < A; a++) s += Math.exp(walk[a * months + m]);
      const c = Math.log(s / A);
      for (let a = 0; a < A; a++) walk[a * months + m] -= c;
    }
    const home = new Int32Array(n).fill(-1);
    for (let k = 0; k < n; k++) {
      let best = -1;
      let bestName = '';
      for (const [name, c] of areaCount[k])
        if (c > best || (c === best && name < bestName)) {
          best = c;
          bestName = name;
        }
      home[k] = best > 0 ? aIdx.get(bestName)! : zrng.int(A);
    }
    homeArea = Array.from(home, (h) => areas[h]);
    mult = (k, m) => Math.exp(walk[home[k] * months + m]);
    lnmAt = (k, day) => walk[home[k] * months + monthOf(day)];
    note = `${A} areas`;
  }
  // Tie correlation of ln m at each tie's first day.
  let tieCorrelation = 0;
  {
    let sx = 0;
    let sy = 0;
    let sxx = 0;
    let syy = 0;
    let sxy = 0;
    let c = 0;
    for (let a = 0; a < n; a++)
      for (const [b, d] of tieDay[a]) {
        if (b < a) continue;
        const x = lnmAt(a, d);
        const y = lnmAt(b, d);
        sx += x + y;
        sy += y + x;
        sxx += x * x + y * y;
        syy += y * y + x * x;
        sxy += 2 * x * y;
        c += 2;
      }
    const cov = sxy / c - (sx / c) * (sy / c);
    const vx = sxx / c - (sx / c) ** 2;
    const vy = syy / c - (sy / c) ** 2;
    tieCorrelation = vx > 0 && vy > 0 ? cov / Math.sqrt(vx * vy) : 0;
  }

  // Background events: per person per month, Poisson(μ₀ · m · days at risk), uniform in the month.
  const time: number[] = [];
  const person: number[] = [];
  const parent: number[] = [];
  for (let k = 0; k < n; k++) {
    if (!Number.isFinite(entry[k])) continue;
    const from = entry[k] + 1;
    for (let m = monthOf(from); m < months; m++) {
      const lo = Math.max(from, startDay + m * 30.4375);
      const hi = Math.min(endDay, startDay + (m + 1) * 30.4375);
      if (hi <= lo) continue;
      const count = rng.poisson(mu0 * mult(k, m) * (hi - lo));
      for (let c = 0; c < count; c++) {
        time.push(lo + rng.random() * (hi - lo));
        person.push(k);
        parent.push(-1);
      }
    }
  }
  const nb = (j: number, day: number) => {
    const out: number[] = [];
    for (const [k, d] of tieDay[j]) if (d < day) out.push(k);
    return out;
  };
  const atRisk = (k: number, t: number) => t > entry[k] + 1 && t < endDay;
  let children = 0;
  for (let e = 0; e < time.length && alpha > 0; e++) {
    const list = nb(person[e], Math.floor(time[e]));
    if (!list.length) continue;
    const count = rng.poisson(alpha * list.length);
    for (let c = 0; c < count; c++) {
      const k = list[rng.int(list.length)];
      const tc = time[e] + rng.exponential(1 / 60);
      if (!atRisk(k, tc)) continue;
      time.push(tc);
      person.push(k);
      parent.push(e);
      children++;
    }
    if (time.length > 4 * n) throw new Error('explosive');
  }
  const groupOf = data.people.map((p) => p.group ?? `#${p.person_id}`);
  const order = Array.from(time.keys()).sort((a, b) => time[a] - time[b] || a - b);
  const newInc: Incident[] = [];
  const newInv: Involvement[] = [];
  let next = 1;
  for (const e of order) {
    const day = Math.floor(time[e]);
    const id = `W-${String(next++).padStart(7, '0')}`;
    newInc.push({
      incident_id: id,
      date: iso(day),
      day,
      offence: 'shooting',
      severity: 3,
      weapon: 'firearm',
    });
    newInv.push({ incident_id: id, person_id: ids[person[e]], role: 'victim' });
    if (rng.random() < 0.6)
      for (let tries = 0; tries < 64; tries++) {
        const k = rng.int(n);
        if (k !== person[e] && groupOf[k] !== groupOf[person[e]] && atRisk(k, time[e])) {
          newInv.push({ incident_id: id, person_id: ids[k], role: 'offender' });
          break;
        }
      }
  }
  return {
    data: {
      ...data,
      incidents: data.incidents.concat(newInc).sort((a, b) => a.day - b.day),
      involvements: data.involvements.concat(newInv),
    },
    events: time.length,
    trueShare: time.length ? children / time.length : 0,
    trueDelay: alpha > 0 ? 60 : null,
    tieCorrelation,
    note,
    homeArea,
  };
}
