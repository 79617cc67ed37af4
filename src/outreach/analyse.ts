import type { ColumnTable } from 'arquero';
import type { UndirectedGraph } from 'graphology';
import { cascades } from '../contagion/cascades.js';
import { fitNetworkHawkesFor, NETWORK_HAWKES_RULES } from '../contagion/hawkes/fit.js';
import type { NetworkHawkesModel } from '../contagion/hawkes/model.js';
import type { ExitRow } from '../contagion/hawkes/types.js';
import { retaliations } from '../contagion/retaliations.js';
import { indexDataset } from '../core/dataset-index.js';
import { DataRefusedError, InputError, OptionError } from '../core/errors.js';
import { checkDataset } from '../core/guards.js';
import { checkOptions, type OptionRules, rule } from '../core/options.js';
import { count } from '../core/plural.js';
import {
  type DataProfile,
  profileBefore,
  profileData,
  refuseIfMeaningless,
} from '../core/profile.js';
import { type DateLike, dayToIso, resolveAsOf, toDay } from '../core/time.js';
import type { Dataset } from '../core/types.js';
import { dateOption, horizonRule, refuseOutsideRecords, resolveWindow } from '../core/window.js';
import {
  type CoOffendingEdgeAttributes,
  type CoOffendingEdges,
  coOffendingEdges,
  coOffendingGraph,
  type PersonNodeAttributes,
} from '../graph/co-offending-graph.js';
import { auditList } from './audit-list.js';
import { type BacktestResult, backtest } from './backtest.js';
import { defaultRankers } from './default-rankers.js';
import {
  MIN_EVIDENCE_RULES,
  type OutreachPlan,
  PLAN_OUTREACH_RULES,
  type PlanOutreachOptions,
  planOutreach,
} from './plan-outreach.js';
import { KEYED_BESIDE_RAW } from './pseudonymise.js';
import { rankForOutreach } from './rank-for-outreach.js';
import type { Ranker } from './ranker.js';

/** Options of {@link analyse}. */
export interface AnalyseOptions {
  /** Date of the analysis: only records dated before it are used. Default: the day after the last incident. */
  asOf?: DateLike;
  /**
   * Horizon of the ranked list's risk (and of the backtest's scoring), in whole days. Default `90`.
   */
  horizonDays?: number;
  /** People on the ranked list. Default `100`. */
  limit?: number;
  /**
   * Backtest cut dates (rolling origin, the last `cuts` horizons before `asOf`, each scored on
   * records before `asOf` only); `0` for no backtest. Default `0`. When the records before the
   * first cut are too few to rank from (a year of records and 3 cuts of 90 days), the backtest
   * is run with the most cuts they allow, or left out when even one does not fit, and
   * `backtestNote` says so and how much more history the cuts asked for need: the rest of the
   * analysis is not refused for it.
   */
  cuts?: number;
  /**
   * People out of the risk set over given dates (custody, moved away), as `fitNetworkHawkes`
   * takes them (`{ person_id, from, to? }`): the model, and so the list and the plan, give them
   * no risk while out. The backtest gives its rankers, at each cut, the rows known then (`from`
   * on or before the cut; a `to` after it withheld, as the release date was not known then), as
   * `backtest`'s `exits`. Default: none.
   */
  exits?: readonly ExitRow[];
  /**
   * Let events excite along victim–offender ties too, with their own α_vo, as
   * `fitNetworkHawkes`' `victimOffenderTies`: `'direct'` (or `true`) the people one harmed or was
   * harmed by, `'sides'` their co-offenders too; `false`, co-offending ties only. The model, and
   * so the list's risk and reasons (`victim–offender tie to …`), the plan and the share's split
   * by kind of tie, carry the term; so does the default backtest's model (`defaultRankers({ model:
   * { victimOffenderTies } })`, named `network hawkes (victim–offender ties: …)`). Exponential
   * kernel only. Default `false`.
   */
  victimOffenderTies?: boolean | 'direct' | 'sides';
  /** Rankers the backtest compares. Default {@link defaultRankers} (baselines, exposure score and the model). */
  rankers?: readonly Ranker[];
  /**
   * Also plan outreach under capacity (`planOutreach`): `true`, or its options without `asOf`
   * and `model` (which come from the analysis). `capacity` defaults to `limit` and `horizonDays`
   * to the list's, so the report can compare the plan with the highest-risk list of the same
   * length. Off by default: it costs about as much CPU again as the rest of `analyse` (0.6 s for
   * 1,200 people, 3.8 s for 10,000, capacity 100). Its options are checked before the pipeline
   * runs, each named by its full path (`option 'plan.capacity' must be a whole number ≥ 1`);
   * `asOf` and `model` in it are refused. Default `false`.
   */
  plan?: boolean | AnalysePlanOptions;
  /** Called as each stage starts, with a plain-language label (for progress display). Default: none. */
  onStep?: (label: string) => void;
  /** Called after each backtest cut × ranker, with how many of how many are done. Default: none. */
  onBacktestProgress?: (done: number, total: number) => void;
}

