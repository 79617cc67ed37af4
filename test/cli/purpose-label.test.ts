import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PURPOSE_LABEL } from '../../src/core/purpose.js';
import { cli, EXPORT_ARGS, labelProblem, tempDir } from './helpers.js';

// Every file a command writes carries the purpose label where a reader meets it first (the demo,
// which writes every kind at once, is checked in program.test.ts).
describe('the purpose label on every file the CLI writes', () => {
  it('graph, metrics, cascades, validate, fit, trace, backtest and report outputs, in every format', async () => {
    const dir = tempDir();
    const o = (name: string) => ['--out', join(dir, name)];
    const runs: string[][] = [
      ['graph', ...EXPORT_ARGS, ...o('graph.gexf')],
      ['graph', ...EXPORT_ARGS, ...o('graph.graphml')],
      ['graph', ...EXPORT_ARGS, ...o('graph.json')],
      ['graph', ...EXPORT_ARGS, '--kind', 'victimisation', ...o('victims.graphml')],
      ['metrics', ...EXPORT_ARGS, ...o('metrics.json')],
      ['cascades', ...EXPORT_ARGS, '--links', ...o('links.json')],
      ['validate', ...EXPORT_ARGS, ...o('validation.txt')],
      ['validate', ...EXPORT_ARGS, ...o('validation.json')],
      ['validate', ...EXPORT_ARGS, ...o('validation.csv')],
      ['fit', ...EXPORT_ARGS, ...o('fit.json')],
      ['fit', ...EXPORT_ARGS, ...o('fit.csv')],
      ['rank', ...EXPORT_ARGS, ...o('rank.json')],
      ['trace', 'I030', ...EXPORT_ARGS, ...o('trace.json')],
      ['backtest', ...EXPORT_ARGS, '--cuts', '1', ...o('backtest.txt')],
      ['report', ...EXPORT_ARGS, '--cuts', '0', ...o('report.html')],
    ];
    for (const argv of runs) {
      const r = await cli([...argv, '-q']);
      expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBeLessThan(2);
    }
    const files = readdirSync(dir);
    expect(files.length).toBeGreaterThanOrEqual(12);
    for (const f of files) {
      expect(labelProblem(f, readFileSync(join(dir, f), 'utf8'), PURPOSE_LABEL), f).toBe('');
    }
  });

  it('JSON on stdout leads with the label too (arrays as { purpose, rows })', async () => {
    const r = await cli(['metrics', ...EXPORT_ARGS, '--format', 'json', '-q']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(['purpose', 'rows']);
    expect(j.purpose).toBe(PURPOSE_LABEL);
  });
});
