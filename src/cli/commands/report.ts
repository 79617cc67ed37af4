import { reportScripts } from '../../node/report-scripts.js';
import { analyse } from '../../outreach/index.js';
import { renderReport, reportInput } from '../../report/index.js';
import type { CommandContext } from '../context.js';
import { EXIT, type ExitCode } from '../errors.js';
import { outputFormat, writeOutput } from '../files.js';
import { analysisProgress } from '../progress.js';
import { asOfFor, loadForAnalysis } from '../shared.js';

/** `report`: the whole pipeline, written as one self-contained HTML file. */
export function reportCommand(ctx: CommandContext): ExitCode {
  const { opts, reporter } = ctx;
  outputFormat(opts.out, opts.format, ['html'], 'html');
  const { data, rejected } = loadForAnalysis(ctx);
  const asOf = asOfFor(data, opts.asOf);
  const analysis = analyse(data, {
    asOf,
    horizonDays: opts.horizonDays,
    limit: opts.limit,
    cuts: opts.cuts,
    ...(opts.plan > 0
      ? { plan: { capacity: opts.plan, effect: opts.effect, horizonDays: opts.horizonDays } }
      : {}),
    ...analysisProgress(reporter),
  });
  reporter.step('writing the report');
  const input = reportInput(analysis, {
    rejected: rejected.length,
    generated: `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  });
  writeOutput(ctx.io, opts.out, renderReport(input, { scripts: reportScripts() }));
  if (opts.out)
    reporter.note(`report written to ${opts.out} (${input.ranked.length} people listed).`);
  return EXIT.ok;
}
