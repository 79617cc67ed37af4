import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coOffendingEdges } from '../../src/graph/co-offending-graph.js';
import { analyse } from '../../src/outreach/analyse.js';
import { renderReport, reportInput } from '../../src/report/index.js';
import { makeDataset } from '../helpers.js';
import { cli, inputArgs, tempDir, writeFiles } from './helpers.js';

/**
 * A team with records but no serious event in the window got "report refused: no incident of
 * severity 3 or more …" and no report at all, not even the network. The report is written: the
 * network's key figures and the data's warnings, and where the list, the drawing of a listed
 * person's network and the summary's list would be, a plain statement that there is no serious
 * event to model, so no list and no contagion figures. Never NaN, never an empty drawing.
 */
describe('a report on records with no serious event', () => {
  /** Burglaries only, 2023: 30 incidents among 9 people. */
  const burglaries = (dir: string) => {
    const inc = ['incident_id,date,offence'];
    const inv = ['incident_id,person_id,role'];
    for (let i = 1; i <= 30; i++) {
      inc.push(`${i},2023-${String(1 + (i % 12)).padStart(2, '0')}-${10 + (i % 15)},Burglary`);
      inv.push(`${i},P${i % 9},offender`, `${i},P${(i + 4) % 9},offender`);
    }
    return inputArgs(
      writeFiles(dir, {
        'incidents.csv': `${inc.join('\n')}\n`,
        'involvements.csv': `${inv.join('\n')}\n`,
      }),
    );
  };
  const STATEMENT =
    "No incident of severity 3 or more in the records from 2023-01-19 to 2023-12-21, so there is no serious event to model: no list of people and no contagion figures are given. What the records do show is here: the network's key figures, the data's warnings and any retaliation cascades.";

  it('the CLI writes the report (exit 0) with the statement, the figures and no drawing', async () => {
    const dir = tempDir();
    const out = join(dir, 'report.html');
    const r = await cli(['report', ...burglaries(dir), '--out', out]);
    // Before: exit 1, "error: report refused: no incident of severity 3 or more …", no file.
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`warning: ${STATEMENT}\n`);
    const html = readFileSync(out, 'utf8');
    const body = html.slice(0, html.indexOf('<script type="application/json"'));
    // In place of the list and on the case-meeting summary.
    expect(
      body.split(`<p class="vc-no-list">${STATEMENT.replace(/'/g, '&#39;')}</p>`),
    ).toHaveLength(3);
    expect(body).toContain(
      "Nobody is listed, so no person's network is drawn. The co-offending network as of 2023-12-22: 9 people and 9 ties between them.",
    );
    expect(body).toContain('<dt>people in the network</dt><dd>9</dd>');
    expect(body).toContain('<dt>incidents in the window</dt><dd>30</dd>');
    expect(body).toContain('Data window 2017-12-22 to 2023-12-21 · as of 2023-12-22');
    // No empty table, no empty drawing, no figure of a model, no NaN.
    expect(body).not.toContain('id="vc-ranked"');
    expect(body).not.toContain('id="vc-network"');
    expect(body).not.toContain('The first 0 of');
    expect(body).not.toContain('vc-contagion-section');
    expect(body).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('reportInput: noList instead of a list; never both, never empty', () => {
    const data = makeDataset([
      ['I1', '2023-01-10', 1, ['A', 'B'], []],
      ['I2', '2023-02-10', 2, ['B', 'C'], []],
    ]);
    const asOf = '2023-03-01';
    // analyse refuses (code no-events) as before: the report's sources are made without it.
    expect(() => analyse(data, { asOf })).toThrow(/no incident of severity 3 or more/);
    const sources = { data, asOf, network: coOffendingEdges(data, { asOf }) };
    const input = reportInput({ ...sources, noList: 'No serious event.' });
    expect(input.ranked).toEqual([]);
    expect(input.noList).toBe('No serious event.');
    expect(input.window).toEqual({ from: '2017-03-01', to: '2023-03-01' });
    expect(input.summary?.find((s) => s.label === 'people in the network')?.value).toBe(3);
    const html = renderReport(input);
    expect(html).toContain('<p class="vc-no-list">No serious event.</p>');
    expect(() => reportInput({ ...sources, noList: ' ' })).toThrow(
      /sources.noList must say why there is no list/,
    );
    // A list and noList together: which is it?
    expect(() => reportInput({ ...sources, noList: 'x', list: {} } as never)).toThrow(
      /noList says there is no list, but list is given/,
    );
  });

  it('renderReport: an empty list says so, in place of an empty table and drawing', () => {
    const html = renderReport({
      purpose: 'For voluntary outreach and support; not for enforcement or investigative use.',
      window: { from: '2018-01-01', to: '2024-01-01' },
      ranked: [],
      warnings: ['Nobody is listed: none of the 10 people … has a score above 0.'],
    });
    expect(html).toContain(
      '<p class="vc-no-list">Nobody is listed; the warnings above say why.</p>',
    );
    expect(html).not.toContain('id="vc-network"');
  });
});
