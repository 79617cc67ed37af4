/**
 * The data profile: what a dataset can and cannot support, computed once per dataset. It counts
 * what every analysis silently relies on (dates that vary, serious events, offenders on record,
 * connected people) and turns the problems into plain-language warnings, or into a
 * {@link DataRefusedError} where an analysis would be meaningless.
 */

import {
  type DatasetIndex,
  incidentCount,
  incidentsKey,
  indexDataset,
  involvementCount,
  involvementsKey,
  isExactIndex,
  isIncidentsKey,
  pendingIncidentColumns,
  peopleTableRows,
  ROLE_CODE,
} from './dataset-index.js';
import { DataRefusedError } from './errors.js';
import { checkDataset } from './guards.js';
import { checkOptions, rule } from './options.js';
import { count } from './plural.js';
import { tieClasses } from './ties.js';
import { dayToIso } from './time.js';
import type { Dataset } from './types.js';

/** Options of {@link profileData}. */
export interface ProfileOptions {
  /** Severity (0–4) from which an incident counts as a serious event. Default `3`. */
  minSeverity?: number;
}

const DEFAULTS = { minSeverity: 3 } as const;

/** What {@link profileData} returns. All shares are in [0, 1]; dates are ISO `YYYY-MM-DD`. */
export interface DataProfile {
  /** Incident rows. */
  incidents: number;
  /** Distinct people in the involvements and the people table. */
  people: number;
  /** Involvement rows. */
  involvements: number;
  /** Earliest incident date, or `null` without incidents. */
  firstDate: string | null;
  /** Latest incident date, or `null` without incidents. */
  lastDate: string | null;
  /** Days from the first to the last incident date (0 when they share one date). */
  spanDays: number;
  /** Distinct incident dates (calendar days). */
  distinctDates: number;
  /** The date carrying the most incidents, and the share of incidents on it. */
  mostCommonDate: string | null;
  mostCommonDateShare: number;
  /** Share of incidents dated on the 1st of a month (about 0.033 when dates are exact). */
  firstOfMonthShare: number;
  /**
   * The weekday of the most distinct incident dates (`'Monday'` …), and the share of the distinct
   * dates on it (about 0.14 when dates are exact; near 1 when they were rounded to the week).
   * Dates, not incidents, so a busy weekday (Saturdays) does not look like rounding.
   */
  mostCommonWeekday: string | null;
  mostCommonWeekdayShare: number;
  /** Incidents with no person recorded as offender, and their share. */
  incidentsWithoutOffender: number;
  incidentsWithoutOffenderShare: number;
  /** Severity from which events count as serious (the `minSeverity` option). */
  minSeverity: number;
  /** Incidents of severity ≥ `minSeverity`. */
  seriousEvents: number;
  /** Serious events per year of records (`seriousEvents` when the records span under a day). */
  seriousEventsPerYear: number;
  /** People with a single involvement, and their share of the people involved in any incident. */
  singleRecordPeople: number;
  singleRecordShare: number;
  /** Share of involved people in the largest group linked through shared incidents. */
  largestComponentShare: number;
  /**
   * Serious incidents (severity ≥ `minSeverity`) that repeat the date (and time, when given), the
   * victims and the offenders of an earlier one, or (date only, an offender named) those of one
   * the day before: one harm exported twice under two ids, or one fight recorded as several.
   */
  repeatedSeriousIncidents: number;
  /**
   * Of those, the ones dated (date only, no time) the day after the incident they repeat, with at
   * least one offender named (a victim alone shot on two days is not taken for a copy): the same
   * harm exported under the day it happened and the day it was reported.
   */
  repeatedSeriousNextDay: number;
  /** The first of those and the incident it repeats ("I4-copy repeats I4"), or null. */
  repeatedSeriousExample: string | null;
  /**
   * Incidents naming 20 or more distinct offenders: each ties
   * every one of them to every other, n(n−1)/2 co-offending pairs.
   */
  largeIncidents: number;
  /**
   * Share of all co-offending pairs (n(n−1)/2 per incident with n distinct offenders, counted per
   * incident) made by those large incidents; 0 when there are no pairs.
   */
  largeIncidentPairShare: number;
  /** The incident naming the most distinct offenders, and how many (null and 0 when none names one). */
  largestIncident: string | null;
  largestIncidentOffenders: number;
  /**
   * How many incidents the person id in the most incidents is in (any role; an incident counts
   * once; 0 without involvements). The id itself is not kept: the profile travels in lists'
   * metadata and model warnings, which name no person (and hold no raw id when lists are
   * pseudonymised); count the involvements per person id to find it.
   */
  mostInvolvedPersonIncidents: number;
  /**
   * Person ids in 50 or more incidents and in more than 5
   * times the median number of the 20 most involved ids: more than one person can plausibly be —
   * a placeholder for unknown people ("UNKNOWN", "0", "Unknown suspect") that ties together
   * everyone it stands for.
   */
  placeholderLikePeople: number;
  /** Median number of incidents of the 20 most involved person ids (all of them when fewer). */
  topPeopleMedianIncidents: number;
  /** The longest run of days without any incident between the first and the last, and its first day. */
  longestGapDays: number;
  longestGapFrom: string | null;
  /**
   * The sharpest fall of one severity level within two calendar years: incidents of that
   * severity in `year` (`count`) a fifth or less of the number the pace of one of the two years
   * before predicts over the year's days of records (`expected`, 25 or more; `previousCount` in
   * that `previousYear`; both years of 100 incidents or more, no year without records between), as when severity is coded differently from a date on
   * (a recording-system change, a reversed or shifted scale) or incidents of that severity are
   * missing from part of the extract. null when no level falls so.
   */
  severityDrop: {
    severity: number;
    year: number;
    count: number;
    previousYear: number;
    previousCount: number;
    expected: number;
  } | null;
  /**
   * The sharpest step in the records of every kind: incidents (any severity) in the 12 calendar
   * months from the 1st of `from` (`after`) against the 12 months before (`before`), `ratio` =
   * after ÷ before, when it is 1.4 or more (or 1/1.4 or less) and 5 or more standard errors of
   * the log ratio from 1 (the split with the most standard errors, whole months inside the
   * records only). A new crime-recording standard (everything recorded more fully from a date)
   * or an extract missing records before or after a date does that; violence alone rarely
   * moves every kind of record so abruptly. null when no split does.
   */
  recordingStep: { from: string; ratio: number; before: number; after: number } | null;
  /**
   * The incidents at the end of the records (by date) that name no person at all, in a run far
   * longer than chance allows given how often earlier incidents name nobody (a chance under one
   * in a million, 20 incidents at least), and the date of the first of them; 0 and null
   * otherwise. An involvements export cut off at a row limit (Excel's 1,048,576 rows), or people
   * not yet entered for recent incidents, leaves the latest harm with no one to link it to.
   */
  trailingIncidentsWithoutPeople: number;
  trailingWithoutPeopleFrom: string | null;
  /**
   * Incidents naming two or more distinct people (any role), and incidents naming at least one:
   * when hardly any incident names two, no co-offending or victim–offender tie can form (an
   * export giving each person-row an incident id of its own).
   */
  multiPersonIncidents: number;
  incidentsWithPeople: number;
  /** Plain-language warnings, one sentence each. */
  warnings: string[];
}

