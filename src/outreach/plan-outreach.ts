import type { ColumnTable } from 'arquero';
import * as aq from 'arquero';
import { quantile } from 'd3-array';
import {
  type HorizonGradient,
  type HorizonSystem,
  horizonEvents,
  horizonGradient,
  horizonSystem,
} from '../contagion/hawkes/horizon.js';
import type { NetworkHawkesModel } from '../contagion/hawkes/model.js';
import { indexDataset } from '../core/dataset-index.js';
import { InputError, OptionError } from '../core/errors.js';
import { fixed } from '../core/format.js';
import { checkOptions, type OptionRules, rule } from '../core/options.js';
import { count } from '../core/plural.js';
import {
  assertModelBefore,
  assertModelForecasts,
  type RiskContribution,
  riskOfPopulation,
} from '../core/risk.js';
import { competitionRanks, tieClasses } from '../core/ties.js';
import { type DateLike, dayToIso, resolveAsOf } from '../core/time.js';
import type { Dataset } from '../core/types.js';
import {
  DEFAULT_RETENTION_YEARS,
  dateOption,
  horizonBeyondRecords,
  horizonRule,
  pastRetentionWarning,
  refuseOutsideRecords,
  resolveWindow,
} from '../core/window.js';
import { type DescribedContribution, daysBefore, formatValue, reasonText } from './describe.js';
import { assertPlausibleRisks } from './plausible-risk.js';
import { type PseudonymiseOption, pseudonymiser } from './pseudonymise.js';
import { type ListMetadata, PURPOSE_LABEL, withListMetadata } from './purpose.js';
import { capText, evidenceCount, type MinEvidenceOptions } from './rank-for-outreach.js';
import {
  incidentsById,
  killedBefore,
  personRecords,
  staleRecords,
  unseenByModel,
} from './records.js';

/** Options of {@link planOutreach}. */
export interface PlanOutreachOptions {
  /** The plan's date: the model must have been fitted on records dated before it. Required. */
  asOf: DateLike;
  /** A fitted network Hawkes model (`fitNetworkHawkes`), fitted as of `asOf` or earlier. Required. */
  model: NetworkHawkesModel;
  /** How many people the team can reach in the horizon (the length of the plan): a whole number, at least 1. Required. */
  capacity: number;
  /**
   * The outreach effect: the fraction by which reaching a person lowers their rate of serious
   * harm over the horizon (0–1). An assumption, not a measurement about any one person. Default
   * `0.2`: a cautious figure below the 43% fall in shooting and homicide victimisations that
   * READI Chicago found among participants referred by outreach workers (Bhatt, Heller,
   * Kapustin, Bertrand & Blattman 2024, QJE), whose overall primary index did not change
   * significantly. The plan's `sensitivity` table shows the results from 0.1 to 0.5.
   */
  effect?: number;
  /** Horizon in days: events in [asOf, asOf + horizonDays) are counted. Default 90; at most 3650 (ten years); longer than the records read, a warning. */
  horizonDays?: number;
  /**
   * People already in contact with the team: counted as reached (their rate already lowered by
   * `effect`) and never listed again. Ids as in the records or, with `pseudonymise`, the plan's
   * pseudonyms (a keyed plan's list passed back); ids matching nobody are named in `warnings`
   * (only pseudonyms, when the plan's ids are: the others are counted).
   * Default none.
   */
  alreadyReached?: readonly string[];
  /** At most this many people of one known group in the plan, so it is not one group. Default: no cap. */
  maxPerGroup?: number;
  /** At most this many people whose most frequent area is the same. Default: no cap. */
  maxPerArea?: number;
  /** Minimum-evidence rules, as in `rankForOutreach` (a number is `records`). Default `{ records: 2 }`. */
  minEvidence?: number | MinEvidenceOptions;
  /**
   * Retention horizon in years: older records are not evidence, and their excitation is not
   * counted (a model fitted with a longer horizon may hold them). Default 6.
   */
  retentionYears?: number;
  /** Pseudonymise person ids with a secret key. Default: none (ids as in the records). */
  pseudonymise?: PseudonymiseOption;
  /** Cap on `capacity`, in people, as `rankForOutreach`'s `cap`. Default 1000. */
  cap?: number;
  /** Effects at which the plan and the highest-risk list are compared. Default `[0.1, 0.2, 0.3, 0.4, 0.5]`. */
  sensitivity?: readonly number[];
  /**
   * Models refitted on bootstrap samples (e.g. from the parametric bootstrap of the contagion
   * model's intervals): each is planned the same way, and every listed person gets the share of
   * refits whose plan includes them and an interval on their events averted. Default none.
   */
  refits?: readonly NetworkHawkesModel[];
  /**
   * People chosen between exact recomputations of everyone's events averted (greedy in
   * batches). Default: capacity / 20, at least 1; 1 recomputes after every choice.
   */
  batch?: number;
}

