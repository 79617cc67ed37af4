import { z } from 'zod';
import { type DateLike, toDay } from '../core/time.js';
import { localDay, timeZoneRule } from '../core/time-zone.js';
import type { Role, Severity, Weapon } from '../core/types.js';
import type { DateFormat } from './dates.js';
import type { PseudonymKey } from './pseudonymise.js';
import { DEFAULT_SEVERITY_RULES, type SeverityRule } from './severity.js';

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
   * used are reported in `summary.columns`. Default: no mapping.
   */
  mapping?: Partial<Record<CanonicalField | 'incidentId' | 'personId' | 'birthYear', string>>;
  /**
   * Extra role spellings → canonical role, merged over {@link DEFAULT_ROLE_SYNONYMS}
   * (case-insensitive), e.g. `{ 'Person Reporting': 'other' }`.
   */
  roleSynonyms?: Record<string, Role>;
  /**
   * Exact offence text (case-insensitive) → severity 0–4, checked before `severityRules`; used
   * only for rows without a severity. E.g. `{ 'Section 18 GBH': 3, 'Public Order': 0 }`.
   */
  severityMap?: Record<string, Severity | number>;
  /**
   * Keyword rules offence → severity, first match wins; used after `severityMap` for rows
   * without a severity. Default {@link DEFAULT_SEVERITY_RULES}; `[]` turns keyword matching off.
   */
  severityRules?: readonly SeverityRule[];
  /** Extra weapon spellings → weapon category, merged over {@link DEFAULT_WEAPON_SYNONYMS}. */
  weaponSynonyms?: Record<string, Weapon>;
  /**
   * How non-ISO dates are written: `'dmy'` for dd/mm/yyyy (UK), `'mdy'` for mm/dd/yyyy (US).
   * ISO 8601 is always read. Default `'iso'`.
   */
  dateFormat?: DateFormat;
  /**
   * IANA time zone of the records (`'America/Chicago'`): days are counted on its local
   * calendar, so a 23:30 shooting on 31 December is dated 31 December. Date-times with a zone
   * (`…Z`, `…-06:00`) and `Date` values are turned into local time; date-times without one, and
   * `date` + `time` columns, are taken as local time already. Local date-times are written
   * without a zone suffix and `day` counts local days. Default `'UTC'`.
   */
  timeZone?: string;
  /**
   * "Now", for the future-date check: an incident dated after it is rejected. ISO text, `Date`
   * or days since epoch. Default: the current time (pass a fixed value for reproducible runs).
   */
  now?: DateLike;
  /** Throw a `ValidationError` on the first problem instead of rejecting the row. Default false. */
  strict?: boolean;
  /**
   * People columns to carry only for audits (in `Person.audit`), never as model inputs, in
   * addition to the built-in protected attributes (`PROTECTED_ATTRIBUTES`). Default `[]`.
   */
  auditOnly?: readonly string[];
  /**
   * Replace every person id by its keyed pseudonym (`P-` + 12 hex digits of HMAC-SHA256) in the
   * output and in problem reports. Default: ids kept as given.
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
  auditOnly: [] as readonly string[],
  severityRules: DEFAULT_SEVERITY_RULES,
  conflictingRoles: 'reject',
} as const;

const severity = z.number().int().min(0).max(4);
const optionsSchema = z.strictObject({
  mapping: z.record(z.string(), z.string().min(1)).optional(),
  roleSynonyms: z.record(z.string(), z.enum(['offender', 'victim', 'other'])).optional(),
  severityMap: z.record(z.string(), severity).optional(),
  severityRules: z.array(z.object({ pattern: z.instanceof(RegExp), severity })).optional(),
  weaponSynonyms: z.record(z.string(), z.enum(['firearm', 'knife', 'other', 'none'])).optional(),
  dateFormat: z.enum(['iso', 'dmy', 'mdy']).optional(),
  timeZone: z.string().optional(),
  now: z.union([z.string(), z.date(), z.number()]).optional(),
  strict: z.boolean().optional(),
  auditOnly: z.array(z.string()).optional(),
  pseudonymise: z
    .strictObject({ key: z.union([z.string().min(1), z.instanceof(Uint8Array)]) })
    .optional(),
  conflictingRoles: z.enum(['reject', 'keep']).optional(),
});

/** {@link IngestOptions} after validation, with defaults filled in. */
export interface ResolvedIngestOptions {
  mapping: Partial<Record<CanonicalField, string>>;
  roleSynonyms: Record<string, Role>;
  severityMap: Record<string, number>;
  severityRules: readonly SeverityRule[];
  weaponSynonyms: Record<string, Weapon>;
  dateFormat: DateFormat;
  timeZone: string;
  nowDay: number;
  strict: boolean;
  auditOnly: readonly string[];
  pseudonymKey: PseudonymKey | undefined;
  conflictingRoles: 'reject' | 'keep';
}

/** Validates the options object (a `TypeError` says which option is wrong) and fills defaults. */
export function resolveIngestOptions(options: IngestOptions = {}): ResolvedIngestOptions {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new TypeError(`ingest options are not valid:\n${z.prettifyError(parsed.error)}`);
  }
  const o = parsed.data;
  const mapping: Partial<Record<CanonicalField, string>> = {};
  for (const [k, v] of Object.entries(o.mapping ?? {})) {
    const field = (CANONICAL_FIELDS as readonly string[]).includes(k)
      ? (k as CanonicalField)
      : MAPPING_ALIASES[k];
    if (field === undefined) {
      throw new TypeError(
        `mapping key '${k}' is not a canonical field; use one of ${CANONICAL_FIELDS.join(', ')} ` +
          `(mapping is { canonical field: 'source column' })`,
      );
    }
    mapping[field] = v;
  }
  if (o.timeZone !== undefined) {
    const bad = timeZoneRule(o.timeZone);
    if (bad)
      throw new RangeError(`ingest option timeZone '${o.timeZone}' is not valid: expected ${bad}`);
  }
  const timeZone = o.timeZone ?? INGEST_DEFAULTS.timeZone;
  // "Now" is an instant; with a time zone it is compared with local days.
  const nowDay =
    o.now === undefined || o.now instanceof Date
      ? localDay(o.now === undefined ? Date.now() : o.now.getTime(), timeZone)
      : toDay(o.now);
  if (Number.isNaN(nowDay)) throw new RangeError(`now '${String(o.now)}' is not a valid date`);
  return {
    mapping,
    roleSynonyms: o.roleSynonyms ?? {},
    severityMap: o.severityMap ?? {},
    severityRules:
      (o.severityRules as readonly SeverityRule[] | undefined) ?? INGEST_DEFAULTS.severityRules,
    weaponSynonyms: o.weaponSynonyms ?? {},
    dateFormat: o.dateFormat ?? INGEST_DEFAULTS.dateFormat,
    timeZone,
    nowDay,
    strict: o.strict ?? INGEST_DEFAULTS.strict,
    auditOnly: o.auditOnly ?? INGEST_DEFAULTS.auditOnly,
    pseudonymKey: o.pseudonymise?.key as PseudonymKey | undefined,
    conflictingRoles: o.conflictingRoles ?? INGEST_DEFAULTS.conflictingRoles,
  };
}
