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
 * Every query reads the rows as `ingest` would accept them (ids trimmed of white space as
 * JavaScript's `trim()` and in Unicode's composed form, NFC; empty ids, missing-value markers and
 * ids in Excel's scientific notation, days before 1900-01-02, severities outside 0–4, unknown roles and a
 * person in two roles of one incident left out), so rejected rows make no ties. An incident id
 * used by several rows is read once when they all read fine and agree on the calendar day of
 * `day` (with the one time of day they give, else none), with the highest `severity` they give
 * (a row per offence); otherwise all its rows are left out, as `ingest` rejects them (which row
 * is right cannot be known).
 *
 * @packageDocumentation
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { InputError } from '../core/errors.js';
import { checkOptions, rule } from '../core/options.js';
import { DAYS_PER_YEAR, type DateLike, resolveAsOf } from '../core/time.js';
import type { Dataset } from '../core/types.js';
import { refuseOutsideRecords } from '../core/window.js';

/** Options of {@link coOffendingEdgesSql} and {@link coOffendingSql}. */
export interface DuckCoOffendingOptions {
  /** Records strictly before this date. Default: all records. */
  asOf?: DateLike;
  /**
   * Retention horizon in years before `asOf` (or the day after the last record); `Infinity`
   * keeps everything. Default 6.
   */
  retentionYears?: number;
  /** Half-life in days of a shared incident's contribution to `weight`. Default 365. */
  halfLifeDays?: number;
  /** Name of the incidents table or view. Default `'incidents'`. */
  incidents?: string;
  /** Name of the involvements table or view. Default `'involvements'`. */
  involvements?: string;
  /**
   * A person in two roles of one incident: `'reject'` leaves out all their rows of it, as
   * `ingest` rejects both rows; `'keep'` keeps one row per role (for data ingested with
   * `conflictingRoles: 'keep'`). Default `'reject'`.
   */
  conflictingRoles?: 'reject' | 'keep';
  /**
   * `true`: an id that is a missing-value marker (`NULL`, `(null)`, `NA`, `N/A`, `#N/A`, `-`, any
   * case) is no id and its row is left out, as `ingest` rejects it; `false` for data ingested
   * with `missingMarkers: false`. Default `true`.
   */
  missingMarkers?: boolean;
}

const DEFAULTS = {
  retentionYears: 6,
  halfLifeDays: 365,
  incidents: 'incidents',
  involvements: 'involvements',
  conflictingRoles: 'reject',
  missingMarkers: true,
} as const;

const identifier: (v: unknown) => string | undefined = (v) =>
  typeof v === 'string' && /^[A-Za-z_][A-Za-z0-9_.]*$/.test(v)
    ? undefined
    : 'a table name (letters, digits, _ and .)';

const retentionRule = rule.or(rule.number({ above: 0 }), (v) =>
  v === Number.POSITIVE_INFINITY ? undefined : 'Infinity',
);

/** The options every query shares: which rows it reads as `ingest` would accept them. */
const ROW_RULES = {
  incidents: identifier,
  involvements: identifier,
  conflictingRoles: rule.oneOf(['reject', 'keep']),
  missingMarkers: rule.boolean,
};

const RULES = {
  asOf: rule.date,
  retentionYears: retentionRule,
  halfLifeDays: rule.number({ above: 0 }),
  ...ROW_RULES,
};

/** The first day an incident may fall on (1900-01-02), as in `ingest` (earlier: placeholders). */
const FIRST_DAY = -25_566;
/** 10000-01-01: a `day` from here on is no day (seconds or milliseconds since 1970). */
const LAST_DAY = 2_932_897;

/**
 * SQL for the id column `c` as `ingest` reads it: text, trimmed of the white space JavaScript's
 * `trim()` removes (tabs, line breaks, no-break and other Unicode spaces, not only the spaces of
 * DuckDB's `trim`), in Unicode's composed form (NFC), so 'B\t' is B and 'José' is one id however
 * its accent was typed.
 */
function idSql(c: string): string {
  const x = `CAST(${c} AS VARCHAR)`;
  // The regex only when the first or last character is not printable ASCII (as ingest's
  // trimmed()): ids almost never need it, and it costs more than DuckDB's trim.
  return `nfc_normalize(CASE WHEN ascii(${x}) BETWEEN 33 AND 126 AND ascii(${x}[-1]) BETWEEN 33 AND 126 THEN ${x} ELSE regexp_replace(${x}, '^[\\s\\v\\p{Z}\\x{FEFF}]+|[\\s\\v\\p{Z}\\x{FEFF}]+$', '', 'g') END)`;
}

/**
 * SQL true when the text `x` is an id `ingest` accepts: not empty, not a missing-value marker,
 * not a number in Excel's scientific notation ('1.23457E+11': its last digits are lost).
 */
function idOk(x: string, markers: boolean): string {
  const excel = `WHEN contains(${x}, '+') AND regexp_full_match(${x}, '\\d(\\.\\d+)?[Ee]\\+\\d{1,3}') THEN false`;
  // CASE: the marker test runs only on the short ids (ids are almost never 6 characters or fewer).
  return markers
    ? `CASE ${excel} WHEN length(${x}) > 6 THEN true WHEN ${x} = '' THEN false ELSE upper(${x}) NOT IN ('NULL', '(NULL)', 'NA', 'N/A', '#N/A', '-') END`
    : `CASE ${excel} ELSE ${x} <> '' END`;
}

/** SQL true when a canonical incident row's day and severity are ones `ingest` accepts. */
const INCIDENT_ROW_OK = `coalesce(isfinite(day) AND day >= ${FIRST_DAY} AND severity BETWEEN 0 AND 4 AND severity = floor(severity), false)`;

/**
 * SQL true for the group of one incident id's rows that `ingest` reads as one incident: every row
 * fine, and all giving the same calendar day (at any time of day, or none; else which is right
 * cannot be known, and `ingest` rejects them all). It keeps their highest severity.
 */
const incidentRowsAgree = `bool_and(${INCIDENT_ROW_OK}) AND floor(min(day)) = floor(max(day))`;

/**
 * The day of such a group, as `ingest` keeps it: with the one time of day its rows give (a
 * fractional day), else the day alone (none given, or two).
 */
