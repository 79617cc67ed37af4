/**
 * Live update of a fitted network Hawkes model: the night a shooting happens, add the new records
 * to the model's history without refitting, and see at once whose risk they raised and why.
 */
import type { ColumnTable } from 'arquero';
import * as aq from 'arquero';
import { ROLE_CODE } from '../../core/dataset-index.js';
import { DataRefusedError, InputError, OptionError } from '../../core/errors.js';
import { personAsRead } from '../../core/id-as-read.js';
import { killedIn } from '../../core/killed.js';
import { checkOptions, type OptionRules, rule } from '../../core/options.js';
import { count } from '../../core/plural.js';
import {
  asPopulation,
  type PersonRisk,
  type RiskContribution,
  unknownPeopleAsZero,
} from '../../core/risk.js';
import { type DateLike, dayToIso, resolveAsOf, toDay } from '../../core/time.js';
import type { Dataset, Incident } from '../../core/types.js';
import { horizonRule } from '../../core/window.js';
import { atRiskAt, atRiskIntervals, atRiskShare, type Counts, countsBefore } from './background.js';
import { kernelDensity, season } from './engine.js';
import {
  backgroundIntegral,
  intensityDecomposed,
  kernelMassAtRisk,
  type NetworkHawkesModel,
  personFactor,
  personNumber,
  refuseUnknownPerson,
  risk as riskOf,
  riskSetOuts,
  trendRate,
} from './model.js';
import { eventsFrom, tieG, voCarries } from './prepare.js';

/** Options of {@link updateNetworkHawkes}. */
export interface UpdateNetworkHawkesOptions {
  /**
   * Date from which the updated risks in `changes` are counted. Default: the day after the latest
   * new record (records count from the day after they are dated, as everywhere in the library).
   */
  asOf?: DateLike;
  /** Horizon of the risks in `changes`, in days. Default 90. */
  horizonDays?: number;
}

const DEFAULTS = { horizonDays: 90 };

const RULES: OptionRules<UpdateNetworkHawkesOptions> = {
  asOf: rule.date,
  horizonDays: horizonRule(),
};

/**
 * One row of an update's `changes` table ({@link NetworkHawkesUpdate.changes}), one per person
 * whose risk the new records change, largest change first, as
 * `live.changes.objects() as HawkesChangeRow[]` reads it.
 */
export interface HawkesChangeRow {
  /** The person. */
  person_id: string;
  /**
   * 0: in a new incident; 1: tied to someone harmed in one (or by a victim–offender tie a new
   * incident forms); 2: with the fit's `groupEventDays`, in the group of someone harmed in one.
   */
  distance: number;
  /** The person harmed through whom the change comes; null at distance 0. */
  via: string | null;
  /** The new incident behind the change. */
  incident_id: string;
  /** Intensity λ at `asOf` before the new records, in events per day (without frailty and forecast level). */
  intensity_before: number;
  /** The same after them. */
  intensity_after: number;
  /** Expected events in [asOf, asOf + horizonDays) before the new records (first generation). */
  risk_before: number;
  /** The same after them. */
  risk_after: number;
  /** `risk_after − risk_before`. */
  change: number;
  /** The change in a plain sentence. */
  reason: string;
}

/** A fitted model with later records added to its history (parameters unchanged). */
export interface NetworkHawkesUpdate {
  readonly name: 'network-hawkes-live';
  /** Day of the latest record the model now holds (the latest new record). */
  readonly lastRecordDay: number;
  /** The fitted model the update starts from (its parameters are used unchanged). */
  readonly base: NetworkHawkesModel;
  /** New serious-violence events (incidents that pass the model's outcome rule, per person). */
  readonly newEvents: number;
  /**
   * People whose risk the new records change, largest change first: `person_id`, `distance` (0:
   * in a new incident; 1: tied to someone who was harmed in one, by a co-offending tie or, with
   * the fit's `victimOffenderTies`, a victim–offender tie (the fit's or one the new incidents
   * form), or tied by a victim–offender tie a new incident forms to someone whose earlier harm it
   * carries (static ties); 2: with the fit's `groupEventDays`, in the group of someone who was
   * harmed in one), `via` (that person),
   * `incident_id`, `intensity_before` and `intensity_after` (λ at `asOf`, events per day, the
   * fitted intensity as `intensity` gives it: without the frailty and forecast level that the
   * risk columns apply to the background),
   * `risk_before` and `risk_after` (expected events in [asOf, asOf + horizonDays), first
   * generation), `change` and `reason` (a plain sentence): {@link HawkesChangeRow}. An update
   * that changes nobody's risk gives a table with these columns and no rows.
   */
  readonly changes: ColumnTable;
  /** Plain-language cautions (people the model does not know, what is not updated). */
  readonly warnings: string[];
  /**
   * Risk as the base model's `risk`, with the new records' excitation of each person's
   * associates (along the victim–offender ties the new incidents form too, with the fit's
   * `victimOffenderTies`) and their own changed record counts added (first generation; later generations of
   * the new events are not added — a refit or the next scheduled fit adds them). A person the
   * fit had killed whom a new record names after that day is back at risk, and so passes
   * knock-on to their associates (`generations: 'all'`), as a refit has it.
   */
  risk(
    people: readonly string[] | undefined,
    options: { from: DateLike; horizonDays: number; generations?: 'all' | 'first' },
  ): PersonRisk[];
}

