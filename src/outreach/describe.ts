import { type DatasetIndex, ROLE_CODE } from '../core/dataset-index.js';
import { killedIn, laterThanKilled } from '../core/killed.js';
import { count } from '../core/plural.js';
import type { Incident } from '../core/types.js';

/**
 * Homicides read by {@link incidentFor} whose records do not say who died (several victims), or
 * contradict it (the only victim has later records).
 */
const WHO_DIED_UNKNOWN = new WeakSet<Incident>();

/**
 * Incident `k` of `index` for reasons and explanations, marked when it is a homicide whose
 * victims are not known to have died, so that {@link harmWords} never says "killed" of someone
 * the lists keep as possibly alive: several victims (see `killedIn`), or an only victim with
 * records dated after it among the incidents `[0, hi)` the list reads (see `laterThanKilled`).
 */
export function incidentFor(index: DatasetIndex, k: number, hi: number): Incident {
  const incident = index.incidentAt(k);
  if (index.severity[k] < 4) return incident;
  const victim = killedIn(index, k);
  if (victim >= 0 && !laterThanKilled(index, victim, hi)) return incident;
  // A copy is marked, not the record itself: whether later records contradict a death depends on
  // the list's date, and an index over incident objects hands out the records themselves.
  const marked = { ...incident };
  WHO_DIED_UNKNOWN.add(marked);
  return marked;
}

/**
 * Plain words for what happened to someone in an incident, for reasons and explanations.
 * Names the event, never the person's character ("was shot", not "gang member"). A victim of a
 * homicide with several victims, or the only one with later records, was "harmed in a homicide":
 * who died is not recorded, or the records contradict it.
 */
export function harmWords(incident: Incident | undefined): string {
  if (!incident) return 'harmed';
  if (incident.severity >= 4)
    return WHO_DIED_UNKNOWN.has(incident) ? 'harmed in a homicide' : 'killed';
  if (incident.severity === 3) {
    if (incident.weapon === 'firearm') return 'shot';
    if (incident.weapon === 'knife') return 'stabbed';
    return 'seriously hurt';
  }
  if (incident.severity === 2) return 'hurt';
  if (incident.severity === 1) return 'assaulted';
  return 'involved in an incident';
}

/** The same event as a noun phrase ("a shooting"), for "victim of …". */
export function harmNoun(incident: Incident | undefined): string {
  if (!incident) return 'harm';
  if (incident.severity >= 4) return 'a homicide';
  if (incident.severity === 3) {
    if (incident.weapon === 'firearm') return 'a shooting';
    if (incident.weapon === 'knife') return 'a stabbing';
    return 'a serious assault';
  }
  if (incident.severity === 2) return 'an assault with injury';
  if (incident.severity === 1) return 'an assault';
  return 'an incident';
}

/**
 * Whole calendar days from an incident's day to the list date `asOf` (0 for the same date): an
 * incident at 23:00 is 1 day before a list as of the next date, not 0.
 */
export function daysBefore(asOf: number, day: number): number {
  return Math.max(0, Math.floor(asOf) - Math.floor(day));
}

/** "today", "1 day ago", "12 days ago". */
export function daysAgo(days: number): string {
  const d = Math.floor(days);
  if (d <= 0) return 'today';
  return `${count(d, 'day')} ago`;
}

/** A contribution's size as text: 3 decimals, or 2 significant digits when smaller than 0.001. */
export function formatValue(v: number): string {
  if (v === 0) return '0';
  return Math.abs(v) >= 0.001 ? v.toFixed(3) : v.toPrecision(2);
}

/** A contribution with everything needed to put it into words. */
export interface DescribedContribution {
  kind: string;
  value: number;
  /** Display id of the associate (already pseudonymised when asked). */
  via?: string;
  /** Display id of the intermediary of an indirect exposure. */
  through?: string;
  incident?: Incident;
  /** Whole days from the incident to the list date. */
  days?: number;
}

/** The part of a score that comes from a person's own record, as the reasons name it. */
const OWN_RECORD = 'their own record';

/** What that part is, in plain words. */
const USUAL_RATE = 'the usual rate for people with records like theirs';

/** The same, where the sentence has not yet said what the rate is of. */
const USUAL_HARM = 'the usual rate of serious harm for people with records like theirs';

/**
 * One reason line: "co-offended with P-3f2a (shot 12 days ago): 0.041", the value last. The part
 * from the person's own record says what it is and its unit: "their own record (expected events
 * at the usual rate for people with records like theirs): 0.252"; it read "background: 0.252",
 * which a team lead cannot read. Only the words change: the part's `kind` stays `background`.
 */
