import { VICTIM_OFFENDER_WARNING } from '../../contagion/hawkes/warning-heads.js';
import {
  fitNetworkHawkes,
  type NetworkHawkesModel,
  type NetworkHawkesOptions,
} from '../../contagion/index.js';
import { toCsv } from '../../core/csv.js';
import { DataRefusedError } from '../../core/errors.js';
import { delayDays } from '../../core/format.js';
import { count } from '../../core/plural.js';
import { refuseIfMeaningless } from '../../core/profile.js';
import { DEFAULT_RETENTION_YEARS } from '../../core/window.js';
import type { CommandContext } from '../context.js';
import { EXIT, type ExitCode } from '../errors.js';
import { outputFormat, writeOutput } from '../files.js';
import { asOfFor, loadForAnalysis, readExits, rowsOf, toJson, writeTable } from '../shared.js';

/**
 * The fit options that decide what a summary's figures mean — which incidents are events, along
 * which ties and after how long they excite, who is at risk — as the fit used them (given, or the
 * library's default): a share read without them could be a share of another model. `kernel` is
 * the option, `kernelUsed` what `'auto'` chose; `tieWeight` a function is `'a function'`; `exits`
 * the number of exit rows.
 */
function fitSettings(
  model: NetworkHawkesModel,
  options: NetworkHawkesOptions,
): Record<string, unknown> {
  const d = fitNetworkHawkes.defaults;
  const vo = options.victimOffenderTies ?? d.victimOffenderTies;
  const tieWeight = options.tieWeight ?? d.tieWeight;
  return {
    minSeverity: options.minSeverity ?? d.minSeverity,
    roles: options.roles ?? d.roles,
    // true is 'direct' (the library's reading): one value per meaning.
    victimOffenderTies: vo === true ? 'direct' : vo,
    selfExcitation: options.selfExcitation ?? d.selfExcitation,
    ties: options.ties ?? d.ties,
    tieWeight: typeof tieWeight === 'function' ? 'a function' : tieWeight,
    maxLagDays: options.maxLagDays ?? d.maxLagDays,
    kernel: options.kernel ?? d.kernel,
    kernelUsed: model.kernel.type,
    exits: options.exits?.length ?? 0,
  };
}

/**
 * A fitted model as plain JSON: parameters with standard errors, fit quality, attribution, and
 * (`options`) the fit options its figures depend on ({@link fitSettings}); `options` are those
 * the model was fitted with (default: none, the library's defaults).
 */
export function modelSummary(
  model: NetworkHawkesModel,
  options: NetworkHawkesOptions = {},
): Record<string, unknown> {
  const d = model.diagnostics;
  const sizes = rowsOf(model.cascades).map((c) => Number(c.size));
  return {
    model: model.name,
    window: { since: d.since, asOf: d.asOf, days: d.days },
    options: fitSettings(model, options),
    parameters: model.parameters,
    standardErrors: model.standardErrors,
    logLikelihood: model.logLikelihood,
    aic: model.aic,
    iterations: { em: d.emIterations, newton: d.newtonIterations },
    converged: model.converged,
    identified: model.identified,
    warnings: model.warnings,
    branchingRatio: model.branchingRatio,
    events: d.events,
    people: d.people,
    ties: d.ties,
    contagionShare: model.contagionShare,
    shares: model.shares,
    delays: model.delays,
    trend: model.trend,
    cascades: {
      count: sizes.filter((s) => s > 1).length,
      largest: sizes.reduce((m, s) => Math.max(m, s), 0),
    },
    elapsedSeconds: Math.round(d.elapsedMs) / 1000,
  };
}

