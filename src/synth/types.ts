import type { Dataset } from '../core/types.js';

/** True parameters of the network Hawkes process a synthetic city draws serious violence from. */
export interface SynthContagionOptions {
  /** Background rate μ₀: serious-violence victimisations per person per day. Default 2e-5. */
  mu?: number;
  /**
   * Excitation α: expected number of events triggered in each co-offending neighbour by one
   * event (g(w) = 1). Default 0.1. Use 0 to switch contagion off.
   */
  alpha?: number;
  /** Decay β per day of the exponential kernel β·e^(−β·Δt); mean delay 1/β days. Default 1/125. */
  beta?: number;
  /** Seasonal amplitude a of s(t) = 1 + a·sin(2πt/365.25 + φ). Default 0 (no season). */
  seasonalAmplitude?: number;
  /** Seasonal phase φ in radians. Default 0. */
  seasonalPhase?: number;
}

/**
 * Feuds between rival groups with explicit retaliation truth.
 *
 * Retaliation travels through the victim's own network (Papachristos 2009; Papachristos, Hureau
 * & Braga 2013; Green, Horel & Papachristos 2017): an answer is carried out by the victim or a
 * co-offending associate of the victim, and aimed at the offender or an associate of the
 * offender; an arbitrary member of the victim's group rarely acts for them. Unprovoked attacks
 * are the rarer part of a feud: each one starts a chain of answers.
 */
export interface SynthFeudOptions {
  /** Number of rival group pairs. Default 10. */
  rivalries?: number;
  /**
   * Unprovoked attacks (severity 2) per rivalry per year, in a random direction, between
   * random members of the two groups who have no grievance to answer (see the guide). Default 1
   * (with the default `pRetaliate`, about 2 feud incidents per rivalry per year, half of them
   * answers).
   */
  attacksPerRivalryPerYear?: number;
  /** Probability that a feud incident (attack or answer) is answered. Default 0.5. */
  pRetaliate?: number;
  /** Mean lag in days from an attack to its retaliation (lags are kept under 90 days). Default 20. */
  lagMeanDays?: number;
  /**
   * Probability that an answer is carried out by one of the attack's victims, and, separately,
   * aimed at one of its offenders. Default 0.5.
   */
  pDirect?: number;
  /**
   * Probability that an answer is carried out by a co-offending associate of the attack's
   * victims (ties dated before the attack, within their group), and, separately, aimed at an
   * associate of its offenders; the remaining 1 − `pDirect` − `pAssociate` is an arbitrary
   * member of the group. Default 0.45 (so an arbitrary member only 5% of the time).
   */
  pAssociate?: number;
}

/**
 * Group "hot periods": spells in which the background rate of every member of a group is
 * multiplied by `factor`, with no person-to-person contagion (shared circumstances that a
 * contagion model can mistake for contagion).
 */
export interface SynthHotPeriodOptions {
  /** Hot periods starting per group per year (a Poisson process). Default 0.5. */
  perGroupPerYear?: number;
  /** Mean length of a hot period in days (exponential, cut at the end of the period). Default 60. */
  meanDays?: number;
  /** Multiplier on the members' background rate during a hot period (overlaps add). Default 6. */
  factor?: number;
}

/**
 * Worlds the fitted network Hawkes model did not generate: departures from its assumptions, for
 * testing it on data it did not make. Each is off by default, and with all off the city is the
 * same, draw for draw, as without `world`. Combine any of them with `contagion: { alpha: 0 }` for
 * a city with no contagion at all.
 */
export interface SynthWorldOptions {
  /**
   * Gamma shape k of each person's background multiplier: μ_k = μ₀·w_k with w_k ∝ G_k·π_k^b,
   * G_k ~ Gamma(k, 1/k) (mean 1, variance 1/k), rescaled so that w has mean 1 over people (μ₀
   * stays the population mean rate). 0 (default) for no gamma spread; 1 is a strong spread (the
   * top 10% of people carry about a third of the background).
   */
  frailtyShape?: number;
  /**
   * Power b on the person's offending propensity π_k in the multiplier (see `frailtyShape`).
   * Offending propensity also drives co-offending, so with b > 0 busier people have both more
   * ties and more background risk (heterogeneity correlated with degree). Default 0.
   */
  propensityPower?: number;
  /**
   * Years after `start` before serious violence is recorded: the Hawkes process runs on
   * [start + onsetYears, end) while ordinary incidents (and ties) are recorded from `start`.
   * Default 0.
   */
  onsetYears?: number;
  /** Group hot periods (see {@link SynthHotPeriodOptions}); `{}` for the defaults. Default `false`. */
  hotPeriods?: SynthHotPeriodOptions | false;
  /**
   * Shape of a gamma delay kernel with the same mean 1/β (1, the default, is the exponential
   * kernel the model assumes; 2 peaks at half the mean delay and has fewer very short delays).
   */
  delayShape?: number;
}

