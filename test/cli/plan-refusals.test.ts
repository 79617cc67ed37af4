import { describe, expect, it } from 'vitest';
import { cli, inputArgs, tempDir, writeFiles } from './helpers.js';

const one = () =>
  inputArgs(
    writeFiles(tempDir(), {
      'incidents.csv': 'incident_id,date,offence\n1,2023-05-01,Shooting\n',
      'involvements.csv': 'incident_id,person_id,role\n1,7,offender\n1,8,victim\n',
    }),
  );

/** Burglaries only: no serious event to learn from. */
const noShooting = () => {
  const inc = ['incident_id,date,offence'];
  const inv = ['incident_id,person_id,role'];
  for (let i = 1; i <= 30; i++) {
    inc.push(`${i},2023-${String(1 + (i % 12)).padStart(2, '0')}-${10 + (i % 15)},Burglary`);
    inv.push(`${i},P${i % 9},offender`, `${i},P${(i + 4) % 9},offender`);
  }
  return inputArgs(
    writeFiles(tempDir(), {
      'incidents.csv': `${inc.join('\n')}\n`,
      'involvements.csv': `${inv.join('\n')}\n`,
    }),
  );
};

describe('plan refuses as rank and fit do, in its own flags', () => {
  it('one incident: "plan refused: there is only one incident"', async () => {
    const r = await cli(['plan', ...one(), '--capacity', '3']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'error: plan refused: there is only one incident (2023-05-01), so the contagion model cannot be fitted; more records are needed.\n',
    );
  });

  it('no serious incident: "plan refused: no incident of severity 3 or more"', async () => {
    const r = await cli(['plan', ...noShooting(), '--capacity', '3']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'error: plan refused: no incident of severity 3 or more in the data, so there are no serious events to learn from.\n',
    );
  });

  it("a fit refused before an early --as-of: plan's and rank's advice names no option they lack", async () => {
    const inc = ['incident_id,date,offence', '1,2023-01-07,Shooting', '2,2023-01-20,Burglary'];
    const inv = [
      'incident_id,person_id,role',
      '1,A,offender',
      '1,B,victim',
      '2,A,offender',
      '2,B,offender',
    ];
    for (let i = 3; i <= 40; i++) {
      inc.push(`${i},2023-${String(2 + (i % 10)).padStart(2, '0')}-15,Shooting`);
      inv.push(`${i},A,offender`, `${i},V${i},victim`);
    }
    const args = inputArgs(
      writeFiles(tempDir(), {
        'incidents.csv': `${inc.join('\n')}\n`,
        'involvements.csv': `${inv.join('\n')}\n`,
      }),
    );
    for (const command of [['plan', '--capacity', '3'], ['rank']]) {
      const r = await cli([...command, ...args, '--as-of', '2023-02-01']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(
        new RegExp(
          `^error: ${command[0]} refused: only one event from .*widen the window \\(a later --as-of, or records reaching further back: .*library's fitNetworkHawkes only\\)`,
          'm',
        ),
      );
      expect(r.stderr).not.toMatch(/fitNetworkHawkes: |minSeverity|\(since, outcomeSince, asOf/);
    }
  });
});
