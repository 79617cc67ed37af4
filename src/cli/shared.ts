import type { ColumnTable } from 'arquero';
import { checkExitRow } from '../contagion/hawkes/background.js';
import type { ExitRow } from '../contagion/hawkes/types.js';
import { toCsv } from '../core/csv.js';
import { indexDataset } from '../core/dataset-index.js';
import { DataRefusedError } from '../core/errors.js';
import { type DataProfile, profileBefore, profileData } from '../core/profile.js';
import { DAYS_PER_YEAR, dayToIso, toDay } from '../core/time.js';
import type { Dataset } from '../core/types.js';
import { DEFAULT_RETENTION_YEARS, resolveWindow } from '../core/window.js';
import { IngestError } from '../ingest/ingest-error.js';
import { pseudonymiser } from '../ingest/pseudonymise.js';
import { parseJsonText, readCsvTable } from '../ingest/source-table.js';
import type { CommandContext } from './context.js';
import { dataError, usageError } from './errors.js';
import { labelJson, type OutputFormat, outputFormat, readInputFile, writeOutput } from './files.js';
import { type InputOptions, type Loaded, loadRecords, PSEUDONYM_KEY_ENV } from './load.js';
import { type EncodingChoice, encodingOf } from './options.js';

/** Rows of an arquero table, or an array of rows as they are. */
export function rowsOf(x: ColumnTable | readonly object[]): Record<string, unknown>[] {
  return (Array.isArray(x) ? [...x] : (x as ColumnTable).objects()) as Record<string, unknown>[];
}

/**
 * Reads the records for a subcommand; rejected rows are a note, not a failure (validate lists them).
 * With `asOf` (a command that analyses the records as of `--as-of`), the data profile and its
 * printed warnings are of the records the command uses — before the as-of date and within the
 * retention horizon, as the library profiles them — not of every record read: a warning made only
 * of records past retention or after `--as-of` described records the command then dropped. With
 * `window`, of the records in the window it returns (days: on or after `since`, before `before`).
 * With `warn: false` the profile's warnings are not printed (the command prints those of the
 * records it used once it knows them, as `backtest` does).
 */
export function loadForAnalysis(
  ctx: CommandContext,
  options: {
    asOf?: boolean;
    window?: (data: Dataset) => { before: number; since: number };
    warn?: boolean;
  } = {},
): Loaded & { profile: DataProfile } {
  ctx.reporter.step('reading and checking the records');
  const loaded = loadRecords(ctx.io, ctx.opts as InputOptions, ctx.env);
  // Ingest's warnings (markers read as missing, rows spanning lines, people not in the people
  // table, overrides…) say how the records were read: always on stderr, as the profile's are.
  for (const w of loaded.summary.warnings) ctx.io.stderr.write(`warning: ${w}\n`);
  if (loaded.rejected.length > 0) {
    ctx.reporter.note(
      `note: ${loaded.rejected.length === 1 ? '1 input row was' : `${loaded.rejected.length} input rows were`} left out; run 'violence-contagion validate' with the same inputs to list them.`,
    );
  }
  if (loaded.data.incidents.length === 0) {
    throw dataError(
      "no incident could be read; run 'violence-contagion validate' with the same inputs to see why.",
    );
  }
  // The data profile's warnings always reach stderr (even with --quiet): they say what the
  // results below cannot be trusted for.
  let profile: DataProfile = profileData(loaded.data);
  if (options.asOf) {
    const asOf = asOfFor(loaded.data, ctx.opts.asOf as string | undefined);
    const window = resolveWindow(indexDataset(loaded.data), { asOf });
    profile = profileBefore(loaded.data, window.asOf, undefined, window.since) as DataProfile;
  } else if (options.window) {
    const { before, since } = options.window(loaded.data);
    profile = profileBefore(loaded.data, before, undefined, since) as DataProfile;
  }
  // An empty window is the command's to explain ('The data hold no incidents' is untrue of
  // records that are all after it: trace says 'No records before <date>').
  if (options.warn !== false && !(options.window && profile.incidents === 0))
    for (const w of profile.warnings) ctx.io.stderr.write(`warning: ${w}\n`);
  return { ...loaded, profile };
}

/**
 * The `asOf` of an analysis: `--as-of`, else the day after the last record. An `--as-of` that
 * leaves no record to use — on or before the first, or so late that every record is past the
 * retention horizon — is a usage error naming the records' dates: `graph` and `cascades` wrote an
 * empty network and "0 cascades" for it, and fit/rank/plan advised "a later --as-of" for 2031.
 */