/** An analysis the profile can refuse. */
export type ProfiledAnalysis = 'fit' | 'rank' | 'backtest' | 'timing';

const cache = new WeakMap<Dataset, Map<number, { key: unknown[]; profile: DataProfile }>>();

/** What a cached profile was computed from: records added, removed or replaced are noticed. */
function cacheKey(data: Dataset): unknown[] {
  return [
    incidentsKey(data),
    involvementsKey(data),
    data.people,
    incidentCount(data),
    involvementCount(data),
    data.people.length,
  ];
}

function pct(x: number): string {
  return `${(x * 100).toFixed(x < 0.1 ? 1 : 0)}%`;
}

/**
 * The dataset restricted to incidents dated before `day` (the same object when none is
 * later): what an analysis as of `day` may profile. @internal
 */
export function recordsBefore(data: Dataset, day: number, since = -Infinity): Dataset {
  if (data.incidents.every((i) => i.day < day && i.day >= since)) return data;
  const incidents = data.incidents.filter((i) => i.day < day && i.day >= since);
  const kept = new Set(incidents.map((i) => i.incident_id));
  return {
    ...data,
    incidents,
    involvements: data.involvements.filter((v) => kept.has(v.incident_id)),
  };
}

/**
 * Profiles a dataset: date range and heaping, serious events per year, incidents without an
 * offender, people with a single record, and how connected the people are. Computed once per
 * dataset (and options) and cached; the result is frozen.
 *
 * Warnings: all incidents on one date (timing analyses are refused), more than 10% of incidents
 * on one date or more than 10% on the 1st of months (dates filled in, "heaping"; two incidents at
 * least), or more than half the distinct dates on one weekday (rounded to the week; 8 dates at least), a
 * run of over 90 days without any incident, over 20 times the usual spacing (a gap in the
 * records; 20 dates at least), incidents of 20 or more distinct offenders making 10% or more of
 * the co-offending pairs (a mass arrest or a placeholder id tying everyone to everyone), a person
 * id in 50 or more incidents and over 5 times the median of the 20 most involved (a placeholder
 * for unknown people), incidents of one severity falling to a fifth or less of the pace of one of
 * the two years before (25 or more expected: a severity scale recoded from a date on, or
 * incidents of a severity missing from part of the extract), the latest incidents naming no
 * person in a run chance does not explain (a truncated involvements export), under 1% of
 * incidents naming more than one person (100 naming anyone at least: one incident id per
 * person-row), no serious
 * events, fewer than 5 serious events a year, most incidents without an offender, most people
 * seen once.
 *
 * @example
 * const p = profileData(data);
 * p.distinctDates; // 1 → every timing analysis is refused
 * p.warnings; // ['All 120 incidents carry the same date (2020-01-01): …']
 */
export function profileData(data: Dataset, options?: ProfileOptions): Readonly<DataProfile> {
  checkDataset('profileData', data);
  const o = checkOptions('profileData', options, {
    minSeverity: rule.number({ min: 0, max: 4, integer: true }),
  });
  const minSeverity = o.minSeverity ?? DEFAULTS.minSeverity;
  const key = cacheKey(data);
  let byOptions = cache.get(data);
  const hit = byOptions?.get(minSeverity);
  if (hit && isIncidentsKey(hit.key[0], data) && hit.key.every((x, i) => i === 0 || x === key[i]))
    return hit.profile;

  let serious = 0;
  // From ingest's columns while the records are not made (the same severities).
  const cols = pendingIncidentColumns(data);
  if (cols) {
    for (let k = 0; k < cols.severity.length; k++) if (cols.severity[k] >= minSeverity) serious++;
  } else for (const inc of data.incidents) if (inc.severity >= minSeverity) serious++;
  // From the dataset index when it is an exact image of the records (always for ingest's
  // output): integer arrays instead of id strings, the same counts.
  const index = indexDataset(data);
  const c = (isExactIndex(index) && countsFromIndex(index)) || countsFromRecords(data);
  const profile = makeProfile(c, incidentCount(data), involvementCount(data), serious, minSeverity);
  repeatedHarm(profile, index, index.day.length, minSeverity);
  offendersAndPeople(profile, index, index.day.length);
  severityDrop(profile, index, index.day.length);
  recordingStep(profile, index, index.day.length);
  trailingWithoutPeople(profile, index, index.day.length);
  multiPerson(profile, index, index.day.length);
  finish(profile);
  if (!byOptions) {
    byOptions = new Map();
    cache.set(data, byOptions);
  }
  byOptions.set(minSeverity, { key, profile });
  return profile;
}

