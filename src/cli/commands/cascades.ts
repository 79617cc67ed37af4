import {
  cascades,
  type GroupReciprocity,
  groupReciprocity,
  retaliations,
} from '../../contagion/index.js';
import { count } from '../../core/plural.js';
import type { CommandContext } from '../context.js';
import { EXIT, type ExitCode } from '../errors.js';
import { asOfFor, loadForAnalysis, writeTable } from '../shared.js';

const PATTERN = 'A temporal and relational pattern, not proof of motive.';
const PATTERN_GROUPS =
  'A temporal pattern between groups, not proof that one attack caused another.';

/**
 * The `# …` notes of a links or cascades CSV: what it holds, as of when, and what a link is. The
 * files carried the purpose label alone: a cascades.csv of a city without retaliation was a bare
 * header, with no word of why (the count was on stderr only).
 */
export function cascadeNotes(
  what: 'links' | 'cascades',
  counts: { links: number; cascades?: number },
  asOf: string,
  windowDays = 90,
): string[] {
  const links = `${count(counts.links, 'retaliation link')} between violent incidents dated before ${asOf}`;
  return [
    what === 'links'
      ? `${links}.`
      : `${count(counts.cascades ?? 0, 'cascade')} (chains of linked incidents) from ${links}.`,
    `A link joins incident A to a later one, B, within ${count(windowDays, 'day')}, when someone on A's victim side (a victim, or their co-offenders) is among B's offenders and someone on A's offender side among B's victims. ${PATTERN}`,
  ];
}

/**
 * The `# …` notes of a reciprocity CSV (`cascades --reciprocity`): what its rows are, as of when,
 * the overall figure, and that it is a pattern. The file carried the purpose label alone, as the
 * cascades file did: a city with no known groups gave a bare header.
 */
export function reciprocityNotes(
  r: Pick<
    GroupReciprocity,
    'pairs' | 'membership' | 'reciprocity' | 'attacks' | 'answered' | 'open'
  >,
  asOf: string,
  windowDays = 90,
): string[] {
  const pairs = `${count(r.pairs.numRows(), 'ordered pair')} of groups (one's offender, the other's victim) in violent incidents dated before ${asOf}`;
  return [
    r.membership.numRows() === 0
      ? `${pairs}: nobody is in a group as of ${asOf} (the people table's groups, or without them the co-offending network's communities), so there are none.`
      : `${pairs}; between different groups, ${+r.answered.toFixed(2)} of ${count(r.attacks - r.open, 'attack')} answered within ${count(windowDays, 'day')} (reciprocity ${r.reciprocity === null ? 'n/a' : r.reciprocity.toFixed(3)}; ${r.open} more too recent to tell, counted as open).`,
    `A row with one group on both sides is violence inside it (no answered, answers, open or reciprocity). ${PATTERN_GROUPS}`,
  ];
}

/** `cascades`: retaliation links, the cascades they form, or group-to-group reciprocity. */
export function cascadesCommand(ctx: CommandContext): ExitCode {
  const { opts, reporter } = ctx;
  const { data } = loadForAnalysis(ctx, { asOf: true });
  const asOf = asOfFor(data, opts.asOf);
  if (opts.reciprocity) {
    reporter.step('measuring group-to-group reciprocity');
    const r = groupReciprocity(data, { asOf, windowDays: opts.windowDays });
    writeTable(ctx, r.pairs, 'csv', reciprocityNotes(r, asOf, opts.windowDays));
    reporter.note(
      `reciprocity ${r.reciprocity === null ? 'n/a' : r.reciprocity.toFixed(3)}: ${+r.answered.toFixed(2)} of ${count(r.attacks - r.open, 'attack')} between groups answered within ${count(opts.windowDays, 'day')} (${r.open} more too recent to tell, reported as open).`,
    );
    return EXIT.ok;
  }
  reporter.step('finding retaliation links');
  const links = retaliations(data, { asOf, windowDays: opts.windowDays });
  if (opts.links) {
    writeTable(
      ctx,
      links,
      'csv',
      cascadeNotes('links', { links: links.numRows() }, asOf, opts.windowDays),
    );
    reporter.note(`${count(links.numRows(), 'retaliation link')} as of ${asOf}.`);
    return EXIT.ok;
  }
  reporter.step('grouping links into cascades');
  const { table } = cascades(links);
  writeTable(
    ctx,
    table,
    'csv',
    cascadeNotes(
      'cascades',
      { links: links.numRows(), cascades: table.numRows() },
      asOf,
      opts.windowDays,
    ),
  );
  reporter.note(
    `${count(table.numRows(), 'cascade')} from ${count(links.numRows(), 'retaliation link')} as of ${asOf}.`,
  );
  return EXIT.ok;
}