/** `planOutreach`'s options as {@link analyse} takes them: all optional, `asOf` and `model` from the analysis. */
export type AnalysePlanOptions = Partial<Omit<PlanOutreachOptions, 'asOf' | 'model'>>;

/** Everything the report shows, from one pass of {@link analyse}. */
export interface Analysis {
  /** The records analysed (all of them; each stage uses only those before `asOf`). */
  data: Dataset;
  /** The analysis date, `YYYY-MM-DD`. */
  asOf: string;
  /**
   * The data profile (`profileData`): date range, date heaping, serious events per year… and
   * its plain-language `warnings`, which the report shows in its banner.
   */
  profile: DataProfile;
  /**
   * The co-offending network as of `asOf` as compact arrays (`coOffendingEdges`): what the
   * report and the heavy measures read (`csrFromArrays` makes the snapshot).
   */
  network: CoOffendingEdges;
  /**
   * The same network as a graphology graph (`coOffendingGraph`), built the first time it is
   * read (at city scale it costs more than the rest of the analysis's network step) and kept.
   */
  readonly graph: UndirectedGraph<PersonNodeAttributes, CoOffendingEdgeAttributes>;
  /** Retaliation links between incidents (`retaliations`). */
  links: ColumnTable;
  /** Retaliation cascades, one row each (`cascades(links).table`). */
  cascades: ColumnTable;
  /** The fitted network contagion model (`fitNetworkHawkes`). */
  model: NetworkHawkesModel;
  /** The ranked list with reasons (`rankForOutreach`), carrying its purpose label. */
  list: ColumnTable;
  /** The list's make-up by area and group (`auditList`). */
  audit: ColumnTable;
  /** The rolling-origin backtest, when `cuts > 0` (and at least one cut fits the records). */
  backtest?: BacktestResult;
  /**
   * Why the backtest has fewer cuts than asked for, or is left out: the records before the first
   * cut were too few to rank from. Plain words, with the history the cuts asked for need; shown
   * in the report's banner and backtest section. Absent when the backtest ran as asked.
   */
  backtestNote?: string;
  /** The outreach plan ("most harm prevented"), when `plan` was asked for. */
  plan?: OutreachPlan;
}

const DEFAULTS = {
  horizonDays: 90,
  limit: 100,
  cuts: 0,
  plan: false,
  victimOffenderTies: false,
} as const;

/** planOutreach's option rules without asOf and model, which are the analysis's. */
const PLAN_RULES = Object.fromEntries(
  Object.entries(PLAN_OUTREACH_RULES).filter(([k]) => k !== 'asOf' && k !== 'model'),
) as OptionRules<AnalysePlanOptions>;

const RULES = {
  asOf: rule.date,
  horizonDays: horizonRule(true),
  limit: rule.number({ min: 1, integer: true }),
  cuts: rule.number({ min: 0, integer: true }),
  rankers: rule.array(),
  exits: rule.array(rule.record()),
  victimOffenderTies: NETWORK_HAWKES_RULES.victimOffenderTies,
  plan: rule.or(rule.boolean, rule.record()),
  onStep: rule.func,
  onBacktestProgress: rule.func,
};

