import type { ColumnTable } from 'arquero';
import type { ExitRow } from '../../contagion/hawkes/types.js';
import { fitNetworkHawkes, type NetworkHawkesModel } from '../../contagion/index.js';
import { DataRefusedError } from '../../core/errors.js';
import { count } from '../../core/plural.js';
import { refuseIfMeaningless, tiedScoresWarning } from '../../core/profile.js';
import type { RiskModel } from '../../core/risk.js';
import type { Dataset } from '../../core/types.js';
import { exportList, listMetadata, rankForOutreach } from '../../outreach/index.js';
import type { CommandContext } from '../context.js';
import { EXIT, type ExitCode, usageError } from '../errors.js';
import { outputFormat, writeOutput } from '../files.js';
import { asOfFor, loadForAnalysis, readExits } from '../shared.js';
import { inFlags } from './fit.js';

/** Writes a list made by the outreach stage with its purpose label, parameters and data window. */
export function writeList(ctx: CommandContext, list: ColumnTable): void {
  const format = outputFormat(ctx.opts.out, ctx.opts.format, ['csv', 'json'], 'csv') as
    | 'csv'
    | 'json';
  writeOutput(ctx.io, ctx.opts.out, exportList(list, { format }));
}

/**
 * `--victim-offender-ties` as fitNetworkHawkes options: `{ victimOffenderTies }` for direct or
 * sides, nothing for off (the default: the fit's options as before the flag).
 */
export function victimOffenderFit(opts: Record<string, unknown>): {
  victimOffenderTies?: 'direct' | 'sides';
} {
  const v = opts.victimOffenderTies;
  return v === 'direct' || v === 'sides' ? { victimOffenderTies: v } : {};
}

/** The model fitted as of `asOf`; a refusal's advice in the command's flags. */
export function fitInFlags(
  data: Dataset,
  asOf: string,
  command: string,
  exits?: readonly ExitRow[],
  victimOffender: { victimOffenderTies?: 'direct' | 'sides' } = {},
): NetworkHawkesModel {
  try {
    return fitNetworkHawkes(data, { asOf, exits, ...victimOffender });
  } catch (e) {
    if (e instanceof DataRefusedError)
      throw new DataRefusedError(e.code, inFlags(e.message, command));
    throw e;
  }
}

/**
 * The refusal of an explosive, unidentified fit (rankForOutreach's, planOutreach's) in the
 * command's words: it named the library's function and pointed to the model's warnings, which
 * rank, plan and trace never print ('fit' does). Other messages are returned unchanged.
 */
export function forecastsRefusalInFlags(message: string, command: string): string {
  const refusal =
    /^\w+: (the model '[^']*'(?:, updated from a fit that)? is not identified on these records and is explosive )/;
  if (!refusal.test(message)) return message;
  return message
    .replace(refusal, `${command} refused: $1`)
    .replace('(see its warnings)', "(the 'fit' command prints its warnings)");
}

/** `rank`: the ranked list of people to offer support to, with reasons, as CSV or JSON. */
export function rankCommand(ctx: CommandContext): ExitCode {
  const { opts, reporter } = ctx;
  // People out of the risk set (custody) are a model's: the exposure score cannot take them.
  if (opts.exits && opts.model !== 'hawkes')
    throw usageError(
      "--exits takes people out of the contagion model's risk set; the exposure score has none: leave out --model exposure (the default, hawkes, takes them), or --exits.",
    );
  if (victimOffenderFit(opts).victimOffenderTies && opts.model !== 'hawkes')
    throw usageError(
      '--victim-offender-ties is a flag of the contagion model; the exposure score follows co-offending ties only: leave out --model exposure (the default, hawkes, takes it), or --victim-offender-ties.',
    );
  const { data, profile } = loadForAnalysis(ctx, { asOf: true });
  refuseIfMeaningless(profile, 'rank');
  const asOf = asOfFor(data, opts.asOf);
  let model: RiskModel | undefined;
  if (opts.model === 'hawkes') {
    reporter.step(`fitting the network contagion model as of ${asOf}`);
    model = fitInFlags(data, asOf, 'rank', readExits(ctx, data), victimOffenderFit(opts));
  }
  reporter.step('ranking');
  let list: ReturnType<typeof rankForOutreach>;
  try {
    list = rankForOutreach(data, {
      asOf,
      horizonDays: opts.horizonDays,
      limit: opts.limit,
      cap: Math.max(1000, opts.limit),
      model,
    });
  } catch (e) {
    // The library's advice in the command's flags.
    if (e instanceof DataRefusedError)
      throw new DataRefusedError(
        e.code,
        forecastsRefusalInFlags(e.message, 'rank').replace(
          '(leave out the model)',
          '(--model exposure)',
        ),
      );
    throw e;
  }
  writeList(ctx, list);
  const tied = tiedScoresWarning(
    list.array('score') as ArrayLike<number>,
    'the most recent evidence first, then person id',
  );
  if (tied) ctx.io.stderr.write(`warning: ${tied}\n`);
  // The list's other warnings (e.g. records past retention for an --as-of long ago).
  for (const w of listMetadata(list)?.warnings ?? [])
    if (w !== tied && !profile.warnings.includes(w)) ctx.io.stderr.write(`warning: ${w}\n`);
  reporter.note(
    `${count(list.numRows(), 'person', 'people')} listed as of ${asOf} (model: ${model ? model.name : 'exposure score'}).`,
  );
  return EXIT.ok;
}
