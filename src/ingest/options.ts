import { OptionError } from '../core/errors.js';
import {
  checkOptions,
  closestName,
  type NearNames,
  type OptionRule,
  type OptionRules,
  rule,
} from '../core/options.js';
import { DAY_MS, type DateLike, toDay } from '../core/time.js';
import { localDay, timeZoneRule } from '../core/time-zone.js';
import type { Role, Severity, Weapon } from '../core/types.js';
import { type DateFormat, HOUR_OFFSET } from './dates.js';
import { checkPseudonymKey, type PseudonymKey } from './pseudonymise.js';
import { DEFAULT_ROLE_SYNONYMS } from './roles.js';
import { DEFAULT_SEVERITY_RULES, type SeverityRule } from './severity.js';
import { resolveSeverityLevels, type SeverityLevels } from './severity-levels.js';
import { DEFAULT_WEAPON_SYNONYMS } from './weapons.js';

/** The canonical fields of the `incidents` table, in schema order. */
export const INCIDENT_FIELDS = [
  'incident_id',
  'date',
  'offence',
  'severity',
  'weapon',
  'area',
  'lat',
  'lon',
] as const;

/** The canonical fields of the `involvements` table. */
export const INVOLVEMENT_FIELDS = ['incident_id', 'person_id', 'role'] as const;

/** Canonical field names a source column can be mapped to (see the README's input schema). */
export const CANONICAL_FIELDS = [
  ...INCIDENT_FIELDS,
  'time',
  'people',
  'person_id',
  'role',
  'birth_year',
  'group',
  'group_since',
  'group_until',
] as const;

/**
 * A canonical field name. `time` is an optional time-of-day column of the incidents table
 * (`23:30`, `23:30:15` or `2330`), combined with a plain `date`. `people` is the nested form's list of involvements per incident. */
export type CanonicalField = (typeof CANONICAL_FIELDS)[number];

/** camelCase spellings accepted as `mapping` keys too (as in DESIGN.md's example). */
const MAPPING_ALIASES: Readonly<Record<string, CanonicalField>> = {
  incidentId: 'incident_id',
  personId: 'person_id',
  birthYear: 'birth_year',
  offense: 'offence',
};