export function reasonText(c: DescribedContribution): string {
  if (c.kind === 'background')
    return `${OWN_RECORD} (expected events at ${USUAL_RATE}): ${formatValue(c.value)}`;
  return `${reasonPhrase(c)}: ${formatValue(c.value)}`;
}

function reasonPhrase(c: DescribedContribution): string {
  const when = c.days !== undefined ? ` ${daysAgo(c.days)}` : '';
  switch (c.kind) {
    case 'exposure':
      return c.via
        ? `co-offended with ${c.via} (${harmWords(c.incident)}${when})`
        : `recent harm to an associate${when}`;
    case 'exposure-indirect':
      return `linked through ${c.through ?? 'a co-offender'} to ${c.via ?? 'an associate'} (${harmWords(c.incident)}${when})`;
    case 'own-victimisation':
      return `victim of ${harmNoun(c.incident)}${when}`;
    case 'victim-offender':
      // A fitted model's excitation along a victim–offender tie (victimOffenderTies): the other
      // side of a violent incident with them or, with 'sides', with someone they co-offended with.
      return c.via
        ? `victim–offender tie to ${c.via} (${harmWords(c.incident)}${when})`
        : `harm across a victim–offender tie${when}`;
    case 'knock-on':
      // A fitted model's later generations: harm travelling through others, no one tie named.
      return 'harm spreading to them through others in the network';
    default: {
      // A model's own kinds (e.g. a fitted model's excitation terms): name them as given.
      const via = c.via ? ` via ${c.via}` : '';
      const what = c.incident ? ` (${harmWords(c.incident)}${when})` : when;
      return `${c.kind}${via}${what}`;
    }
  }
}

/** A clause of the explanation sentence, for one contribution. */
function clause(c: DescribedContribution): string {
  const when = c.days !== undefined ? ` ${daysAgo(c.days)}` : ' recently';
  switch (c.kind) {
    case 'exposure':
      return c.via
        ? `${c.via}, someone they co-offended with, was ${harmWords(c.incident)}${when}`
        : `someone they co-offended with was ${harmWords(c.incident)}${when}`;
    case 'exposure-indirect':
      return `${c.via ?? 'an associate'}, linked to them through ${c.through ?? 'a co-offender'}, was ${harmWords(c.incident)}${when}`;
    case 'own-victimisation':
      return `they were themselves ${harmWords(c.incident)}${when}`;
    case 'victim-offender':
      return c.via
        ? `${c.via}, on the other side of a violent incident with them or someone they co-offended with, was ${harmWords(c.incident)}${when}`
        : `someone on the other side of a violent incident with them or someone they co-offended with was ${harmWords(c.incident)}${when}`;
    case 'knock-on':
      // A fitted model's later generations: harm expected to travel on, not an event on record.
      return 'harm now spreading through the network may reach them';
    default:
      return c.via
        ? `${c.via}, in their network, was ${harmWords(c.incident)}${when}`
        : `${c.kind}${when}`;
  }
}

/**
 * Whether two named events are about one person (themselves, or one named associate on the same
 * path), so the sentence names them once: "B, someone they co-offended with, was stabbed 12 days
 * ago and shot 31 days ago", not B twice.
 */
function sameSubject(a: DescribedContribution, b: DescribedContribution): boolean {
  if (a.kind !== b.kind || a.kind === 'knock-on') return false;
  return (
    a.kind === 'own-victimisation' ||
    (a.via !== undefined && a.via === b.via && a.through === b.through)
  );
}

/** The clauses of the named events, a person's second event joined to their first. */
function joinClauses(events: readonly DescribedContribution[]): string {
  const [a, b] = events;
  if (!b || !sameSubject(a, b)) return events.map(clause).join(', and ');
  // One event named by two parts (two of a model's terms): said once.
  if (incidentKey(a.incident) === incidentKey(b.incident) && a.days === b.days) return clause(a);
  // "shot 10 days ago and 40 days ago"; "stabbed 12 days ago and shot 31 days ago".
  const harm = harmWords(b.incident);
  const when = b.days !== undefined ? daysAgo(b.days) : 'recently';
  return `${clause(a)} and ${harm === harmWords(a.incident) ? '' : `${harm} `}${when}`;
}

