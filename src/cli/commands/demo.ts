import { relative, resolve } from 'node:path';
import type { ColumnTable } from 'arquero';
import { fitNetworkHawkes } from '../../contagion/index.js';
import { toCsv } from '../../core/csv.js';
import { DataRefusedError, OptionError } from '../../core/errors.js';
import { delayDays } from '../../core/format.js';
import { count } from '../../core/plural.js';
import { rankText, sharedRanks } from '../../core/ties.js';
import type { Dataset } from '../../core/types.js';
import { victimisationGraph } from '../../graph/index.js';
import { INCIDENT_FIELDS, INVOLVEMENT_FIELDS, ingest } from '../../ingest/index.js';
import { networkSummary } from '../../metrics/index.js';
import { reportScripts } from '../../node/report-scripts.js';
import {
  analyse,
  defaultRankers,
  exportList,
  oracleRanker,
  traceContacts,
} from '../../outreach/index.js';
import { renderReport, reportInput } from '../../report/index.js';
import { synthCity, trueExpectedEvents } from '../../synth/index.js';
import type { CommandContext } from '../context.js';
import { dataError, EXIT, type ExitCode } from '../errors.js';
import { writeFile } from '../files.js';
import { analysisProgress } from '../progress.js';
import { asOfFor, rowsOf, toJson } from '../shared.js';
import { textTable } from '../text-table.js';
import { runBacktest } from './backtest.js';
import { cascadeNotes } from './cascades.js';
import { modelSummary } from './fit.js';
import { serialiseGraph } from './graph.js';
import { coOffendingMeasured, metricsNotes, personMetrics } from './metrics.js';

/** The canonical records as CSV text, as a police export would arrive. */
export function datasetToCsv(data: Dataset): {
  incidents: string;
  involvements: string;
  people: string;
} {
  const auditColumns = [...data.auditColumns];
  return {
    incidents: toCsv(data.incidents, { columns: INCIDENT_FIELDS }),
    involvements: toCsv(data.involvements, { columns: INVOLVEMENT_FIELDS }),
    people: toCsv(
      data.people.map((p) => ({
        person_id: p.person_id,
        birth_year: p.birth_year,
        group: p.group,
        ...p.audit,
      })),
      { columns: ['person_id', 'birth_year', 'group', ...auditColumns] },
    ),
  };
}

/**
 * `demo`: a seeded synthetic city through the whole pipeline — validate (the real ingest, on CSV
 * text) → networks → metrics → cascades → fit → rank → trace → backtest → HTML report — with
 * every output written to `--out` and a summary printed at the end.
 */
export function demoCommand(ctx: CommandContext): ExitCode {
  try {
    return runDemo(ctx);
  } catch (e) {
    // A small or short city can have too few serious events for a fit or a backtest cut: say so
    // in the demo's own terms (its flags), not only in the library's options it never set.
    if (!(e instanceof DataRefusedError || e instanceof OptionError)) throw e;
    const { people, years, seed } = ctx.opts;
    throw dataError(
      `demo: the synthetic city of ${people} people over ${count(years, 'year')} (seed ${seed}) cannot go through the whole pipeline (${e.message.replace(/\.$/, '')}); run it with more --people or --years, or another --seed.`,
    );
  }
}

