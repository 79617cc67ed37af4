import type { ColumnTable } from 'arquero';
import * as aq from 'arquero';
import type { AbstractGraph } from 'graphology-types';
import { indexDataset, ROLE_CODE } from '../core/dataset-index.js';
import { DataRefusedError, InputError, OptionError } from '../core/errors.js';
import { checkDataset, describeInput } from '../core/guards.js';
import { idAsRead } from '../core/id-as-read.js';
import { killedDay, laterThanKilled } from '../core/killed.js';
import { checkOptions, nearId, type OptionRules, rule } from '../core/options.js';
import { count } from '../core/plural.js';
import {
  assertModelBefore,
  assertModelForecasts,
  modelCaveats,
  type RiskModel,
  riskOfPopulation,
} from '../core/risk.js';
import { competitionRanks, tieClasses } from '../core/ties.js';
import {
  DAY_MS,
  DAYS_PER_YEAR,
  type DateLike,
  dayToIso,
  resolveAsOf,
  toDay,
} from '../core/time.js';
import type { Dataset } from '../core/types.js';
import {
  DEFAULT_RETENTION_YEARS,
  dataToday,
  dateOption,
  horizonRule,
  resolveWindow,
  windowRules,
} from '../core/window.js';
import { windowText } from '../core/window-text.js';
import type { CoOffendingEdgeAttributes } from '../graph/co-offending-graph.js';
import { daysBefore, harmWords, incidentFor, reasonText } from './describe.js';
import { compareContributions } from './exposure-risk-model.js';
import { assertPlausibleRisks } from './plausible-risk.js';
import { type PseudonymiseOption, pseudonymiser } from './pseudonymise.js';
import { PURPOSE_LABEL, withListMetadata } from './purpose.js';
import { incidentsById, localTies, severalHomicideVictims, unseenByModel } from './records.js';

/** Which side of the index incident a contact is on. */
export type TraceSide = 'victim-side' | 'offender-side' | 'both';

/** Options of {@link traceContacts}. */
export interface TraceContactsOptions {
  /**
   * A co-offending graph to trace on (e.g. built with another half-life). It must be as of the
   * trace date or earlier (its `asOf` attribute), so that no later record is used (else an
   * `OptionError`, option `'graph'`; it was a `RangeError`). Default: the
   * co-offending network built from `data` as of `asOf`.
   */
  graph?: AbstractGraph;
  /** Furthest network distance traced from each victim and offender: 1 or 2. Default 2. */
  maxDistance?: 1 | 2;
  /** Days after the index incident by which each contact should be reached. Default 14. */
  responseDays?: number;
  /**
   * Risk model for the `risk` column (e.g. a fitted network Hawkes model). Default none. For a
   * risk that counts the index incident itself (the excitation a shooting adds to its victim's
   * contacts), give a model that has read it: fitted as of the day after the incident, or updated
   * with it (`updateNetworkHawkes`); its risk is then taken from the day after the incident. A
   * model fitted before the incident gives each person's risk before it, and the warnings say so.
   */
  model?: RiskModel;
  /** Horizon in days of the risk column. Default 90. */
  horizonDays?: number;
  /**
   * Date the network is taken as of (records strictly before it). Default: the index incident's
   * date, so the list rests only on what was known when it happened. Must not be earlier (an
   * `OptionError`, option `'asOf'`; it was a `RangeError`).
   */
  asOf?: DateLike;
  /** List the index incident's victims and offenders themselves (distance 0). Default true. */
  includeIndexPeople?: boolean;
  /** Half-life in days of tie strength (see `coOffendingGraph`). Default 365. */
  halfLifeDays?: number;
  /**
   * Retention horizon in years, counted back from `today` (or from `asOf` when later): an index
   * incident older than this is refused (`DataRefusedError` code `past-retention`), and older
   * records are left out of the network. Default 6.
   */
  retentionYears?: number;
  /**
   * The date the list is made and acted on. The retention horizon is counted back from it, and a
   * respond-by date before it is never given (the `respond_by` column is then empty and a warning
   * says the response window has passed). Default: the later of `asOf` and the day after the
   * latest record in `data` (pass the real date when the records are older than today). A `Date`
   * with a time of day, `new Date()`, is "now": its date on the runtime's local calendar (in
   * the evening in Chicago, not the next day's UTC date). Text ('2023-10-05') and a `Date` at
   * midnight UTC are read as that date, whatever the machine's zone. The date of `asOf` itself
   * (the night of a shooting recorded with a time of day) is accepted; an earlier date is refused
   * (an `OptionError`, option `'today'`; it was a `RangeError`).
   */
  today?: DateLike;
  /** Pseudonymise person ids (in every column) with a secret key. Default: none (ids as in the records). */
  pseudonymise?: PseudonymiseOption;
}