/** The profile from its counts (warnings included), frozen. */
function makeProfile(
  c: ProfileCounts,
  n: number,
  involvements: number,
  serious: number,
  minSeverity: number,
): DataProfile {
  const { first, last, firstOfMonth, mostDay, mostCount, distinctDates } = c;
  let weekday = 0;
  for (let w = 1; w < 7; w++) if (c.weekdays[w] > c.weekdays[weekday]) weekday = w;
  const weekdayCount = c.weekdays[weekday];
  const { involved, largest, single, people, withoutOffender } = c;

  const spanDays = n > 0 && Number.isFinite(first) ? last - first : 0;
  const years = (spanDays + 1) / 365.25;
  const profile: DataProfile = {
    incidents: n,
    people,
    involvements,
    firstDate: Number.isFinite(first) ? dayToIso(first) : null,
    lastDate: Number.isFinite(last) ? dayToIso(last) : null,
    spanDays,
    distinctDates,
    mostCommonDate: mostCount > 0 ? dayToIso(mostDay) : null,
    mostCommonDateShare: n > 0 ? mostCount / n : 0,
    firstOfMonthShare: n > 0 ? firstOfMonth / n : 0,
    mostCommonWeekday: n > 0 ? WEEKDAYS[weekday] : null,
    mostCommonWeekdayShare: distinctDates > 0 ? weekdayCount / distinctDates : 0,
    incidentsWithoutOffender: withoutOffender,
    incidentsWithoutOffenderShare: n > 0 ? withoutOffender / n : 0,
    minSeverity,
    seriousEvents: serious,
    seriousEventsPerYear: years >= 1 ? serious / years : serious,
    singleRecordPeople: single,
    singleRecordShare: involved > 0 ? single / involved : 0,
    largestComponentShare: involved > 0 ? largest / involved : 0,
    repeatedSeriousIncidents: 0,
    repeatedSeriousNextDay: 0,
    repeatedSeriousExample: null,
    largeIncidents: 0,
    largeIncidentPairShare: 0,
    largestIncident: null,
    largestIncidentOffenders: 0,
    mostInvolvedPersonIncidents: 0,
    placeholderLikePeople: 0,
    topPeopleMedianIncidents: 0,
    longestGapDays: Math.max(0, c.gap - 1),
    longestGapFrom: c.gap > 1 ? dayToIso(c.gapAfter + 1) : null,
    severityDrop: null,
    recordingStep: null,
    trailingIncidentsWithoutPeople: 0,
    trailingWithoutPeopleFrom: null,
    multiPersonIncidents: 0,
    incidentsWithPeople: 0,
    warnings: [],
  };
  return profile;
}

/** The profile's warnings, then frozen. */
function finish(profile: DataProfile): void {
  profile.warnings = profileWarnings(profile);
  Object.freeze(profile.warnings);
  Object.freeze(profile);
}

/**
 * Serious incidents (severity ≥ `minSeverity`) among the first `hi` of the index that repeat the
 * day (to the time, when one is given), the victims and the offenders of an earlier one: one harm
 * exported twice under two ids, or one fight recorded as several incidents. Two shootings of one
 * person on one day at different times, or by other people, are not repeats. Only serious
 * incidents are read. Sets the profile's count and first example.
 */
function repeatedHarm(
  p: DataProfile,
  index: DatasetIndex,
  hi: number,
  minSeverity: number,
  lo = 0,
) {
  const seen = new Map<string, number>();
  // The latest date-only serious incident of each set of victims and offenders.
  const last = new Map<string, number>();
  let repeated = 0;
  for (let k = lo; k < hi; k++) {
    if (index.severity[k] < minSeverity) continue;
    const victims: number[] = [];
    const offenders: number[] = [];
    for (let e = index.invOffset[k]; e < index.invOffset[k + 1]; e++)
      if (index.invRole[e] === ROLE_CODE.victim) victims.push(index.invPerson[e]);
      else if (index.invRole[e] === ROLE_CODE.offender) offenders.push(index.invPerson[e]);
    if (victims.length === 0) continue;
    const d = index.day[k];
    const people = `${victims.sort((a, b) => a - b)}:${offenders.sort((a, b) => a - b)}`;
    const key = `${d}:${people}`;
    let first = seen.get(key);
    let next = false;
    if (first === undefined) {
      seen.set(key, k);
      const prev = last.get(people);
      if (Number.isInteger(d)) last.set(people, k);
      if (
        offenders.length &&
        prev !== undefined &&
        Number.isInteger(d) &&
        index.day[prev] === d - 1
      ) {
        first = prev;
        next = true;
        p.repeatedSeriousNextDay++;
      }
    }
    if (first !== undefined && repeated++ === 0)
      p.repeatedSeriousExample = `${index.incidentId(k)} repeats ${index.incidentId(first)}${next ? ' of the day before' : ''}`;
  }
  p.repeatedSeriousIncidents = repeated;
}

/** Distinct offenders from which an incident counts as large in the profile (and its warning). */
export const LARGE_INCIDENT_OFFENDERS = 20;

/**
 * One pass over the involvements of incidents `lo .. hi` of the index for two measures:
 *
 * - Distinct offenders of each incident: the largest, and the incidents naming
 *   {@link LARGE_INCIDENT_OFFENDERS} or more with their share of all co-offending pairs (what the
 *   co-offending network is made of); a person listed twice as an offender of one incident counts
 *   once, as in the network.
 * - Incidents per person id (any role, each incident once): the most involved id, and the ids in
 *   {@link DOMINANT_PERSON_INCIDENTS} or more incidents and in more than 5 times the median of the
 *   20 most involved ids' counts. Prolific people come in numbers (the 20 most involved of a city
 *   have similar counts); a placeholder stands apart.
 *
 * One person-sized stamp marks who was met in incident k (2k) and met as an offender (2k + 1).
 */
function offendersAndPeople(p: DataProfile, index: DatasetIndex, hi: number, lo = 0) {
  const { invOffset, invPerson, invRole } = index;
  const n = index.personIds.length;
  const count = new Int32Array(n);
  const stamp = new Int32Array(n).fill(-1);
  let pairs = 0;
  let largePairs = 0;
  let most = 0;
  let mostAt = -1;
  for (let k = lo; k < hi; k++) {
    let d = 0;
    const met = 2 * k;
    for (let e = invOffset[k]; e < invOffset[k + 1]; e++) {
      const v = invPerson[e];
      const offender = invRole[e] === ROLE_CODE.offender;
      if (stamp[v] < met) {
        count[v]++;
        stamp[v] = offender ? met + 1 : met;
        if (offender) d++;
      } else if (offender && stamp[v] === met) {
        stamp[v] = met + 1;
        d++;
      }
    }
    const made = (d * (d - 1)) / 2;
    pairs += made;
    if (d >= LARGE_INCIDENT_OFFENDERS) {
      p.largeIncidents++;
      largePairs += made;
    }
    if (d > most) {
      most = d;
      mostAt = k;
    }
  }
  p.largeIncidentPairShare = pairs > 0 ? largePairs / pairs : 0;
  p.largestIncidentOffenders = most;
  p.largestIncident = mostAt >= 0 ? index.incidentId(mostAt) : null;
  placeholderPeople(p, count);
}

/** Incidents from which a person id may be a placeholder (with the 5× rule of the profile). */
export const DOMINANT_PERSON_INCIDENTS = 50;