export function asOfFor(data: Dataset, asOf: string | undefined): string {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const inc of data.incidents) {
    if (inc.day < first) first = inc.day;
    if (inc.day > last) last = inc.day;
  }
  const after = dayToIso(Math.floor(last) + 1);
  if (!asOf) return after;
  const day = toDay(asOf);
  const records = `the records run from ${dayToIso(Math.floor(first))} to ${dayToIso(Math.floor(last))}`;
  const instead = `give a date within them, or leave --as-of out (the day after the last record, ${after})`;
  if (day <= first)
    throw usageError(
      `--as-of ${asOf} is on or before the first record, so no record would be used (${records}); ${instead}.`,
    );
  if (day - DEFAULT_RETENTION_YEARS * DAYS_PER_YEAR > last)
    throw usageError(
      `--as-of ${asOf} is more than the ${DEFAULT_RETENTION_YEARS}-year retention horizon after the last record, so every record would be past retention and none used (${records}); ${instead}.`,
    );
  return asOf;
}

/** JSON with bigints as numbers and typed arrays as arrays. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(
    labelJson(value),
    (_k, v) =>
      typeof v === 'bigint'
        ? Number(v)
        : ArrayBuffer.isView(v)
          ? Array.from(v as unknown as ArrayLike<number>)
          : v,
    2,
  )}\n`;
}

/**
 * Writes a table (rows or arquero) as CSV or JSON to `--out` or stdout; a CSV carries `notes` as
 * `# …` lines after the purpose label (what the figures are and their units).
 */
export function writeTable(
  ctx: CommandContext,
  table: ColumnTable | readonly object[],
  fallback: OutputFormat = 'csv',
  notes: readonly string[] = [],
): void {
  const format = outputFormat(ctx.opts.out, ctx.opts.format, ['csv', 'json'], fallback);
  const rows = rowsOf(table);
  const columns = Array.isArray(table) ? undefined : (table as ColumnTable).columnNames();
  writeOutput(
    ctx.io,
    ctx.opts.out,
    format === 'json' ? toJson(rows) : toCsv(rows, { columns, notes }),
  );
}

/** The library's advice for too little history before a backtest's first cut, in its words. */
const LIBRARY_CUTS_ADVICE =
  /use fewer cuts, so that the first lies later in the records, or no backtest\.$/;

/** The library's advice when no cut fits the records at the horizon, in its words. */
const LIBRARY_HORIZON_ADVICE = /give a shorter horizonDays\.$/;

/**
 * Runs a command's backtest step; a refusal for too little history before the first cut (code
 * `too-little-history`: a ranker could not rank at the first cut, or the cuts would start before
 * any record) says the flag that avoids it (fewer `--cuts`, or for the report none), not the
 * library's "use fewer cuts". Decided by the error's code: the advice is added to a refusal
 * worded otherwise, never lost. With one cut there are no fewer to give, and when no cut fits at
 * the horizon fewer do not help: a shorter `--horizon-days` (the cut is a horizon before the end
 * of the records) puts it later.
 */
export function withCutsAdvice<T>(
  cuts: number,
  noBacktest: string | undefined,
  run: () => T,
  horizonDays?: number,
): T {
  try {
    return run();
  } catch (e) {
    if (!(e instanceof DataRefusedError) || e.code !== 'too-little-history') throw e;
    // No cut fits at this horizon (the records are no longer than one): fewer cuts cannot help.
    const noneFit = LIBRARY_HORIZON_ADVICE.test(e.message);
    if (noneFit && horizonDays !== undefined)
      throw new DataRefusedError(
        e.code,
        e.message.replace(
          LIBRARY_HORIZON_ADVICE,
          `give a shorter --horizon-days (now ${horizonDays})${noBacktest ? `, or ${noBacktest}` : ''}.`,
        ),
      );
    const advice = `${
      (cuts === 1 || noneFit) && horizonDays !== undefined
        ? `give a shorter --horizon-days (now ${horizonDays}), so that the one cut lies later in the records`
        : `give fewer --cuts (now ${cuts}), so that the first lies later in the records`
    }${noBacktest ? `, or ${noBacktest}` : ''}.`;
    throw new DataRefusedError(
      e.code,
      LIBRARY_CUTS_ADVICE.test(e.message)
        ? e.message.replace(LIBRARY_CUTS_ADVICE, advice)
        : `${e.message.replace(/\.?$/, '.')} ${advice.charAt(0).toUpperCase()}${advice.slice(1)}`,
    );
  }
}

