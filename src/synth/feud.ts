import { bisectRight } from 'd3-array';
import { OptionError } from '../core/errors.js';
import type { Rng } from '../core/rng.js';
import { offenceAndWeapon } from './ordinary.js';
import type { Population } from './people.js';
import { IncidentStore, ROLE_OFFENDER, ROLE_VICTIM } from './store.js';
import { buildTieTimeline } from './ties.js';
import type { SynthFeudOptions } from './types.js';

/**
 * Feud defaults. Modelling choices, not estimates; the reasoning:
 *
 * - `rivalries: 10`: a few enduring rivalries among the ~80 groups of a 2,000-person city;
 *   violence between groups concentrates in a small number of rival pairs (Papachristos 2009).
 * - `attacksPerRivalryPerYear: 1`: unprovoked attacks are the rarer part of a feud. With
 *   `pRetaliate` 0.5 each one starts a chain of 2 incidents on average, so a rivalry sees about
 *   2 feud incidents a year, half of them answers.
 * - `pRetaliate: 0.5`, `lagMeanDays: 20`: half of the attacks are answered, most within weeks.
 * - `pDirect: 0.5`, `pAssociate: 0.45`: retaliation travels through the victim's own network
 *   (Papachristos 2009; Papachristos, Hureau & Braga 2013; Green, Horel & Papachristos 2017):
 *   an answer is carried out by the victim (half the time) or a co-offending associate of the
 *   victim, and aimed at the offender or an associate of the offender; an arbitrary member of
 *   the group acts, or is hit, only 5% of the time on each side.
 */
export const FEUD_DEFAULTS: Required<SynthFeudOptions> = {
  rivalries: 10,
  attacksPerRivalryPerYear: 1,
  pRetaliate: 0.5,
  lagMeanDays: 20,
  pDirect: 0.5,
  pAssociate: 0.45,
};

/** Retaliation lags are whole days in [1, MAX_LAG_DAYS]. */
export const MAX_LAG_DAYS = 89;
/** How long a grievance lasts, in days: the longest retaliation lag, counted inclusively. */
const GRIEVANCE_DAYS = MAX_LAG_DAYS + 1;
/** Share of feud incidents with a second offender / a second victim. */
const P_SECOND_OFFENDER = 0.4;
const P_SECOND_VICTIM = 0.15;

/** The feud stage's incidents and truth, in stage-local incident numbers. */
export interface FeudResult {
  store: IncidentStore;
  rivalries: [number, number][];
  /** True links: `to` answers `from`, `lag` whole days later. */
  links: { from: number; to: number; lag: number }[];
}

/**
 * Feuds between rival groups, drawn in time order over all rivalries.
 *
 * - Unprovoked attacks: a Poisson process per rivalry (`attacksPerRivalryPerYear`), in a random
 *   direction g → h. A random member of g, with (40%) a co-offending associate of theirs from g,
 *   attacks a random member of h, with (15%) an associate of theirs from h. "Unprovoked" is
 *   kept true to its word: nobody with a grievance against h attacks, and nobody h has a
 *   grievance against is hit. A member of g has a grievance against h when a feud incident h → g
 *   drawn before the attack (so earlier the same day at the latest; ids keep that order) and
 *   dated within the last 90 days (the longest retaliation lag) harmed them or one of their
 *   associates; h has one against the offenders of that incident and their associates. When
 *   every member of g (or of h) is excluded, the attack is not drawn.
 * - Answers: each feud incident A is answered with probability `pRetaliate` after a lag
 *   ~ Exp(mean `lagMeanDays`) kept under 90 days, by the other side. B's first offender is one
 *   of A's victims (`pDirect`), an associate of A's victims (`pAssociate`), or a random member of
 *   their group (the rest); B's first victim is drawn the same way from A's offenders. Answers
 *   are answered in turn (chains); answers falling after the period are not drawn.
 *
 * Associates of a person as of a day are their co-offenders in the ordinary and feud incidents
 * dated strictly before that day (the ties a detector sees in the records), restricted to the
 * person's group so that every feud incident stays between the two rival groups; for an answer
 * they are taken as of A's day. A person with no such associate answers, or is answered, in
 * person. A second person on a side is an associate of the first as of the incident's own day
 * (else a random member of the group). All feud incidents have severity 2.
 */
