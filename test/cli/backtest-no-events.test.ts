import { describe, expect, it } from 'vitest';
import { DataRefusedError } from '../../src/core/errors.js';
import { ingest } from '../../src/ingest/ingest.js';
import { backtest } from '../../src/outreach/backtest.js';
import { defaultRankers } from '../../src/outreach/index.js';
import { cli, inputArgs, tempDir, writeFiles } from './helpers.js';

/**
 * Two years of records with no incident of severity 3 or more (assaults and burglaries): the
 * backtest was refused "at the cut …, the ranker 'network hawkes' could not rank …; give fewer
 * --cuts (now 3), so that the first lies later in the records", advice no number of cuts could
 * follow. It says that the records hold no serious event, so no cut can help.
 */
function calmRecords(): { incidents: string; involvements: string } {
  const incidents = ['incident_id,date,offence,severity'];
  const involvements = ['incident_id,person_id,role'];
  for (let i = 0; i < 120; i++) {
    const day = new Date(Date.UTC(2022, 0, 3 + i * 6)).toISOString().slice(0, 10);
    incidents.push(`${i + 1},${day},${i % 2 ? 'Burglary' : 'Assault'},${i % 2 ? 0 : 2}`);
    involvements.push(
      `${i + 1},S${i % 30},offender`,
      `${i + 1},S${(i + 7) % 30},offender`,
      `${i + 1},V${i % 40},victim`,
    );
  }
  return { incidents: `${incidents.join('\n')}\n`, involvements: `${involvements.join('\n')}\n` };
}

describe('a backtest on records with no serious event says no cut can help', () => {
  it('the command line: no advice of fewer --cuts', async () => {
    const csv = calmRecords();
    const args = inputArgs(
      writeFiles(tempDir(), {
        'incidents.csv': csv.incidents,
        'involvements.csv': csv.involvements,
      }),
    );
    const r = await cli(['backtest', ...args, '--cuts', '3', '--now', '2024-01-01']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^error: backtest refused: the records hold no incident of severity 3 or more, so the ranker 'network hawkes' has no serious events to learn from at any cut, and there is no harm to score the rankers on; fewer or other cuts cannot help\.$/m,
    );
    expect(r.stderr).not.toMatch(/fewer --cuts/);
  });

  it('the library: code no-events, not too-little-history', () => {
    const { data } = ingest(calmRecords());
    let error: unknown;
    try {
      backtest(data, { cuts: 3, horizonDays: 90, rankers: defaultRankers() });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataRefusedError);
    expect((error as DataRefusedError).code).toBe('no-events');
    expect((error as Error).message).not.toMatch(/use fewer cuts/);
  });
});
