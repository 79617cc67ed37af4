import { OptionError } from '../core/errors.js';
import { checkOptions, type OptionRules, rule } from '../core/options.js';
import { createRng } from '../core/rng.js';
import { DAY_MS, dayToIso, toDay } from '../core/time.js';
import type { Dataset, Incident, Involvement, Person, Severity, Weapon } from '../core/types.js';
import { CONTAGION_DEFAULTS, contagionEvents } from './contagion.js';
import { amongTheLiving, livingFrom } from './deaths.js';
import { FEUD_DEFAULTS, feudIncidents } from './feud.js';
import { ordinaryIncidents, victim } from './ordinary.js';
import { makePopulation, padId } from './people.js';
import { AREAS, areaName, type IncidentStore, OFFENCES, ROLE_NAMES, WEAPONS } from './store.js';
import { buildTieTimeline } from './ties.js';
import type {
  SynthCity,
  SynthCityOptions,
  SynthContagionOptions,
  SynthEvent,
  SynthFeudOptions,
  SynthHotPeriod,
  SynthHotPeriodOptions,
  SynthRetaliation,
  SynthWorldOptions,
} from './types.js';
import {
  backgroundWeights,
  drawHotPeriods,
  HOT_PERIOD_DEFAULTS,
  type ResolvedWorld,
  WORLD_DEFAULTS,
} from './worlds.js';

/** Defaults of {@link synthCity} (`groups` defaults to ⌈people / 25⌉). */
export const DEFAULTS = {
  people: 2000,
  years: 6,
  start: '2018-01-01',
  seed: 1,
  incidentsPerPersonYear: 1.5,
} as const;

const num = rule.number();
const orFalse = rule.or(rule.oneOf([false]), rule.record());
// Names and kinds here; ranges are checked (with the resolved values) by `validate` below.
const CITY_RULES: OptionRules<SynthCityOptions> = {
  people: num,
  groups: num,
  years: num,
  start: rule.string(true),
  seed: num,
  incidentsPerPersonYear: num,
  contagion: orFalse,
  feud: orFalse,
  world: orFalse,
};
const CONTAGION_RULES: OptionRules<SynthContagionOptions> = {
  mu: num,
  alpha: num,
  beta: num,
  seasonalAmplitude: num,
  seasonalPhase: num,
};
const FEUD_RULES: OptionRules<SynthFeudOptions> = {
  rivalries: num,
  attacksPerRivalryPerYear: num,
  pRetaliate: num,
  lagMeanDays: num,
  pDirect: num,
  pAssociate: num,
};
const WORLD_RULES: OptionRules<SynthWorldOptions> = {
  frailtyShape: num,
  propensityPower: num,
  onsetYears: num,
  hotPeriods: orFalse,
  delayShape: num,
};
const HOT_PERIOD_RULES: OptionRules<SynthHotPeriodOptions> = {
  perGroupPerYear: num,
  meanDays: num,
  factor: num,
};

/** Checks the names (and kinds) of every option, nested ones included. */
function checkCityOptions(options: SynthCityOptions): void {
  checkOptions('synthCity', options, CITY_RULES);
  if (options.contagion) checkOptions('synthCity', options.contagion, CONTAGION_RULES, 'contagion');
  if (options.feud) checkOptions('synthCity', options.feud, FEUD_RULES, 'feud');
  if (options.world) {
    checkOptions('synthCity', options.world, WORLD_RULES, 'world');
    if (options.world.hotPeriods)
      checkOptions('synthCity', options.world.hotPeriods, HOT_PERIOD_RULES, 'world.hotPeriods');
  }
}