interface NewEvent {
  person: number;
  day: number;
  incidentId: string;
}

/**
 * Adds records dated after a fitted model's data (e.g. tonight's shooting, as `ingest` returns
 * it) to the model's history without refitting: every associate of a person harmed in them gains
 * that event's excitation (α·g·φ, the fitted kernel), and the people in them have their record
 * counts (and so their background) updated. Milliseconds, whatever the city's size: only the new
 * records' people and their associates are touched.
 *
 * A model fitted with `victimOffenderTies` (α_vo > 0) records which ties it used
 * ({@link NetworkHawkesModel.victimOffenderTies}), and the update forms the victim–offender ties
 * of the new incidents as a fit of every record would: each victim's harm excites the one who
 * caused it from that day on (the harm itself included), and with `'sides'` the co-offenders of
 * either (through the co-offending ties of the fit's records and of the new incidents); with
 * static ties a new tie also carries the other side's earlier harm. New events excite along the
 * fit's victim–offender ties too (α_vo, a `'victim-offender'` part in `risk`).
 *
 * The parameters stay those of the fit, so the update agrees with a refit as far as one more
 * night of records moves the parameters (the tests measure it; with the parameters held, to
 * 1e-9, victim–offender ties included); later generations of the new events and the
 * co-offending ties formed in the new incidents (and so the co-offender count,
 * `priorCoOffenders`) wait for the next fit.
 *
 * @throws {DataRefusedError} `outside-records` for a record dated before the model's latest
 * record (refit instead), `empty` for no new incidents.
 * @throws {InputError} when the model or the records are not what it takes, a new incident is
 * given twice, an incident is already in the model's records, an incident's severity is not 0–4,
 * or an involvement names an incident that is not among the new ones or has a role other than
 * `'offender'`, `'victim'` or `'other'`. New records dated before the model's `asOf` (after its
 * last record) are added with a warning: the fit read that time as complete.
 * @throws {OptionError} for a misspelt option or an `asOf` not after the new records.
 *
 * @example
 * const live = updateNetworkHawkes(model, ingest(tonight).data);
 * live.changes.print();                         // whose risk rose, by how much, and why
 * traceContacts(data, 'I-2024-0193', { model: live, asOf: '2024-06-02' });
 */
