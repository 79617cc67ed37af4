import { type ColumnTable, table } from 'arquero';
import { quantileSorted } from 'd3-array';
import { InputError, OptionError } from '../../core/errors.js';
import { fixed } from '../../core/format.js';
import { checkOptions, type OptionRules, rule } from '../../core/options.js';
import { count } from '../../core/plural.js';
import { createRng, type Rng } from '../../core/rng.js';
import { DAYS_PER_YEAR, type DateLike, dayToIso, toDay } from '../../core/time.js';
import type { Dataset, Incident, Involvement, Severity } from '../../core/types.js';
import {
  applyRecord,
  atRiskAt,
  type Counts,
  maxRecordsPerPerson,
  nextAnniversary,
  recordsInto,
  removeRecord,
  zeroCounts,
} from './background.js';
import { kernelMassOf, season } from './engine.js';
import { histSample } from './kernel.js';
import { binAt, branchingRatioWarning, type NetworkHawkesModel, personFactor } from './model.js';
import {
  conditionOnVictimOffenderTies,
  eventsFrom,
  type HawkesData,
  tieG,
  voCarries,
} from './prepare.js';

/** Who an intervention reaches and what it does to the excitation they receive or pass on. */
export interface HawkesIntervention {
  /** Person ids reached (e.g. offered support), as in the model's records: an id the model does not know is an `InputError`. */
  people: readonly string[];
  /** Multiplier in [0, 1] on the excitation: 0 removes it, 1 changes nothing. */
  factor: number;
  /**
   * `'received'` scales the excitation reaching a reached person, `'passed'` the excitation a
   * reached person's events pass on, `'both'` both (a tie between two reached people is scaled
   * by factor²), `'intensity'` the reached person's whole rate of events — background and
   * excitation received — as outreach planning assumes (`planOutreach`'s `effect` is
   * 1 − factor).
   */
  on: 'received' | 'passed' | 'both' | 'intensity';
}

/** Options of {@link simulateNetworkHawkes}. */
export interface SimulateNetworkHawkesOptions {
  /**
   * First day of the simulated period (ISO date, Date or day number). Default: the model's
   * `asOf`. A date before the window the model was fitted on (`diagnostics.since`) is an
   * `OptionError`: nobody is at risk in the model there.
   */
  from?: DateLike;
  /** Length of the simulated period in days. Default 365. */
  days?: number;
  /** Seed of the PRNG: same model, options and seed ⇒ identical result. Default 1. */
  seed?: number;
  /** Number of independent runs. Default 100. */
  runs?: number;
  /**
   * One seed per run, in place of `seed` and `runs` (which it overrides): run r draws from its
   * own stream, exactly as a one-run simulation with `seed: runSeeds[r]`, so its events do not
   * depend on which other runs are simulated with it (a parametric bootstrap split over threads
   * simulates its replicates together and pays the set-up once). Default: none.
   */
  runSeeds?: readonly number[];
  /** An intervention to evaluate against no intervention (same random numbers in both arms). Default: none. */
  intervention?: HawkesIntervention;
  /** Width of the reported interval over runs. Default 0.9 (5th to 95th percentile). */
  interval?: number;
  /** Stop with an error when one run exceeds this many events (an explosive process). Default 5,000,000. */
  maxEventsPerRun?: number;
  /** Return each run's events in `simulated` (for a parametric bootstrap). Default false. */
  keepEvents?: boolean;
  /**
   * When simulating past the records: add the events by which people not yet recorded enter
   * the data (their first record is being harmed), at the rate of such entry events in the last
   * year of the window. They have no ties, so they excite no one. Default true.
   */
  entrants?: boolean;
}

/** One simulated event. */
export interface SimulatedEvent {
  person_id: string;
  /** Continuous time (days since 1970-01-01) and its whole day. */
  time: number;
  day: number;
  /** Index of its parent in the same run, −1 background, −2 triggered by an event before `from`. */
  parent: number;
  /**
   * With a model with α_vo > 0 only (absent otherwise): how the event came, `'background'` or
   * along which kind of excitation (`'co-offending'` tie, `'victim-offender'` tie, `'self'`).
   */
  via?: 'background' | 'co-offending' | 'victim-offender' | 'self';
}

const VIA = ['background', 'co-offending', 'self', 'victim-offender'] as const;

/** A mean over runs with a percentile interval. */
export interface HawkesRunSummary {
  mean: number;
  lo: number;
  hi: number;
}

/**
 * One row of a simulation's `runs` table ({@link NetworkHawkesSimulation.runs}), one per run,
 * as `sim.runs.objects() as HawkesRunRow[]` reads it. Events are serious-violence events in the
 * period simulated.
 */
export interface HawkesRunRow {
  /** The run, 1, 2, … */
  run: number;
  /** Events without intervention. */
  events: number;
  /** Events with the intervention (equal to `events` when there is none). */
  events_with_intervention: number;
  /** `events − events_with_intervention` (≥ 0). */
  averted: number;
  /** Triggered (not background) events, without intervention. */
  triggered: number;
  /** Events of people not yet recorded (past the records only; see `entrants`). */
  entrants: number;
}