/**
 * Checks analyse's `plan` as planOutreach would, before the pipeline runs (planOutreach refused a
 * bad capacity only after the model was fitted, as its own 'capacity'): each option named by its
 * full path, `option 'plan.capacity'`.
 */
function checkPlan(p: AnalysePlanOptions, limit: number): void {
  for (const k of ['asOf', 'model'])
    if ((p as Record<string, unknown>)[k] !== undefined)
      throw new OptionError(
        'analyse',
        `plan.${k}`,
        `analyse: option 'plan.${k}' is the analysis's own (the plan is made as of analyse's asOf, with the model it fits); leave it out of plan`,
      );
  checkOptions('analyse', p, PLAN_RULES, 'plan');
  if (typeof p.minEvidence === 'object')
    checkOptions('analyse', p.minEvidence, MIN_EVIDENCE_RULES, 'plan.minEvidence');
  if (p.pseudonymise)
    checkOptions('analyse', p.pseudonymise, { key: rule.any }, 'plan.pseudonymise');
  const cap = p.cap ?? planOutreach.defaults.cap;
  if (p.capacity !== undefined && p.capacity > cap)
    throw new OptionError(
      'analyse',
      'plan.capacity',
      `analyse: option 'plan.capacity' (${p.capacity}) is above ${p.cap === undefined ? `the cap of ${cap}` : `'plan.cap' (${cap})`}; raise 'plan.cap' explicitly if a longer plan is really needed`,
    );
  if (p.capacity === undefined && p.cap !== undefined && limit > p.cap)
    throw new OptionError(
      'analyse',
      'plan.cap',
      `analyse: the plan's capacity is the list's limit (${limit}), above 'plan.cap' (${p.cap}); give 'plan.capacity' or raise 'plan.cap'`,
    );
}

/**
 * The whole pipeline as of one date, as the report and the CLI run it: co-offending network →
 * retaliation links and cascades → network contagion model → ranked list (with the model) →
 * audit of the list by area and group → optionally a rolling-origin backtest. Pass the result to
 * `reportInput` and `renderReport` for the HTML report.
 *
 * @example
 * const { data } = ingest(records);
 * const analysis = analyse(data, { asOf: '2024-01-01', limit: 50 });
 * analysis.list.print();
 * const html = renderReport(reportInput(analysis));
 */
