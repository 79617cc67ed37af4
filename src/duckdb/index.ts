/**
 * `violence-contagion/duckdb`: the heavy joins in embedded DuckDB (out of core, multi-threaded),
 * for exports too large for memory. DuckDB runs the validation counts and the co-offending
 * projection as SQL and hands the library compact arrays. Node only; `@duckdb/node-api` is an
 * optional peer dependency (install it to use this entry).
 *
 * Tables (or views) in the canonical form of `ingest`'s output:
 * `incidents(incident_id VARCHAR, day DOUBLE, severity INTEGER)` and
 * `involvements(incident_id VARCHAR, person_id VARCHAR, role VARCHAR)` with role one of
 * `offender`, `victim`, `other`. A Parquet export can be used in place with a view, e.g.
 * `CREATE VIEW involvements AS SELECT * FROM 'exports/involvements/*.parquet'`.
 *
 * @packageDocumentation
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { checkOptions, rule } from '../core/options.js';
import { DAYS_PER_YEAR, type DateLike, resolveAsOf } from '../core/time.js';
import type { Dataset } from '../core/types.js';

/** Options of {@link coOffendingEdgesSql} and {@link coOffendingSql}. */
export interface DuckCoOffendingOptions {
  /** Records strictly before this date. Default: all records. */
  asOf?: DateLike;
  /** Retention horizon in years before `asOf` (or the day after the last record). Default 6. */
  retentionYears?: number;
  /** Half-life in days of a shared incident's contribution to `weight`. Default 365. */
  halfLifeDays?: number;
  /** Name of the incidents table or view. Default `'incidents'`. */
  incidents?: string;
  /** Name of the involvements table or view. Default `'involvements'`. */
  involvements?: string;
}

const DEFAULTS = {
  retentionYears: 6,
  halfLifeDays: 365,
  incidents: 'incidents',
  involvements: 'involvements',
} as const;

const identifier: (v: unknown) => string | undefined = (v) =>
  typeof v === 'string' && /^[A-Za-z_][A-Za-z0-9_.]*$/.test(v)
    ? undefined
    : 'a table name (letters, digits, _ and .)';

const RULES = {
  asOf: rule.date,
  retentionYears: rule.number({ above: 0 }),
  halfLifeDays: rule.number({ above: 0 }),
  incidents: identifier,
  involvements: identifier,
};

/**
 * The co-offending projection as one SQL query (DuckDB's dialect, standard SQL apart from
 * `greatest`/`ln`): people tied when both were offenders in one incident of the window
 * [since, asOf); one row per tie `(source, target, count, weight, first, last)` with
 * `source < target`, where weight = Σ 0.5^(age / halfLifeDays) over the shared incidents and age
 * runs from `asOf` (or the day after the last record) — the same definition as
 * `coOffendingEdges`. Each (incident, person) offender pair counts once.
 *
 * @example
 * console.log(coOffendingSql({ asOf: '2024-01-01' })); // run it in any DuckDB client
 */
export function coOffendingSql(options: DuckCoOffendingOptions = {}): string {
  checkOptions('coOffendingSql', options, RULES);
  const inc = options.incidents ?? DEFAULTS.incidents;
  const inv = options.involvements ?? DEFAULTS.involvements;
  const asOf = resolveAsOf(options.asOf);
  const years = options.retentionYears ?? DEFAULTS.retentionYears;
  const halfLife = options.halfLifeDays ?? DEFAULTS.halfLifeDays;
  const reference = Number.isFinite(asOf)
    ? String(asOf)
    : `(SELECT floor(max(day)) + 1 FROM ${inc})`;
  const upper = Number.isFinite(asOf) ? `day < ${asOf}` : 'TRUE';
  const since = Number.isFinite(years) ? `day >= ${reference} - ${years * DAYS_PER_YEAR}` : 'TRUE';
  return `WITH win AS (
  SELECT incident_id, day FROM ${inc} WHERE ${upper} AND ${since}
), offenders AS (
  SELECT DISTINCT v.incident_id, v.person_id, w.day
  FROM ${inv} v JOIN win w ON v.incident_id = w.incident_id
  WHERE v.role = 'offender'
)
SELECT a.person_id AS source, b.person_id AS target,
  count(*)::INTEGER AS count,
  sum(exp(-ln(2) / ${halfLife} * greatest(0, ${reference} - a.day))) AS weight,
  min(a.day) AS first, max(a.day) AS last
FROM offenders a JOIN offenders b
  ON a.incident_id = b.incident_id AND a.person_id < b.person_id
GROUP BY a.person_id, b.person_id
ORDER BY source, target`;
}

/** Compact co-offending ties from DuckDB: person ids once, ties as typed arrays. */
export interface DuckCoOffendingEdges {
  /** Ids of the people on a tie, sorted; `source`/`target` are positions in it. */
  personIds: string[];
  source: Int32Array;
  target: Int32Array;
  count: Int32Array;
  weight: Float64Array;
  first: Float64Array;
  last: Float64Array;
}