/** Result of {@link simulateNetworkHawkes}. */
export interface NetworkHawkesSimulation {
  /** One row per run: `run`, `events` (no intervention), `events_with_intervention`, `averted`, `triggered`, `entrants` ({@link HawkesRunRow}). */
  runs: ColumnTable;
  /** Events without intervention. */
  events: HawkesRunSummary;
  /** Events with the intervention (equal to `events` when there is none). */
  eventsWithIntervention: HawkesRunSummary;
  /** Events averted: `events − eventsWithIntervention`, per run (≥ 0 in every run). */
  averted: HawkesRunSummary;
  /** Triggered (not background) events. */
  triggered: HawkesRunSummary;
  /** Events of people not yet recorded (past the records only; see `entrants`). */
  entrants: HawkesRunSummary;
  /** Each run's events, time order (with `keepEvents`). */
  simulated?: SimulatedEvent[][];
  /** Period simulated: first day and length in days. */
  from: number;
  days: number;
  interval: number;
  /**
   * Plain-language warnings: with a branching ratio of 0.9 or more (the fit's rule and words), that
   * the process is near explosive (the simulated counts are fragile) or, from 1, explosive (they
   * grow with every generation and the period simulated: the model's runaway, not a forecast).
   * Empty otherwise. The simulation runs either way.
   */
  warnings: string[];
}

const DEFAULTS = {
  days: 365,
  seed: 1,
  runs: 100,
  interval: 0.9,
  maxEventsPerRun: 5_000_000,
  keepEvents: false,
  entrants: true,
};

const RULES: OptionRules<SimulateNetworkHawkesOptions> = {
  from: rule.date,
  days: rule.number({ above: 0 }),
  seed: rule.number({ integer: true }),
  runs: rule.number({ min: 1, integer: true }),
  runSeeds: rule.array(rule.number({ integer: true })),
  intervention: rule.record(),
  interval: rule.number({ above: 0, max: 0.999999 }),
  maxEventsPerRun: rule.number({ min: 1, integer: true }),
  keepEvents: rule.boolean,
  entrants: rule.boolean,
};

/** A binary min-heap of (time, payload) for the event-driven simulation. */
class Heap {
  t: number[] = [];
  a: number[] = [];
  b: number[] = [];
  get size() {
    return this.t.length;
  }
  push(t: number, a: number, b: number) {
    const { t: T, a: A, b: Bv } = this;
    let i = T.length;
    T.push(t);
    A.push(a);
    Bv.push(b);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (T[p] <= t) break;
      T[i] = T[p];
      A[i] = A[p];
      Bv[i] = Bv[p];
      i = p;
    }
    T[i] = t;
    A[i] = a;
    Bv[i] = b;
  }
  /** Pops the minimum into `out` ([t, a, b]). */
  pop(out: number[]) {
    const { t: T, a: A, b: Bv } = this;
    out[0] = T[0];
    out[1] = A[0];
    out[2] = Bv[0];
    const lt = T.pop()!;
    const la = A.pop()!;
    const lb = Bv.pop()!;
    const n = T.length;
    if (n === 0) return;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && T[c + 1] < T[c]) c++;
      if (T[c] >= lt) break;
      T[i] = T[c];
      A[i] = A[c];
      Bv[i] = Bv[c];
      i = c;
    }
    T[i] = lt;
    A[i] = la;
    Bv[i] = lb;
  }
}

/**
 * Simulates the fitted network Hawkes process forward over [from, from + days), event by event in
 * time order, in full: each person's background μ₀·τ(t)·s(t)·e^(γ·x_k(t)) while at risk, with the
 * as-of record covariates updated by the person's fixed non-outcome records (when `from` lies
 * inside the fitted window) and by their simulated events; the still-pending excitation of every
 * earlier event; and the children of every simulated event (α·g per tie formed before it, plus
 * α_self with self-excitation, plus α_vo per victim–offender tie that carries the event's day with
 * `victimOffenderTies`, unweighted, as the likelihood reads them), on the ties known to the model:
 * the observed network, held fixed (a simulated event forms no tie). Past the fitted window the
 * last trend bin's rate holds.
 *
 * An intervention `{ people, factor, on }` is evaluated on the same random numbers: each triggered
 * event carries a uniform mark and exists in the intervention arm only if its parent does and its
 * mark falls below the scaling factor (exact Poisson thinning of the triggered tree), so events
 * averted are never negative. With `on: 'intensity'` a reached person's background events are
 * thinned by their own marks too. (The small change in later background through a person's own
 * record is not counted.) Marks come from a stream of their own, so two interventions simulated
 * with the same seed share their no-intervention arm, run by run: their difference is paired.
 *
 * With `keepEvents`, each run's events are returned (`simulated`), and
 * {@link withSimulatedOutcomes} turns one run into a dataset to refit (a parametric bootstrap).
 *
 * A model with a branching ratio of 0.9 or more is simulated, not refused, with the fit's
 * near-explosive or explosive warning in `warnings`: an explosive one's counts are its runaway
 * (1,443.4 events in a simulated year from a fit given 393 in its last year), not a forecast.
 *
 * @example
 * const sim = simulateNetworkHawkes(model, {
 *   from: '2024-01-01', days: 365, seed: 7,
 *   intervention: { people: ['P-0012', 'P-0450'], factor: 0.5, on: 'both' },
 * });
 * sim.averted; // { mean, lo, hi } events averted over 100 runs
 */
