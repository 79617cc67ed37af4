import { tiesAtEvent } from '../contagion/exposure.js';
import { type DatasetIndex, indexDataset, ROLE_CODE } from '../core/dataset-index.js';
import { InputError, OptionError } from '../core/errors.js';
import { checkDataset } from '../core/guards.js';
import {
  checkOptions,
  closestOptionName,
  nearId,
  type OptionRules,
  rule,
} from '../core/options.js';
import { assertNoProtected } from '../core/protected.js';
import {
  checkRiskPeople,
  type PersonRisk,
  type RiskContribution,
  type RiskModel,
  unknownPeopleAsZero,
} from '../core/risk.js';
import { DAYS_PER_YEAR, type DateLike, dayToIso, resolveSince, toDay } from '../core/time.js';
import type { Dataset } from '../core/types.js';
import {
  DEFAULT_RETENTION_YEARS,
  dateOption,
  horizonRule,
  refuseOutsideRecords,
  resolveWindow,
  type WindowOptions,
  windowRules,
} from '../core/window.js';
import { networkOf } from '../graph/network-of.js';
import { personRecords } from './records.js';

/**
 * The weights of the transparent exposure score. Each is documented with its unit; the
 * defaults are rules of thumb, not fitted values (fit a model, e.g. the network Hawkes model,
 * when you need fitted ones). Every weight is a named, non-protected input.
 */
export interface ExposureRiskWeights {
  /**
   * Expected serious-violence victimisations of a person, over all time, following one serious
   * harm to a direct co-offender (tie strength ≥ 1). Spread over time by an exponential kernel
   * with mean `meanDelayDays`; only the part falling in the horizon counts. Default 0.1.
   */
  exposure: number;
  /** Factor applied to `exposure` for an associate at distance 2 (through one intermediary). Default 0.2. */
  indirect: number;
  /** Expected victimisations following the person's own serious victimisation (same kernel). Default 0.1. */
  ownVictimisation: number;
  /**
   * Background multiplier per violent incident (severity ≥ 1) on the person's own record:
   * background ∝ 1 + history × violentRecords, normalised to the population mean. Default 0.5.
   */
  history: number;
}

/** Default weights of {@link exposureRiskModel}. */
export const EXPOSURE_RISK_WEIGHTS: Readonly<ExposureRiskWeights> = Object.freeze({
  exposure: 0.1,
  indirect: 0.2,
  ownVictimisation: 0.1,
  history: 0.5,
});

/** Options of {@link exposureRiskModel}. */
export interface ExposureRiskOptions extends WindowOptions {
  /** Harm to an associate (or to the person) older than this, in days, does not count. Default 180. */
  windowDays?: number;
  /**
   * Mean delay in days of the exponential kernel that spreads an exposure's effect over time.
   * Default 125 (the mean infector → infectee delay reported by Green, Horel & Papachristos 2017).
   */
  meanDelayDays?: number;
  /** Severity from which a victimisation counts as serious harm. Default 3. */
  minSeverity?: number;
  /** Half-life in days of a co-offending tie's strength (see `coOffendingGraph`). Default 365. */
  halfLifeDays?: number;
  /** Network distance up to which exposure counts: 1 or 2. Default 2. */
  maxDistance?: 1 | 2;
  /** Days over which the city's background rate of serious victimisation is measured. Default 365. */
  backgroundDays?: number;
  /** Weights; protected names are refused. Default {@link EXPOSURE_RISK_WEIGHTS} (a weight not given takes its value there). */
  weights?: Partial<ExposureRiskWeights>;
  /**
   * Which ties carry a harm. `'harm'` (default): only ties that existed at the time of the harm
   * (shared offences certainly before it), weighed as their offences before the harm weigh,
   * aged to `from` — a tie formed later does not carry harm backwards, as in the Hawkes model.
   * `'asOf'`: the co-offending network as of `from` carries every harm (the behaviour before
   * this option).
   */
  tiesAt?: 'harm' | 'asOf';
}

