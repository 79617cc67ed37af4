import { type Command, InvalidArgumentError, Option } from 'commander';
import { closestName, rule } from '../core/options.js';
import { dayToIso, toDay } from '../core/time.js';
import { isTimeZone } from '../core/time-zone.js';
import { MAX_HORIZON_DAYS } from '../core/window.js';
import { DATE_FORMAT_NAMES } from '../ingest/options.js';
import { COMMON_ENCODINGS } from '../node/decode.js';

/** A commander parser for a number option, with bounds; bad values are usage errors (exit 2). */
export function numberArg(options: { integer?: boolean; min?: number; max?: number } = {}) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError('not a number.');
    if (options.integer && !Number.isInteger(n))
      throw new InvalidArgumentError('not a whole number.');
    if (options.min !== undefined && n < options.min) {
      throw new InvalidArgumentError(`must be at least ${options.min}.`);
    }
    if (options.max !== undefined && n > options.max) {
      throw new InvalidArgumentError(`must be at most ${options.max}.`);
    }
    return n;
  };
}

/** A commander parser for an ISO date option. */
export function dateArg(value: string): string {
  if (Number.isNaN(toDay(value))) {
    throw new InvalidArgumentError(`'${value}' is not a date; write it as YYYY-MM-DD.`);
  }
  return value;
}

/**
 * A commander parser for `--as-of`: a date, without a time of day (records dated before it are
 * used). Checked here, before the records are read, so a time of day is refused at once naming
 * the flag; the library's own refusal named its option `asOf` and came after loading and fitting.
 */
export function asOfArg(value: string): string {
  const day = toDay(dateArg(value));
  if (day !== Math.floor(day)) {
    throw new InvalidArgumentError(
      `a time of day is not taken: --as-of is a date, and records dated before it are used; give --as-of ${dayToIso(day)} (that day's records left out) or --as-of ${dayToIso(day + 1)} (in).`,
    );
  }
  return value;
}

/**
 * A commander parser for `--time-zone`: an IANA zone, checked as the flag is parsed, with the
 * closest zone this runtime knows. Left to ingest, a typo was refused as its option `timeZone`
 * with "check 'mapping.json'", pointing at a file that did not hold it.
 */
export function timeZoneArg(value: string): string {
  if (isTimeZone(value)) return value;
  const near = closestName(value, Intl.supportedValuesOf('timeZone'));
  throw new InvalidArgumentError(
    `'${value}' is not a time zone${near ? ` (did you mean ${near}?)` : ''}; give an IANA name such as America/Chicago or UTC.`,
  );
}

/**
 * A commander parser for `--date-format`: `iso`, `dmy` or `mdy`, and for a format written another
 * way (`dd/mm/yyyy`, `DMY`, `uk`) the one that reads it, as ingest's `dateFormat` names it:
 * commander listed the choices only.
 */
export function dateFormatArg(value: string): string {
  const formats = ['iso', 'dmy', 'mdy'];
  if (formats.includes(value)) return value;
  const oneOf = rule.oneOf(formats, DATE_FORMAT_NAMES) as {
    suggest?: (v: unknown) => string | undefined;
  };
  const near = oneOf.suggest?.(value);
  throw new InvalidArgumentError(
    `'${value}' is not a date format${near ? ` (did you mean ${near}?)` : ''}; give iso (2023-04-05), dmy (05/04/2023, day first) or mdy (04/05/2023, month first).`,
  );
}

/** The tables whose file `--encoding <table>=<label>` names, as their flags do. */
export const ENCODING_TABLES = ['incidents', 'involvements', 'people', 'exits'] as const;

/** A table whose file `--encoding` can name. */
export type EncodingTable = (typeof ENCODING_TABLES)[number];

/**
 * `--encoding` as given, once or more: the label for every file (`all`, a bare label) and the
 * labels of single tables' files (`incidents=windows-1252`), which win over it.
 */
export interface EncodingChoice {
  all?: string;
  tables: Partial<Record<EncodingTable, string>>;
}

