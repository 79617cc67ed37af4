import { cascades } from '../../contagion/cascades.js';
import { hawkesInference } from '../../contagion/hawkes/inference.js';
import { retaliations } from '../../contagion/retaliations.js';
import { DataRefusedError } from '../../core/errors.js';
import { count } from '../../core/plural.js';
import type { DataProfile } from '../../core/profile.js';
import type { Dataset } from '../../core/types.js';
import { windowText } from '../../core/window-text.js';
import { coOffendingEdges } from '../../graph/co-offending-graph.js';
import { reportScripts } from '../../node/report-scripts.js';
import { analyse } from '../../outreach/index.js';
import { renderReport, reportInput } from '../../report/index.js';
import type { CommandContext } from '../context.js';
import { EXIT, type ExitCode } from '../errors.js';
import { outputFormat, writeOutput } from '../files.js';
import { analysisProgress } from '../progress.js';
import { asOfFor, loadForAnalysis, readExits } from '../shared.js';
import { victimOffenderFit } from './rank.js';

/** `report`: the whole pipeline, written as one self-contained HTML file. */
export function reportCommand(ctx: CommandContext): ExitCode {
  const { opts, reporter } = ctx;
  outputFormat(opts.out, opts.format, ['html'], 'html');
  const { data, rejected, profile } = loadForAnalysis(ctx, { asOf: true });
  const asOf = asOfFor(data, opts.asOf);
  // Cuts the records are too short for do not refuse the report: analyse runs the most that fit
  // (or none) and says so in backtestNote.
  const exits = readExits(ctx, data);
  let analysis: ReturnType<typeof analyse>;
  try {
    analysis = inReportTerms(() =>
      analyse(data, {
        asOf,
        ...(exits ? { exits } : {}),
        // --victim-offender-ties: the model, the list, the plan and the backtest's model carry it.
        ...victimOffenderFit(opts),
        horizonDays: opts.horizonDays,
        limit: opts.limit,
        cuts: opts.cuts,
        // --plan is the capacity asked for: its cap is raised with it, as the plan command's is.
        ...(opts.plan > 0
          ? {
              plan: {
                capacity: opts.plan,
                cap: Math.max(1000, opts.plan),
                effect: opts.effect,
                horizonDays: opts.horizonDays,
              },
            }
          : {}),
        ...analysisProgress(reporter),
      }),
    );
  } catch (e) {
    // No serious event in the window: no model and no list, but the network and the records
    // still make a report, which says so where the list would be.
    if (e instanceof DataRefusedError && e.code === 'no-events')
      return reportWithoutList(ctx, { data, asOf, rejected: rejected.length, profile });
    throw e;
  }
  // Fewer cuts than asked for, or no backtest (too little history): said, as every warning is.
  if (analysis.backtestNote) ctx.io.stderr.write(`warning: ${analysis.backtestNote}\n`);
  let inference: ReturnType<typeof hawkesInference> | undefined;
  if (opts.intervals > 0) {
    reporter.step(`the contagion share's interval (${count(opts.intervals, 'bootstrap refit')})`);
    inference = hawkesInference(data, {
      // The model the report shows: with the people out of the risk set (--exits) too.
      fit: { asOf: analysis.asOf, ...(exits ? { exits } : {}), ...victimOffenderFit(opts) },
      replicates: opts.intervals,
      nullReplicates: 0,
      placeboReplicates: 0,
    });
  }
  reporter.step('writing the report');
  const input = reportInput(inference ? { ...analysis, inference } : analysis, {
    rejected: rejected.length,
    generated: `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  });
  writeOutput(ctx.io, opts.out, renderReport(input, { scripts: reportScripts() }));
  // The banner's warnings (the model's, the list's, the backtest's) reach stderr too, even with
  // --quiet, as every command's do; those printed already (the data profile's, the backtest
  // note) once.
  const printed = new Set<string>([...profile.warnings, analysis.backtestNote ?? '']);
  for (const w of input.warnings ?? []) if (!printed.has(w)) ctx.io.stderr.write(`warning: ${w}\n`);
  if (opts.out)
    reporter.note(
      `report written to ${opts.out} (${count(input.ranked.length, 'person', 'people')} listed).`,
    );
  return EXIT.ok;
}

/**
 * The report of records with no serious event in the window (analyse refused, code `no-events`):
 * the network's key figures, the retaliation cascades and the data's warnings, and in place of
 * the list and the contagion figures a plain statement of why there are none. Exit 0, with the
 * statement on stderr as a warning.
 */
function reportWithoutList(
  ctx: CommandContext,
  r: { data: Dataset; asOf: string; rejected: number; profile: DataProfile },
): ExitCode {
  const { opts, reporter } = ctx;
  const { data, asOf, profile } = r;
  const noList = `No incident of severity ${profile.minSeverity} or more in the records from ${windowText(profile.firstDate, asOf)}, so there is no serious event to model: no list of people and no contagion figures are given. What the records do show is here: the network's key figures, the data's warnings and any retaliation cascades.`;
  reporter.step('building the co-offending network and the retaliation cascades');
  const links = retaliations(data, { asOf });
  const input = reportInput(
    {
      data,
      asOf,
      network: coOffendingEdges(data, { asOf }),
      links,
      cascades: cascades(links).table,
      profile,
      noList,
    },
    {
      rejected: r.rejected,
      generated: `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    },
  );
  writeOutput(ctx.io, opts.out, renderReport(input, { scripts: reportScripts() }));
  ctx.io.stderr.write(`warning: ${noList}\n`);
  if (opts.out) reporter.note(`report written to ${opts.out} (nobody listed: no serious event).`);
  return EXIT.ok;
}

/**
 * Runs `analyse` for the report; its refusal names the report and the flags, not the library's
 * function and options ('analyse refused: … the 6 years before asOf'; 'rankForOutreach without a
 * model' is the 'rank' command with --model exposure).
 */
function inReportTerms<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (!(e instanceof DataRefusedError)) throw e;
    throw new DataRefusedError(
      e.code,
      e.message
        .replace(/^analyse refused: /, 'report refused: ')
        .replace(/\banalyse (reads|needs)\b/g, 'the report $1')
        .replace(/\basOf\b/g, '--as-of')
        // The library's function is a command here.
        .replace('rankForOutreach without a model', "the 'rank' command with --model exposure"),
    );
  }
}