/**
 * One row of the {@link traceContacts} table, one per person to reach, as
 * `todo.objects() as ContactRow[]` reads it. The index incident's own victims and offenders are
 * the rows at distance 0, with null in the columns of a tie.
 */
export interface ContactRow {
  /**
   * Order of contact, 1 first. Rows tied on every key of the priority order but the person id
   * share the priority of the first of them (1, 1, 3).
   */
  priority: number;
  /** The person (pseudonymised when a key is given). */
  person_id: string;
  /** Close to someone harmed (`'victim-side'`), to those who caused harm (`'offender-side'`), or `'both'`. */
  side: TraceSide;
  /** Network distance from the index person reached: 0 (an index person), 1 or 2 ties. */
  distance: number;
  /** At distance 0, their role in the index incident; null for contacts. */
  index_role: 'victim' | 'offender' | 'victim and offender' | null;
  /** The index person reached (pseudonymised when a key is given). */
  linked_to: string;
  /** The path from that person, e.g. "V1 — B — C". */
  path: string;
  /** Shared incidents on the tie reaching the contact; null at distance 0. */
  tie_count: number | null;
  /** Recency-decayed strength of the weakest tie on the path (a strength: larger is closer); null at distance 0. */
  tie_strength: number | null;
  /** ISO date the whole path was last active; null at distance 0. */
  last_contact: string | null;
  /** Days from `last_contact` to the trace's `asOf`; null at distance 0. */
  days_since_contact: number | null;
  /** Expected serious-violence victimisations in `horizonDays` from the `model`; null without a model. */
  risk: number | null;
  /** The largest part of `risk`, in words; null without a model. */
  risk_reason: string | null;
  /** ISO date to reach them by (incident date + `responseDays`); null once that date has passed. */
  respond_by: string | null;
  /** A plain sentence: who they are close to, and how. */
  note: string;
}

/** What a refusal of the model's forecasts advises instead. */
const TRACE_INSTEAD = 'Trace without the model (the contacts need none), or ';

const DEFAULTS = {
  maxDistance: 2 as 1 | 2,
  responseDays: 14,
  horizonDays: 90,
  includeIndexPeople: true,
  halfLifeDays: 365,
  retentionYears: DEFAULT_RETENTION_YEARS,
};

const RULES: OptionRules<TraceContactsOptions> = {
  graph: (v) =>
    typeof v === 'object' && v !== null && typeof (v as AbstractGraph).forEachNode === 'function'
      ? undefined
      : 'a graphology graph (e.g. from coOffendingGraph)',
  maxDistance: rule.oneOf([1, 2]),
  responseDays: rule.number({ min: 0 }),
  model: (v) =>
    typeof v === 'object' && v !== null && typeof (v as RiskModel).risk === 'function'
      ? undefined
      : 'a risk model (an object with a risk function, e.g. from fitNetworkHawkes)',
  horizonDays: horizonRule(),
  asOf: rule.date,
  includeIndexPeople: rule.boolean,
  halfLifeDays: rule.number({ above: 0 }),
  retentionYears: windowRules.retentionYears,
  today: rule.date,
  pseudonymise: rule.record(),
};

interface Tie {
  id: string;
  count: number;
  weight: number;
  lastDay: number;
}

interface Reach {
  id: string;
  distance: number;
  linkedTo: string;
  through: string | null;
  strength: number;
  lastDay: number;
  count: number;
  sides: number; // bit 1: victim side, bit 2: offender side
  indexRole: 'victim' | 'offender' | 'victim and offender' | null;
}

