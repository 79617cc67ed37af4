/**
 * The canonical, validated records every stage of the pipeline reads.
 * Produced by `ingest` (or `synthCity`); see the README's "Input schema".
 */

/** A person's part in an incident. `offender` covers suspects and co-arrestees. */
export type Role = 'offender' | 'victim' | 'other';

/**
 * Severity of an incident: 0 non-violent, 1 violence without injury, 2 violence with injury,
 * 3 serious injury / shooting / stabbing, 4 homicide.
 */
export type Severity = 0 | 1 | 2 | 3 | 4;

/** Weapon category of an incident. */
export type Weapon = 'firearm' | 'knife' | 'other' | 'none';

/** One incident (one row of the `incidents` table). */
export interface Incident {
  /** Unique incident key from the source system. */
  incident_id: string;
  /** The date as given, normalised to ISO 8601 (`YYYY-MM-DD` or a full date-time). */
  date: string;
  /** The same instant in days since 1970-01-01 UTC (fractional for date-times). */
  day: number;
  /** Offence text or category (empty string when the source has none). */
  offence: string;
  /** Severity 0–4, given or derived from the offence→severity map. */
  severity: Severity;
  weapon?: Weapon;
  /** Beat / ward / LSOA code, for audits and maps. */
  area?: string;
  lat?: number;
  lon?: number;
}

/** One person's involvement in one incident (one row of the `involvements` table). */
export interface Involvement {
  incident_id: string;
  person_id: string;
  role: Role;
}

/** Optional person-level record. Audit attributes never reach a model. */
export interface Person {
  person_id: string;
  birth_year?: number;
  /**
   * Known group / gang affiliation. With `group_since` / `group_until` it holds only in
   * [since, until); without them it is timeless (treated as valid at any date, and analyses
   * say so in their warnings).
   */
  group?: string;
  /** ISO date from which `group` holds (first recorded). Default: always. */
  group_since?: string;
  /** ISO date from which `group` no longer holds. Default: never ends. */
  group_until?: string;
  /** Audit-only attributes (protected or declared `auditOnly`): for audits, never model inputs. */
  audit?: Record<string, string>;
  /**
   * Other person-level columns of the source (not protected, not audit-only), usable as model
   * covariates. Numeric text is read as a number.
   */
  attributes?: Record<string, string | number>;
}

/** A validated dataset: the three canonical tables. */
export interface Dataset {
  /**
   * From `ingest`, kept as columns until first read, like `involvements` (below): the read makes
   * the records (the same objects, keys and values) and the property is an ordinary array from
   * then on. The analyses read the dataset index instead.
   */
  incidents: Incident[];
  /**
   * From `ingest`, kept as columns until first read (an accessor property until then): the read
   * makes the objects (about 1 s per million rows) and the property is an ordinary array from
   * then on (assigning it replaces it as usual). The analyses never read it (they use the dataset index), so a large dataset does
   * not hold millions of involvement objects unless asked to.
   */
  involvements: Involvement[];
  people: Person[];
  /** Names of the columns carried only for audits (never model inputs). */
  auditColumns: readonly string[];
  /**
   * People columns whose names match a protected characteristic but which the data owner allowed
   * as ordinary attributes (`ingest`'s `allowAttribute`); stated in every list's and report's
   * metadata. Absent or empty when none.
   */
  allowedAttributes?: readonly string[];
  /**
   * True when the person ids are keyed pseudonyms (made by `ingest` with `pseudonymise`, or by
   * `pseudonymiseDataset`), so every output can say so truthfully.
   */
  pseudonymised?: boolean;
}
