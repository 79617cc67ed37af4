import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pseudonymiser } from '../../src/ingest/pseudonymise.js';
import { cli, syntheticCsv, tempDir, writeFiles } from './helpers.js';

/** Person ids of a CSV list the CLI wrote (its leading '# …' lines skipped). */
function listed(text: string): string[] {
  const rows = text
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('#') && !l.startsWith('"#'));
  const header = rows[0].split(',');
  const at = header.indexOf('person_id');
  return rows
    .slice(1)
    .filter((l) => /^\d+,/.test(l))
    .map((l) => l.split(',')[at]);
}

/**
 * People in custody (`exits`) are out of the model's risk set, so the lists do not name them;
 * the command line had no way to give them (fitNetworkHawkes' exits had no flag), so a team
 * using the CLI was handed the people it knew to be in custody, first on its list.
 */
describe('--exits: people out of the risk set (custody) on the command line', () => {
  const dir = tempDir();
  const args = syntheticCsv(dir, { people: 800, seed: 3 });
  const asOf = ['--as-of', '2023-01-01'];

  it('rank, plan and report leave out the people in custody; rows naming nobody are warned of', async () => {
    const plain = await cli(['rank', ...args, ...asOf, '--limit', '10']);
    expect(plain.code).toBe(0);
    const top = listed(plain.stdout).slice(0, 3);
    expect(top).toHaveLength(3);
    const exits = writeFiles(join(dir, 'x'), {
      'exits.csv': `person_id,from,to,reason\n${top.map((p) => `${p},2022-10-01,,custody`).join('\n')}\nP-NOBODY,2022-10-01,2023-06-01,custody\n`,
    })['exits.csv'];
    const r = await cli(['rank', ...args, ...asOf, '--limit', '10', '--exits', exits]);
    expect(r.code).toBe(0);
    const ids = listed(r.stdout);
    expect(ids).toHaveLength(10);
    for (const p of top) expect(ids).not.toContain(p);
    expect(r.stderr).toContain(
      'warning: 1 exits row names a person not in the records (row 4); it takes nobody out of the risk set.',
    );

    const plan = await cli(['plan', ...args, ...asOf, '--capacity', '10', '--exits', exits]);
    expect(plan.code).toBe(0);
    for (const p of top) expect(listed(plan.stdout)).not.toContain(p);

    const out = join(dir, 'r.html');
    const report = await cli([
      'report',
      ...args,
      ...asOf,
      '--cuts',
      '0',
      '--exits',
      exits,
      '--out',
      out,
    ]);
    expect(report.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    const ranked = [...html.matchAll(/\{"rank":\d+,"person_id":"([^"]+)"/g)].map((m) => m[1]);
    expect(ranked.length).toBeGreaterThan(0);
    for (const p of top) expect(ranked).not.toContain(p);
  });

  it('a bad row names the flag, the file and its line, not the library', async () => {
    const files = writeFiles(join(dir, 'bad'), {
      'exits.csv': 'person_id,from,end_date\nP1,2022-10-01,\nP2,2022-10-01,2023-01-01\n',
      'until.csv': 'person_id,from,until\nP1,2022-10-01,\nP2,2022-10-01,2023-01-01\n',
      'exits.json': JSON.stringify([{ person_id: 'P1', from: '2022-10-01', to: 'soon' }]),
    });
    const r = await cli(['rank', ...args, ...asOf, '--exits', files['exits.csv']]);
    expect(r.code).toBe(1);
    // Before: 'error: fitNetworkHawkes exits row 2: field 'until' holds a date …'.
    expect(r.stderr).toContain(
      `error: --exits '${files['exits.csv']}' line 3: field 'end_date' holds a date ("2023-01-01"); an exit reads its start from 'from' and its end from 'to'`,
    );
    // A column named with another word for a field's ('until' for 'to') is refused on its first
    // line, empty or not: it was carried where empty (line 2: an open-ended exit, unsaid).
    const u = await cli(['rank', ...args, ...asOf, '--exits', files['until.csv']]);
    expect(u.code).toBe(1);
    expect(u.stderr).toContain(
      `error: --exits '${files['until.csv']}' line 2: unknown field 'until'. Did you mean 'to'? An exit row reads: person_id, from, to, to_known.`,
    );
    const j = await cli(['fit', ...args, ...asOf, '--exits', files['exits.json']]);
    expect(j.code).toBe(1);
    expect(j.stderr).toContain(
      `error: --exits '${files['exits.json']}' row 1: to "soon" is not a date (YYYY-MM-DD; an empty to: still out)`,
    );
    expect(r.stderr + j.stderr).not.toMatch(/fitNetworkHawkes/);
  });

  it('a file that is not valid JSON names the file, line and column and what it should hold', async () => {
    const files = writeFiles(join(dir, 'badjson'), {
      'exits.json': '[\n  { "person_id": "P1", "from": "2022-10-01", }\n]\n',
    });
    const r = await cli(['rank', ...args, ...asOf, '--exits', files['exits.json']]);
    expect(r.code).toBe(1);
    // Before: "error: --exits '…' is not valid JSON (Expected double-quoted property name in JSON
    // at position 47)."
    expect(r.stderr).toMatch(
      /^error: --exits '.*exits\.json': line 2, column 46 is not valid JSON \(.*\); expected a JSON array of rows \{ person_id, from, to\? \}; fix the file and run again\.\n$/,
    );
  });

  it("a bad row's line is the physical line it starts on when a cell above spans lines", async () => {
    // Row 1's note holds a line break (lines 2-3): row 2 starts on line 4, not 3.
    const files = writeFiles(join(dir, 'multi'), {
      'exits.csv':
        'person_id,from,to,note\r\nP1,2022-10-01,,"remanded;\r\nreview in March"\r\nP2,2022-10-01,soon,\r\n',
    });
    const r = await cli(['rank', ...args, ...asOf, '--exits', files['exits.csv']]);
    expect(r.code).toBe(1);
    // Before: "… line 3: to "soon" is not a date …", the row's number plus one.
    expect(r.stderr).toContain(
      `error: --exits '${files['exits.csv']}' line 4: to "soon" is not a date (YYYY-MM-DD; an empty to: still out)`,
    );
  });

  it('the exposure score has no risk set: --exits with --model exposure is a usage error', async () => {
    const exits = writeFiles(join(dir, 'y'), { 'exits.csv': 'person_id,from\nP-1,2022-01-01\n' })[
      'exits.csv'
    ];
    const r = await cli(['rank', ...args, '--model', 'exposure', '--exits', exits]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--exits takes people out of the contagion model's risk set/);
  });
});

describe('ids given in files are matched to pseudonymised records (--pseudonymise)', () => {
  const dir = tempDir();
  const args = syntheticCsv(dir, { people: 800, seed: 3 });
  const asOf = ['--as-of', '2023-01-01'];
  const env = { VC_PSEUDONYM_KEY: 'a sixteen-byte+ test key' };
  const keyed = pseudonymiser(env.VC_PSEUDONYM_KEY);

  it('--already-reached and --exits take the raw ids of the team’s systems (or pseudonyms)', async () => {
    const plain = await cli(['rank', ...args, ...asOf, '--limit', '10']);
    const top = listed(plain.stdout).slice(0, 3);
    const files = writeFiles(join(dir, 'p'), {
      'reached.txt': `${top.join('\n')}\n`,
    });
    // Before: '3 of the 3 alreadyReached ids match nobody in the records and were not counted',
    // and the three people already in contact were planned again.
    const plan = await cli(
      [
        'plan',
        ...args,
        ...asOf,
        '--pseudonymise',
        '--capacity',
        '10',
        '--already-reached',
        files['reached.txt'],
      ],
      { env },
    );
    expect(plan.code).toBe(0);
    expect(plan.stderr).not.toMatch(/match nobody/);
    expect(plan.stdout).toContain('""alreadyReached"":3');
    for (const p of top) expect(listed(plan.stdout)).not.toContain(keyed(p));
    // A file of pseudonyms (from a list the CLI wrote) is matched as it is.
    const again = writeFiles(join(dir, 'q'), { 'reached.txt': top.map(keyed).join('\n') });
    const plan2 = await cli(
      [
        'plan',
        ...args,
        ...asOf,
        '--pseudonymise',
        '--capacity',
        '10',
        '--already-reached',
        again['reached.txt'],
      ],
      { env },
    );
    expect(plan2.stdout).toContain('""alreadyReached"":3');

    const exits = writeFiles(join(dir, 'r'), {
      'exits.csv': `person_id,from\n${top.map((p) => `${p},2022-10-01`).join('\n')}\n`,
    });
    const r = await cli(
      ['rank', ...args, ...asOf, '--pseudonymise', '--limit', '10', '--exits', exits['exits.csv']],
      { env },
    );
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/exits rows? names?/);
    for (const p of top) expect(listed(r.stdout)).not.toContain(keyed(p));
  });
});
