import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toDay } from '../../src/core/time.js';
import type { Dataset, Incident, Involvement, Severity } from '../../src/core/types.js';
import { cli, datasetCsvArgs, EXPORT_ARGS, EXPORT_DIR, tempDir, writeFiles } from './helpers.js';

/** A small street network: 16 people, 40 incidents over 18 months, severities 0–2 plus `serious`. */
function degenerate(kind: 'one-date' | 'one-shooting' | 'no-serious'): Dataset {
  const incidents: Incident[] = [];
  const involvements: Involvement[] = [];
  for (let i = 0; i < 40; i++) {
    const date =
      kind === 'one-date'
        ? '2022-05-01'
        : new Date(Date.UTC(2022, 0, 3) + i * 13 * 86_400_000).toISOString().slice(0, 10);
    const serious = kind !== 'no-serious' && i === 30;
    const severity = (serious ? 3 : i % 3) as Severity;
    const id = `I${String(i).padStart(3, '0')}`;
    incidents.push({
      incident_id: id,
      date,
      day: toDay(date),
      offence: serious ? 'Shooting' : severity > 0 ? 'Assault' : 'Theft',
      severity,
      ...(serious ? { weapon: 'firearm' as const } : {}),
    });
    const a = `P${i % 16}`;
    const b = `P${(i * 5 + 3) % 16}`;
    involvements.push({
      incident_id: id,
      person_id: a,
      role: severity > 0 ? 'victim' : 'offender',
    });
    if (b !== a) involvements.push({ incident_id: id, person_id: b, role: 'offender' });
  }
  return { incidents, involvements, people: [], auditColumns: [] };
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

const BAD = /\bNaN\b|Infinity/;

type Kind = 'one-date' | 'one-shooting' | 'no-serious' | 'police-export' | 'police-export-undated';

/** CLI input arguments for each kind of data (written under `dir`). */
function inputFor(kind: Kind, dir: string): string[] {
  if (kind === 'police-export') return [...EXPORT_ARGS];
  if (kind === 'police-export-undated') {
    // The project's example export with every incident dated 01/06/2023.
    const text = readFileSync(join(EXPORT_DIR, 'incidents.csv'), 'utf8').trimEnd().split('\n');
    const oneDate = [
      text[0],
      ...text.slice(1).map((l) => l.replace(/,\d\d\/\d\d\/\d{4},/, ',01/06/2023,')),
    ];
    const p = writeFiles(join(dir, 'in'), { 'incidents.csv': `${oneDate.join('\n')}\n` });
    const args = [...EXPORT_ARGS];
    args[args.indexOf(join(EXPORT_DIR, 'incidents.csv'))] = p['incidents.csv'];
    return args;
  }
  return datasetCsvArgs(join(dir, 'in'), degenerate(kind));
}

describe('no NaN or Infinity in anything the CLI writes, on degenerate data', () => {
  const kinds: Kind[] = [
    'one-date',
    'one-shooting',
    'no-serious',
    'police-export',
    'police-export-undated',
  ];
  for (const kind of kinds) {
    it(`${kind}: every command's stdout, stderr and files are free of NaN and Infinity`, async () => {
      const dir = tempDir(`vc-nan-${kind}-`);
      const input = inputFor(kind, dir);
      const police = kind.startsWith('police');
      // A shooting to trace from: 23/0105 in the export, I030 in the synthetic data.
      const traced = police ? '23/0105' : 'I030';
      const out = join(dir, 'out');
      const runs: [string, string[]][] = [
        ['validate', ['validate', ...input]],
        ['graph', ['graph', ...input, '--out', join(out, 'graph.graphml')]],
        ['metrics', ['metrics', ...input, '--out', join(out, 'metrics.csv')]],
        ['summary', ['metrics', ...input, '--summary', '--format', 'json']],
        ['cascades', ['cascades', ...input, '--out', join(out, 'cascades.csv')]],
        ['fit', ['fit', ...input, '--out', join(out, 'fit.json')]],
        ['rank', ['rank', ...input, '--out', join(out, 'rank.csv')]],
        [
          'rank-exposure',
          ['rank', ...input, '--model', 'exposure', '--out', join(out, 'rank-exposure.csv')],
        ],
        ['plan', ['plan', ...input, '--capacity', '3', '--out', join(out, 'plan.csv')]],
        ['trace', ['trace', traced, ...input, '--out', join(out, 'trace.csv')]],
        ['backtest', ['backtest', ...input, '--cuts', '2', '--format', 'json']],
        [
          'backtest-csv',
          [
            'backtest',
            ...input,
            '--cuts',
            '1',
            '--horizon-days',
            '30',
            '--out',
            join(out, 'bt.csv'),
          ],
        ],
        ['report', ['report', ...input, '--cuts', '0', '--out', join(out, 'report.html')]],
        [
          'report-plan',
          ['report', ...input, '--cuts', '0', '--plan', '3', '--out', join(out, 'plan.html')],
        ],
        [
          'report-backtest',
          [
            'report',
            ...input,
            '--cuts',
            '1',
            '--horizon-days',
            '30',
            '--out',
            join(out, 'r2.html'),
          ],
        ],
      ];
      const codes: Record<string, number> = {};
      for (const [name, argv] of runs) {
        const r = await cli(argv);
        codes[name] = r.code;
        // A refusal is one line: "error: …" (validate's exit 1 is its table of rejected rows).
        if (r.code === 1 && name !== 'validate')
          expect(r.stderr.split('\n').filter((l) => l.startsWith('error: '))).toHaveLength(1);
        expect(r.code, `${name}: ${r.stderr}`).toBeLessThan(2); // never a usage error or a crash
        expect(r.stdout, `${name} stdout`).not.toMatch(BAD);
        expect(r.stderr, `${name} stderr`).not.toMatch(BAD);
      }
      let files = 0;
      for (const f of filesUnder(out)) {
        // In a report, only the code (d3 and the viewer, inline <script> without a type) is left
        // out: the text, the tables and the embedded JSON data are all checked.
        const text = readFileSync(f, 'utf8').replace(/<script>[\s\S]*?<\/script>/g, '');
        expect(text, f).not.toMatch(BAD);
        files++;
      }
      if (kind === 'one-date' || kind === 'police-export-undated') {
        expect(codes).toMatchObject({
          fit: 1,
          rank: 1,
          backtest: 1,
          report: 1,
          cascades: 1,
          metrics: 0,
        });
      } else if (kind === 'police-export') {
        // Five and a half months of records: two 90-day cuts do not fit (refused, saying how
        // many do); one 30-day cut does; the rest runs.
        expect(codes).toMatchObject({
          metrics: 0,
          cascades: 0,
          rank: 0,
          trace: 0,
          backtest: 1,
          'backtest-csv': 0,
          report: 0,
          'report-backtest': 0,
        });
      } else if (kind === 'no-serious') {
        expect(codes).toMatchObject({ fit: 1, rank: 1, metrics: 0 });
      } else {
        // One serious event: the contagion model refuses (one event date); the exposure score lists.
        expect(codes).toMatchObject({
          metrics: 0,
          cascades: 0,
          trace: 0,
          fit: 1,
          'rank-exposure': 0,
        });
      }
      expect(files).toBeGreaterThanOrEqual(2);
    });
  }
});
