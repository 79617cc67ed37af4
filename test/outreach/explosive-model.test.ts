import { describe, expect, it } from 'vitest';
import { fitNetworkHawkes, updateNetworkHawkes } from '../../src/contagion/hawkes/index.js';
import { DataRefusedError } from '../../src/core/errors.js';
import { ingest } from '../../src/ingest/ingest.js';
import {
  analyse,
  backtest,
  exposureRanker,
  hawkesRanker,
  planOutreach,
  planRanker,
  rankForOutreach,
  traceContacts,
} from '../../src/outreach/index.js';
import { cli, tempDir, writeFiles } from '../cli/helpers.js';

// Five incidents, three of them serious (found by userhunt: the CLI's rank printed a list).
const INCIDENTS = `incident_id,date,offence,severity
I1,2023-03-05,Assault,2
I2,2023-04-12,Shooting,3
I3,2023-05-01,Robbery,1
I4,2023-05-20,Stabbing,3
I5,2023-06-02,Shooting,3
`;
const INVOLVEMENTS = `incident_id,person_id,role
I1,A,offender
I1,B,offender
I1,C,victim
I2,B,offender
I2,D,victim
I3,A,offender
I3,E,offender
I4,E,offender
I4,A,victim
I5,C,offender
I5,B,victim
`;

