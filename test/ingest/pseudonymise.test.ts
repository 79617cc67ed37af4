import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { ingest, pseudonymise, pseudonymiseDataset } from '../../src/ingest/index.js';
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

  it('refuses an empty key', () => {
    expect(() => pseudonymise('N100', '')).toThrow(/key must not be empty/);
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