/**
 * Makes a synthetic city with known ground truth: canonical records (`data`) and the truth
 * that generated them (`truth`).
 *
 * Stages, each drawing from its own fork of one seeded stream (so switching feuds on does not
 * change the people or the ordinary incidents as drawn; with contagion on, the killed, who drop
 * out of later ordinary incidents in stage 5, can differ):
 * 1. People `P-000001`… with lognormal offending propensity, heavy-tailed groups (30% in none),
 *    birth years, and a few usual partners each.
 * 2. Ordinary incidents (severity 0–2) with 1–4 offenders, mostly partners from the same group.
 * 3. Feuds (`feud`): attacks between rival groups and retaliation chains (severity 2), with
 *    every true link in `truth.retaliations`.
 * 4. Serious violence (`contagion`): a network Hawkes process over all people on the
 *    co-offending ties of stages 2–3 (see {@link SynthContagionOptions} and the guide).
 * 5. Deaths: 8% of serious-violence events are homicides (severity 4), and a homicide victim
 *    leaves the population at death, as the fitted model's at-risk set does (`homicideExit`):
 *    the process of stage 4 is drawn with exits (an event that would fall on a dead person is
 *    not drawn, nor anything it would have caused), and stages 2–3 among the living: on any day
 *    after their death the dead are in no record (a dead offender is left out of the incident,
 *    which the living offenders still commit; a dead victim or witness is replaced by a living
 *    one drawn as the stage draws them; an incident left with no offender has a living lone
 *    offender from the same group in a feud, or does not happen in ordinary crime). Every
 *    co-offending tie between two living people is the one the contagion ran on, and no
 *    incident loses a side. Records dated on the day of death itself stay, ordered before the
 *    homicide. `truth.events` and `truth.triggeredShare` are those of the events that happen.
 *
 * All dates are whole days. A Hawkes event at continuous time t is an incident dated
 * ⌊t⌋; `truth.events[i].day` is ⌊t⌋ and `truth.events[i].time` is t.
 *
 * @throws {OptionError} for an unknown option (naming the closest valid one) or an impossible
 * value (its `option` is the path, e.g. `world.onsetYears`), including a contagion so strong
 * that it explodes on the drawn network (`contagion.alpha`).
 *
 * @example
 * const { data, truth } = synthCity({ people: 5000, seed: 7, feud: {} });
 * data.incidents.length; // ≈ 5000 × 1.5 × 6
 * truth.triggeredShare; // share of serious-violence events caused by contagion
 */