/** The placeholder measures of {@link offendersAndPeople} from the incidents per person id. */
function placeholderPeople(p: DataProfile, count: Int32Array) {
  const n = count.length;
  // The 20 largest counts (descending), by insertion into a short sorted list.
  const top: number[] = [];
  let most = -1;
  for (let v = 0; v < n; v++) {
    const c = count[v];
    if (c === 0) continue;
    if (most < 0 || c > count[most]) most = v;
    if (top.length === 20 && c <= top[19]) continue;
    let at = top.length < 20 ? top.length : 19;
    if (top.length < 20) top.push(c);
    while (at > 0 && top[at - 1] < c) {
      top[at] = top[at - 1];
      at--;
    }
    top[at] = c;
  }
  if (most < 0) return;
  p.mostInvolvedPersonIncidents = count[most];
  const m = top.length;
  const median = m % 2 ? top[(m - 1) / 2] : (top[m / 2 - 1] + top[m / 2]) / 2;
  p.topPeopleMedianIncidents = median;
  const bar = Math.max(DOMINANT_PERSON_INCIDENTS, 5 * median);
  if (count[most] < bar) return;
  for (let v = 0; v < n; v++)
    if (count[v] >= DOMINANT_PERSON_INCIDENTS && count[v] > 5 * median) p.placeholderLikePeople++;
}

/**
 * Incidents of each severity (0–4) per calendar year among incidents `lo .. hi` of the index
 * (sorted by day), and the sharpest fall of one severity within two years: to a fifth or less of
 * what the pace of one of the two years before predicts over the days of records in the year
 * (both years of 100 incidents or more, 25 or more expected; a change within a year leaves that
 * year half-changed, so the year before it is compared too). Violence rises in outbreaks, but a level
 * of severity does not all but vanish in a year; a severity scale coded differently from a date
 * on, or incidents of a severity missing from part of the extract, make it do so. One pass.
 */
function severityDrop(p: DataProfile, index: DatasetIndex, hi: number, lo = 0) {
  const { day, severity } = index;
  if (hi <= lo) return;
  const first = Math.floor(day[lo]);
  const last = Math.floor(day[hi - 1]);
  // Counts by severity of the two years before (1, 2) and of this one (0): rows of 5.
  const counts = new Float64Array(15);
  const n = [0, 0, 0];
  const days = [0, 0, 0];
  let year = Number.NaN;
  let start = 0;
  let end = -Infinity;
  let worst = 0;
  const close = () => {
    days[0] = Math.min(end, last + 1) - Math.max(start, first);
    // Against each of the two years before: a change within a year leaves that year half-changed.
    if (n[0] >= 100)
      for (let back = 1; back <= 2; back++) {
        if (n[back] < 100) continue;
        for (let v = 0; v < 5; v++) {
          const expected = (counts[5 * back + v] * days[0]) / days[back];
          const seen = counts[v];
          if (expected >= 25 && seen <= expected / 5 && expected - seen > worst) {
            worst = expected - seen;
            p.severityDrop = {
              severity: v,
              year,
              count: seen,
              previousYear: year - back,
              previousCount: counts[5 * back + v],
              expected: Math.round(expected),
            };
          }
        }
      }
    counts.copyWithin(5, 0, 10);
    n[2] = n[1];
    n[1] = n[0];
    days[2] = days[1];
    days[1] = days[0];
  };
  for (let k = lo; k < hi; k++) {
    const d = day[k];
    if (!Number.isFinite(d)) continue;
    if (d >= end) {
      if (n[0] > 0) close();
      const y = new Date(Math.floor(d) * 86400000).getUTCFullYear();
      // Years without any incident in between: neighbouring years only.
      if (y !== year + 1) n[1] = n[2] = 0;
      year = y;
      n[0] = 0;
      counts.fill(0, 0, 5);
      start = Date.UTC(y, 0, 1) / 86400000;
      end = Date.UTC(y + 1, 0, 1) / 86400000;
    }
    n[0]++;
    counts[severity[k]]++;
  }
  if (n[0] > 0) close();
}

/** Smallest step in the records of every kind that is flagged (after ÷ before, or its inverse). */
const RECORDING_STEP_RATIO = 1.4;
/** Standard errors of the log ratio a flagged step is at least (over every split tried). */
const RECORDING_STEP_Z = 5;

/**
 * Incidents per calendar month among `lo .. hi` (sorted by day), whole months only (the first
 * and the last month of the records are partial), and the split with the largest step between
 * the 12 months before and the 12 from it, in standard errors of the log ratio (Poisson counts:
 * √(1/before + 1/after)); kept when it is {@link RECORDING_STEP_RATIO} or more either way and
 * {@link RECORDING_STEP_Z} standard errors or more, and when the 6 months from it against the 6
 * before move by {@link RECORDING_STEP_RATIO} or more the same way: a steady trend moves 12 months
 * against the 12 before by its yearly growth, and 6 against 6 by only the root of it (records
 * growing 40% a year, a system rolled out district by district, are no step). One pass.
 */
function recordingStep(p: DataProfile, index: DatasetIndex, hi: number, lo = 0) {
  const { day } = index;
  let a = lo;
  let b = hi;
  while (a < b && !Number.isFinite(day[a])) a++;
  while (b > a && !Number.isFinite(day[b - 1])) b--;
  if (b - a < 2) return;
  const monthOf = (d: number) => {
    const t = new Date(Math.floor(d) * 86400000);
    return t.getUTCFullYear() * 12 + t.getUTCMonth();
  };
  const m0 = monthOf(day[a]) + 1;
  const months = monthOf(day[b - 1]) - m0;
  if (months < 24) return;
  const count = new Float64Array(months);
  for (let k = a; k < b; k++) {
    if (!Number.isFinite(day[k])) continue;
    const m = monthOf(day[k]) - m0;
    if (m >= 0 && m < months) count[m]++;
  }
  // Months' counts summed up to each month: the half-years each side of a split.
  const cum = new Float64Array(months + 1);
  for (let m = 0; m < months; m++) cum[m + 1] = cum[m] + count[m];
  let before = 0;
  let after = 0;
  for (let m = 0; m < 12; m++) before += count[m];
  for (let m = 12; m < 24; m++) after += count[m];
  let bestZ = 0;
  for (let s = 12; ; s++) {
    if (before > 0 && after > 0) {
      const ratio = after / before;
      const z = Math.abs(Math.log(ratio)) / Math.sqrt(1 / before + 1 / after);
      // A step, not a steady trend: the half-year from the split against the half-year before
      // it moves as far (a trend of 40% a year moves them by 18%; a step by the step).
      const half = (cum[s + 6] - cum[s]) / (cum[s] - cum[s - 6]);
      if (
        z >= RECORDING_STEP_Z &&
        z > bestZ &&
        ((ratio >= RECORDING_STEP_RATIO && half >= RECORDING_STEP_RATIO) ||
          (ratio <= 1 / RECORDING_STEP_RATIO && half <= 1 / RECORDING_STEP_RATIO))
      ) {
        bestZ = z;
        const m = m0 + s;
        p.recordingStep = {
          from: dayToIso(Date.UTC(Math.floor(m / 12), m % 12, 1) / 86400000),
          ratio,
          before,
          after,
        };
      }
    }
    if (s + 12 >= months) break;
    before += count[s] - count[s - 12];
    after += count[s + 12] - count[s];
  }
}

