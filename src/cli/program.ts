import { Command, CommanderError, Option } from 'commander';
import pkg from '../../package.json';
import { closestName } from '../core/options.js';
import { MAX_HORIZON_DAYS } from '../core/window.js';
import { backtestCommand } from './commands/backtest.js';
import { cascadesCommand } from './commands/cascades.js';
import { demoCommand } from './commands/demo.js';
import { fitCommand } from './commands/fit.js';
import { graphCommand } from './commands/graph.js';
import { metricsCommand } from './commands/metrics.js';
import { planCommand } from './commands/plan.js';
import { rankCommand } from './commands/rank.js';
import { reportCommand } from './commands/report.js';
import { traceCommand } from './commands/trace.js';
import { validateCommand } from './commands/validate.js';
import type { CommandContext } from './context.js';
import { CliError, EXIT, type ExitCode } from './errors.js';
import { checkOutPath, type OutputFormat, outputFormat } from './files.js';
import type { CliIo } from './io.js';
import {
  addAsOfOption,
  addExitsOption,
  addInputOptions,
  addListOptions,
  addOutputOptions,
  dateArg,
  numberArg,
  OUTPUT_FORMATS,
  victimOffenderTiesArg,
} from './options.js';
import { createReporter } from './progress.js';

const BIN = 'violence-contagion';
const INPUTS = '--incidents incidents.csv --involvements involvements.csv';

/** A subcommand handler: resolves to the exit code. */
export type Handler = (ctx: CommandContext) => Promise<ExitCode> | ExitCode;