/**
 * The `--exits` file's rows (CSV with a header, or JSON rows): people out of the risk set over
 * `[from, to)`, given to the model fit as its `exits` (which checks each row, naming it). With
 * `--pseudonymise` their ids are keyed as the records' are, so they match. `undefined` without
 * the flag.
 */
export function readExits(ctx: CommandContext, data: Dataset): ExitRow[] | undefined {
  const path = ctx.opts.exits as string | undefined;
  if (!path) return undefined;
  const text = readInputFile(
    ctx.io,
    path,
    '--exits',
    encodingOf(ctx.opts.encoding as EncodingChoice | undefined, 'exits'),
  );
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let rows: unknown;
  // A CSV row's physical line in the file, by row.
  const lines: number[] = [];
  const head = body.trimStart()[0];
  if (head === '[' || head === '{') {
    try {
      rows = parseJsonText(
        body,
        `--exits '${path}'`,
        'a JSON array of rows { person_id, from, to? }',
      );
    } catch (e) {
      if (!(e instanceof IngestError)) throw e;
      throw dataError(`${e.message}; fix the file and run again.`);
    }
    if (!Array.isArray(rows))
      throw dataError(`--exits '${path}' holds JSON but not an array of rows.`);
  } else {
    // Read as ingest reads the incidents, so that a row's line is the physical line of the file
    // it starts on (a quoted cell may span lines), as the incidents' errors give it.
    let table: ReturnType<typeof readCsvTable>;
    try {
      table = readCsvTable(body, '--exits');
    } catch (e) {
      if (!(e instanceof IngestError)) throw e;
      throw dataError(`--exits '${path}': ${e.message.replace(/^--exits:? /, '')}`);
    }
    const cells = table.columns.map((c) => [c, table.column(c)] as const);
    const list: Record<string, string>[] = [];
    for (let i = 0; i < table.length; i++) {
      if (table.blank(i)) continue;
      const row: Record<string, string> = {};
      for (const [c, cell] of cells) {
        const v = cell(i);
        if (c !== '' && v !== undefined) row[c] = String(v).trim();
      }
      list.push(row);
      lines.push(table.line?.(i) ?? i + 2);
    }
    rows = list;
  }
  const list = rows as Record<string, unknown>[];
  if (list.length === 0) throw dataError(`--exits '${path}' holds no rows.`);
  // Each row checked here as the fit checks it, so that a bad one names the flag, the file and
  // its line (the physical line it starts on; a CSV's header is line 1), not the library's
  // 'fitNetworkHawkes exits row 2'.
  const json = head === '[' || head === '{';
  for (const [i, r] of list.entries()) {
    try {
      checkExitRow('--exits', (r ?? {}) as unknown as ExitRow, i);
    } catch (e) {
      if (!(e instanceof Error)) throw e;
      const what = e.message.replace(/^--exits exits row \d+: /, '');
      throw dataError(`--exits '${path}' ${json ? `row ${i + 1}` : `line ${lines[i]}`}: ${what}`);
    }
  }
  const inRecords = idsInRecords(ctx, data);
  return list.map((r) =>
    r.person_id == null || r.person_id === ''
      ? r
      : { ...r, person_id: inRecords(String(r.person_id)) },
  ) as unknown as ExitRow[];
}

/**
 * A person id given in a file (`--exits`, `--already-reached`) as the records hold it: with
 * `--pseudonymise` the records' ids are keyed pseudonyms, so an id from the team's own systems
 * is keyed with the same key; one that is already a pseudonym in the records (from a list the
 * CLI wrote) is kept. Without `--pseudonymise`, ids are as given.
 */
export function idsInRecords(ctx: CommandContext, data: Dataset): (id: string) => string {
  const key = ctx.opts.pseudonymise ? ctx.env[PSEUDONYM_KEY_ENV] : undefined;
  if (!key) return (id) => id;
  const keyed = pseudonymiser(key);
  const known = new Set<string>();
  for (const v of data.involvements) known.add(v.person_id);
  for (const p of data.people) known.add(p.person_id);
  return (id) => (known.has(id) ? id : keyed(id));
}
