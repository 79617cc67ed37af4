import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { OptionError } from '../../src/core/errors.js';
import { ingest, pseudonymise, pseudonymiseDataset } from '../../src/ingest/index.js';
import { exportList, listMetadata } from '../../src/outreach/purpose.js';
import { rankForOutreach } from '../../src/outreach/rank-for-outreach.js';
import { makeDataset } from '../helpers.js';

const KEY = 'a long secret kept by the data owner';

describe('pseudonymise', () => {
  it('pseudonymise(id, key) is P- and the first 12 hex digits of HMAC-SHA256(key, id)', () => {
    const expected = bytesToHex(hmac(sha256, utf8ToBytes(KEY), utf8ToBytes('N100'))).slice(0, 12);
    expect(pseudonymise('N100', KEY)).toBe(`P-${expected}`);
    expect(pseudonymise('N100', KEY)).toMatch(/^P-[0-9a-f]{12}$/);
  });

  it('is stable for the same key and differs between keys and ids', () => {
    expect(pseudonymise('N100', KEY)).toBe(pseudonymise('N100', KEY));
    expect(pseudonymise('N100', KEY)).not.toBe(pseudonymise('N100', `${KEY}!`));
    expect(pseudonymise('N100', KEY)).not.toBe(pseudonymise('N101', KEY));
    expect(pseudonymise('N100', utf8ToBytes(KEY))).toBe(pseudonymise('N100', KEY));
  });

  it('refuses a key shorter than 16 bytes (128 bits), saying how to generate one', () => {
    expect(() => pseudonymise('N100', '')).toThrow(OptionError);
    expect(() => pseudonymise('N100', 'k')).toThrow(
      /key is 1 byte; at least 16 bytes \(128 bits\) are needed.*randomBytes\(32\)/,
    );
    expect(() => pseudonymise('N100', 'fifteen bytes!!')).toThrow(/15 bytes/);
    expect(() => pseudonymise('N100', new Uint8Array(15))).toThrow(/15 bytes/);
    expect(pseudonymise('N100', new Uint8Array(16))).toMatch(/^P-[0-9a-f]{12}$/);
    expect(() =>
      ingest(
        { incidents: 'incident_id,date,severity\nI1,2021-01-01,1\n' },
        { pseudonymise: { key: 'short' } },
      ),
    ).toThrow(/ingest: the pseudonymisation key is 5 bytes/);
    expect(() =>
      rankForOutreach(makeDataset([]), { asOf: '2024-01-01', pseudonymise: { key: 'x' } }),
    ).toThrow(OptionError);
  });

  it('every list states truthfully whether ids are pseudonymised, whichever stage did it', () => {
    const data = makeDataset(
      [
        ['I1', '2023-01-01', 3, ['A', 'B'], ['C']],
        ['I2', '2023-06-01', 3, ['B', 'C'], ['A']],
        ['I3', '2023-09-01', 3, ['A', 'C'], ['B']],
      ],
      {},
    );
    const asOf = '2024-01-01';
    const plain = listMetadata(rankForOutreach(data, { asOf }))!;
    expect(plain.pseudonymised).toBe(false);
    expect(plain.summary).toContain('Person ids are as given in the records (not pseudonymised).');
    // Pseudonymised before the list was made: the list itself was given no key, yet says so.
    for (const safe of [
      pseudonymiseDataset(data, KEY),
      ingest(
        {
          incidents: 'incident_id,date,severity\nI1,2023-01-01,3\nI2,2023-06-01,3\n',
          involvements:
            'incident_id,person_id,role\nI1,A,offender\nI1,B,victim\nI2,B,offender\nI2,A,victim\n',
        },
        { now: asOf, pseudonymise: { key: KEY } },
      ).data,
    ]) {
      expect(safe.pseudonymised).toBe(true);
      const meta = listMetadata(rankForOutreach(safe, { asOf, minEvidence: { records: 1 } }))!;
      expect(meta.pseudonymised).toBe(true);
      expect(meta.parameters.pseudonymised).toBe(true);
      expect(meta.summary).toContain('Person ids are keyed pseudonyms.');
      expect(exportList(rankForOutreach(safe, { asOf, minEvidence: { records: 1 } }))).toContain(
        '"pseudonymised"":true',
      );
    }
  });

  it('pseudonymiseDataset replaces person ids in involvements and people, leaving incidents alone', () => {
    const data = makeDataset([['I1', '2021-01-01', 1, ['A', 'B'], ['C']]], { A: 'g1' });
    const safe = pseudonymiseDataset(data, KEY);
    expect(safe.incidents).toBe(data.incidents);
    expect(safe.involvements.map((v) => v.person_id)).toEqual(
      ['A', 'B', 'C'].map((id) => pseudonymise(id, KEY)),
    );
    expect(safe.people).toEqual([{ person_id: pseudonymise('A', KEY), group: 'g1' }]);
    expect(data.involvements[0].person_id).toBe('A');
  });

  it('ingest with pseudonymise: { key } pseudonymises output ids and ids in problem reasons', () => {
    const { data, rejected, summary } = ingest(
      {
        incidents: 'incident_id,date,severity\nI1,2021-01-01,1\n',
        involvements: 'incident_id,person_id,role\nI1,A,offender\nI1,A,offender\n',
        people: 'person_id,group\nA,g1\n',
      },
      { now: '2025-01-01', pseudonymise: { key: KEY } },
    );
    const p = pseudonymise('A', KEY);
    expect(data.involvements).toEqual([{ incident_id: 'I1', person_id: p, role: 'offender' }]);
    expect(data.people).toEqual([{ person_id: p, group: 'g1' }]);
    expect(rejected[0].value).toBe(p);
    expect(rejected[0].reason).toContain(`person '${p}'`);
    expect(rejected[0].reason).not.toContain("'A'");
    expect(summary.pseudonymised).toBe(true);
  });
});