/** Options of {@link ingest}. Every option is optional; defaults are in {@link INGEST_DEFAULTS}. */
export interface IngestOptions {
  /**
   * Source column for each canonical field, e.g.
   * `{ incident_id: 'URN', person_id: 'NominalID', role: 'InvolvementType', date: 'OffenceDate' }`.
   * One mapping serves all three tables. Without an entry, a column named like the field is used
   * (exactly, else ignoring case, spaces and punctuation: `Incident ID` finds `incident_id`).
   * camelCase keys (`incidentId`, `personId`, `birthYear`) are accepted. The columns actually
   * used are reported in `summary.columns`. A column without a name (R's `write.csv` writes one
   * for row names) is mapped as `''`; a table without such a column keeps the field's own name.
   * An entry whose column a table reading the field (with rows) does not have, or read as another
   * field, is named in `summary.warnings` with what was read instead and the closest column not
   * read (`area → 'Area Codee' is no column of incidents, so no area was read (did you mean
   * 'Area Code'?)`); not when the column was read in another table reading the field and this
   * one read the field by its own name (`incident_id: ''` for R's row names in the incidents
   * only). Default: no mapping.
   */
  mapping?: Partial<Record<CanonicalField | 'incidentId' | 'personId' | 'birthYear', string>>;
  /**
   * Extra role spellings → canonical role, merged over {@link DEFAULT_ROLE_SYNONYMS}
   * (case-insensitive), e.g. `{ 'Person Reporting': 'other' }`. Each value is a canonical role:
   * a spelling (`{ Subject: 'suspect' }`) is an `OptionError` naming the role it spells. Default:
   * none (the default synonyms alone).
   */
  roleSynonyms?: Record<string, Role>;
  /**
   * Exact offence text (case-insensitive) → severity 0–4, checked before `severityRules`; used
   * only for rows without a severity. E.g. `{ 'Section 18 GBH': 3, 'Public Order': 0 }`. Default:
   * none (`severityRules` alone).
   */
  severityMap?: Record<string, Severity | number>;
  /**
   * Keyword rules offence → severity, first match wins; used after `severityMap` for rows
   * without a severity. Default {@link DEFAULT_SEVERITY_RULES}; `[]` turns keyword matching off.
   */
  severityRules?: readonly SeverityRule[];
  /**
   * What each value of the severity column means on this library's scale (a whole number 0–4: 0
   * no violence, 1 violence without injury, 2 with injury or a robbery, 3 serious violence: a
   * shooting, stabbing or GBH, 4 a homicide), for exports graded otherwise: a force's 1–5 grade
   * `{ '5': 4, '4': 3, '3': 2, '2': 1, '1': 0 }`, labels `{ High: 4, Medium: 2, Low: 1 }`, a
   * scale the other way up (0 or 1 the most serious) `{ '0': 4, '1': 3, '2': 2, '3': 1, '4': 0 }`.
   * Keys are matched trimmed, numbers as numbers (`'5'`, `'5.0'` and the number 5 alike), text
   * case-insensitively; levels are whole numbers 0–4; an empty map is refused (an `OptionError`).
   * A severity cell whose value is no key is rejected, naming the value and the keys (and the
   * closest key to a misspelt label; for a key a spreadsheet marked, `'High`, the mark); an empty
   * cell is derived from the offence as without it. Without it, a column evidently on another
   * scale stops ingest with an `IngestError` (`code: 'severity-scale'`) naming the column, its
   * values with counts and the `severityLevels` to give: of 30 or more values, 1 to 5 all given
   * with no 0, or at least 5% of them not a whole number 0–4; or severities that run against
   * the offences (a scale the other way up, see the ingest guide).
   * `{ '0': 0, '1': 1, '2': 2, '3': 3, '4': 4 }` says the column is on this scale as it is
   * (values off it are then rejected row by row, and severities against the offences only warned
   * of). Default: none (the column read as 0–4).
   */
  severityLevels?: Record<string, Severity | number>;
  /**
   * Extra weapon spellings → weapon category, merged over {@link DEFAULT_WEAPON_SYNONYMS}. Each
   * value is a category: a spelling (`{ Pistole: 'gun' }`) is an `OptionError` naming its category.
   * Default: none (the default synonyms alone).
   */
  weaponSynonyms?: Record<string, Weapon>;
  /**
   * How non-ISO dates are written: `'dmy'` for dd/mm/yyyy (UK), `'mdy'` for mm/dd/yyyy (US).
   * ISO 8601 is always read. Default `'iso'`.
   */
  dateFormat?: DateFormat;
  /**
   * IANA time zone of the records (`'America/Chicago'`): days are counted on its local
   * calendar, so a 23:30 shooting on 31 December is dated 31 December. Date-times with a zone
   * (`…Z`, `…-06:00`), `Date` values (but one at exactly midnight UTC, read as a plain date) and
   * Arrow timestamps with a zone are turned into local time; date-times without one, Arrow
   * timestamps without one, and `date` + `time` columns, are taken as local time already. Local
   * date-times are written without a zone suffix and `day` counts local days. Time is counted on
   * the local wall clock: a local time in a daylight-saving gap (02:30 on 14 March 2021 in
   * Chicago) is kept as written, with a warning in `summary.warnings` naming the incident, its row
   * and the time it names after the change (03:30), and one in the repeated hour is that one local time (both
   * instants it names read as it). Default `'UTC'`.
   */
  timeZone?: string;
  /**
   * "Now", for the future-date check: an incident dated after it is rejected. ISO text, `Date`
   * or days since epoch. Text with a zone (`…Z`, `…-06:00`, or whole hours `…-06` as PostgreSQL
   * writes a `timestamptz`) and a `Date` are instants, turned into
   * `timeZone`'s local time; text without one is local time already; a date alone
   * (`'2024-12-31'`) is the end of that day, so its own timed records are not future. Default: the current time
   * (pass a fixed value for reproducible runs).
   */
  now?: DateLike;
  /** Throw a `ValidationError` on the first problem instead of rejecting the row. Default false. */
  strict?: boolean;
  /**
   * Read the texts exports write for a missing value — `NULL`, `(null)`, `NA`, `N/A`, `#N/A`
   * and `-`, any case — as empty cells: refused as ids, left empty elsewhere, with a warning
   * naming those seen. `false` keeps them as values (areas or groups coded `NA`, a person id
   * `NA`). Default `true`.
   */
  missingMarkers?: boolean;
  /**
   * People columns to carry only for audits (in `Person.audit`), never as model inputs, in
   * addition to the built-in protected attributes (`PROTECTED_ATTRIBUTES`). Default `[]`.
   */
  auditOnly?: readonly string[];
  /**
   * People columns whose names match a protected characteristic (see `protectedMatch`) but which
   * the data owner has checked are not one (e.g. a `Disabled` column that records a vehicle), to be
   * read as ordinary attributes after all. The override is logged: it is listed in
   * `summary.allowedAttributes` and `summary.warnings`, carried on the dataset
   * (`data.allowedAttributes`), and stated in the metadata of every list and report made from it.
   * A name in `auditOnly` stays audit-only. Default `[]`.
   */
  allowAttribute?: readonly string[];
  /**
   * Replace every person id by its keyed pseudonym (`P-` + 12 hex digits of HMAC-SHA256) in the
   * output and in problem reports. The key must be at least 16 bytes (128 bits) of secret; a
   * shorter key is refused (`OptionError`). Generate one with
   * `node -e "console.log(require('crypto').randomBytes(32).toString('base64'))"`.
   * Default: ids kept as given.
   */
  pseudonymise?: { key: PseudonymKey };
  /**
   * A person listed in one incident with two different roles (e.g. offender and victim):
   * `'reject'` rejects every such row (neither can be trusted), `'keep'` keeps one row per role
   * (self-victimisation records). Exact duplicates are always rejected. Default `'reject'`.
   */
  conflictingRoles?: 'reject' | 'keep';
}

