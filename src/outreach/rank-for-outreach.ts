import type { ColumnTable } from 'arquero';
import * as aq from 'arquero';
import { quickselect } from 'd3-array';
import { atRiskShare } from '../contagion/hawkes/background.js';
import { fittedRiskState, riskColumns, riskSetOuts } from '../contagion/hawkes/model.js';
import { type DatasetIndex, indexDataset, isExactIndex } from '../core/dataset-index.js';
import {
  DataRefusedError,
  InputError,
  OptionError,
  ProtectedAttributeError,
} from '../core/errors.js';
import { checkDataset } from '../core/guards.js';
import { checkOptions, type OptionRules, rule } from '../core/options.js';
import { count } from '../core/plural.js';
import {
  profileBefore,
  profileData,
  refuseIfMeaningless,
  tiedScoresWarning,
} from '../core/profile.js';
import { isProtectedAttribute } from '../core/protected.js';
import {
  assertModelBefore,
  assertModelForecasts,
  type ContributionKind,
  modelCaveats,
  type RiskContribution,
  type RiskModel,
  riskOfPopulation,
} from '../core/risk.js';
import { competitionRanks, tieClasses, tieGap } from '../core/ties.js';
import { type DateLike, dayToIso, resolveAsOf } from '../core/time.js';
import type { Dataset, Incident } from '../core/types.js';
import {
  DEFAULT_RETENTION_YEARS,
  dateOption,
  horizonBeyondRecords,
  horizonRule,
  pastRetentionWarning,
  refuseOutsideRecords,
  resolveWindow,
  windowRules,
} from '../core/window.js';
import { windowText } from '../core/window-text.js';
import {
  type DescribedContribution,
  daysBefore,
  explanationSentence,
  harmOnRecord,
  incidentFor,
  type OwnHarmCounting,
  reasonText,
  unusedHarmReasons,
} from './describe.js';
import {
  type ExposureRiskWeights,
  exposureRiskModel,
  resolveExposureWeights,
} from './exposure-risk-model.js';
import { assertPlausibleRisks, negligibleRiskWarning } from './plausible-risk.js';
import { type PseudonymiseOption, pseudonymiser } from './pseudonymise.js';
import { PURPOSE_LABEL, withListMetadata } from './purpose.js';
import {
  incidentsById,
  killedBefore,
  personRecords,
  staleRecords,
  unseenByModel,
} from './records.js';

/** Minimum-evidence rules: who may be ranked at all. */
export interface MinEvidenceOptions {
  /**
   * Distinct records (the person's own incidents, plus the incidents behind their score's
   * parts) inside the retention horizon needed to be ranked. Default 2: nobody is ranked on a
   * single record. Records older than the retention horizon never count.
   */
  records?: number;
}

/** Options of {@link rankForOutreach}. Defaults: `rankForOutreach.defaults`. */
export interface RankForOutreachOptions {
  /** The list's date (ISO text, a `Date` or days since 1970-01-01): only records dated before it are used. Required. */
  asOf: DateLike;
  /** Horizon of the scores in days: expected events in [asOf, asOf + horizonDays). Default 90; at most 3650 (ten years); longer than the records read, a warning. */
  horizonDays?: number;
  /**
   * The risk model (e.g. a fitted network Hawkes model). Default: {@link exposureRiskModel}
   * on the same data, as of `asOf`, with `weights`. A model of one's own must give each person
   * asked a finite expected value ≥ 0 whose parts (finite numbers) sum to it, else `InputError`.
   */
  model?: RiskModel;
  /** Length of the list, in people (a whole number ≥ 0). Default 100. */
  limit?: number;
  /**
   * Cap on the length of any list: a `limit` above it is refused (an `OptionError`), so a whole
   * population is never scored into one export by accident. In people; raise it explicitly when
   * needed. Default 1000.
   */
  cap?: number;
  /** Weights of the default exposure score (see `ExposureRiskWeights`); protected names are refused. Default `EXPOSURE_RISK_WEIGHTS` (a weight not given takes its value there). */
  weights?: Partial<ExposureRiskWeights>;
  /** Pseudonymise person ids (in `person_id` and in every reason) with a secret key. Default: none (ids as in the records). */
  pseudonymise?: PseudonymiseOption;
  /** Minimum-evidence rules (a number is `records`). Default `{ records: 2 }`. */
  minEvidence?: number | MinEvidenceOptions;
  /** Retention horizon in years: older records are excluded and counted. Default 6. */
  retentionYears?: number;
}

/** The cap a list's length is refused above: the default's, or the one given (`cap`). @internal */
export const capText = (given: number | undefined, cap: number): string =>
  given === undefined ? `the cap of ${cap} people` : `option 'cap' (${cap})`;

/** What a refusal of the model's forecasts advises instead. */
const RANK_INSTEAD = 'Rank with the exposure score (leave out the model), or ';