const DEFAULTS = {
  windowDays: 180,
  meanDelayDays: 125,
  minSeverity: 3,
  halfLifeDays: 365,
  maxDistance: 2 as 1 | 2,
  backgroundDays: 365,
  tiesAt: 'harm' as 'harm' | 'asOf',
};

/** Option rules of {@link ExposureRiskOptions} (see `checkOptions`). */
export const EXPOSURE_RISK_RULES: OptionRules<ExposureRiskOptions> = {
  ...windowRules,
  windowDays: rule.number({ above: 0 }),
  meanDelayDays: rule.number({ above: 0 }),
  minSeverity: rule.number({ min: 0, max: 4 }),
  halfLifeDays: rule.number({ above: 0 }),
  maxDistance: rule.oneOf([1, 2]),
  backgroundDays: rule.number({ above: 0 }),
  // Weight names are checked by resolveExposureWeights (protected names are refused first).
  weights: rule.record(),
  tiesAt: rule.oneOf(['harm', 'asOf']),
};

/** Rules of the options of an exposure score's `risk` (the {@link RiskModel} interface's). */
const RISK_RULES: OptionRules<{ from: DateLike; horizonDays: number }> = {
  from: rule.date,
  horizonDays: horizonRule(),
};

/** A contribution of the exposure score; `through` names the intermediary of an indirect exposure. */
export interface ExposureContribution extends RiskContribution {
  kind: 'background' | 'exposure' | 'exposure-indirect' | 'own-victimisation';
  through?: string;
}

/** Checks ranking / model weights: protected names are refused first, then unknown names. */
export function resolveExposureWeights(
  weights: Partial<ExposureRiskWeights> | undefined,
  auditColumns: readonly string[] = [],
  fn = 'exposureRiskModel',
): ExposureRiskWeights {
  const given = weights ?? {};
  const names = Object.keys(given);
  assertNoProtected(names, 'a ranking weight', auditColumns);
  const out = { ...EXPOSURE_RISK_WEIGHTS };
  for (const name of names) {
    if (!Object.hasOwn(EXPOSURE_RISK_WEIGHTS, name)) {
      const valid = Object.keys(EXPOSURE_RISK_WEIGHTS);
      const near = closestOptionName(name, valid);
      throw new OptionError(
        fn,
        `weights.${name}`,
        `${fn}: unknown option 'weights.${name}'.${near ? ` Did you mean 'weights.${near}'?` : ''} Valid options of weights: ${valid.join(', ')}.`,
      );
    }
    const v = (given as Record<string, number>)[name];
    if (!(Number.isFinite(v) && v >= 0))
      throw new OptionError(
        fn,
        `weights.${name}`,
        `${fn}: option 'weights.${name}' must be a finite number ≥ 0, got ${String(v)}.`,
      );
    (out as Record<string, number>)[name] = v;
  }
  return out;
}

/**
 * A transparent risk model for when no model is fitted: a person's expected serious-violence
 * victimisations over the horizon, as a sum of named parts that a caseworker can read:
 *
 * - `background`: the city's recent rate of serious victimisation per person-day × horizon ×
 *   a multiplier from the person's own record, (1 + history·v) / (1 + history·v̄), where v
 *   counts their violent incidents in the retention window and v̄ is the population mean;
 * - `exposure`: for each serious harm (severity ≥ `minSeverity`, within `windowDays`) to a
 *   direct co-offender j: exposure × min(1, tie strength) × K;
 * - `exposure-indirect`: the same for an associate at distance 2, × indirect × the weaker of the
 *   two ties on the strongest path (named in `through`);
 * - `own-victimisation`: for each of the person's own serious harms in the window: ownVictimisation × K;
 *
 * where K = e^(−a/τ) − e^(−(a+H)/τ) is the share of an exponential kernel (mean τ =
 * `meanDelayDays`) falling in the horizon [from, from + H) for an event a days before `from`.
 * The parts sum exactly to `expected` (summed largest first). Ties are those that existed at
 * the time of each harm (`tiesAt: 'harm'`, the default), or those of the co-offending network
 * as of `from` (`tiesAt: 'asOf'`). Only records dated before `from` (and before the model's
 * `asOf`) within the retention horizon are read. The errors of `risk` name it as a fitted model's
 * do (`OptionError`, `fn` `'model.risk'`), a `from` on or before `since` among them.
 *
 * @example
 * const model = exposureRiskModel(data, { asOf: '2024-01-01' });
 * const [r] = model.risk(['P7'], { from: '2024-01-01', horizonDays: 90 });
 * r.contributions; // [{ kind: 'exposure', via: 'P3', incidentId: 'I91', day: 19700, value: 0.041 }, …]
 */