/** Defaults of {@link IngestOptions}. */
export const INGEST_DEFAULTS = {
  dateFormat: 'iso',
  timeZone: 'UTC',
  strict: false,
  missingMarkers: true,
  auditOnly: [] as readonly string[],
  allowAttribute: [] as readonly string[],
  severityRules: DEFAULT_SEVERITY_RULES,
  conflictingRoles: 'reject',
} as const;

const severity = rule.number({ integer: true, min: 0, max: 4 });
const severityRule: OptionRule = (v) =>
  typeof v === 'object' &&
  v !== null &&
  (v as SeverityRule).pattern instanceof RegExp &&
  severity((v as SeverityRule).severity) === undefined
    ? undefined
    : '{ pattern: RegExp, severity: 0–4 }';
const pseudonymiseRule: OptionRule = (v) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return '{ key }';
  const extra = Object.keys(v).filter((k) => k !== 'key');
  if (extra.length) return `{ key } (no '${extra[0]}')`;
  const key = (v as { key?: unknown }).key;
  return typeof key === 'string' || key instanceof Uint8Array
    ? undefined
    : '{ key } with the key as text or a Uint8Array';
};

/** One rule per option (see `checkOptions`). */
/**
 * `dateFormat` under the names people write a date format in (`dd/mm/yyyy`, `UK`, `ISO 8601`),
 * keyed as `rule.oneOf` looks them up (lower case, spaces, `_` and `-` removed), each with the
 * value that reads it: "got 'dd/mm/yyyy'" named no value. @internal
 */
