/**
 * Live update of a fitted network Hawkes model: the night a shooting happens, add the new records
 * to the model's history without refitting, and see at once whose risk they raised and why.
 */
import type { ColumnTable } from 'arquero';
import * as aq from 'arquero';
import { DataRefusedError, InputError, OptionError } from '../../core/errors.js';
import { killedIn } from '../../core/killed.js';
import { checkOptions, type OptionRules, rule } from '../../core/options.js';
import { count } from '../../core/plural.js';
import type { PersonRisk, RiskContribution } from '../../core/risk.js';
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
  risk as riskOf,
  riskSetOuts,
  trendRate,
} from './model.js';
import { tieG } from './prepare.js';

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
   * in a new incident; 1: tied to someone who was harmed in one; 2: with the fit's
   * `groupEventDays`, in the group of someone who was harmed in one), `via` (that person),
   * `incident_id`, `intensity_before` and `intensity_after` (λ at `asOf`, events per day, the
   * fitted intensity as `intensity` gives it: without the frailty and forecast level that the
   * risk columns apply to the background),
   * `risk_before` and `risk_after` (expected events in [asOf, asOf + horizonDays), first
   * generation), `change` and `reason` (a plain sentence).
   */
  readonly changes: ColumnTable;
  /** Plain-language cautions (people the model does not know, what is not updated). */
  readonly warnings: string[];
  /**
   * Risk as the base model's `risk`, with the new records' excitation of each person's
   * associates and their own changed record counts added (first generation; later generations of
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
 * The parameters stay those of the fit, so the update agrees with a refit as far as one more
 * night of records moves the parameters (the tests measure it); later generations of the new
 * events and ties formed in the new incidents (and so the co-offender count, `priorCoOffenders`)
 * wait for the next fit.
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
  // Excitation along victim–offender ties: the ties the new incidents form (the victim's harm
  // excites the one who caused it from that day on, and with 'sides' their co-offenders) are the
  // term's largest part the night of a shooting. An update adds no tie (co-offending ties wait for
  // the next fit too), and which kind of victim–offender tie the fit used is not kept, so it
  // refuses rather than leave that part out.
  if (s.alphaVo > 0)
    throw new InputError(
      fn,
      `${fn}: this model excites along victim–offender ties (α_vo ${s.alphaVo.toPrecision(3)}), and an update adds no tie: the victim–offender ties the new incidents form (each victim's harm exciting the one who caused it, and with 'sides' their co-offenders), the largest part of that excitation the night of a shooting, would be left out and the risk of those closest to it understated. Refit with the new records instead (fitNetworkHawkes with victimOffenderTies, as of the day after them); rankForOutreach, traceContacts and planOutreach take that model.`,
    );
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
      const p = d.index.personIndex.get(String(row.person_id));
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

  /** Weight (α·g, or α_self for one's own event) with which a new event excites person k. */
  const weight = (k: number, ev: NewEvent): number => {
    if (ev.person === k) return s.alphaSelf;
    if (s.alpha > 0)
      for (let e = d.tieOffset[k]; e < d.tieOffset[k + 1]; e++)
        if (d.tieNeighbour[e] === ev.person) return s.alpha * tieG(d, s.g, e, ev.day);
    return 0;
  };
  /** New-event excitation of person k over [from, from + h), as risk parts. */
  const excitation = (k: number, from: number, h: number): RiskContribution[] => {
    const parts: RiskContribution[] = [];
    // Only over k's time at risk in the horizon (as model.risk's first generation): out of it
    // (custody, death: exits) nothing happens to them. Before, someone in custody over the whole
    // horizon, tied to tonight's victim, got the new event's exposure in full.
    const bg = (revived.has(k) ? alive : s).bg;
    for (const ev of events) {
      if (!(ev.day < from)) continue;
      const w = weight(k, ev);
      const via = ev.person === k ? -1 : ev.person;
      if (!(w > 0)) continue;
      const value = w * kernelMassAtRisk(s, bg, k, ev.day, from, from + h);
      if (!(value > 0)) continue;
      parts.push(
        via >= 0
          ? {
              kind: 'exposure',
              via: d.index.personIds[via],
              incidentId: ev.incidentId,
              day: ev.day,
              value,
            }
          : { kind: 'own-victimisation', incidentId: ev.incidentId, day: ev.day, value },
      );
    }
    return parts;
  };
  // People touched: those in the new incidents and every associate of a person with a new event.
  const touched = new Map<number, { distance: number; via: number; incidentId: string }>();
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
    changes: aq.table({}),
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
      const base = revived.size > 0 ? riskOf(alive, people, o) : model.risk(people, o);
      const h = o.horizonDays;
      return base.map((r) => {
        const k = personNumber(s, r.person_id);
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
      for (const ev of events) lambdaAfter += weight(k, ev) * kernelDensity(s, asOf - ev.day);
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
  (live as { changes: ColumnTable }).changes = aq.from(rows);
  return live;
}

updateNetworkHawkes.defaults = Object.freeze({ ...DEFAULTS });

function changeSentence(
  status: 'killed' | 'out' | null,
  distance: number,
  via: string | null,
  incidentId: string,
  before: number,
  after: number,
  horizonDays: number,
): string {
  if (status === 'killed')
    return `Killed in the new incident ${incidentId} (its only victim): no longer at risk, and left out of lists and plans.`;
  const what =
    distance === 0
      ? `in the new incident ${incidentId}`
      : distance === 1
        ? `tied to ${via}, harmed in the new incident ${incidentId}`
        : `in the group of ${via}, harmed in the new incident ${incidentId}`;
  // Out of the risk set over the whole horizon (an exit: custody, or an earlier death): nothing
  // happens to them, so no rise from 0.000 to 0.000.
  if (status === 'out')
    return `${what[0].toUpperCase()}${what.slice(1)}: out of the risk set (an exit: custody, or death) for the next ${count(horizonDays, 'day')}, so no change.`;
  return `${what[0].toUpperCase()}${what.slice(1)}: expected serious incidents in the next ${count(horizonDays, 'day')} ${after >= before ? 'rise' : 'fall'} from ${before.toFixed(3)} to ${after.toFixed(3)}.`;
}
