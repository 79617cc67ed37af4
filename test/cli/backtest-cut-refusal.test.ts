import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withCutsAdvice } from '../../src/cli/shared.js';
import { DataRefusedError } from '../../src/core/errors.js';
import { ingest } from '../../src/ingest/ingest.js';
import { backtest } from '../../src/outreach/backtest.js';
import { analyse, defaultRankers } from '../../src/outreach/index.js';
import { renderReport, reportInput } from '../../src/report/index.js';
import { type IncidentSpec, makeDataset } from '../helpers.js';
import { cli, datasetCsvArgs, inputArgs, tempDir, writeFiles } from './helpers.js';

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

const REFUSAL =
  /^error: backtest refused: at the cut 2023-03-30, the ranker 'network hawkes' could not rank from the records before it \(fitNetworkHawkes: .*\); give fewer --cuts \(now 3\), so that the first lies later in the records/m;

describe("a ranker's refusal at a backtest cut says which cut, which ranker and the way out", () => {
  const files = () => {
    const csv = yearOfRecords();
    return inputArgs(
      writeFiles(tempDir(), {
        'incidents.csv': csv.incidents,
        'involvements.csv': csv.involvements,
      }),
    );
  };

  it('report: written all the same, its backtest with the cuts that fit, saying so and how much history 3 need', async () => {
    // Before: the whole report was refused (exit 1, 'give fewer --cuts (now 3) … or --cuts 0').
    const dir = tempDir();
    const out = join(dir, 'r.html');
    const r = await cli(['report', ...files(), '--out', out, '--now', '2024-01-01']);
    expect(r.code).toBe(0);
    const note =
      /The backtest was asked for 3 cuts 90 days apart, but the records before the first \(2023-03-30\) are too few: at the cut 2023-03-30, the ranker 'network hawkes' could not rank from the records before it \(fitNetworkHawkes: [^)]*\)[^)]*\)\. It was run with 2 cuts instead \(from 2023-06-28\); records reaching back to about 2022-10-05 \(90 days earlier for each cut left out\) should allow all 3\./;
    expect(r.stderr).toMatch(new RegExp(`^warning: ${note.source}$`, 'm'));
    const html = readFileSync(out, 'utf8').replaceAll('&#39;', "'");
    expect(html).toMatch(note);
    expect(html).toContain('vc-backtest-note');
  });

  it('backtest: names the cut and the ranker, and fewer --cuts', async () => {
    const r = await cli(['backtest', ...files(), '--cuts', '3', '--now', '2024-01-01']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(REFUSAL);
  });

  it('the library: a DataRefusedError of the backtest, code too-little-history', () => {
    const { data } = ingest(yearOfRecords());
    let error: unknown;
    try {
      backtest(data, { cuts: 3, horizonDays: 90, rankers: defaultRankers() });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataRefusedError);
    expect((error as DataRefusedError).code).toBe('too-little-history');
    expect((error as Error).message).toMatch(
      /^backtest refused: at the cut 2023-03-30, the ranker 'network hawkes' could not rank from the records before it \(fitNetworkHawkes: .*\); use fewer cuts, so that the first lies later in the records, or no backtest\.$/,
    );
  });

  it('the library, with cut dates: leave out or move the early date (there may be no fewer cuts)', () => {
    const { data } = ingest(yearOfRecords());
    for (const cuts of [['2023-02-01'], ['2023-02-01', '2023-09-01']]) {
      let error: unknown;
      try {
        backtest(data, { cuts, horizonDays: 90, rankers: defaultRankers() });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DataRefusedError);
      // With cut dates the ranker's own code is kept (no fewer cuts to fall back on).
      expect((error as DataRefusedError).code).not.toBe('too-little-history');
      expect((error as Error).message).toMatch(
        /^backtest refused: at the cut 2023-02-01, .*\); leave out the cut dates up to 2023-02-01 or give later ones, or no backtest\.$/,
      );
      expect((error as Error).message).not.toMatch(/fewer cuts/);
    }
  });
});

describe('analyse on records too short for any cut: no backtest, said, the rest as asked', () => {
  it('backtestNote says that even one cut does not fit, and why; no backtest', () => {
    const { data } = ingest(yearOfRecords(), { now: '2024-01-01' });
    const a = analyse(data, { asOf: '2023-05-01', cuts: 3, limit: 10 });
    expect(a.backtest).toBeUndefined();
    expect(a.model.parameters.alpha).toBeGreaterThanOrEqual(0);
    expect(a.backtestNote).toMatch(
      /^No backtest: the records before even one cut \(2023-01-31, a 90-day horizon before 2023-05-01\) are too few: at the cut 2023-01-31, the ranker 'network hawkes' could not rank from the records before it \(fitNetworkHawkes: .*\)\. A backtest needs more history than the records give \(they start on 2023-01-03\): older records, or an analysis at a later date\.$/,
    );
    const input = reportInput(a);
    expect(input.backtest).toEqual({ note: a.backtestNote });
    expect(input.warnings).toContain(a.backtestNote);
    expect(renderReport(input)).toContain('vc-backtest-note');
  });
});