/**
 * The run of incidents at the end of `lo .. hi` (sorted by day) that name no person, when it is
 * 20 or more long and its chance, were each incident before it as likely to name nobody as those
 * before were, is under 1e-6. Reads the involvement offsets only, from the end.
 */
function trailingWithoutPeople(p: DataProfile, index: DatasetIndex, hi: number, lo = 0) {
  const { invOffset } = index;
  let k = hi;
  while (k > lo && invOffset[k] === invOffset[k - 1]) k--;
  const run = hi - k;
  if (run < 20 || k === lo) return;
  let none = 0;
  for (let j = lo; j < k; j++) if (invOffset[j + 1] === invOffset[j]) none++;
  const share = none / (k - lo);
  if (share > 0 && run * Math.log(share) > Math.log(1e-6)) return;
  p.trailingIncidentsWithoutPeople = run;
  p.trailingWithoutPeopleFrom = dayToIso(Math.floor(index.day[k]));
}

/** Incidents of `lo .. hi` naming anyone, and naming two or more distinct people. One pass. */
function multiPerson(p: DataProfile, index: DatasetIndex, hi: number, lo = 0) {
  const { invOffset, invPerson } = index;
  for (let k = lo; k < hi; k++) {
    const a = invOffset[k];
    const b = invOffset[k + 1];
    if (a === b) continue;
    p.incidentsWithPeople++;
    for (let e = a + 1; e < b; e++)
      if (invPerson[e] !== invPerson[a]) {
        p.multiPersonIncidents++;
        break;
      }
  }
}

const beforeCache = new WeakMap<DatasetIndex, Map<string, DataProfile>>();

/**
 * The profile of the records dated before `day` — `profileData(recordsBefore(data, day))`, the
 * same object fields and warnings — read from the dataset's index prefix (incidents are sorted
 * by day) instead of filtering the records by id and indexing them again. With `since` (a day),
 * only the records dated on or after it: an analysis's retention window, so that the profile
 * counts the records it uses, not those past retention that it drops. Cached per index,
 * window and severity. Falls back to the records when the index is not an exact image of them or
 * a day is not finite. @internal
 */
export function profileBefore(
  data: Dataset,
  day: number,
  options?: ProfileOptions,
  since = Number.NEGATIVE_INFINITY,
): Readonly<DataProfile> {
  checkDataset('profileData', data);
  const o = checkOptions('profileData', options, {
    minSeverity: rule.number({ min: 0, max: 4, integer: true }),
  });
  const minSeverity = o.minSeverity ?? DEFAULTS.minSeverity;
  const index = indexDataset(data);
  const n = index.day.length;
  let finite = isExactIndex(index);
  for (let k = 0; finite && k < n; k++) if (!Number.isFinite(index.day[k])) finite = false;
  if (!finite) return profileData(recordsBefore(data, day, since), options);
  const hi = index.lowerBound(day);
  const lo = Math.min(hi, index.lowerBound(since));
  if (hi === n && lo === 0) return profileData(data, options);
  let byKey = beforeCache.get(index);
  const key = `${lo}:${hi}:${minSeverity}`;
  const hit = byKey?.get(key);
  if (hit) return hit;
  const c = countsFromIndex(index, hi, peopleTableRows(index), lo);
  if (!c) return profileData(recordsBefore(data, day, since), options);
  let serious = 0;
  for (let k = lo; k < hi; k++) if (index.severity[k] >= minSeverity) serious++;
  const profile = makeProfile(
    c,
    hi - lo,
    index.invOffset[hi] - index.invOffset[lo],
    serious,
    minSeverity,
  );
  repeatedHarm(profile, index, hi, minSeverity, lo);
  offendersAndPeople(profile, index, hi, lo);
  severityDrop(profile, index, hi, lo);
  recordingStep(profile, index, hi, lo);
  trailingWithoutPeople(profile, index, hi, lo);
  multiPerson(profile, index, hi, lo);
  finish(profile);
  if (!byKey) beforeCache.set(index, (byKey = new Map()));
  byKey.set(key, profile);
  return profile;
}

