import { describe, expect, it, vi } from 'vitest';
import { DataRefusedError } from '../../src/core/errors.js';
import { ingest } from '../../src/ingest/ingest.js';
import { analyse } from '../../src/outreach/analyse.js';

// The backtest's refusals, reworded: analyse must fall back on the code (too-little-history),
// not on the words. Before, it parsed the message, so any rewording in rankAtCut brought the
// whole-report refusal back.
vi.mock('../../src/outreach/backtest.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/outreach/backtest.js')>();
  return {
    ...real,
    backtest: (...args: Parameters<typeof real.backtest>) => {
      try {
        return real.backtest(...args);
      } catch (e) {
        if (e instanceof DataRefusedError)
          throw new DataRefusedError(e.code, `Backtest declined (reworded). ${e.message}`);
        throw e;
      }
    },
  };
});

/** A year of records (2023), a shooting every other incident, each person on one record. */
function yearOfRecords(): { incidents: string; involvements: string } {
  const incidents = ['incident_id,date,offence'];
  const involvements = ['incident_id,person_id,role'];
  for (let i = 0; i < 80; i++) {
    const day = new Date(Date.UTC(2023, 0, 3 + Math.floor(i * 4.5))).toISOString().slice(0, 10);
    incidents.push(`${i + 1},${day},${i % 2 ? 'Burglary' : 'Shooting'}`);
    involvements.push(`${i + 1},S${2 * i},offender`, `${i + 1},S${2 * i + 1},victim`);
  }
  return { incidents: `${incidents.join('\n')}\n`, involvements: `${involvements.join('\n')}\n` };
}

describe("analyse's backtest fallback goes by the refusal's code, not its words", () => {
  const { data } = ingest(yearOfRecords(), { now: '2024-01-01' });

  it('fewer cuts when the first has too little history, whatever the message says', () => {
    const a = analyse(data, { cuts: 3, limit: 10 });
    expect(a.backtest).toBeDefined();
    expect(a.backtestNote).toMatch(
      /^The backtest was asked for 3 cuts 90 days apart, but the records before the first \(2023-03-30\) are too few: Backtest declined \(reworded\)\. .* It was run with 2 cuts instead/,
    );
  });

  it('no backtest, said, when even one cut does not fit', () => {
    const a = analyse(data, { asOf: '2023-05-01', cuts: 3, limit: 10 });
    expect(a.backtest).toBeUndefined();
    expect(a.backtestNote).toMatch(
      /^No backtest: .* are too few: Backtest declined \(reworded\)\./,
    );
  });
});