const DEFAULTS = {
  effect: 0.2,
  horizonDays: 90,
  minEvidence: { records: 2 } as MinEvidenceOptions,
  retentionYears: DEFAULT_RETENTION_YEARS,
  cap: 1000,
  sensitivity: [0.1, 0.2, 0.3, 0.4, 0.5] as readonly number[],
};

/** planOutreach's option rules (analyse checks its `plan` with them, before its pipeline runs). @internal */
export const PLAN_OUTREACH_RULES: OptionRules<PlanOutreachOptions> = {
  asOf: rule.date,
  model: rule.any,
  capacity: rule.number({ min: 1, integer: true }),
  effect: rule.number({ above: 0, max: 1 }),
  horizonDays: horizonRule(),
  alreadyReached: rule.array(rule.string()),
  maxPerGroup: rule.number({ min: 1, integer: true }),
  maxPerArea: rule.number({ min: 1, integer: true }),
  minEvidence: rule.or(rule.number({ min: 1, integer: true }), rule.record()),
  retentionYears: rule.number({ above: 0 }),
  pseudonymise: rule.record(),
  cap: rule.number({ min: 0, integer: true }),
  sensitivity: rule.array(rule.number({ above: 0, max: 1 })),
  refits: rule.array(),
  batch: rule.number({ min: 1, integer: true }),
};

/** minEvidence's keys, as rankForOutreach reads them. @internal */
export const MIN_EVIDENCE_RULES: OptionRules<MinEvidenceOptions> = {
  records: rule.number({ min: 1, integer: true }),
};

/**
 * One row of an {@link OutreachPlan}'s `list`, one per person chosen, in the order chosen, as
 * `plan.list.objects() as PlanListRow[]` reads it. Events are serious-violence events in the
 * horizon, expected under the model.
 */
export interface PlanListRow {
  /**
   * Order of choice, 1 first. People chosen one after another who avert the same (within 1e-9
   * of the largest) share the rank of the first of them (1, 1, 3).
   */
  rank: number;
  /** The person (pseudonymised when a key is given). */
  person_id: string;
  /** Events that reaching them would avert, at the point they were chosen: `averted_own + averted_onward`. */
  averted: number;
  /** Of those, events to them. */
  averted_own: number;
  /** Of those, the knock-on events their harm would trigger among people close to them (all generations). */
  averted_onward: number;
  /** Their expected events in the horizon without the plan. */
  own_risk: number;
  /** Further events expected in the horizon after one event of theirs. */
  onward_if_harmed: number;
  /** Their known group; null when none is known. */
  group: string | null;
  /** Their most frequent incident area; null when none is recorded. */
  area: string | null;
  /** Two texts whose values sum to `averted`: the harm to them, and the harm it would stop spreading. */
  reasons: string[];
  /** `reasons` joined by "; ". */
  reasons_text: string;
  /**
   * What their own risk rests on, as in {@link rankForOutreach}: its four largest parts and, with
   * six or more, one line summing the rest.
   */
  risk_reasons: string[];
  /** One sentence, for a caseworker. */
  explanation: string;
  /** ISO date of the most recent record behind the choice; null when none is dated. */
  last_evidence: string | null;
  /** With `refits` only: share of the refits whose plan includes them (0–1). */
  in_plan_share?: number;
  /** With `refits` only: 5th percentile over the refits of `averted`. */
  averted_lo?: number;
  /** With `refits` only: 95th percentile over the refits of `averted`. */
  averted_hi?: number;
}

/** One row of an {@link OutreachPlan}'s `sensitivity` table, one per assumed effect. */
export interface PlanSensitivityRow {
  /** The assumed outreach effect: the share (0–1) by which reaching a person lowers their rate of serious harm. */
  effect: number;
  /** Events in the horizon the plan would avert at that effect. */
  averted_plan: number;
  /** Events the same number of people with the highest own risk would avert at that effect. */
  averted_highest_risk: number;
}