export function synthCity(options: SynthCityOptions = {}): SynthCity {
  checkCityOptions(options);
  options ??= {};
  const people = options.people ?? DEFAULTS.people;
  const groups = options.groups ?? Math.ceil(people / 25);
  const years = options.years ?? DEFAULTS.years;
  const start = options.start ?? DEFAULTS.start;
  const seed = options.seed ?? DEFAULTS.seed;
  const rate = options.incidentsPerPersonYear ?? DEFAULTS.incidentsPerPersonYear;
  const contagion = resolveContagion(options.contagion);
  const feud = options.feud ? { ...FEUD_DEFAULTS, ...stripUndefined(options.feud) } : null;
  const world = resolveWorld(options.world);
  validate(people, groups, years, rate, seed, contagion, feud, world);
  const startDay = toDay(start);
  if (!Number.isInteger(startDay))
    throw new OptionError(
      'synthCity',
      'start',
      `synthCity: start '${start}' is not a YYYY-MM-DD date`,
    );
  const endDay = addYears(startDay, years);
  const startYear = new Date(startDay * DAY_MS).getUTCFullYear();

  // One fork per stage, always taken in this order.
  const root = createRng(seed);
  const populationRng = root.fork();
  const ordinaryRng = root.fork();
  const feudRng = root.fork();
  const contagionRng = root.fork();
  const contagionDetailRng = root.fork();
  // Taken last, and drawn from only when a world option is on, so cities without one are unchanged.
  const worldRng = root.fork();
  // Drawn from only when someone is killed: the living who take the places of the dead.
  const deathRng = root.fork();

  const pop = makePopulation(populationRng, people, groups, startYear);
  const ordinary = ordinaryIncidents(ordinaryRng, pop, startDay, endDay - startDay, rate);
  const feuds = feud ? feudIncidents(feudRng, pop, ordinary, startDay, endDay, feud) : null;
  const tieStores = feuds ? [ordinary, feuds.store] : [ordinary];
  const onsetDay = world
    ? Math.min(endDay - 1, startDay + Math.round(world.onsetYears * 365.25))
    : startDay;
  const weights = world ? backgroundWeights(worldRng, pop, world) : null;
  const hot = world?.hotPeriods
    ? drawHotPeriods(worldRng, pop, startDay, endDay, world.hotPeriods)
    : [];
  const hawkes = contagion
    ? contagionEvents(
        contagionRng,
        contagionDetailRng,
        pop,
        buildTieTimeline(people, tieStores),
        onsetDay,
        endDay,
        contagion,
        world
          ? {
              weights,
              hotPeriods: hot,
              hotFactor: world.hotPeriods ? world.hotPeriods.factor : 1,
              delayShape: world.delayShape,
            }
          : null,
      )
    : null;

  // Stage 5: a homicide victim of the contagion stage leaves the population at death. Stages 2–3
  // were drawn before the deaths were known; they become draws among the living (see
  // amongTheLiving): the dead are left out of later incidents as offenders (so every tie between
  // two living people stands, and the contagion above ran on exactly the network its process
  // can use), dead victims are replaced by living ones drawn as the stage draws its victims, and
  // an incident left with no offender has a living lone offender (feuds: a member of the
  // attacking group, so the answer chain stands) or does not happen (ordinary incidents: nobody
  // alive led it).
  let feudLinks = feuds?.links ?? [];
  if (hawkes && hawkes.deaths > 0) {
    const deathDay = hawkes.deathTime.map(Math.floor);
    const r = deathRng;
    const inGroupOf = (p: number) => (day: number, taken: readonly number[]) => {
      const g = pop.group[p];
      const m = g >= 0 ? pop.members[g] : null;
      const draw = m ? () => m[r.int(m.length)] : () => r.int(pop.n);
      return livingFrom(r, draw, m, pop.n, deathDay, day, taken);
    };
    amongTheLiving(ordinary, deathDay, r, {
      victim: (_dead, lead, day, taken) =>
        livingFrom(r, () => victim(r, pop, lead), null, pop.n, deathDay, day, taken),
      loneOffender: null,
    });
    if (feuds) {
      const at = amongTheLiving(feuds.store, deathDay, r, {
        victim: (dead, _lead, day, taken) => inGroupOf(dead)(day, taken),
        loneOffender: (lead, day, taken) => inGroupOf(lead)(day, taken),
      });
      if (at)
        feudLinks = feudLinks
          .filter((l) => at[l.from] >= 0 && at[l.to] >= 0)
          .map((l) => ({ from: at[l.from], to: at[l.to], lag: l.lag }));
    }
  }

  const stores: IncidentStore[] = [ordinary];
  const feudAt = feuds ? stores.push(feuds.store) - 1 : -1;
  const hawkesAt = hawkes ? stores.push(hawkes.store) - 1 : -1;
  const { data, ids } = assemble(stores, pop, startDay, endDay);
  const feudIds = feudAt < 0 ? [] : ids[feudAt];
  const hawkesIds = hawkesAt < 0 ? [] : ids[hawkesAt];

  const events: SynthEvent[] = [];
  let triggered = 0;
  let delaySum = 0;
  if (hawkes) {
    for (let r = 0; r < hawkes.time.length; r++) {
      const p = hawkes.parent[r];
      if (p >= 0) {
        triggered++;
        delaySum += hawkes.time[r] - hawkes.time[p];
      }
      events.push({
        incident_id: hawkesIds[r],
        person_id: pop.ids[hawkes.person[r]],
        day: Math.floor(hawkes.time[r]),
        time: hawkes.time[r],
        parent: p < 0 ? null : { incident_id: hawkesIds[p], person_id: pop.ids[hawkes.person[p]] },
      });
    }
  }
  const retaliations: SynthRetaliation[] = feuds
    ? feudLinks
        .map((l) => ({ from: feudIds[l.from], to: feudIds[l.to], lagDays: l.lag }))
        .sort((x, y) => cmp(x.from, y.from) || cmp(x.to, y.to))
    : [];

  return {
    data,
    truth: {
      contagion,
      events,
      triggeredShare: events.length === 0 ? 0 : triggered / events.length,
      meanDelay: triggered > 0 ? delaySum / triggered : null,
      kernelMeanDelay: contagion && contagion.alpha > 0 ? 1 / contagion.beta : null,
      world,
      backgroundWeights: weights ? Array.from(weights) : null,
      hotPeriods: hot
        .map(
          (h): SynthHotPeriod => ({
            group: pop.groupNames[h.group],
            startDay: h.start,
            endDay: h.end,
          }),
        )
        .sort((x, y) => cmp(x.group, y.group) || x.startDay - y.startDay),
      retaliations,
      rivalries: feuds
        ? feuds.rivalries.map(([g, h]) => [pop.groupNames[g], pop.groupNames[h]])
        : [],
      feudIncidents: [...feudIds].sort(),
      period: { start: dayToIso(startDay), end: dayToIso(endDay), startDay, endDay, onsetDay },
    },
  };
}