/**
 * The people to reach after an index incident, as a same-day action list: the incident's victims
 * and offenders, and their co-offending contacts at distance 1 and 2 in the network as of the
 * incident (no later record is read).
 *
 * Columns: `priority` (1 = first; rows tied on every key of the priority order below but the
 * person id share the priority of the first of them, 1, 1, 3, risks and tie strengths within
 * `TIE_TOLERANCE`, 1e-9, of the largest counting as equal), `person_id`, `side` (`victim-side`: close to someone harmed,
 * where retaliation may start; `offender-side`: close to those who caused harm, who may face
 * counter-retaliation; `both`), `distance` (0 for the index people), `index_role`, `linked_to`
 * (the index person reached), `path` ("V1 — B — C"), `tie_count` (shared incidents on the tie
 * reaching the contact), `tie_strength` (recency-decayed strength of the weakest tie on the path),
 * `last_contact` (ISO date the whole path was last active) and `days_since_contact`, `risk`
 * (expected events in `horizonDays` from `model`, or null: the sum of the model's parts less
 * those resting on incidents older than the retention horizon, which the summary counts, as
 * `rankForOutreach` removes them; a model that is explosive and not identified, or an update of
 * one, is refused, code `not-identified`) and `risk_reason` (its largest part, its "days ago"
 * counted back from `today`, the day the list is read, as a ranked list's are),
 * `respond_by` (incident date + `responseDays`), and a plain `note`: one {@link ContactRow} each.
 *
 * Nobody killed is listed (the only victim of the index homicide, or the only victim of a homicide
 * dated before `asOf`; victims of a homicide with several are listed, with a warning, as is an only
 * victim with records dated after the homicide and before `asOf`): the warnings name them, and
 * the contacts reached through them are listed.
 * An incident naming no victim or offender (only a witness, or nobody) gives an empty list whose
 * warnings say so. The model's own warnings (not identified, too few events, …) are repeated in
 * the list's, as `rankForOutreach` repeats them.
 *
 * The incident id is matched as given, else without its surrounding spaces, as ingest reads ids
 * (a Dataset built by hand may hold ' I6 ' itself); an id not in the data is refused naming the
 * closest one it holds (other leading zeros, letter case or a typo).
 *
 * Priority order (deterministic): distance (the index people first, victims before offenders);
 * then risk (highest first, when a model is given);
 * then tie strength (strongest first); then most recent contact; then person id, which only
 * lists rows tied on all the rest (they share a priority).
 *
 * @example
 * const todo = traceContacts(data, 'I2024-0193', { responseDays: 14 });
 * todo.select('priority', 'person_id', 'side', 'path', 'respond_by').print();
 */
