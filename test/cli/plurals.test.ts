import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, inputArgs, syntheticCsv, tempDir, writeFiles } from './helpers.js';

/** The CLI's counts read '1 rows read', '1 rows left out:', '1 people listed', '1 cascades'. */
describe('the CLI counts one thing in the singular', () => {
  it('validate: 1 row read, 1 row left out', async () => {
    const p = writeFiles(tempDir(), {
      'incidents.csv': 'incident_id,date,offence\nI1,2023-01-05,Shooting\nI2,2023-02-30,Assault\n',
      'involvements.csv': 'incident_id,person_id,role\nI1,A,victim\n',
    });
    const r = await cli(['validate', ...inputArgs(p)]);
    // Before: 'involvements: 1 rows read, …' and '1 rows left out:'.
    expect(r.stdout).toContain('incidents: 2 rows read, 1 accepted, 1 left out');
    expect(r.stdout).toContain('involvements: 1 row read, 1 accepted, 0 left out');
    expect(r.stdout).toContain('\n1 row left out:\n');
    expect(r.stdout).not.toMatch(/\b1 rows\b/);
  });

  it('rank and plan: 1 person listed, 1 person planned (in 1 day)', async () => {
    const args = syntheticCsv(join(tempDir(), 'd'), { people: 300, seed: 2 });
    const rank = await cli(['rank', ...args, '--limit', '1']);
    expect(rank.code, rank.stderr).toBe(0);
    expect(rank.stderr).toMatch(/^1 person listed as of /m);
    const plan = await cli(['plan', ...args, '--capacity', '1', '--horizon-days', '1']);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stderr).toMatch(/^1 person planned as of .*\(the highest-risk person: /m);
    // Before: '… expected serious-violence events in 1 days averted …'.
    expect(plan.stderr).toMatch(/^1 person planned as of .* events in 1 day averted /m);
    expect(plan.stderr).not.toMatch(/\b1 days\b/);
    expect(rank.stderr + plan.stderr).not.toMatch(/\b1 people\b/);
  });

  it("trace: a response window of 1 day, not '1 days'", async () => {
    const p = writeFiles(tempDir(), {
      'incidents.csv':
        'incident_id,date,offence\nI1,2023-01-05,Shooting\nI2,2023-03-20,Assault\nI3,2023-06-05,Shooting\nI4,2023-09-05,Shooting\n',
      'involvements.csv':
        'incident_id,person_id,role\nI1,A,offender\nI1,B,victim\nI2,B,offender\nI2,C,offender\nI3,C,offender\nI3,A,victim\nI4,D,offender\nI4,C,victim\n',
    });
    const trace = await cli(['trace', 'I4', ...inputArgs(p), '--response-days', '1']);
    expect(trace.code, trace.stderr).toBe(0);
    // Before: '… to reach by 2023-09-06 (1 days after 2023-09-05).'
    expect(trace.stderr).toContain('(1 day after 2023-09-05).');
    expect(trace.stderr).not.toMatch(/\b1 days\b/);
  });
});

describe('cascades counts one link in the singular', () => {
  it('1 retaliation link', async () => {
    const p = writeFiles(tempDir(), {
      'incidents.csv':
        'incident_id,date,offence\nI1,2023-01-05,Shooting\nI2,2023-01-20,Shooting\nI3,2023-06-05,Burglary\n',
      'involvements.csv':
        'incident_id,person_id,role\nI1,A,offender\nI1,B,victim\nI2,B,offender\nI2,A,victim\nI3,C,offender\n',
    });
    const r = await cli(['cascades', ...inputArgs(p), '--links']);
    expect(r.code, r.stderr).toBe(0);
    // Before: '1 retaliation links as of …'.
    expect(r.stderr).toMatch(/^1 retaliation link as of /m);
  });
});

describe('notes and steps count one thing in the singular', () => {
  it('1 input row was left out', async () => {
    const p = writeFiles(tempDir(), {
      'incidents.csv':
        'incident_id,date,offence\nI1,2023-01-05,Shooting\nI2,2023-01-20,Shooting\nI3,2023-02-30,Burglary\n',
      'involvements.csv':
        'incident_id,person_id,role\nI1,A,offender\nI1,B,victim\nI2,B,offender\nI2,A,victim\n',
    });
    const r = await cli(['cascades', ...inputArgs(p)]);
    expect(r.code, r.stderr).toBe(0);
    // Before: 'note: 1 input rows were left out; …'.
    expect(r.stderr).toMatch(/^note: 1 input row was left out; run 'violence-contagion validate'/m);
  });

  it('backtesting at 1 cut date', async () => {
    const args = syntheticCsv(join(tempDir(), 'd'), { people: 300, seed: 2 });
    const r = await cli(['backtest', ...args, '--cuts', '1'], { tty: true });
    expect(r.code, r.stderr).toBe(0);
    // Before: '[1/…] backtesting at 1 cut dates, 90-day horizon'.
    expect(r.stderr).toMatch(/\] backtesting at 1 cut date, 90-day horizon$/m);
  });
});