const incidentDay =
  'CASE WHEN count(DISTINCT day) FILTER (WHERE day <> floor(day)) = 1 THEN max(day) ELSE floor(min(day)) END';

/**
 * The two CTEs every query starts from: the rows `ingest` would accept of canonical tables.
 * `incidents_ok`: ids trimmed, neither empty nor a marker; a finite day from 1900-01-02; a
 * severity 0–4; an id used by several rows kept once, with their highest severity, when they all
 * read fine and agree on the day, else left out. `roles`: involvements with trimmed ids, a person id, a known role, each
 * (incident, person) once, and a person in two roles of one incident left out (or, with
 * `conflictingRoles: 'keep'`, once per role). Involvements of incidents not accepted are left
 * out by the joins that follow.
 */
function acceptedSql(
  o: {
    incidents?: string;
    involvements?: string;
    conflictingRoles?: 'reject' | 'keep';
    missingMarkers?: boolean;
  },
  /** Roles are read twice (offenders and victims): made once. */
  twice = false,
): string {
  const inc = o.incidents ?? DEFAULTS.incidents;
  const inv = o.involvements ?? DEFAULTS.involvements;
  const markers = o.missingMarkers ?? DEFAULTS.missingMarkers;
  const keep = (o.conflictingRoles ?? DEFAULTS.conflictingRoles) === 'keep';
  const id = (c: string) => `${idSql(c)} AS ${c}`;
  return `WITH incidents_ok AS ( -- the incidents ingest accepts: ids whose rows all read fine and agree
  SELECT incident_id, ${incidentDay} AS day, max(severity) AS severity
  FROM (SELECT ${id('incident_id')}, day, severity FROM ${inc}) i
  WHERE ${idOk('incident_id', markers)}
  GROUP BY incident_id
  HAVING ${incidentRowsAgree}
), roles AS ${twice ? 'MATERIALIZED ' : ''}( -- the involvements ingest accepts: ids trimmed, one role per person and incident
  SELECT incident_id, person_id, ${keep ? 'role' : 'min(role) AS role'}
  FROM (SELECT ${id('incident_id')}, ${id('person_id')}, role FROM ${inv}) v
  WHERE role IN ('offender', 'victim', 'other') AND ${idOk('person_id', markers)}
  GROUP BY incident_id, person_id${keep ? ', role' : ' HAVING min(role) = max(role)'}
)`;
}

/**
 * Throws an {@link InputError} when `incidents.day` or `.severity` is not a number (a DATE, a
 * TIMESTAMP, text), when a day is after the year 9999 (seconds or milliseconds since 1970, not
 * days), and when an id column holds floating-point or decimal numbers with decimal places:
 * DuckDB writes the DOUBLE 10 as '10.0' and the DECIMAL(12,2) 10 as '10.00'
 * (Spark writes Oracle's NUMBER ids as DECIMAL(38,10)), where `ingest` reads either as the id
 * '10', so one person would have two ids across the paths. Integer, DECIMAL(p,0) and text columns
 * are read alike (the column types only are read).
 */