export const DATE_FORMAT_NAMES: Readonly<Record<string, 'iso' | 'dmy' | 'mdy'>> =
  Object.fromEntries(
    (
      [
        [
          'dmy',
          [
            'dd/mm/yyyy',
            'd/m/yyyy',
            'dd/mm/yy',
            'd/m/y',
            'dd.mm.yyyy',
            'd.m.yyyy',
            'ddmmyyyy',
            'dd/mm',
            'uk',
            'gb',
            'en-gb',
            'european',
            'dayfirst',
          ],
        ],
        [
          'mdy',
          [
            'mm/dd/yyyy',
            'm/d/yyyy',
            'mm/dd/yy',
            'm/d/y',
            'mmddyyyy',
            'mm/dd',
            'us',
            'usa',
            'en-us',
            'american',
            'monthfirst',
          ],
        ],
        ['iso', ['yyyymmdd', 'ymd', 'iso8601', 'iso 8601', 'yyyymmddhh:mm', 'yyyymmddthh:mm:ss']],
      ] as const
    ).flatMap(([value, names]) =>
      names.map((n) => [n.toLowerCase().replace(/[\s_-]+/g, ''), value] as const),
    ),
  );

/** The default spellings of each role or weapon, keyed as `rule.oneOf`'s near names are. */
const nearNames = (synonyms: Readonly<Record<string, string>>): NearNames =>
  Object.fromEntries(
    Object.entries(synonyms).map(([k, v]) => [k.toLowerCase().replace(/[\s_-]+/g, ''), v]),
  );
const ROLE_NAMES = nearNames(DEFAULT_ROLE_SYNONYMS);
const WEAPON_NAMES = nearNames(DEFAULT_WEAPON_SYNONYMS);

const RULES: OptionRules<IngestOptions> = {
  // '' names a column without a name (R's write.csv writes one for row names).
  mapping: rule.record(rule.string()),
  // A value that is itself a spelling of a role (`{ Subject: 'suspect' }`) is told the role.
  roleSynonyms: rule.record(rule.oneOf(['offender', 'victim', 'other'], ROLE_NAMES)),
  severityMap: rule.record(severity),
  severityRules: rule.array(severityRule),
  severityLevels: rule.record(severity),
  weaponSynonyms: rule.record(rule.oneOf(['firearm', 'knife', 'other', 'none'], WEAPON_NAMES)),
  dateFormat: rule.oneOf(['iso', 'dmy', 'mdy'], DATE_FORMAT_NAMES),
  timeZone: rule.string(),
  now: rule.date,
  strict: rule.boolean,
  missingMarkers: rule.boolean,
  auditOnly: rule.array(rule.string()),
  allowAttribute: rule.array(rule.string(true)),
  pseudonymise: pseudonymiseRule,
  conflictingRoles: rule.oneOf(['reject', 'keep']),
};

/** The names of {@link ingest}'s options (the command line tells a `--map` file of options by them). @internal */
export const INGEST_OPTION_NAMES: readonly string[] = Object.keys(RULES);

/** {@link IngestOptions} after validation, with defaults filled in. */
export interface ResolvedIngestOptions {
  mapping: Partial<Record<CanonicalField, string>>;
  roleSynonyms: Record<string, Role>;
  severityMap: Record<string, number>;
  severityRules: readonly SeverityRule[];
  /** `severityLevels` resolved, `undefined` when not given. */
  severityLevels: SeverityLevels | undefined;
  weaponSynonyms: Record<string, Weapon>;
  dateFormat: DateFormat;
  timeZone: string;
  nowDay: number;
  strict: boolean;
  missingMarkers: boolean;
  auditOnly: readonly string[];
  allowAttribute: readonly string[];
  pseudonymKey: PseudonymKey | undefined;
  conflictingRoles: 'reject' | 'keep';
}

/**
 * Validates the options object with `checkOptions` (an `OptionError`, a `TypeError`, names the
 * wrong option, and for a misspelt one the closest valid name) and fills defaults.
 */