function runDemo(ctx: CommandContext): ExitCode {
  const { io, opts, reporter } = ctx;
  const out = opts.out as string;
  const written: string[] = [];
  const save = (name: string, content: string) => {
    written.push(relative(io.cwd, writeFile(io, `${out}/${name}`, content)));
  };
  const table = (t: ColumnTable) => toCsv(rowsOf(t), { columns: t.columnNames() });
  const t0 = performance.now();

  reporter.step(
    `generating a synthetic city (${opts.people} people, ${opts.years} years, seed ${opts.seed})`,
  );
  const city = synthCity({ people: opts.people, years: opts.years, seed: opts.seed, feud: {} });

  reporter.step('writing its records as CSV and validating them with the real ingest');
  const csv = datasetToCsv(city.data);
  save('data/incidents.csv', csv.incidents);
  save('data/involvements.csv', csv.involvements);
  save('data/people.csv', csv.people);
  const { data, rejected, summary: ingestSummary } = ingest(csv);
  save('validation.json', toJson({ summary: ingestSummary, rejected }));
  if (rejected.length > 0)
    reporter.note(
      `note: ${rejected.length === 1 ? '1 generated row was' : `${rejected.length} generated rows were`} left out (see validation.json).`,
    );
  const asOf = asOfFor(data, undefined);

  const analysis = analyse(data, {
    asOf,
    horizonDays: 90,
    limit: 100,
    cuts: 0,
    ...analysisProgress(reporter),
  });
  const { graph, model } = analysis;
  reporter.step(`measuring the network (${graph.order} people) and exporting it`);
  save('network.gexf', serialiseGraph(graph, 'gexf'));
  save('network.graphml', serialiseGraph(graph, 'graphml'));
  save('ties.csv', serialiseGraph(graph, 'csv'));
  save('victimisation.graphml', serialiseGraph(victimisationGraph(data, { asOf }), 'graphml'));
  const noted = (t: ColumnTable, notes: string[]) =>
    toCsv(rowsOf(t), { columns: t.columnNames(), notes });
  // The notes the `metrics` command writes: the network's date and what each column counts.
  let method = '';
  const metrics = personMetrics(graph, {
    pivots: 256,
    seed: opts.seed,
    note: (m) => {
      method = m;
    },
  });
  const measured = coOffendingMeasured(graph, asOf);
  save('metrics.csv', noted(metrics, metricsNotes(measured, { method, seed: opts.seed })));
  save('network-summary.csv', noted(networkSummary(graph), metricsNotes(measured)));
  const linked = { links: analysis.links.numRows(), cascades: analysis.cascades.numRows() };
  save('retaliation-links.csv', noted(analysis.links, cascadeNotes('links', linked, asOf)));
  save('cascades.csv', noted(analysis.cascades, cascadeNotes('cascades', linked, asOf)));
  save('model.json', toJson(modelSummary(model)));
  save('model-events.csv', table(model.events));
  save('ranked.csv', exportList(analysis.list, { format: 'csv' }));
  save('ranked.json', exportList(analysis.list, { format: 'json' }));
  save('audit.csv', exportList(analysis.audit, { format: 'csv' }));

  // Trace from the most recent serious-violence incident, as a team would the morning after.
  const index = data.incidents.filter((i) => i.severity >= 3).sort((a, b) => b.day - a.day)[0];
  let traced: ColumnTable | undefined;
  if (index) {
    reporter.step(`tracing contacts from ${index.incident_id} (${index.offence}, ${index.date})`);
    // The model used for a trace must rest on records before the trace date: refit as of it.
    const asOfTrace = index.date.slice(0, 10);
    const traceModel = fitNetworkHawkes(data, { asOf: asOfTrace, standardErrors: false });
    traced = traceContacts(data, index.incident_id, { model: traceModel, asOf: asOfTrace });
    save('trace.csv', exportList(traced, { format: 'csv' }));
  }

  // The oracle knows the city's true parameters and events: the ceiling any ranking can reach.
  reporter.step('backtesting at 4 past dates (with an oracle that knows the truth)');
  const rankers = [...defaultRankers(), oracleRanker(trueExpectedEvents(city))];
  const backtest = runBacktest(
    data,
    { cuts: 4, horizonDays: 90, rankers, keepScores: true },
    reporter,
  );
  save('backtest.csv', exportList(backtest.table, { format: 'csv' }));
  save('backtest.txt', backtest.summary);

  reporter.step('writing the HTML report');
  const input = reportInput({ ...analysis, backtest }, { rejected: rejected.length });
  save('report.html', renderReport(input, { scripts: reportScripts() }));

  const seconds = (performance.now() - t0) / 1000;
  const truth = city.truth;
  const figures: { measure: string; value: string | number }[] = [
    { measure: 'people', value: graph.order },
    { measure: 'incidents', value: data.incidents.length },
    { measure: 'co-offending ties', value: graph.size },
    {
      measure: 'violent incidents (severity >= 1)',
      value: data.incidents.filter((i) => i.severity >= 1).length,
    },
    { measure: 'rows left out at validation', value: rejected.length },
    { measure: 'retaliation links', value: analysis.links.numRows() },
    { measure: 'cascades', value: analysis.cascades.numRows() },
    { measure: 'serious-violence events modelled', value: model.diagnostics.events },
    {
      // A fit that identifies no kernel gives no share or delay to report (model.identified).
      measure: 'share attributed to contagion (true)',
      value: `${pct(model.contagionShare)}${model.identified ? '' : ', not identified'} (${pct(truth.triggeredShare)})`,
    },
    {
      measure: 'alpha, fitted (true)',
      value: `${model.parameters.alpha.toPrecision(3)} (${truth.contagion?.alpha ?? 'n/a'})`,
    },
    {
      measure: 'mean delay, fitted (true)',
      value: delayFigure(
        model.identified ? model.delays.mean : undefined,
        truth.contagion ? 1 / truth.contagion.beta : undefined,
      ),
    },
    { measure: 'people listed', value: analysis.list.numRows() },
    { measure: 'people to reach after the latest shooting', value: traced?.numRows() ?? 0 },
    { measure: 'seconds', value: Number(seconds.toFixed(1)) },
  ];
  save('summary.csv', toCsv(figures));
  save(
    'summary.json',
    toJson({
      asOf,
      options: { people: opts.people, years: opts.years, seed: opts.seed },
      figures,
      files: written,
    }),
  );
  reporter.done();

  const top = topOfList(analysis.list, 5);
  io.stdout.write(
    [
      `violence-contagion demo: synthetic city, seed ${opts.seed}, as of ${asOf}`,
      '',
      textTable(figures, ['measure', 'value'], { maxWidth: 60 }),
      '',
      'Top of the list (for voluntary outreach and support; not for enforcement):',
      textTable(top, ['rank', 'person', 'score', 'why'], { maxWidth: 90 }),
      ...(top.some((r) => r.rank.endsWith('='))
        ? ['(A rank marked "=" is shared by people whose scores are tied: "1=" reads joint first.)']
        : []),
      '',
      `Wrote ${written.length} files to ${resolve(io.cwd, out)}; open ${out}/report.html in a browser.`,
      `\nBacktest:\n${backtest.summary.trim()}`,
      '',
    ].join('\n'),
  );
  return EXIT.ok;
}

/**
 * The first `n` rows of a ranked list as the demo prints them, a shared rank marked "1=" as in
 * the report (a rank is shared when any row of the whole list holds it, not only the first `n`).
 */
export function topOfList(
  list: ColumnTable,
  n: number,
): { rank: string; person: string; score: string; why: string }[] {
  const shared = sharedRanks(list.array('rank') as Iterable<number>);
  return (list.objects({ limit: n }) as Record<string, unknown>[]).map((r) => ({
    rank: rankText(Number(r.rank), shared),
    person: String(r.person_id),
    score: Number(r.score).toPrecision(3),
    why: String(r.explanation),
  }));
}

/**
 * The demo's delay figure, fitted (true), each in whole days or 'under 1 day' (delayDays): a
 * 0.4-day delay read '0', which says no delay at all. `fitted` is undefined for a fit that
 * identifies no kernel, `truth` for a city without contagion.
 */
export function delayFigure(fitted: number | undefined, truth: number | undefined): string {
  return `${fitted === undefined ? 'n/a, not identified' : delayDays(fitted)} (${truth === undefined ? 'n/a' : delayDays(truth)})`;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}