export function updateNetworkHawkes(
  model: NetworkHawkesModel,
  records: Pick<Dataset, 'incidents' | 'involvements'>,
  options: UpdateNetworkHawkesOptions = {},
): NetworkHawkesUpdate {
  const fn = 'updateNetworkHawkes';
  checkOptions(fn, options, RULES);
  // An update passed back in (tomorrow's records on tonight's update) was told only that it
  // needs a fitted model, which it holds as `base`.
  if ((model as { name?: string } | null)?.name === 'network-hawkes-live')
    throw new InputError(
      fn,
      `${fn} takes the fitted model, not an update: pass update.base with every record since its fit (the earlier new records and these together), or refit`,
    );
  if (!model || typeof model !== 'object' || model.name !== 'network-hawkes' || !model.state)
    throw new InputError(fn, `${fn} needs a fitted network Hawkes model (fitNetworkHawkes)`);
  if (
    !records ||
    typeof records !== 'object' ||
    !Array.isArray(records.incidents) ||
    !Array.isArray(records.involvements)
  )
    throw new InputError(
      fn,
      `${fn} needs the new records as { incidents, involvements } (e.g. ingest(rows).data)`,
    );
  const s = model.state;
  const d = s.data;
  const warnings: string[] = [];

  // The new incidents, after the model's data.
  const incidents = new Map<string, Incident>();
  let latest = Number.NEGATIVE_INFINITY;
  for (const [i, inc] of records.incidents.entries()) {
    const day = typeof inc?.day === 'number' ? inc.day : toDay(inc?.date);
    if (!inc || typeof inc.incident_id !== 'string' || !Number.isFinite(day))
      throw new InputError(
        fn,
        `${fn}: new incident ${i + 1} has no incident_id or date; pass records as ingest returns them`,
      );
    // A severity outside 0–4 was read as is (7 made an event); say so, as ingest would.
    if (![0, 1, 2, 3, 4].includes(inc.severity))
      throw new InputError(
        fn,
        `${fn}: new incident ${i + 1} (${inc.incident_id}) has severity ${JSON.stringify(inc.severity)}; expected 0 to 4`,
      );
    if (day < model.lastRecordDay)
      throw new DataRefusedError(
        'outside-records',
        `${fn}: incident ${inc.incident_id} (${dayToIso(day)}) is dated before the model's latest record (${dayToIso(model.lastRecordDay)}); earlier records change the fit itself, so refit the model instead`,
      );
    if (incidents.has(inc.incident_id))
      throw new InputError(
        fn,
        `${fn}: new incident ${i + 1} repeats incident_id '${inc.incident_id}'; each new incident must appear once`,
      );
    incidents.set(inc.incident_id, { ...inc, day });
    if (day > latest) latest = day;
  }
  // A new record dated on the model's last day may be one the fit already counted.
  const idx = d.index;
  for (let i = idx.day.length - 1; i >= 0 && idx.day[i] >= model.lastRecordDay; i--) {
    const id = idx.incidentId(i);
    if (incidents.has(id))
      throw new InputError(
        fn,
        `${fn}: incident '${id}' is already in the model's records; pass only the records that came after the fit`,
      );
  }
  if (incidents.size === 0)
    throw new DataRefusedError('empty', `${fn}: no new incidents were given`);
  const asOf = options.asOf === undefined ? Math.floor(latest) + 1 : resolveAsOf(options.asOf);
  if (!(asOf > latest))
    throw new OptionError(
      fn,
      'asOf',
      `${fn}: asOf ${dayToIso(asOf)} must come after the latest new record (${dayToIso(latest)})`,
    );
  const horizonDays = options.horizonDays ?? DEFAULTS.horizonDays;

  // Roles per person per new incident; new events by the model's outcome rule.
  const { minSeverity, roles: eventRoles, filter } = d.outcome;
  const roleBits = new Map<string, Map<string, number>>(); // incident → person → bits (1 off, 2 vic, 4 other)
  const unknown = new Set<string>();
  for (const [i, v] of records.involvements.entries()) {
    if (!incidents.has(v?.incident_id))
      throw new InputError(
        fn,
        `${fn}: new involvement ${i + 1} names incident '${String(v?.incident_id)}', which is not among the new incidents`,
      );
    // A misspelt role ('vicitm') was read as 'other': tonight's victim made no event, unsaid.
    if (
      !['offender', 'victim', 'other'].includes(v.role) ||
      typeof v.person_id !== 'string' ||
      !v.person_id
    )
      throw new InputError(
        fn,
        `${fn}: new involvement ${i + 1} has person_id ${JSON.stringify(v.person_id)} and role ${JSON.stringify(v.role)}; expected a person id and 'offender', 'victim' or 'other'`,
      );
    let m = roleBits.get(v.incident_id);
    if (!m) roleBits.set(v.incident_id, (m = new Map()));
    const bit = v.role === 'offender' ? 1 : v.role === 'victim' ? 2 : 4;
    m.set(v.person_id, (m.get(v.person_id) ?? 0) | bit);
    if (personNumber(s, v.person_id) < 0) unknown.add(v.person_id);
  }
  const events: NewEvent[] = [];
  // The new records of each person in them (day, violent offending, violent victimisation), in
  // time order: their counts at any t after them are the model's counts at t plus these (those
  // still inside the count window with a finite `recordDays`).
  const newRecords = new Map<number, { day: number; off: number; vic: number }[]>();
  const W = s.bg.recordDays;
  // With the group covariate, a new event also enters the group count of the other members of
  // its person's group (events of group g: groupNew.get(g)).
  const G = s.bg.group;
  const groupNew = new Map<number, NewEvent[]>();
  const groupOf = (k: number) => (G && k >= 0 ? G.group[k] : -1);
  const countsAt = (k: number, t: number): Counts | undefined => {
    const recs = newRecords.get(k);
    const gNew = groupOf(k) >= 0 ? groupNew.get(groupOf(k)) : undefined;
    if (!recs && !gNew) return undefined;
    const c = countsBefore(d, k, t, false, W, G, s.bg.co);
    for (const r of recs ?? []) {
      if (!(r.day < t) || r.day + W < t) continue;
      c.inc++;
      c.off += r.off;
      c.vic += r.vic;
    }
    if (recs && !Number.isFinite(c.first) && recs[0].day < t) c.first = recs[0].day;
    for (const ev of gNew ?? [])
      if (ev.person !== k && ev.day < t && ev.day + G!.days >= t) c.grp++;
    return c;
  };
  // The killed leave the at-risk set when the fit says so (as `homicideExit` does there, by
  // `killedIn`'s rule: the only victim of a homicide; who died in one with several is not known;
  // one with records dated after it stays, as in the fit). Person → the homicide's day.
  const killed = new Map<number, number>();
  const sorted = [...incidents.values()].sort(
    (a, b) => a.day - b.day || (a.incident_id < b.incident_id ? -1 : 1),
  );
  for (const inc of sorted) {
    const isEvent = inc.severity >= minSeverity && (!filter || filter(inc));
    const people = roleBits.get(inc.incident_id) ?? new Map<string, number>();
    let victims = 0;
    for (const bits of people.values()) if (bits & 2) victims++;
    for (const [person, bits] of people) {
      const k = personNumber(s, person);
      if (k < 0) continue;
      const killedOn = killed.get(k);
      if (killedOn !== undefined && Math.floor(inc.day) > Math.floor(killedOn)) killed.delete(k);
      let recs = newRecords.get(k);
      if (!recs) newRecords.set(k, (recs = []));
      recs.push({
        day: inc.day,
        off: inc.severity >= 1 && bits & 1 ? 1 : 0,
        vic: inc.severity >= 1 && bits & 2 ? 1 : 0,
      });
      const inRole =
        (bits & 2 && eventRoles.includes('victim')) ||
        (bits & 1 && eventRoles.includes('offender'));
      if (isEvent && inRole) events.push({ person: k, day: inc.day, incidentId: inc.incident_id });
      if (s.bg.homicideExit && inc.severity === 4 && bits & 2 && victims === 1)
        killed.set(k, inc.day);
    }
  }
  // The only victim of a homicide in the fit's records, whom the fit took out (no later record
  // there), with a new record dated after that day: a refit keeps them at risk by the same rule,
  // so the update does too, reading their background through the fit's exits without that one.
  const revived = new Map<number, number>(); // person → the homicide's day
  if (s.bg.homicideExit)
    for (const [k, recs] of newRecords) {
      if (killed.has(k)) continue;
      let h = Number.NaN;
      let last = Number.NEGATIVE_INFINITY;
      for (let j = idx.personIncOffset[k]; j < idx.personIncOffset[k + 1]; j++) {
        const i = idx.personInc[j];
        if (i < d.window.lo || i >= d.window.hi) continue;
        last = idx.day[i];
        if (killedIn(idx, i) === k) h = last;
      }
      if (
        Math.floor(last) <= Math.floor(h) &&
        Math.floor(recs[recs.length - 1].day) > Math.floor(h)
      )
        revived.set(k, h);
    }
  let alive = s;
  if (revived.size > 0) {
    // The homicide's exit [h, ∞) dropped: a revived person's exits are then the user's own
    // (`exits`, merged as the fit merges them), which the fit's intervals hold merged with it.
    const userOf = new Map<number, [number, number][]>();
    for (const row of s.bg.userExits ?? []) {
      const p = personAsRead(d.index.personIndex, String(row.person_id));
      if (p === undefined || !revived.has(p)) continue;
      const a = toDay(row.from);
      const b = row.to === undefined || row.to === null ? Number.POSITIVE_INFINITY : toDay(row.to);
      if (!(b > a)) continue;
      let list = userOf.get(p);
      if (!list) userOf.set(p, (list = []));
      list.push([a, b]);
    }
    const { exitOffset: o, exitFrom: f, exitTo: t } = s.bg;
    const offset = new Int32Array(o.length);
    const from: number[] = [];
    const to: number[] = [];
    for (let p = 0; p + 1 < o.length; p++) {
      if (!revived.has(p)) {
        for (let x = o[p]; x < o[p + 1]; x++) {
          from.push(f[x]);
          to.push(t[x]);
        }
      } else {
        const own = (userOf.get(p) ?? []).sort((x, y) => x[0] - y[0]);
        for (const [a, b] of own) {
          const last = from.length - 1;
          if (last >= offset[p] && a <= to[last]) to[last] = Math.max(to[last], b);
          else {
            from.push(a);
            to.push(b);
          }
        }
      }
      offset[p + 1] = from.length;
    }
    alive = {
      ...s,
      bg: {
        ...s.bg,
        exitOffset: offset,
        exitFrom: Float64Array.from(from),
        exitTo: Float64Array.from(to),
      },
    };
    for (const withExits of [false, true]) {
      // Counted, not named: a model's warnings name no person id (lists copy them as they are);
      // they are the rows of `changes` at distance 0.
      const n = [...revived.keys()].filter((k) => userOf.has(k) === withExits).length;
      if (n > 0)
        warnings.push(
          `${count(n, 'person', 'people')} recorded killed (the only victim of a homicide) in the model's records ${n === 1 ? 'is' : 'are'} in the new records, dated after it (a reused id or a data error): kept at risk${withExits ? ' outside the exits given for them' : ''}, as a refit would (in changes, at distance 0).`,
        );
    }
  }
  for (const ev of events) {
    const g = groupOf(ev.person);
    if (g < 0) continue;
    let list = groupNew.get(g);
    if (!list) groupNew.set(g, (list = []));
    list.push(ev);
  }
  // Records inside the fit's window (after its last record, before its asOf): the fit read that
  // time as observed and without them.
  const early = sorted.filter((inc) => inc.day < d.end);
  if (early.length > 0)
    warnings.push(
      `${count(early.length, 'new incident')} (${early.length === 1 ? '' : 'first '}${early[0].incident_id}, ${dayToIso(early[0].day)}) ${early.length === 1 ? 'is' : 'are'} dated before the model's as-of date (${dayToIso(d.end)}): its fit read the records to then as complete, without them; refit to bring them into the parameters.`,
    );
  if (unknown.size > 0)
    warnings.push(
      `${count(unknown.size, 'person in the new records is', 'people in the new records are')} not in the model (first recorded after its fit): their own risk and their ties wait for the next fit.`,
    );
  if (s.frailty && newRecords.size > 0)
    warnings.push(
      'The people in the new incidents keep the frailty (persistent personal risk) the fit estimated for them until the next fit; their record counts, and so their background, are updated now.',
    );
  if (events.length === 0)
    warnings.push(
      `None of the new incidents is a serious-violence event under the model's rule (severity ≥ ${minSeverity}, roles ${eventRoles.join(' or ')}): only record counts change.`,
    );

  // Victim–offender ties (a model fitted with `victimOffenderTies`): the ties the new incidents
  // form, as a fit of every record would form them (formVictimOffenderTies), so that each new
  // victim's harm excites the one who caused it from that night on (and with 'sides' their
  // co-offenders), and a new tie carries the earlier harm of the one on its other side.
  const voKind = d.voIn && d.voOut ? model.victimOffenderTies || d.voKind || 'direct' : false;
  const vo =
    voKind && s.alphaVo > 0
      ? formVictimOffenderTies(s, sorted, roleBits, voKind)
      : {
          out: new Map<number, Map<number, NewVoTie>>(),
          into: new Map<number, Map<number, NewVoTie>>(),
        };
  /** The victim–offender tie along which person a's events excite person b (null: none). */
  const voTie = (a: number, b: number): { start: number; strict: number } | null => {
    const made = vo.out.get(a)?.get(b);
    if (made) return made;
    return oldVoTie(s, a, b);
  };

  /** An event that excites person k: its day, weight, incident, kind and the person behind it. */
  interface Exciter {
    day: number;
    weight: number;
    incidentId: string;
    /** −1: one's own event; else the person behind it. */
    via: number;
    kind: 'exposure' | 'victim-offender' | 'own-victimisation';
  }
  /**
   * The events whose excitation of person k the update adds: each new event, through k's
   * co-offending tie to its person (α·g), k's victim–offender tie from them (α_vo, carried from
   * the tie's day) or k's own (α_self); and each earlier event that a victim–offender tie formed in
   * the new incidents carries to k (one the fit's own tie did not carry).
   */
  const exciters = (k: number): Exciter[] => {
    const out: Exciter[] = [];
    for (const ev of events) {
      if (ev.person === k) {
        if (s.alphaSelf > 0)
          out.push({
            day: ev.day,
            weight: s.alphaSelf,
            incidentId: ev.incidentId,
            via: -1,
            kind: 'own-victimisation',
          });
        continue;
      }
      if (s.alpha > 0)
        for (let e = d.tieOffset[k]; e < d.tieOffset[k + 1]; e++)
          if (d.tieNeighbour[e] === ev.person) {
            const w = s.alpha * tieG(d, s.g, e, ev.day);
            if (w > 0)
              out.push({
                day: ev.day,
                weight: w,
                incidentId: ev.incidentId,
                via: ev.person,
                kind: 'exposure',
              });
            break;
          }
      if (s.alphaVo > 0) {
        const t = voTie(ev.person, k);
        if (t && voCarries(t.start, t.strict, ev.day))
          out.push({
            day: ev.day,
            weight: s.alphaVo,
            incidentId: ev.incidentId,
            via: ev.person,
            kind: 'victim-offender',
          });
      }
    }
    for (const [a, t] of vo.into.get(k) ?? [])
      for (let x = eventsFrom(d, a, t.start); x < d.personEvOffset[a + 1]; x++) {
        const j = d.personEv[x];
        const day = d.evDay[j];
        if (!voCarries(t.start, t.strict, day)) continue;
        if (t.old && voCarries(t.old.start, t.old.strict, day)) continue; // in the fit already
        out.push({
          day,
          weight: s.alphaVo,
          incidentId: d.index.incidentId(d.evIncident[j]),
          via: a,
          kind: 'victim-offender',
        });
      }
    return out;
  };
  /** The update's excitation of person k over [from, from + h), as risk parts. */
  const excitation = (k: number, from: number, h: number): RiskContribution[] => {
    const parts: RiskContribution[] = [];
    // Only over k's time at risk in the horizon (as model.risk's first generation): out of it
    // (custody, death: exits) nothing happens to them. Before, someone in custody over the whole
    // horizon, tied to tonight's victim, got the new event's exposure in full.
    const bg = (revived.has(k) ? alive : s).bg;
    for (const ex of exciters(k)) {
      if (!(ex.day < from)) continue;
      const value = ex.weight * kernelMassAtRisk(s, bg, k, ex.day, from, from + h);
      if (!(value > 0)) continue;
      parts.push(
        ex.kind === 'own-victimisation'
          ? { kind: ex.kind, incidentId: ex.incidentId, day: ex.day, value }
          : {
              kind: ex.kind,
              via: d.index.personIds[ex.via],
              incidentId: ex.incidentId,
              day: ex.day,
              value,
            },
      );
    }
    return parts;
  };
  // People touched: those in the new incidents and every associate of a person with a new event.
  const touched = new Map<
    number,
    { distance: number; via: number; incidentId: string; formed?: boolean }
  >();
  for (const inc of sorted)
    for (const person of roleBits.get(inc.incident_id)?.keys() ?? []) {
      const k = personNumber(s, person);
      if (k >= 0 && !touched.has(k))
        touched.set(k, { distance: 0, via: -1, incidentId: inc.incident_id });
    }
  if (s.alpha > 0)
    for (const ev of events)
      for (let e = d.tieOffset[ev.person]; e < d.tieOffset[ev.person + 1]; e++) {
        const q = d.tieNeighbour[e];
        if (!touched.has(q) && tieG(d, s.g, e, ev.day) > 0)
          touched.set(q, { distance: 1, via: ev.person, incidentId: ev.incidentId });
      }
  // Along victim–offender ties: whom each new event excites (through the fit's ties or those the
  // new incidents form), then whom a newly formed tie brings earlier harm to (still within the
  // kernel's reach at asOf).
  for (const ev of events) {
    if (!(s.alphaVo > 0) || !voKind) break;
    const out = d.voOut!;
    for (let e = out.offset[ev.person]; e < out.offset[ev.person + 1]; e++) {
      const q = out.other[e];
      const t = voTie(ev.person, q);
      if (!touched.has(q) && t && voCarries(t.start, t.strict, ev.day))
        touched.set(q, { distance: 1, via: ev.person, incidentId: ev.incidentId });
    }
    for (const [q, t] of vo.out.get(ev.person) ?? [])
      if (!touched.has(q) && voCarries(t.start, t.strict, ev.day))
        touched.set(q, { distance: 1, via: ev.person, incidentId: ev.incidentId });
  }
  for (const [q, from] of vo.into)
    for (const [a, t] of from) {
      if (touched.has(q)) break;
      for (let x = eventsFrom(d, a, asOf - s.maxLag); x < d.personEvOffset[a + 1]; x++) {
        const day = d.evDay[d.personEv[x]];
        if (
          voCarries(t.start, t.strict, day) &&
          !(t.old && voCarries(t.old.start, t.old.strict, day))
        ) {
          touched.set(q, { distance: 1, via: a, incidentId: t.incidentId, formed: true });
          break;
        }
      }
    }
  // With the group covariate: the other members of the group of a person with a new event.
  // One pass over the people, whatever the number of new events (the first event of each group).
  if (G && events.length > 0) {
    const firstOf = new Map<number, NewEvent>();
    for (const ev of events) {
      const g = groupOf(ev.person);
      if (g >= 0 && !firstOf.has(g)) firstOf.set(g, ev);
    }
    if (firstOf.size > 0)
      for (let q = 0; q < G.group.length; q++) {
        const ev = G.group[q] >= 0 ? firstOf.get(G.group[q]) : undefined;
        if (ev && !touched.has(q))
          touched.set(q, { distance: 2, via: ev.person, incidentId: ev.incidentId });
      }
  }

  const adjust = (
    base: PersonRisk,
    k: number,
    from: number,
    h: number,
    generations: 'all' | 'first' | undefined,
  ): PersonRisk => {
    // Killed in the new records (before `from`): out of the risk set, nothing more happens to
    // them. Before, only their background went: someone killed tonight kept the exposure and
    // knock-on of the base model's risk (0.0009 expected events over 90 days in one city).
    if (killed.has(k))
      return {
        person_id: base.person_id,
        expected: 0,
        contributions: [{ kind: 'background', value: 0 }],
      };
    // Back in the risk set (revived): their risk as the model without the homicide's exit gives
    // it, exposure and knock-on included (the base model, which has them dead, gives them 0).
    const r = revived.has(k)
      ? riskOf(alive, [base.person_id], { from: dayToIso(from), horizonDays: h, generations })[0]
      : base;
    const c = countsAt(k, from);
    const added = excitation(k, from, h);
    if (!c && added.length === 0) return r;
    // Every base and new record is dated before `from` (> the latest new record): the counts at
    // `from` are the model's there plus the new records (held over the horizon, as `risk` does).
    const contributions = r.contributions.map((p) =>
      p.kind === 'background' && c
        ? {
            ...p,
            value: killed.has(k)
              ? 0
              : backgroundIntegral(revived.has(k) ? alive : s, k, c, from, from + h),
          }
        : p,
    );
    contributions.push(...added);
    contributions.sort((a, b) => b.value - a.value);
    let expected = 0;
    for (const p of contributions) expected += p.value;
    return { person_id: r.person_id, expected, contributions };
  };

  const lastRecordDay = Math.max(model.lastRecordDay, latest);
  const live: NetworkHawkesUpdate = {
    name: 'network-hawkes-live',
    lastRecordDay,
    base: model,
    newEvents: events.length,
    changes: noChanges(),
    warnings,
    risk(people, o) {
      const from = toDay(o.from);
      if (from <= latest)
        throw new DataRefusedError(
          'model-from-future',
          `risk from ${dayToIso(from)}: the updated model holds records up to ${dayToIso(latest)}; ask for risk from a later date`,
        );
      // A revived person is back at risk, so their own later events pass knock-on to their
      // associates too: the base model, which has them dead, gave none (an associate's risk
      // over 90 days read 0.101 against a refit's 0.109 in the homicide-exit test's city).
      // People of the new records the fit does not know are the update's (0 until the next fit):
      // the base model is asked as a list asks it, and only an id in no record is refused here.
      const lenient = unknownPeopleAsZero();
      const base = asPopulation(() =>
        revived.size > 0 ? riskOf(alive, people, o) : model.risk(people, o),
      );
      const h = o.horizonDays;
      return base.map((r) => {
        const k = personNumber(s, r.person_id);
        if (k < 0 && !lenient && !unknown.has(r.person_id))
          refuseUnknownPerson(s, 'model.risk', r.person_id);
        return k < 0 ? r : adjust(r, k, from, h, o.generations);
      });
    },
  };

  // The list's summary counts those out of the risk set over its whole horizon, as for the fit.
  riskSetOuts.set(live, (id, from, to) => {
    const k = personNumber(s, id);
    if (k < 0) return false;
    return killed.has(k) || atRiskShare((revived.has(k) ? alive : s).bg, k, from, to) === 0;
  });

  // The changes table, largest change first.
  const ids = [...touched.keys()];
  const before = model.risk(
    ids.map((k) => d.index.personIds[k]),
    { from: asOf, horizonDays, generations: 'first' },
  );
  const rows = before.map((r, x) => {
    const k = ids[x];
    const after = adjust(r, k, asOf, horizonDays, 'first');
    const t = touched.get(k)!;
    const lambdaBefore = model.intensity(r.person_id, asOf);
    let lambdaAfter = lambdaBefore;
    const c = countsAt(k, asOf);
    // Back in the risk set (revived): the excitation the base model's exit hid.
    if (revived.has(k)) {
      const x = intensityDecomposed(alive, r.person_id, asOf);
      lambdaAfter = x.total - x.background;
    }
    if (killed.has(k)) lambdaAfter = 0;
    else if (c && atRiskAt((revived.has(k) ? alive : s).bg, k, asOf))
      lambdaAfter +=
        trendRate(s, asOf) *
        season(s.b1, s.b2, asOf) *
        (personFactor(s, k, c, asOf) -
          (revived.has(k)
            ? 0
            : personFactor(s, k, countsBefore(d, k, asOf, false, W, G, s.bg.co), asOf)));
    if (!killed.has(k) && atRiskAt((revived.has(k) ? alive : s).bg, k, asOf))
      for (const ex of exciters(k)) lambdaAfter += ex.weight * kernelDensity(s, asOf - ex.day);
    return {
      person_id: r.person_id,
      distance: t.distance,
      via: t.via >= 0 ? d.index.personIds[t.via] : null,
      incident_id: t.incidentId,
      intensity_before: lambdaBefore,
      intensity_after: lambdaAfter,
      risk_before: r.expected,
      risk_after: after.expected,
      change: after.expected - r.expected,
      reason: changeSentence(
        killed.has(k)
          ? 'killed'
          : atRiskIntervals((revived.has(k) ? alive : s).bg, k, asOf, asOf + horizonDays).length ===
              0
            ? 'out'
            : null,
        t.distance,
        t.via >= 0 ? d.index.personIds[t.via] : null,
        t.incidentId,
        t.formed === true,
        r.expected,
        after.expected,
        horizonDays,
      ),
    };
  });
  rows.sort(
    (a, b) =>
      b.change - a.change ||
      a.distance - b.distance ||
      (a.person_id < b.person_id ? -1 : a.person_id > b.person_id ? 1 : 0),
  );
  (live as { changes: ColumnTable }).changes = rows.length > 0 ? aq.from(rows) : noChanges();
  return live;
}