export function exposureRiskModel(data: Dataset, options: ExposureRiskOptions = {}): RiskModel {
  checkDataset('exposureRiskModel', data);
  checkOptions('exposureRiskModel', options, EXPOSURE_RISK_RULES);
  const weights = resolveExposureWeights(options?.weights, data.auditColumns);
  const o = { ...DEFAULTS, ...stripUndefined(options ?? {}) };
  const index = indexDataset(data);
  // asOf and since read as every analysis reads them, now rather than at risk(): a date that is
  // not one, a date-time, or a since on or after asOf (swapped dates) is an OptionError naming
  // exposureRiskModel and the option (a bad asOf was a RangeError naming neither).
  const modelWindow = resolveWindow(index, {
    asOf: options.asOf,
    fn: 'exposureRiskModel',
    retentionYears: options.retentionYears,
    ...(options.asOf !== undefined && { since: options.since }),
  });
  // An asOf on or before the first record (a wrong year): every risk was the background 0.
  refuseOutsideRecords('exposureRiskModel', index, modelWindow);
  const modelAsOf = modelWindow.asOf;
  if (options.since !== undefined && options.asOf === undefined)
    dateOption('exposureRiskModel', 'since', () => resolveSince(options.since!));
  return {
    name: 'exposure score',
    risk(people, riskOptions) {
      // What the caller called (as the fitted model's risk names itself): it read "exposureRiskModel
      // risk", a name no code has.
      const fn = 'model.risk';
      // An id typed as a number matched nobody (a risk of 0), and one id as text was read
      // letter by letter ('people.map is not a function'), as model.risk refuses too.
      checkRiskPeople(fn, people);
      // A misspelt option named the option it meant nobody: 'horizon' read as no horizon.
      checkOptions(fn, riskOptions, RISK_RULES);
      const { from, horizonDays } = riskOptions ?? ({} as Partial<typeof riskOptions>);
      if (from === undefined || horizonDays === undefined)
        throw new OptionError(
          fn,
          from === undefined ? 'from' : 'horizonDays',
          `${fn}: options { from, horizonDays } are required: the first day of the horizon (a date) and its length in days, e.g. model.risk(people, { from: '2024-01-01', horizonDays: 90 })`,
        );
      const fromDay = toDay(from as DateLike);
      if (Number.isNaN(fromDay))
        throw new OptionError(
          fn,
          'from',
          `${fn}: option 'from' '${String(from)}' is not a valid date: expected text 'YYYY-MM-DD' (such as '2023-07-01'), a Date, or a day number`,
        );
      const asOf = Math.min(fromDay, modelAsOf);
      try {
        // A from on or before the first record read no records: everyone's risk 0.
        if (fromDay < modelAsOf)
          refuseOutsideRecords(
            fn,
            index,
            resolveWindow(index, {
              asOf,
              since: o.since,
              retentionYears: o.retentionYears,
              fn: 'exposureRiskModel',
            }),
            'from',
          );
        return exposureRisk(index, asOf, fromDay, horizonDays, o, weights, people);
      } catch (e) {
        // The records read end at `from`: one on or before the model's `since` leaves none, which
        // read "exposureRiskModel: since 2021-06-01 is on or after asOf 2021-01-01", an asOf this
        // call never gave.
        if (!(e instanceof OptionError && e.option === 'since')) throw e;
        throw new OptionError(
          fn,
          'from',
          `${fn}: option 'from' ${dayToIso(fromDay)} is on or before the model's since ${dayToIso(resolveSince(o.since!))}: the records it reads, [since, from), are none. Give a from after since.`,
        );
      }
    },
  };
}