/** `fit`: fits the model and writes its parameters (or, with `--events`, the per-event attribution). */
export function fitCommand(ctx: CommandContext): ExitCode {
  const { opts, reporter } = ctx;
  const { data, profile } = loadForAnalysis(ctx, { asOf: true });
  refuseIfMeaningless(profile, 'fit');
  const asOf = asOfFor(data, opts.asOf);
  reporter.step(`fitting the network contagion model as of ${asOf}`);
  let model: NetworkHawkesModel;
  const fitOptions: NetworkHawkesOptions = {
    asOf,
    minSeverity: opts.minSeverity,
    exits: readExits(ctx, data),
    // --victim-offender-ties: off (the default) is the library's false.
    victimOffenderTies:
      opts.victimOffenderTies === 'direct' || opts.victimOffenderTies === 'sides'
        ? opts.victimOffenderTies
        : false,
  };
  try {
    model = fitNetworkHawkes(data, fitOptions);
  } catch (e) {
    if (e instanceof DataRefusedError) throw new DataRefusedError(e.code, inFlags(e.message));
    throw e;
  }
  reporter.note(
    `${count(model.diagnostics.events, 'event')}; ${(model.contagionShare * 100).toFixed(1)}% attributed to contagion; ` +
      // With victim–offender ties α is the co-offending ties' only, beside α_vo: said so, and only
      // then (the default note is unchanged).
      `${model.parameters.alphaVictimOffender !== undefined ? 'α (co-offending)' : 'α'} = ${model.parameters.alpha.toPrecision(3)}, ` +
      (model.parameters.alphaVictimOffender !== undefined
        ? `α_vo = ${model.parameters.alphaVictimOffender.toPrecision(3)}, `
        : '') +
      // The model's mean delay is 0 when nothing was attributed to contagion (α = 0): no delay,
      // not a delay of 0 days.
      (Number.isFinite(model.delays.mean) && model.delays.mean > 0
        ? `mean delay ${delayDays(model.delays.mean)}.`
        : 'no delay estimated (no contagion found).') +
      // The guide's rule: a fit that identifies no kernel has no share or delay to report.
      (model.identified
        ? ''
        : ' Not identified: the share and the delay are not findings (see the warnings).') +
      // The fit's victim–offender check found harm following ties this model does not hold.
      (model.warnings.some((w) => w.startsWith(VICTIM_OFFENDER_WARNING))
        ? ' The share is likely too low: harm also follows victim–offender ties (see the warnings; --victim-offender-ties sides).'
        : ''),
  );
  const byKind = sharesByTieKind(model);
  if (byKind) reporter.note(byKind);
  // The model's warnings (not identified, a rate fitted at 0…) reach stderr, even with --quiet,
  // as every command's do: the CSV outputs (the parameters, --events) carry none of them.
  for (const w of model.warnings)
    if (!profile.warnings.includes(w)) ctx.io.stderr.write(`warning: ${w}\n`);
  if (opts.events) {
    writeTable(ctx, model.events);
    return EXIT.ok;
  }
  const format = outputFormat(opts.out, opts.format, ['json', 'csv'], 'json');
  const summary = modelSummary(model, fitOptions);
  if (format === 'json') {
    writeOutput(ctx.io, opts.out, toJson(summary));
  } else {
    const p = model.parameters as unknown as Record<string, unknown>;
    const se = model.standardErrors as unknown as Record<string, unknown>;
    const rows = Object.keys(p)
      .filter((k) => typeof p[k] === 'number')
      .map((k) => ({ parameter: k, estimate: p[k], standard_error: se[k] }));
    writeOutput(ctx.io, opts.out, toCsv(rows));
  }
  return EXIT.ok;
}

/**
 * With `--victim-offender-ties`, the share of contagion split by kind of tie, as the model's
 * `shares.coOffending` and `shares.victimOffender`: a kind whose α is 0, or under two standard
 * errors, is said to be not identified (as the model's warnings say), its share not a finding.
 * Undefined for a fit without the option.
 */
export function sharesByTieKind(model: NetworkHawkesModel): string | undefined {
  const { coOffending, victimOffender } = model.shares;
  if (victimOffender === undefined) return undefined;
  const p = model.parameters;
  const se = model.standardErrors;
  const kind = (
    label: string,
    symbol: string,
    share: number | undefined,
    a: number,
    e: unknown,
  ) => {
    const pct = `${(Number.isFinite(share) ? (share as number) * 100 : 0).toFixed(1)}%`;
    const why = !(a > 0)
      ? ` (not identified: ${symbol} fitted at 0)`
      : typeof e !== 'number' || !(e > 0)
        ? ` (not identified: no standard error for ${symbol})`
        : a < 2 * e
          ? ` (not identified: ${symbol} under two standard errors)`
          : '';
    return `${pct} along ${label}${why}`;
  };
  return (
    'Share of contagion by kind of tie: ' +
    kind('co-offending ties', 'α', coOffending, p.alpha, se.alpha) +
    ', ' +
    kind(
      'victim–offender ties',
      'α_vo',
      victimOffender,
      p.alphaVictimOffender ?? 0,
      se.alphaVictimOffender,
    ) +
    '.'
  );
}

/**
 * A refusal's advice in the flags `fit` takes: the library names its options (`asOf`,
 * `minSeverity`), which a command-line user cannot type. The start of the window (`since`,
 * `outcomeSince`, `retentionYears`) has no flag: the advice says what a command-line user can do
 * (a later `--as-of`, or records reaching further back, within the retention horizon) and that
 * those options are the library's only. It read "set it with fitNetworkHawkes", a function a
 * command-line user cannot call.
 */
export function inFlags(message: string, command = 'fit'): string {
  // Only fit has --min-severity: rank and plan score serious harm at the model's default.
  const lower = command === 'fit' ? message : message.replace(/ or lower minSeverity\b/g, '');
  return lower
    .replace(/^fitNetworkHawkes: /, `${command} refused: `)
    .replace(
      /widen the window \(since, outcomeSince, asOf, retentionYears\)/g,
      `widen the window (a later --as-of, or records reaching further back: it starts at the first record, at most ${DEFAULT_RETENTION_YEARS} years, the retention horizon, before --as-of; its start cannot be set on the command line: since, outcomeSince and retentionYears are options of the library's fitNetworkHawkes only)`,
    )
    .replace(/\bminSeverity\b/g, '--min-severity')
    .replace(/\ban asOf\b/g, 'an --as-of');
}