/**
 * withCutsAdvice chose its advice by the message's first words ('backtest refused: at the cut'):
 * a refusal for too little history worded otherwise kept the library's advice, or none — as the
 * cuts that would start before any record did ('… at most 3 cuts fit', no --cuts). Now by the
 * code, too-little-history.
 */
describe('the CLI advice on too little history goes by the code, not the words', () => {
  it('a reworded refusal still gets the advice', () => {
    let error: unknown;
    try {
      withCutsAdvice(5, undefined, () => {
        throw new DataRefusedError('too-little-history', 'Backtest declined (reworded)');
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataRefusedError);
    expect((error as DataRefusedError).code).toBe('too-little-history');
    expect((error as Error).message).toBe(
      'Backtest declined (reworded). Give fewer --cuts (now 5), so that the first lies later in the records.',
    );
  });

  it('another refusal is left as it is', () => {
    const refusal = new DataRefusedError('no-events', 'backtest refused: at the cut …');
    expect(() =>
      withCutsAdvice(5, undefined, () => {
        throw refusal;
      }),
    ).toThrow(refusal);
  });

  it('backtest: cuts that would start before any record name --cuts', async () => {
    const csv = yearOfRecords();
    const files = inputArgs(
      writeFiles(tempDir(), {
        'incidents.csv': csv.incidents,
        'involvements.csv': csv.involvements,
      }),
    );
    const r = await cli(['backtest', ...files, '--cuts', '10', '--now', '2024-01-01']);
    expect(r.code).toBe(1);
    // Before: '… before any record (the records run from …); at most 3 cuts fit.' and no flag.
    expect(r.stderr).toMatch(
      /^error: backtest refused: 10 cuts 90 days apart, .* at most \d cuts fit\. Give fewer --cuts \(now 10\), so that the first lies later in the records\.$/m,
    );
  });
});

describe('no cut fits at the horizon: the advice is a shorter horizon, not fewer cuts', () => {
  it('backtest --cuts 3 --horizon-days 400 on a year of records names --horizon-days', async () => {
    const csv = yearOfRecords();
    const files = inputArgs(
      writeFiles(tempDir(), {
        'incidents.csv': csv.incidents,
        'involvements.csv': csv.involvements,
      }),
    );
    const r = await cli([
      'backtest',
      ...files,
      '--cuts',
      '3',
      '--horizon-days',
      '400',
      '--now',
      '2024-01-01',
    ]);
    expect(r.code).toBe(1);
    // Before: '…; at most 0 cuts fit (the records span less than two horizons). Give fewer --cuts
    // (now 3), so that the first lies later in the records.': no number of cuts fits.
    expect(r.stderr).toMatch(
      /^error: backtest refused: 3 cuts 400 days apart, .* no cut fits: a cut needs records before it and a whole horizon after it, and the \d+ days from the first record to the end of the records are no more than one horizon; give a shorter --horizon-days \(now 400\)\.$/m,
    );
    expect(r.stderr).not.toMatch(/fewer --cuts|at most 0/);
  });
});

describe('backtest --cuts 1 refused for too little history: no "fewer --cuts (now 1)"', () => {
  it('advises a shorter --horizon-days, which puts the one cut later', async () => {
    const recent: IncidentSpec[] = Array.from({ length: 12 }, (_, i) => [
      `N${i}`,
      `2023-0${1 + Math.floor(i / 2)}-${String(7 + 9 * (i % 2)).padStart(2, '0')}`,
      i % 3 ? 1 : 3,
      [`P${i % 5}`, `P${(i + 1) % 5}`],
      [`V${i % 4}`],
    ]);
    const args = datasetCsvArgs(join(tempDir(), 'd'), makeDataset(recent));
    const r = await cli(['backtest', ...args, '--cuts', '1']);
    expect(r.code).toBe(1);
    // Before: '…; give fewer --cuts (now 1), so that the first lies later in the records.'
    expect(r.stderr).toMatch(
      /^error: backtest refused: at the cut 2023-03-19, .*; give a shorter --horizon-days \(now 90\), so that the one cut lies later in the records\.$/m,
    );
    expect(r.stderr).not.toMatch(/fewer --cuts/);
  });
});