function profileWarnings(p: DataProfile): string[] {
  const w: string[] = [];
  if (p.incidents === 0) {
    w.push('The data hold no incidents: there is nothing to analyse.');
    return w;
  }
  if (p.distinctDates === 1) {
    w.push(
      `${p.incidents === 1 ? 'There is one incident' : `All ${p.incidents} incidents carry the same date`} (${p.firstDate}), so nothing about timing can be learnt: contagion fits, rankings and backtests are refused. Check that the export carries each incident's own date.`,
    );
  } else {
    // One incident on a date, or on a 1st, is no heaping (6 incidents: each date holds 17%).
    if (p.mostCommonDateShare > 0.1 && p.mostCommonDateShare * p.incidents >= 2) {
      w.push(
        `${pct(p.mostCommonDateShare)} of incidents carry the date ${p.mostCommonDate}: dates may have been filled in (date heaping), which blurs timing.`,
      );
    }
    const month = p.firstOfMonthShare > 0.1 && p.firstOfMonthShare * p.incidents >= 2;
    if (month || (p.mostCommonWeekdayShare > 0.5 && p.distinctDates >= 8))
      w.push(
        `${pct(month ? p.firstOfMonthShare : p.mostCommonWeekdayShare)} of ${month ? 'incidents are dated on the 1st of a month (about 3%' : `dates with incidents are ${p.mostCommonWeekday}s (about 14%`} expected): dates may have been rounded to the ${month ? 'month' : 'week'}, which blurs timing.`,
      );
  }
  if (p.seriousEvents === 0) {
    w.push(
      `No incident of severity ${p.minSeverity} or more: there are no serious events to model, so fits and rankings are refused.`,
    );
  } else if (p.seriousEventsPerYear < 5 && p.distinctDates > 1) {
    w.push(
      `Only ${p.seriousEvents} serious event${p.seriousEvents === 1 ? '' : 's'} (${p.seriousEventsPerYear.toFixed(1)} a year): model estimates will be very uncertain.`,
    );
  }
  // A run of days without records far longer than usual: a gap in the extract, read as calm.
  const usual = (p.spanDays - p.longestGapDays) / (p.distinctDates - 2);
  if (p.distinctDates >= 20 && p.longestGapDays > 90 && p.longestGapDays > 20 * usual)
    w.push(
      `No incident at all for ${count(p.longestGapDays, 'day')} from ${p.longestGapFrom} (otherwise ${usual.toFixed(1)} days apart on average): the records may have a gap, read as days without harm.`,
    );
  if (p.repeatedSeriousIncidents > 0) {
    const r = p.repeatedSeriousIncidents;
    w.push(
      `${r} serious incident${r === 1 ? ' repeats' : 's repeat'} the date${p.repeatedSeriousNextDay ? ` (${p.repeatedSeriousNextDay} the day after)` : ''}, victims and offenders of another (a duplicate? ${p.repeatedSeriousExample}): each copy counts again in fits and lists.`,
    );
  }
  // One record tying everyone to everyone: a mass arrest, a public-order incident, or a placeholder
  // incident id that many unrelated records share. It is not co-offending in the usual sense and,
  // making most of the ties, it would decide the network's measures, exposure and the model.
  if (p.largeIncidents > 0 && p.largeIncidentPairShare >= 0.1) {
    const n = p.largeIncidents;
    const one = n === 1;
    w.push(
      `${one ? `One incident ('${p.largestIncident}') names ${p.largestIncidentOffenders} offenders and makes` : `${n} incidents name ${LARGE_INCIDENT_OFFENDERS} or more offenders each (the largest, '${p.largestIncident}', ${p.largestIncidentOffenders}) and make`} ${p.largeIncidentPairShare >= 0.995 && p.largeIncidentPairShare < 1 ? 'over 99%' : pct(p.largeIncidentPairShare)} of the co-offending pairs, each offender tied to every other: a mass arrest, a public-order incident or a placeholder id shared by unrelated records would decide the network, exposure and the contagion model. Check ${one ? 'it' : 'them'}, and leave ${one ? 'it' : 'them'} (or ${one ? 'its' : 'their'} involvements) out if ${one ? 'it is' : 'they are'} not one act of co-offending.`,
    );
  }
  // A placeholder person id: everyone recorded as an unknown suspect (or victim) becomes one
  // person, tied to all their co-offenders. Not named here (warnings name no person).
  if (p.placeholderLikePeople > 0) {
    const n = p.placeholderLikePeople;
    w.push(
      `${n === 1 ? 'One person id is' : `${n} person ids are each`} in over 5 times as many incidents as the 20 most involved ids typically are (${n === 1 ? '' : 'the most, '}${p.mostInvolvedPersonIncidents} of ${p.incidents} incidents, against a median of ${p.topPeopleMedianIncidents}): a placeholder for unknown people ("UNKNOWN", "0") would tie together everyone it stands for in the network, exposure and the contagion model. Count the involvements per person id to find ${n === 1 ? 'it' : 'them'}, and give unknown people no id (or an id each) if ${n === 1 ? 'it is one' : 'they are'}.`,
    );
  }
  // Severity recoded from a date on (a recording-system change, a reversed or shifted scale), or
  // incidents of a severity missing for a while: fits read it as a change in violence.
  const drop = p.severityDrop;
  if (drop) {
    const serious = drop.severity >= p.minSeverity;
    w.push(
      `Incidents of severity ${drop.severity} fell from ${drop.previousCount} in ${drop.previousYear} to ${drop.count} in ${drop.year} (${drop.expected} expected at ${drop.previousYear}'s pace over the days of records): a severity scale coded differently from a date on (a recording-system change) or ${serious ? 'serious ' : ''}incidents missing from part of the extract would do that, and fits and lists would read it as a change in ${serious ? 'serious ' : ''}violence. Check the severities by year.`,
    );
  }
  // Every kind of record stepping up or down from a month on: a recording-practice change (a
  // new crime-recording standard) or an extract missing records on one side. What is missing
  // on the thin side (people, ties, harm) reads as absent: contagion through it as background.
  const step = p.recordingStep;
  if (step) {
    const up = step.ratio > 1;
    w.push(
      `Incidents of every severity were recorded ${up ? '' : 'only '}${step.ratio < 0.1 ? step.ratio.toPrecision(1) : step.ratio.toFixed(1)} times as often in the 12 months from ${step.from} as in the 12 before (${step.after} against ${step.before}): a change in recording practice (a new crime-recording standard) or records missing from ${up ? 'before' : 'after'} it would do that. Records under-recorded ${up ? 'before' : 'after'} it lose people, ties and harm, so contagion through them is read as background: a contagion share is then a lower bound (on test cities recorded 1.5–2 times as fully from mid-window, about 10 points low against a true 31%). Check how the records were made across that date.`,
    );
  }
  // The latest incidents with nobody recorded: a truncated involvements export, or people not
  // yet entered. Their harm reaches no one's exposure or list score.
  if (p.trailingIncidentsWithoutPeople > 0)
    w.push(
      `The last ${p.trailingIncidentsWithoutPeople} incidents (from ${p.trailingWithoutPeopleFrom} on) name no person at all, far more in a row than earlier incidents do: the involvements may have been cut off (an export truncated at a row limit, such as Excel's 1,048,576 rows) or not yet entered, so their harm reaches no one's exposure, model or list score. Check that the involvements cover the latest incidents.`,
    );
  // One person per incident: the export may give each person-row an incident id of its own.
  if (p.incidentsWithPeople >= 100 && p.multiPersonIncidents < 0.01 * p.incidentsWithPeople)
    w.push(
      `Only ${p.multiPersonIncidents} of the ${p.incidentsWithPeople} incidents naming anyone ${p.multiPersonIncidents === 1 ? 'names' : 'name'} more than one person: no co-offending or victim–offender tie can form, so the network is empty and the contagion model cannot see spread. If the export gives each person-row an incident id of its own, give the rows of one event one id before ingest.`,
    );
  if (p.incidentsWithoutOffenderShare > 0.5) {
    w.push(
      `${pct(p.incidentsWithoutOffenderShare)} of incidents name no offender: co-offending ties are missing for them.`,
    );
  }
  if (p.singleRecordShare > 0.8 && p.involvements > 0) {
    w.push(
      `${pct(p.singleRecordShare)} of people appear in a single record: the network is thin and network measures say little about them.`,
    );
  }
  return w;
}

const WHAT: Record<ProfiledAnalysis, string> = {
  fit: 'the contagion model cannot be fitted',
  rank: 'a ranking would only reflect record order',
  backtest: 'a backtest cannot compare before and after',
  timing: 'timing analyses are meaningless',
};

/**
 * Throws when the profile makes `analysis` meaningless: every incident on one date (all
 * analyses here: `single-date`), no incident at all (`empty`), or, for `fit` and `rank`, no
 * serious event (`no-events`). The message starts with `fn` (default: the analysis) and
 * "refused". With `before` (the profile is of the records before an as-of date: `profileBefore`),
 * the message says so instead of speaking of the whole data, and no record before the date,
 * when the data have some, is `outside-records`, naming the date of the first. `later`: the data
 * hold records dated on or after the as-of date, so that a later one would read more (otherwise
 * the advice is more records).
 * @throws {DataRefusedError} with a one-line message saying why and what to do.
 */
export function refuseIfMeaningless(
  profile: DataProfile,
  analysis: ProfiledAnalysis,
  fn: string = analysis,
  before?: { asOf: string; firstDate: string | null; since?: string; later?: boolean },
): void {
  if (profile.incidents === 0) {
    // Records before asOf, but all past the retention horizon (the profile is of the window).
    if (before?.firstDate && before.since && before.firstDate < before.since)
      throw new DataRefusedError(
        'outside-records',
        `${fn} refused: no records between ${before.since} and the as-of date ${before.asOf}: the records before ${before.since} (from ${before.firstDate}) are past the retention horizon; choose an earlier asOf.`,
      );
    if (before?.firstDate)
      throw new DataRefusedError(
        'outside-records',
        `${fn} refused: no records before the as-of date ${before.asOf} (the records start on ${before.firstDate}); choose a later asOf.`,
      );
    throw new DataRefusedError('empty', `${fn} refused: the data hold no incidents.`);
  }
  const which = before
    ? before.since
      ? `between ${before.since} and the as-of date ${before.asOf}`
      : `before the as-of date ${before.asOf}`
    : 'in the data';
  if (profile.distinctDates === 1) {
    // A later asOf helps only when there are records after this one; otherwise more records do.
    const later = before?.later === true;
    const all =
      profile.incidents === 1
        ? `there is only one incident${before ? ` ${which}` : ''}`
        : `all ${profile.incidents} incidents ${before ? `${which} ` : ''}carry the same date`;
    throw new DataRefusedError(
      'single-date',
      `${fn} refused: ${all} (${profile.firstDate}), so ${WHAT[analysis]}; ${profile.incidents === 1 ? (later ? 'choose a later asOf' : 'more records are needed') : `check that the export carries each incident's own date${later ? ', or choose a later asOf' : ''}`}.`,
    );
  }
  if ((analysis === 'fit' || analysis === 'rank') && profile.seriousEvents === 0) {
    throw new DataRefusedError(
      'no-events',
      `${fn} refused: no incident of severity ${profile.minSeverity} or more ${which}, so there are no serious events to learn from.`,
    );
  }
}

/**
 * Refuses a timing analysis (retaliation links, group reciprocity…) when two or more incidents
 * all carry one date: no incident can then answer another, and "nothing found" would be a
 * confident wrong answer (unless some incidents carry a time of day, which orders them). Works
 * on the sorted days of a dataset index.
 * @throws {DataRefusedError} `single-date`.
 */
export function refuseSingleDate(
  fn: string,
  index: { readonly day: ArrayLike<number>; readonly timed?: ArrayLike<number> },
): void {
  const n = index.day.length;
  if (n < 2) return;
  const first = Math.floor(index.day[0]);
  if (first !== Math.floor(index.day[n - 1])) return;
  // Times of day order incidents within the date: timing can still be learnt.
  if (index.timed) for (let i = 0; i < n; i++) if (index.timed[i]) return;
  throw new DataRefusedError(
    'single-date',
    `${fn} refused: all ${n} incidents carry the same date (${dayToIso(first)}), so ${WHAT.timing}; check that the export carries each incident's own date.`,
  );
}

/**
 * A warning when one score is shared by most of a list (more than half of its rows), with the
 * rule that then decides the order; `undefined` otherwise. Scores within `TIE_TOLERANCE` (1e-9)
 * of the list's largest are one score, as in the list's shared ranks.
 */
export function tiedScoresWarning(scores: ArrayLike<number>, tieBreak: string): string | undefined {
  if (scores.length < 2) return undefined;
  const classes = tieClasses(scores);
  const size = new Int32Array(scores.length);
  let top = 0;
  let value = 0;
  for (let i = 0; i < scores.length; i++) {
    const c = ++size[classes[i]];
    if (c > top) {
      top = c;
      value = scores[i];
    }
  }
  if (top * 2 <= scores.length) return undefined;
  return `${top} of ${scores.length} people listed share the same score (${Number(value.toPrecision(3))}), so the score does not order them; their order is set by ${tieBreak}.`;
}

/** The default of each option. */
profileData.defaults = DEFAULTS;

/** What {@link profileData} counts, apart from the serious events. @internal */
export interface ProfileCounts {
  first: number;
  last: number;
  firstOfMonth: number;
  /** Distinct incident dates by weekday, Monday first. */
  weekdays: Int32Array;
  /** Longest gap between consecutive incident days (days), and the day it starts after. */
  gap: number;
  gapAfter: number;
  mostDay: number;
  mostCount: number;
  distinctDates: number;
  involved: number;
  largest: number;
  single: number;
  people: number;
  withoutOffender: number;
}

/** Weekday names, Monday first. @internal */
export const WEEKDAYS = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
];