/**
 * Serious harm on record near a person, found from the records themselves (not from a model):
 * their own most recent serious victimisation, and the most recent serious victimisation of
 * someone they shared an incident with. Used so a sentence never says "no recent harm nearby"
 * about someone the records show was harmed, or close to harm.
 */
export interface HarmOnRecord {
  /** Their own most recent serious victimisation in the window. */
  own?: { incident: Incident; days: number };
  /** The most recent serious victimisation of someone they shared an incident with. */
  near?: { via: string; incident: Incident; days: number; tie?: SharedTie };
}

/**
 * How the person and the one harmed nearby ({@link HarmOnRecord.near}) are tied in the records
 * of the window: `'offender-in-it'`, the person is recorded as an offender in the incident in which
 * the other was harmed; `'harmed-them'`, the other is recorded as an offender in an incident in
 * which the person was a victim; `'harmed-by-them'`, the reverse; `'both'`, each was recorded as
 * harming the other; `'shared'` (or none), anything else (co-offenders, co-victims, witnesses).
 */
export type SharedTie = 'offender-in-it' | 'harmed-them' | 'harmed-by-them' | 'both' | 'shared';

/**
 * "N005, who shared an incident with them, was seriously hurt 83 days ago", with the tie the
 * records show when the two were on opposite sides of a violent incident: "N005 was seriously
 * hurt 83 days ago, in an incident in which they were recorded as an offender", "N005, who was
 * recorded as harming them, was …", "N005, whom they were recorded as harming, was …" (it said
 * "shared an incident" of the person they were recorded as harming).
 */
function nearHarm(near: NonNullable<HarmOnRecord['near']>): string {
  const what = `${harmWords(near.incident)} ${daysAgo(near.days)}`;
  switch (near.tie) {
    case 'offender-in-it':
      return `${near.via} was ${what}, in an incident in which they themselves were recorded as an offender`;
    case 'harmed-them':
      return `${near.via}, who was recorded as harming them, was ${what}`;
    case 'harmed-by-them':
      return `${near.via}, whom they were recorded as harming, was ${what}`;
    case 'both':
      return `${near.via}, who was recorded as harming them and as harmed by them, was ${what}`;
    default:
      return `${near.via}, who shared an incident with them, was ${what}`;
  }
}

/**
 * The {@link HarmOnRecord} of person number `p` in `index`, over the incidents at positions
 * `[lo, hi)` (the analysis window), counting victimisations of severity ≥ `minSeverity`;
 * `display` turns an associate's id into the id shown (pseudonymised when asked).
 */
export function harmOnRecord(
  index: DatasetIndex,
  p: number | undefined,
  lo: number,
  hi: number,
  asOf: number,
  minSeverity: number,
  display: (id: string) => string,
): HarmOnRecord {
  const out: HarmOnRecord = {};
  if (p === undefined) return out;
  const {
    personIncOffset,
    personInc,
    personIncRole,
    invOffset,
    invPerson,
    invRole,
    day,
    severity,
  } = index;
  const { victim, offender } = ROLE_CODE;
  const inWindow = (i: number) => i >= lo && i < hi && day[i] < asOf;
  let ownAt = -1;
  const associates = new Set<number>();
  // Who harmed them (1) and whom they harmed (2), by the roles of the violent incidents
  // (severity 1 or more) they shared: a victim of a theft was not harmed by its offender.
  const sides = new Map<number, number>();
  for (let j = personIncOffset[p]; j < personIncOffset[p + 1]; j++) {
    const i = personInc[j];
    if (!inWindow(i)) continue;
    const role = personIncRole[j];
    if (role === victim && severity[i] >= minSeverity && i > ownAt) ownAt = i;
    const violent = severity[i] >= 1;
    for (let x = invOffset[i]; x < invOffset[i + 1]; x++) {
      const q = invPerson[x];
      if (q === p) continue;
      associates.add(q);
      const side = !violent
        ? 0
        : role === victim && invRole[x] === offender
          ? 1
          : role === offender && invRole[x] === victim
            ? 2
            : 0;
      if (side) sides.set(q, (sides.get(q) ?? 0) | side);
    }
  }
  if (ownAt >= 0) {
    out.own = {
      incident: incidentFor(index, ownAt, hi),
      days: daysBefore(asOf, day[ownAt]),
    };
  }
  let nearAt = -1;
  let nearWho = -1;
  for (const q of associates) {
    for (let j = personIncOffset[q + 1] - 1; j >= personIncOffset[q]; j--) {
      const i = personInc[j];
      if (i <= nearAt) break;
      if (inWindow(i) && personIncRole[j] === victim && severity[i] >= minSeverity) {
        nearAt = i;
        nearWho = q;
        break;
      }
    }
  }
  if (nearAt >= 0) {
    // Recorded as an offender in the very incident in which the other was harmed?
    let inIt = false;
    for (let x = invOffset[nearAt]; x < invOffset[nearAt + 1]; x++)
      if (invPerson[x] === p && invRole[x] === offender) inIt = true;
    const side = sides.get(nearWho) ?? 0;
    out.near = {
      via: display(index.personIds[nearWho]),
      incident: incidentFor(index, nearAt, hi),
      days: daysBefore(asOf, day[nearAt]),
      tie: inIt
        ? 'offender-in-it'
        : side === 3
          ? 'both'
          : side === 1
            ? 'harmed-them'
            : side === 2
              ? 'harmed-by-them'
              : 'shared',
    };
  }
  return out;
}