export function analyse(data: Dataset, options: AnalyseOptions = {}): Analysis {
  checkDataset('analyse', data);
  const o = checkOptions('analyse', options, RULES);
  const limit = o.limit ?? DEFAULTS.limit;
  if (typeof o.plan === 'object') checkPlan(o.plan, limit);
  // A keyed plan beside raw data cannot be reported (reportInput refuses it): say so now, not
  // after the whole pipeline has run.
  if (typeof o.plan === 'object' && o.plan.pseudonymise !== undefined && !data.pseudonymised)
    throw new InputError(
      'analyse',
      `analyse: plan.pseudonymise would give the plan keyed pseudonyms but ${KEYED_BESIDE_RAW}`,
    );
  // Every incident on one date, or no serious event: the model, the list and the backtest would
  // be meaningless, so the whole pipeline is refused with the reason.
  const asOf = resolveAnalysisDate(data, o.asOf);
  // The profile of the records before asOf only (a later record must not change the analysis),
  // and within the retention window every stage reads (records past it are dropped).
  const index = indexDataset(data);
  const window = resolveWindow(index, { asOf });
  refuseOutsideRecords('analyse', index, window);
  const profile = profileBefore(data, toDay(asOf), undefined, window.since);
  refuseIfMeaningless(profile, 'fit', 'analyse', {
    asOf,
    later: window.hi < index.day.length,
    firstDate: profile.incidents === 0 ? profileData(data).firstDate : null,
    ...(window.lo > 0 ? { since: dayToIso(Math.ceil(window.since)) } : {}),
  });
  const horizonDays = o.horizonDays ?? DEFAULTS.horizonDays;
  const cuts = o.cuts ?? DEFAULTS.cuts;
  const step = o.onStep ?? (() => {});

  step(`building the co-offending network as of ${asOf}`);
  // Compact arrays from the dataset index; the graphology graph only when someone reads it.
  const network = coOffendingEdges(data, { asOf });
  let graph: UndirectedGraph<PersonNodeAttributes, CoOffendingEdgeAttributes> | undefined;

  step('finding retaliation links and cascades');
  const links = retaliations(data, { asOf });
  const cascadeTable = cascades(links).table;

  step('fitting the network contagion model');
  // The fit's refusal (one serious event, a window too short…) as analyse's own, in its words.
  let model: NetworkHawkesModel;
  try {
    // Its options are analyse's own (exits, victimOffenderTies): an error in one names analyse
    // ("analyse exits row 2: …", where it named fitNetworkHawkes).
    model = fitNetworkHawkesFor('analyse', data, {
      asOf,
      ...(o.exits ? { exits: o.exits } : {}),
      victimOffenderTies: o.victimOffenderTies ?? false,
    });
  } catch (e) {
    if (!(e instanceof DataRefusedError)) throw e;
    throw new DataRefusedError(
      e.code,
      `analyse refused: the contagion model cannot be fitted: ${e.message
        .replace(/^analyse(?: refused)?: /, '')
        .replace(/ ?[;—] widen the window.*$/, (m) =>
          m.includes('—')
            ? '; analyse needs records spanning more time'
            : '; analyse reads the records of the 6 years before asOf, so it needs more of them',
        )}.`,
    );
  }

  // A fit that is explosive and identifies nothing is no basis for a list (rankForOutreach and
  // planOutreach refuse it): analyse refuses in its own words, as for a fit refused outright.
  if (model.identified === false && model.branchingRatio >= 1) {
    throw new DataRefusedError(
      'not-identified',
      `analyse refused: the contagion model fitted on these records is not identified and is explosive (branching ratio ${model.branchingRatio.toFixed(2)}: each event would trigger that many more on average, so its forecasts grow without bound), so it can rank nobody; analyse reads the records of the 6 years before asOf, so it needs more of them (or rank with the exposure score: rankForOutreach without a model)`,
    );
  }

  step('ranking people to offer support to');
  const list = rankForOutreach(data, {
    asOf,
    horizonDays,
    limit,
    cap: Math.max(1000, limit),
    model,
  });
  // As of asOf: the list is compared with the people harmed before it, never after.
  const audit = auditList(data, list, {
    by: ['area', 'group'],
    victims: 'before',
    ...(o.exits ? { exits: o.exits } : {}),
  });

  let plan: OutreachPlan | undefined;
  if (o.plan) {
    step('planning outreach under capacity (most harm prevented)');
    const p = o.plan === true ? {} : o.plan;
    plan = planOutreach(data, {
      ...p,
      asOf,
      model,
      capacity: p.capacity ?? limit,
      // A plan as long as the list: its cap is the list's (limit above planOutreach's cap of 1000).
      cap: p.cap ?? Math.max(planOutreach.defaults.cap, p.capacity === undefined ? limit : 0),
      horizonDays: p.horizonDays ?? horizonDays,
    });
  }

  let result: BacktestResult | undefined;
  let backtestNote: string | undefined;
  if (cuts > 0) {
    step(`backtesting at ${count(cuts, 'past date')}`);
    const rankers = o.rankers
      ? [...o.rankers]
      : defaultRankers({ model: { victimOffenderTies: o.victimOffenderTies ?? false } });
    const run = (c: number) => {
      const total = c * rankers.length;
      let done = 0;
      return backtest(data, {
        cuts: c,
        // The cuts and everything scored after them lie before asOf: no later record is read.
        asOf,
        horizonDays,
        rankers,
        // The exits known at each cut, so that the evidence describes a list made with them.
        ...(o.exits ? { exits: o.exits } : {}),
        // The report draws recall against every list length, from the per-person scores.
        keepScores: true,
        ...(o.onBacktestProgress
          ? { onProgress: () => o.onBacktestProgress?.(++done, total) }
          : {}),
      });
    };
    // Too little history before the first cut (a year of records, 3 cuts of 90 days) refused the
    // whole analysis, and so the whole report: fewer cuts, the first later in the records, are
    // tried instead, and the note says what was done and what the cuts asked for need.
    let refusal: string | undefined;
    let last: string | undefined; // the refusal of the fewest cuts tried (one, when none fit)
    for (let c = cuts; c >= 1 && !result; c--) {
      try {
        result = run(c);
      } catch (e) {
        const why = e instanceof DataRefusedError ? tooEarly(e) : undefined;
        if (why === undefined) throw e;
        refusal ??= why;
        last = why;
        if (c > 1) step(`backtesting at ${c - 1} past date${c - 1 === 1 ? '' : 's'}`);
      }
    }
    if (refusal !== undefined) {
      const asOfDay = toDay(asOf);
      const first = Math.floor(indexDataset(data).day[0]);
      const firstCut = dayToIso(asOfDay - cuts * horizonDays);
      const used = result
        ? new Set(Array.from(result.scores.array('cut') as ArrayLike<string>)).size
        : 0;
      backtestNote = result
        ? `The backtest was asked for ${cuts} cuts ${count(horizonDays, 'day')} apart, but the records before the first (${firstCut}) are too few: ${refusal}. It was run with ${count(used, 'cut')} instead (from ${dayToIso(asOfDay - used * horizonDays)}); records reaching back to about ${dayToIso(first - (cuts - used) * horizonDays)} (${count(horizonDays, 'day')} earlier for each cut left out) should allow all ${cuts}.`
        : `No backtest: the records before even one cut (${dayToIso(asOfDay - horizonDays)}, a ${horizonDays}-day horizon before ${asOf}) are too few: ${last}. A backtest needs more history than the records give (they start on ${dayToIso(first)}): older records, or an analysis at a later date.`;
    }
  }
  const analysis = {
    data,
    asOf,
    network,
    profile,
    links,
    cascades: cascadeTable,
    model,
    list,
    audit,
    ...(result ? { backtest: result } : {}),
    ...(backtestNote ? { backtestNote } : {}),
    ...(plan ? { plan } : {}),
  } as Omit<Analysis, 'graph'> as Analysis;
  Object.defineProperty(analysis, 'graph', {
    get: () => (graph ??= coOffendingGraph(data, { asOf })),
    // Not enumerable, so spreading or listing an analysis does not build it.
    enumerable: false,
  });
  return analysis;
}