/** Options of `synthCity`. */
export interface SynthCityOptions {
  /** Number of people. Default 2000. */
  people?: number;
  /** Number of groups (gangs / crews); people are assigned heavy-tailed. Default ⌈people / 25⌉. */
  groups?: number;
  /** Length of the simulated period in years. Default 6. */
  years?: number;
  /** First day of the period (ISO date). Default '2018-01-01'. */
  start?: string;
  /** Seed of the PRNG: same options and seed ⇒ identical output. Default 1. */
  seed?: number;
  /** Mean ordinary incidents (any kind) per person per year; heavy-tailed across people. Default 1.5. */
  incidentsPerPersonYear?: number;
  /** Serious violence from a network Hawkes process; `false` for none. Default: the defaults above. */
  contagion?: SynthContagionOptions | false;
  /** Feuds with retaliation truth; `false` (default) for none. */
  feud?: SynthFeudOptions | false;
  /**
   * A world the fitted model did not generate: heterogeneous background, late onset, group hot
   * periods, a gamma delay (see {@link SynthWorldOptions}). Default `false` (none).
   */
  world?: SynthWorldOptions | false;
}

/** A group hot period in the truth: the group's background is multiplied on [startDay, endDay). */
export interface SynthHotPeriod {
  group: string;
  /** Days since 1970-01-01 (continuous): the hot period is [startDay, endDay). */
  startDay: number;
  endDay: number;
}

/** One serious-violence event of the Hawkes process, with its true parent. */
export interface SynthEvent {
  incident_id: string;
  /** The victim (the dimension of the process). */
  person_id: string;
  /**
   * Days since 1970-01-01 UTC: the whole day of the event's incident, ⌊time⌋. This is what a
   * model fitted to `data` sees.
   */
  day: number;
  /**
   * The event's exact continuous time in the simulation (days since 1970-01-01 UTC, fractional);
   * `day === Math.floor(time)`. Only the truth has it: the records carry whole-day dates.
   */
  time: number;
  /** The event that triggered it, or `null` for a background event. */
  parent: { incident_id: string; person_id: string } | null;
}

/** A true retaliation link: incident `to` answers incident `from`. */
export interface SynthRetaliation {
  from: string;
  to: string;
  lagDays: number;
}

/** The ground truth behind a synthetic city. */
export interface SynthTruth {
  /** Resolved true contagion parameters, or `null` when contagion is off. */
  contagion: Required<SynthContagionOptions> | null;
  /**
   * Every Hawkes event, in time order: those that happened, so none falls on a person after
   * they were killed (a homicide victim leaves the population at death, and what an event on
   * them would have caused never happens either).
   */
  events: SynthEvent[];
  /** Share of Hawkes events that were triggered (not background), over the events that happened. */
  triggeredShare: number;
  /**
   * Mean delay in days from parent to child over the triggered events that happened (times in
   * continuous days), or `null` when none was triggered. Delays are those realised inside the
   * period, so with a long kernel this is below the kernel's mean.
   */
  meanDelay: number | null;
  /** Mean of the delay kernel, 1/β days (the same for a gamma kernel), or `null` without contagion. */
  kernelMeanDelay: number | null;
  /** The resolved world options (see {@link SynthWorldOptions}), or `null` when `world` is off. */
  world: {
    frailtyShape: number;
    propensityPower: number;
    onsetYears: number;
    hotPeriods: Required<SynthHotPeriodOptions> | false;
    delayShape: number;
  } | null;
  /**
   * Each person's background multiplier w_k (μ_k = μ₀·w_k, mean 1 over people), in the order of
   * `data.people`, or `null` when every person has the same background.
   */
  backgroundWeights: number[] | null;
  /** Every group hot period, by group then start (empty without `world.hotPeriods`). */
  hotPeriods: SynthHotPeriod[];
  /** Every true retaliation link (feuds only). */
  retaliations: SynthRetaliation[];
  /** Rival group pairs (group names). */
  rivalries: [string, string][];
  /**
   * Ids of every feud incident (unprovoked attacks and retaliations), sorted. In `data` they look
   * like any other severity-2 incident; only the truth tells them apart.
   */
  feudIncidents: string[];
  /**
   * The simulated period [start, end): every incident is dated on a day in it. `startDay` and
   * `endDay` are days since 1970-01-01 UTC (`end` is exclusive: the Hawkes process is observed on
   * the continuous interval [onsetDay, endDay)). `onsetDay` is `startDay` unless
   * `world.onsetYears` delays the recording of serious violence.
   */
  period: { start: string; end: string; startDay: number; endDay: number; onsetDay: number };
}

/** A synthetic city: canonical records plus the truth that made them. */
export interface SynthCity {
  data: Dataset;
  truth: SynthTruth;
}