/**
 * An incident compared by id and day, not by object: an index over incident columns makes a new
 * object at each read, so a part's incident and a record's are equal incidents, not one object.
 */
function incidentKey(x: Incident | undefined): string | undefined {
  return x ? `${x.incident_id}|${x.day}` : undefined;
}

/**
 * How a model's score counts a person's own harm, so that harm of theirs on record that no part
 * of the score names is explained truly: counted through their own record (a fitted model's
 * prior-victimisation covariate, the exposure score's history weight) or not at all.
 */
export interface OwnHarmCounting {
  /** Whether the part from their own record counts the harm (one more time they were harmed). */
  throughRecord: boolean;
  /**
   * With `throughRecord`, the days of record it counts, when not all (a fitted model's
   * `recordCountDays`): harm dated before `countedFrom` has left the count.
   */
  recordDays?: number;
  /** The first day (days since 1970-01-01) whose records the count holds (asOf − `recordDays`). */
  countedFrom?: number;
}

/**
 * How the score counts their own harm `own`: `'record'` through their record, `'outside'` not at
 * all because it is older than the days of record counted, `'none'` not at all; `undefined` when
 * the model cannot say (a model of one's own).
 */
function ownCounted(
  ownHarm: OwnHarmCounting | undefined,
  own: HarmOnRecord['own'],
): 'record' | 'outside' | 'none' | undefined {
  if (!ownHarm || !own) return undefined;
  if (!ownHarm.throughRecord) return 'none';
  return ownHarm.countedFrom !== undefined && own.incident.day < ownHarm.countedFrom
    ? 'outside'
    : 'record';
}

/** Why harm older than the days of record a score counts is not in it. */
function outsideWords(ownHarm: OwnHarmCounting): string {
  return `it counts only the last ${count(ownHarm.recordDays ?? 0, 'day')} of their record`;
}

/**
 * Reason lines for harm on record that the score's parts do not name: "victim of a shooting 39
 * days ago (on record; not part of the score)", or, for their own harm that a score counts
 * through their record ({@link OwnHarmCounting}), "(on record; counted only through their own
 * record)". Empty when the parts already name it.
 */
export function unusedHarmReasons(
  parts: readonly DescribedContribution[],
  harm: HarmOnRecord,
  ownHarm?: OwnHarmCounting,
): string[] {
  const out: string[] = [];
  const key = incidentKey;
  const named = new Set(parts.filter((c) => c.value > 0).map((c) => key(c.incident)));
  if (harm.own && !named.has(key(harm.own.incident))) {
    const how = ownCounted(ownHarm, harm.own);
    out.push(
      `victim of ${harmNoun(harm.own.incident)} ${daysAgo(harm.own.days)} (on record; ${how === 'record' ? 'counted only through their own record' : how === 'outside' ? `not part of the score: ${outsideWords(ownHarm!)}` : 'not part of the score'})`,
    );
  }
  if (harm.near && !named.has(key(harm.near.incident))) {
    out.push(`${nearHarm(harm.near)} (on record; not part of the score)`);
  }
  return out;
}

/**
 * Share of the score under which a knock-on part (harm expected to travel through others) is not
 * given as the reason for listing someone (5%); the sentence says it is a small part instead.
 */
const MINOR_KNOCK_ON = 0.05;

/**
 * A share under {@link MINOR_KNOCK_ON} in words: "under 1%", whole percent ("3%"), and "under 5%"
 * where rounding would reach the threshold (4.6% read "5%" for a part called under 5%).
 */