/**
 * The default of each option (`groups`: ⌈people / 25⌉; `contagion`: on with these parameters;
 * `feud` and `world`: off, with `feudDefaults` / `worldDefaults` used for any field not given
 * when they are switched on).
 */
synthCity.defaults = Object.freeze({
  ...DEFAULTS,
  contagion: CONTAGION_DEFAULTS,
  feud: false as const,
  world: false as const,
  feudDefaults: FEUD_DEFAULTS,
  worldDefaults: { ...WORLD_DEFAULTS, hotPeriods: HOT_PERIOD_DEFAULTS },
});

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function resolveContagion(
  c: SynthContagionOptions | false | undefined,
): Required<SynthContagionOptions> | null {
  if (c === false) return null;
  return { ...CONTAGION_DEFAULTS, ...stripUndefined(c ?? {}) };
}

function resolveWorld(w: SynthWorldOptions | false | undefined): ResolvedWorld | null {
  if (!w) return null;
  const given = stripUndefined(w);
  const hot = given.hotPeriods
    ? { ...HOT_PERIOD_DEFAULTS, ...stripUndefined(given.hotPeriods) }
    : (false as const);
  return { ...WORLD_DEFAULTS, ...given, hotPeriods: hot };
}

/** `startDay` plus `years` calendar years (whole part) and the fraction as 365.25-day years. */
function addYears(startDay: number, years: number): number {
  const d = new Date(startDay * DAY_MS);
  const whole = Math.floor(years);
  const end =
    Date.UTC(d.getUTCFullYear() + whole, d.getUTCMonth(), d.getUTCDate()) / DAY_MS +
    Math.round((years - whole) * 365.25);
  return Math.max(end, startDay + 1);
}

function validate(
  people: number,
  groups: number,
  years: number,
  rate: number,
  seed: number,
  contagion: Required<SynthContagionOptions> | null,
  feud: Required<SynthFeudOptions> | null,
  world: ResolvedWorld | null,
): void {
  // An impossible value is an OptionError naming the option (its path, e.g. `world.onsetYears`).
  const need = (ok: boolean, what: string) => {
    if (!ok) throw new OptionError('synthCity', what.split(' ')[0], `synthCity: ${what}`);
  };
  need(
    Number.isInteger(people) && people >= 1,
    `people must be a positive integer (got ${people})`,
  );
  need(
    Number.isInteger(groups) && groups >= 0 && groups <= people,
    `groups must be an integer in 0..people (got ${groups})`,
  );
  need(
    Number.isFinite(years) && years > 0 && years <= 100,
    `years must be in (0, 100] (got ${years})`,
  );
  need(Number.isFinite(rate) && rate >= 0, `incidentsPerPersonYear must be ≥ 0 (got ${rate})`);
  need(Number.isInteger(seed), `seed must be an integer (got ${seed})`);
  if (contagion) {
    const { mu, alpha, beta, seasonalAmplitude, seasonalPhase } = contagion;
    need(Number.isFinite(mu) && mu >= 0, `contagion.mu must be ≥ 0 (got ${mu})`);
    need(Number.isFinite(alpha) && alpha >= 0, `contagion.alpha must be ≥ 0 (got ${alpha})`);
    need(Number.isFinite(beta) && beta > 0, `contagion.beta must be > 0 (got ${beta})`);
    need(
      Math.abs(seasonalAmplitude) <= 1,
      `contagion.seasonalAmplitude must be in [−1, 1] (got ${seasonalAmplitude})`,
    );
    need(Number.isFinite(seasonalPhase), `contagion.seasonalPhase must be finite`);
  }
  if (world) {
    const { frailtyShape, propensityPower, onsetYears, hotPeriods, delayShape } = world;
    need(
      Number.isFinite(frailtyShape) && frailtyShape >= 0,
      `world.frailtyShape must be ≥ 0 (0 for none; got ${frailtyShape})`,
    );
    need(
      Number.isFinite(propensityPower) && Math.abs(propensityPower) <= 4,
      `world.propensityPower must be in [−4, 4] (got ${propensityPower})`,
    );
    need(
      Number.isFinite(onsetYears) && onsetYears >= 0 && onsetYears < years,
      `world.onsetYears must be in [0, years) (got ${onsetYears})`,
    );
    need(
      Number.isFinite(delayShape) && delayShape > 0,
      `world.delayShape must be > 0 (got ${delayShape})`,
    );
    if (hotPeriods) {
      need(
        Number.isFinite(hotPeriods.perGroupPerYear) && hotPeriods.perGroupPerYear >= 0,
        `world.hotPeriods.perGroupPerYear must be ≥ 0`,
      );
      need(
        Number.isFinite(hotPeriods.meanDays) && hotPeriods.meanDays > 0,
        `world.hotPeriods.meanDays must be > 0`,
      );
      need(
        Number.isFinite(hotPeriods.factor) && hotPeriods.factor >= 1,
        `world.hotPeriods.factor must be ≥ 1`,
      );
    }
  }
  if (feud) {
    const { rivalries, attacksPerRivalryPerYear, pRetaliate, lagMeanDays, pDirect, pAssociate } =
      feud;
    need(Number.isInteger(rivalries) && rivalries >= 0, `feud.rivalries must be an integer ≥ 0`);
    need(attacksPerRivalryPerYear >= 0, `feud.attacksPerRivalryPerYear must be ≥ 0`);
    need(pRetaliate >= 0 && pRetaliate < 1, `feud.pRetaliate must be in [0, 1)`);
    need(lagMeanDays > 0, `feud.lagMeanDays must be > 0`);
    need(
      pDirect >= 0 && pAssociate >= 0 && pDirect + pAssociate <= 1,
      `feud.pDirect and feud.pAssociate must be ≥ 0 with a sum ≤ 1`,
    );
  }
}

