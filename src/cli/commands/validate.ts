import { toCsv } from '../../core/csv.js';
import { count } from '../../core/plural.js';
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
  const empty = tables.incidents.read === 0;
  const rows = rejected.map((p) => ({ ...p }));
  if (format === 'json') {
    writeOutput(io, opts.out, toJson({ summary, rejected: rows }));
  } else if (format === 'csv') {
    writeOutput(io, opts.out, toCsv(rows, { columns: COLUMNS }));
  } else {
    const lines = [...counts];
    // How rows were read when the reading could be wrong (markers read as missing, rows spanning
    // lines, people not in the people table…): never a silent "No problems found".
    if (summary.warnings.length > 0) {
      const n = summary.warnings.length;
      lines.push(
        '',
        `${n} warning${n > 1 ? 's' : ''}:`,
        ...summary.warnings.map((w) => `- ${w}`),
        '',
      );
    }
    if (empty) lines.push('No incidents to analyse: every command that needs records will refuse.');
    else if (rows.length === 0)
      lines.push(summary.warnings.length > 0 ? 'No rows left out.' : 'No problems found.');
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
    reporter.note(counts.join('; '));
    for (const w of summary.warnings) io.stderr.write(`warning: ${w}\n`);
  }
  return rows.length > 0 || empty ? EXIT.data : EXIT.ok;
}