/** Severity from which harm on record counts as serious in reasons (shooting, stabbing, serious injury, homicide). */
const SERIOUS_SEVERITY = 3;

const DEFAULTS = {
  horizonDays: 90,
  limit: 100,
  cap: 1000,
  minEvidence: { records: 2 } as MinEvidenceOptions,
  retentionYears: DEFAULT_RETENTION_YEARS,
};

const RULES: OptionRules<RankForOutreachOptions> = {
  asOf: rule.date,
  horizonDays: horizonRule(),
  model: (v) =>
    typeof v === 'object' && v !== null && typeof (v as RiskModel).risk === 'function'
      ? undefined
      : 'a risk model (an object with a risk function, e.g. from fitNetworkHawkes)',
  limit: rule.number({ min: 0, integer: true }),
  cap: rule.number({ min: 0, integer: true }),
  // Weight names are checked by resolveExposureWeights (protected names refused first).
  weights: rule.record(),
  pseudonymise: rule.record(),
  minEvidence: rule.or(rule.number({ min: 1, integer: true }), rule.record()),
  retentionYears: windowRules.retentionYears,
};

/**
 * One part of a listed person's score, as written into the list's `contributions` column: the
 * model's {@link RiskContribution} (what `model.risk` gives) in the list's terms. The same kind
 * and value; `via` and `through` pseudonymised when asked; `incidentId` → `incident_id`; `day`
 * (days since 1970-01-01) → `date` (ISO) and `days_ago`; a field the part lacks is null, not
 * absent, so every export has every field.
 */
export interface ListedContribution {
  /**
   * What the part comes from. The library's models give only the {@link ContributionKind}s:
   * `'background'` (the usual rate for people with records like theirs), `'exposure'` (a harmed
   * associate), `'exposure-indirect'` (a harmed associate's associate), `'own-victimisation'`
   * (their own recent harm), `'victim-offender'` (harm across a victim–offender tie) and
   * `'knock-on'` (later generations). A model of one's own may name others, so the type also
   * admits any text (editors still offer the library's kinds).
   */
  kind: ContributionKind | (string & {});
  /** Associate (pseudonymised when asked), when there is one. */
  via: string | null;
  /** Intermediary of an indirect exposure, when there is one. */
  through: string | null;
  /** The incident behind the part, when there is one. */
  incident_id: string | null;
  /**
   * Date (ISO) of the incident, when there is one: the part's `day`, else the incident's date on
   * record (the day `days_ago` counts from).
   */
  date: string | null;
  /** Days from that incident to the list's `asOf`, when there is one. */
  days_ago: number | null;
  /** Size of the part: expected events in the horizon (the parts of a row sum to its `score`). */
  value: number;
}

/**
 * One row of the {@link rankForOutreach} table, as `list.objects() as RankedListRow[]` reads it
 * (arquero's `objects()` is typed `object[]`; the columns are these, in this order).
 *
 * @example
 * const rows = rankForOutreach(data, { asOf: '2024-01-01' }).objects() as RankedListRow[];
 * rows[0].reasons_text; // 'co-offended with P-3f2a (shot 12 days ago): 0.041; …'
 */
export interface RankedListRow {
  /**
   * Place in the list, 1 for the highest score. Tied scores share the rank of the first of them
   * (1, 1, 3): the tie-break rule, not the score, orders their rows.
   */
  rank: number;
  /** The person (pseudonymised when a key is given). */
  person_id: string;
  /** Expected serious-violence victimisations in the horizon: the sum of `contributions`. */
  score: number;
  /** The model's expected events in the horizon; equal to `score` unless parts older than retention were removed. */
  expected_events: number;
  /** One plain text per contribution, e.g. "co-offended with P-3f2a (shot 12 days ago): 0.041". */
  reasons: string[];
  /** `reasons` joined by "; " (one cell of a CSV). */
  reasons_text: string;
  /** The parts of `score`, largest first, as objects. */
  contributions: ListedContribution[];
  /** One sentence from the largest contributions, for a caseworker. */
  explanation: string;
  /** ISO date of the most recent record behind the listing; null when none is dated. */
  last_evidence: string | null;
}

