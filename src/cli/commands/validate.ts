import { toCsv } from '../../core/csv.js';
import { closestName } from '../../core/options.js';
import { count } from '../../core/plural.js';
import { namesField } from '../../ingest/columns.js';
import type { IngestSummary } from '../../ingest/ingest-types.js';
import { type CanonicalField, INCIDENT_FIELDS, INVOLVEMENT_FIELDS } from '../../ingest/options.js';
import type { CommandContext } from '../context.js';
import { EXIT, type ExitCode } from '../errors.js';
import { outputFormat, writeOutput } from '../files.js';
import { type InputOptions, loadRecords } from '../load.js';
import { toJson } from '../shared.js';
import { textTable } from '../text-table.js';

const COLUMNS = ['table', 'row', 'line', 'field', 'value', 'reason'];

/** `validate`: reads the records and lists every row left out; exit 1 when there is any. */
export function validateCommand(ctx: CommandContext): ExitCode {
  const { io, opts, reporter } = ctx;
  const format = outputFormat(opts.out, opts.format, ['txt', 'csv', 'json'], 'txt');
  reporter.step('reading and checking the records');
  const { rejected, summary } = loadRecords(io, opts as InputOptions, ctx.env);
  const tables = summary.tables as Record<
    string,
    { read: number; accepted: number; rejected: number; blank?: number }
  >;
  // Lines of nothing or of delimiters only (',,,' as Excel pads a sheet) are skipped: said, not
  // left to the JSON summary alone.
  const blank = (c: { blank?: number }) =>
    c.blank ? `; ${count(c.blank, 'blank line')} skipped (empty, or delimiters only)` : '';
  const given = opts as InputOptions;
  const counts = Object.entries(tables ?? {})
    .filter(([name, c]) => c.read > 0 || given[name as 'incidents'] !== undefined)
    .map(([name, c]) =>
      c.read === 0
        ? `${name}: 0 rows (a header but no records)${blank(c)}`
        : `${name}: ${count(c.read, 'row')} read, ${c.accepted} accepted, ${c.rejected} left out${blank(c)}`,
    );
  // Columns no field was read from ('Area Code' beside incident_id, date…): their data reaches
  // no analysis or audit, so the text names them rather than "No problems found" over them.
  const notRead = notReadLines(summary);
  const empty = tables.incidents.read === 0;
  const rows = rejected.map((p) => ({ ...p }));
  if (format === 'json') {
    writeOutput(io, opts.out, toJson({ summary, rejected: rows }));
  } else if (format === 'csv') {
    writeOutput(io, opts.out, toCsv(rows, { columns: COLUMNS }));
  } else {
    const lines = [...counts, ...notRead];
    // How rows were read when the reading could be wrong (markers read as missing, rows spanning
    // lines, people not in the people table…): never a silent "No problems found".
    if (summary.warnings.length > 0) {
      const n = summary.warnings.length;
      lines.push('', `${count(n, 'warning')}:`, ...summary.warnings.map((w) => `- ${w}`), '');
    }
    if (empty) lines.push('No incidents to analyse: every command that needs records will refuse.');
    else if (rows.length === 0)
      lines.push(
        summary.warnings.length > 0 || notRead.length > 0
          ? 'No rows left out.'
          : 'No problems found.',
      );
    else
      lines.push(
        '',
        `${count(rows.length, 'row')} left out:`,
        '',
        textTable(rows, COLUMNS, { maxWidth: 120, fullLast: true }),
      );
    writeOutput(io, opts.out, `${lines.join('\n')}\n`);
  }
  if (format !== 'txt' || opts.out) {
    reporter.note([...counts, ...notRead].join('; '));
    for (const w of summary.warnings) io.stderr.write(`warning: ${w}\n`);
  }
  return rows.length > 0 || empty ? EXIT.data : EXIT.ok;
}

/**
 * One line per table with columns no field was read from, each column with the field its name
 * is close to (not read from another column), as the --map entry that reads it.
 */
function notReadLines(summary: IngestSummary): string[] {
  const incidentFields = [...INCIDENT_FIELDS, 'time'];
  const fields: Record<string, readonly string[]> = {
    incidents: incidentFields,
    involvements:
      summary.form === 'flat' ? [...INVOLVEMENT_FIELDS, ...incidentFields] : INVOLVEMENT_FIELDS,
  };
  const lines: string[] = [];
  for (const [table, cols] of Object.entries(summary.ignoredColumns ?? {})) {
    if (cols.length === 0) continue;
    const used = summary.columns[table as keyof typeof summary.columns] ?? {};
    const free = (fields[table] ?? []).filter((f) => !(f in used));
    // A column named like a field read from another column is named in ingest's warning.
    const twin = (c: string) =>
      Object.keys(used).some((f) => namesField(c, f as CanonicalField)) ||
      (summary.form === 'flat' &&
        Object.keys(summary.columns.incidents).some((f) => namesField(c, f as CanonicalField)));
    const unnamed = cols.filter((c) => !twin(c));
    if (unnamed.length === 0) continue;
    const each = unnamed.map((c) => {
      const f = closestName(c, free);
      return f === undefined
        ? `'${c}'`
        : `'${c}' (${f}? map it in a --map file: { "mapping": { "${f}": ${JSON.stringify(c)} } })`;
    });
    lines.push(
      `${table}: ${count(unnamed.length, 'column')} not read, a name no field has: ${each.join(', ')}`,
    );
  }
  return lines;
}