/** The columns of `changes`, in order ({@link HawkesChangeRow}). */
const CHANGE_COLUMNS = [
  'person_id',
  'distance',
  'via',
  'incident_id',
  'intensity_before',
  'intensity_after',
  'risk_before',
  'risk_after',
  'change',
  'reason',
] as const satisfies readonly (keyof HawkesChangeRow)[];

/** `changes` when nobody's risk changes: its columns, no rows (`aq.from([])` has no columns). */
const noChanges = (): ColumnTable =>
  aq.table(Object.fromEntries(CHANGE_COLUMNS.map((c) => [c, []])));

updateNetworkHawkes.defaults = Object.freeze({ ...DEFAULTS });

function changeSentence(
  status: 'killed' | 'out' | null,
  distance: number,
  via: string | null,
  incidentId: string,
  formed: boolean,
  before: number,
  after: number,
  horizonDays: number,
): string {
  if (status === 'killed')
    return `Killed in the new incident ${incidentId} (its only victim): no longer at risk, and left out of lists and plans.`;
  const what =
    distance === 0
      ? `in the new incident ${incidentId}`
      : formed
        ? `tied to ${via} by the new incident ${incidentId} (a victim–offender tie), which brings ${via}'s recent harm to them`
        : distance === 1
          ? `tied to ${via}, harmed in the new incident ${incidentId}`
          : `in the group of ${via}, harmed in the new incident ${incidentId}`;
  // Out of the risk set over the whole horizon (an exit: custody, or an earlier death): nothing
  // happens to them, so no rise from 0.000 to 0.000.
  if (status === 'out')
    return `${what[0].toUpperCase()}${what.slice(1)}: out of the risk set (an exit: custody, or death) for the next ${count(horizonDays, 'day')}, so no change.`;
  return `${what[0].toUpperCase()}${what.slice(1)}: expected serious incidents in the next ${count(horizonDays, 'day')} ${after >= before ? 'rise' : 'fall'} from ${before.toFixed(3)} to ${after.toFixed(3)}.`;
}