/** An outreach plan: whom to reach, what it would avert, and how sure that is. */
export interface OutreachPlan {
  /**
   * The people to reach, in the order chosen. Columns: `rank` (1 = chosen first; people chosen
   * one after another who avert the same, within `TIE_TOLERANCE`, 1e-9, of the largest, share the
   * rank of the first of them: 1, 1, 3), `person_id`, `averted` (serious-
   * violence events in the horizon that reaching them would avert under the model, at the point
   * they were chosen; = `averted_own + averted_onward`), `averted_own` (to them), `averted_onward`
   * (the knock-on events their harm would trigger among people close to them, later
   * generations included), `own_risk` (their expected events in the horizon without the plan),
   * `onward_if_harmed` (further events expected in the horizon after one event of theirs),
   * `group`, `area`, `reasons` (two texts that sum to `averted`), `reasons_text`, `risk_reasons`
   * (what their own risk rests on, as in `rankForOutreach`: its four largest parts, and when there
   * are six or more, one line summing the rest, "3 smaller parts: 0.006" (five parts are all
   * shown), so the lines add up to the
   * model's `risk` for them; `own_risk` is the planner's computation of it, within about 1% of that sum),
   * `explanation` (one sentence),
   * `last_evidence`, and with `refits`, `in_plan_share` (share of refits whose plan includes
   * them), `averted_lo` and `averted_hi` (5th and 95th percentile over refits). The table carries
   * the purpose label (`listMetadata`). Records past the retention horizon excite nobody in
   * `own_risk`, `averted` and the totals, as their parts are left out of `risk_reasons` (whose
   * knock-on line alone still counts the little they would trigger through others). Rows:
   * {@link PlanListRow}.
   */
  list: ColumnTable;
  /** Expected events in the horizon without the plan, with it, and averted (exact under the model). */
  expected: { without: number; withPlan: number; averted: number };
  /**
   * The same capacity spent on the people with the highest own risk (as `rankForOutreach` orders
   * them), for comparison: events averted under the model.
   */
  highestRisk: { averted: number; people: readonly string[] };
  /**
   * Events averted by the plan and by the highest-risk list at each effect in `sensitivity`
   * (columns `effect`, `averted_plan`, `averted_highest_risk`). Carries the purpose label and the
   * plan's metadata (`listMetadata`; `parameters.table` is `'sensitivity'`). Rows:
   * {@link PlanSensitivityRow}.
   */
  sensitivity: ColumnTable;
  /** Plain-language cautions (ties, no contagion found, a model that identifies little). */
  warnings: string[];
}

interface Candidate {
  k: number;
  id: string;
  group: number;
  area: string | null;
  parts: RiskContribution[];
  lastEvidence: number;
}

/**
 * The horizon system is exact for the exponential and Erlang (whole-shape gamma) kernels — the
 * default `kernel: 'auto'` gives one of them; a histogram or non-whole gamma shape is refused, and
 * so is a model that is explosive (branching ratio ≥ 1) and not identified (code `not-identified`).
 */
function refuseKernel(fn: string, s: { hist: unknown; shape: number | null }) {
  if (s.hist || (s.shape !== null && !Number.isInteger(s.shape)))
    throw new InputError(
      fn,
      `${fn} plans with the exponential or Erlang delay kernel (kernel 'auto', the default, gives one of them); refit the model without kernel: '${s.hist ? 'histogram' : 'gamma'}' (e.g. kernel: 'erlang')`,
    );
}

/**
 * The plan's warning when its people avert the same or about the same; `undefined` otherwise (and
 * for fewer than two people, or none averting anything).
 * - The same: every one within TIE_TOLERANCE (1e-9) of the largest, the one tie rule of
 *   src/core/ties.ts that gives the plan's ranks, so they all share rank 1 and the tie-break
 *   (the most recent evidence, then id) alone sets their order.
 * - About the same: every one within 0.1% of the largest. Not a tie (their ranks differ, by
 *   differences that are real under the model), so not the tie rule: a 0.1% difference is far
 *   below the model's own uncertainty (a refit moves each figure by more), which the ranks do not
 *   show, so the warning says the order is weak rather than set by the tie-break.
 * Every pick is read, not the first and last only: the greedy choice's gains need not fall.
 * @internal
 */
export function sameAvertedWarning(gains: readonly number[]): string | undefined {
  if (gains.length < 2) return undefined;
  let hi = Number.NEGATIVE_INFINITY;
  let lo = Number.POSITIVE_INFINITY;
  for (const g of gains) {
    if (g > hi) hi = g;
    if (g < lo) lo = g;
  }
  if (!(hi > 0)) return undefined;
  if (tieClasses(gains).every((c) => c === 0))
    return 'Every chosen person averts the same events (they share rank 1): their order is set by the tie-break alone, the most recent evidence, then id.';
  if (lo / hi > 0.999)
    return "Every chosen person averts about the same events (all within 0.1% of the largest): their ranks rest on differences far smaller than the model's uncertainty; read the plan as a set of people, not an order.";
  return undefined;
}

/**
 * The least share by which a plan must avert more than the highest-risk list of the same size to
 * be told apart from it (1%). Both totals come from the one fitted model. Under the true process
 * of synthetic cities, where the model has the truth's form, the plan averted about 2.4% more than
 * the list on average; on worlds the model did not make, single seeds did worse than the list
 * (docs/guide/outreach.md). A gain of under 1% under the model is not one to rely on.
 */
const PLAN_GAIN_MIN = 0.01;

/**
 * The plan's warning when it is no better than simply taking the people with the highest own
 * risk (`planOutreach`'s `highestRisk`, the same number of people); `undefined` when it averts at
 * least {@link PLAN_GAIN_MIN} (1%) more, or when the highest-risk list averts nothing.
 * - The same people (in any order): counting knock-on harm changed no one on the list.
 * - Otherwise less than 1% more (or less): the difference is too small to rely on.
 * @internal
 */
