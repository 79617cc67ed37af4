/**
 * `ingest`: incident records in, the canonical {@link Dataset} out, every row accounted for.
 * This module is the orchestrator; the work is done by one module per step, in the order run:
 *
 * - `forms.ts` tells the input's form (long, nested, flat) and reads its incidents table;
 * - `read-incidents.ts`, `read-involvements.ts`, `read-people.ts` read and check one table each;
 * - `accounting.ts` is the one row-accounting helper they share (`RowLedger`: accept, reject
 *   with table, row, field, value and reason, strict mode's first-problem throw, the counts);
 * - `cells.ts` and `columns.ts` read cells and find columns, for every table; `read-context.ts`
 *   holds what the readers share (options, how ids are shown, the date reader);
 * - `ingest-types.ts` holds the input and result types (re-exported here);
 * - `column-ingest.ts` is the columnar path for Arrow and arquero (Parquet) tables: the same
 *   checks column by column, each distinct value read once, through the same `RowLedger`.
 *
 * Tables are read in order (incidents, involvements, people), so a problem in an earlier table
 * is reported (or, in strict mode, thrown) before a later table is even parsed.
 */
import { defineIncidentColumns, defineInvolvementColumns } from '../core/dataset-index.js';
import { count } from '../core/plural.js';
import type { Dataset } from '../core/types.js';
import { markers } from './cells.js';
import { ingestColumns, isColumnarInput } from './column-ingest.js';
import { gapWarning } from './dst-gap.js';
import { fillDownWarning } from './fill-down.js';
import { inputForm } from './forms.js';
import type { IngestInput, IngestResult, IngestSummary, TableCounts } from './ingest-types.js';
import { checkInputTables } from './input-tables.js';
import { twinColumnWarning, unusedMappingWarning } from './mapping-warning.js';
import {
  INGEST_DEFAULTS,
  type IngestOptions,
  type ResolvedIngestOptions,
  resolveIngestOptions,
} from './options.js';
import {
  caseVariantWarning,
  numberedLayout,
  pseudonymLayout,
  unlistedPeopleWarning,
} from './person-layout.js';
import { readContext } from './read-context.js';
import { readIncidents } from './read-incidents.js';
import { readInvolvements } from './read-involvements.js';
import { type PeopleRead, type RejectedPeople, readPeople } from './read-people.js';
import { severityDeriver } from './severity.js';
import { reversedScale, reversedSeverity } from './severity-scale.js';
import { unread } from './table-shape.js';
import { textFormulaWarning } from './text-formula.js';
import { utcMidnightWarning } from './utc-midnight.js';

export type { IngestInput, IngestResult, IngestSummary, TableCounts };

/**
 * Reads incident records into the canonical {@link Dataset}, checking every row. Rows with a
 * problem are rejected (not used) and listed in `rejected` with their table, 1-based row
 * number, field, value and a reason a person can act on; `summary` accounts for every row
 * (`accepted + rejected === read` per table). With `strict: true` the first problem throws a
 * `ValidationError` instead. A table that lacks a required column throws a
 * {@link MissingColumnError} in every mode, since none of its rows could be read; a severity
 * column evidently on another scale (a 1–5 grade, labels, graded against the offences) an
 * `IngestError` with `code: 'severity-scale'` naming the `severityLevels` to give. A key of
 * `input` that names no table (`{ incident: … }`) is an `InputError` naming the closest one
 * (`Did you mean 'incidents'?`): its table would not be read.
 *
 * Checks: no CSV line with more cells than its header (an unquoted comma); incident ids present
 * and unique (a duplicate names both rows; the first is kept when both give the same incident,
 * at most at other times of one day, with another offence, area or coordinates, a weapon only
 * one row gives, or another severity, when the incident keeps the highest with a warning: a row
 * per offence; else neither
 * is, since which is right cannot be known; see repeated-incident.ts), real and not future dates
 * (`date '31/02/2021' is not a valid date`), severity a whole number 0–4 (or a value of
 * `severityLevels`) or derivable from the offence, lat/lon in range; involvements pointing at a known, accepted
 * incident, non-empty person ids, known roles (synonyms mapped), no person twice in one incident;
 * people ids present and unique, birth years plausible. People columns that are protected
 * attributes (see `PROTECTED_ATTRIBUTES`) or declared `auditOnly` go to `Person.audit` only;
 * other extra people columns to `Person.attributes`.
 *
 * Arrow input (incidents and involvements both Apache Arrow tables) is validated column by
 * column: each distinct value of a column is read once and ids are interned, with exactly the
 * result of reading it row by row (same records, same rejected rows and reasons, same summary;
 * only its missing-marker warning can also name markers that rejected rows alone hold).
 * Nothing to set; other inputs (arquero tables and `readParquet`'s included) are read by row.
 *
 * @example
 * const { data, rejected, summary } = ingest(
 *   { incidents: incidentsCsv, involvements: nominalsCsv },
 *   {
 *     mapping: { incident_id: 'URN', date: 'OffenceDate', person_id: 'NominalID', role: 'InvolvementType' },
 *     dateFormat: 'dmy',
 *     now: '2025-01-01',
 *   },
 * );
 * console.log(summary.totals, problemsTable(rejected).toMarkdown());
 */