export function feudIncidents(
  rng: Rng,
  pop: Population,
  ordinary: IncidentStore,
  startDay: number,
  endDay: number,
  options: Required<SynthFeudOptions>,
): FeudResult {
  const store = new IncidentStore();
  const links: FeudResult['links'] = [];
  const rivalries = chooseRivalries(rng, pop, options.rivalries);
  const ties = buildTieTimeline(pop.n, [ordinary]);
  const { pDirect, pAssociate, pRetaliate, lagMeanDays } = options;
  /** Feud incidents each person offended in, in time order (feud co-offending ties). */
  const feudOffences = new Map<number, number[]>();
  /** Feud incidents of each rivalry, in time order. */
  const byRivalry: number[][] = rivalries.map(() => []);

  const draw = (day: number, attackers: number[], targets: number[]): number => {
    const [offence, weapon] = offenceAndWeapon(rng, 2);
    const area = pop.homeArea[targets[0]];
    const i = store.begin(day, 2, offence, weapon, area);
    for (const p of attackers) {
      store.add(p, ROLE_OFFENDER);
      const list = feudOffences.get(p);
      if (list) list.push(i);
      else feudOffences.set(p, [i]);
    }
    for (const p of targets) if (!store.has(p)) store.add(p, ROLE_VICTIM);
    store.end();
    return i;
  };
  /** Co-offenders in group g of the people `core`, as of `day`, each once, never one of `core`. */
  const associates = (core: readonly number[], g: number, day: number): number[] => {
    const out: number[] = [];
    const take = (q: number) => {
      if (pop.group[q] === g && !core.includes(q) && !out.includes(q)) out.push(q);
    };
    for (const p of core) {
      const from = ties.offset[p];
      const to = from + ties.countBefore(p, day);
      for (let e = from; e < to; e++) take(ties.neighbour[e]);
      for (const i of feudOffences.get(p) ?? []) {
        if (store.day[i] >= day) break;
        for (const q of store.people(i, ROLE_OFFENDER)) take(q);
      }
    }
    return out;
  };
  /** A random member of g outside `excluded`, or −1 when there is none. */
  const member = (g: number, excluded: Set<number> | null): number => {
    const m = pop.members[g];
    if (!excluded || excluded.size === 0) return m[rng.int(m.length)];
    const open = m.filter((p) => !excluded.has(p));
    return open.length > 0 ? open[rng.int(open.length)] : -1;
  };
  /** `first`, and with probability `pSecond` an associate of theirs in g (else anyone in g). */
  const withCompanion = (
    first: number,
    g: number,
    day: number,
    pSecond: number,
    excluded: Set<number> | null,
  ): number[] => {
    const side = [first];
    if (rng.random() < pSecond) {
      const near = associates([first], g, day).filter((q) => !excluded?.has(q));
      const second = near.length > 0 ? near[rng.int(near.length)] : member(g, excluded);
      if (second >= 0 && second !== first) side.push(second);
    }
    return side;
  };
  /** The person of an answer's side: one of `core`, an associate of theirs in g, or anyone in g. */
  const answerer = (core: number[], g: number, day: number): number => {
    const u = rng.random();
    if (u >= pDirect + pAssociate) return member(g, null);
    if (u >= pDirect) {
      const near = associates(core, g, day);
      if (near.length > 0) return near[rng.int(near.length)];
    }
    return core[rng.int(core.length)];
  };
  /**
   * Who may not take part in an unprovoked attack g → h on `day`: the people of g harmed by a
   * feud incident h → g dated in [day − 90, day], with their associates (they would be
   * answering it), and that incident's offenders with their associates (hitting them would be
   * an answer too).
   */
  const grievances = (r: number, g: number, h: number, day: number) => {
    const noAttack = new Set<number>();
    const noHit = new Set<number>();
    const list = byRivalry[r];
    for (let k = list.length - 1; k >= 0; k--) {
      const i = list[k];
      if (store.day[i] < day - GRIEVANCE_DAYS) break;
      const offenders = store.people(i, ROLE_OFFENDER);
      if (pop.group[offenders[0]] !== h) continue;
      const victims = store.people(i, ROLE_VICTIM);
      for (const p of victims) noAttack.add(p);
      for (const p of associates(victims, g, store.day[i])) noAttack.add(p);
      for (const p of offenders) noHit.add(p);
      for (const p of associates(offenders, h, store.day[i])) noHit.add(p);
    }
    return { noAttack, noHit };
  };

  const queue = new EventQueue();
  const rate = options.attacksPerRivalryPerYear / 365.25;
  for (let r = 0; r < rivalries.length && rate > 0; r++) {
    let t = startDay;
    for (;;) {
      t += rng.exponential(rate);
      if (t >= endDay) break;
      queue.push(Math.floor(t), r, -1);
    }
  }
  while (queue.size > 0) {
    const { day, rivalry, answers } = queue.pop();
    const [a, b] = rivalries[rivalry];
    let i: number;
    if (answers < 0) {
      const [g, h] = rng.random() < 0.5 ? [a, b] : [b, a];
      const { noAttack, noHit } = grievances(rivalry, g, h, day);
      const offender = member(g, noAttack);
      const victim = member(h, noHit);
      if (offender < 0 || victim < 0) continue;
      i = draw(
        day,
        withCompanion(offender, g, day, P_SECOND_OFFENDER, noAttack),
        withCompanion(victim, h, day, P_SECOND_VICTIM, noHit),
      );
    } else {
      const at = store.day[answers];
      const attackers = store.people(answers, ROLE_OFFENDER);
      const g = pop.group[store.people(answers, ROLE_VICTIM)[0]];
      const h = pop.group[attackers[0]];
      const offender = answerer(store.people(answers, ROLE_VICTIM), g, at);
      const victim = answerer(attackers, h, at);
      i = draw(
        day,
        withCompanion(offender, g, day, P_SECOND_OFFENDER, null),
        withCompanion(victim, h, day, P_SECOND_VICTIM, null),
      );
      links.push({ from: answers, to: i, lag: day - at });
    }
    byRivalry[rivalry].push(i);
    // Each incident is answered by the side it attacked with probability pRetaliate.
    if (rng.random() < pRetaliate) {
      let lag: number;
      do lag = rng.exponential(1 / lagMeanDays);
      while (lag >= MAX_LAG_DAYS);
      const next = day + 1 + Math.floor(lag);
      if (next < endDay) queue.push(next, rivalry, i);
    }
  }
  return { store, rivalries, links };
}

