import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { cli, inputArgs, tempDir, writeFiles } from '../cli/helpers.js';

// A label column some of whose cells a spreadsheet export marked as text ('High beside High) was
// told to set severityLevels: { 'High': <0–4>, ''High': <0–4>, … } — a key for the marked
// spelling, written on the command line as the broken JSON '"High": <0–4>. A label holding a ' was
// written unescaped too ('Don't know'), which the command line's JSON could not read either.
const LABELS = ['High', "'High", 'Medium', 'Low', "Don't know", 'HIGH'];
const incidents = `incident_id,date,Grade\n${Array.from({ length: 36 }, (_, i) => `I${i},2023-01-${String(1 + (i % 28)).padStart(2, '0')},${LABELS[i % 6]}`).join('\n')}\n`;
const involvements = `incident_id,person_id,role\n${Array.from({ length: 36 }, (_, i) => `I${i},P${i % 7},offender`).join('\n')}\n`;
const options = { now: '2025-01-01', mapping: { severity: 'Grade' } };

describe('a label column with spreadsheet marks: the map names each label once', () => {
  it('the map to fill in has High once (not ’High, not HIGH), and the marks are named', () => {
    let message = '';
    try {
      ingest({ incidents, involvements }, options);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe(
      "incidents: the severity column 'Grade' is not on a 0–4 scale: its values are ''High' (6), 'Don't know' (6), 'HIGH' (6), 'High' (6), 'Low' (6), 'Medium' (6); 36 of the 36 are not a whole number 0–4 (severity here is 0–4: 4 a homicide, 0 no violence). " +
        "Set severityLevels to each value's level 0–4: { 'High': <0–4>, 'Don\\'t know': <0–4>, 'Low': <0–4>, 'Medium': <0–4> }; or, to keep 0–4 and reject the other values row by row, { '0': 0, '1': 1, '2': 2, '3': 3, '4': 4 }. " +
        "6 of the values are marked by a spreadsheet export (''High' is 'High' with a leading '): save the column without the marks, or severityLevels rejects those rows.",
    );
  });

  it('the command line writes the map as JSON a --map file can hold', async () => {
    const p = writeFiles(tempDir(), {
      'incidents.csv': incidents,
      'involvements.csv': involvements,
      'map.json': JSON.stringify({ mapping: { severity: 'Grade' } }),
    });
    const r = await cli([
      'validate',
      ...inputArgs(p),
      '--map',
      p['map.json'],
      '--now',
      '2025-01-01',
    ]);
    expect(r.code).toBe(1);
    const map = /level 0–4: (\{[^}]*\})/.exec(r.stderr)?.[1];
    expect(JSON.parse(map!.replace(/<0–4>/g, '0'))).toEqual({
      High: 0,
      "Don't know": 0,
      Low: 0,
      Medium: 0,
    });
  });
});
