import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { world2 } from '../../bench/worlds-unseen2-harness.js';
import { cli, datasetCsvArgs, tempDir } from './helpers.js';

/**
 * fitNetworkHawkes' victimOffenderTies (5be9b14) had no flag: on a city whose contagion runs
 * along victim–offender ties (synthCity with that channel, true share 28.2%), 'fit' could only
 * read 8.2%. 'fit --victim-offender-ties sides' reads 28.8% and splits it by kind of tie; rank,
 * plan and trace take the flag (their forecasts carry the term); so do report and backtest
 * (report-backtest-victim-offender.test.ts).
 */
describe('fit --victim-offender-ties', () => {
  const w = world2({ seed: 1, people: 1500, alpha: 0.05, channel: 'victim-offender' });
  const args = datasetCsvArgs(join(tempDir(), 'd'), w.data);

  it('sides: prints the share along each kind of tie, a kind under two standard errors said so', async () => {
    const r = await cli(['fit', ...args, '--victim-offender-ties', 'sides']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('28.8% attributed to contagion');
    expect(r.stderr).toContain(
      'Share of contagion by kind of tie: 2.7% along co-offending ties (not identified: α under two standard errors), 26.1% along victim–offender ties.',
    );
    // α is the co-offending ties' alone beside α_vo: labelled so (it read 'α = …, α_vo = …').
    expect(r.stderr).toMatch(/; α \(co-offending\) = \d\.\d+(e-\d+)?, α_vo = 0\.01\d+, /);
    expect(r.stderr).not.toMatch(/NaN|undefined|Infinity/);
    const summary = JSON.parse(r.stdout);
    expect(summary.shares.victimOffender).toBeCloseTo(0.261, 3);
    expect(summary.shares.coOffending).toBeCloseTo(0.027, 3);
    expect(summary.parameters.alphaVictimOffender).toBeGreaterThan(0);
    // The JSON says which victimOffenderTies (and the other options the figures depend on)
    // produced the shares: before, a 'sides' summary and a 'direct' one could not be told apart.
    expect(summary.options).toEqual({
      minSeverity: 3,
      roles: ['victim'],
      victimOffenderTies: 'sides',
      selfExcitation: false,
      ties: 'time-gated',
      tieWeight: 'unweighted',
      maxLagDays: 730,
      kernel: 'auto',
      kernelUsed: 'exponential',
      exits: 0,
    });
  });

  it('off by default (no split, 8.2%); the bare flag is direct; a misspelt value names the closest', async () => {
    const off = await cli(['fit', ...args]);
    expect(off.code).toBe(0);
    expect(off.stderr).toContain('8.2% attributed to contagion');
    // The fit's victim–offender check: the share called a lower bound in the note, and the
    // warning with the share a 'sides' fit finds (28.8%, as above).
    expect(off.stderr).toContain(
      'The share is likely too low: harm also follows victim–offender ties (see the warnings; --victim-offender-ties sides).',
    );
    expect(off.stderr).toMatch(
      /warning: Harm also follows victim–offender ties, which this fit does not model: .* finds a share of 28\.\d% /,
    );
    expect(off.stderr).not.toContain('by kind of tie');
    // Without the option the note is as it was: 'α = …', no label.
    expect(off.stderr).toMatch(/; α = \d\.\d+(e-\d+)?, mean delay /);
    expect(off.stderr).not.toContain('co-offending)');
    expect(JSON.parse(off.stdout).shares.victimOffender).toBeUndefined();
    expect(JSON.parse(off.stdout).options).toMatchObject({
      victimOffenderTies: false,
      minSeverity: 3,
      kernelUsed: 'exponential',
    });
    const direct = await cli(['fit', ...args, '--victim-offender-ties', '--format', 'csv']);
    expect(direct.code).toBe(0);
    expect(direct.stderr).toMatch(
      /Share of contagion by kind of tie: .*% along victim–offender ties/,
    );
    expect(direct.stdout).toMatch(/^alphaVictimOffender,/m);
    const typo = await cli(['fit', ...args, '--victim-offender-ties', 'side']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain(
      "'side' is not a kind of victim–offender tie (did you mean sides?)",
    );
    const help = await cli(['fit', '--help']);
    expect(help.stdout).toContain('--victim-offender-ties [ties]');
    expect(help.stdout).toContain('(default: "off", preset: "direct")');
  });

  it('rank, plan and trace take it: the list names the victim–offender ties that carried the risk', async () => {
    const off = await cli(['rank', ...args, '--limit', '30', '--format', 'json']);
    expect(off.code).toBe(0);
    expect(off.stdout).not.toContain('victim–offender tie to');
    const r = await cli([
      'rank',
      ...args,
      '--limit',
      '30',
      '--format',
      'json',
      '--victim-offender-ties',
      'sides',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout).rows ?? JSON.parse(r.stdout);
    const reasons = JSON.stringify(rows);
    expect(reasons).toMatch(/victim–offender tie to [^ ]+ \(shot \d+ days? ago\)/);
    expect(reasons).toContain('on the other side of a violent incident with them');
    expect(r.stdout).not.toMatch(/NaN|Infinity/);
    const plan = await cli(['plan', ...args, '--capacity', '5', '--victim-offender-ties', 'sides']);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stderr).not.toContain('found no contagion');
    const serious = w.data.incidents.filter((i) => i.severity >= 3).at(-5)!;
    const trace = await cli(['trace', serious.incident_id, ...args, '--victim-offender-ties']);
    expect(trace.code, trace.stderr).toBe(0);
    // The exposure score has no victim–offender term: the flag with it is a usage error.
    const exposure = await cli(['rank', ...args, '--model', 'exposure', '--victim-offender-ties']);
    expect(exposure.code).toBe(2);
    expect(exposure.stderr).toContain('--victim-offender-ties is a flag of the contagion model');
  });
});
