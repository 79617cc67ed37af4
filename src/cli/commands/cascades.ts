import { cascades, groupReciprocity, retaliations } from '../../contagion/index.js';
import { count } from '../../core/plural.js';
import type { CommandContext } from '../context.js';
import { EXIT, type ExitCode } from '../errors.js';
import { asOfFor, loadForAnalysis, writeTable } from '../shared.js';

/** `cascades`: retaliation links, the cascades they form, or group-to-group reciprocity. */
export function cascadesCommand(ctx: CommandContext): ExitCode {
  const { opts, reporter } = ctx;
  const { data } = loadForAnalysis(ctx, { asOf: true });
  const asOf = asOfFor(data, opts.asOf);
  if (opts.reciprocity) {
    reporter.step('measuring group-to-group reciprocity');
    const r = groupReciprocity(data, { asOf, windowDays: opts.windowDays });
    writeTable(ctx, r.pairs);
    reporter.note(
      `reciprocity ${r.reciprocity === null ? 'n/a' : r.reciprocity.toFixed(3)}: ${+r.answered.toFixed(2)} of ${count(r.attacks - r.open, 'attack')} between groups answered within ${count(opts.windowDays, 'day')} (${r.open} more too recent to tell, reported as open).`,
    );
    return EXIT.ok;
  }
  reporter.step('finding retaliation links');
  const links = retaliations(data, { asOf, windowDays: opts.windowDays });
  if (opts.links) {
    writeTable(ctx, links);
    reporter.note(`${count(links.numRows(), 'retaliation link')} as of ${asOf}.`);
    return EXIT.ok;
  }
  reporter.step('grouping links into cascades');
  const { table } = cascades(links);
  writeTable(ctx, table);
  reporter.note(
    `${count(table.numRows(), 'cascade')} from ${count(links.numRows(), 'retaliation link')} as of ${asOf}.`,
  );
  return EXIT.ok;
}