export function ingest(input: IngestInput, options: IngestOptions = {}): IngestResult {
  checkInputTables('ingest', input);
  if (
    typeof input !== 'object' ||
    input === null ||
    (input.incidents === undefined && input.involvements === undefined)
  ) {
    throw new TypeError(
      'ingest(input) needs { incidents, involvements?, people? } (or nested incidents with a people list, or a flat table as { involvements })',
    );
  }
  const opts = resolveIngestOptions(options);
  // Arrow tables are validated column by column, with the same result.
  if (isColumnarInput(input)) return ingestByColumns(input, options);
  return marked(opts, () => run(input, opts));
}

/**
 * {@link ingest} by the row path only, whatever the input (columnar input included): the
 * reference the columnar path is tested against. Not part of the public API.
 */
export function ingestRows(input: IngestInput, options: IngestOptions = {}): IngestResult {
  const opts = resolveIngestOptions(options);
  return marked(opts, () => run(input, opts));
}

/**
 * {@link ingest} by the columnar path, for long-form input whose incidents and involvements are
 * Arrow or arquero tables (arquero tables take the row path in `ingest`; this reads them by
 * columns, for tests and benchmarks). Not part of the public API.
 */
export function ingestByColumns(input: IngestInput, options: IngestOptions = {}): IngestResult {
  const opts = resolveIngestOptions(options);
  return marked(opts, () =>
    ingestColumns(input, opts, (people) => {
      let rejectedPeople: RejectedPeople = new Map();
      const result = run({ incidents: [], involvements: [], people }, opts, (ppl) => {
        rejectedPeople = ppl.rejectedPeople;
      });
      return { result, rejectedPeople };
    }),
  );
}

/**
 * Runs one ingest with its `missingMarkers` setting, and warns which markers were read as
 * missing: which markers, not how many cells. The row path stops reading a row at its first
 * problem, while the columnar path reads every distinct value of a column, so on Arrow input the
 * warning can also name markers that only rejected rows hold (records and rejections are the same).
 */