export function resolveIngestOptions(options: IngestOptions = {}): ResolvedIngestOptions {
  const o = checkOptions('ingest', options, RULES);
  const mapping: Partial<Record<CanonicalField, string>> = {};
  for (const [k, v] of Object.entries(o.mapping ?? {})) {
    const field = (CANONICAL_FIELDS as readonly string[]).includes(k)
      ? (k as CanonicalField)
      : MAPPING_ALIASES[k];
    if (field === undefined) {
      const near = closestName(k, CANONICAL_FIELDS);
      throw new OptionError(
        'ingest',
        'mapping',
        `ingest: option 'mapping': key '${k}' is not a canonical field; ${
          (CANONICAL_FIELDS as readonly string[]).includes(v)
            ? `reversed? Write { ${v}: '${k}' }`
            : `${near ? `did you mean '${near}'? ` : ''}use one of ${CANONICAL_FIELDS.join(', ')}`
        } (mapping is { canonical field: 'source column' })`,
      );
    }
    mapping[field] = v;
  }
  // A misspelt zone was a RangeError naming neither ingest nor the zone meant.
  if (o.timeZone !== undefined) {
    const bad = timeZoneRule(o.timeZone);
    if (bad) {
      const known =
        typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
      const near = closestName(o.timeZone, known);
      throw new OptionError(
        'ingest',
        'timeZone',
        `ingest: option 'timeZone' '${o.timeZone}' is not a time zone${near ? ` (did you mean '${near}'?)` : ''}; expected ${bad}`,
      );
    }
  }
  const timeZone = o.timeZone ?? INGEST_DEFAULTS.timeZone;
  // "Now" is an instant; with a time zone it is compared with local days. Text with a zone (`…Z`,
  // `…-06:00`) is an instant too (it was read on the UTC calendar: 03:00Z on 1 January let a
  // Chicago record of 22:00 on 31 December through, four hours after "now"); text without one is
  // local already, as records' date-times are. A date alone ('2024-12-31', the day the export was
  // made) is the whole of that day: its last millisecond (its own 14:00 records are not future).
  // An offset of whole hours (`…03:00:00-06`, as PostgreSQL writes a timestamptz) is `-06:00`.
  const now =
    typeof o.now === 'string' && HOUR_OFFSET.test(o.now.trim()) ? `${o.now.trim()}:00` : o.now;
  const nowDay =
    now === undefined || now instanceof Date
      ? localDay(now === undefined ? Date.now() : now.getTime(), timeZone)
      : typeof now === 'string' && /\d(?:Z|[+-]\d{2}:?\d{2})$/i.test(now.trim())
        ? localDay(toDay(now) * DAY_MS, timeZone)
        : typeof now === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(now.trim())
          ? (toDay(now) * DAY_MS + DAY_MS - 1) / DAY_MS
          : toDay(now);
  if (Number.isNaN(nowDay)) {
    throw new RangeError(
      `now '${String(o.now)}' is not a valid date: expected text 'YYYY-MM-DD' (the day the export was made, such as '2025-01-01'), a date-time, or a Date`,
    );
  }
  return {
    mapping,
    roleSynonyms: o.roleSynonyms ?? {},
    severityMap: o.severityMap ?? {},
    severityRules:
      (o.severityRules as readonly SeverityRule[] | undefined) ?? INGEST_DEFAULTS.severityRules,
    severityLevels:
      o.severityLevels === undefined ? undefined : resolveSeverityLevels(o.severityLevels),
    weaponSynonyms: o.weaponSynonyms ?? {},
    dateFormat: o.dateFormat ?? INGEST_DEFAULTS.dateFormat,
    timeZone,
    nowDay,
    strict: o.strict ?? INGEST_DEFAULTS.strict,
    missingMarkers: o.missingMarkers ?? INGEST_DEFAULTS.missingMarkers,
    auditOnly: o.auditOnly ?? INGEST_DEFAULTS.auditOnly,
    allowAttribute: o.allowAttribute ?? INGEST_DEFAULTS.allowAttribute,
    pseudonymKey:
      o.pseudonymise === undefined ? undefined : checkPseudonymKey(o.pseudonymise.key, 'ingest'),
    conflictingRoles: o.conflictingRoles ?? INGEST_DEFAULTS.conflictingRoles,
  };
}