/** A victim–offender tie formed in the new incidents (see {@link formVictimOffenderTies}). */
interface NewVoTie {
  /** The day from which it carries events (an event on that day too unless `strict` is 1). */
  start: number;
  strict: number;
  /** The new incident that formed it (the earliest, when several did). */
  incidentId: string;
  /** The fit's own tie between the same two people, which this one carries further than (null: none). */
  old: { start: number; strict: number } | null;
}

/** The fit's victim–offender tie along which person a's events excite person b (null: none). */
function oldVoTie(
  s: NetworkHawkesModel['state'],
  a: number,
  b: number,
): { start: number; strict: number } | null {
  const out = s.data.voOut;
  if (!out) return null;
  // Person a's ties are sorted by the other person.
  let lo = out.offset[a];
  let hi = out.offset[a + 1];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (out.other[mid] < b) lo = mid + 1;
    else hi = mid;
  }
  return lo < out.offset[a + 1] && out.other[lo] === b
    ? { start: out.start[lo], strict: out.strict[lo] }
    : null;
}

/**
 * The victim–offender ties the new incidents form, by the rule of the fit's (`prepareHawkesData`
 * on every record): each (victim, offender) pair of a new incident, both ways, from its day (its
 * own events included); with `'sides'`, from each of the pair to the other's co-offenders (the
 * co-offending ties of the fit's records and those the new incidents form), from the later of
 * the two ties' days, strictly after it when the co-offending tie is the later. A pair keeps its
 * earliest tie: one the fit already holds from as early (as inclusive) is not formed again.
 * People the model does not know carry a 'sides' tie through, but no tie to or from them is kept
 * (they wait for the next fit). Only the new incidents' people and their co-offenders are read.
 */
