import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OptionError } from '../../src/core/errors.js';
import { IngestError } from '../../src/ingest/index.js';
import { type IngestFileEncodings, ingestFiles } from '../../src/node/index.js';

// ingestFiles took one encoding for every file, so an export that mixes a windows-1252 incidents
// file with a UTF-8 involvements file had one of them read wrong (encoding: 'windows-1252' read
// 'José' in the UTF-8 file as 'JosÃ©'; without it the incidents file was refused), while the
// command line takes one per table (--encoding incidents=windows-1252).
const dir = mkdtempSync(join(tmpdir(), 'vc-encodings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const incidents = join(dir, 'incidents.csv');
writeFileSync(
  incidents,
  Buffer.from(
    'incident_id,date,severity,offence\nI1,2021-01-01,3,Agression à main armée\n',
    'latin1',
  ),
);
const involvements = join(dir, 'involvements.csv');
writeFileSync(involvements, 'incident_id,person_id,role\nI1,José,offender\nI1,Bø,victim\n');
const paths = { incidents, involvements };
const read = (encoding: string | IngestFileEncodings | undefined) =>
  ingestFiles(paths, { now: '2025-01-01', encoding });
const thrown = (call: () => unknown): Error => {
  try {
    call();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the call to throw');
};

describe("ingestFiles's encoding, one per table", () => {
  it('reads each file with its own: { incidents: windows-1252 }, the others UTF-8', () => {
    for (const encoding of [
      { incidents: 'windows-1252' },
      { involvements: 'utf-8', default: 'windows-1252' },
      { incidents: 'latin1', involvements: 'utf8' },
    ]) {
      const r = read(encoding);
      expect(r.data.incidents[0].offence).toBe('Agression à main armée');
      expect(r.data.involvements.map((v) => v.person_id)).toEqual(['José', 'Bø']);
      expect(r.summary.warnings.join('\n')).not.toMatch(/valid UTF-8/);
    }
  });

  it('one label for every file, as before; its advice names the per-table form', () => {
    const r = read('windows-1252');
    expect(r.data.involvements.map((v) => v.person_id)).toEqual(['JosÃ©', 'BÃ¸']);
    expect(r.summary.warnings[0]).toBe(
      `'${involvements}' was read as windows-1252, but it is valid UTF-8 with 2 letters beyond ASCII, each read as two or three characters (line 2: 'I1,JosÃ©,offender', in UTF-8 'I1,José,offender'): if it was saved as UTF-8, read it with encoding: { involvements: 'utf-8', default: 'windows-1252' } (or no encoding, when every file is UTF-8), or ids such as 'José' become 'JosÃ©'`,
    );
    // Read per table with the wrong label, the advice names that table's option.
    expect(
      read({ involvements: 'windows-1252', incidents: 'windows-1252' }).summary.warnings[0],
    ).toMatch(
      /read it with encoding\.involvements: 'utf-8' \(or no encoding, when every file is UTF-8\)/,
    );
    // Not UTF-8 and none given: the file's own option first, every file's after it.
    const e = thrown(() => read(undefined));
    expect(e).toBeInstanceOf(IngestError);
    expect(e.message).toMatch(
      /pass its encoding, e\.g\. \{ encoding: \{ incidents: 'windows-1252' \} \} \(Excel on Windows\) or 'latin1', or \{ encoding: 'windows-1252' \} for every file$/,
    );
  });

  it('refuses a misspelt table, a table with no file, a label no decoder knows, naming the option', () => {
    const refused = (encoding: unknown, option: string, message: string) => {
      const e = thrown(() => read(encoding as never));
      expect(e).toBeInstanceOf(OptionError);
      expect((e as OptionError).option).toBe(option);
      expect(e.message).toBe(message);
    };
    refused(
      { incident: 'windows-1252' },
      'encoding.incident',
      "ingestFiles: unknown option 'encoding.incident'. Did you mean 'encoding.incidents'? Valid options of encoding: incidents, involvements, people, default.",
    );
    refused(
      { people: 'utf-8', default: 'windows-1252' },
      'encoding.people',
      "ingestFiles: option 'encoding.people' names the people file, but no people path is given; give the file, or leave encoding.people out.",
    );
    refused(
      { incidents: 'windows1252' },
      'encoding.incidents',
      "ingestFiles: option 'encoding.incidents' 'windows1252' is not an encoding (did you mean 'windows-1252'?); give a label such as 'windows-1252' (Excel on Windows), 'latin1', 'iso-8859-15' or 'utf-8'.",
    );
    refused(
      'latin-1',
      'encoding',
      "ingestFiles: option 'encoding' 'latin-1' is not an encoding (did you mean 'latin1'?); give a label such as 'windows-1252' (Excel on Windows), 'latin1', 'iso-8859-15' or 'utf-8'.",
    );
    refused(
      { incidents: '' },
      'encoding.incidents',
      "ingestFiles: option 'encoding.incidents' must be a non-empty string, got ''.",
    );
    refused(
      5,
      'encoding',
      "ingestFiles: option 'encoding' must be a non-empty string, or an object, got 5.",
    );
  });
});