/** Defaults of each option (days, severity 0–4, network steps, years; `weights`: {@link EXPOSURE_RISK_WEIGHTS}). */
exposureRiskModel.defaults = Object.freeze({
  ...DEFAULTS,
  retentionYears: DEFAULT_RETENTION_YEARS,
  weights: EXPOSURE_RISK_WEIGHTS,
});

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const KIND_ORDER: Record<string, number> = {
  'own-victimisation': 0,
  exposure: 1,
  'exposure-indirect': 2,
  background: 3,
};

function exposureRisk(
  index: DatasetIndex,
  asOf: number,
  from: number,
  horizon: number,
  o: typeof DEFAULTS & WindowOptions,
  w: ExposureRiskWeights,
  people: readonly string[] | undefined,
): PersonRisk[] {
  const window = resolveWindow(index, {
    asOf,
    since: o.since,
    retentionYears: o.retentionYears,
    fn: 'exposureRiskModel',
  });
  const { lo, hi } = window;
  const facts = personRecords(index, window);
  const n = index.personIds.length;

  // Who to report: the given ids, or everyone with a record in the window (in id order).
  let targets: number[];
  if (people) {
    // An id in no record read as 0, "no risk", as model.risk's did (inside the library's own
    // lists, whose people may be newer than the data, it stays 0: riskOfPopulation).
    const lenient = unknownPeopleAsZero();
    targets = people.map((id) => {
      const p = index.personIndex.get(id);
      if (p !== undefined) return p;
      if (!lenient) {
        const near = nearId(id, index.personIds);
        throw new InputError(
          'model.risk',
          `model.risk: person '${id}' is in none of the records${near ? ` (did you mean '${near}'?)` : ''}; give ids as in the records (an id the model does not know read as no risk).`,
        );
      }
      return -1;
    });
  } else {
    targets = [];
    for (let p = 0; p < n; p++) if (facts.records[p] > 0) targets.push(p);
  }
  const wanted = new Uint8Array(n);
  for (const p of targets) if (p >= 0) wanted[p] = 1;

  // Background: city rate over the last `backgroundDays` of the window, per person-day.
  const bgStart = Math.max(asOf - o.backgroundDays, window.since, hi > lo ? index.day[lo] : asOf);
  let bgEvents = 0;
  for (let k = index.lowerBound(bgStart); k < hi; k++) {
    if (index.severity[k] < o.minSeverity) continue;
    for (let e = index.invOffset[k]; e < index.invOffset[k + 1]; e++)
      if (index.invRole[e] === ROLE_CODE.victim) bgEvents++;
  }
  const bgSpan = asOf - bgStart;
  const rate = facts.present > 0 && bgSpan > 0 ? bgEvents / (facts.present * bgSpan) : 0;
  let vSum = 0;
  for (let p = 0; p < n; p++) if (facts.records[p] > 0) vSum += facts.violent[p];
  const vMean = facts.present > 0 ? vSum / facts.present : 0;
  const bgUnit = (rate * horizon) / (1 + w.history * vMean);

  // Event-driven parts.
  const parts = new Map<number, ExposureContribution[]>();
  const add = (p: number, c: ExposureContribution) => {
    if (!wanted[p] || !(c.value > 0)) return;
    let list = parts.get(p);
    if (!list) parts.set(p, (list = []));
    list.push(c);
  };
  const tau = o.meanDelayDays;
  const evStart = Math.max(asOf - o.windowDays, window.since);
  const needNetwork = w.exposure > 0;
  const atHarm = o.tiesAt === 'harm';
  const net =
    needNetwork && !atHarm
      ? networkOf(index, {
          asOf,
          since: o.since === undefined ? undefined : toDay(o.since),
          retentionYears: o.retentionYears,
          halfLifeDays: o.halfLifeDays,
        })
      : null;
  const best = new Map<number, { s: number; via: number }>();
  // Neighbours of j (and of theirs) with tie strengths, as of the harm or as of `from`.
  const ring =
    needNetwork && atHarm
      ? tiesAtEvent(index, {
          lo,
          reference: window.reference,
          retentionDays: (o.retentionYears ?? DEFAULT_RETENTION_YEARS) * DAYS_PER_YEAR,
          halfLifeDays: o.halfLifeDays,
        })
      : null;
  const neighbours = (j: number, k: number, ids: number[], ws: number[]) => {
    if (ring) return ring(j, k, ids, ws);
    ids.length = 0;
    ws.length = 0;
    if (!net) return;
    const { offsets, targets: nb, weights: tw } = net.csr;
    for (let x = offsets[j]; x < offsets[j + 1]; x++) {
      ids.push(nb[x]);
      ws.push(tw![x]);
    }
  };
  const nb1: number[] = [];
  const w1: number[] = [];
  const nb2: number[] = [];
  const w2: number[] = [];
  for (let k = Math.max(lo, index.lowerBound(evStart)); k < hi; k++) {
    if (index.severity[k] < o.minSeverity) continue;
    const day = index.day[k];
    const a = from - day;
    const K = Math.exp(-a / tau) - Math.exp(-(a + horizon) / tau);
    const incidentId = index.incidentId(k);
    const victimsSeen: number[] = [];
    for (let e = index.invOffset[k]; e < index.invOffset[k + 1]; e++) {
      if (index.invRole[e] !== ROLE_CODE.victim) continue;
      const j = index.invPerson[e];
      if (victimsSeen.includes(j)) continue;
      victimsSeen.push(j);
      const jid = index.personIds[j];
      add(j, { kind: 'own-victimisation', incidentId, day, value: w.ownVictimisation * K });
      if (!needNetwork) continue;
      neighbours(j, k, nb1, w1);
      for (let x = 0; x < nb1.length; x++) {
        add(nb1[x], {
          kind: 'exposure',
          via: jid,
          incidentId,
          day,
          value: w.exposure * Math.min(1, w1[x]) * K,
        });
      }
      if (o.maxDistance < 2 || w.indirect === 0) continue;
      // Distance 2: the strongest path j — i — q (strength = weaker tie), q not j nor j's neighbour.
      best.clear();
      for (let x = 0; x < nb1.length; x++) {
        const i = nb1[x];
        const s1 = Math.min(1, w1[x]);
        neighbours(i, k, nb2, w2);
        for (let y = 0; y < nb2.length; y++) {
          const q = nb2[y];
          if (q === j || !wanted[q]) continue;
          const s = Math.min(s1, Math.min(1, w2[y]));
          const b = best.get(q);
          if (!b || s > b.s || (s === b.s && i < b.via)) best.set(q, { s, via: i });
        }
      }
      for (const q of nb1) best.delete(q);
      for (const [q, b] of best) {
        add(q, {
          kind: 'exposure-indirect',
          via: jid,
          through: index.personIds[b.via],
          incidentId,
          day,
          value: w.exposure * w.indirect * b.s * K,
        });
      }
    }
  }

  const out: PersonRisk[] = new Array(targets.length);
  for (let t = 0; t < targets.length; t++) {
    const p = targets[t];
    const id = p >= 0 ? index.personIds[p] : people![t];
    const list: ExposureContribution[] = p >= 0 ? [...(parts.get(p) ?? [])] : [];
    const v = p >= 0 ? facts.violent[p] : 0;
    list.push({ kind: 'background', value: bgUnit * (1 + w.history * v) });
    list.sort(compareContributions);
    let expected = 0;
    for (const c of list) expected += c.value;
    out[t] = { person_id: id, expected, contributions: list };
  }
  return out;
}

/** Largest first; then by kind, most recent, associate id, incident id (a total order). */
export function compareContributions(a: RiskContribution, b: RiskContribution): number {
  return (
    b.value - a.value ||
    (KIND_ORDER[a.kind] ?? 9) - (KIND_ORDER[b.kind] ?? 9) ||
    (b.day ?? 0) - (a.day ?? 0) ||
    cmp(a.via ?? '', b.via ?? '') ||
    cmp(a.incidentId ?? '', b.incidentId ?? '')
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