export function traceContacts(
  data: Dataset,
  indexIncidentId: string,
  options: TraceContactsOptions = {},
): ColumnTable {
  checkDataset('traceContacts', data);
  if (typeof indexIncidentId !== 'string')
    throw new InputError(
      'traceContacts',
      `traceContacts: the index incident must be an incident id (text), got ${typeof indexIncidentId === 'number' ? `${indexIncidentId} (a number): pass String(id) ('${indexIncidentId}')` : describeInput(indexIncidentId)}`,
    );
  if (indexIncidentId.trim() === '')
    throw new InputError(
      'traceContacts',
      `traceContacts: the index incident id is empty${indexIncidentId === '' ? '' : ' (only spaces)'}; give the id of an incident in the data`,
    );
  const givenId = indexIncidentId;
  options = checkOptions('traceContacts', options, RULES);
  const o = { ...DEFAULTS };
  for (const [k, v] of Object.entries(options))
    if (v !== undefined) (o as Record<string, unknown>)[k] = v;
  const index = indexDataset(data);
  // Searched from the latest record back: a new shooting is found at once.
  const latest = (id: string) => {
    let k = index.day.length - 1;
    while (k >= 0 && index.incidentId(k) !== id) k--;
    return k;
  };
  // The id as given, else without its surrounding spaces, as ingest reads ids (' I6 ' is 'I6'):
  // a Dataset built by hand may hold ' I6 ' itself, which the trimmed id alone never found.
  let k0 = latest(givenId);
  // Likewise an id pasted with a character that shows as nothing, which ingest drops.
  if (k0 < 0 && idAsRead(givenId) !== givenId) k0 = latest(idAsRead(givenId));
  indexIncidentId = k0 >= 0 ? index.incidentId(k0) : givenId.trim();
  const incident = k0 >= 0 ? index.incidentAt(k0) : undefined;
  if (!incident) {
    // The ids read from the index, as the search above: data.incidents would make every
    // incident record of a columnar dataset (ingest's output) just for this message.
    const ids = function* () {
      for (let k = 0; k < index.day.length; k++) yield index.incidentId(k);
    };
    const near = nearId(indexIncidentId, ids());
    throw new InputError(
      'traceContacts',
      `traceContacts: index incident '${indexIncidentId}' is not in the data; check the id (ids are matched exactly, as text)${near ? `: did you mean '${near}'?` : '.'}`,
    );
  }
  let asOf =
    options.asOf === undefined
      ? incident.day
      : dateOption('traceContacts', 'asOf', () => resolveAsOf(options.asOf));
  // As of the incident's own date is as of the incident (the default), whatever its time of day.
  if (asOf < incident.day && Math.floor(asOf) === Math.floor(incident.day)) asOf = incident.day;
  if (asOf < incident.day) {
    throw new OptionError(
      'traceContacts',
      'asOf',
      `traceContacts: option 'asOf' (${dayToIso(asOf)}) is before the index incident (${incident.date}); trace as of its date or later`,
    );
  }
  // A model may have read the index incident's own day (fitted as of the next day, or updated
  // with tonight's shooting): its risk, which counts the incident, starts the day after it. The
  // network stays as of asOf. Records of a later day are refused, as anywhere.
  const modelLast = options.model?.lastRecordDay;
  const readsIndex =
    modelLast !== undefined && Number.isFinite(modelLast) && modelLast >= Math.floor(incident.day);
  const riskFrom = readsIndex ? Math.max(asOf, Math.floor(incident.day) + 1) : asOf;
  if (options.model) assertModelBefore('traceContacts', options.model, riskFrom);
  if (options.model) assertModelForecasts('traceContacts', options.model, TRACE_INSTEAD);
  const retentionYears = options.retentionYears ?? DEFAULT_RETENTION_YEARS;
  // Retention is counted from the day the list is used, never only from the incident's day.
  // `today` is the date of use. A Date with a time of day is "now" (`new Date()`): its date on
  // the runtime's calendar, not in UTC (already tomorrow in the Americas' evening). Text and a
  // Date at midnight UTC are dates, read exactly.
  const t = options.today;
  const today =
    t === undefined
      ? Math.max(asOf, dataToday(index))
      : Number.isNaN(toDay(t))
        ? dateOption('traceContacts', 'today', () => resolveAsOf(t, 'today')) // throws: not a date
        : t instanceof Date && t.getTime() % DAY_MS !== 0
          ? Date.UTC(t.getFullYear(), t.getMonth(), t.getDate()) / DAY_MS
          : Math.floor(toDay(t));
  // `asOf` keeps the shooting's time of day; `today` is a date: the night of the shooting is not before it.
  if (today < Math.floor(asOf)) {
    throw new OptionError(
      'traceContacts',
      'today',
      `traceContacts: option 'today' (${dayToIso(today)}) is before asOf ${dayToIso(Math.floor(asOf))}; a trace cannot rest on records from after the day it is used`,
    );
  }
  const horizon = today - retentionYears * DAYS_PER_YEAR;
  if (incident.day < horizon) {
    throw new DataRefusedError(
      'past-retention',
      `traceContacts: incident ${indexIncidentId} (${incident.date}) is older than the ${retentionYears}-year retention horizon counted back from ${dayToIso(today)} (records before ${dayToIso(Math.ceil(horizon))} should no longer be held); there is nobody to reach for it. Pass today (the date the list is used) if the records are older than they look.`,
    );
  }
  const window = resolveWindow(index, { asOf, retentionYears, today });

  // Index people and their side.
  const roles = new Map<string, number>(); // bit 1 victim, bit 2 offender
  let others = 0; // people in another role (a witness): not traced from
  for (let e = index.invOffset[k0]; e < index.invOffset[k0 + 1]; e++) {
    const r = index.invRole[e];
    if (r === ROLE_CODE.other) {
      others++;
      continue;
    }
    const id = index.personIds[index.invPerson[e]];
    roles.set(id, (roles.get(id) ?? 0) | (r === ROLE_CODE.victim ? 1 : 2));
  }

  const neighbours = options.graph
    ? graphNeighbours(options.graph, asOf)
    : indexNeighbours(index, asOf, retentionYears, today, o.halfLifeDays);

  const reach = new Map<string, Reach>();
  const seeds = [...roles.keys()].sort();
  for (const s of seeds) {
    const side = roles.get(s)!;
    const role = side === 1 ? 'victim' : side === 2 ? 'offender' : 'victim and offender';
    reach.set(s, {
      id: s,
      distance: 0,
      linkedTo: s,
      through: null,
      strength: Number.POSITIVE_INFINITY,
      lastDay: incident.day,
      count: 0,
      sides: side,
      indexRole: role,
    });
  }
  const consider = (cand: Reach) => {
    const cur = reach.get(cand.id);
    if (!cur) {
      reach.set(cand.id, cand);
      return;
    }
    // An index person keeps the side of their own role in the incident.
    if (cur.distance === 0) return;
    cur.sides |= cand.sides;
    if (
      cand.distance < cur.distance ||
      (cand.distance === cur.distance &&
        (cand.strength > cur.strength ||
          (cand.strength === cur.strength &&
            (cand.lastDay > cur.lastDay ||
              (cand.lastDay === cur.lastDay &&
                cand.linkedTo + (cand.through ?? '') < cur.linkedTo + (cur.through ?? ''))))))
    ) {
      cand.sides = cur.sides;
      reach.set(cand.id, cand);
    }
  };
  for (const s of seeds) {
    const sides = roles.get(s)!;
    for (const t1 of neighbours(s)) {
      consider({
        id: t1.id,
        distance: 1,
        linkedTo: s,
        through: null,
        strength: t1.weight,
        lastDay: t1.lastDay,
        count: t1.count,
        sides,
        indexRole: null,
      });
      if (o.maxDistance < 2) continue;
      for (const t2 of neighbours(t1.id)) {
        if (t2.id === s) continue;
        consider({
          id: t2.id,
          distance: 2,
          linkedTo: s,
          through: t1.id,
          strength: Math.min(t1.weight, t2.weight),
          lastDay: Math.min(t1.lastDay, t2.lastDay),
          count: t2.count,
          sides,
          indexRole: null,
        });
      }
    }
  }
  let rows = [...reach.values()];
  if (!o.includeIndexPeople) rows = rows.filter((r) => r.distance > 0);
  // Nobody killed is listed to be reached: a victim killed in the index incident, or anyone
  // killed in an incident before asOf. Their contacts stay (paths may start from them).
  const hi = index.lowerBound(asOf);
  const killedRows: string[] = [];
  const contradicted: string[] = []; // recorded killed, with later records: listed, warned
  // A homicide with several victims: who died is not recorded, so all stay listed (warned).
  const several = severalHomicideVictims(index, k0);
  rows = rows.filter((r) => {
    const p = index.personIndex.get(r.id);
    // The index homicide's only victim with records after it (before asOf) is listed, warned.
    const dead =
      (r.distance === 0 &&
        (roles.get(r.id)! & 1) === 1 &&
        incident.severity >= 4 &&
        !several &&
        !(p !== undefined && laterThanKilled(index, p, hi, window.lo))) ||
      (p !== undefined && killedDay(index, p, hi, window.lo) !== undefined);
    if (dead) killedRows.push(r.id);
    else if (p !== undefined && laterThanKilled(index, p, hi, window.lo)) contradicted.push(r.id);
    return !dead;
  });

  // Current risk of each listed person, from the model, as of the trace date. Parts resting on
  // incidents older than the retention horizon are removed, as the list does with the records
  // and rankForOutreach with its scores: the risk is the sum of the parts kept.
  const risk = new Map<string, { expected: number; reason: string | null }>();
  const display = pseudonymiser(options.pseudonymise, 'traceContacts');
  let partsBeyondRetention = 0;
  if (options.model) {
    const raw = riskOfPopulation(
      options.model,
      rows.map((r) => r.id),
      { from: riskFrom, horizonDays: o.horizonDays },
    );
    assertPlausibleRisks(
      'traceContacts',
      options.model,
      o.horizonDays,
      raw.map((r) => r.expected),
      TRACE_INSTEAD,
    );
    const risks = raw.map((r) => {
      const kept = r.contributions.filter((c) => !(c.day !== undefined && c.day < window.since));
      if (kept.length === r.contributions.length) return r;
      partsBeyondRetention += r.contributions.length - kept.length;
      let expected = 0;
      for (const c of kept) expected += c.value;
      return { ...r, expected, contributions: kept };
    });
    const incidentById = incidentsById(
      index,
      risks.flatMap((r) => r.contributions),
      hi,
    );
    for (const r of risks) {
      const top = [...r.contributions].sort(compareContributions)[0];
      const inc = top?.incidentId !== undefined ? incidentById.get(top.incidentId) : undefined;
      const day = top?.day ?? inc?.day;
      risk.set(r.person_id, {
        expected: r.expected,
        reason: top
          ? reasonText({
              kind: top.kind,
              value: top.value,
              via: top.via !== undefined ? display(top.via) : undefined,
              through:
                (top as { through?: string }).through !== undefined
                  ? display((top as { through?: string }).through!)
                  : undefined,
              incident: inc,
              // Counted back from the day the list is read, as the ranked list's are: from the
              // incident's day, a trace read 17 days after a homicide said "killed today".
              days: day !== undefined ? daysBefore(today, day) : undefined,
            })
          : null,
      });
    }
  }

  const victimFirst = (r: Reach) => (r.indexRole === 'offender' ? 1 : 0);
  // Risks and tie strengths within TIE_TOLERANCE of each other are tied (noise is no order):
  // each is read as its tie class (0 the highest), so the order and the shared priorities use one
  // rule, whatever order the rows came in. Index people are not ordered by strength.
  const riskClass = tieClasses(
    rows.map((r) => risk.get(r.id)?.expected ?? Number.NEGATIVE_INFINITY),
  );
  const strengthClass = tieClasses(rows.map((r) => (r.distance === 0 ? 0 : r.strength)));
  const classes = new Map(rows.map((r, i) => [r, [riskClass[i], strengthClass[i]] as const]));
  // The order's keys; rows equal in all of them share a priority (the person id only lists them).
  const keys = (a: Reach, b: Reach) =>
    a.distance - b.distance ||
    victimFirst(a) - victimFirst(b) ||
    classes.get(a)![0] - classes.get(b)![0] ||
    classes.get(a)![1] - classes.get(b)![1] ||
    b.lastDay - a.lastDay;
  rows.sort((a, b) => keys(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  // Never a respond-by date in the past: once the response window has passed, the column is empty.
  const respondByDay = Math.floor(incident.day + o.responseDays);
  const overdue = respondByDay < Math.floor(today);
  const respondBy = overdue ? null : dayToIso(respondByDay);
  const warnings: string[] = [];
  if (overdue) {
    warnings.push(
      `The ${o.responseDays}-day response window after incident ${indexIncidentId} ended on ${dayToIso(respondByDay)}, before ${dayToIso(today)}: respond_by is left empty. This list looks back at who was close to the incident; it is not a deadline.`,
    );
  }
  // The model's caveats travel with its risks, as with rankForOutreach's scores (not identified,
  // too few events, …): a trace with a risk column from a fit that is not identified read as
  // if the fit were sound.
  if (options.model) warnings.push(...modelCaveats(options.model));
  // The risk column rests on the model: records it has not seen are not in it.
  const unseen = unseenByModel(index, options.model, asOf);
  if (unseen) warnings.push(unseen);
  // A model fitted before the index incident has not read it: its risk is from before it.
  if (options.model && modelLast !== undefined && Number.isFinite(modelLast) && !readsIndex)
    warnings.push(
      `The risk column is each person's risk before incident ${indexIncidentId}: the model '${options.model.name}' has read records up to ${dayToIso(modelLast)}, not the incident itself, so the harm in it (and the risk it adds to the contacts of the people in it) is not counted. For a risk that counts it, fit the model as of ${dayToIso(Math.floor(incident.day) + 1)} or add the incident with updateNetworkHawkes.`,
    );
  // No victim or offender on record in the incident: nobody to trace from (not "nobody to reach").
  if (roles.size === 0)
    warnings.push(
      `Incident ${indexIncidentId} names no victim or offender (${others ? `only ${others === 1 ? '1 person' : `${others} people`} in another role, such as a witness` : 'nobody is recorded in it'}), so there is nobody to trace contacts from and the list is empty; that does not mean nobody needs support. Check the incident's records (rows left out at ingest?).`,
    );
  // Nothing on record before the trace date: no contact can be traced (not "nobody to reach").
  if (window.hi === window.lo && o.maxDistance > 0)
    warnings.push(
      `No records before ${dayToIso(asOf)} (within the retention horizon): the network is empty, so no contacts can be traced and only the incident's own people are listed. Records from before it would show who was close to them.`,
    );
  if (several)
    warnings.push(
      `Incident ${indexIncidentId} is a homicide with several victims: the records do not say who died, so all its victims are listed; check whether they survived before contacting.`,
    );
  if (killedRows.length > 0) {
    const ids = killedRows.sort().map(display);
    const named =
      ids.length <= 5 ? ids.join(', ') : `${ids.slice(0, 5).join(', ')} and ${ids.length - 5} more`;
    warnings.push(
      `Not listed, as killed (the only victim of a homicide on record, in this incident or before ${dayToIso(asOf)}): ${named}. Their families and close contacts may need support; the contacts reached through them are listed.`,
    );
  }
  if (contradicted.length > 0)
    warnings.push(
      `Recorded as the only victim of a homicide and yet with records dated after it (a reused id or a data error?): ${contradicted.sort().map(display).join(', ')}. Listed; check the records before contacting.`,
    );
  // A non-violent index incident harmed nobody: its people are named by their recorded roles,
  // and the list says that retaliation, which it is made for, is not to be expected from it.
  const violent = incident.severity > 0;
  if (!violent)
    warnings.push(
      `Incident ${indexIncidentId} is recorded as non-violent (severity 0): nobody was harmed in it, so the retaliation this list is made for is not to be expected from it; trace from an incident of violence.`,
    );
  const harm = several
    ? 'harmed in this homicide, whose records do not say who died'
    : violent
      ? `${harmWords(incidentFor(index, k0, hi))} in this incident`
      : 'recorded as a victim in this incident';
  const n = rows.length;
  const cols = {
    priority: new Int32Array(n),
    person_id: new Array<string>(n),
    side: new Array<TraceSide>(n),
    distance: new Int32Array(n),
    index_role: new Array<string | null>(n),
    linked_to: new Array<string>(n),
    path: new Array<string>(n),
    tie_count: new Array<number | null>(n),
    tie_strength: new Array<number | null>(n),
    last_contact: new Array<string | null>(n),
    days_since_contact: new Array<number | null>(n),
    risk: new Array<number | null>(n),
    risk_reason: new Array<string | null>(n),
    respond_by: new Array<string | null>(n).fill(respondBy),
    note: new Array<string>(n),
  };
  // Tied rows share the priority of the first of them (1, 1, 3).
  cols.priority.set(competitionRanks(n, (i) => keys(rows[i - 1], rows[i]) === 0));
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    const side: TraceSide =
      r.sides === 3 ? 'both' : r.sides === 1 ? 'victim-side' : 'offender-side';
    const path = [r.linkedTo, ...(r.through ? [r.through] : []), ...(r.distance > 0 ? [r.id] : [])];
    cols.person_id[i] = display(r.id);
    cols.side[i] = side;
    cols.distance[i] = r.distance;
    cols.index_role[i] = r.indexRole;
    cols.linked_to[i] = display(r.linkedTo);
    cols.path[i] = path.map(display).join(' — ');
    cols.tie_count[i] = r.distance > 0 ? r.count : null;
    cols.tie_strength[i] = r.distance > 0 ? r.strength : null;
    cols.last_contact[i] = r.distance > 0 ? dayToIso(r.lastDay) : null;
    cols.days_since_contact[i] = r.distance > 0 ? daysBefore(asOf, r.lastDay) : null;
    const rk = risk.get(r.id);
    cols.risk[i] = rk ? rk.expected : null;
    cols.risk_reason[i] = rk ? rk.reason : null;
    cols.note[i] = note(r, side, display, harm, roles, violent);
  }

  const from = Number.isFinite(window.since) ? dayToIso(Math.ceil(window.since)) : null;
  const summary = [
    PURPOSE_LABEL,
    `Contacts of the ${count(roles.size, 'person', 'people')} in incident ${indexIncidentId} (${incident.date}) up to distance ${o.maxDistance}, on the records from ${windowText(from, dayToIso(asOf))}; ${respondBy ? `reach them by ${respondBy}` : `the ${o.responseDays}-day response window ended on ${dayToIso(respondByDay)}, before ${dayToIso(today)}`}.`,
    `${count(window.droppedByRetention, 'incident')} older than the ${retentionYears}-year retention horizon (counted back from ${dayToIso(today)}) ${window.droppedByRetention === 1 ? 'was' : 'were'} excluded${partsBeyondRetention ? `, and ${count(partsBeyondRetention, 'part')} of risks resting on them ${partsBeyondRetention === 1 ? 'was' : 'were'} removed` : ''}.`,
    ...(options.model
      ? [
          `Risk is expected serious-violence victimisations in the ${count(o.horizonDays, 'day')} from ${dayToIso(riskFrom)} (model: ${options.model.name}), ${readsIndex ? `counting incident ${indexIncidentId}` : `before incident ${indexIncidentId} (the model has not read it)`}.`,
        ]
      : []),
  ].join('\n');
  return withListMetadata(
    aq.table(cols),
    {
      purpose: PURPOSE_LABEL,
      kind: 'contact-trace',
      model: options.model?.name ?? 'none',
      parameters: {
        indexIncidentId,
        asOf: dayToIso(asOf),
        maxDistance: o.maxDistance,
        responseDays: o.responseDays,
        horizonDays: o.horizonDays,
        includeIndexPeople: o.includeIndexPeople,
        halfLifeDays: options.graph
          ? (options.graph.getAttribute('halfLifeDays') ?? null)
          : o.halfLifeDays,
        retentionYears,
        today: dayToIso(today),
        pseudonymised: options.pseudonymise !== undefined,
      },
      dataWindow: { from, to: dayToIso(asOf), incidents: window.hi - window.lo },
      excludedByRetention: window.droppedByRetention,
      summary,
      warnings: [...new Set(warnings)],
    },
    data,
  );
}

/** Defaults of each option (network steps, days, years). */
traceContacts.defaults = DEFAULTS;

function note(
  r: Reach,
  side: TraceSide,
  display: (id: string) => string,
  harm: string,
  roles: Map<string, number>,
  violent: boolean,
): string {
  const sideWords = !violent
    ? side === 'victim-side'
      ? 'close to a victim of this non-violent incident'
      : side === 'offender-side'
        ? 'close to an offender of this non-violent incident'
        : 'close to both sides of this non-violent incident'
    : side === 'victim-side'
      ? 'close to someone harmed: support to stop retaliation before it starts'
      : side === 'offender-side'
        ? 'close to those involved in causing harm: may face counter-retaliation'
        : 'close to both sides: retaliation could run either way';
  if (r.distance === 0) {
    const what =
      r.indexRole === 'victim'
        ? harm
        : r.indexRole === 'offender'
          ? violent
            ? 'recorded as involved in causing harm in this incident'
            : 'recorded as an offender in this incident'
          : 'recorded on both sides of this incident';
    return `${display(r.id)} was ${what}; ${sideWords}.`;
  }
  const linkRole = roles.get(r.linkedTo) === 1 ? harm : 'involved in this incident';
  const times = r.count === 1 ? 'once' : `${r.count} times`;
  const rel =
    r.distance === 1
      ? `Co-offended with ${display(r.linkedTo)} (${linkRole}) ${times}`
      : `Linked to ${display(r.linkedTo)} (${linkRole}) through ${display(r.through!)}`;
  return `${rel}, last together ${dayToIso(r.lastDay)}; ${sideWords}.`;
}

/**
 * Neighbours from the data's own co-offending network as of `asOf`, read from the index in place
 * (each person's ties from their own incidents): tracing from a new shooting never rebuilds the
 * whole network, so it costs milliseconds at any scale.
 */
function indexNeighbours(
  index: ReturnType<typeof indexDataset>,
  asOf: number,
  retentionYears: number,
  today: number,
  halfLifeDays: number,
): (id: string) => Tie[] {
  const window = resolveWindow(index, { asOf, retentionYears, today });
  const scratch = new Int32Array(index.personIds.length).fill(-1);
  const memo = new Map<number, Tie[]>();
  return (id) => {
    const p = index.personIndex.get(id);
    if (p === undefined) return [];
    let out = memo.get(p);
    if (out) return out;
    const ties = localTies(index, p, window, halfLifeDays, scratch);
    out = [];
    for (let i = 0; i < ties.people.length; i++) {
      out.push({
        id: index.personIds[ties.people[i]],
        count: ties.count[i],
        weight: ties.weight[i],
        lastDay: ties.last[i],
      });
    }
    memo.set(p, out);
    return out;
  };
}

/** Neighbours from a caller's co-offending graph, refusing one that reaches past `asOf`. */
function graphNeighbours(graph: AbstractGraph, asOf: number): (id: string) => Tie[] {
  const graphAsOf = graph.getAttribute('asOf') as string | null | undefined;
  const day = dayToIso(Math.floor(asOf));
  // A graph without the attribute (one built by hand, from another source) was said to be 'as
  // of the end of the data, after the trace date': nothing says when it is as of.
  if (graphAsOf === undefined)
    throw new OptionError(
      'traceContacts',
      'graph',
      `traceContacts: option 'graph' has no 'asOf' attribute, so nothing shows its ties predate the trace date ${day}: build it with coOffendingGraph(data, { asOf: '${day}' }), or set graph.setAttribute('asOf', …) to the date its ties are as of`,
    );
  if (typeof graphAsOf !== 'string' || toDay(graphAsOf) > asOf) {
    throw new OptionError(
      'traceContacts',
      'graph',
      `traceContacts: option 'graph' is as of ${graphAsOf ?? 'the end of the data'}, after the trace date ${dayToIso(asOf)}: build it with coOffendingGraph(data, { asOf }) so no later record is used`,
    );
  }
  return (id) => {
    if (!graph.hasNode(id)) return [];
    const out: Tie[] = [];
    graph.forEachNeighbor(id, (nb) => {
      const a = graph.getEdgeAttributes(graph.edge(id, nb)!) as Partial<CoOffendingEdgeAttributes>;
      out.push({
        id: nb,
        count: a.count ?? 1,
        weight: a.weight ?? a.count ?? 1,
        lastDay: a.last ? toDay(a.last) : Number.NEGATIVE_INFINITY,
      });
    });
    return out;
  };
}