/** `label` when it is an encoding label this runtime decodes; a usage error else. */
function encodingLabel(label: string, what: string): string {
  if (label === '') {
    throw new InvalidArgumentError(
      `no encoding ${what}; give a label such as windows-1252, latin1 or utf-8.`,
    );
  }
  try {
    // 'utf_8' (Python's name) is read as UTF-8, as the library reads it.
    if (label.toLowerCase().replace(/[-_]/g, '') !== 'utf8') new TextDecoder(label);
  } catch {
    const near = closestName(label.toLowerCase(), COMMON_ENCODINGS);
    throw new InvalidArgumentError(
      `'${label}' is not an encoding${near ? ` (did you mean ${near}?)` : ''}; give a label such as windows-1252 (Excel on Windows), latin1, iso-8859-15 or utf-8.`,
    );
  }
  return label;
}

/**
 * A commander parser for `--encoding`, repeatable: a bare label (`windows-1252`) is every file's
 * encoding, as it always was; `<table>=<label>` (`incidents=windows-1252`) is one file's, for a
 * run whose files differ (a UTF-8 people file beside a windows-1252 incidents file). Checked as
 * the flag is parsed: an unknown table names the tables and the closest, an unknown label the
 * closest common one, and a table or the bare form given two labels is refused.
 */
export function encodingArg(value: string, previous?: EncodingChoice): EncodingChoice {
  const next: EncodingChoice = { all: previous?.all, tables: { ...previous?.tables } };
  const eq = value.indexOf('=');
  if (eq < 0) {
    const label = encodingLabel(value.trim(), 'given');
    if (next.all !== undefined && next.all !== label) {
      throw new InvalidArgumentError(
        `every file's encoding is given twice ('${next.all}' and '${label}'); give one bare label, and <table>=<label> for a file that differs, e.g. --encoding utf-8 --encoding incidents=windows-1252.`,
      );
    }
    next.all = label;
    return next;
  }
  const name = value.slice(0, eq).trim().replace(/^--/, '');
  const table = ENCODING_TABLES.find((t) => t === name.toLowerCase());
  if (table === undefined) {
    const near = closestName(name.toLowerCase(), ENCODING_TABLES);
    throw new InvalidArgumentError(
      `'${name}' is not a table${near ? ` (did you mean ${near}?)` : ''}; give <table>=<label> with a table of ${ENCODING_TABLES.join(', ')} (the file of its flag), e.g. --encoding incidents=windows-1252, or a bare label for every file.`,
    );
  }
  const label = encodingLabel(value.slice(eq + 1).trim(), `after '${name}='`);
  const had = next.tables[table];
  if (had !== undefined && had !== label) {
    throw new InvalidArgumentError(
      `the ${table} file's encoding is given twice ('${had}' and '${label}'); give it once.`,
    );
  }
  next.tables[table] = label;
  return next;
}

/** The encoding `--encoding` gives the file of `table` (its own, else the bare one); `undefined`: UTF-8. */
export function encodingOf(
  choice: EncodingChoice | undefined,
  table: EncodingTable,
): string | undefined {
  return choice?.tables[table] ?? choice?.all;
}

/** The record inputs every analysis subcommand reads. */
export function addInputOptions(cmd: Command): Command {
  return cmd
    .option(
      '--incidents <file>',
      'incidents: CSV, or JSON (rows, or nested incidents with a `people` list)',
    )
    .option(
      '--involvements <file>',
      'involvements (person per incident, with role): CSV or JSON; alone, a flat table with the incident columns on each row',
    )
    .option(
      '--people <file>',
      'people (optional: person_id, birth_year, group, audit columns): CSV or JSON',
    )
    .option(
      '--map <file>',
      'column mapping JSON: { "mapping": { "incident_id": "URN", … }, "roleSynonyms": … }',
    )
    .addOption(
      new Option('--date-format <format>', 'how non-ISO dates are written')
        .choices(['iso', 'dmy', 'mdy'])
        .argParser(dateFormatArg),
    )
    .option(
      '--time-zone <zone>',
      'IANA zone of the records, e.g. America/Chicago: days are counted on its calendar, and date-times with a zone (…Z, …-06:00) are turned into its local time (default UTC)',
      timeZoneArg,
    )
    .option(
      '--now <date>',
      'records dated after this (YYYY-MM-DD: after the end of that day; or a date-time) are left out as future-dated; fix it for reproducible runs (default: the current time)',
      dateArg,
    )
    .option(
      '--encoding <label>',
      "text encoding of the input files, e.g. windows-1252 or latin1 (default UTF-8); one file's as <table>=<label>, repeatable: --encoding incidents=windows-1252 --encoding people=utf-8 (tables: incidents, involvements, people, exits); a bare label is for every file not named",
      encodingArg,
    )
    .option('--strict', 'stop at the first data problem instead of leaving the row out')
    .option('--pseudonymise', 'replace person ids by keyed pseudonyms (key in $VC_PSEUDONYM_KEY)');
}

