import { OptionError } from '../core/errors.js';
import type { Rng } from '../core/rng.js';
import type { Population } from './people.js';
import {
  AREAS,
  IncidentStore,
  O_SHOOTING,
  O_STABBING,
  ROLE_OFFENDER,
  ROLE_VICTIM,
  W_FIREARM,
  W_KNIFE,
} from './store.js';
import type { TieTimeline } from './ties.js';
import type { SynthContagionOptions } from './types.js';
import { gammaVariate, type HotPeriod, weightedPicker } from './worlds.js';

/** Departures from the fitted model's assumptions (see `SynthWorldOptions`). */
export interface ContagionWorld {
  /** Person background multipliers (mean 1), or null for a uniform background. */
  weights: Float64Array | null;
  /** Group hot periods and their multiplier on the members' background. */
  hotPeriods: readonly HotPeriod[];
  hotFactor: number;
  /** Gamma shape of the delay kernel (1: exponential). */
  delayShape: number;
}

/** Contagion defaults (see {@link SynthContagionOptions}). */
export const CONTAGION_DEFAULTS: Required<SynthContagionOptions> = {
  mu: 2e-5,
  alpha: 0.1,
  beta: 1 / 125,
  seasonalAmplitude: 0,
  seasonalPhase: 0,
};

/** Share of serious-violence incidents that are homicides (severity 4). */
export const P_HOMICIDE = 0.08;
/** Share of shootings (the rest are stabbings). */
const P_SHOOTING = 0.5;
/** Share of serious-violence incidents with a known offender (one, from another group). */
const P_OFFENDER = 0.6;
/** Share of serious-violence incidents in the victim's home area. */
const P_HOME_AREA = 0.8;
/** Guard against a supercritical process: at most this many events per person. */
const MAX_EVENTS_PER_PERSON = 20;

/** The seasonal factor s(t) = 1 + a·sin(2πt/365.25 + φ), t in days since 1970-01-01. */
export function season(t: number, a: number, phi: number): number {
  return 1 + a * Math.sin((2 * Math.PI * t) / 365.25 + phi);
}

/** Events of the network Hawkes process, in time order, and their incidents (same order). */
export interface ContagionResult {
  store: IncidentStore;
  /** Continuous event time (days since 1970-01-01 UTC); the incident's day is its floor. */
  time: Float64Array;
  person: Int32Array;
  /** Position (in this time order) of the event's parent, −1 for background. */
  parent: Int32Array;
  /** Each person's time of death (a homicide of this stage), +∞ for those who live. */
  deathTime: Float64Array;
  /** Number of people killed. */
  deaths: number;
}

/**
 * Simulates the network Hawkes process by its branching representation over [startDay, endDay):
 * background events per person at rate μ₀·s(t) (one superposed Poisson process, thinned for the
 * season), then each event of person j at t_j gives each co-offending neighbour k of j as of
 * t_j's date Poisson(α) children at t_j + Exp(β) (drawn as Poisson(α·|N|) children on uniform
 * neighbours, the same distribution), kept inside the period, recursively; then, in time order,
 * the events of homicide victims after their death are removed with all their descendants (see
 * below), so `deathTime` says who died when.
 */