export function noBetterThanRiskWarning(
  plan: { averted: number; people: readonly number[] },
  risk: { averted: number; people: readonly number[] },
): string | undefined {
  const m = plan.people.length;
  if (m === 0 || !(risk.averted > 0)) return undefined;
  const them = m === 1 ? 'the person' : `the ${m} people`;
  const inRisk = new Set(risk.people);
  if (plan.people.length === risk.people.length && plan.people.every((k) => inRisk.has(k)))
    return `The plan chose the same people as the highest-risk list (${them} with the highest own risk${m === 1 ? '' : ', perhaps in another order'}): counting knock-on harm changed no one on it, so simply taking the highest-risk list does as well.`;
  const gain = plan.averted / risk.averted - 1;
  if (gain >= PLAN_GAIN_MIN) return undefined;
  const figures = `${fixed(plan.averted, 0, 3)} against ${fixed(risk.averted, 0, 3)} events`;
  return `The plan would avert ${gain > 0 ? 'less than 1% more than' : gain < 0 ? 'less than' : 'as much as'} ${them} with the highest own risk (${figures}), a difference too small to rely on: it is no better than simply taking the highest-risk list.`;
}

/**
 * Chooses whom to reach, under a capacity, to avert the most serious-violence events in the
 * horizon — counting the knock-on events their harm would trigger through the network, not only
 * their own risk. Greedy on the model's exact expected counts: everyone's events averted is the
 * derivative of the expected total with respect to their rate (forward and adjoint passes of the
 * model's expected-intensity system, later generations included), recomputed after every
 * `batch` choices, so what the people already chosen avert is not counted twice. Nobody
 * recorded as killed (the only victim of a homicide) before `asOf` is chosen.
 *
 * The plan supports outreach and support; it is not a list for enforcement. Its figures rest on
 * the fitted model and on the assumed `effect`: read them as "about", and see `sensitivity`.
 *
 * @example
 * const model = fitNetworkHawkes(data, { asOf: '2024-01-01' });
 * const plan = planOutreach(data, { asOf: '2024-01-01', model, capacity: 30 });
 * plan.list.objects()[0].reasons; // ['harm to them it would prevent: 0.031', 'harm it would stop spreading: 0.012']
 * plan.expected.averted;          // events averted in 90 days under the model
 */