/**
 * Runs {@link coOffendingSql} in DuckDB and returns the ties as compact arrays (pass
 * `personIds`, `source`, `target` and `weight` or `count` to `csrFromArrays` for the measures).
 *
 * @example
 * const db = await DuckDBInstance.create('police.duckdb');
 * const edges = await coOffendingEdgesSql(await db.connect(), { asOf: '2024-01-01' });
 * const csr = csrFromArrays(edges.personIds, edges.source, edges.target, edges.count);
 */
export async function coOffendingEdgesSql(
  connection: DuckDBConnection,
  options: DuckCoOffendingOptions = {},
): Promise<DuckCoOffendingEdges> {
  const reader = await connection.runAndReadAll(coOffendingSql(options));
  const [src, dst, count, weight, first, last] = reader.getColumns() as [
    string[],
    string[],
    number[],
    number[],
    number[],
    number[],
  ];
  const ids = [...new Set([...src, ...dst])].sort();
  const at = new Map<string, number>();
  for (let i = 0; i < ids.length; i++) at.set(ids[i], i);
  const m = src.length;
  const out: DuckCoOffendingEdges = {
    personIds: ids,
    source: new Int32Array(m),
    target: new Int32Array(m),
    count: Int32Array.from(count),
    weight: Float64Array.from(weight),
    first: Float64Array.from(first),
    last: Float64Array.from(last),
  };
  for (let e = 0; e < m; e++) {
    out.source[e] = at.get(src[e])!;
    out.target[e] = at.get(dst[e])!;
  }
  return out;
}

/** Row counts {@link validationCountsSql} reports. */
export interface DuckValidationCounts {
  incidents: number;
  involvements: number;
  /** Incident ids used by more than one incident row. */
  duplicateIncidentIds: number;
  /** Involvements whose incident is not in the incidents table. */
  unknownIncident: number;
  /** Involvements with an empty or missing person id. */
  missingPerson: number;
  /** Involvements whose role is not offender, victim or other. */
  unknownRole: number;
  /** Incidents without a day. */
  missingDay: number;
}

/**
 * Validation counts over the whole tables in one SQL pass each (what `ingest` would reject, as
 * counts; run `ingest` on the rows for the located reasons).
 */
export async function validationCountsSql(
  connection: DuckDBConnection,
  options: Pick<DuckCoOffendingOptions, 'incidents' | 'involvements'> = {},
): Promise<DuckValidationCounts> {
  checkOptions('validationCountsSql', options, {
    incidents: identifier,
    involvements: identifier,
  });
  const inc = options.incidents ?? DEFAULTS.incidents;
  const inv = options.involvements ?? DEFAULTS.involvements;
  const sql = `SELECT
  (SELECT count(*) FROM ${inc}) AS incidents,
  (SELECT count(*) FROM ${inv}) AS involvements,
  (SELECT count(*) FROM (SELECT incident_id FROM ${inc} GROUP BY incident_id HAVING count(*) > 1)) AS duplicate_incident_ids,
  (SELECT count(*) FROM ${inv} v ANTI JOIN ${inc} i ON v.incident_id = i.incident_id) AS unknown_incident,
  (SELECT count(*) FROM ${inv} WHERE person_id IS NULL OR trim(person_id) = '') AS missing_person,
  (SELECT count(*) FROM ${inv} WHERE role IS NULL OR role NOT IN ('offender', 'victim', 'other')) AS unknown_role,
  (SELECT count(*) FROM ${inc} WHERE day IS NULL) AS missing_day`;
  const row = (await connection.runAndReadAll(sql)).getRows()[0].map(Number);
  return {
    incidents: row[0],
    involvements: row[1],
    duplicateIncidentIds: row[2],
    unknownIncident: row[3],
    missingPerson: row[4],
    unknownRole: row[5],
    missingDay: row[6],
  };
}

/**
 * Loads an ingested {@link Dataset} into DuckDB tables `incidents` and `involvements` (replaced if
 * present), e.g. to check the SQL path against the in-memory one or to hand DuckDB data already
 * validated by `ingest`.
 */
export async function loadDataset(connection: DuckDBConnection, data: Dataset): Promise<void> {
  await connection.run(
    'CREATE OR REPLACE TABLE incidents (incident_id VARCHAR, day DOUBLE, severity INTEGER)',
  );
  await connection.run(
    'CREATE OR REPLACE TABLE involvements (incident_id VARCHAR, person_id VARCHAR, role VARCHAR)',
  );
  const a = await connection.createAppender('incidents');
  for (const x of data.incidents) {
    a.appendVarchar(x.incident_id);
    a.appendDouble(x.day);
    a.appendInteger(x.severity);
    a.endRow();
  }
  a.closeSync();
  const b = await connection.createAppender('involvements');
  for (const v of data.involvements) {
    b.appendVarchar(v.incident_id);
    b.appendVarchar(v.person_id);
    b.appendVarchar(v.role);
    b.endRow();
  }
  b.closeSync();
}