function marked(o: ResolvedIngestOptions, read: () => IngestResult): IngestResult {
  markers.on = o.missingMarkers;
  markers.seen.clear();
  markers.recomposed.clear();
  markers.invisible.clear();
  try {
    const result = read();
    const unused = unusedMappingWarning(o.mapping, result.summary);
    if (unused !== undefined) result.summary.warnings.push(unused);
    const twins = twinColumnWarning(o.mapping, result.summary);
    if (twins !== undefined) result.summary.warnings.push(twins);
    const fill = fillDownWarning(result.rejected);
    if (fill !== undefined) result.summary.warnings.push(fill);
    const flipped = otherFormatWarning(o.dateFormat, result);
    if (flipped !== undefined) result.summary.warnings.push(flipped);
    const n = markers.recomposed.size;
    if (n > 0) {
      result.summary.warnings.push(
        `${n} id${n > 1 ? 's were' : ' was'} written with accents as separate marks (Unicode NFD, as macOS and some forms write text) and read in composed form (NFC), so that a name typed either way is one id`,
      );
    }
    const hidden = markers.invisible.size;
    if (hidden > 0) {
      const [first] = markers.invisible;
      const codes = [...new Set(first.match(/[\u00AD\u200B-\u200D\u2060\uFEFF]/g))]
        .map((ch) => `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`)
        .join(', ');
      result.summary.warnings.push(
        `${hidden} id${hidden > 1 ? 's' : ''} held characters that show as nothing (${o.pseudonymKey === undefined ? `the first, '${first.replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, '')}', ` : 'the first '}${codes}: text pasted from a web page or a word processor?) and ${hidden > 1 ? 'were' : 'was'} read without them, so that an id is one id whether it holds them or not; remove them at source`,
      );
    }
    if (markers.seen.size > 0) {
      const seen = [...markers.seen].sort().map((m) => `'${m}'`);
      result.summary.warnings.push(
        `cells holding ${seen.join(', ')} (any case) were read as missing values: refused as ids, left empty elsewhere; pass missingMarkers: false to keep them as values`,
      );
    }
    return result;
  } finally {
    markers.on = true;
    markers.seen.clear();
    markers.recomposed.clear();
    markers.invisible.clear();
  }
}
/**
 * A warning when dates were refused as valid only in the other day-month order (`04/13/2023`
 * read with `dateFormat: 'dmy'`): the column is likely in that order, and then the dates kept
 * with a day up to 12 (`04/05/2023`, read as 4 May) were read the wrong way round, a wrong answer
 * each row's problem did not name, since those rows were not rejected.
 */
function otherFormatWarning(format: string, result: IngestResult): string | undefined {
  if (format === 'iso') return undefined;
  const flipped = result.rejected.filter(
    (p) => p.field === 'date' && p.reason.includes('; it is a valid date as '),
  );
  if (flipped.length === 0) return undefined;
  const [first] = flipped;
  const other = format === 'dmy' ? 'mdy' : 'dmy';
  const kept = result.summary.tables[first.table as 'incidents'].accepted;
  return `${first.table}: ${count(flipped.length, 'date')} (the first, row ${first.row}: '${first.value}') ${flipped.length === 1 ? 'is' : 'are'} valid only as ${other}, not as ${format}: if the column is ${other}, the dates kept with a day up to 12 (of ${count(kept, 'row')} kept) were read the wrong way round; set dateFormat: '${other}' and run again`;
}

/** The defaults of {@link ingest}'s options (graphology's `fn.defaults` convention). */
ingest.defaults = INGEST_DEFAULTS;

/**
 * Reads the three tables in order and puts the result and its summary together; `onPeople` is
 * given what the people reader found (the columnar path reads the people table this way).
 */