export function contagionEvents(
  rng: Rng,
  detailRng: Rng,
  pop: Population,
  ties: TieTimeline,
  startDay: number,
  endDay: number,
  params: Required<SynthContagionOptions>,
  world: ContagionWorld | null = null,
): ContagionResult {
  const { mu, alpha, beta, seasonalAmplitude: a, seasonalPhase: phi } = params;
  const n = pop.n;
  const time: number[] = [];
  const person: number[] = [];
  const parent: number[] = [];

  // Background: one superposed Poisson process over people (by weight when they differ), thinned
  // for the season; then the extra rate of each group hot period, (factor − 1)·μ₀·Σ w over the
  // group's members during the period, likewise thinned.
  const peak = 1 + Math.abs(a);
  const everyone = world?.weights
    ? weightedPicker(Int32Array.from(pop.ids.keys()), world.weights)
    : null;
  const rate = (everyone ? everyone.total : n) * mu * peak;
  if (rate > 0) {
    let t = startDay;
    for (;;) {
      t += rng.exponential(rate);
      if (t >= endDay) break;
      if (a !== 0 && rng.random() * peak >= season(t, a, phi)) continue;
      time.push(t);
      person.push(everyone ? everyone.pick(rng) : rng.int(n));
      parent.push(-1);
    }
  }
  if (world && world.hotPeriods.length > 0 && world.hotFactor > 1 && mu > 0) {
    const pickers = new Map<number, ReturnType<typeof weightedPicker>>();
    for (const h of world.hotPeriods) {
      const from = Math.max(h.start, startDay);
      if (!(h.end > from)) continue;
      let picker = pickers.get(h.group);
      if (!picker)
        pickers.set(h.group, (picker = weightedPicker(pop.members[h.group], world.weights)));
      const hotRate = (world.hotFactor - 1) * mu * picker.total * peak;
      let t = from;
      for (;;) {
        t += rng.exponential(hotRate);
        if (t >= h.end) break;
        if (a !== 0 && rng.random() * peak >= season(t, a, phi)) continue;
        time.push(t);
        person.push(picker.pick(rng));
        parent.push(-1);
      }
    }
  }
  const shape = world?.delayShape ?? 1;
  const delay =
    shape === 1 ? () => rng.exponential(beta) : () => gammaVariate(rng, shape) / (shape * beta);

  const limit = MAX_EVENTS_PER_PERSON * n + 1000;
  for (let e = 0; e < time.length; e++) {
    if (alpha === 0) break;
    const j = person[e];
    const tj = time[e];
    const m = ties.countBefore(j, Math.floor(tj));
    if (m === 0) continue;
    const children = rng.poisson(alpha * m);
    const from = ties.offset[j];
    for (let c = 0; c < children; c++) {
      const k = ties.neighbour[from + rng.int(m)];
      const tc = tj + delay();
      if (tc >= endDay) continue;
      time.push(tc);
      person.push(k);
      parent.push(e);
    }
    if (time.length > limit) {
      throw new OptionError(
        'synthCity',
        'contagion.alpha',
        `synthCity: contagion is explosive on this network (over ${limit} events): lower alpha (now ${alpha})`,
      );
    }
  }

  // Time order (ties, which have probability zero, by generation order).
  const order = Array.from(time.keys()).sort((x, y) => time[x] - time[y] || x - y);
  const rank = new Int32Array(order.length).fill(-1);

  // The candidates above ignore deaths; walk them in time order and keep an event only when its
  // parent was kept and its person is still alive (a homicide victim leaves the population at
  // death: no later event, as victim or offender). This thinning gives exactly the process with
  // exits, since each neighbour receives Poisson(α) children independently: the children a dead
  // person would have received are simply not there. Each kept event becomes an incident: the
  // person as victim (severity 4, a homicide, with probability P_HOMICIDE), for most one living
  // offender from another group. When nobody dies the draws are those of the unthinned process.
  const deathTime = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  let deaths = 0;
  const store = new IncidentStore();
  const keptTime: number[] = [];
  const keptPerson: number[] = [];
  const keptParent: number[] = [];
  for (const e of order) {
    const v = person[e];
    const t = time[e];
    const pa = parent[e];
    if (pa >= 0 && rank[pa] < 0) continue;
    if (deathTime[v] < t) continue;
    rank[e] = keptTime.length;
    keptTime.push(t);
    keptPerson.push(v);
    keptParent.push(pa < 0 ? -1 : rank[pa]);
    const severity = detailRng.random() < P_HOMICIDE ? 4 : 3;
    const shooting = detailRng.random() < P_SHOOTING;
    const area = detailRng.random() < P_HOME_AREA ? pop.homeArea[v] : detailRng.int(AREAS);
    store.begin(
      Math.floor(t),
      severity,
      shooting ? O_SHOOTING : O_STABBING,
      shooting ? W_FIREARM : W_KNIFE,
      area,
    );
    if (detailRng.random() < P_OFFENDER) {
      const o = offenderFromAnotherGroup(detailRng, pop, v, deathTime, t);
      if (o >= 0) store.add(o, ROLE_OFFENDER);
    }
    store.add(v, ROLE_VICTIM);
    store.end();
    if (severity === 4) {
      deathTime[v] = t;
      deaths++;
    }
  }
  return {
    store,
    time: Float64Array.from(keptTime),
    person: Int32Array.from(keptPerson),
    parent: Int32Array.from(keptParent),
    deathTime,
    deaths,
  };
}

/**
 * A random living person (as of `t`) in a group other than `v`'s (anyone living but `v` when
 * there are no groups); −1 when the tries find none.
 */
function offenderFromAnotherGroup(
  rng: Rng,
  pop: Population,
  v: number,
  deathTime: Float64Array,
  t: number,
): number {
  const { grouped, group } = pop;
  if (grouped.length === 0) {
    if (pop.n <= 1) return -1;
    for (let tries = 0; tries < 32; tries++) {
      const o = (v + 1 + rng.int(pop.n - 1)) % pop.n;
      if (!(deathTime[o] < t)) return o;
    }
    return -1;
  }
  for (let tries = 0; tries < 32; tries++) {
    const o = grouped[rng.int(grouped.length)];
    if (o !== v && group[o] !== group[v] && !(deathTime[o] < t)) return o;
  }
  return -1;
}