function example(lines: string[]): string {
  return `\nExample:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}

/**
 * Runs the `violence-contagion` command line with `argv` (without the node and script paths)
 * and resolves to the exit code: 0 ok, 1 data problems, 2 usage errors. Never throws, never
 * calls `process.exit`, and writes only to `io`, so tests can run it in-process.
 */
export async function run(
  argv: readonly string[],
  io: CliIo,
  env: Record<string, string | undefined> = process.env,
): Promise<ExitCode> {
  let code: ExitCode = EXIT.ok;
  const program = new Command(BIN);
  program
    .description(
      'Co-offending networks, exposure, retaliation cascades and a network contagion model, for voluntary outreach (not enforcement).',
    )
    .version(pkg.version, '-V, --version')
    .option('-q, --quiet', 'no progress or notes on stderr')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .showHelpAfterError(`(run '${BIN} <command> --help' for usage and an example)`)
    .addHelpText(
      'after',
      `\nExit codes: 0 ok, 1 data problems, 2 usage errors.\n${example([`${BIN} demo --out out`, `${BIN} validate ${INPUTS}`, `${BIN} rank ${INPUTS} --out ranked.csv`])}`,
    );

  // `steps`: how many numbered steps the handler takes, when it is known in advance.
  const action = (handler: Handler, steps?: (opts: CommandContext['opts']) => number) =>
    async function (this: Command, ...rest: unknown[]) {
      const opts = this.optsWithGlobals();
      // demo's --out is the folder it fills; every other --out is one file.
      if (this.name() !== 'demo') checkOutPath(io, opts);
      // The --out extension (or --format) is one of the command's formats: checked before the
      // records are read, not after a fit that may take minutes.
      const out = OUTPUT_FORMATS.get(this);
      if (out)
        outputFormat(
          opts.out,
          opts.format,
          out.formats as OutputFormat[],
          out.fallback as OutputFormat,
        );
      const args = rest.slice(0, -2).filter((a): a is string => typeof a === 'string');
      const reporter = createReporter(io, { quiet: opts.quiet, steps: steps?.(opts) });
      try {
        code = await handler({ io, reporter, opts, args, env });
      } finally {
        reporter.done();
      }
    };

  program
    .command('demo')
    .description(
      'run the whole pipeline on a seeded synthetic city: validate → graphs → metrics → cascades → fit → rank → trace → backtest → HTML report, all written to --out',
    )
    .option('--out <dir>', 'folder for the outputs', 'out')
    .option(
      '--people <n>',
      'people in the synthetic city (200 to 200000: a smaller city has too few groups for its feuds)',
      numberArg({ integer: true, min: 200, max: 200000 }),
      3000,
    )
    .option(
      '--years <n>',
      'years of records (2 to 8: in fewer, the backtest has no records before its first cut; over more, the synthetic contagion can run away)',
      numberArg({ min: 2, max: 8 }),
      6,
    )
    .option('--seed <n>', 'seed of the synthetic city', numberArg({ integer: true }), 7)
    .addHelpText(
      'after',
      example([`${BIN} demo --out out`, `${BIN} demo --out out --people 10000 --seed 3`]),
    )
    .action(action(demoCommand, () => 10));

  addOutputOptions(
    addInputOptions(
      program
        .command('validate')
        .description(
          'read and check the records; list every row left out (row, field, value, reason); exit 1 if any',
        ),
    ),
    ['txt', 'csv', 'json'],
    'txt',
  )
    .addHelpText(
      'after',
      example([
        `${BIN} validate ${INPUTS} --map mapping.json`,
        `${BIN} validate ${INPUTS} --out problems.csv`,
      ]),
    )
    .action(action(validateCommand));

  addOutputOptions(
    addAsOfOption(
      addInputOptions(
        program
          .command('graph')
          .description('build the co-offending (or victimisation) network and export it'),
      ),
    ),
    ['gexf', 'graphml', 'csv', 'json'],
    'graphml',
  )
    .addOption(
      new Option(
        '--kind <kind>',
        'which network: co-offending (undirected ties) or victimisation (offender → victim)',
      )
        .choices(['co-offending', 'victimisation'])
        .default('co-offending'),
    )
    .option(
      '--half-life-days <days>',
      'half-life of a shared incident in the tie weight',
      numberArg({ min: 1 }),
      365,
    )
    .option(
      '--min-count <n>',
      'keep ties with at least this many shared incidents',
      numberArg({ integer: true, min: 1 }),
      1,
    )
    .addHelpText(
      'after',
      example([
        `${BIN} graph ${INPUTS} --out network.gexf`,
        `${BIN} graph ${INPUTS} --format csv > ties.csv`,
      ]),
    )
    .action(action(graphCommand));

  addOutputOptions(
    addAsOfOption(
      addInputOptions(
        program
          .command('metrics')
          .description(
            'per-person network measures (degree, strength, core, PageRank, betweenness, community), or --summary',
          ),
      ),
    ),
    ['csv', 'json'],
    'csv',
  )
    .option('--summary', 'one table describing the whole network instead of one row per person')
    .option(
      '--adjacency <file>',
      "measure the network of a square adjacency matrix instead of records' co-offending network: CSV as UCINET exports it (a header row of ids after an empty corner cell, then one row per id in the same order; a cell above 0 is a tie, its value the weight; 0 or empty for none); a matrix that is not square, has a cell that is not a number or a negative one, a row labelled otherwise than the header, or is not symmetric is refused, naming the row and column; not with --incidents, --involvements, --people, --as-of or the other record flags",
    )
    .addOption(
      new Option(
        '--symmetrize <how>',
        'with --adjacency, read a directed (asymmetric) matrix, who named whom, as an undirected network: a pair whose two cells differ is one tie where either cell is above 0, of the larger weight (max), only where both are, of the smaller (min: reciprocated ties), or of the two summed (sum); without it such a matrix is refused',
      ).choices(['max', 'min', 'sum']),
    )
    .option(
      '--pivots <k>',
      'betweenness from k sampled sources when people × ties is above 1e8 (exact below it, or with 0)',
      numberArg({ integer: true, min: 0 }),
      256,
    )
    .option(
      '--top <k>',
      'only the people ranked k or higher by --by, highest first, with a rank column (tied values share a rank, so a tie at k lists more)',
      numberArg({ integer: true, min: 1 }),
    )
    .addOption(
      new Option('--by <measure>', 'the measure --top ranks by (default: pagerank)').choices([
        'degree',
        'strength',
        'core_number',
        'pagerank',
        'betweenness',
      ]),
    )
    .addHelpText(
      'after',
      example([
        `${BIN} metrics ${INPUTS} --out metrics.csv`,
        `${BIN} metrics ${INPUTS} --top 20 --by betweenness`,
        `${BIN} metrics ${INPUTS} --summary`,
        `${BIN} metrics --adjacency LONDON_GANG.csv --top 10 --by betweenness`,
      ]),
    )
    .action(action(metricsCommand));

  addOutputOptions(
    addAsOfOption(
      addInputOptions(
        program
          .command('cascades')
          .description(
            'find retaliation links between violent incidents and the cascades they form',
          ),
      ),
    ),
    ['csv', 'json'],
    'csv',
  )
    .option(
      '--window-days <days>',
      'longest gap from an incident to its retaliation',
      numberArg({ min: 1 }),
      90,
    )
    .option('--links', 'write the retaliation links instead of the cascades')
    .option('--reciprocity', 'write the group-to-group reciprocity table instead of the cascades')
    .addHelpText(
      'after',
      example([
        `${BIN} cascades ${INPUTS} --out cascades.csv`,
        `${BIN} cascades ${INPUTS} --links --format json`,
      ]),
    )
    .action(action(cascadesCommand));

  addOutputOptions(
    addAsOfOption(
      addInputOptions(
        program
          .command('fit')
          .description(
            "fit the network contagion (Hawkes) model and write its parameters (the JSON's 'options' records the fit options its figures depend on)",
          ),
      ),
    ),
    ['json', 'csv'],
    'json',
  )
    .option(
      '--min-severity <n>',
      'an event is a victimisation of at least this severity',
      numberArg({ integer: true, min: 0, max: 4 }),
      3,
    )
    .addOption(
      victimOffenderTiesOption(
        "events excite along victim–offender ties too, with their own α_vo, and the share of contagion is split by kind of tie: 'direct' the people one harmed or was harmed by (the bare flag), 'sides' their co-offenders too, 'off' co-offending ties only (exponential kernel; rank, plan, trace, backtest and report take it too)",
      ),
    )
    .option('--events', 'write the per-event attribution table instead of the parameters')
    .addHelpText(
      'after',
      example([
        `${BIN} fit ${INPUTS} --out model.json`,
        `${BIN} fit ${INPUTS} --victim-offender-ties sides`,
        `${BIN} fit ${INPUTS} --events --out events.csv`,
      ]),
    )
    .action(action(fitCommand));

  addListOptions(
    addOutputOptions(
      addAsOfOption(
        addInputOptions(
          program
            .command('rank')
            .description('the ranked list of people to offer support to, with reasons'),
        ),
      ),
      ['csv', 'json'],
      'csv',
    ),
  )
    .addOption(
      new Option(
        '--model <model>',
        'what scores people: the fitted network contagion model, or the transparent exposure score',
      )
        .choices(['hawkes', 'exposure'])
        .default('hawkes'),
    )
    .addOption(
      victimOffenderTiesOption(
        "the contagion model's risk carries excitation along victim–offender ties too, with their own α_vo, and each reason names the kind of tie: 'direct' the people one harmed or was harmed by (the bare flag), 'sides' their co-offenders too, 'off' co-offending ties only (with --model hawkes)",
      ),
    )
    .addHelpText(
      'after',
      example([
        `${BIN} rank ${INPUTS} --as-of 2024-01-01 --out ranked.csv`,
        `${BIN} rank ${INPUTS} --victim-offender-ties sides`,
        `${BIN} rank ${INPUTS} --model exposure --limit 50`,
      ]),
    )
    .action(action(rankCommand));

  addOutputOptions(
    addAsOfOption(
      addInputOptions(
        program
          .command('plan')
          .description(
            'whom to reach under a capacity to avert the most serious violence, knock-on harm included',
          ),
      ),
    ),
    ['csv', 'json'],
    'csv',
  )
    .requiredOption(
      '--capacity <n>',
      'how many people the team can reach in the horizon',
      numberArg({ integer: true, min: 1 }),
    )
    .option(
      '--effect <fraction>',
      "assumed fall in a reached person's rate of serious harm (0–1; see the outreach guide)",
      numberArg({ min: 0.01, max: 1 }),
      0.2,
    )
    .option(
      '--horizon-days <days>',
      'events in this many days are counted (whole days)',
      numberArg({ integer: true, min: 1, max: MAX_HORIZON_DAYS }),
      90,
    )
    .option(
      '--already-reached <file>',
      'people already in contact, one id per line: counted as reached, never listed',
    )
    .option(
      '--max-per-group <n>',
      'at most this many people of one known group',
      numberArg({ integer: true, min: 1 }),
    )
    .addOption(
      victimOffenderTiesOption(
        "the contagion model carries excitation along victim–offender ties too, with their own α_vo, in the risk and in the harm each person's would pass on: 'direct' the people one harmed or was harmed by (the bare flag), 'sides' their co-offenders too, 'off' co-offending ties only",
      ),
    )
    .addHelpText(
      'after',
      example([
        `${BIN} plan ${INPUTS} --as-of 2024-01-01 --capacity 30 --out plan.csv`,
        `${BIN} plan ${INPUTS} --capacity 30 --effect 0.3 --already-reached in-contact.txt`,
      ]),
    )
    .action(action(planCommand));

  addOutputOptions(
    addAsOfOption(
      addInputOptions(
        program
          .command('trace')
          .argument('<incident>', 'id of the index incident (e.g. a shooting)')
          .description(
            "the people to reach after an incident: its victims' and offenders' contacts at distance 1–2, with each one's risk over the 90 days after it (the model reads the records up to and including the incident's day, so the risk counts the incident)",
          ),
      ),
    ),
    ['csv', 'json'],
    'csv',
  )
    .option(
      '--max-distance <n>',
      'network distance to trace: 1 (direct contacts) or 2 (their contacts too)',
      numberArg({ integer: true, min: 1, max: 2 }),
      2,
    )
    .option(
      '--response-days <days>',
      'response window after the incident',
      numberArg({ min: 1 }),
      14,
    )
    .option(
      '--today <date>',
      'the day the list is used: retention is counted back from it and no respond-by date before it is given (default: the later of --as-of and the day after the last record)',
      dateArg,
    )
    .addOption(
      victimOffenderTiesOption(
        "the risk column's model carries excitation along victim–offender ties too, with their own α_vo: 'direct' the people one harmed or was harmed by (the bare flag), 'sides' their co-offenders too, 'off' co-offending ties only (the contacts traced are co-offending contacts either way)",
      ),
    )
    .addHelpText(
      'after',
      example([
        `${BIN} trace I-000123 ${INPUTS} --out contacts.csv`,
        `${BIN} trace I-000123 ${INPUTS} --today $(date +%F)`,
      ]),
    )
    .action(action(traceCommand));

  addOutputOptions(
    addInputOptions(
      program
        .command('backtest')
        .description('rolling-origin backtest: rank at past dates, score on what happened next'),
    ),
    ['csv', 'json', 'txt'],
    'txt',
  )
    .option(
      '--cuts <n>',
      'number of cut dates, --horizon-days apart, the last a whole horizon before the end of the records (4 cuts of 90 days score the last 360 days)',
      numberArg({ integer: true, min: 1, max: 48 }),
      4,
    )
    .option(
      '--horizon-days <days>',
      'whole days scored after each cut',
      numberArg({ integer: true, min: 1, max: MAX_HORIZON_DAYS }),
      90,
    )
    .addOption(
      victimOffenderTiesOption(
        "the contagion model compared, refitted at each cut, carries excitation along victim–offender ties too, with their own α_vo, and is named 'network hawkes (victim–offender ties: …)': 'direct' the people one harmed or was harmed by (the bare flag), 'sides' their co-offenders too, 'off' co-offending ties only (the baselines and the exposure score follow co-offending ties either way)",
      ),
    )
    .addHelpText(
      'after',
      example([
        `${BIN} backtest ${INPUTS} --cuts 6`,
        `${BIN} backtest ${INPUTS} --victim-offender-ties sides`,
        `${BIN} backtest ${INPUTS} --exits custody.csv`,
        `${BIN} backtest ${INPUTS} --out backtest.csv`,
      ]),
    )
    .action(action(backtestCommand, () => 2));

  addListOptions(
    addOutputOptions(
      addAsOfOption(
        addInputOptions(
          program
            .command('report')
            .description(
              "the self-contained HTML report for diversion teams (list, reasons, networks, cascades, audit, backtest); on records with no serious incident, the network's figures, the data's warnings and the cascades, saying why there is no list",
            ),
        ),
      ),
      ['html'],
      'html',
    ),
  )
    .option(
      '--cuts <n>',
      'backtest cut dates, --horizon-days apart, the last a whole horizon before --as-of (0 = no backtest); on records too short for them, the most that fit (or none), with a warning',
      numberArg({ integer: true, min: 0, max: 48 }),
      3,
    )
    .option(
      '--plan <capacity>',
      'also plan outreach for this many people (most harm prevented); the list then switches between highest risk and the plan (0 = no plan)',
      numberArg({ integer: true, min: 0 }),
      0,
    )
    .option(
      '--effect <fraction>',
      "with --plan: assumed fall in a reached person's rate of serious harm (0–1; see the outreach guide)",
      numberArg({ min: 0.01, max: 1 }),
      0.2,
    )
    .option(
      '--intervals <refits>',
      "the contagion share's 95% interval from this many parametric-bootstrap refits of the model (99 is usual; each refit costs about one fit; 0 = none)",
      numberArg({ integer: true, min: 0, max: 999 }),
      0,
    )
    .addOption(
      victimOffenderTiesOption(
        "the contagion model carries excitation along victim–offender ties too, with their own α_vo: the list's risk and reasons, the plan, the share's split by kind of tie, its interval and the backtest's model: 'direct' the people one harmed or was harmed by (the bare flag), 'sides' their co-offenders too, 'off' co-offending ties only (the network drawn shows co-offending ties either way)",
      ),
    )
    .addHelpText(
      'after',
      example([
        `${BIN} report ${INPUTS} --out report.html`,
        `${BIN} report ${INPUTS} --victim-offender-ties sides --out report.html`,
        `${BIN} report ${INPUTS} --plan 30 --intervals 99 --out report.html`,
      ]),
    )
    .action(
      action(
        reportCommand,
        (o) => (o.cuts > 0 ? 7 : 6) + (o.plan > 0 ? 1 : 0) + (o.intervals > 0 ? 1 : 0),
      ),
    );

  // The commands that fit the contagion model take people out of its risk set (custody); the
  // backtest gives each cut the rows known then.
  for (const cmd of program.commands)
    if (['fit', 'rank', 'plan', 'trace', 'report', 'backtest'].includes(cmd.name()))
      addExitsOption(cmd);

  helpRefusesUnknown(program);
  // A name that is no command ('ingest'), as `help <name>` says it (commander's own message
  // named no command for it, and listed none).
  program.on('command:*', (operands: string[]) => unknownCommand(program, operands[0]));
  for (const cmd of program.commands) {
    suggestByPrefix(cmd);
    cmd.showHelpAfterError(`(run '${BIN} ${cmd.name()} --help' for usage and an example)`);
  }

  try {
    // A name that is no command with --help ('ingest --help'): commander printed the program's
    // help and exited 0, as if it were asked; it is the same usage error as without --help. The
    // program's own options take no value, so its first word not an option is the command.
    const named = argv.find((a) => !a.startsWith('-'));
    if (
      named !== undefined &&
      named !== 'help' &&
      argv.some((a) => a === '--help' || a === '-h') &&
      !program.commands.some((c) => c.name() === named)
    )
      unknownCommand(program, named);
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    return failure(e, io);
  }
}

/**
 * `help <name>` with a name that is no command is a usage error saying so, naming the closest
 * command when one is a plausible typo, and listing the commands: commander printed the program's
 * help to stderr with exit 2 and no word on why (`help nosuch`). `help` alone and `help rank`
 * are unchanged (the help asked for, exit 0), and `help help` is `help`.
 */
function helpRefusesUnknown(program: Command): void {
  const p = program as unknown as { _dispatchHelpCommand?: (name?: string) => unknown };
  // A private method of commander 14: if a later release (the range is ^14) renames it, `help`
  // keeps commander's own behaviour instead of every command failing at start-up.
  if (typeof p._dispatchHelpCommand !== 'function') return;
  const commanders = p._dispatchHelpCommand.bind(program);
  p._dispatchHelpCommand = (name?: string) => {
    const names = program.commands.map((c) => c.name());
    // `help help`: the program's help, as `help` gives it.
    if (name === 'help') return commanders(undefined);
    if (name && !names.includes(name)) unknownCommand(program, name);
    return commanders(name);
  };
}

/**
 * Words an analyst types for a command under another name (`ingest`, `analyse`), each with the
 * command, or commands, that does it: commander suggests only names a few letters away, and said
 * nothing for `ingest`.
 */
const COMMAND_WORDS: ReadonlyMap<string, string> = new Map(
  [
    [
      ['ingest', 'import', 'load', 'check', 'read', 'clean', 'parse', 'verify'],
      'validate (it reads and checks the records and lists every row left out)',
    ],
    [
      ['analyse', 'analyze', 'analysis', 'run', 'all'],
      'report (the whole analysis, as one HTML file), or metrics, cascades, fit, rank for one part of it',
    ],
    [['network', 'edges', 'export'], 'graph'],
    [['measures', 'centrality', 'stats'], 'metrics'],
    [['list', 'ranking', 'score', 'scores', 'outreach'], 'rank'],
    [['contacts', 'tracing', 'contact-trace'], 'trace'],
    [['evaluate', 'evaluation', 'test'], 'backtest'],
    [['model', 'hawkes', 'contagion'], 'fit'],
  ].flatMap(([words, say]) => (words as string[]).map((w) => [w, say as string] as const)),
);

/**
 * The usage error of a command name that is no command: the command meant, by a word
 * ({@link COMMAND_WORDS}) or a typo, and the commands. For `<name>` and for `help <name>`.
 */
function unknownCommand(program: Command, name: string): never {
  const names = program.commands.map((c) => c.name());
  const word = COMMAND_WORDS.get(name.toLowerCase());
  const near = word === undefined ? closestName(name, names) : undefined;
  return program.error(
    `error: unknown command '${name}'\n${word ? `(To ${name}, use ${word}.)\n` : near ? `(Did you mean ${near}?)\n` : ''}(commands: ${names.join(', ')})`,
    { code: 'commander.unknownCommand' },
  );
}

/** `--victim-offender-ties [ties]`: off (default), direct (the bare flag) or sides. */
function victimOffenderTiesOption(help: string): Option {
  return new Option('--victim-offender-ties [ties]', help)
    .preset('direct')
    .argParser(victimOffenderTiesArg)
    .default('off');
}

/**
 * An unknown option that begins exactly one of the command's flags (`--horizon` for
 * `--horizon-days`) names that flag: commander suggests only flags a few edits away, and said
 * nothing for a shortened one.
 */
function suggestByPrefix(cmd: Command): void {
  const c = cmd as unknown as { unknownOption(flag: string): void };
  const commanders = c.unknownOption.bind(cmd);
  c.unknownOption = (flag: string) => {
    const longs = cmd.options.map((o) => o.long).filter((l): l is string => !!l);
    const begun = longs.filter((l) => flag.length > 3 && l.startsWith(flag));
    if (begun.length !== 1) return commanders(flag);
    cmd.error(`error: unknown option '${flag}'\n(Did you mean ${begun[0]}?)`, {
      code: 'commander.unknownOption',
    });
  };
}

/** Every failure ends as one line on stderr and an exit code; a stack trace only with VC_DEBUG. */
function failure(e: unknown, io: CliIo): ExitCode {
  if (e instanceof CommanderError) {
    // Help and version are successes; commander has already printed its message.
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return EXIT.ok;
    // `help` and `help <command>` print the help asked for (exit code 0 from commander); with
    // no command at all it is printed as an error, to stderr.
    if (e.code === 'commander.help' && e.exitCode === 0) return EXIT.ok;
    return EXIT.usage;
  }
  if (e instanceof CliError) {
    io.stderr.write(`error: ${e.message}\n`);
    return e.exitCode;
  }
  const err = e as Error;
  io.stderr.write(`error: ${(err?.message ?? String(e)).replace(/\s*\n\s*/g, '; ')}\n`);
  if (process.env.VC_DEBUG && err?.stack) io.stderr.write(`${err.stack}\n`);
  return EXIT.data;
}