/**
 * The ranked list of people to offer support to: everyone with a record in the retention window
 * is scored by the model over the horizon; those meeting the minimum-evidence rules are ordered
 * by score (tied scores: most recent evidence first, then person id) and the first `limit` are listed.
 * Nobody recorded as killed (the only victim of a homicide) before `asOf` is listed; the summary
 * counts them. With a fitted `model` (or an `updateNetworkHawkes` result) that holds people out
 * of its risk set over the whole horizon (its `exits`: custody, moved away; the killed), the
 * summary says how many of those not listed had no score for that reason (a count, no id); a
 * model of one's own cannot say so, and its people with no score are counted as such. One of several victims of a homicide incident may be listed, with a warning (who
 * died is not recorded).
 * A list made more than 60 days after the latest record before `asOf` warns how old it is, and
 * one whose cut (`limit`) falls inside a tie of equal scores warns that the tie-break rule, not
 * the score, chose who of them is listed (with the `limit` that lists them all). A fitted
 * model's list whose highest forecast (`expected_events`) is below 1 in 10,000 a year warns that
 * the model forecasts no current risk, so its order is no ranking ('nobody stands out'). A `model`
 * fitted before records dated before `asOf` (its `lastRecordDay`) is warned of: its scores count
 * none of them. A fitted model that is explosive (branching ratio ≥ 1) and not identified, or an
 * `updateNetworkHawkes` update of one, is refused (`DataRefusedError` code `not-identified`): its
 * forecasts grow without bound.
 *
 * Columns: `rank` (1 for the highest score; tied scores — equal, or within `TIE_TOLERANCE`, 1e-9,
 * of the list's largest score, so noise in the last digits is no order — share the rank of the
 * first of them: 1, 1, 3; the tie-break rule orders their rows, not who is more at risk),
 * `person_id` (pseudonymised when a key is given), `score` (= Σ of the listed
 * contributions), `expected_events` (the model's expected events in the horizon; equal to `score`
 * unless parts older than retention were removed), `reasons` (one text per contribution, e.g.
 * "co-offended with P-3f2a (shot 12 days ago): 0.041"), `reasons_text` (joined by "; "),
 * `contributions` (the same as objects: {@link ListedContribution}), `explanation` (one sentence
 * from the largest contributions), `last_evidence` (date of the most recent record behind the
 * listing): one {@link RankedListRow} per person. The table carries the purpose label,
 * parameters and data window (`listMetadata(list)`).
 *
 * @example
 * const list = rankForOutreach(data, { asOf: '2024-01-01', limit: 50, pseudonymise: { key } });
 * (list.objects() as RankedListRow[])[0].reasons; // ['co-offended with P-3f2a (shot 12 days ago): 0.041', 'their own record (expected events at the usual rate for people with records like theirs): 0.004']
 */