/** `--as-of`: analyses use only records dated before it. */
export function addAsOfOption(cmd: Command): Command {
  return cmd.option(
    '--as-of <date>',
    'use only records dated before this day, YYYY-MM-DD, no time of day (default: the day after the last record)',
    asOfArg,
  );
}

/** `--horizon-days` and `--limit`, shared by the commands that print a ranked list (`rank`, `report`). */
export function addListOptions(cmd: Command): Command {
  return cmd
    .option(
      '--horizon-days <days>',
      'scores are expected events in this many days (whole days)',
      numberArg({ integer: true, min: 1, max: MAX_HORIZON_DAYS }),
      90,
    )
    .option('--limit <n>', 'length of the list', numberArg({ integer: true, min: 1 }), 100);
}

/** `--out` / `--format`. */
export function addOutputOptions(
  cmd: Command,
  formats: readonly string[],
  fallback: string,
): Command {
  OUTPUT_FORMATS.set(cmd, { formats, fallback });
  return cmd
    .option('-o, --out <file>', 'write to this file instead of stdout')
    .addOption(
      new Option(
        '--format <format>',
        `output format (default: from the --out extension, else ${fallback})`,
      ).choices([...formats]),
    );
}

/**
 * Each command's output formats and default, as {@link addOutputOptions} gave them: the `--out`
 * extension is checked against them before anything is read (a wrong one was refused only when
 * the output was written, after the model fit).
 */
export const OUTPUT_FORMATS = new WeakMap<
  Command,
  { formats: readonly string[]; fallback: string }
>();

/**
 * `--exits <file>`: people out of the risk set (custody, moved away) over given dates, for the
 * commands that fit the contagion model (`fit`, `rank`, `plan`, `trace`, `report`, `backtest`).
 * `backtest` (and `report`, whose backtest uses them) say how a backtest reads them.
 */
export function addExitsOption(cmd: Command): Command {
  const backtest =
    cmd.name() === 'backtest'
      ? "; each cut is given only the rows known then: from on or before the cut, a to after it withheld (still out: the release date was not known then) unless to_known says it was known when the spell began (a sentence's set end); the outcomes are as recorded"
      : cmd.name() === 'report'
        ? "; the report's backtest gives each cut only the rows known then (from on or before the cut, a to after it withheld unless to_known)"
        : '';
  return cmd.option(
    '--exits <file>',
    `people out of the risk set over given dates (custody, moved away): CSV or JSON with person_id, from and to (YYYY-MM-DD; to empty: still out), and optionally to_known (true/false, yes/no or 1/0: the to was known when the spell began, a sentence's set end; read by a backtest); the model gives them no risk while out, so they are not listed for those days${backtest}`,
  );
}

/** The values `fit --victim-offender-ties` takes; `off` is the library's `false`. */
export const VICTIM_OFFENDER_TIES = ['off', 'direct', 'sides'] as const;

/**
 * A commander parser for `fit --victim-offender-ties`: `off`, `direct` or `sides` (the bare flag
 * is `direct`, as the library's `true`), checked as the flag is parsed, with the closest value.
 */
export function victimOffenderTiesArg(value: string): (typeof VICTIM_OFFENDER_TIES)[number] {
  const v = value.trim().toLowerCase();
  const known = VICTIM_OFFENDER_TIES.find((k) => k === v);
  if (known) return known;
  const near = closestName(v, VICTIM_OFFENDER_TIES);
  throw new InvalidArgumentError(
    `'${value}' is not a kind of victim–offender tie${near ? ` (did you mean ${near}?)` : ''}; give off, direct (the people one harmed or was harmed by) or sides (their co-offenders too).`,
  );
}
