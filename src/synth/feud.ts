import type { Rng } from '../core/rng.js';
import { offenceAndWeapon } from './ordinary.js';
import type { Population } from './people.js';
import { IncidentStore, ROLE_OFFENDER, ROLE_VICTIM } from './store.js';
import type { SynthFeudOptions } from './types.js';

/** Feud defaults (see {@link SynthFeudOptions}). */
export const FEUD_DEFAULTS: Required<SynthFeudOptions> = {
  rivalries: 10,
  attacksPerRivalryPerYear: 3,
  pRetaliate: 0.5,
  lagMeanDays: 20,
};

/** Retaliation lags are whole days in [1, MAX_LAG_DAYS]. */
export const MAX_LAG_DAYS = 89;
/** Share of retaliations carried out (or suffered) by the very people of the earlier attack. */
const P_DIRECT = 0.6;
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
 * Feuds between rival groups: unprovoked attacks as a Poisson process per rivalry (random
 * direction), each answered with probability `pRetaliate` after a lag ~ Exp(mean `lagMeanDays`)
 * kept under 90 days, by one of the victims or their group against one of the attackers or their
 * group; retaliations are answered in turn. All feud incidents have severity 2.
 */
export function feudIncidents(
  rng: Rng,
  pop: Population,
  startDay: number,
  endDay: number,
  options: Required<SynthFeudOptions>,
): FeudResult {
  const store = new IncidentStore();
  const links: FeudResult['links'] = [];
  const rivalries = chooseRivalries(rng, pop, options.rivalries);
  const rate = options.attacksPerRivalryPerYear / 365.25;

  const draw = (day: number, attackers: number[], targets: number[]): number => {
    const [offence, weapon] = offenceAndWeapon(rng, 2);
    const area = pop.homeArea[targets[0]];
    const i = store.begin(day, 2, offence, weapon, area);
    for (const p of attackers) store.add(p, ROLE_OFFENDER);
    for (const p of targets) if (!store.has(p)) store.add(p, ROLE_VICTIM);
    store.end();
    return i;
  };
  /** One or two people: the first from `direct` with probability P_DIRECT, the rest from `g`. */
  const chooseSide = (direct: number[] | null, g: number, pSecond: number): number[] => {
    const m = pop.members[g];
    const first =
      direct && rng.random() < P_DIRECT ? direct[rng.int(direct.length)] : m[rng.int(m.length)];
    const side = [first];
    if (rng.random() < pSecond) {
      const second = m[rng.int(m.length)];
      if (second !== first) side.push(second);
    }
    return side;
  };

  for (const [a, b] of rivalries) {
    if (rate <= 0) continue;
    let t = startDay;
    for (;;) {
      t += rng.exponential(rate);
      if (t >= endDay) break;
      const [g, h] = rng.random() < 0.5 ? [a, b] : [b, a];
      let prev = draw(
        Math.floor(t),
        chooseSide(null, g, P_SECOND_OFFENDER),
        chooseSide(null, h, P_SECOND_VICTIM),
      );
      // The chain of answers: each incident is answered by the other side with pRetaliate.
      let [attacking, attacked] = [g, h];
      while (rng.random() < options.pRetaliate) {
        let lag: number;
        do lag = rng.exponential(1 / options.lagMeanDays);
        while (lag >= MAX_LAG_DAYS);
        const lagDays = 1 + Math.floor(lag);
        const day = store.day[prev] + lagDays;
        if (day >= endDay) break;
        const next = draw(
          day,
          chooseSide(store.people(prev, ROLE_VICTIM), attacked, P_SECOND_OFFENDER),
          chooseSide(store.people(prev, ROLE_OFFENDER), attacking, P_SECOND_VICTIM),
        );
        links.push({ from: prev, to: next, lag: lagDays });
        prev = next;
        [attacking, attacked] = [attacked, attacking];
      }
    }
  }
  return { store, rivalries, links };
}

/** Distinct pairs of groups with at least two members, drawn with probability ∝ group size. */
function chooseRivalries(rng: Rng, pop: Population, wanted: number): [number, number][] {
  const eligible: number[] = [];
  for (let g = 0; g < pop.members.length; g++) if (pop.members[g].length >= 2) eligible.push(g);
  const maxPairs = (eligible.length * (eligible.length - 1)) / 2;
  if (wanted > maxPairs) {
    throw new RangeError(
      `feud.rivalries = ${wanted}, but only ${maxPairs} pairs of groups with two or more members exist`,
    );
  }
  const cum = new Float64Array(eligible.length);
  let acc = 0;
  for (let k = 0; k < eligible.length; k++) cum[k] = acc += pop.members[eligible[k]].length;
  const pickGroup = () => {
    const x = rng.random() * acc;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return eligible[lo];
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