/** Weekday of a day since 1970-01-01, Monday 0 (that day was a Thursday). */
function weekdayOf(d: number): number {
  return (((d + 3) % 7) + 7) % 7;
}

/** The day of the month is 1 (UTC calendar of days since 1970-01-01). */
function isFirstOfMonth(d: number): boolean {
  return new Date(d * 86_400_000).getUTCDate() === 1;
}

/**
 * The counts from an exact dataset index (its incidents sorted by day), or `undefined` when a
 * day is not finite (then the records are read instead). With `hi`, the counts of the records at
 * sorted positions [lo, hi) — the records of a window, [0, hi) those before a date — with the people of the people table
 * (`peopleRow`, by person number) counted whether or not they have a record before it, as
 * `indexDataset` of those records would. @internal
 */
export function countsFromIndex(
  index: DatasetIndex,
  hi: number = index.day.length,
  peopleRow?: Uint8Array,
  lo = 0,
): ProfileCounts | undefined {
  const n = hi;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  let firstOfMonth = 0;
  const weekdays = new Int32Array(7);
  let mostDay = Number.NaN;
  let mostCount = 0;
  let distinctDates = 0;
  let gap = 0;
  let gapAfter = 0;
  for (let k = lo; k < n; ) {
    const d = Math.floor(index.day[k]);
    if (!Number.isFinite(d)) return undefined;
    let j = k + 1;
    while (j < n && Math.floor(index.day[j]) === d) j++;
    const count = j - k;
    distinctDates++;
    if (d < first) first = d;
    if (d > last) last = d;
    if (isFirstOfMonth(d)) firstOfMonth += count;
    weekdays[weekdayOf(d)]++;
    if (k > lo && d - Math.floor(index.day[k - 1]) > gap) {
      gap = d - Math.floor(index.day[k - 1]);
      gapAfter = d - gap;
    }
    // Ascending days: the first day with the largest count is the earliest such day.
    if (count > mostCount) {
      mostCount = count;
      mostDay = d;
    }
    k = j;
  }
  const nP = index.personIds.length;
  const parent = new Int32Array(nP);
  for (let p = 0; p < nP; p++) parent[p] = p;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  let withoutOffender = 0;
  const { invOffset, invPerson, invRole } = index;
  for (let k = lo; k < n; k++) {
    let offender = false;
    const a = invOffset[k];
    for (let e = a; e < invOffset[k + 1]; e++) {
      if (invRole[e] === ROLE_CODE.offender) offender = true;
      if (e > a) {
        const x = find(invPerson[e]);
        const y = find(invPerson[a]);
        if (x !== y) parent[x] = y;
      }
    }
    if (!offender) withoutOffender++;
  }
  // Records of each person among the first `hi` incidents (all of them: the index's own counts).
  let records: Int32Array;
  if (hi === index.day.length && lo === 0) {
    records = new Int32Array(nP);
    for (let p = 0; p < nP; p++)
      records[p] = index.personIncOffset[p + 1] - index.personIncOffset[p];
  } else {
    records = new Int32Array(nP);
    for (let e = invOffset[lo]; e < invOffset[hi]; e++) records[invPerson[e]]++;
  }
  let involved = 0;
  let single = 0;
  let people = 0;
  const size = new Int32Array(nP);
  let largest = 0;
  for (let p = 0; p < nP; p++) {
    const r = records[p];
    if (r === 0) {
      if (!peopleRow || peopleRow[p]) people++;
      continue;
    }
    people++;
    involved++;
    if (r === 1) single++;
    const s = ++size[find(p)];
    if (s > largest) largest = s;
  }
  return {
    first,
    last,
    firstOfMonth,
    weekdays,
    gap,
    gapAfter,
    mostDay,
    mostCount,
    distinctDates,
    involved,
    largest,
    single,
    people,
    withoutOffender,
  };
}