/** Pending feud events by (day, then order of scheduling): a binary heap. */
class EventQueue {
  private day: number[] = [];
  private seq: number[] = [];
  private rivalry: number[] = [];
  private answers: number[] = [];
  private next = 0;

  get size(): number {
    return this.day.length;
  }

  /** Schedules an unprovoked attack (`answers` −1) or the answer to incident `answers`. */
  push(day: number, rivalry: number, answers: number): void {
    this.day.push(day);
    this.seq.push(this.next++);
    this.rivalry.push(rivalry);
    this.answers.push(answers);
    let k = this.day.length - 1;
    while (k > 0) {
      const up = (k - 1) >> 1;
      if (!this.before(k, up)) break;
      this.swap(k, up);
      k = up;
    }
  }

  pop(): { day: number; rivalry: number; answers: number } {
    const top = { day: this.day[0], rivalry: this.rivalry[0], answers: this.answers[0] };
    const last = this.day.length - 1;
    this.swap(0, last);
    this.day.pop();
    this.seq.pop();
    this.rivalry.pop();
    this.answers.pop();
    let k = 0;
    for (;;) {
      const l = 2 * k + 1;
      const r = l + 1;
      let m = k;
      if (l < last && this.before(l, m)) m = l;
      if (r < last && this.before(r, m)) m = r;
      if (m === k) break;
      this.swap(k, m);
      k = m;
    }
    return top;
  }

  private before(x: number, y: number): boolean {
    return this.day[x] < this.day[y] || (this.day[x] === this.day[y] && this.seq[x] < this.seq[y]);
  }

  private swap(x: number, y: number): void {
    for (const a of [this.day, this.seq, this.rivalry, this.answers]) {
      const t = a[x];
      a[x] = a[y];
      a[y] = t;
    }
  }
}

/** Distinct pairs of groups with at least two members, drawn with probability ∝ group size. */
function chooseRivalries(rng: Rng, pop: Population, wanted: number): [number, number][] {
  const eligible: number[] = [];
  for (let g = 0; g < pop.members.length; g++) if (pop.members[g].length >= 2) eligible.push(g);
  const maxPairs = (eligible.length * (eligible.length - 1)) / 2;
  if (wanted > maxPairs) {
    throw new OptionError(
      'synthCity',
      'feud.rivalries',
      `synthCity: feud.rivalries = ${wanted}, but only ${maxPairs === 1 ? '1 pair' : `${maxPairs} pairs`} of groups with two or more members ${maxPairs === 1 ? 'exists' : 'exist'}`,
    );
  }
  const cum = new Float64Array(eligible.length);
  let acc = 0;
  for (let k = 0; k < eligible.length; k++) cum[k] = acc += pop.members[eligible[k]].length;
  const pickGroup = () => {
    // The first group whose cumulative size exceeds x (the last when none does).
    return eligible[bisectRight(cum, rng.random() * acc, 0, cum.length - 1)];
  };
  const seen = new Set<number>();
  const out: [number, number][] = [];
  const n = pop.members.length;
  let tries = 0;
  while (out.length < wanted) {
    let g = pickGroup();
    let h = pickGroup();
    // Size-weighted draws can keep hitting the same big groups; fall back to uniform ones.
    if (++tries > 100 * wanted) {
      g = eligible[rng.int(eligible.length)];
      h = eligible[rng.int(eligible.length)];
    }
    if (g === h) continue;
    if (g > h) [g, h] = [h, g];
    if (seen.has(g * n + h)) continue;
    seen.add(g * n + h);
    out.push([g, h]);
  }
  return out;
}