function smallPercent(share: number): string {
  if (share < 0.01) return 'under 1%';
  const percent = Math.round(100 * share);
  return percent >= 100 * MINOR_KNOCK_ON ? `under ${100 * MINOR_KNOCK_ON}%` : `${percent}%`;
}

/**
 * Share of the score under which a named event (an associate's or their own harm) is not given as
 * the reason for listing someone (1%): an exposure to harm 510 days ago worth 1.6e-15 of a score of
 * 0.004 led the sentence "Harm close to them: …". The sentence says it is on record and counts for
 * under 1% of the score instead; the reason lines still list it, so the parts still sum to the score.
 */
const MINOR_EVENT = 0.01;

/** Days within which the harm an explanation names is called recent (half a year). */
const RECENT_DAYS = 182;

/**
 * One plain sentence from the largest contributions (at most two named events), in
 * strengths-based words: it says what happened near the person and that support is on offer
 * ("Recent harm close to them" when the newest harm it names is at most 182 days old, "Harm close
 * to them" when older).
 * With `harm` (what the records show, see {@link harmOnRecord}) it states only what is true:
 * harm on record that the score did not use is named as such, and "no recent harm nearby" is
 * said only when the records show none. Knock-on under 5% of the score (its parts together) is not
 * given as the reason; the sentence says it is a small part of the score. Nor is a named event
 * under 1% of the score: the sentence says it is on record and counts for under 1%.
 * With `ownHarm`, their own harm on record that no part names is said to count only through their
 * record, or not at all, and why (it read "not counted in the score" of a fitted model's own
 * harm, which its prior-victimisation covariate counts); where no event is the reason (none, or
 * one under 1%) that is said in the clause on their own record, before the offer of support.
 * Beside knock-on, harm that parts under 1% each name is "a small part of the score", not "no
 * harm on record"; "Listed on their own record history alone" only when no knock-on is in it.
 */
