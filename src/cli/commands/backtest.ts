import type { ExitRow } from '../../contagion/hawkes/types.js';
import { count } from '../../core/plural.js';
import { refuseIfMeaningless } from '../../core/profile.js';
import type { Dataset } from '../../core/types.js';
import {
  type BacktestResult,
  backtest,
  defaultRankers,
  type Ranker,
} from '../../outreach/index.js';
import type { CommandContext } from '../context.js';
import { EXIT, type ExitCode } from '../errors.js';
import { outputFormat, writeOutput } from '../files.js';
import type { Reporter } from '../progress.js';
import { loadForAnalysis, readExits, withCutsAdvice } from '../shared.js';
import { victimOffenderFit, writeList } from './rank.js';

/**
 * Runs the backtest at the last `cuts` cut dates with a progress bar over cut × ranker; with
 * `exits`, each cut's rankers are given the rows known then (`backtest`'s `exits`).
 */
export function runBacktest(
  data: Dataset,
  options: {
    cuts: number;
    horizonDays: number;
    rankers?: Ranker[];
    keepScores?: boolean;
    exits?: readonly ExitRow[];
  },
  reporter: Reporter,
): BacktestResult {
  const rankers = options.rankers ?? defaultRankers();
  const bar = reporter.bar('cut × ranker', options.cuts * rankers.length);
  let done = 0;
  try {
    return backtest(data, {
      cuts: options.cuts,
      horizonDays: options.horizonDays,
      rankers,
      ...(options.exits ? { exits: options.exits } : {}),
      ...(options.keepScores ? { keepScores: true } : {}),
      onProgress: () => bar.update(++done),
    });
  } finally {
    bar.stop();
  }
}

/** `backtest`: rolling-origin backtest; a plain-text summary, or the table as CSV/JSON. */
export function backtestCommand(ctx: CommandContext): ExitCode {
  const { opts, reporter } = ctx;
  const format = outputFormat(opts.out, opts.format, ['txt', 'csv', 'json'], 'txt');
  // The warnings printed are the backtest's own: of the records it uses (from the retention
  // horizon before the first cut's calibration date on), not of every record read.
  // A backtest that refuses has used no records: the warnings printed with its refusal are of
  // every record read, which may say why.
  const { data, profile } = loadForAnalysis(ctx, { warn: false });
  // --exits: people out of the risk set; each cut is given the rows known then.
  const exits = readExits(ctx, data);
  let result: ReturnType<typeof runBacktest>;
  try {
    refuseIfMeaningless(profile, 'backtest');
    reporter.step(
      `backtesting at ${count(opts.cuts, 'cut date')}, ${opts.horizonDays}-day horizon`,
    );
    result = withCutsAdvice(
      opts.cuts,
      undefined,
      () =>
        runBacktest(
          data,
          {
            cuts: opts.cuts,
            horizonDays: opts.horizonDays,
            // --victim-offender-ties: the model compared carries the term (and says so in its name).
            rankers: defaultRankers({ model: victimOffenderFit(opts) }),
            ...(exits ? { exits } : {}),
          },
          reporter,
        ),
      opts.horizonDays,
    );
  } catch (e) {
    for (const w of profile.warnings) ctx.io.stderr.write(`warning: ${w}\n`);
    throw e;
  }
  if (format === 'txt') writeOutput(ctx.io, opts.out, result.summary);
  else writeList(ctx, result.table);
  for (const w of result.warnings) ctx.io.stderr.write(`warning: ${w}\n`);
  return EXIT.ok;
}
