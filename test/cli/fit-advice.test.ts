// The fit command's refusals name the flags a command-line user types, not the library's options.
import { describe, expect, it } from 'vitest';
import { makeDataset } from '../helpers.js';
import { cli, datasetCsvArgs, syntheticCsv, tempDir } from './helpers.js';

describe('fit: advice in flags', () => {
  it('no events of the chosen severity: the advice says --as-of and --min-severity, and that the start has no flag', async () => {
    // It ended 'has no flag: set it with fitNetworkHawkes', a function a command-line user cannot
    // call: it now says what they can do (a later --as-of, records reaching further back) and
    // that the options setting the start are the library's only.
    const args = syntheticCsv(tempDir(), { people: 300, seed: 3 });
    const r = await cli(['fit', ...args, '--as-of', '2019-01-10', '--min-severity', '4']);
    expect(r.code).toBe(1);
    // Before: '…; widen the window (since, outcomeSince, asOf, retentionYears) or lower
    // minSeverity', options the fit command has no flags for.
    // The warning is of the records before --as-of the fit uses (its year holds 3 serious
    // events), not of the four years read.
    expect(r.stderr).toBe(
      'warning: Only 3 serious events (2.9 a year): model estimates will be very uncertain.\n' +
        "error: fit refused: no events (incidents of severity ≥ 4 with a person in the chosen roles) from 2018-01-01 to 2019-01-10; widen the window (a later --as-of, or records reaching further back: it starts at the first record, at most 6 years, the retention horizon, before --as-of; its start cannot be set on the command line: since, outcomeSince and retentionYears are options of the library's fitNetworkHawkes only) or lower --min-severity\n",
    );
  });
});

describe('fit: a fit that identifies nothing says so beside its share', () => {
  it('two events in a gang of six (the delay at the end of its range): "not identified" on stderr', async () => {
    const gang = ['A', 'B', 'C', 'D', 'E', 'F'];
    const data = makeDataset([
      ['T', '2020-01-01', 0, gang, []],
      ['S1', '2020-03-01', 3, [], ['A']],
      ['S2', '2020-04-01', 3, [], ['B']],
    ]);
    const r = await cli(['fit', ...datasetCsvArgs(tempDir(), data), '--as-of', '2020-06-01']);
    expect(r.code).toBe(0);
    // Before: '2 events; 25.9% attributed to contagion; α = 1.48, mean delay … days.' and no
    // word that the fit identified nothing.
    expect(r.stderr).toMatch(
      /attributed to contagion; [^\n]* Not identified: the share and the delay are not findings \(see the warnings\)\./,
    );
  });
});

describe('fit: no contagion found, no delay printed', () => {
  it('events with no tie between them (α = 0): "no delay estimated", not "mean delay 0 days"', async () => {
    // Each serious event names one victim who shares no incident with anyone: no tie carries an event.
    const data = makeDataset([
      ['S1', '2020-01-10', 3, [], ['A']],
      ['S2', '2020-02-11', 3, [], ['B']],
      ['S3', '2020-03-12', 3, [], ['C']],
      ['S4', '2020-04-13', 3, [], ['A']],
      ['S5', '2020-05-14', 3, [], ['D']],
      ['S6', '2020-06-15', 3, [], ['B']],
    ]);
    const r = await cli(['fit', ...datasetCsvArgs(tempDir(), data), '--as-of', '2020-07-01']);
    expect(r.code).toBe(0);
    // Before: '6 events; 0.0% attributed to contagion; α = 0.00, mean delay 0 days.': a delay
    // of 0 days read as same-day contagion, where nothing was attributed to contagion at all.
    expect(r.stderr).toContain(
      '6 events; 0.0% attributed to contagion; α = 0.00, no delay estimated (no contagion found).',
    );
    expect(r.stderr).not.toContain('mean delay');
  });
});