export function planOutreach(data: Dataset, options: PlanOutreachOptions): OutreachPlan {
  const fn = 'planOutreach';
  checkOptions(fn, options, PLAN_OUTREACH_RULES);
  // A misspelt key ({ record: 3 }) was read as the default of 2 records, unsaid.
  if (typeof options?.minEvidence === 'object')
    checkOptions(fn, options.minEvidence, MIN_EVIDENCE_RULES, 'minEvidence');
  if (!options || options.asOf === undefined) throw new InputError(fn, `${fn} needs an asOf date`);
  const model = options.model;
  if (!model || typeof model !== 'object' || model.name !== 'network-hawkes' || !model.state)
    throw new InputError(
      fn,
      `${fn} needs options.model, a fitted network Hawkes model (fitNetworkHawkes): knock-on harm needs a contagion model`,
    );
  refuseKernel(fn, model.state);
  for (const refit of options.refits ?? []) if (refit?.state) refuseKernel(fn, refit.state);
  if (options.capacity === undefined)
    throw new InputError(fn, `${fn} needs a capacity: how many people the team can reach`);
  const asOf = dateOption(fn, 'asOf', () => resolveAsOf(options.asOf));
  assertModelBefore(fn, model, asOf);
  assertModelForecasts(fn, model, '');
  const effect = options.effect ?? DEFAULTS.effect;
  const horizonDays = options.horizonDays ?? DEFAULTS.horizonDays;
  const capacity = options.capacity;
  const cap = options.cap ?? DEFAULTS.cap;
  if (capacity > cap)
    throw new OptionError(
      fn,
      'capacity',
      `${fn}: option 'capacity' (${capacity}) is above ${capText(options.cap, cap)}, which keeps a whole population from being listed in one export by accident; raise 'cap' explicitly if a longer plan is really needed`,
    );
  const minRecords =
    typeof options.minEvidence === 'number'
      ? options.minEvidence
      : (options.minEvidence?.records ?? (DEFAULTS.minEvidence.records as number));
  const retentionYears = options.retentionYears ?? DEFAULTS.retentionYears;
  const batch = options.batch ?? Math.max(1, Math.ceil(capacity / 20));
  // The model's caveats (its data profile's included) travel with the plan.
  const warnings: string[] = [...model.warnings];

  // Who may be listed: records inside the retention window and enough evidence (as rankForOutreach).
  const index = indexDataset(data);
  const window = resolveWindow(index, { asOf, retentionYears });
  // Every record past retention (an asOf years after the model's): an empty plan, said nowhere.
  refuseOutsideRecords(fn, index, window);
  const facts = personRecords(index, window, true);
  const s = model.state;
  const modelIndex = s.data.index;
  // Nobody killed before asOf is planned for (the only victim of a homicide on record).
  const killed = killedBefore(index, window.lo, window.hi);
  const population: string[] = [];
  for (let p = 0; p < index.personIds.length; p++)
    if (facts.records[p] > 0 && killed[p] !== 1) population.push(index.personIds[p]);
  const risks = riskOfPopulation(model, population, { from: asOf, horizonDays });
  assertPlausibleRisks(
    fn,
    model,
    horizonDays,
    risks.map((r) => r.expected),
    '',
  );
  const reached = new Set<string>();
  // Ids as given in the records, or as a keyed plan listed them (its pseudonyms), so that last
  // round's list can be passed back; an id matching nobody is named, never silently ignored.
  const given = options.alreadyReached ?? [];
  const display = pseudonymiser(options.pseudonymise, 'planOutreach');
  let byPseudonym: Map<string, string> | undefined;
  const unknown: string[] = [];
  for (const id of given) {
    if (index.personIndex.has(id)) reached.add(id);
    else if (options.pseudonymise) {
      byPseudonym ??= new Map(index.personIds.map((x) => [display(x), x]));
      const raw = byPseudonym.get(id);
      if (raw === undefined) unknown.push(id);
      else reached.add(raw);
    } else unknown.push(id);
  }
  if (unknown.length) {
    // A plan whose ids are pseudonyms names only pseudonyms: an id typed as a name or an email
    // (a typo, or someone with no records) would otherwise reach its file and the CLI's stderr.
    const keyed = options.pseudonymise !== undefined || data.pseudonymised === true;
    const shown = keyed ? unknown.filter((x) => /^P-[0-9a-f]{12}$/.test(x)) : unknown;
    const hidden = unknown.length - shown.length;
    const named = shown
      .slice(0, 5)
      .map((x) => `'${x}'`)
      .join(', ');
    warnings.push(
      `${unknown.length} of the ${count(given.length, 'alreadyReached id')} ${unknown.length === 1 ? 'matches nobody in the records and was' : 'match nobody in the records and were'} not counted: ${named}${shown.length > 5 ? ', …' : ''}${hidden ? `${shown.length ? '; and ' : ''}${hidden === 1 ? '1 id' : `${hidden} ids`} not shown, as the plan's ids are pseudonyms and ${hidden === 1 ? 'it is' : 'they are'} not` : ''}. Ids are matched exactly.`,
    );
  }
  const candidates: Candidate[] = [];
  let unknownToModel = 0;
  for (const r of risks) {
    const p = index.personIndex.get(r.person_id)!;
    const k = modelIndex.personIndex.get(r.person_id);
    if (k === undefined) unknownToModel++;
    if (k === undefined || reached.has(r.person_id)) continue;
    const parts = r.contributions.filter((c) => c.day === undefined || c.day >= window.since);
    if (evidenceCount(index, p, facts.records, parts, minRecords) < minRecords) continue;
    let lastEvidence = facts.lastDay[p];
    for (const c of parts) if (c.day !== undefined && c.day > lastEvidence) lastEvidence = c.day;
    candidates.push({
      k,
      id: r.person_id,
      group: index.group[p],
      area: facts.area ? facts.area[p] : null,
      parts,
      lastEvidence,
    });
  }

  // A model that knows nobody here was fitted on other records (or other pseudonyms).
  if (population.length > 0 && unknownToModel === population.length)
    throw new InputError(
      fn,
      `${fn}: the model knows none of the ${count(population.length, 'person', 'people')} here (its: '${modelIndex.personIds[0]}', …; here: '${population[0]}', …): fitted on other records, or other pseudonyms?`,
    );
  if (unknownToModel)
    warnings.push(
      `${unknownToModel} of the ${population.length} people here ${unknownToModel === 1 ? 'is' : 'are'} unknown to the model (recorded since its fit?): no score, so not planned for.`,
    );
  // Events past the retention horizon excite nobody here, as their parts are left out of the risk.
  const sys = horizonSystem(s, asOf, horizonDays, 1, window.since);
  const base = new Float64Array(sys.n).fill(1);
  for (const id of reached) {
    const k = modelIndex.personIndex.get(id);
    if (k !== undefined) base[k] = 1 - effect;
  }
  const chosen = greedy(sys, base, candidates, capacity, effect, batch, options);
  if (chosen.picks.length < capacity) {
    // Say which of the reasons held: it read 'the rest did not meet the minimum-evidence rule or
    // the caps' when 383 had met it and had no risk in the horizon (custody over all of it).
    const why = [
      candidates.length < capacity
        ? `only ${count(candidates.length, 'person', 'people')}${reached.size ? ' not already reached' : ''} met the minimum-evidence rule (at least ${count(minRecords, 'record')})`
        : '',
      chosen.noGain
        ? `the others who met the minimum-evidence rule (at least ${count(minRecords, 'record')}) have nothing to avert under the model in the horizon (no risk there: out of the risk set, such as exits for custody, or no forecast)`
        : '',
      chosen.capped ? 'the caps (maxPerGroup, maxPerArea) left out others' : '',
    ].filter(Boolean);
    warnings.push(
      `Only ${count(chosen.picks.length, 'person', 'people')} could be chosen for a capacity of ${capacity}: ${why.length ? why.join('; ') : 'the rest did not meet the minimum-evidence rule or the caps'}.`,
    );
  }

  // Exact totals, the highest-risk comparison and the sensitivity table.
  const planSet = chosen.picks.map((p) => p.candidate.k);
  const ownRisk = chosen.first.events;
  const riskClass = tieClasses(candidates.map((c) => ownRisk[c.k]));
  const byRisk = Array.from(candidates.keys())
    .sort((i, j) => {
      const a = candidates[i];
      const b = candidates[j];
      return (
        riskClass[i] - riskClass[j] ||
        b.lastEvidence - a.lastEvidence ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
      );
    })
    .map((i) => candidates[i]);
  const riskSet = byRisk.slice(0, chosen.picks.length).map((c) => c.k);
  const totalWith = (set: readonly number[], e: number) => {
    const c = new Float64Array(base);
    if (e !== effect)
      for (const id of reached) {
        const k = modelIndex.personIndex.get(id);
        if (k !== undefined) c[k] = 1 - e;
      }
    for (const k of set) c[k] = 1 - e;
    return sum(horizonEvents(sys, c));
  };
  const without = chosen.first.total;
  const withPlan = totalWith(planSet, effect);
  const withRisk = totalWith(riskSet, effect);
  const sens = options.sensitivity ?? DEFAULTS.sensitivity;
  const sensRows = sens.map((e) => {
    // Without anyone already reached, the effect does not change the total without a plan.
    const w0 = e === effect || reached.size === 0 ? without : totalWith([], e);
    return {
      effect: e,
      averted_plan: w0 - (e === effect ? withPlan : totalWith(planSet, e)),
      averted_highest_risk: w0 - (e === effect ? withRisk : totalWith(riskSet, e)),
    };
  });

  if (!(s.alpha > 0) && !(s.alphaSelf > 0) && !(s.alphaVo > 0))
    warnings.push(
      'The model found no contagion, so no knock-on harm is counted: the plan is the highest-risk list.',
    );
  if (model.identified === false)
    warnings.push(
      'The contagion model is not identified on these records (see the model warnings): knock-on figures are not reliable.',
    );
  const same = sameAvertedWarning(chosen.picks.map((p) => p.averted));
  if (same) warnings.push(same);
  // No better than the highest-risk list (a model without contagion has said so above).
  const noBetter =
    s.alpha > 0 || s.alphaSelf > 0 || s.alphaVo > 0
      ? noBetterThanRiskWarning(
          { averted: without - withPlan, people: planSet },
          { averted: without - withRisk, people: riskSet },
        )
      : undefined;
  if (noBetter) warnings.push(noBetter);

  // Rank stability over refits.
  let stability: { share: Float64Array; lo: Float64Array; hi: Float64Array } | null = null;
  const refits = options.refits ?? [];
  if (refits.length > 0) {
    const m = chosen.picks.length;
    const inPlan = new Float64Array(m);
    const values: number[][] = chosen.picks.map(() => []);
    for (const refit of refits) {
      const rs = refit.state;
      const rsys = horizonSystem(rs, asOf, horizonDays, 1, window.since);
      const rIndex = rs.data.index;
      const rCandidates: Candidate[] = [];
      for (const c of candidates) {
        const k = rIndex.personIndex.get(c.id);
        if (k !== undefined) rCandidates.push({ ...c, k });
      }
      const rBase = new Float64Array(rsys.n).fill(1);
      for (const id of reached) {
        const k = rIndex.personIndex.get(id);
        if (k !== undefined) rBase[k] = 1 - effect;
      }
      const rPlan = greedy(rsys, rBase, rCandidates, capacity, effect, batch, options);
      const ids = new Set(rPlan.picks.map((p) => p.candidate.id));
      const g = rPlan.first;
      chosen.picks.forEach((p, i) => {
        if (ids.has(p.candidate.id)) inPlan[i]++;
        const k = rIndex.personIndex.get(p.candidate.id);
        values[i].push(k === undefined ? 0 : effect * (g.own[k] + g.onward[k]));
      });
    }
    stability = {
      share: inPlan.map((v) => v / refits.length),
      lo: Float64Array.from(values, (v) => quantile(v, 0.05) ?? 0),
      hi: Float64Array.from(values, (v) => quantile(v, 0.95) ?? 0),
    };
  }

  // The list.
  const incidentById = incidentsById(
    index,
    chosen.picks.flatMap((p) => p.candidate.parts),
    window.hi,
  );
  const m = chosen.picks.length;
  const cols: Record<string, unknown[] | Float64Array | Int32Array> = {
    rank: new Int32Array(m),
    person_id: new Array<string>(m),
    averted: new Float64Array(m),
    averted_own: new Float64Array(m),
    averted_onward: new Float64Array(m),
    own_risk: new Float64Array(m),
    onward_if_harmed: new Float64Array(m),
    group: new Array<string | null>(m),
    area: new Array<string | null>(m),
    reasons: new Array<string[]>(m),
    reasons_text: new Array<string>(m),
    risk_reasons: new Array<string[]>(m),
    explanation: new Array<string>(m),
    last_evidence: new Array<string | null>(m),
  };
  if (stability) {
    cols.in_plan_share = stability.share;
    cols.averted_lo = stability.lo;
    cols.averted_hi = stability.hi;
  }
  // Picks averting the same (within TIE_TOLERANCE of the largest) in a row share a rank (1, 1, 3).
  const avertedClass = tieClasses(chosen.picks.map((p) => p.averted));
  (cols.rank as Int32Array).set(
    competitionRanks(m, (i) => avertedClass[i] === avertedClass[i - 1]),
  );
  const groupNames = index.groupNames;
  for (let i = 0; i < m; i++) {
    const p = chosen.picks[i];
    const c = p.candidate;
    const onwardPerEvent = p.own > 0 ? p.onward / p.own : 0;
    (cols.person_id as string[])[i] = display(c.id);
    (cols.averted as Float64Array)[i] = p.averted;
    (cols.averted_own as Float64Array)[i] = effect * p.own;
    (cols.averted_onward as Float64Array)[i] = effect * p.onward;
    (cols.own_risk as Float64Array)[i] = ownRisk[c.k];
    (cols.onward_if_harmed as Float64Array)[i] = onwardPerEvent;
    (cols.group as (string | null)[])[i] = c.group >= 0 ? groupNames[c.group] : null;
    (cols.area as (string | null)[])[i] = c.area;
    const reasons = [
      `harm to them it would prevent: ${formatValue(effect * p.own)}`,
      `harm it would stop spreading: ${formatValue(effect * p.onward)}`,
    ];
    (cols.reasons as string[][])[i] = reasons;
    (cols.reasons_text as string[])[i] = reasons.join('; ');
    // Four lines of parts and one summing the rest; five parts fit in the five lines themselves.
    const shown = c.parts.length === 5 ? 5 : 4;
    const described: DescribedContribution[] = c.parts.slice(0, shown).map((part) => {
      const incident =
        part.incidentId !== undefined ? incidentById.get(part.incidentId) : undefined;
      const day = part.day ?? incident?.day;
      return {
        kind: part.kind,
        value: part.value,
        via: part.via !== undefined ? display(part.via) : undefined,
        incident,
        days: day !== undefined ? daysBefore(asOf, day) : undefined,
      };
    });
    // The largest four parts; the rest summed in one line, so that the lines add up to the risk.
    const riskReasons = described.map(reasonText);
    if (c.parts.length > shown) {
      let rest = 0;
      for (let j = shown; j < c.parts.length; j++) rest += c.parts[j].value;
      riskReasons.push(`${c.parts.length - shown} smaller parts: ${formatValue(rest)}`);
    }
    (cols.risk_reasons as string[][])[i] = riskReasons;
    (cols.explanation as string[])[i] = planSentence(
      effect,
      p.own,
      p.onward,
      onwardPerEvent,
      horizonDays,
    );
    (cols.last_evidence as (string | null)[])[i] = Number.isFinite(c.lastEvidence)
      ? dayToIso(c.lastEvidence)
      : null;
  }

  const from = Number.isFinite(window.since) ? dayToIso(Math.ceil(window.since)) : null;
  const averted = without - withPlan;
  const pastRetention = pastRetentionWarning(index, window, retentionYears);
  if (pastRetention) warnings.push(pastRetention.warning);
  const beyond = horizonBeyondRecords(index, window, horizonDays);
  if (beyond) warnings.push(beyond);
  // Harm the plan cannot see: records older than two months, or records newer than the fit.
  for (const w of [staleRecords(index, window, asOf), unseenByModel(index, model, asOf)])
    if (w) warnings.push(w);
  const summary = [
    PURPOSE_LABEL,
    `A plan to reach ${count(m, 'person', 'people')} in the ${count(horizonDays, 'day')} from ${dayToIso(asOf)}, chosen from ${count(candidates.length, 'person', 'people')} who met the minimum-evidence rule (at least ${count(minRecords, 'record')}).`,
    `Assumed outreach effect: reaching a person lowers their rate of serious harm by ${Math.round(effect * 100)}% (see the sensitivity table).`,
    `Under the model, about ${without.toFixed(1)} serious-violence events are expected in the horizon; the plan would avert about ${fixed(averted, 2)}, against ${fixed(without - withRisk, 2)} for ${m === 1 ? 'the person' : `the ${m} people`} with the highest own risk.`,
  ].join('\n');
  const meta: ListMetadata = {
    purpose: PURPOSE_LABEL,
    kind: 'outreach-plan',
    model: model.name,
    parameters: {
      asOf: dayToIso(asOf),
      horizonDays,
      capacity,
      effect,
      alreadyReached: reached.size,
      maxPerGroup: options.maxPerGroup ?? null,
      maxPerArea: options.maxPerArea ?? null,
      minEvidence: { records: minRecords },
      retentionYears,
      refits: refits.length,
      pseudonymised: options.pseudonymise !== undefined,
    },
    dataWindow: { from, to: dayToIso(asOf), incidents: window.hi - window.lo },
    excludedByRetention: window.droppedByRetention,
    summary,
    warnings,
  };
  // The sensitivity table carries the label too (every output does), with `table` naming it.
  const sensMeta = { ...meta, parameters: { ...meta.parameters, table: 'sensitivity' } };
  return {
    list: withListMetadata(aq.table(cols), meta, data),
    expected: { without, withPlan, averted },
    highestRisk: {
      averted: without - withRisk,
      people: riskSet.map((k) => display(modelIndex.personIds[k])),
    },
    sensitivity: withListMetadata(
      aq.table({
        effect: sensRows.map((r) => r.effect),
        averted_plan: sensRows.map((r) => r.averted_plan),
        averted_highest_risk: sensRows.map((r) => r.averted_highest_risk),
      }),
      sensMeta,
      data,
    ),
    warnings,
  };
}