export function simulateNetworkHawkes(
  model: NetworkHawkesModel,
  options: SimulateNetworkHawkesOptions & { keepEvents: true },
): NetworkHawkesSimulation & { simulated: SimulatedEvent[][] };
export function simulateNetworkHawkes(
  model: NetworkHawkesModel,
  options?: SimulateNetworkHawkesOptions,
): NetworkHawkesSimulation;
export function simulateNetworkHawkes(
  model: NetworkHawkesModel,
  options: SimulateNetworkHawkesOptions = {},
): NetworkHawkesSimulation {
  const fn = 'simulateNetworkHawkes';
  if (!model || typeof model !== 'object' || !('state' in model))
    throw new InputError(fn, `${fn}: expected a model from fitNetworkHawkes`);
  checkOptions(fn, options, RULES);
  const s = model.state;
  const d = s.data;
  // Victim–offender ties (a model fitted with victimOffenderTies and α_vo > 0): the observed
  // ties, as the fit read them (see the TSDoc).
  const VO = s.alphaVo > 0 ? d.voOut : null;
  const bg = s.bg;
  const from = options.from === undefined ? d.end : toDay(options.from);
  if (Number.isNaN(from))
    throw new OptionError(
      fn,
      'from',
      `${fn}: option 'from' ('${String(options.from)}') is not a valid date; give an ISO date (YYYY-MM-DD), a Date, or days since 1970-01-01`,
    );
  // Before the fitted window nobody is at risk in the model: a simulation from 2010 of a model
  // fitted from 2018 gave 0 events in every run, without a word.
  if (from < d.start)
    throw new OptionError(
      fn,
      'from',
      `${fn}: from ${dayToIso(from)} is before the window the model was fitted on (from ${dayToIso(d.start)} up to its asOf ${dayToIso(d.end)}): nobody is at risk in the model before ${dayToIso(d.start)}, so no event would be simulated there. Give a from on or after ${dayToIso(d.start)}.`,
    );
  const days = options.days ?? DEFAULTS.days;
  const runSeeds = options.runSeeds;
  if (runSeeds && runSeeds.length === 0)
    throw new OptionError(
      fn,
      'runSeeds',
      `${fn}: option 'runSeeds' must list at least one seed, got an empty array`,
    );
  const runs = runSeeds ? runSeeds.length : (options.runs ?? DEFAULTS.runs);
  const level = options.interval ?? DEFAULTS.interval;
  const maxEvents = options.maxEventsPerRun ?? DEFAULTS.maxEventsPerRun;
  const keep = options.keepEvents ?? DEFAULTS.keepEvents;
  const end = from + days;
  const n = d.nPeople;
  const hist = s.hist;
  const dayArr = d.index.day;

  // Intervention as per-person received / passed multipliers.
  const recv = new Float64Array(n).fill(1);
  const pass = new Float64Array(n).fill(1);
  const keepBackground = new Float64Array(n).fill(1);
  const iv = options.intervention;
  if (iv) {
    checkOptions(
      fn,
      iv,
      {
        people: rule.array(rule.string()),
        factor: rule.number({ min: 0, max: 1 }),
        on: rule.oneOf(['received', 'passed', 'both', 'intensity']),
      },
      'intervention',
    );
    for (const k of ['factor', 'on'] as const)
      if (iv[k] === undefined)
        throw new OptionError(
          fn,
          `intervention.${k}`,
          `${fn}: option 'intervention.${k}' is missing: give ${k === 'factor' ? 'a number in [0, 1] (0: the intervention stops all excitation, 1: none)' : "one of 'received', 'passed', 'both', 'intensity'"}.`,
        );
    // An id the model does not know reaches no one: said, not ignored (it read as nothing averted).
    const unknown = (iv.people ?? []).filter((id) => !d.index.personIndex.has(id));
    if (unknown.length > 0 || !iv.people)
      throw new InputError(
        fn,
        `${fn}: intervention.people ${iv.people ? `names ${unknown.length} of ${count(iv.people.length, 'person', 'people')} the model does not know (${unknown.slice(0, 3).join(', ')}${unknown.length > 3 ? ', …' : ''}); give ids as in the model's records` : 'is missing'}`,
      );
    for (const id of iv.people) {
      const k = d.index.personIndex.get(id);
      if (k === undefined) continue;
      if (iv.on !== 'passed') recv[k] = iv.factor;
      if (iv.on === 'both' || iv.on === 'passed') pass[k] = iv.factor;
      if (iv.on === 'intensity') keepBackground[k] = iv.factor;
    }
  }

  // Outcome incidents are replaced by the simulation; every other record stays fixed.
  // Entry events (a person's first record, conditioned on by the fit) stay as fixed records.
  const isOutcome = new Uint8Array(d.index.day.length);
  for (let i = 0; i < d.evIncident.length; i++)
    if (bg.evRow[i] > -2) isOutcome[d.evIncident[i]] = 1;
  // Past the records, people not yet recorded enter by an event at the rate entry events came in
  // the last year of the window (they have no ties yet, so they excite no one).
  const entrantsOn = options.entrants ?? DEFAULTS.entrants;
  let entrantRate = 0;
  if (entrantsOn && from >= d.end) {
    const span = Math.min(DAYS_PER_YEAR, d.end - d.start);
    let count = 0;
    for (let i = d.firstModelled; i < d.evDay.length; i++)
      if (bg.evRow[i] === -2 && d.evDay[i] >= d.end - span) count++;
    entrantRate = span > 0 ? count / span : 0;
  }
  // Per person: counts before `from` and the fixed records on or after it (incident, role bits).
  // With a finite count window (`recordDays`), a record dated d counts over [d, d + W): each
  // person keeps a ledger of the records counted (day and what they add, see codeOf), oldest
  // first, and a record leaves the counts when its window ends (the fit's walk, exactly).
  const W = bg.recordDays;
  const windowed = Number.isFinite(W);
  const startCounts: Counts[] = new Array(n);
  const fixOffset = new Int32Array(n + 1);
  const fixK: number[] = [];
  const fixR: number[] = [];
  const startLedOffset = new Int32Array(n + 1);
  const startLedDay: number[] = [];
  const startLedCode: number[] = [];
  const recK = new Int32Array(maxRecordsPerPerson(d));
  const recR = new Uint8Array(recK.length);
  for (let k = 0; k < n; k++) {
    const c: Counts = zeroCounts();
    const nRec = recordsInto(d, k, recK, recR);
    for (let x = 0; x < nRec; x++) {
      const inc = recK[x];
      if (dayArr[inc] < from) {
        if (!Number.isFinite(c.first)) c.first = dayArr[inc];
        if (dayArr[inc] + W <= from) continue; // left its count window before `from`
        applyRecord(d, inc, recR[x], c);
        if (windowed) {
          startLedDay.push(dayArr[inc]);
          startLedCode.push(codeOf(d, inc, recR[x]));
        }
      } else if (!isOutcome[inc]) {
        fixK.push(inc);
        fixR.push(recR[x]);
      }
    }
    startCounts[k] = c;
    fixOffset[k + 1] = fixK.length;
    startLedOffset[k + 1] = startLedDay.length;
  }

  // The group covariate: each group's known events (the fit's events before `from`, and entry
  // events, which stay as fixed records, on or after it), in time order; a run adds its simulated
  // events, and every other member's background is redrawn when one happens (their rate changed).
  const G = bg.group;
  const WG = G ? G.days : Number.POSITIVE_INFINITY;
  const startGroupDay: number[][] = [];
  const startGroupPerson: number[][] = [];
  const memberOffset = new Int32Array(G ? G.count + 1 : 1);
  const members = new Int32Array(G ? n : 0);
  if (G) {
    for (let g = 0; g < G.count; g++) {
      startGroupDay.push([]);
      startGroupPerson.push([]);
    }
    for (let i = 0; i < d.evDay.length; i++) {
      const g = G.group[d.evPerson[i]];
      if (g < 0 || !(d.evDay[i] < from || bg.evRow[i] <= -2)) continue;
      startGroupDay[g].push(d.evDay[i]);
      startGroupPerson[g].push(d.evPerson[i]);
    }
    for (let k = 0; k < n; k++) if (G.group[k] >= 0) memberOffset[G.group[k] + 1]++;
    for (let g = 0; g < G.count; g++) memberOffset[g + 1] += memberOffset[g];
    const fill = memberOffset.slice(0, G.count);
    for (let k = 0; k < n; k++) if (G.group[k] >= 0) members[fill[G.group[k]]++] = k;
  }
  const groupDay: number[][] = [];
  const groupPerson: number[][] = [];

  // Pending excitation of history events (dated before `from`), computed once for all runs.
  const pendQ: number[] = [];
  const pendP: number[] = [];
  const pendT: number[] = [];
  const pendMass: number[] = [];
  // How each pending excitation comes (an index of VIA), read only with victim–offender ties.
  const pendVia: number[] = [];
  for (let p = 0; p < n; p++) {
    const lo = eventsFrom(d, p, from - s.maxLag);
    const hi = eventsFrom(d, p, from);
    for (let x = lo; x < hi; x++) {
      const j = d.personEv[x];
      const tj = d.evDay[j];
      const mass = kernelMassOf(s, from - tj, end - tj);
      if (!(mass > 0)) continue;
      if (s.alpha > 0)
        for (let e = d.tieOffset[p]; e < d.tieOffset[p + 1]; e++) {
          const g = tieG(d, s.g, e, tj);
          if (g > 0) {
            pendQ.push(d.tieNeighbour[e]);
            pendP.push(p);
            pendT.push(tj);
            pendMass.push(s.alpha * g * mass);
            pendVia.push(1);
          }
        }
      if (s.alphaSelf > 0) {
        pendQ.push(p);
        pendP.push(p);
        pendT.push(tj);
        pendMass.push(s.alphaSelf * mass);
        pendVia.push(2);
      }
      if (VO)
        for (let e = VO.offset[p]; e < VO.offset[p + 1]; e++)
          if (voCarries(VO.start[e], VO.strict[e], tj)) {
            pendQ.push(VO.other[e]);
            pendP.push(p);
            pendT.push(tj);
            pendMass.push(s.alphaVo * mass);
            pendVia.push(3);
          }
    }
  }

  const amp = Math.hypot(s.b1, s.b2);
  const truncExp = (rng: Rng, a: number, b: number) => {
    if (hist) return histSample(hist, rng, a, b);
    if (s.shape) {
      // Inverse of the kernel's distribution on [a, b) by bisection.
      const total = kernelMassOf(s, a, b);
      const u = rng.random() * total;
      let lo = a;
      let hi = b;
      for (let it = 0; it < 60; it++) {
        const mid = (lo + hi) / 2;
        if (kernelMassOf(s, a, mid) < u) lo = mid;
        else hi = mid;
      }
      return (lo + hi) / 2;
    }
    // Delay in [a, b) with density ∝ e^(−βu).
    const span = -Math.expm1(-s.beta * (b - a));
    return a - Math.log1p(-rng.random() * span) / s.beta;
  };
  // Person state of one run.
  const counts: Counts[] = new Array(n);
  const fixAt = new Int32Array(n);
  const version = new Int32Array(n);
  // The ledger of one run (windowed only): days and codes of the counted records, oldest first,
  // from ledHead[k] on.
  const ledDay: number[][] = windowed ? new Array(n) : [];
  const ledCode: number[][] = windowed ? new Array(n) : [];
  const ledHead = new Int32Array(windowed ? n : 0);
  const applyFixed = (k: number, c: Counts, at: { i: number }, t: number, inclusive: boolean) => {
    while (at.i < fixOffset[k + 1]) {
      const day = dayArr[fixK[at.i]];
      if (inclusive ? day > t : day >= t) break;
      applyRecord(d, fixK[at.i], fixR[at.i], c);
      at.i++;
    }
  };
  // The co-offender count: the records' ties only (a simulated event ties nobody), so each draw
  // reads it from the data's changes as the fit's walk does.
  const CO = bg.co;
  /** Next background event of person k after t0 (at its counts and fixed records), or +∞. */
  const drawBackground = (rng: Rng, k: number, t0: number): number => {
    const c: Counts = { ...counts[k] };
    const at = { i: fixAt[k] };
    // Windowed: the records leaving the counts on this walk, the ledger's from h on, then the
    // fixed records this walk applies (dated on or after t0, so after the ledger's) from fe on.
    let h = windowed ? ledHead[k] : 0;
    let fe = fixAt[k];
    const L = windowed ? ledDay[k] : null;
    const expire = (t: number) => {
      if (!L) return;
      while (h < L.length && L[h] + W <= t) removeCode(c, ledCode[k][h++]);
      if (h === L.length)
        while (fe < at.i && dayArr[fixK[fe]] + W <= t) removeRecord(d, fixK[fe], fixR[fe++], c);
    };
    let t = Math.max(t0, bg.entry[k]);
    applyFixed(k, c, at, t, false);
    expire(t);
    let ci = CO ? CO.offset[k] : 0;
    const cEnd = CO ? CO.offset[k + 1] : 0;
    c.co = 0;
    while (ci < cEnd && CO!.day[ci] < t) c.co += CO!.delta[ci++];
    const coTo = (t: number) => {
      while (ci < cEnd && CO!.day[ci] <= t) c.co += CO!.delta[ci++];
    };
    // The group's known events: [go, gi) counted (dated ≤ t, not yet left), as the fit's walk.
    const gk = G ? G.group[k] : -1;
    const GD = gk >= 0 ? groupDay[gk] : null;
    const GP = gk >= 0 ? groupPerson[gk] : null;
    const gLen = GD ? GD.length : 0;
    let gi = 0;
    let go = 0;
    c.grp = 0;
    const groupTo = (t: number) => {
      while (gi < gLen && GD![gi] <= t) if (GP![gi++] !== k) c.grp++;
      while (go < gi && GD![go] + WG <= t) if (GP![go++] !== k) c.grp--;
    };
    groupTo(t);
    while (t < end) {
      // Skip exit intervals.
      let nextExit = Number.POSITIVE_INFINITY;
      let inside = false;
      for (let x = bg.exitOffset[k]; x < bg.exitOffset[k + 1]; x++) {
        if (bg.exitFrom[x] <= t && t < bg.exitTo[x]) {
          t = bg.exitTo[x];
          inside = true;
          break;
        }
        if (bg.exitFrom[x] > t) nextExit = Math.min(nextExit, bg.exitFrom[x]);
      }
      if (inside) {
        applyFixed(k, c, at, t, true);
        expire(t);
        groupTo(t);
        coTo(t);
        continue;
      }
      let next = Math.min(end, nextExit);
      if (at.i < fixOffset[k + 1]) next = Math.min(next, Math.max(t, dayArr[fixK[at.i]]));
      if (L) {
        const leaves = h < L.length ? L[h] + W : fe < at.i ? dayArr[fixK[fe]] + W : next;
        if (leaves < next) next = leaves;
      }
      if (gi < gLen && GD![gi] < next) next = GD![gi];
      if (go < gi && GD![go] + WG < next) next = GD![go] + WG;
      if (ci < cEnd && CO!.day[ci] < next) next = CO!.day[ci];
      if (bg.own[3]) next = Math.min(next, nextAnniversary(c.first, t));
      const bin = binAt(s, t);
      if (bin < bg.B - 1) next = Math.min(next, bg.edges[bin + 1]);
      const base = s.rates[bin] * personFactor(s, k, c, t);
      const R = base * (1 + amp);
      if (R > 0) {
        let u = t + rng.exponential(R);
        while (u < next) {
          if (amp === 0 || rng.random() * (1 + amp) < season(s.b1, s.b2, u)) return u;
          u += rng.exponential(R);
        }
      }
      t = next > t ? next : t + 1e-9;
      applyFixed(k, c, at, t, true);
      expire(t);
      groupTo(t);
      coTo(t);
    }
    return Number.POSITIVE_INFINITY;
  };

  const root = createRng(options.seed ?? DEFAULTS.seed);
  const markRoot = createRng(((options.seed ?? DEFAULTS.seed) ^ 0x6a09e667) >>> 0);
  const base = new Float64Array(runs);
  const withIv = new Float64Array(runs);
  const triggered = new Float64Array(runs);
  const entrantRuns = new Float64Array(runs);
  const simulated: SimulatedEvent[][] = [];
  const person: number[] = [];
  const time: number[] = [];
  const parentOf: number[] = [];
  const kept: boolean[] = [];
  const heap = new Heap();
  const item = [0, 0, 0];
  // Heap payload a: person; b: ≥ 0 background candidate version, −1 − (child record index).
  const childParent: number[] = [];
  const childKept: boolean[] = [];
  const childVia: number[] = [];
  const viaOf: number[] = [];
  for (let r = 0; r < runs; r++) {
    const rng = runSeeds ? createRng(runSeeds[r]).fork() : root.fork();
    // Thinning marks come from their own stream, one per candidate event whatever the
    // intervention, so runs with the same seed share their no-intervention arm across
    // interventions (common random numbers between, say, two outreach plans).
    const marks = runSeeds ? createRng((runSeeds[r] ^ 0x6a09e667) >>> 0).fork() : markRoot.fork();
    person.length = 0;
    time.length = 0;
    parentOf.length = 0;
    kept.length = 0;
    childParent.length = 0;
    childKept.length = 0;
    childVia.length = 0;
    viaOf.length = 0;
    heap.t.length = 0;
    heap.a.length = 0;
    heap.b.length = 0;
    if (G)
      for (let g = 0; g < G.count; g++) {
        groupDay[g] = startGroupDay[g].slice();
        groupPerson[g] = startGroupPerson[g].slice();
      }
    for (let k = 0; k < n; k++) {
      counts[k] = { ...startCounts[k] };
      fixAt[k] = fixOffset[k];
      version[k] = 0;
      if (windowed) {
        ledDay[k] = startLedDay.slice(startLedOffset[k], startLedOffset[k + 1]);
        ledCode[k] = startLedCode.slice(startLedOffset[k], startLedOffset[k + 1]);
        ledHead[k] = 0;
      }
      if (bg.entry[k] < end) {
        const u = drawBackground(rng, k, from);
        if (u < end) heap.push(u, k, 0);
      }
    }
    const pushChild = (q: number, t: number, parent: number, keptArm: boolean, via: number) => {
      if (!(t < end)) return;
      childParent.push(parent);
      childKept.push(keptArm);
      childVia.push(via);
      heap.push(t, q, -childParent.length);
    };
    for (let x = 0; x < pendQ.length; x++) {
      const m = rng.poisson(pendMass[x]);
      const q = pendQ[x];
      const tj = pendT[x];
      const scale = pass[pendP[x]] * recv[q];
      for (let c = 0; c < m; c++) {
        const t = tj + truncExp(rng, from - tj, Math.min(end - tj, s.maxLag));
        pushChild(q, t, -2, marks.random() < scale, pendVia[x]);
      }
    }
    while (heap.size > 0) {
      heap.pop(item);
      const t = item[0];
      const k = item[1];
      const tag = item[2];
      let parent = -1;
      let keptArm = true;
      let via = 0;
      if (tag >= 0) {
        if (tag !== version[k]) continue; // a stale background draw
        keptArm = marks.random() < keepBackground[k];
      } else {
        if (!atRiskAt(bg, k, t)) continue; // the target is not at risk: thinned
        parent = childParent[-tag - 1];
        keptArm = childKept[-tag - 1];
        via = childVia[-tag - 1];
      }
      const idx = person.length;
      person.push(k);
      time.push(t);
      parentOf.push(parent);
      viaOf.push(via);
      kept.push(keptArm);
      if (person.length > maxEvents)
        throw new RangeError(
          `simulation exceeded ${maxEvents} events in one run: the process looks explosive`,
        );
      // The person's own record changes: bring their counts to t and add the event.
      {
        const c = counts[k];
        const at = { i: fixAt[k] };
        applyFixed(k, c, at, t, false);
        if (windowed)
          for (let j = fixAt[k]; j < at.i; j++) {
            ledDay[k].push(dayArr[fixK[j]]);
            ledCode[k].push(codeOf(d, fixK[j], fixR[j]));
          }
        fixAt[k] = at.i;
        c.inc++;
        c.vic++;
        if (!Number.isFinite(c.first)) c.first = t;
        if (windowed) {
          // The event is a serious victimisation record (a violent incident as victim).
          ledDay[k].push(t);
          ledCode[k].push(1 | 4);
          const Lk = ledDay[k];
          let hk = ledHead[k];
          while (hk < Lk.length && Lk[hk] + W <= t) removeCode(c, ledCode[k][hk++]);
          ledHead[k] = hk;
        }
        version[k]++;
        const u = drawBackground(rng, k, t);
        if (u < end) heap.push(u, k, version[k]);
      }
      // The group's other members: the event enters their group count, so their background
      // changes from t on; their pending background draws are redrawn.
      const gk = G ? G.group[k] : -1;
      if (gk >= 0) {
        const GD = groupDay[gk];
        const GP = groupPerson[gk];
        let at = GD.length;
        while (at > 0 && GD[at - 1] > t) at--;
        GD.splice(at, 0, t);
        GP.splice(at, 0, k);
        for (let x = memberOffset[gk]; x < memberOffset[gk + 1]; x++) {
          const m = members[x];
          if (m === k || !(bg.entry[m] < end)) continue;
          version[m]++;
          const u = drawBackground(rng, m, t);
          if (u < end) heap.push(u, m, version[m]);
        }
      }
      // Children.
      const window = Math.min(end - t, s.maxLag);
      if (!(window > 0)) continue;
      const mass = kernelMassOf(s, 0, window);
      if (s.alpha > 0)
        for (let e = d.tieOffset[k]; e < d.tieOffset[k + 1]; e++) {
          const g = tieG(d, s.g, e, t);
          if (!(g > 0)) continue;
          const m = rng.poisson(s.alpha * g * mass);
          if (m === 0) continue;
          const q = d.tieNeighbour[e];
          const scale = pass[k] * recv[q];
          for (let c = 0; c < m; c++) {
            const tc = t + truncExp(rng, 0, window);
            const u = marks.random();
            pushChild(q, tc, idx, keptArm && u < scale, 1);
          }
        }
      if (s.alphaSelf > 0) {
        const m = rng.poisson(s.alphaSelf * mass);
        const scale = pass[k] * recv[k];
        for (let c = 0; c < m; c++) {
          const tc = t + truncExp(rng, 0, window);
          const u = marks.random();
          pushChild(k, tc, idx, keptArm && u < scale, 2);
        }
      }
      if (VO) {
        // Along the victim–offender ties that carry an event of this day (the likelihood's
        // gating on the event's whole day; unweighted, α_vo per tie).
        const day = Math.floor(t);
        for (let e = VO.offset[k]; e < VO.offset[k + 1]; e++) {
          if (!voCarries(VO.start[e], VO.strict[e], day)) continue;
          const m = rng.poisson(s.alphaVo * mass);
          if (m === 0) continue;
          const q = VO.other[e];
          const scale = pass[k] * recv[q];
          for (let c = 0; c < m; c++) {
            const tc = t + truncExp(rng, 0, window);
            const u = marks.random();
            pushChild(q, tc, idx, keptArm && u < scale, 3);
          }
        }
      }
    }
    let nk = 0;
    let nt = 0;
    for (let x = 0; x < kept.length; x++) {
      if (kept[x]) nk++;
      if (parentOf[x] !== -1) nt++;
    }
    const entrants = entrantRate > 0 ? rng.poisson(entrantRate * days) : 0;
    nk += entrants;
    entrantRuns[r] = entrants;
    base[r] = person.length + entrants;
    withIv[r] = nk;
    triggered[r] = nt;
    if (keep)
      simulated.push(
        person.map((k, x) => ({
          person_id: d.index.personIds[k],
          time: time[x],
          day: Math.floor(time[x]),
          parent: parentOf[x],
          ...(VO ? { via: VIA[viaOf[x]] } : {}),
        })),
      );
  }
  const averted = base.map((b, r) => b - withIv[r]);
  const summary = (xs: Float64Array): HawkesRunSummary => {
    const sorted = xs.slice().sort();
    let sum = 0;
    for (const x of xs) sum += x;
    return {
      mean: sum / xs.length,
      lo: quantile(sorted, (1 - level) / 2),
      hi: quantile(sorted, 1 - (1 - level) / 2),
    };
  };
  const events = summary(base);
  // An explosive model simulated without a word: 1,443.4 events a year against the 393 its fit
  // was given in a year. The fit's rule and words, with what they mean for these counts.
  const warnings: string[] = [];
  const explosive =
    typeof model.branchingRatio === 'number' ? branchingRatioWarning(model.branchingRatio) : null;
  if (explosive)
    warnings.push(
      `${explosive} ${
        model.branchingRatio >= 1
          ? `The simulated events (mean ${fixed(events.mean, 1)} over ${count(days, 'day')}) grow with every generation and with the period simulated: they are the model's runaway, not a forecast.`
          : `The simulated events (mean ${fixed(events.mean, 1)} over ${count(days, 'day')}) move much with a small change in the excitation: read them as fragile.`
      }`,
    );
  return {
    runs: table({
      run: Array.from({ length: runs }, (_, r) => r + 1),
      events: Array.from(base),
      events_with_intervention: Array.from(withIv),
      averted: Array.from(averted),
      triggered: Array.from(triggered),
      entrants: Array.from(entrantRuns),
    }),
    events,
    eventsWithIntervention: summary(withIv),
    averted: summary(averted),
    triggered: summary(triggered),
    entrants: summary(entrantRuns),
    from,
    days,
    interval: level,
    warnings,
    ...(keep ? { simulated } : {}),
  };
}

/** Defaults of every option with one (units in {@link SimulateNetworkHawkesOptions}). */
simulateNetworkHawkes.defaults = DEFAULTS;

/**
 * The model's records with every outcome event dated in [from, from + days) replaced by the
 * events of one simulated run (each a severity-3 incident, offence 'simulated', with the person
 * as victim, dated on the event's day): the dataset a parametric bootstrap refits. Modelled
 * outcome incidents in that period are dropped whole (with any offender on them); all other
 * records are kept, entry events (a person's first record, which the fit conditions on) included.
 * The period must lie inside the model's outcome window and every event be of a person the model
 * knows, dated in the period (`InputError` otherwise: another model's simulation was added as is).
 *
 * For a model with victim–offender ties (`victimOffenderTies`), a fit of the returned records with
 * the same `victimOffenderTies` (and `ties`) uses the model's victim–offender ties, not those the
 * records give: the simulated events have no offenders, and the ties the dropped outcome incidents
 * formed would otherwise be lost. The bootstrap conditions on the observed network, both kinds of
 * tie (as the simulation does). Ties are matched by person id.
 *
 * @example
 * const sim = simulateNetworkHawkes(model, { from: model.diagnostics.since, days: model.diagnostics.days, runs: 1, keepEvents: true });
 * const again = fitNetworkHawkes(withSimulatedOutcomes(model, sim.simulated[0], sim), { asOf: model.diagnostics.asOf });
 */
export function withSimulatedOutcomes(
  model: NetworkHawkesModel,
  events: readonly SimulatedEvent[],
  period: { from: number; days: number },
): Dataset {
  const d = model.state.data;
  const idx = d.index;
  const lo = d.window.lo;
  const hi = d.window.hi;
  const end = period.from + period.days;
  if (!(period.from >= d.start && end <= d.end))
    throw new InputError(
      'withSimulatedOutcomes',
      `withSimulatedOutcomes: the period (${dayToIso(period.from)}, ${count(period.days, 'day')}) is not inside the model's outcome window (${dayToIso(d.start)} to ${dayToIso(d.end)}): simulate that window (from: diagnostics.since, days: diagnostics.days)`,
    );
  const outcome = new Set<number>();
  for (let i = 0; i < d.evIncident.length; i++) {
    if (model.state.bg.evRow[i] <= -2) continue; // entry and exit events are conditioned on: kept
    const k = d.evIncident[i];
    if (idx.day[k] >= period.from && idx.day[k] < end) outcome.add(k);
  }
  const incidents: Incident[] = [];
  const keepIds = new Set<string>();
  for (let k = lo; k < hi; k++) {
    if (outcome.has(k)) continue;
    incidents.push(idx.incidents[k]);
    keepIds.add(idx.incidents[k].incident_id);
  }
  const involvements: Involvement[] = idx.data.involvements.filter((v) =>
    keepIds.has(v.incident_id),
  );
  events.forEach((e, x) => {
    // Events of another model's simulation (other people, another period) or misspelt fields
    // were added as they came: an outcome outside the period, or a victim with no id.
    if (!idx.personIndex.has(e?.person_id) || !(e.day >= Math.floor(period.from) && e.day < end))
      throw new InputError(
        'withSimulatedOutcomes',
        `withSimulatedOutcomes: event ${x + 1} (${JSON.stringify(e)}) is not a simulated event of this model's people in the period (${dayToIso(period.from)}, ${count(period.days, 'day')}); pass the simulation of this model and its period`,
      );
    const id = `SIM-${String(x).padStart(7, '0')}`;
    incidents.push({
      incident_id: id,
      date: dayToIso(e.day),
      day: e.day,
      offence: 'simulated',
      severity: 3 as Severity,
    });
    involvements.push({ incident_id: id, person_id: e.person_id, role: 'victim' });
  });
  const out: Dataset = {
    incidents,
    involvements,
    people: idx.data.people,
    auditColumns: idx.data.auditColumns,
  };
  // A fit of these records with the model's victim–offender ties uses the model's ties (the
  // simulated events have no offenders: the ties their outcome incidents formed would be lost).
  conditionOnVictimOffenderTies(out, d);
  return out;
}

/** What one record adds to the counts: 1 incident, | 2 violent offending, | 4 violent victimisation. */
function codeOf(d: HawkesData, k: number, roles: number): number {
  const violent = d.index.severity[k] >= 1;
  return 1 | (violent && roles & 1 ? 2 : 0) | (violent && roles & 2 ? 4 : 0);
}

/** Removes a record of code `codeOf` from the counts (it left its count window). */
function removeCode(c: Counts, code: number): void {
  c.inc--;
  if (code & 2) c.off--;
  if (code & 4) c.vic--;
}

/** Linear-interpolation quantile of a sorted array (type 7, as R and numpy default). */
function quantile(sorted: Float64Array, q: number): number {
  // d3's types ask for an array; it reads any array-like (a typed array here).
  return quantileSorted(sorted as unknown as number[], q) ?? Number.NaN;
}
