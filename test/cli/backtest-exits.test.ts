import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, syntheticCsv, tempDir, writeFiles } from './helpers.js';

/**
 * `backtest --exits` and the report's backtest give each cut only the exit rows known then.
 * Before, `backtest` had no `--exits` (an unknown option, exit 2) and `report --exits` ranked its
 * list with the exits and backtested without them.
 */
describe('backtest --exits and report --exits: each cut sees the exits known then', () => {
  const dir = tempDir();
  const args = syntheticCsv(dir, { people: 800, seed: 3 });
  // The records run from 2018-01-01 to 2021-12-31: one cut of 90 days is on 2021-10-03.
  const exits = writeFiles(join(dir, 'x'), {
    'exits.csv':
      'person_id,from,to,reason\nP-000001,2021-01-01,2021-03-01,custody\nP-000002,2021-09-01,2022-06-01,custody\nP-000003,2021-11-01,,custody\n',
  })['exits.csv'];
  const said =
    'Each ranker saw only records dated before the cut, and only the exits known by then: of 3 exit rows, the 2 that started on or before the cut (of them 1 ending after it, taken as out for the whole horizon: its end was not known then). The outcomes are as recorded.';

  it('backtest --exits: the summary says which rows the cut saw', async () => {
    const r = await cli(['backtest', ...args, '--cuts', '1', '--exits', exits]);
    expect(r.stderr).not.toMatch(/^error/m);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Backtest: one cut, on 2021-10-03');
    expect(r.stdout).toContain(said);
    const plain = await cli(['backtest', ...args, '--cuts', '1']);
    expect(plain.stdout).toContain('Each ranker saw only records dated before the cut.\n');
  });

  it("report --exits: the report's backtest uses them", async () => {
    const out = join(dir, 'r.html');
    const r = await cli([
      'report',
      ...args,
      '--as-of',
      '2022-01-01',
      '--cuts',
      '1',
      '--exits',
      exits,
      '--out',
      out,
    ]);
    expect(r.stderr).not.toMatch(/^error/m);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain(said);
  });

  it('a bad row names the flag, the file and its line', async () => {
    const bad = writeFiles(join(dir, 'bad'), {
      'exits.csv': 'person_id,from,to\nP-000001,2021-01-01,soon\n',
    })['exits.csv'];
    const r = await cli(['backtest', ...args, '--cuts', '1', '--exits', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `error: --exits '${bad}' line 2: to "soon" is not a date (YYYY-MM-DD; an empty to: still out)`,
    );
  });
});