async function refuseFloatIds(
  connection: DuckDBConnection,
  o: { incidents?: string; involvements?: string },
  fn: string,
): Promise<void> {
  const tables = [
    [o.incidents ?? DEFAULTS.incidents, ['incident_id']],
    [o.involvements ?? DEFAULTS.involvements, ['incident_id', 'person_id']],
  ] as const;
  for (const [table, columns] of tables) {
    const described = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${table}`)).getRows();
    for (const [name, type] of described) {
      const t = String(type);
      const numeric = /^(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?|FLOAT|DOUBLE|REAL|DECIMAL\(.*)$/.test(
        t,
      );
      if ((name === 'day' || name === 'severity') && table === tables[0][0] && !numeric) {
        throw new InputError(
          fn,
          name === 'day'
            ? `${fn}: ${table}.day is ${t}: the queries read day as a number, days since 1970-01-01 ` +
                `(fractional for a time of day); write it in the view, e.g. epoch(CAST(date AS TIMESTAMP)) / 86400 AS day`
            : `${fn}: ${table}.severity is ${t}: the queries read severity as a whole number 0–4; ` +
                `write it in the view, e.g. TRY_CAST(severity AS DOUBLE) AS severity (not INTEGER, which reads 2.5 as 3; a row it leaves NULL is left out)`,
        );
      }
      const places = /^DECIMAL\(\d+,\s*(\d+)\)$/.exec(t)?.[1];
      const float = /^(DOUBLE|FLOAT|REAL)$/.test(t);
      if (!columns.includes(String(name) as never) || !(float || Number(places) > 0)) continue;
      const ten = float ? '10.0' : `10.${'0'.repeat(Number(places))}`;
      throw new InputError(
        fn,
        `${fn}: ${table}.${String(name)} is ${t}: DuckDB writes the id 10 as '${ten}' where ingest reads '10', ` +
          `so the same person or incident would have two ids; cast the ids in the view, ` +
          `e.g. CAST(CAST(${String(name)} AS BIGINT) AS VARCHAR) AS ${String(name)}, or export them as text`,
      );
    }
  }
  // A day after the year 9999 is no day: seconds or milliseconds since 1970 (epoch(date) without
  // / 86400), which would make ties of every incident within minutes of each other.
  const [late] = (
    await connection.runAndReadAll(
      `SELECT max(day) FROM ${tables[0][0]} WHERE isfinite(day) AND day >= ${LAST_DAY}`,
    )
  ).getRows()[0];
  if (late !== null && late !== undefined) {
    throw new InputError(
      fn,
      `${fn}: ${tables[0][0]}.day reaches ${Number(late)}, after the year 9999: the queries read days since ` +
        `1970-01-01; seconds (epoch) or milliseconds since 1970 give such numbers: divide them by 86400 or 86400000 in the view`,
    );
  }
}

/**
 * Refuses an `asOf` whose window [asOf − retentionYears, asOf) holds none of the incidents the
 * queries accept while there are some, as the in-memory functions refuse it (a `DataRefusedError`
 * `outside-records`, their message): an `asOf` on or before the first record, or every record
 * past the retention horizon. One aggregate over the accepted incidents. The empty result it
 * replaces read as "no ties" or "nobody exposed". Without `asOf` the window holds the last record.
 */
async function refuseOutsideRecordsSql(
  connection: DuckDBConnection,
  options: DuckCoOffendingOptions | DuckExposureOptions,
  fn: string,
  retentionDefault: number,
): Promise<void> {
  const asOf = resolveAsOf(options.asOf);
  if (!Number.isFinite(asOf)) return;
  const retentionStart = asOf - (options.retentionYears ?? retentionDefault) * DAYS_PER_YEAR;
  const row = (
    await connection.runAndReadAll(`${acceptedSql(options)}
SELECT count(*), min(day), max(day), count(*) FILTER (WHERE day < ${lit(asOf)}),
  count(*) FILTER (WHERE day < ${Number.isFinite(retentionStart) ? lit(retentionStart) : "'-infinity'::DOUBLE"})
FROM incidents_ok`)
  ).getRows()[0];
  const [n, first, last, hi, lo] = row.map(Number);
  if (n === 0) return;
  // refuseOutsideRecords reads the first and last days and where the window lies among the
  // records (none before it, none after it, or some on each side): positions in [first, last].
  const at = (k: number) => (k === 0 ? 0 : k === n ? 2 : 1);
  refuseOutsideRecords(
    fn,
    { day: Float64Array.of(first, last) },
    { lo: at(lo), hi: at(hi), asOf, since: retentionStart, retentionStart },
  );
}

/** A number as a SQL literal DuckDB reads as the same double (`2191.5e0`, not DECIMAL `2191.5`). */
function lit(x: number): string {
  const s = String(x);
  return Number.isInteger(x) || /e/i.test(s) ? s : `${s}e0`;
}

/** The day recency is measured from: `asOf`, or the day after the last record. */
function referenceSql(asOf: number): string {
  return Number.isFinite(asOf) ? lit(asOf) : '(SELECT floor(max(day)) + 1 FROM incidents_ok)';
}

/** 0.5^((reference − day) / halfLife) as SQL, the library's decay (clamped at age 0 when `clamp`). */
function decaySql(halfLife: number, reference: string, day: string, clamp: boolean): string {
  const age = clamp ? `greatest(0, ${reference} - ${day})` : `(${reference} - ${day})`;
  return `exp(-ln(2) / ${lit(halfLife)} * ${age})`;
}

/**
 * The co-offending projection as one SQL query (DuckDB's dialect): people tied when both were
 * offenders in one incident of the window [asOf − retentionYears, asOf); one row per tie
 * `(source, target, count, weight, first, last)` with `source < target`, where weight =
 * Σ 0.5^(age / halfLifeDays) over the shared incidents and age runs from `asOf` (or the day after
 * the last record) — the same definition as `coOffendingEdges`. Each (incident, person) offender
 * pair counts once, and only rows `ingest` would accept are read (see the module's notes;
 * `conflictingRoles` and `missingMarkers` as `ingest`'s options).
 *
 * @example
 * console.log(coOffendingSql({ asOf: '2024-01-01' })); // run it in any DuckDB client
 */
export function coOffendingSql(options: DuckCoOffendingOptions = {}): string {
  checkOptions('coOffendingSql', options, RULES);
  return `${projectionSql(options)}\nORDER BY source, target`;
}
coOffendingSql.defaults = DEFAULTS;

function projectionSql(options: DuckCoOffendingOptions): string {
  const asOf = resolveAsOf(options.asOf);
  const years = options.retentionYears ?? DEFAULTS.retentionYears;
  const halfLife = options.halfLifeDays ?? DEFAULTS.halfLifeDays;
  const reference = referenceSql(asOf);
  const upper = Number.isFinite(asOf) ? `day < ${lit(asOf)}` : 'TRUE';
  const since = Number.isFinite(years)
    ? `day >= ${reference} - ${lit(years * DAYS_PER_YEAR)}`
    : 'TRUE';
  return `${acceptedSql(options)}, win AS (
  SELECT incident_id, day FROM incidents_ok WHERE ${upper} AND ${since}
), offenders AS MATERIALIZED ( -- read twice below: made once
  SELECT v.incident_id, v.person_id, w.day
  FROM roles v JOIN win w ON v.incident_id = w.incident_id
  WHERE v.role = 'offender'
)
SELECT a.person_id AS source, b.person_id AS target,
  CAST(count(*) AS INTEGER) AS count,
  sum(${decaySql(halfLife, reference, 'a.day', true)}) AS weight,
  min(a.day) AS first, max(a.day) AS last
FROM offenders a JOIN offenders b
  ON a.incident_id = b.incident_id AND a.person_id < b.person_id
GROUP BY a.person_id, b.person_id`;
}

/** Compact co-offending ties from DuckDB: person ids once, ties as typed arrays. */
export interface DuckCoOffendingEdges {
  /** Ids of the people on a tie, sorted; `source`/`target` are positions in it. */
  personIds: string[];
  /** Position in `personIds` of the tie's first person (the smaller id). */
  source: Int32Array;
  /** Position in `personIds` of the tie's second person. */
  target: Int32Array;
  /** Shared incidents. */
  count: Int32Array;
  /** Σ 0.5^(age / halfLifeDays) over the shared incidents. */
  weight: Float64Array;
  /** Day (days since 1970-01-01) of the first and last shared incident. */
  first: Float64Array;
  last: Float64Array;
}

type Kind = 'int' | 'double' | 'string' | 'list';
type ColumnOf<K extends Kind> = K extends 'int'
  ? Int32Array
  : K extends 'double'
    ? Float64Array
    : K extends 'string'
      ? string[]
      : string[][];

/** The last runner call on each connection (settled or not), so the next waits for it. */
const running = new WeakMap<DuckDBConnection, Promise<unknown>>();

/**
 * Runs `task` once every runner call made before it on `connection` has settled. Two calls at
 * once on one connection interleave their streamed results (and coOffendingEdgesSql's temporary
 * tables): on a synthCity of 3,000 people, Promise.all of three coOffendingEdgesSql calls for
 * three asOf dates returned 0, 0 and 0 ties (or 0, 2048, 0, or an error) where one at a time gives
 * 3,893, 6,846 and 10,126, and of three exposureCountsSql calls 0, 0 and 948 people for 71, 183
 * and 948, with no error.
 */
function oneAtATime<T>(connection: DuckDBConnection, task: () => Promise<T>): Promise<T> {
  const run = (running.get(connection) ?? Promise.resolve()).then(task);
  running.set(
    connection,
    run.then(
      () => undefined,
      () => undefined,
    ),
  );
  return run;
}

/**
 * Streams a query's result chunk by chunk into typed arrays (nulls: NaN for doubles, 0 for
 * integers), so a result of tens of millions of rows never exists as JS row objects.
 */
async function readColumns<const K extends readonly Kind[]>(
  connection: DuckDBConnection,
  sql: string,
  kinds: K,
): Promise<{ [I in keyof K]: ColumnOf<K[I]> }> {
  const result = await connection.stream(sql);
  let cap = 1024;
  let n = 0;
  let cols: (Int32Array | Float64Array | unknown[])[] = kinds.map((k) =>
    k === 'int' ? new Int32Array(cap) : k === 'double' ? new Float64Array(cap) : [],
  );
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; ) {
    const rows = chunk.rowCount;
    if (n + rows > cap) {
      while (n + rows > cap) cap *= 2;
      cols = cols.map((c) => {
        if (Array.isArray(c)) return c;
        const grown = new (c.constructor as Int32ArrayConstructor | Float64ArrayConstructor)(cap);
        grown.set(c);
        return grown;
      });
    }
    for (let c = 0; c < kinds.length; c++) {
      const vector = chunk.getColumnVector(c);
      const out = cols[c];
      if (kinds[c] === 'double') {
        const o = out as Float64Array;
        for (let i = 0; i < rows; i++)
          o[n + i] = (vector.getItem(i) as number | null) ?? Number.NaN;
      } else if (kinds[c] === 'int') {
        const o = out as Int32Array;
        for (let i = 0; i < rows; i++) o[n + i] = Number(vector.getItem(i) ?? 0);
      } else if (kinds[c] === 'string') {
        const o = out as unknown[];
        for (let i = 0; i < rows; i++) o.push(String(vector.getItem(i)));
      } else {
        const o = out as unknown[];
        for (let i = 0; i < rows; i++) {
          const v = vector.getItem(i) as { items: unknown[] } | null;
          o.push(v ? v.items.map(String) : []);
        }
      }
    }
    n += rows;
    chunk = await result.fetchChunk();
  }
  return cols.map((c) => (Array.isArray(c) ? c : c.slice(0, n))) as never;
}

/**
 * Runs {@link coOffendingSql} in DuckDB and returns the ties as compact arrays (pass
 * `personIds`, `source`, `target` and `weight` or `count` to `csrFromArrays` for the measures).
 * People are numbered inside DuckDB and the ties streamed chunk by chunk into typed arrays, so
 * JavaScript holds each person id once and about 36 bytes per tie, whatever the export's size.
 * The ties are staged in temporary tables `vc_ties` and `vc_people`, dropped at the end. Calls
 * made at once on one connection (`Promise.all`) run one after another, as do
 * `exposureCountsSql`'s and `validationCountsSql`'s: at once, their streamed results interleaved
 * and came back empty or cut short without an error. Give calls meant to run together a connection
 * each, `await db.connect()`, which see the same tables; do not run other queries on the
 * connection while a call is under way.
 *
 * @throws {DataRefusedError} `outside-records` when `asOf`'s window [asOf − retentionYears, asOf)
 * holds none of the accepted incidents while there are some (an `asOf` on or before the first
 * record, or every record past the retention horizon), with `coOffendingEdges`' message: it
 * returned no ties. One aggregate over the accepted incidents.
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
  return oneAtATime(connection, () => coOffendingEdgesRun(connection, options));
}

async function coOffendingEdgesRun(
  connection: DuckDBConnection,
  options: DuckCoOffendingOptions,
): Promise<DuckCoOffendingEdges> {
  checkOptions('coOffendingEdgesSql', options, RULES);
  await refuseFloatIds(connection, options, 'coOffendingEdgesSql');
  await refuseOutsideRecordsSql(
    connection,
    options,
    'coOffendingEdgesSql',
    DEFAULTS.retentionYears,
  );
  await connection.run(`CREATE OR REPLACE TEMP TABLE vc_ties AS ${projectionSql(options)}`);
  try {
    await connection.run(`CREATE OR REPLACE TEMP TABLE vc_people AS
SELECT person_id, CAST(row_number() OVER (ORDER BY person_id) - 1 AS INTEGER) AS i
FROM (SELECT source AS person_id FROM vc_ties UNION SELECT target FROM vc_ties) p`);
    const [personIds] = await readColumns(
      connection,
      'SELECT person_id FROM vc_people ORDER BY i',
      ['string'] as const,
    );
    const [source, target, count, weight, first, last] = await readColumns(
      connection,
      `SELECT p.i, q.i, t.count, t.weight, t.first, t.last
FROM vc_ties t JOIN vc_people p ON p.person_id = t.source JOIN vc_people q ON q.person_id = t.target
ORDER BY p.i, q.i`,
      ['int', 'int', 'int', 'double', 'double', 'double'] as const,
    );
    return { personIds, source, target, count, weight, first, last };
  } finally {
    await connection.run('DROP TABLE IF EXISTS vc_people');
    await connection.run('DROP TABLE IF EXISTS vc_ties');
  }
}
coOffendingEdgesSql.defaults = DEFAULTS;

/** Options of {@link exposureSql} and {@link exposureCountsSql}: those of the library's `exposure`. */
export interface DuckExposureOptions {
  /**
   * Exposure is measured on this date, from victimisations dated in [asOf − windowDays, asOf).
   * Default: the day after the last record.
   */
  asOf?: DateLike;
  /** Length in days of the look-back window of victimisations. Default 180. */
  windowDays?: number;
  /** Count victimised associates up to this network distance: 1 or 2 ties away. Default 2. */
  maxDistance?: 1 | 2;
  /** A victimisation counts when its incident's severity is at least this (0–4). Default 3. */
  minSeverity?: number;
  /** Half-life in days of a victimisation's recency factor 0.5^(age / halfLifeDays). Default 90. */
  halfLifeDays?: number;
  /** Half-life in days of a shared offence in the tie weights. Default 365. */
  tieHalfLifeDays?: number;
  /** Retention horizon in years of the network (`Infinity`: none). Default 6. */
  retentionYears?: number;
  /**
   * `'harm'` (default): only ties formed by offences certainly before each harm carry it;
   * `'asOf'`: the network as of `asOf` carries every victimisation of the window.
   */
  tiesAt?: 'harm' | 'asOf';
  /** Name of the incidents table or view. Default `'incidents'`. */
  incidents?: string;
  /** Name of the involvements table or view. Default `'involvements'`. */
  involvements?: string;
  /** As in {@link DuckCoOffendingOptions}: a person in two roles of one incident. Default `'reject'`. */
  conflictingRoles?: 'reject' | 'keep';
  /** As in {@link DuckCoOffendingOptions}: missing-value markers are no ids. Default `true`. */
  missingMarkers?: boolean;
  /** {@link exposureCountsSql} only: also return the `via` lists. Default false. */
  via?: boolean;
}

const EXPOSURE_DEFAULTS = {
  windowDays: 180,
  maxDistance: 2,
  minSeverity: 3,
  halfLifeDays: 90,
  tieHalfLifeDays: 365,
  retentionYears: 6,
  tiesAt: 'harm',
  incidents: 'incidents',
  involvements: 'involvements',
  conflictingRoles: 'reject',
  missingMarkers: true,
  via: false,
} as const;

const EXPOSURE_RULES = {
  asOf: rule.date,
  windowDays: rule.number({ above: 0 }),
  maxDistance: rule.oneOf([1, 2]),
  minSeverity: rule.number({ min: 0, max: 4 }),
  halfLifeDays: rule.number({ above: 0 }),
  tieHalfLifeDays: rule.number({ above: 0 }),
  retentionYears: retentionRule,
  tiesAt: rule.oneOf(['harm', 'asOf']),
  ...ROW_RULES,
  via: rule.boolean,
};

/**
 * The library's `exposure` (default network) as one SQL query in DuckDB's dialect: one row per
 * person with any exposure, `(person_id, exposed_1, exposed_2, weighted, last_exposure_day, via)`,
 * ordered by `person_id`, with the definitions of `exposure` — victimisations of severity ≥
 * `minSeverity` dated in [asOf − windowDays, asOf), each (incident, victim) once; ties of the
 * co-offending network within the retention horizon, weighted Σ 0.5^((asOf − shared day) /
 * tieHalfLifeDays); at distance 2 the strongest two-step path; `weighted` = Σ tie × recency;
 * `via` closest first (distance, contribution largest first, id). With `tiesAt: 'harm'` a tie
 * carries a harm only through offences certainly before it: both times known and earlier, or an
 * earlier calendar day. An incident has a time of day when its `day` is fractional (a date-time
 * at exactly midnight counts as a plain date here, unlike `ingest`, which reads the date text).
 * People with no exposure have no row (the in-memory table lists them with zeros). The `graph`
 * option of `exposure` has no SQL form.
 *
 * @example
 * console.log(exposureSql({ asOf: '2024-01-01' })); // paste into the DuckDB CLI
 */
export function exposureSql(options: DuckExposureOptions = {}): string {
  checkOptions('exposureSql', options, EXPOSURE_RULES);
  return exposureQuery(options, true);
}
exposureSql.defaults = EXPOSURE_DEFAULTS;

function exposureQuery(options: DuckExposureOptions, via: boolean): string {
  const o = { ...EXPOSURE_DEFAULTS, ...options };
  const asOf = resolveAsOf(o.asOf);
  const ref = referenceSql(asOf);
  const retention = Number.isFinite(o.retentionYears)
    ? lit(o.retentionYears * DAYS_PER_YEAR)
    : undefined;
  const tie = (day: string) => decaySql(o.tieHalfLifeDays, ref, day, true);
  const recency = (day: string) => decaySql(o.halfLifeDays, ref, day, false);
  const head = `${acceptedSql(o, true)}, win AS MATERIALIZED (
  SELECT incident_id, day, severity, day <> floor(day) AS timed
  FROM incidents_ok WHERE day < ${ref}
), offenders AS MATERIALIZED ( -- offenders of the network window, once per incident
  SELECT v.incident_id, v.person_id, w.day, w.timed
  FROM roles v JOIN win w ON v.incident_id = w.incident_id
  WHERE v.role = 'offender'${retention ? ` AND w.day >= ${ref} - ${retention}` : ''}
), ties AS ( -- a and b offended together in one incident (both directions)
  SELECT a.person_id AS a, b.person_id AS b, a.day, a.timed
  FROM offenders a JOIN offenders b ON a.incident_id = b.incident_id AND a.person_id <> b.person_id
), harms AS MATERIALIZED ( -- victimisations of the window, once per (incident, victim)
  SELECT v.person_id AS victim, w.incident_id, w.day, w.timed
  FROM roles v JOIN win w ON v.incident_id = w.incident_id
  WHERE v.role = 'victim' AND w.severity >= ${lit(o.minSeverity)} AND w.day >= ${ref} - ${lit(o.windowDays)}
)`;
  let body: string;
  if (o.tiesAt === 'harm') {
    // A shared offence t carries harm h when it certainly happened before it (and is within
    // the retention horizon counted back from the harm).
    const before = (t: string, h: string) =>
      `CASE WHEN ${t}.timed AND ${h}.timed THEN ${t}.day < ${h}.day ELSE floor(${t}.day) < floor(${h}.day) END` +
      (retention ? ` AND ${t}.day >= ${h}.day - ${retention}` : '');
    body = `, ring1 AS ( -- the victim's ties at the time of each harm
  SELECT h.victim, h.incident_id, h.day, h.timed, t.b AS person, sum(${tie('t.day')}) AS tie
  FROM harms h JOIN ties t ON t.a = h.victim
  WHERE ${before('t', 'h')}
  GROUP BY h.victim, h.incident_id, h.day, h.timed, t.b
)${
      o.maxDistance === 2
        ? `, ring2 AS ( -- two ties away at the time of the harm, not nearer: the strongest path
  SELECT victim, incident_id, day, person, max(path) AS tie FROM (
    SELECT r.victim, r.incident_id, r.day, t.b AS person, r.tie * sum(${tie('t.day')}) AS path
    FROM ring1 r JOIN ties t ON t.a = r.person
    WHERE ${before('t', 'r')}
    GROUP BY r.victim, r.incident_id, r.day, r.person, r.tie, t.b
  ) x
  WHERE person <> victim AND NOT EXISTS (SELECT 1 FROM ring1 n
    WHERE n.victim = x.victim AND n.incident_id = x.incident_id AND n.person = x.person)
  GROUP BY victim, incident_id, day, person
)`
        : ''
    }, reach AS (
  SELECT victim, person, 1 AS distance, tie * ${recency('day')} AS value, day FROM ring1${
    o.maxDistance === 2
      ? `
  UNION ALL
  SELECT victim, person, 2 AS distance, tie * ${recency('day')} AS value, day FROM ring2`
      : ''
  }
), pairs AS ( -- each (person, victim) once: nearest distance, summed contribution, latest harm
  SELECT person, victim, min(distance) AS distance, sum(value) AS contribution, max(day) AS day
  FROM reach GROUP BY person, victim
)`;
  } else {
    body = `, net AS ( -- the network as of asOf
  SELECT a, b, sum(${tie('day')}) AS tie FROM ties GROUP BY a, b
), victims AS (
  SELECT victim, sum(${recency('day')}) AS recency, max(day) AS day FROM harms GROUP BY victim
), ring1 AS (
  SELECT v.victim, n.b AS person, n.tie, v.recency, v.day
  FROM victims v JOIN net n ON n.a = v.victim
)${
      o.maxDistance === 2
        ? `, ring2 AS ( -- two ties away, not nearer: the strongest two-step path
  SELECT r.victim, n.b AS person, max(r.tie * n.tie) AS tie, r.recency, r.day
  FROM ring1 r JOIN net n ON n.a = r.person
  WHERE n.b <> r.victim AND NOT EXISTS (SELECT 1 FROM ring1 m
    WHERE m.victim = r.victim AND m.person = n.b)
  GROUP BY r.victim, n.b, r.recency, r.day
)`
        : ''
    }, pairs AS (
  SELECT person, victim, 1 AS distance, tie * recency AS contribution, day FROM ring1${
    o.maxDistance === 2
      ? `
  UNION ALL
  SELECT person, victim, 2 AS distance, tie * recency AS contribution, day FROM ring2`
      : ''
  }
)`;
  }
  return `${head}${body}
SELECT person AS person_id,
  CAST(count(*) FILTER (WHERE distance = 1) AS INTEGER) AS exposed_1,
  CAST(count(*) FILTER (WHERE distance = 2) AS INTEGER) AS exposed_2,
  sum(contribution) AS weighted,
  max(day) AS last_exposure_day${
    via
      ? `,
  array_agg(victim ORDER BY distance, contribution DESC, victim) AS via`
      : ''
  }
FROM pairs GROUP BY person
ORDER BY person_id`;
}

/** Exposure from DuckDB as compact arrays: one entry per exposed person. */
export interface DuckExposure {
  /** Ids of the exposed people, sorted; the arrays below are aligned with them. */
  personIds: string[];
  /** Distinct victimised associates one tie away. */
  exposed1: Int32Array;
  /** Distinct victimised associates exactly two ties away. */
  exposed2: Int32Array;
  /** Weighted exposure (the definition of `exposure`). */
  weighted: Float64Array;
  /** Day (days since 1970-01-01) of the latest victimisation among them. */
  lastExposureDay: Float64Array;
  /** With `via: true`: the associates responsible, closest first. */
  via?: string[][];
}

/**
 * Runs {@link exposureSql} in DuckDB and returns the exposed people as compact arrays (the
 * counts of `exposureCounts`, for the people with any exposure; `via` lists on request).
 *
 * @throws {DataRefusedError} `outside-records` when the network's window [asOf − retentionYears,
 * asOf) holds none of the accepted incidents while there are some, with `exposureCounts`'
 * message: it returned nobody exposed.
 *
 * @example
 * const e = await exposureCountsSql(con, { asOf: '2024-01-01', maxDistance: 1 });
 * e.personIds.filter((_, i) => e.exposed1[i] >= 2); // two or more associates harmed lately
 */
export async function exposureCountsSql(
  connection: DuckDBConnection,
  options: DuckExposureOptions = {},
): Promise<DuckExposure> {
  return oneAtATime(connection, () => exposureCountsRun(connection, options));
}

async function exposureCountsRun(
  connection: DuckDBConnection,
  options: DuckExposureOptions,
): Promise<DuckExposure> {
  checkOptions('exposureCountsSql', options, EXPOSURE_RULES);
  await refuseFloatIds(connection, options, 'exposureCountsSql');
  await refuseOutsideRecordsSql(
    connection,
    options,
    'exposureCountsSql',
    EXPOSURE_DEFAULTS.retentionYears,
  );
  const via = options.via ?? EXPOSURE_DEFAULTS.via;
  const sql = exposureQuery(options, via);
  if (via) {
    const [personIds, exposed1, exposed2, weighted, lastExposureDay, lists] = await readColumns(
      connection,
      sql,
      ['string', 'int', 'int', 'double', 'double', 'list'] as const,
    );
    return { personIds, exposed1, exposed2, weighted, lastExposureDay, via: lists };
  }
  const [personIds, exposed1, exposed2, weighted, lastExposureDay] = await readColumns(
    connection,
    sql,
    ['string', 'int', 'int', 'double', 'double'] as const,
  );
  return { personIds, exposed1, exposed2, weighted, lastExposureDay };
}
exposureCountsSql.defaults = EXPOSURE_DEFAULTS;

/** Row counts {@link validationCountsSql} reports. */
export interface DuckValidationCounts {
  incidents: number;
  involvements: number;
  /** Incident ids (trimmed; empty and marker ids aside) used by more than one incident row. */
  duplicateIncidentIds: number;
  /**
   * Of those, the ids whose rows give more than one calendar day: every row of such an id is left
   * out (which is right cannot be known), as `ingest` rejects them.
   */
  disagreeingIncidentIds: number;
  /**
   * Of those, the ids whose rows give more than one severity (a row per offence) on one day:
   * each is read once with the highest, as `ingest` keeps them (with a warning).
   */
  mixedSeverityIncidentIds: number;
  /**
   * Involvements with an empty or missing incident id, or one that is a missing-value marker or
   * in Excel's scientific notation (`ingest` rejects them so, not as unknown incidents).
   */
  missingIncident: number;
  /** Involvements whose incident id (trimmed) is not that of any incident row. */
  unknownIncident: number;
  /**
   * Of those, the ones whose incident id is a whole number written as a decimal where the
   * incidents have it as an integer (`'388.0'` beside `'388'`), or the other way round: ids are
   * compared as text, so they are left out, as `ingest` rejects them (its reason names the id the
   * incidents have). pandas writes a number column with empty cells so: export ids as whole
   * numbers or text.
   */
  decimalIncidentIds: number;
  /**
   * Involvements with an empty or missing person id, or one that is a missing-value marker or in
   * Excel's scientific notation (`1.23457E+11`).
   */
  missingPerson: number;
  /** Involvements whose role is not offender, victim or other. */
  unknownRole: number;
  /** Incidents without a day. */
  missingDay: number;
  /**
   * Incident rows the queries leave out (and their involvements with them), as `ingest` rejects
   * them: an empty, marker or Excel-notation id, no finite day from 1900-01-02, or no severity
   * 0–4; every row of an id whose rows disagree or one of whose rows is left out; and a repeated
   * row of an id (read once). `incidents − incidentsLeftOut` is the incidents `ingest` accepts.
   */
  incidentsLeftOut: number;
  /**
   * Involvement rows of a person in two roles of one incident, which the queries leave out (0
   * with `conflictingRoles: 'keep'`).
   */
  conflictingRoles: number;
  /**
   * Involvement rows the queries leave out, as `ingest` rejects them: those counted above, a
   * person listed again in an incident in the same role (read once), and the rows of incidents
   * left out. `involvements − involvementsLeftOut` is the involvements `ingest` accepts.
   */
  involvementsLeftOut: number;
}

/**
 * Validation counts over the whole tables in one SQL pass each: the rows the queries leave out
 * (as `ingest` rejects them), by kind, with the rules of the queries (ids trimmed; `missingMarkers`
 * and `conflictingRoles` as theirs). Run `ingest` on the rows for the located reasons.
 */
export async function validationCountsSql(
  connection: DuckDBConnection,
  options: Pick<
    DuckCoOffendingOptions,
    'incidents' | 'involvements' | 'conflictingRoles' | 'missingMarkers'
  > = {},
): Promise<DuckValidationCounts> {
  return oneAtATime(connection, () => validationCountsRun(connection, options));
}

async function validationCountsRun(
  connection: DuckDBConnection,
  options: Pick<
    DuckCoOffendingOptions,
    'incidents' | 'involvements' | 'conflictingRoles' | 'missingMarkers'
  >,
): Promise<DuckValidationCounts> {
  checkOptions('validationCountsSql', options, ROW_RULES);
  await refuseFloatIds(connection, options, 'validationCountsSql');
  const inc = options.incidents ?? DEFAULTS.incidents;
  const inv = options.involvements ?? DEFAULTS.involvements;
  const markers = options.missingMarkers ?? DEFAULTS.missingMarkers;
  const keep = (options.conflictingRoles ?? DEFAULTS.conflictingRoles) === 'keep';
  const id = (c: string) => `${idSql(c)} AS ${c}`;
  const incIdOk = idOk('incident_id', markers);
  const sql = `WITH i AS (SELECT ${id('incident_id')}, day, severity FROM ${inc}),
v AS (SELECT ${id('incident_id')}, ${id('person_id')}, role FROM ${inv}),
g AS (SELECT incident_id, count(*) AS n, ${incidentRowsAgree} AS ok,
    count(DISTINCT floor(day)) > 1 AS disagree, count(DISTINCT severity) > 1 AS mixed
  FROM i WHERE ${incIdOk} GROUP BY incident_id),
p AS (SELECT incident_id, count(*) AS n, ${
    keep
      ? `CAST(bool_or(role = 'offender') AS INTEGER) + CAST(bool_or(role = 'victim') AS INTEGER) + CAST(bool_or(role = 'other') AS INTEGER)`
      : 'CASE WHEN min(role) = max(role) THEN 1 ELSE 2 END'
  } AS roles FROM v
  WHERE role IN ('offender', 'victim', 'other') AND ${idOk('person_id', markers)}
  GROUP BY incident_id, person_id)
SELECT
  (SELECT count(*) FROM i) AS incidents,
  (SELECT count(*) FROM v) AS involvements,
  (SELECT count(*) FROM g WHERE n > 1) AS duplicate_incident_ids,
  (SELECT count(*) FROM g WHERE n > 1 AND disagree) AS disagreeing_incident_ids,
  (SELECT count(*) FROM g WHERE n > 1 AND mixed AND coalesce(ok, false)) AS mixed_severity_incident_ids,
  (SELECT count(*) FROM v WHERE incident_id IS NULL OR NOT (${incIdOk})) AS missing_incident,
  (SELECT count(*) FROM v ANTI JOIN g ON v.incident_id = g.incident_id WHERE ${idOk('v.incident_id', markers)}) AS unknown_incident,
  (SELECT count(*) FROM v ANTI JOIN g ON v.incident_id = g.incident_id
    WHERE ${idOk('v.incident_id', markers)} AND (CASE
      WHEN regexp_full_match(v.incident_id, '[0-9]+\\.0+') THEN regexp_replace(v.incident_id, '\\.0+$', '')
      WHEN regexp_full_match(v.incident_id, '[0-9]+') THEN v.incident_id || '.0' END) IN (SELECT incident_id FROM g)) AS decimal_incident_ids,
  (SELECT count(*) FROM v WHERE person_id IS NULL OR NOT (${idOk('person_id', markers)})) AS missing_person,
  (SELECT count(*) FROM v WHERE role IS NULL OR role NOT IN ('offender', 'victim', 'other')) AS unknown_role,
  (SELECT count(*) FROM i WHERE day IS NULL) AS missing_day,
  (SELECT count(*) FROM i) - (SELECT count(*) FROM g WHERE coalesce(ok, false)) AS incidents_left_out,
  ${keep ? '0' : '(SELECT coalesce(sum(n), 0) FROM p WHERE roles > 1)'} AS conflicting_roles,
  (SELECT count(*) FROM v) - (SELECT coalesce(sum(${keep ? 'roles' : 'CASE WHEN roles = 1 THEN 1 ELSE 0 END'}), 0)
    FROM p JOIN (SELECT incident_id FROM g WHERE coalesce(ok, false)) k ON p.incident_id = k.incident_id) AS involvements_left_out`;
  const row = (await connection.runAndReadAll(sql)).getRows()[0].map(Number);
  return {
    incidents: row[0],
    involvements: row[1],
    duplicateIncidentIds: row[2],
    disagreeingIncidentIds: row[3],
    mixedSeverityIncidentIds: row[4],
    missingIncident: row[5],
    unknownIncident: row[6],
    decimalIncidentIds: row[7],
    missingPerson: row[8],
    unknownRole: row[9],
    missingDay: row[10],
    incidentsLeftOut: row[11],
    conflictingRoles: row[12],
    involvementsLeftOut: row[13],
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

/** Options of {@link synthExportSql}. */
export interface SynthExportOptions {
  /** Involvement rows to aim for (the result is within a fraction of a percent). Default 1,000,000. */
  involvements?: number;
  /** Seed of the recipe: the same seed gives the same export (for one DuckDB version). Default 1. */
  seed?: number;
  /** First day of the records, days since 1970-01-01. Default 17897 (2019-01-01). */
  startDay?: number;
  /** Length of the records in days. Default 2191 (six years). */
  days?: number;
}

const SYNTH_DEFAULTS = { involvements: 1_000_000, seed: 1, startDay: 17897, days: 2191 } as const;

/** The shape of a {@link synthExportSql} export, and the two queries that produce it. */
export interface SynthExport {
  /** `SELECT` producing `incidents(incident_id, day, severity)`. */
  incidents: string;
  /** `SELECT` producing `involvements(incident_id, person_id, role)`. */
  involvements: string;
  /** Incident rows. */
  incidentCount: number;
  /** People (crews of 8 × crews). */
  people: number;
}

/**
 * A synthetic police export of any size generated inside DuckDB from a seeded recipe (hashes of
 * row numbers, no random state), for exercising the out-of-core path: write it to Parquet with
 * `COPY (…) TO 'incidents.parquet' (FORMAT parquet)` without it ever passing through JavaScript.
 *
 * Recipe: people in crews of 8; each incident belongs to one crew and has 1–4 offenders (40%,
 * 35%, 17%, 8%) drawn from it without repeats, each replaced with probability 8% by anyone in the
 * city (the ties between crews); a victim (anyone) in 30% of incidents and a witness (`other`) in
 * 10%; severity 4 / 3 / 2 / 1 in 3 / 7 / 10 / 10% of incidents (those with a victim), else 1 in a
 * third of the rest and 0; days uniform over the period, no time of day. So 2.33 involvements
 * per incident and one person per 10 involvements. Far simpler than `synthCity` (no contagion,
 * no feuds): a load test, not a world to study.
 *
 * @example
 * const s = synthExportSql({ involvements: 50_000_000 });
 * await con.run(`COPY (${s.involvements}) TO 'involvements.parquet' (FORMAT parquet)`);
 */
export function synthExportSql(options: SynthExportOptions = {}): SynthExport {
  checkOptions('synthExportSql', options, {
    involvements: rule.number({ min: 100, integer: true }),
    seed: rule.number({ min: 0, integer: true }),
    startDay: rule.number({ integer: true }),
    days: rule.number({ min: 1, integer: true }),
  });
  const o = { ...SYNTH_DEFAULTS, ...options };
  const incidentCount = Math.round(o.involvements / 2.33);
  const crews = Math.max(1, Math.round(o.involvements / 80));
  const people = crews * 8;
  const s = o.seed;
  const h = (k: number | string) => `hash(i, ${s}, ${k})`;
  const incidentId = `'I' || lpad(CAST(i AS VARCHAR), 10, '0')`;
  const personId = (x: string) => `'P' || lpad(CAST(${x} AS VARCHAR), 9, '0')`;
  const incidents = `SELECT ${incidentId} AS incident_id,
  CAST(${o.startDay} + ${h(1)} % ${o.days} AS DOUBLE) AS day,
  CAST(CASE WHEN ${h(6)} % 100 < 3 THEN 4 WHEN ${h(6)} % 100 < 10 THEN 3
    WHEN ${h(6)} % 100 < 20 THEN 2 WHEN ${h(6)} % 100 < 30 THEN 1
    ELSE CASE WHEN ${h(2)} % 3 = 0 THEN 1 ELSE 0 END END AS INTEGER) AS severity
FROM range(${incidentCount}) t(i)`;
  const involvements = `WITH x AS (
  SELECT i, ${incidentId} AS incident_id, ${h(3)} % ${crews} AS crew, ${h(4)} % 8 AS start,
    ${h(5)} % 100 AS kq, ${h(6)} % 100 AS vq
  FROM range(${incidentCount}) t(i)
)
SELECT incident_id, ${personId(`CASE WHEN hash(i, ${s}, 7, j) % 100 < 8 THEN hash(i, ${s}, 8, j) % ${people} ELSE crew * 8 + (start + j) % 8 END`)} AS person_id, 'offender' AS role
FROM x, range(4) r(j)
WHERE j < CASE WHEN kq < 40 THEN 1 WHEN kq < 75 THEN 2 WHEN kq < 92 THEN 3 ELSE 4 END
UNION ALL
SELECT incident_id, ${personId(`${h(9)} % ${people}`)}, 'victim' FROM x WHERE vq < 30
UNION ALL
SELECT incident_id, ${personId(`${h(10)} % ${people}`)}, 'other' FROM x WHERE vq >= 90`;
  return { incidents, involvements, incidentCount, people };
}
synthExportSql.defaults = SYNTH_DEFAULTS;
