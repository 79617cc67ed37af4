import { DataRefusedError } from '../../core/errors.js';
import { fixed } from '../../core/format.js';
import { count } from '../../core/plural.js';
import { refuseIfMeaningless } from '../../core/profile.js';
import { planOutreach } from '../../outreach/index.js';
import type { CommandContext } from '../context.js';
import { EXIT, type ExitCode } from '../errors.js';
import { readInputFile } from '../files.js';
import { asOfFor, idsInRecords, loadForAnalysis, readExits } from '../shared.js';
import { fitInFlags, forecastsRefusalInFlags, victimOffenderFit, writeList } from './rank.js';

/**
 * `plan`: whom to reach under a capacity to avert the most serious violence, knock-on harm
 * included, as CSV or JSON; the totals, the highest-risk comparison and the sensitivity to the
 * assumed effect go to stderr.
 */
export function planCommand(ctx: CommandContext): ExitCode {
  const { opts, reporter, io } = ctx;
  const { data, profile } = loadForAnalysis(ctx, { asOf: true });
  // As fit and rank: one date or no serious event refuses with one plain line.
  refuseIfMeaningless(profile, 'fit', 'plan');
  const asOf = asOfFor(data, opts.asOf);
  // Ids from the team's systems, keyed as the records' are under --pseudonymise: raw ids matched
  // nobody there, so the people already in contact were planned again.
  const inRecords = idsInRecords(ctx, data);
  const alreadyReached = opts.alreadyReached
    ? readInputFile(io, opts.alreadyReached, '--already-reached')
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '' && !l.startsWith('#'))
        .map(inRecords)
    : undefined;
  reporter.step(`fitting the network contagion model as of ${asOf}`);
  const model = fitInFlags(data, asOf, 'plan', readExits(ctx, data), victimOffenderFit(opts));
  reporter.step('planning');
  let plan: ReturnType<typeof planOutreach>;
  try {
    plan = planOutreach(data, {
      asOf,
      model,
      capacity: opts.capacity,
      effect: opts.effect,
      horizonDays: opts.horizonDays,
      alreadyReached,
      maxPerGroup: opts.maxPerGroup,
      cap: Math.max(1000, opts.capacity),
    });
  } catch (e) {
    if (e instanceof DataRefusedError)
      throw new DataRefusedError(e.code, forecastsRefusalInFlags(e.message, 'plan'));
    throw e;
  }
  writeList(ctx, plan.list);
  const e = plan.expected;
  const sens = (
    plan.sensitivity.objects() as {
      effect: number;
      averted_plan: number;
      averted_highest_risk: number;
    }[]
  )
    .map(
      (r) =>
        `${Math.round(r.effect * 100)}%: ${fixed(r.averted_plan, 2)} (highest risk ${fixed(r.averted_highest_risk, 2)})`,
    )
    .join('; ');
  reporter.note(
    `${count(plan.list.numRows(), 'person', 'people')} planned as of ${asOf}: about ${fixed(e.averted, 2)} of ${e.without.toFixed(1)} expected serious-violence events in ${count(opts.horizonDays, 'day')} averted under the model (the ${plan.list.numRows() === 1 ? 'highest-risk person' : `${plan.list.numRows()} highest-risk people`}: ${fixed(plan.highestRisk.averted, 2)}). By assumed effect: ${sens}.`,
  );
  // Warnings always reach stderr, even with --quiet (which silences progress and notes only).
  // (The data profile's are printed already, as the records were read.)
  // The library names its option (alreadyReached); here it is the flag.
  for (const w of plan.warnings)
    if (!profile.warnings.includes(w))
      io.stderr.write(
        `warning: ${w.replace(/\balreadyReached (ids?)\b/g, '--already-reached $1')}\n`,
      );
  return EXIT.ok;
}