/** The counts read from the record objects (ids as strings): any dataset. @internal */
export function countsFromRecords(data: Dataset): ProfileCounts {
  const dayCount = new Map<number, number>();
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  let firstOfMonth = 0;
  const weekdays = new Int32Array(7);
  for (const inc of data.incidents) {
    const d = Math.floor(inc.day);
    if (!Number.isFinite(d)) continue;
    dayCount.set(d, (dayCount.get(d) ?? 0) + 1);
    if (d < first) first = d;
    if (d > last) last = d;
    if (isFirstOfMonth(d)) firstOfMonth++;
  }
  for (const d of dayCount.keys()) weekdays[weekdayOf(d)]++;
  let mostDay = Number.NaN;
  let mostCount = 0;
  let gap = 0;
  let gapAfter = 0;
  const sorted = [...dayCount.keys()].sort((a, b) => a - b);
  for (let i = 1; i < sorted.length; i++)
    if (sorted[i] - sorted[i - 1] > gap) {
      gap = sorted[i] - sorted[i - 1];
      gapAfter = sorted[i - 1];
    }
  for (const [d, c] of dayCount) {
    if (c > mostCount || (c === mostCount && d < mostDay)) {
      mostCount = c;
      mostDay = d;
    }
  }
  // Offenders per incident; involvements per person; links between people of an incident.
  const withOffender = new Set<string>();
  const personNo = new Map<string, number>();
  const records: number[] = [];
  const byIncident = new Map<string, number>();
  const parent: number[] = [];
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  for (const v of data.involvements) {
    if (v.role === 'offender') withOffender.add(v.incident_id);
    let p = personNo.get(v.person_id);
    if (p === undefined) {
      p = records.length;
      personNo.set(v.person_id, p);
      records.push(0);
      parent.push(p);
    }
    records[p]++;
    const other = byIncident.get(v.incident_id);
    if (other === undefined) byIncident.set(v.incident_id, p);
    else {
      const a = find(p);
      const b = find(other);
      if (a !== b) parent[a] = b;
    }
  }
  const involved = records.length;
  const compSize = new Map<number, number>();
  let largest = 0;
  for (let p = 0; p < involved; p++) {
    const r = find(p);
    const s = (compSize.get(r) ?? 0) + 1;
    compSize.set(r, s);
    if (s > largest) largest = s;
  }
  let single = 0;
  for (const r of records) if (r === 1) single++;
  let people = involved;
  for (const p of data.people) if (!personNo.has(p.person_id)) people++;
  let withoutOffender = 0;
  for (const inc of data.incidents) if (!withOffender.has(inc.incident_id)) withoutOffender++;

  return {
    first,
    last,
    firstOfMonth,
    weekdays,
    gap,
    gapAfter,
    mostDay,
    mostCount,
    distinctDates: dayCount.size,
    involved,
    largest,
    single,
    people,
    withoutOffender,
  };
}