/**
 * Merges the stages' incidents into canonical tables: incidents ordered by day (then stage,
 * then draw order; Hawkes incidents by event time), numbered `I-0000001`… in that order, so
 * sorted ids are in date order. Returns each stage's ids by stage-local incident number.
 */
function assemble(
  stores: IncidentStore[],
  pop: ReturnType<typeof makePopulation>,
  startDay: number,
  endDay: number,
): { data: Dataset; ids: string[][] } {
  const nDays = endDay - startDay;
  let total = 0;
  for (const s of stores) total += s.size;
  const perDay = new Int32Array(nDays + 1);
  for (const s of stores) for (const d of s.day) perDay[d - startDay + 1]++;
  for (let d = 0; d < nDays; d++) perDay[d + 1] += perDay[d];
  const width = Math.max(7, String(total).length);
  const dates = Array.from({ length: nDays }, (_, d) => dayToIso(startDay + d));
  const areas = Array.from({ length: AREAS }, (_, a) => areaName(a));

  // position of (stage, local incident) in the merged order
  const position = stores.map((s) => {
    const pos = new Int32Array(s.size);
    for (let i = 0; i < s.size; i++) pos[i] = perDay[s.day[i] - startDay]++;
    return pos;
  });
  const ids = position.map((pos) => Array.from(pos, (k) => padId('I-', k, width)));

  const incidents = new Array<Incident>(total);
  const invCount = new Int32Array(total + 1);
  stores.forEach((s, si) => {
    const pos = position[si];
    for (let i = 0; i < s.size; i++) {
      const k = pos[i];
      const day = s.day[i];
      incidents[k] = {
        incident_id: ids[si][i],
        date: dates[day - startDay],
        day,
        offence: OFFENCES[s.offence[i]],
        severity: s.severity[i] as Severity,
        weapon: WEAPONS[s.weapon[i]] as Weapon,
        area: areas[s.area[i]],
      };
      invCount[k + 1] = s.invOffset[i + 1] - s.invOffset[i];
    }
  });
  for (let k = 0; k < total; k++) invCount[k + 1] += invCount[k];
  const involvements = new Array<Involvement>(invCount[total]);
  stores.forEach((s, si) => {
    const pos = position[si];
    for (let i = 0; i < s.size; i++) {
      const id = ids[si][i];
      let at = invCount[pos[i]];
      for (let e = s.invOffset[i]; e < s.invOffset[i + 1]; e++) {
        involvements[at++] = {
          incident_id: id,
          person_id: pop.ids[s.invPerson[e]],
          role: ROLE_NAMES[s.invRole[e]],
        };
      }
    }
  });
  const people: Person[] = new Array(pop.n);
  for (let p = 0; p < pop.n; p++) {
    const g = pop.group[p];
    people[p] =
      g >= 0
        ? { person_id: pop.ids[p], birth_year: pop.birthYear[p], group: pop.groupNames[g] }
        : { person_id: pop.ids[p], birth_year: pop.birthYear[p] };
  }
  return { data: { incidents, involvements, people, auditColumns: [] }, ids };
}