describe('a model that is explosive and identifies nothing is no basis for outreach', () => {
  const { data } = ingest({ incidents: INCIDENTS, involvements: INVOLVEMENTS });
  const asOf = '2023-06-03';
  const model = fitNetworkHawkes(data, { asOf });
  const refusal = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e;
    }
    return undefined;
  };

  it('rankForOutreach, planOutreach and traceContacts refuse it, saying why', () => {
    // The fit: branching ratio 13.0 (16.1 with its run-off record covariates kept, 14.5 before the
    // co-offender count), not identified; the list gave A 42 expected serious
    // victimisations in 90 days.
    expect(model.identified).toBe(false);
    expect(model.branchingRatio).toBeGreaterThan(1);
    const rank = refusal(() => rankForOutreach(data, { asOf, model }));
    expect(rank).toBeInstanceOf(DataRefusedError);
    expect((rank as DataRefusedError).code).toBe('not-identified');
    expect((rank as Error).message).toMatch(
      /^rankForOutreach: the model 'network-hawkes' is not identified on these records and is explosive \(branching ratio 12\.\d\d: .*Rank with the exposure score \(leave out the model\)/,
    );
    expect(refusal(() => planOutreach(data, { asOf, model, capacity: 2 }))).toBeInstanceOf(
      DataRefusedError,
    );
    expect(refusal(() => traceContacts(data, 'I5', { asOf, model }))).toBeInstanceOf(
      DataRefusedError,
    );
    // Without the model: the exposure score's list and the network trace.
    expect(rankForOutreach(data, { asOf }).numRows()).toBeGreaterThan(0);
    expect(traceContacts(data, 'I5', { asOf }).numRows()).toBeGreaterThan(0);
  });

  it('an update of such a fit is refused as the fit is', () => {
    // updateNetworkHawkes forecasts with the fit's parameters but carries neither identified nor
    // branchingRatio: a list and a trace were made from it (A's risk 41.8 in 90 days).
    const NEW_INCIDENT = 'incident_id,date,offence,severity\nI6,2023-06-05,Shooting,3\n';
    const NEW_INVOLVEMENTS = 'incident_id,person_id,role\nI6,E,offender\nI6,C,victim\n';
    const tonight = ingest({ incidents: NEW_INCIDENT, involvements: NEW_INVOLVEMENTS }).data;
    const live = updateNetworkHawkes(model, tonight);
    const all = ingest({
      incidents: INCIDENTS + NEW_INCIDENT.split('\n')[1],
      involvements: INVOLVEMENTS + NEW_INVOLVEMENTS.split('\n').slice(1).join('\n'),
    }).data;
    const after = '2023-06-06';
    expect(() => rankForOutreach(all, { asOf: after, model: live })).toThrow(
      /^rankForOutreach: the model 'network-hawkes-live', updated from a fit that is not identified on these records and is explosive \(branching ratio 12\.\d\d: /,
    );
    expect(() => traceContacts(all, 'I6', { asOf: after, model: live })).toThrow(
      /^traceContacts: the model 'network-hawkes-live', updated from a fit that is not identified/,
    );
    // Without the model, the trace is made.
    expect(traceContacts(all, 'I6', { asOf: after }).numRows()).toBeGreaterThan(0);
  });

  it('a backtest cut whose fit is such is refused alike by the Hawkes and plan rankers', () => {
    // At the cut 2023-06-03 the fit is the one above. planRanker refused the backtest there
    // (planOutreach's refusal), while hawkesRanker ranked from it without a word: recall 1 at 50.
    const later = ingest({
      incidents: `${INCIDENTS}I6,2023-06-20,Shooting,3\n`,
      involvements: `${INVOLVEMENTS}I6,C,victim\n`,
    }).data;
    const at = (ranker: ReturnType<typeof hawkesRanker>) => () =>
      backtest(later, {
        cuts: ['2023-06-03'],
        horizonDays: 30,
        rankers: [exposureRanker(), ranker],
      });
    for (const [ranker, name, inner] of [
      [hawkesRanker(), 'network hawkes', "modelRanker 'network hawkes'"],
      [planRanker(), 'outreach plan', 'planOutreach'],
    ] as const) {
      const e = refusal(at(ranker));
      expect(e).toBeInstanceOf(DataRefusedError);
      expect((e as DataRefusedError).code).toBe('not-identified');
      expect((e as Error).message).toBe(
        `backtest refused: at the cut 2023-06-03, the ranker '${name}' could not rank from the records before it (${inner}: the model 'network-hawkes' is not identified on these records and is explosive (branching ratio 12.96: each event would trigger that many more on average, so its forecasts grow without bound); its risks are no basis for outreach. Fit the model on more records (see its warnings)); leave out the cut dates up to 2023-06-03 or give later ones, or no backtest.`,
      );
    }
    // The exposure score alone is backtested there.
    expect(
      backtest(later, {
        cuts: ['2023-06-03'],
        horizonDays: 30,
        rankers: [exposureRanker()],
      }).table.numRows(),
    ).toBeGreaterThan(0);
  });

  it('analyse refuses in its own words', () => {
    // It threw rankForOutreach's refusal, whose advice (leave out the model) analyse cannot take.
    expect(() => analyse(data, { asOf, cuts: 0 })).toThrow(
      /^analyse refused: the contagion model fitted on these records is not identified and is explosive \(branching ratio 12\.\d\d: .*rank with the exposure score: rankForOutreach without a model\)$/,
    );
  });

  it('the command line refuses rank (advice in its flags) and traces without a risk column', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'inc.csv': INCIDENTS, 'inv.csv': INVOLVEMENTS });
    const files = ['--incidents', 'inc.csv', '--involvements', 'inv.csv'];
    const rank = await cli(['rank', ...files], { cwd: dir });
    expect(rank.code).toBe(1);
    expect(rank.stdout).toBe('');
    expect(rank.stderr).toContain('Rank with the exposure score (--model exposure)');
    // In the command's words: it read "error: rankForOutreach: ..." and "planOutreach: ...", and
    // "(see its warnings)" of warnings these commands never print.
    expect(rank.stderr).toMatch(
      /^error: rank refused: the model 'network-hawkes' is not identified on these records and is explosive \(branching ratio 12\.\d\d: .*, or fit the model on more records \(the 'fit' command prints its warnings\)$/m,
    );
    const plan = await cli(['plan', ...files, '--capacity', '2'], { cwd: dir });
    expect(plan.code).toBe(1);
    expect(plan.stderr).toMatch(
      /^error: plan refused: the model 'network-hawkes' is not identified on these records and is explosive \(branching ratio 12\.\d\d: .*\. Fit the model on more records \(the 'fit' command prints its warnings\)$/m,
    );
    const exposure = await cli(['rank', ...files, '--model', 'exposure'], { cwd: dir });
    expect(exposure.code).toBe(0);
    const trace = await cli(['trace', 'I5', ...files, '--as-of', asOf], { cwd: dir });
    expect(trace.code).toBe(0);
    expect(trace.stderr).toMatch(
      /^note: no model risk column \(the model 'network-hawkes' is not identified on these records and is explosive .*\. Fit the model on more records \(the 'fit' command prints its warnings\)\)$/m,
    );
    // The report refuses as analyse does, its advice a command: it read "(or rank with the
    // exposure score: rankForOutreach without a model)".
    const report = await cli(['report', ...files, '--out', 'report.html'], { cwd: dir });
    expect(report.code).toBe(1);
    expect(report.stderr).toMatch(
      /^error: report refused: the contagion model fitted on these records is not identified and is explosive \(branching ratio 12\.\d\d: .*; the report reads the records of the 6 years before --as-of, so it needs more of them \(or rank with the exposure score: the 'rank' command with --model exposure\)$/m,
    );
  });
});