planOutreach.defaults = Object.freeze({ ...DEFAULTS });

interface Pick {
  candidate: Candidate;
  /** Per unit multiplier, at the time of the pick. */
  own: number;
  onward: number;
  averted: number;
}

function greedy(
  sys: HorizonSystem,
  base: Float64Array,
  candidates: readonly Candidate[],
  capacity: number,
  effect: number,
  batch: number,
  options: PlanOutreachOptions,
): { picks: Pick[]; first: HorizonGradient; noGain: boolean; capped: boolean } {
  const c = new Float64Array(base);
  // Why the plan stopped short of the capacity: nobody left with anything to avert, or a cap.
  let noGain = false;
  let capped = false;
  const picks: Pick[] = [];
  const taken = new Uint8Array(candidates.length);
  const perGroup = new Map<number, number>();
  const perArea = new Map<string, number>();
  const maxGroup = options.maxPerGroup ?? Number.POSITIVE_INFINITY;
  const maxArea = options.maxPerArea ?? Number.POSITIVE_INFINITY;
  let first: HorizonGradient | null = null;
  while (picks.length < capacity) {
    const g = horizonGradient(sys, c);
    if (!first) first = g;
    const order: number[] = [];
    for (let i = 0; i < candidates.length; i++) if (!taken[i]) order.push(i);
    const values = new Float64Array(candidates.length);
    for (const i of order) values[i] = g.own[candidates[i].k] + g.onward[candidates[i].k];
    const value = (i: number) => values[i];
    // Values within TIE_TOLERANCE of each other are tied (noise is no order): read as tie classes.
    const cls = new Int32Array(candidates.length);
    const orderClass = tieClasses(order.map(value));
    for (let x = 0; x < order.length; x++) cls[order[x]] = orderClass[x];
    order.sort(
      (a, b) =>
        cls[a] - cls[b] ||
        candidates[b].lastEvidence - candidates[a].lastEvidence ||
        (candidates[a].id < candidates[b].id ? -1 : candidates[a].id > candidates[b].id ? 1 : 0),
    );
    let added = 0;
    for (const i of order) {
      if (added >= batch || picks.length >= capacity) break;
      const cand = candidates[i];
      if (
        (cand.group >= 0 && (perGroup.get(cand.group) ?? 0) >= maxGroup) ||
        (cand.area !== null && (perArea.get(cand.area) ?? 0) >= maxArea)
      ) {
        if (value(i) > 0) capped = true;
        continue;
      }
      if (!(value(i) > 0)) {
        noGain = true;
        break;
      }
      taken[i] = 1;
      const own = g.own[cand.k];
      const onward = g.onward[cand.k];
      // The sum of the two parts as the list shows them, so its reasons add up to it exactly.
      picks.push({ candidate: cand, own, onward, averted: effect * own + effect * onward });
      if (cand.group >= 0) perGroup.set(cand.group, (perGroup.get(cand.group) ?? 0) + 1);
      if (cand.area !== null) perArea.set(cand.area, (perArea.get(cand.area) ?? 0) + 1);
      c[cand.k] = (1 - effect) * base[cand.k];
      added++;
    }
    if (added === 0) break;
  }
  return { picks, first: first ?? horizonGradient(sys, c), noGain, capped };
}

function planSentence(
  effect: number,
  own: number,
  onward: number,
  perEvent: number,
  horizonDays: number,
): string {
  const total = effect * (own + onward);
  const spread =
    perEvent >= 0.05
      ? `if they were harmed, about ${perEvent.toFixed(1)} further serious incidents would be expected among people close to them within ${count(horizonDays, 'day')}`
      : 'harm to them would be unlikely to spread further within the horizon';
  return `Reaching them could prevent about ${formatValue(total)} serious incidents in ${count(horizonDays, 'day')} (${formatValue(effect * own)} to them, ${formatValue(effect * onward)} among people close to them); ${spread}. An offer of support, not enforcement.`;
}

function sum(a: Float64Array): number {
  let t = 0;
  for (let i = 0; i < a.length; i++) t += a[i];
  return t;
}