function run(
  input: IngestInput,
  o: ResolvedIngestOptions,
  onPeople?: (ppl: PeopleRead) => void,
): IngestResult {
  const ctx = readContext(o);
  const form = inputForm(input, o.mapping);
  const inc = readIncidents(form, ctx);
  const inv = readInvolvements(input, form, inc, ctx);
  const ppl = readPeople(input.people, ctx);
  onPeople?.(ppl);

  const { people, auditColumns, attributeColumns, allowedAttributes } = ppl;
  if (o.pseudonymKey !== undefined) for (const p of people) p.person_id = ctx.display(p.person_id);
  // The involvements as columns (person numbers and role codes): the dataset makes their objects
  // only when `involvements` is read, and the index reads the columns.
  const { numbers, personOf, role } = inv.persons;
  const persons =
    o.pseudonymKey === undefined
      ? numberedLayout(numbers, personOf, role, people)
      : pseudonymLayout(numbers.ids, ctx.display, personOf, role, people);
  const ledgers = [inc.ledger, inv.ledger, ppl.ledger] as const;
  const tables = {
    incidents: inc.ledger.counts(),
    involvements: inv.ledger.counts(),
    people: ppl.ledger.counts(),
  };
  const warnings = [...inc.warnings, ...ppl.warnings];
  const formulas = textFormulaWarning([
    inc.src.textFormulas,
    inv.src === inc.src ? undefined : inv.src.textFormulas,
    ppl.src.textFormulas,
  ]);
  if (formulas !== undefined) warnings.push(formulas);
  for (const src of new Set([inc.src, inv.src, ppl.src]))
    if (src.warning) warnings.push(src.warning);
  for (const ledger of ledgers) {
    const w = ledger.multiLineWarning();
    if (w !== undefined) warnings.push(w);
  }
  const incidentRow = (k: number) => {
    let j = k;
    if (inc.outPos) while (!(inc.ledger.isAccepted(j) && inc.outPos[j] === k)) j++;
    return inc.ref(j);
  };
  const gap = gapWarning(inc.incidents, o.timeZone, incidentRow);
  if (gap !== undefined) warnings.push(gap);
  const midnight = utcMidnightWarning(inc.incidents, o.timeZone);
  if (midnight !== undefined) warnings.push(midnight);
  // Only severities given can run against the offences: with every one derived from its offence
  // (no severity column, or only empty cells) the check would derive each offence's again to
  // compare the rules with themselves (~1 s per 1M incidents of free-text offences).
  const reversed =
    inc.columns.severity === undefined || inc.severityDerived === inc.incidents.ids.length
      ? undefined
      : reversedSeverity(
          inc.incidents,
          severityDeriver(o.severityMap, o.severityRules),
          incidentRow,
          o.severityLevels !== undefined,
          inc.derivedSeverities,
        );
  if (reversed !== undefined) warnings.push(reversedScale(reversed, inc.severityTally));
  const unlisted = unlistedPeopleWarning(
    persons,
    ppl.rejectedPeople,
    input.people != null && tables.people.read === 0,
  );
  if (unlisted !== undefined) warnings.push(unlisted);
  const variants = caseVariantWarning(numbers.ids, personOf, o.pseudonymKey !== undefined);
  if (variants !== undefined) warnings.push(variants);
  const sum = (k: 'read' | 'accepted' | 'rejected') =>
    tables.incidents[k] + tables.involvements[k] + tables.people[k];
  const flat = form.form === 'flat';
  const usedInc = new Set(Object.values(inc.columns));
  const usedInv = new Set(Object.values(inv.columns));

  const data: Dataset = {
    incidents: [],
    involvements: [],
    people,
    auditColumns,
    ...(allowedAttributes.length
      ? { allowedAttributes: allowedAttributes.map((a) => a.column) }
      : {}),
    pseudonymised: o.pseudonymKey !== undefined,
  };
  // The incidents as columns too: their records are made only when `incidents` is read.
  defineIncidentColumns(data, inc.incidents);
  defineInvolvementColumns(data, inv.incidentOf, persons);
  return {
    data,
    rejected: ledgers.flatMap((ledger) => ledger.problems()),
    summary: {
      form: form.form,
      tables,
      read: sum('read'),
      accepted: sum('accepted'),
      rejected: sum('rejected'),
      totals: { read: sum('read'), accepted: sum('accepted'), rejected: sum('rejected') },
      columns: {
        incidents: { ...inc.columns },
        involvements: { ...inv.columns },
        people: { ...ppl.columns },
      },
      // A column without a name and without values (a trailing delimiter's) holds nothing to read.
      ignoredColumns: {
        incidents: flat ? [] : unread(inc.src, (c) => !usedInc.has(c)),
        involvements: unread(inv.src, (c) => !usedInv.has(c) && !(flat && usedInc.has(c))),
        people: [],
      },
      auditColumns,
      attributeColumns,
      severityDerived: inc.severityDerived,
      weaponsReadAsOther: inc.weaponsReadAsOther,
      pseudonymised: o.pseudonymKey !== undefined,
      allowedAttributes,
      warnings,
    },
  };
}
