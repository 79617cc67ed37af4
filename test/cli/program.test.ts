import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestOptionsFromMap } from '../../src/cli/load.js';
import { PURPOSE_LABEL } from '../../src/core/purpose.js';
import { ingest } from '../../src/ingest/ingest.js';
import { cli, EXPORT_ARGS, labelProblem, syntheticCsv, tempDir, writeFiles } from './helpers.js';

const SUBCOMMANDS = [
  'demo',
  'validate',
  'graph',
  'metrics',
  'cascades',
  'fit',
  'rank',
  'plan',
  'trace',
  'backtest',
  'report',
];

/** No message may carry a stack trace. */
function expectNoStack(stderr: string) {
  expect(stderr).not.toMatch(/^\s+at /m);
}

describe('help and usage errors', () => {
  it('--help lists every subcommand and the exit codes, exit 0', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    for (const name of SUBCOMMANDS) expect(r.stdout).toMatch(new RegExp(`^\\s+${name}\\b`, 'm'));
    expect(r.stdout).toContain('Exit codes: 0 ok, 1 data problems, 2 usage errors.');
  });

  it.each(SUBCOMMANDS)('%s --help shows its options and an example, exit 0', async (name) => {
    const r = await cli([name, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Usage: violence-contagion ${name}`);
    expect(r.stdout).toMatch(/Example:\n {2}\$ violence-contagion /);
  });

  // 'help rank' printed rank's help to stdout and exited 2, a usage error, as 'help' did: a script
  // or a shell that stops on failure took the help it asked for as a failure.
  it.each(SUBCOMMANDS)('help %s shows its help, exit 0', async (name) => {
    const r = await cli(['help', name]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Usage: violence-contagion ${name}`);
  });

  it("'help' shows the help, exit 0; no command at all is a usage error", async () => {
    const r = await cli(['help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Exit codes: 0 ok, 1 data problems, 2 usage errors.');
    const none = await cli([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Usage: violence-contagion');
  });

  it('--cuts says how the cut dates are placed: --horizon-days apart, the last a horizon before the end', async () => {
    // It said "the last years of the data, evenly spaced": 4 cuts of 90 days span one year.
    const flat = (s: string) => s.replace(/\s+/g, ' ');
    expect(flat((await cli(['backtest', '--help'])).stdout)).toContain(
      '--cuts <n> number of cut dates, --horizon-days apart, the last a whole horizon before the end of the records (4 cuts of 90 days score the last 360 days) (default: 4)',
    );
    expect(flat((await cli(['report', '--help'])).stdout)).toContain(
      '--cuts <n> backtest cut dates, --horizon-days apart, the last a whole horizon before --as-of (0 = no backtest); on records too short for them, the most that fit (or none), with a warning (default: 3)',
    );
  });

  // demo's help listed its steps without the trace it runs and writes (trace.csv).
  it('demo --help names every step the demo runs, the trace included', async () => {
    const flat = (s: string) => s.replace(/\s+/g, ' ');
    expect(flat((await cli(['demo', '--help'])).stdout)).toContain(
      'validate → graphs → metrics → cascades → fit → rank → trace → backtest → HTML report',
    );
  });

  // 'help nosuch' printed the program's help to stderr, exit 2, and never said the command was
  // unknown.
  it("'help' with no such command says so, names the closest and the commands, exit 2", async () => {
    const commands = `(commands: ${SUBCOMMANDS.join(', ')})`;
    const none = await cli(['help', 'nosuch']);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toMatch(/^error: unknown command 'nosuch'\n\(commands: /);
    expect(none.stderr).toContain(commands);
    const typo = await cli(['help', 'rnak']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain(
      `error: unknown command 'rnak'\n(Did you mean rank?)\n${commands}`,
    );
    const help = await cli(['help', 'help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit codes: 0 ok, 1 data problems, 2 usage errors.');
  });

  it("runs if commander's private help dispatcher is gone (a later 14.x may rename it)", async () => {
    // The unknown-command refusal wraps commander's private _dispatchHelpCommand: without it,
    // binding it threw at start-up and every command failed.
    const { Command } = await import('commander');
    const proto = Command.prototype as unknown as Record<string, unknown>;
    const saved = proto._dispatchHelpCommand;
    delete proto._dispatchHelpCommand;
    try {
      const r = await cli(['rank', '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('rank');
    } finally {
      proto._dispatchHelpCommand = saved;
    }
  });

  it('an unknown subcommand is a usage error (exit 2)', async () => {
    const r = await cli(['rnak']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'rnak'");
  });

  it('no subcommand prints the help and is a usage error (exit 2)', async () => {
    const r = await cli([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: violence-contagion');
  });

  it('--horizon-days takes whole days: a fraction is a usage error before any file is read', async () => {
    for (const cmd of ['rank', 'report', 'backtest', 'plan']) {
      const r = await cli([cmd, '--incidents', 'missing.csv', '--horizon-days', '30.5']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(
        "option '--horizon-days <days>' argument '30.5' is invalid. not a whole number.",
      );
    }
  });

  it('an unknown option is a usage error (exit 2)', async () => {
    const r = await cli(['rank', '--incidnets', 'x.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--incidnets'");
  });

  it("a shortened option names the one flag it begins, and the help to run is the command's own", async () => {
    for (const [command, typed, meant] of [
      ['rank', '--horizon', '--horizon-days'],
      ['trace', '--max-dist', '--max-distance'],
      ['report', '--interval', '--intervals'],
      ['metrics', '--pivot', '--pivots'],
    ]) {
      const r = await cli([command, typed, '3']);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        `error: unknown option '${typed}'\n(Did you mean ${meant}?)\n(run 'violence-contagion ${command} --help' for usage and an example)\n`,
      );
    }
  });

  it('a bad number or date is a usage error that says what is wrong (exit 2)', async () => {
    const limit = await cli(['rank', ...EXPORT_ARGS, '--limit', 'ten']);
    expect(limit.code).toBe(2);
    expect(limit.stderr).toContain("option '--limit <n>' argument 'ten' is invalid. not a number.");
    const date = await cli(['rank', ...EXPORT_ARGS, '--as-of', '2021-02-31']);
    expect(date.code).toBe(2);
    expect(date.stderr).toContain("'2021-02-31' is not a date; write it as YYYY-MM-DD.");
  });

  it('--as-of with a time of day is a usage error naming the flag, before any file is read', async () => {
    // Before: the library's "asOf '…' has a time of day: asOf is a date…", exit 1, after the
    // records were read and the model fitted. A missing file shows nothing was read.
    for (const cmd of [['rank'], ['fit'], ['plan', '--capacity', '5'], ['trace', 'I-1']]) {
      const r = await cli([...cmd, '--incidents', 'no/such.csv', '--as-of', '2023-10-01T12:00']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(
        "error: option '--as-of <date>' argument '2023-10-01T12:00' is invalid. a time of day is not taken: --as-of is a date, and records dated before it are used; give --as-of 2023-10-01 (that day's records left out) or --as-of 2023-10-02 (in).\n",
      );
      expect(r.stderr).not.toMatch(/asOf|no such file/);
    }
    const ok = await cli(['rank', ...EXPORT_ARGS, '--as-of', '2023-10-01', '--limit', '1']);
    expect(ok.code).toBe(0);
  });

  it('trace --today before --as-of is a usage error naming both flags, before any file is read', async () => {
    const r = await cli([
      'trace',
      'I-1',
      '--incidents',
      'no/such.csv',
      '--as-of',
      '2023-10-02',
      '--today',
      '2023-10-01T09:00',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'error: --today 2023-10-01 is before --as-of 2023-10-02: a trace cannot rest on records from after the day it is used; give a later --today or an earlier --as-of.\n',
    );
  });

  // It took 3 and handed it to traceContacts, which refused it in the library's words after the
  // files were read: "error: traceContacts: option 'maxDistance' must be one of 1, 2, got 3." (exit 1).
  it('trace --max-distance above 2 is a usage error naming the flag, before any file is read', async () => {
    const r = await cli(['trace', 'I-1', '--incidents', 'no/such.csv', '--max-distance', '3']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^error: option '--max-distance <n>' argument '3' is invalid\. must be at most 2\.\n/,
    );
    expect(r.stderr).not.toMatch(/traceContacts|maxDistance/);
  });

  it('a missing --incidents says which option to give (exit 2)', async () => {
    const r = await cli(['validate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'error: --incidents <file> is required: a CSV or JSON export of incidents (add --involvements <file> for the long form; a flat table, one row per person per incident with the incident columns on each row, goes alone as --involvements <file>).\n',
    );
  });

  it('a wrong path is one line naming the option and the path (exit 2)', async () => {
    const r = await cli(['validate', '--incidents', 'no/such/file.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(
      /^error: --incidents 'no\/such\/file.csv': no such file\. Check the path/,
    );
  });

  it('the pseudonymisation key is read from the environment, never a flag (exit 2 without it)', async () => {
    const r = await cli(['validate', ...EXPORT_ARGS, '--pseudonymise']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('VC_PSEUDONYM_KEY');
  });
});

describe('data problems', () => {
  const dir = tempDir();
  const files = writeFiles(dir, {
    'empty.csv': '\n',
    'no-id.csv': 'ref,date,offence\nA1,2023-01-01,theft\n',
    'involvements.csv': 'incident_id,person_id,role\nA1,P1,offender\n',
    'bad-map.json': '{ "mapping": ',
    'empty-map.json': '',
    'list-map.json': '[1]',
    'typo-map.json': '{ "maping": { "incident_id": "ref" } }',
    'broken.json': '[{ "incident_id": "A1",',
    'object.json': '{ "rows": [] }',
  });

  it('an incidents file of broken JSON, or JSON that is not a list of rows, is a data problem naming the file (exit 1)', async () => {
    const broken = await cli(['validate', '--incidents', files['broken.json'], '-q']);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(
      /^error: --incidents '.*broken\.json': line 1, column 24 is not valid JSON \(.*\); expected a JSON array of row objects; fix the file, or export the table as CSV/,
    );
    expect(broken.stderr.trim().split('\n')).toHaveLength(1);
    const object = await cli(['validate', '--incidents', files['object.json'], '-q']);
    expect(object.code).toBe(1);
    expect(object.stderr).toMatch(
      /^error: --incidents '.*object\.json' holds JSON but not an array of rows; export the table as \[\{…\}, \{…\}\]/,
    );
  });

  it('an empty file is a data problem with one line saying what to do (exit 1)', async () => {
    const r = await cli(['validate', '--incidents', files['empty.csv']]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^error: --incidents '.*empty\.csv' is empty; export the table again with a header row/,
    );
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a missing column names the column and the --map fix, in one line (exit 1)', async () => {
    const r = await cli([
      'validate',
      '--incidents',
      files['no-id.csv'],
      '--involvements',
      files['involvements.csv'],
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(
      "incidents has no 'incident_id' column; its columns are 'ref', 'date', 'offence'.",
    );
    expect(r.stderr).toContain('--map mapping.json');
    expectNoStack(r.stderr);
  });

  it('a --map file of ingest options is read as options whichever option it holds', async () => {
    // A 23:30 shooting in Chicago on 31 December, exported as a UTC instant: with the zone it is
    // dated 2023-12-31; and `severityRules: []` turns keyword severities off.
    const dir = tempDir();
    const f = writeFiles(dir, {
      'inc.csv': 'incident_id,date,offence\nI1,2024-01-01T05:30:00Z,Shooting\n',
      'inv.csv': 'incident_id,person_id,role\nI1,A,offender\nI1,B,victim\n',
      'tz.json': '{ "timeZone": "America/Chicago", "now": "2025-01-01" }',
      'rules.json': '{ "severityRules": [] }',
    });
    expect(ingestOptionsFromMap({ timeZone: 'America/Chicago' }, 'tz.json')).toEqual({
      timeZone: 'America/Chicago',
    });
    const input = ['--incidents', f['inc.csv'], '--involvements', f['inv.csv']];
    const tz = await cli(['validate', ...input, '--map', f['tz.json'], '-q']);
    expect(tz.stderr).toBe('');
    expect(tz.code).toBe(0);
    const rules = await cli(['validate', ...input, '--map', f['rules.json'], '-q']);
    expect(rules.code).toBe(1);
    expect(rules.stdout).toContain("offence 'Shooting' has no severity");
  });

  it('a --map file of options refuses column names beside them, and any pseudonymisation key', () => {
    // Columns beside options were refused by ingest as "unknown option 'incident_id'"; a key in
    // a file was used, though the CLI reads keys only from the environment.
    expect(() => ingestOptionsFromMap({ timeZone: 'UTC', incident_id: 'URN' }, 'm.json')).toThrow(
      /holds ingest options \(timeZone\) and also 'incident_id', which is not an option: put column names under "mapping"/,
    );
    expect(() => ingestOptionsFromMap({ pseudonymise: { key: 'k'.repeat(32) } }, 'm.json')).toThrow(
      /keys are never read from files: put it in the environment variable VC_PSEUDONYM_KEY/,
    );
    // A misspelt option is not a column: ingest names the option meant.
    const typo = ingestOptionsFromMap({ timeZone: 'UTC', dateFromat: 'dmy' }, 'm.json');
    expect(() => ingest({ incidents: [], involvements: [] }, typo)).toThrow(
      /unknown option 'dateFromat'\. Did you mean 'dateFormat'\?/,
    );
    expect(
      ingestOptionsFromMap({ mapping: { incident_id: 'URN' }, strict: true }, 'm.json'),
    ).toEqual({
      mapping: { incident_id: 'URN' },
      strict: true,
    });
  });

  it("--time-zone sets the records' zone: instants are read as its local time", async () => {
    const f = writeFiles(tempDir(), {
      'inc.csv': 'incident_id,date,time,severity\nI1,2024-01-01T05:30:00Z,10:00,2\n',
      'inv.csv': 'incident_id,person_id,role\nI1,A,offender\n',
    });
    const input = ['--incidents', f['inc.csv'], '--involvements', f['inv.csv'], '-q'];
    const r = await cli(['validate', ...input, '--time-zone', 'America/Chicago']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      "two times for one incident: date '2024-01-01T05:30:00Z' (column 'date') already carries a time, and column 'time' gives '10:00'",
    );
    const bad = await cli(['validate', ...input, '--time-zone', 'America/Chicgo']);
    expect(bad.code).toBe(2);
    // Refused as the flag it is, with the closest zone; ingest's refusal blamed the --map file.
    expect(bad.stderr).toContain(
      "error: option '--time-zone <zone>' argument 'America/Chicgo' is invalid. 'America/Chicgo' is not a time zone (did you mean America/Chicago?); give an IANA name such as America/Chicago or UTC.",
    );
    const withMap = await cli([
      'validate',
      ...input,
      '--map',
      writeFiles(tempDir(), { 'map.json': '{ "mapping": {} }' })['map.json'],
      '--time-zone',
      'Europe/Zurch',
    ]);
    expect(withMap.code).toBe(2);
    expect(withMap.stderr).toContain('(did you mean Europe/Zurich?)');
    expect(withMap.stderr).not.toContain('map.json');
  });

  it('a --map file that is not JSON is a usage error naming the file (exit 2), as its other content errors are', async () => {
    const r = await cli([
      'validate',
      '--incidents',
      files['no-id.csv'],
      '--map',
      files['bad-map.json'],
    ]);
    // It exited 1 (a data problem) while a misspelt option in the file exited 2.
    expect(r.code).toBe(2);
    // Before: "--map '…' is not valid JSON (Unexpected end of JSON input)", without the line or
    // what the file should hold.
    expect(r.stderr).toMatch(
      /^error: --map '.*bad-map\.json': line 1, column 13 is not valid JSON \(.*\); expected a JSON object of ingest options or column names, e\.g\. \{ "mapping": \{ "incident_id": "URN", "person_id": "NominalID" \} \}; fix the file and run again\.\n$/,
    );
  });

  it('an empty --map file, or one that is not an object, is a usage error too (exit 2)', async () => {
    for (const [f, message] of [
      ['empty-map.json', /^error: --map '.*empty-map\.json' is empty; /],
      ['list-map.json', /^error: --map '.*list-map\.json' must be a JSON object of ingest options/],
      ['typo-map.json', /^error: --map '.*typo-map\.json': 'maping' is neither an ingest option/],
    ] as const) {
      const r = await cli(['validate', '--incidents', files['no-id.csv'], '--map', files[f]]);
      expect([f, r.code]).toEqual([f, 2]);
      expect(r.stderr).toMatch(message);
    }
  });

  it('validate lists each rejected row as table, row, line, field, value, reason (exit 1)', async () => {
    const r = await cli(['validate', ...EXPORT_ARGS]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('incidents: 12 rows read, 11 accepted, 1 left out');
    expect(r.stdout).toMatch(/^table\s+row\s+line\s+field\s+value\s+reason$/m);
    expect(r.stdout).toMatch(
      /^incidents\s+11\s+12\s+date\s+31\/02\/2023\s+date '31\/02\/2023' is not a valid date$/m,
    );
    expect(r.stdout).toMatch(
      /^involvements\s+27\s+28\s+incident_id\s+23\/0199\s+incident '23\/0199' is not in the incidents table$/m,
    );
  });

  it('a header-only file is "0 rows" (exit 1); Latin-1 needs --encoding; semicolons are read', async () => {
    const d = tempDir();
    const f = writeFiles(d, {
      'header.csv': 'incident_id,date,severity\n',
      'semi.csv': 'incident_id;date;severity\nA1;2023-01-01;1\nA2;2023-02-01;3\n',
    });
    const header = await cli(['validate', '--incidents', f['header.csv']]);
    expect(header.code).toBe(1);
    expect(header.stdout).toContain('incidents: 0 rows (a header but no records)');
    const rank = await cli(['rank', '--incidents', f['header.csv'], '-q']);
    expect(rank.code).toBe(1);
    expect(rank.stderr).toMatch(/no incident could be read/);
    const semi = await cli(['validate', '--incidents', f['semi.csv']]);
    expect(semi.stdout).toContain('incidents: 2 rows read, 2 accepted, 0 left out');
    // José and Josè in Latin-1: one byte each for é and è, invalid as UTF-8.
    const latin1 = join(d, 'people.csv');
    writeFileSync(latin1, Buffer.from('person_id,name\nP1,Jos\xe9\nP2,Jos\xe8\n', 'latin1'));
    const inc = writeFiles(d, {
      'i.csv': 'incident_id,date,severity\nA1,2023-01-01,1\n',
      'v.csv': 'incident_id,person_id,role\nA1,P1,offender\n',
    });
    const args = [
      'validate',
      '--incidents',
      inc['i.csv'],
      '--involvements',
      inc['v.csv'],
      '--people',
      latin1,
    ];
    const bad = await cli(args);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(
      /--people '.*people\.csv' is not UTF-8: at byte offset 21 \(line 2, byte 7 of the line\) is 0xe9; .*--encoding windows-1252/,
    );
    const good = await cli([...args, '--encoding', 'latin1', '--format', 'json']);
    expect(good.code).toBe(0);
  });

  it('validate --out problems.csv writes the rejected rows as CSV', async () => {
    const out = join(dir, 'problems.csv');
    const r = await cli(['validate', ...EXPORT_ARGS, '--out', out]);
    expect(r.code).toBe(1);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe(`# ${PURPOSE_LABEL}`);
    expect(lines[1]).toBe('table,row,line,field,value,reason');
    expect(lines).toHaveLength(5);
  });

  it('validate on clean records says so (exit 0)', async () => {
    const clean = writeFiles(join(dir, 'clean'), {
      'incidents.csv':
        'incident_id,date,offence,severity\nA1,2023-01-01,theft,0\nA2,2023-02-01,shooting,3\n',
      'involvements.csv':
        'incident_id,person_id,role\nA1,P1,offender\nA1,P2,offender\nA2,P2,victim\n',
    });
    const r = await cli([
      'validate',
      '--incidents',
      clean['incidents.csv'],
      '--involvements',
      clean['involvements.csv'],
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No problems found.');
  });

  it('trace of an incident that is not in the records is a data problem (exit 1)', async () => {
    const r = await cli(['trace', 'NOPE', ...EXPORT_ARGS]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("incident 'NOPE' is not in the records");
  });
});

describe('graph export of the police export', () => {
  it('graph --format csv writes the 6 co-offending ties counted by hand', async () => {
    // Offender pairs per incident: 0101 N001–N002, 0102 and 0106 N002–N003, 0103 N004–N005,
    // 0104 N005–N006, 0108 N007–N008, 0110 N001–N003; 23/0111 is rejected (bad date).
    const r = await cli(['graph', ...EXPORT_ARGS, '--format', 'csv', '-q']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.shift()).toBe(`# ${PURPOSE_LABEL}`);
    expect(lines[0].startsWith('source,target,')).toBe(true);
    const pairs = lines.slice(1).map((l) => l.split(',').slice(0, 2).sort().join('–'));
    expect(pairs.sort()).toEqual([
      'N001–N002',
      'N001–N003',
      'N002–N003',
      'N004–N005',
      'N005–N006',
      'N007–N008',
    ]);
    const n2n3 = lines.find((l) => l.includes('N002') && l.includes('N003')) as string;
    expect(n2n3).toMatch(/,2,/); // count 2
  });

  it('graph writes GEXF and GraphML chosen by the --out extension', async () => {
    const dir = tempDir();
    for (const ext of ['gexf', 'graphml']) {
      const out = join(dir, `network.${ext}`);
      const r = await cli(['graph', ...EXPORT_ARGS, '--out', out, '-q']);
      expect(r.code).toBe(0);
      const xml = readFileSync(out, 'utf8');
      expect(xml.startsWith('<?xml')).toBe(true);
      expect(xml).toContain(ext === 'gexf' ? '<gexf' : '<graphml');
    }
  });

  it('an --out extension that is not a format here is a usage error (exit 2)', async () => {
    const r = await cli(['graph', ...EXPORT_ARGS, '--out', 'network.png']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "the extension of 'network.png' is not an output format here; use one of: gexf, graphml, csv, json.",
    );
  });
});

describe('analyses on a synthetic city', () => {
  const dir = tempDir();
  let inputs: string[];
  beforeAll(() => {
    inputs = syntheticCsv(dir, { people: 800, seed: 3 });
  });

  it('rank writes the list with its purpose label first, then ranks 1..n', async () => {
    const r = await cli(['rank', ...inputs, '--limit', '20', '--model', 'exposure']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(
      '# For voluntary outreach and support; not for enforcement or investigative use.',
    );
    const header = lines.find((l) => !l.startsWith('#') && !l.startsWith('"#')) as string;
    expect(header.split(',').slice(0, 3)).toEqual(['rank', 'person_id', 'score']);
    const ranks = lines.filter((l) => /^\d+,/.test(l)).map((l) => Number(l.split(',')[0]));
    expect(ranks).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(r.stderr).toContain('20 people listed');
  });

  it('rank --format json carries the purpose, the data window and the rows', async () => {
    const r = await cli(['rank', ...inputs, '--limit', '5', '--format', 'json', '-q']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.purpose).toBe(
      'For voluntary outreach and support; not for enforcement or investigative use.',
    );
    expect(json.model).toBe('network-hawkes');
    expect(json.rows).toHaveLength(5);
    // Quiet: only warnings on stderr, each one the list carries (the model's caveats included).
    for (const line of r.stderr.split('\n').filter(Boolean)) {
      expect(line).toMatch(/^warning: /);
      expect(json.warnings).toContain(line.slice('warning: '.length));
    }
  });

  it('plan writes the planned people with their events averted, and the totals to stderr', async () => {
    const r = await cli(['plan', ...inputs, '--capacity', '5', '--format', 'json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.purpose).toBe(
      'For voluntary outreach and support; not for enforcement or investigative use.',
    );
    expect(json.kind).toBe('outreach-plan');
    expect(json.rows.length).toBeLessThanOrEqual(5);
    for (const row of json.rows)
      expect(row.averted_own + row.averted_onward).toBeCloseTo(row.averted, 12);
    expect(r.stderr).toMatch(/people planned as of .*averted under the model/);
    expect(r.stderr).toMatch(/By assumed effect: 10%: /);
  });

  it('plan without --capacity is a usage error (exit 2)', async () => {
    const r = await cli(['plan', ...inputs]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--capacity');
  });

  it('fit writes parameters with standard errors as JSON', async () => {
    const r = await cli(['fit', ...inputs, '-q']);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m.model).toBe('network-hawkes');
    expect(m.parameters.alpha).toBeGreaterThan(0);
    expect(m.standardErrors).toHaveProperty('beta');
    expect(m.contagionShare).toBeGreaterThanOrEqual(0);
  });

  it('cascades --links and cascades agree: every cascade is made of listed links', async () => {
    const links = await cli(['cascades', ...inputs, '--links', '--format', 'json', '-q']);
    const cascades = await cli(['cascades', ...inputs, '--format', 'json', '-q']);
    expect(links.code).toBe(0);
    expect(cascades.code).toBe(0);
    // JSON arrays come as { purpose, rows }: the purpose label first.
    const l = JSON.parse(links.stdout).rows as { from_incident: string; to_incident: string }[];
    const c = JSON.parse(cascades.stdout).rows as { links: number }[];
    expect(c.reduce((s, x) => s + x.links, 0)).toBe(l.length);
  });

  it('metrics writes one row per person of the network', async () => {
    const r = await cli(['metrics', ...inputs, '--format', 'json', '-q']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout).rows as Record<string, unknown>[];
    const graph = await cli(['graph', ...inputs, '--format', 'json', '-q']);
    expect(rows).toHaveLength(JSON.parse(graph.stdout).nodes.length);
    expect(Object.keys(rows[0])).toEqual(
      expect.arrayContaining(['person_id', 'degree', 'pagerank', 'betweenness', 'community']),
    );
  });

  it('report --plan and --intervals: the list switches to the plan, the contagion chart has its interval', async () => {
    const out = join(tempDir(), 'report.html');
    // Seed 1: a fit that identifies its kernel (seed 3's delay runs to 730 days, not identified,
    // and such a fit gets no interval).
    const r = await cli([
      'report',
      ...syntheticCsv(tempDir(), { people: 800, seed: 1 }),
      '--cuts',
      '0',
      '--plan',
      '5',
      '--intervals',
      '3',
      '--out',
      out,
      '-q',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('most harm prevented (5 people)');
    expect(html).toContain('id="vc-planned"');
    expect(html).toContain('class="vc-share-band"');
    expect(html).toMatch(/parametric bootstrap, 3 refits/);
    expect(html).not.toContain('Intervals were not computed');
  });

  it('progress goes to stderr on a terminal and is silent otherwise', async () => {
    const tty = await cli(['fit', ...inputs], { tty: true });
    expect(tty.stderr).toMatch(/^\[1\] reading and checking the records$/m);
    expect(tty.stderr).toMatch(/^\[2\] fitting the network contagion model as of /m);
    const quiet = await cli(['fit', ...inputs, '--quiet'], { tty: true });
    // Nothing but the warnings, which are printed even with --quiet.
    expect(quiet.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('warning: '))).toEqual(
      [],
    );
  });
});

describe('demo', () => {
  it('demo --out writes the report, the lists and the summaries, and prints a summary', async () => {
    const dir = tempDir();
    const r = await cli(['demo', '--out', 'out', '--people', '800', '--seed', '2'], { cwd: dir });
    expect(r.code).toBe(0);
    for (const f of [
      'report.html',
      'ranked.csv',
      'summary.json',
      'summary.csv',
      'model.json',
      'network.gexf',
      'data/incidents.csv',
    ]) {
      expect(existsSync(join(dir, 'out', f)), f).toBe(true);
    }
    // Every CSV written goes through the one writer: the purpose label first.
    const csvs = (readdirSync(join(dir, 'out'), { recursive: true }) as string[]).filter((f) =>
      f.endsWith('.csv'),
    );
    expect(csvs).toEqual(expect.arrayContaining(['metrics.csv', 'model-events.csv', 'ties.csv']));
    for (const f of csvs) {
      expect(readFileSync(join(dir, 'out', f), 'utf8').split('\n')[0], f).toBe(
        `# ${PURPOSE_LABEL}`,
      );
    }
    // And every other file: JSON, GEXF, GraphML, text and HTML, where a reader meets it first.
    const all = (readdirSync(join(dir, 'out'), { recursive: true }) as string[]).filter((f) =>
      /\.[a-z]+$/.test(f),
    );
    expect(new Set(all.map((f) => f.slice(f.lastIndexOf('.'))))).toEqual(
      new Set(['.csv', '.json', '.gexf', '.graphml', '.txt', '.html']),
    );
    for (const f of all) {
      expect(labelProblem(f, readFileSync(join(dir, 'out', f), 'utf8'), PURPOSE_LABEL), f).toBe('');
    }
    // metrics.csv and network-summary.csv carry the notes the metrics command writes (before:
    // the purpose label alone): the network's date and what each column counts, Louvain's seed.
    const head = (f: string) =>
      readFileSync(join(dir, 'out', f), 'utf8')
        .split('\n')
        .slice(1, 7);
    const network =
      '"# co-offending network as of 2024-01-01, from the records dated 2018-01-01 to the day before: 800 people, 3187 ties"';
    expect(head('metrics.csv')).toEqual([
      network,
      '# degree: distinct co-offenders; strength: Σ over shared incidents of 0.5^(age in days at 2024-01-01 ÷ 365); core_number: the k-core the person is in',
      '"# pagerank: share of a walk that follows ties by strength (damping 0.85), summing to 1 over everyone; betweenness: share of the shortest paths (in steps) between two other people that pass through the person, ÷ (n − 1)(n − 2)"',
      '"# betweenness: exact (800 people × 3187 ties is within the exact budget of 1e+8, so all 800 people were sources instead of 256 pivots)."',
      '"# community: Louvain on tie strength (seed 2), 0 = the largest; component: connected group, 0 = the largest"',
      'person_id,degree,strength,core_number,pagerank,betweenness,community,component,group,incidents,victimisations',
    ]);
    expect(head('network-summary.csv').slice(0, 3)).toEqual([
      network,
      '"# degree: distinct co-offenders; density: ties ÷ possible pairs; shares, transitivity and clustering run from 0 to 1; degree_centralisation: Freeman, 1 for a star"',
      expect.stringMatching(/^nodes,edges,/),
    ]);
    expect(r.stdout).toContain('violence-contagion demo: synthetic city, seed 2');
    expect(r.stdout).toMatch(/^rows left out at validation\s+0$/m);
    expect(r.stdout).toContain('open out/report.html in a browser');
    const summary = JSON.parse(readFileSync(join(dir, 'out/summary.json'), 'utf8'));
    expect(
      summary.figures.find((f: { measure: string }) => f.measure === 'people listed').value,
    ).toBe(100);
  });

  it('the demo records validate cleanly with the CLI too', async () => {
    const dir = tempDir();
    await cli(['demo', '--out', 'out', '--people', '300', '--seed', '5', '-q'], { cwd: dir });
    const d = join(dir, 'out/data');
    const r = await cli([
      'validate',
      '--incidents',
      join(d, 'incidents.csv'),
      '--involvements',
      join(d, 'involvements.csv'),
      '--people',
      join(d, 'people.csv'),
    ]);
    expect(r.code).toBe(0);
  });
});

// 'ingest' and 'analyse', what an analyst types first, were "error: unknown command 'ingest'"
// with no command named (commander suggests only names a few letters away) and no list.
describe('a command under another name', () => {
  it("'ingest' names validate, 'analyse' report; a typo the closest; every one lists the commands (exit 2)", async () => {
    const commands = `(commands: ${SUBCOMMANDS.join(', ')})`;
    const ingest = await cli(['ingest', '--incidents', 'x.csv']);
    expect(ingest.code).toBe(2);
    expect(ingest.stdout).toBe('');
    expect(ingest.stderr).toBe(
      `error: unknown command 'ingest'\n(To ingest, use validate (it reads and checks the records and lists every row left out).)\n${commands}\n(run 'violence-contagion <command> --help' for usage and an example)\n`,
    );
    const analyse = await cli(['analyse']);
    expect(analyse.code).toBe(2);
    expect(analyse.stderr).toContain(
      `error: unknown command 'analyse'\n(To analyse, use report (the whole analysis, as one HTML file), or metrics, cascades, fit, rank for one part of it.)\n${commands}`,
    );
    const typo = await cli(['rnak']);
    expect(typo.stderr).toContain(
      `error: unknown command 'rnak'\n(Did you mean rank?)\n${commands}`,
    );
    // `help <name>` says the same.
    const help = await cli(['help', 'import']);
    expect(help.code).toBe(2);
    expect(help.stderr).toContain(
      `error: unknown command 'import'\n(To import, use validate (it reads and checks the records and lists every row left out).)\n${commands}`,
    );
  });

  // With --help, 'ingest --help' printed the program's help and exited 0, naming no command.
  it("with --help too: 'ingest --help' is the same usage error (exit 2); 'rank --help' is rank's help", async () => {
    const commands = `(commands: ${SUBCOMMANDS.join(', ')})`;
    for (const argv of [
      ['ingest', '--help'],
      ['-q', 'ingest', '-h'],
    ]) {
      const r = await cli(argv);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        `error: unknown command 'ingest'\n(To ingest, use validate (it reads and checks the records and lists every row left out).)\n${commands}\n(run 'violence-contagion <command> --help' for usage and an example)\n`,
      );
    }
    const typo = await cli(['rnak', '--help']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain(
      `error: unknown command 'rnak'\n(Did you mean rank?)\n${commands}`,
    );
    const rank = await cli(['rank', '--help']);
    expect(rank.code).toBe(0);
    expect(rank.stdout).toContain('Usage: violence-contagion rank [options]');
    const program = await cli(['--help']);
    expect(program.code).toBe(0);
    expect(program.stdout).toContain('Usage: violence-contagion [options] [command]');
  });
});