export function rankForOutreach(data: Dataset, options: RankForOutreachOptions): ColumnTable {
  const fn = 'rankForOutreach';
  checkDataset(fn, data);
  checkOptions(fn, options, RULES);
  if (!options || options.asOf === undefined)
    throw new OptionError(
      fn,
      'asOf',
      `${fn}: option 'asOf' is required: the date the list is made as of (records dated before it are used), e.g. rankForOutreach(data, { asOf: '2024-01-01' })`,
    );
  const asOf = dateOption(fn, 'asOf', () => resolveAsOf(options.asOf));
  const horizonDays = options.horizonDays ?? DEFAULTS.horizonDays;
  const limit = options.limit ?? DEFAULTS.limit;
  const cap = options.cap ?? DEFAULTS.cap;
  const minRecords =
    typeof options.minEvidence === 'number'
      ? options.minEvidence
      : (checkOptions(
          fn,
          options.minEvidence,
          { records: rule.number({ min: 1, integer: true }) },
          'minEvidence',
        ).records ?? DEFAULTS.minEvidence.records!);
  const retentionYears = options.retentionYears ?? DEFAULTS.retentionYears;
  if (limit > cap) {
    throw new OptionError(
      fn,
      'limit',
      `${fn}: option 'limit' (${limit}) is above ${capText(options.cap, cap)}, which keeps a whole population from being listed in one export by accident; raise 'cap' explicitly if a longer list is really needed`,
    );
  }
  // Weight names checked here, so a misspelt one is named as rankForOutreach's (protected first).
  const weights = resolveExposureWeights(options.weights, data.auditColumns, fn);
  if (options.weights && options.model) {
    throw new OptionError(
      fn,
      'weights',
      `${fn}: option 'weights' applies to the default exposure score only, not to a given 'model': leave out 'weights', or 'model' to rank by the exposure score with these weights`,
    );
  }
  if (options.model) assertModelBefore('rankForOutreach', options.model, asOf);
  if (options.model) assertModelForecasts('rankForOutreach', options.model, RANK_INSTEAD);
  // The key is checked before the data are: a bad key is the caller's error whatever the data.
  const display = pseudonymiser(options.pseudonymise, 'rankForOutreach');
  const index = indexDataset(data);
  const window = resolveWindow(index, { asOf, retentionYears });
  // The profile of the records a list as of asOf may use: none later (they change nothing), and
  // none past retention (the list drops them; the profile counted them, so its counts and
  // warnings were not of the records the list rests on).
  const profile = profileBefore(data, asOf, undefined, window.since);
  // A window outside the records, in the words every windowed analysis uses: an asOf years after
  // the last record read "no incident of severity 3 or more between …" (code no-events).
  refuseOutsideRecords(fn, index, window);
  const dropped = window.lo > 0;
  if (dropped) refuseWithoutSeriousEvents(index, window, asOf, retentionYears);
  refuseIfMeaningless(profile, 'rank', fn, {
    asOf: dayToIso(asOf),
    later: window.hi < index.day.length,
    firstDate: profile.incidents === 0 ? profileData(data).firstDate : null,
    ...(dropped ? { since: dayToIso(Math.ceil(window.since)) } : {}),
  });
  refuseWithoutSeriousEvents(index, window, asOf, retentionYears);
  const model =
    options.model ?? exposureRiskModel(data, { asOf, retentionYears, weights: options.weights });

  const facts = personRecords(index, window);
  // The people with records in the window, by number (a typed array: a city's worth of numbers),
  // but nobody killed before asOf: no outreach can reach them.
  const killed = killedBefore(index, window.lo, window.hi);
  let populationSize = 0;
  let killedCount = 0;
  let maybeKilled = 0; // one of several victims of a homicide: listed, with a warning
  const killedButLater: string[] = []; // recorded killed, with later records: listed, warned
  for (let p = 0; p < index.personIds.length; p++)
    if (facts.records[p] > 0) {
      if (killed[p] === 1) killedCount++;
      else populationSize++;
      if (killed[p] === 2) maybeKilled++;
      if (killed[p] === 3) killedButLater.push(index.personIds[p]);
    }
  const pop = new Int32Array(populationSize);
  for (let p = 0, i = 0; p < index.personIds.length; p++)
    if (facts.records[p] > 0 && killed[p] !== 1) pop[i++] = p;

  const since = window.since;

  interface Row {
    id: string;
    score: number;
    expected: number;
    parts: RiskContribution[];
    lastEvidence: number;
    /** The score's tie class in the list (0 for the highest): set before the list is sorted. */
    tieClass: number;
  }
  let eligible: Row[] = [];
  let eligibleCount = 0;
  let listed: Row[];
  let partsBeyondRetention = 0;
  let belowEvidence = 0;
  // Of them, people a fitted model holds out of its risk set over the whole horizon (its exits:
  // custody, moved away; the killed): no score because nothing can happen to them, not for want
  // of evidence.
  let outOfRiskSet = 0;
  let unknownToModel = 0; // people with records here whom a fitted model does not know
  // The tie class of each eligible person in list order (at least those listed and those tied
  // with the last listed): shared ranks, and a tie across the cut.
  let sortedClasses = new Int32Array(0);
  const auditOnly = data.auditColumns;
  const kindsChecked = new Set<string>();
  const checkKind = (kind: string) => {
    if (!kindsChecked.has(kind)) {
      if (isProtectedAttribute(kind, auditOnly))
        throw new ProtectedAttributeError(kind, `a part of the score of model '${model.name}'`);
      kindsChecked.add(kind);
    }
  };
  const knownIncidents = new Map<string, Incident>();
  const state = fittedRiskState(model);
  if (state) {
    // A fitted network Hawkes model: its scores as typed columns (the same numbers, summed in
    // the same order), and part objects only for the people listed.
    const ks = modelNumbers(index, state.data.index, pop);
    for (let i = 0; i < ks.length; i++) if (ks[i] < 0) unknownToModel++;
    // A model that knows nobody here was fitted on other records (or other pseudonyms): every
    // score would be 0 and the list empty, "nobody has a score", which is not what happened.
    if (pop.length > 0 && unknownToModel === pop.length)
      throw new InputError(
        fn,
        `rankForOutreach: the model '${model.name}' knows none of the ${count(pop.length, 'person', 'people')} here (its: '${state.data.index.personIds[0]}', …; here: '${index.personIds[pop[0]]}', …): fitted on other records, or other pseudonyms?`,
      );
    const cols = riskColumns(state, ks, { from: asOf, horizonDays }, since, checkKind);
    assertPlausibleRisks(fn, model, horizonDays, cols.expected, RANK_INSTEAD);
    partsBeyondRetention = cols.dropped;
    const modelIndex = state.data.index;
    const kept = new Int32Array(pop.length);
    let nKept = 0;
    // The latest evidence, written over the parts' latest day (read only here).
    const lastEvidence = cols.lastDay;
    for (let i = 0; i < pop.length; i++) {
      const p = pop[i];
      const last = Math.max(facts.lastDay[p], cols.lastDay[i]);
      lastEvidence[i] = last;
      let enough = cols.score[i] > 0;
      if (enough && facts.records[p] < minRecords) {
        const parts = cols
          .keptIncidents(i)
          .map((k) => ({ kind: 'exposure', value: 0, incidentId: modelIndex.incidentId(k) }));
        enough = evidenceCount(index, p, facts.records, parts, minRecords) >= minRecords;
      }
      if (!enough) {
        belowEvidence++;
        if (
          !(cols.score[i] > 0) &&
          ks[i] >= 0 &&
          atRiskShare(state.bg, ks[i], asOf, asOf + horizonDays) === 0
        )
          outOfRiskSet++;
        continue;
      }
      kept[nKept++] = i;
    }
    const keep = kept.subarray(0, nKept);
    const ids = index.personIds;
    eligibleCount = keep.length;
    // Scores within TIE_TOLERANCE of each other are tied (noise in the last digits is no order):
    // the list goes by tie class, then by the tie-break rule. The first `limit` are in the classes
    // of the scores at least the limit-th largest, so only the scores down to it less the tie gap
    // are sorted (the classes of those, formed from the top, are those of the full list).
    const all = new Float64Array(keep.length);
    for (let x = 0; x < keep.length; x++) all[x] = cols.score[keep[x]];
    const gap = tieGap(all);
    let top: number[];
    if (limit < keep.length) {
      // The limit-th largest score by selection (O(n), NaN last as the sort had it), not a sort.
      let floor = Number.POSITIVE_INFINITY;
      if (limit > 0) {
        const k = all.length - limit;
        quickselect(all, k);
        floor = all[k];
      }
      top = [];
      for (const i of keep) if (cols.score[i] >= floor - gap) top.push(i);
    } else top = Array.from(keep);
    const topClass = tieClasses(
      top.map((i) => cols.score[i]),
      gap,
    );
    const classOf = new Int32Array(pop.length);
    for (let x = 0; x < top.length; x++) classOf[top[x]] = topClass[x];
    top.sort(
      (a, b) =>
        classOf[a] - classOf[b] ||
        lastEvidence[b] - lastEvidence[a] ||
        (ids[pop[a]] < ids[pop[b]] ? -1 : ids[pop[a]] > ids[pop[b]] ? 1 : 0),
    );
    sortedClasses = Int32Array.from(top, (i) => classOf[i]);
    top = top.slice(0, limit);
    const risks = model.risk(
      top.map((i) => ids[pop[i]]),
      { from: asOf, horizonDays },
    );
    listed = top.map((i, x) => ({
      id: ids[pop[i]],
      score: cols.score[i],
      expected: cols.expected[i],
      parts: risks[x].contributions.filter((c) => !(c.day !== undefined && c.day < since)),
      lastEvidence: lastEvidence[i],
      tieClass: classOf[i],
    }));
    // The incidents behind the listed parts, by the model's positions: the same records when the
    // model's index is a prefix of this one (the same id at the position: checked) and its ids are
    // unique.
    if (isExactIndex(index))
      for (const i of top)
        for (const k of cols.keptIncidents(i)) {
          const id = modelIndex.incidentId(k);
          if (k < index.day.length && index.incidentId(k) === id)
            knownIncidents.set(id, incidentFor(index, k, window.hi));
        }
  } else {
    const population = Array.from(pop, (p) => index.personIds[p]);
    const risks = riskOfPopulation(model, population, { from: asOf, horizonDays });
    if (Array.isArray(risks))
      assertPlausibleRisks(
        fn,
        model,
        horizonDays,
        risks.map((r) => (typeof r?.expected === 'number' ? r.expected : 0)),
        RANK_INSTEAD,
      );
    // A model ranked through its risk that says who is out of its risk set (an update).
    const isOut = riskSetOuts.get(model);
    // A model of one's own (the RiskModel interface) is checked as it is read: one risk per
    // person asked, finite parts that sum to a finite expected value ≥ 0. A NaN used to drop a
    // person as "no score", an Infinity to list one, and parts off their sum to give reasons
    // that do not add up to the model's figure.
    const bad = (what: string) =>
      new InputError(
        fn,
        `rankForOutreach: the model '${model.name}' ${what}; it must give each person a finite expected value ≥ 0 that its finite parts sum to`,
      );
    if (risks?.length !== population.length)
      throw bad(
        `returned ${risks?.length ?? String(risks)} risk${risks?.length === 1 ? '' : 's'} for ${count(population.length, 'person', 'people')}`,
      );
    for (const r of risks) {
      const p = index.personIndex.get(r.person_id);
      const parts: RiskContribution[] = [];
      let score = 0;
      let total = 0;
      let lastEvidence = p === undefined ? Number.NEGATIVE_INFINITY : facts.lastDay[p];
      for (const c of r.contributions) {
        if (typeof c.value !== 'number' || !Number.isFinite(c.value))
          throw bad(
            `gave ${r.person_id} a part '${c.kind}' of ${typeof c.value === 'number' ? c.value : JSON.stringify(c.value)}`,
          );
        total += c.value;
        checkKind(c.kind);
        if (c.day !== undefined && c.day < since) {
          partsBeyondRetention++;
          continue;
        }
        parts.push(c);
        score += c.value;
        if (c.day !== undefined && c.day > lastEvidence) lastEvidence = c.day;
      }
      if (
        !(r.expected >= 0 && r.expected < Number.POSITIVE_INFINITY) ||
        Math.abs(total - r.expected) > 1e-9 * Math.max(1, r.expected)
      )
        throw bad(
          `gave ${r.person_id} an expected ${String(r.expected)} from parts summing to ${total}`,
        );
      if (!(score > 0) || evidenceCount(index, p, facts.records, parts, minRecords) < minRecords) {
        belowEvidence++;
        if (!(score > 0) && isOut?.(r.person_id, asOf, asOf + horizonDays)) outOfRiskSet++;
        continue;
      }
      eligible.push({
        id: r.person_id,
        score,
        expected: r.expected,
        parts,
        lastEvidence,
        tieClass: 0,
      });
    }
    // The class kept on each row: read by a property in the sort, not looked up per comparison.
    const classes = tieClasses(Float64Array.from(eligible, (r) => r.score));
    for (let x = 0; x < eligible.length; x++) eligible[x].tieClass = classes[x];
    eligible.sort(
      (a, b) =>
        a.tieClass - b.tieClass ||
        b.lastEvidence - a.lastEvidence ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
    sortedClasses = Int32Array.from(eligible, (r) => r.tieClass);
    eligibleCount = eligible.length;
    listed = eligible.slice(0, limit);
    eligible = [];
  }

  const incidentById = incidentsById(
    index,
    listed.flatMap((r) => r.parts).filter((c) => !knownIncidents.has(c.incidentId!)),
    window.hi,
  );
  for (const [id, incident] of knownIncidents) incidentById.set(id, incident);
  const n = listed.length;
  // How the score counts their own harm: a fitted model's through its prior-victimisation
  // covariate (over its last recordCountDays only, when finite: the count as it stands at asOf
  // holds records dated on or after asOf − recordCountDays), the exposure score's through its
  // history weight; a model of one's own cannot say.
  // A covariate whose coefficient is 0 (dropped when it ran off or had no spread) counts nothing:
  // the example police export's own harm read "counted only through their own record" with it.
  const priorVictimisation = state ? state.bg.names.indexOf('prior_victimisation') : -1;
  const ownHarm: OwnHarmCounting | undefined = state
    ? {
        throughRecord: priorVictimisation >= 0 && state.theta[priorVictimisation] !== 0,
        ...(Number.isFinite(state.bg.recordDays) && {
          recordDays: state.bg.recordDays,
          countedFrom: asOf - state.bg.recordDays,
        }),
      }
    : options.model
      ? undefined
      : { throughRecord: weights.history > 0 };
  const cols = {
    rank: new Int32Array(n),
    person_id: new Array<string>(n),
    score: new Float64Array(n),
    expected_events: new Float64Array(n),
    reasons: new Array<string[]>(n),
    reasons_text: new Array<string>(n),
    contributions: new Array<ListedContribution[]>(n),
    explanation: new Array<string>(n),
    last_evidence: new Array<string | null>(n),
  };
  for (let i = 0; i < n; i++) {
    const row = listed[i];
    const described: DescribedContribution[] = row.parts.map((c) => {
      const through = (c as { through?: string }).through;
      const incident = c.incidentId !== undefined ? incidentById.get(c.incidentId) : undefined;
      const day = c.day ?? incident?.day;
      return {
        kind: c.kind,
        value: c.value,
        via: c.via !== undefined ? display(c.via) : undefined,
        through: through !== undefined ? display(through) : undefined,
        incident,
        days: day !== undefined ? daysBefore(asOf, day) : undefined,
      };
    });
    cols.person_id[i] = display(row.id);
    cols.score[i] = row.score;
    cols.expected_events[i] = row.expected;
    const harm = harmOnRecord(
      index,
      index.personIndex.get(row.id),
      window.lo,
      window.hi,
      asOf,
      SERIOUS_SEVERITY,
      display,
    );
    cols.reasons[i] = [
      ...described.map(reasonText),
      ...unusedHarmReasons(described, harm, ownHarm),
    ];
    cols.reasons_text[i] = cols.reasons[i].join('; ');
    cols.contributions[i] = row.parts.map((c, j) => {
      // The same day as days_ago: the part's own, else its incident's on record (a model of
      // one's own may name the incident alone; the date was then null beside a days_ago).
      const day = c.day ?? described[j].incident?.day;
      return {
        kind: c.kind,
        via: described[j].via ?? null,
        through: described[j].through ?? null,
        incident_id: c.incidentId ?? null,
        date: day !== undefined ? dayToIso(day) : null,
        days_ago: described[j].days ?? null,
        value: c.value,
      };
    });
    cols.explanation[i] = explanationSentence(described, harm, ownHarm);
    cols.last_evidence[i] = Number.isFinite(row.lastEvidence) ? dayToIso(row.lastEvidence) : null;
  }

  const excludedByRetention = window.droppedByRetention;
  const from = Number.isFinite(window.since) ? dayToIso(Math.ceil(window.since)) : null;
  const summary = [
    `${PURPOSE_LABEL}`,
    `Listed ${n} of ${count(eligibleCount, 'person', 'people')} who met the minimum-evidence rule (at least ${count(minRecords, 'record')}), out of ${count(pop.length, 'person', 'people')} with records from ${windowText(from, dayToIso(asOf))}.`,
    `${count(belowEvidence, 'person was', 'people were')} not listed: too little evidence or no score${outOfRiskSet ? ` (${count(outOfRiskSet, 'of them was', 'of them were')} out of the model's risk set over the whole horizon: in custody, moved away or killed, as its exits say)` : ''}.${killedCount ? ` ${count(killedCount, 'person', 'people')} killed before ${dayToIso(asOf)} (only victims of a homicide on record) ${killedCount === 1 ? 'is' : 'are'} not listed.` : ''}`,
    `${count(excludedByRetention, 'incident', 'incidents')} older than the ${retentionYears}-year retention horizon ${excludedByRetention === 1 ? 'was' : 'were'} excluded${partsBeyondRetention ? `, and ${count(partsBeyondRetention, 'part')} of model scores resting on them ${partsBeyondRetention === 1 ? 'was' : 'were'} removed` : ''}.`,
    `Scores are expected serious-violence victimisations in the ${count(horizonDays, 'day')} from ${dayToIso(asOf)} (model: ${model.name}).`,
  ].join('\n');
  // Tied scores share a rank (1, 1, 3): the tie-break rule sets their order, not who is more at risk.
  cols.rank.set(competitionRanks(n, (i) => sortedClasses[i] === sortedClasses[i - 1]));
  const tied = tiedScoresWarning(cols.score, 'the most recent evidence first, then person id');
  // A tie across the cut: who of the tied is listed is the tie-break rule's choice, not the score's.
  let straddle: string | undefined;
  if (n > 0) {
    const lastClass = sortedClasses[n - 1];
    // The group's first listed row (its rank) holds its highest score.
    const last = cols.score[cols.rank[n - 1] - 1];
    const tiedIn = n - cols.rank[n - 1] + 1;
    let left = 0;
    for (let i = n; i < sortedClasses.length && sortedClasses[i] === lastClass; i++) left++;
    if (left > 0)
      straddle = `The list's cut at ${n === 1 ? '1 person' : `${n} people`} falls inside a tie: the last ${tiedIn === 1 ? 'person listed shares' : `${tiedIn} people listed share`} their score (${Number(last.toPrecision(3))}) with ${left === 1 ? '1 person' : `${left} people`} not listed, so the tie-break rule (the most recent evidence first, then person id), not the score, chose who of these ${tiedIn + left} is listed. Lengthen the list to include them all (limit ${n + left}), or choose among them by other means.`;
  }
  const past = pastRetentionWarning(index, window, retentionYears);
  const unseen = unseenByModel(index, options.model, asOf);
  // An empty list says why, so it is not read as "nobody needs support".
  const latest = window.hi > window.lo ? Math.floor(index.day[window.hi - 1]) : Number.NaN;
  const gap = Math.round(asOf - latest);
  const empty =
    eligibleCount === 0 && pop.length > 0
      ? `Nobody is listed: none of the ${count(pop.length, 'person', 'people')} with records from ${windowText(from, dayToIso(asOf))} has a score above 0 with at least ${count(minRecords, 'record')}${Number.isFinite(latest) ? `; the latest record is dated ${dayToIso(latest)}, ${count(gap, 'day')} before ${dayToIso(asOf)}` : ''}.`
      : undefined;
  // Stale records: harm since the latest record is not in the data, so the list cannot show it.
  const stale = empty ? undefined : staleRecords(index, window, asOf);
  // A horizon longer than the records read forecasts past anything they show.
  const beyond = horizonBeyondRecords(index, window, horizonDays);
  // A list whose highest forecast (expected_events, not score) is no risk at all orders noise.
  let highest = 0;
  for (let i = 0; i < n; i++)
    if (cols.expected_events[i] > highest) highest = cols.expected_events[i];
  const negligible = n > 0 ? negligibleRiskWarning(model, horizonDays, highest) : undefined;
  // The model's caveats travel with its scores (a fitted model's repeat the profile's: each once).
  const warnings = [
    ...new Set([
      ...profile.warnings,
      ...modelCaveats(model),
      ...(unseen ? [unseen] : []),
      ...(unknownToModel
        ? [
            `${unknownToModel} of the ${pop.length} people here ${unknownToModel === 1 ? 'is' : 'are'} unknown to the model (recorded since its fit?): no score, so not listed.`,
          ]
        : []),
      ...(tied ? [tied] : []),
      ...(straddle ? [straddle] : []),
      ...(past ? [past.warning] : []),
      ...(beyond ? [beyond] : []),
      ...(negligible ? [negligible] : []),
      ...(empty ? [empty] : []),
      ...(stale ? [stale] : []),
      ...(maybeKilled
        ? [
            `${maybeKilled === 1 ? '1 person was one of' : `${maybeKilled} people were among`} the victims of a homicide incident with several victims before ${dayToIso(asOf)}: the records do not say who died, so they may be listed; check whether they survived before contacting.`,
          ]
        : []),
      ...(killedButLater.length
        ? [
            `${killedButLater.length === 1 ? '1 person is' : `${killedButLater.length} people are`} recorded as the only victim of a homicide and yet ${killedButLater.length === 1 ? 'has' : 'have'} records dated after it (a reused id or a data error?): ${killedButLater.slice(0, 5).map(display).join(', ')}${killedButLater.length > 5 ? ', …' : ''}. They may be listed; check the records before contacting.`,
          ]
        : []),
    ]),
  ];
  return withListMetadata(
    aq.table(cols),
    {
      warnings,
      profile,
      purpose: PURPOSE_LABEL,
      kind: 'outreach-ranking',
      model: model.name,
      parameters: {
        asOf: dayToIso(asOf),
        horizonDays,
        limit,
        cap,
        minEvidence: { records: minRecords },
        retentionYears,
        weights: options.model ? null : weights,
        pseudonymised: options.pseudonymise !== undefined,
      },
      dataWindow: { from, to: dayToIso(asOf), incidents: window.hi - window.lo },
      excludedByRetention,
      summary,
    },
    data,
  );
}

rankForOutreach.defaults = DEFAULTS;

/**
 * The model's person number of each of `people` (numbers in `index`), −1 when the model does
 * not know them: read in step when the model's index lists its people in the same order (an
 * as-of prefix of `index`, or `index` itself), else by id.
 */
function modelNumbers(
  index: DatasetIndex,
  modelIndex: DatasetIndex,
  people: Int32Array,
): Int32Array {
  // The same index: the same numbers (the caller's array, read only).
  if (modelIndex === index) return people;
  const out = new Int32Array(people.length);
  const ids = index.personIds;
  const mine = modelIndex.personIds;
  const at = new Int32Array(ids.length).fill(-1);
  let q = 0;
  for (let p = 0; p < ids.length && q < mine.length; p++) if (ids[p] === mine[q]) at[p] = q++;
  if (q === mine.length) for (let i = 0; i < people.length; i++) out[i] = at[people[i]];
  else
    for (let i = 0; i < people.length; i++)
      out[i] = modelIndex.personIndex.get(ids[people[i]]) ?? -1;
  return out;
}

/**
 * Refuses a list when the window holds no serious event (severity ≥ 3): every score would then be
 * a background share of nothing, and the order the tie-break rule alone.
 */
function refuseWithoutSeriousEvents(
  index: DatasetIndex,
  window: { lo: number; hi: number; since: number },
  asOf: number,
  retentionYears: number,
): void {
  for (let k = window.lo; k < window.hi; k++) if (index.severity[k] >= SERIOUS_SEVERITY) return;
  const from = Number.isFinite(window.since) ? dayToIso(Math.ceil(window.since)) : null;
  throw new DataRefusedError(
    'no-events',
    `rankForOutreach refused: no incident of severity ${SERIOUS_SEVERITY} or more from ${windowText(from, dayToIso(asOf))} (the ${retentionYears}-year window before asOf), so there is no serious harm to learn from and the order would only reflect record dates.`,
  );
}

/**
 * Distinct records behind a listing, counted up to `enough`: the person's own records in the
 * window, plus the incidents behind their score's parts that are not their own.
 */
export function evidenceCount(
  index: DatasetIndex,
  p: number | undefined,
  records: Int32Array,
  parts: readonly RiskContribution[],
  enough: number,
): number {
  let count = p === undefined ? 0 : records[p];
  if (count >= enough) return count;
  const seen = new Set<string>();
  for (const c of parts) {
    if (c.incidentId === undefined || seen.has(c.incidentId)) continue;
    seen.add(c.incidentId);
    if (!isOwnIncident(index, p, c.incidentId) && ++count >= enough) break;
  }
  return count;
}

function isOwnIncident(index: DatasetIndex, p: number | undefined, incidentId: string): boolean {
  if (p === undefined) return false;
  for (let j = index.personIncOffset[p]; j < index.personIncOffset[p + 1]; j++) {
    if (index.incidentId(index.personInc[j]) === incidentId) return true;
  }
  return false;
}