analyse.defaults = DEFAULTS;

/** `asOf` as `YYYY-MM-DD`; default the day after the last incident. */
function resolveAnalysisDate(data: Dataset, asOf: DateLike | undefined): string {
  if (asOf === undefined) {
    let last = Number.NEGATIVE_INFINITY;
    for (const inc of data.incidents) if (inc.day > last) last = inc.day;
    if (!Number.isFinite(last)) {
      throw new DataRefusedError('empty', 'analyse: the dataset has no incidents to analyse');
    }
    return dayToIso(Math.floor(last) + 1);
  }
  // Refused as every stage would refuse it (not a date, or a date-time), before any work.
  return dayToIso(dateOption('analyse', 'asOf', () => resolveAsOf(asOf)));
}

/**
 * The reason of a backtest refused for too little history before its first cut (code
 * `too-little-history`: a ranker that could not rank from the records before it, or cuts
 * starting before any record), in words for a note, or `undefined` for any other refusal. The
 * code decides; the words only shape the note (a reworded message is quoted whole).
 */
function tooEarly(e: DataRefusedError): string | undefined {
  if (e.code !== 'too-little-history') return undefined;
  const message = e.message;
  const atCut =
    /^backtest refused: (at the cut .*?); use fewer cuts, so that the first lies later in the records, or no backtest\.$/s.exec(
      message,
    );
  if (atCut)
    return atCut[1].replace(/ — widen the window\)$/, ')').replace(/ — widen the window/, '');
  const before =
    /^backtest refused: (.* would start on .*?, before any record \(.*?\)); at most/s.exec(message);
  return before ? before[1] : message.replace(/^backtest refused: /, '').replace(/\.$/, '');
}