function formVictimOffenderTies(
  s: NetworkHawkesModel['state'],
  sorted: readonly Incident[],
  roleBits: ReadonlyMap<string, ReadonlyMap<string, number>>,
  kind: 'direct' | 'sides',
): {
  out: Map<number, Map<number, NewVoTie>>;
  into: Map<number, Map<number, NewVoTie>>;
} {
  const d = s.data;
  const idx = d.index;
  const n = d.nPeople;
  // People the model does not know are numbered from n on (for 'sides' ties through them).
  const unknown = new Map<string, number>();
  const num = (person: string): number => {
    const k = idx.personIndex.get(person);
    if (k !== undefined) return k;
    let u = unknown.get(person);
    if (u === undefined) unknown.set(person, (u = n + unknown.size));
    return u;
  };
  const at = (day: number) => (d.staticTies ? Number.NEGATIVE_INFINITY : day);
  // Candidates by (from, to): the earliest, an inclusive start before a strict one on its day.
  const cand = new Map<number, Map<number, NewVoTie>>();
  const push = (a: number, b: number, start: number, strict: number, incidentId: string) => {
    if (a === b) return;
    let m = cand.get(a);
    if (!m) cand.set(a, (m = new Map()));
    const t = m.get(b);
    if (!t || start < t.start || (start === t.start && strict < t.strict))
      m.set(b, { start, strict, incidentId, old: null });
  };
  // Direct pairs of the new incidents, and their new co-offending ties (q → r from `start`).
  const direct: { j: number; q: number; start: number; incidentId: string }[] = [];
  const newCo = new Map<number, { r: number; start: number; incidentId: string }[]>();
  for (const inc of sorted) {
    const people = roleBits.get(inc.incident_id);
    if (!people) continue;
    const victims: number[] = [];
    const offenders: number[] = [];
    for (const [person, bits] of people) {
      if (bits & 2) victims.push(num(person));
      if (bits & 1) offenders.push(num(person));
    }
    const t = at(inc.day);
    for (const v of victims)
      for (const o of offenders) {
        if (v === o) continue;
        push(v, o, t, 0, inc.incident_id);
        push(o, v, t, 0, inc.incident_id);
        direct.push({ j: v, q: o, start: t, incidentId: inc.incident_id });
        direct.push({ j: o, q: v, start: t, incidentId: inc.incident_id });
      }
    if (kind === 'sides')
      for (const q of offenders)
        for (const r of offenders) {
          if (q === r) continue;
          let list = newCo.get(q);
          if (!list) newCo.set(q, (list = []));
          list.push({ r, start: t, incidentId: inc.incident_id });
        }
  }
  if (kind === 'sides') {
    // j → q reaches q's co-offender r from the later of the two ties' days (strictly after the
    // co-offending tie's, when it is the later: as the fit's ties).
    const side = (j: number, r: number, s0: number, c: number, incidentId: string) => {
      if (c >= s0) push(j, r, c, d.staticTies ? 0 : 1, incidentId);
      else push(j, r, s0, 0, incidentId);
    };
    for (const { j, q, start, incidentId } of direct) {
      if (q < n)
        for (let e = d.tieOffset[q]; e < d.tieOffset[q + 1]; e++)
          side(j, d.tieNeighbour[e], start, d.tieStart[e], incidentId);
      for (const c of newCo.get(q) ?? []) side(j, c.r, start, c.start, incidentId);
    }
    // A new co-offending tie q – r reaches those q harmed or was harmed by in the fit's records.
    const { invOffset, invPerson, invRole, day } = idx;
    const VIC = ROLE_CODE.victim;
    const OFF = ROLE_CODE.offender;
    for (const [q, list] of newCo) {
      if (q >= n) continue;
      for (let y = idx.personIncOffset[q]; y < idx.personIncOffset[q + 1]; y++) {
        const i = idx.personInc[y];
        if (i < d.window.lo || i >= d.window.hi) continue;
        let isVic = false;
        let isOff = false;
        for (let e = invOffset[i]; e < invOffset[i + 1]; e++)
          if (invPerson[e] === q) {
            if (invRole[e] === VIC) isVic = true;
            if (invRole[e] === OFF) isOff = true;
          }
        for (let e = invOffset[i]; e < invOffset[i + 1]; e++) {
          const j = invPerson[e];
          if (j === q) continue;
          if ((isVic && invRole[e] === OFF) || (isOff && invRole[e] === VIC))
            for (const c of list) side(j, c.r, at(day[i]), c.start, c.incidentId);
        }
      }
    }
  }
  // Kept: ties between people the model knows, earlier (or as early and inclusive where the
  // fit's is strict) than the fit's own between them.
  const out = new Map<number, Map<number, NewVoTie>>();
  const into = new Map<number, Map<number, NewVoTie>>();
  for (const [a, m] of cand) {
    if (a >= n) continue;
    for (const [b, t] of m) {
      if (b >= n) continue;
      const old = oldVoTie(s, a, b);
      if (old && (old.start < t.start || (old.start === t.start && old.strict <= t.strict)))
        continue;
      const tie = { ...t, old };
      let o = out.get(a);
      if (!o) out.set(a, (o = new Map()));
      o.set(b, tie);
      let i = into.get(b);
      if (!i) into.set(b, (i = new Map()));
      i.set(a, tie);
    }
  }
  return { out, into };
}