export function explanationSentence(
  parts: readonly DescribedContribution[],
  harm?: HarmOnRecord,
  ownHarm?: OwnHarmCounting,
): string {
  let total = 0;
  let background = 0;
  for (const c of parts) {
    if (!(c.value > 0)) continue;
    total += c.value;
    if (c.kind === 'background') background += c.value;
  }
  // A knock-on part that is a sliver of the score is not its reason: "harm now spreading through
  // the network may reach them" led the sentence for scores 99.5% background, from fits whose α
  // was under two standard errors. Judged on all knock-on parts together (a model of one's own
  // may give several): five of 4% each were called "a small part of the score (20%)".
  let knockOn = 0;
  for (const c of parts) if (c.kind === 'knock-on' && c.value > 0) knockOn += c.value;
  const minorKnockOn = knockOn < MINOR_KNOCK_ON * total ? knockOn : 0;
  const minor = (c: DescribedContribution) =>
    minorKnockOn > 0 && c.kind === 'knock-on' && c.value > 0;
  const small =
    minorKnockOn > 0
      ? ` Harm that may travel to them through others in the network is a small part of the score (${smallPercent(minorKnockOn / total)}).`
      : '';
  // A named event that is a sliver of the score is not its reason either (see MINOR_EVENT).
  const slight = (c: DescribedContribution) =>
    c.kind !== 'knock-on' && c.value < MINOR_EVENT * total;
  const candidates = parts.filter((c) => c.kind !== 'background' && c.value > 0 && !minor(c));
  const events = candidates.filter((c) => !slight(c)).slice(0, 2);
  const slightest = events.length === 0 ? candidates.find(slight) : undefined;
  // Harm a part of the score counts, named in the sentence or not: never "not counted" (with
  // selfExcitation their own harm a third part counted read "Also on record: they were themselves
  // stabbed 433 days ago. The score counts this only through their record").
  const named = new Set(candidates.map((c) => incidentKey(c.incident)));
  const own =
    harm?.own && !named.has(incidentKey(harm.own.incident))
      ? `they were themselves ${harmWords(harm.own.incident)} ${daysAgo(harm.own.days)}`
      : undefined;
  const near =
    harm?.near && !named.has(incidentKey(harm.near.incident)) && events.length === 0
      ? nearHarm(harm.near)
      : undefined;
  const unused = [own, near].filter((x) => x !== undefined);
  // Their own harm that the score counts another way (or not at all, for a reason) says so.
  const told = own !== undefined && ownHarm !== undefined;
  // A fitted model without self-excitation (its default) counts it only through their record; with
  // it, or in the exposure score past its windowDays, so does an event given no part. Not harm
  // older than the days of record a model counts (recordCountDays): it read "counts this only
  // through their record" of harm the record count had already dropped.
  const how = told ? ownCounted(ownHarm, harm?.own) : undefined;
  const why = !told
    ? ''
    : how === 'record'
      ? ' The score counts this only through their record, not as a part of its own.'
      : how === 'outside'
        ? ` The score does not count this: ${outsideWords(ownHarm)}.`
        : ' The score does not count this.';
  // The harm said not to be counted: their own too, unless the sentence says how it counts.
  const uncounted = told ? [near].filter((x) => x !== undefined) : unused;
  // Where the sentence names no event as the reason, how their own harm counts is said in the
  // same clause as the harm near them, before the offer of support: "…, and does not count the
  // harm to N005. An offer of support now could help. The score does not count this." left
  // "this" pointing at nothing, and after a slight event named first it could read as that event.
  const nearNot = near ? `the harm to ${harm?.near?.via}` : undefined;
  const ownNot = !told
    ? ''
    : how === 'record'
      ? `, and counts their own harm only as part of that record${nearNot ? `, not ${nearNot}` : ''}`
      : ` and does not count their own harm${how === 'outside' ? ` (${outsideWords(ownHarm)})` : ''}${nearNot ? ` or ${nearNot}` : ''}`;
  // "Alone" only when it is: beside a knock-on sliver (said after it) the record is not all of it.
  const alone = minorKnockOn > 0 ? '' : ' alone';
  if (events.length === 0) {
    if (slightest) {
      const also = told
        ? unused
        : uncounted.length > 0
          ? [`${uncounted.join(', and ')} (not counted in the score)`]
          : [];
      const tail = also.length > 0 ? `, and ${also.join(', and ')}` : '';
      return `On record, ${clause(slightest)}, which counts for under ${100 * MINOR_EVENT}% of the score${tail}; the score comes from ${OWN_RECORD} (${USUAL_HARM})${ownNot}. A check-in and an offer of support may still help.${small}`;
    }
    if (unused.length > 0) {
      // Two harms not counted are "these", not "this".
      const not = told
        ? ownNot
        : ` and does not count ${unused.length > 1 ? 'either of these' : 'this'}`;
      return `On record, ${unused.join(', and ')}; the score comes from ${OWN_RECORD} (${USUAL_HARM})${not}. An offer of support now could help.${small}`;
    }
    if (harm) {
      return `Listed on their own record history${alone}; the records show no serious harm to them or to anyone they shared an incident with in the period analysed. A check-in and an offer of support may still help.${small}`;
    }
    return `Listed on their own record history${alone} (the score names no harm nearby); a check-in and an offer of support may still help.${small}`;
  }
  const text = joinClauses(events);
  const extra = told
    ? ` Also on record: ${own}.${why}`
    : unused.length > 0
      ? ` Also on record, not counted in the score: ${unused.join(', and ')}.`
      : '';
  // A score that is mostly their own record says so: naming a small part alone overstated it.
  const mostly =
    background > total / 2
      ? ` Most of the score (${Math.round((100 * background) / total)}%) comes from ${OWN_RECORD} (${USUAL_RATE}).`
      : '';
  // "Recent" only when the newest harm it names is: a list may rest on harm of a year or more ago.
  // A model's knock-on (harm expected to travel on through others) is no harm on record near them.
  let newest = Infinity;
  for (const c of events) if (c.kind !== 'knock-on') newest = Math.min(newest, c.days ?? 0);
  if (newest === Infinity) {
    // Harm on record that the score counts for slivers under MINOR_EVENT each is not "no harm":
    // it read "the score names no harm on record …" beside a reason line naming such harm.
    let slivers = 0;
    for (const c of candidates) if (slight(c)) slivers += c.value;
    const onRecord =
      slivers > 0
        ? `harm on record near them is a small part of the score (${slivers < 0.01 * total ? 'under 1%' : `${Math.round((100 * slivers) / total)}%`})`
        : 'the score names no harm on record to them or to anyone they shared an incident with';
    return `Harm now spreading through the network may reach them; ${onRecord}. An offer of support now could help.${mostly}${extra}`;
  }
  const head = newest > RECENT_DAYS ? 'Harm close to them' : 'Recent harm close to them';
  return `${head}: ${text}; an offer of support now could help.${mostly}${extra}`;
}
