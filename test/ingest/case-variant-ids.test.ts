// One person's id written two ways (exports merged from two systems, ids typed by hand) splits
// them into two people in the network. Ingest keeps the ids apart (they may be two people) and
// says so.
import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { ingest, ingestByColumns } from '../../src/ingest/ingest.js';

const incidents = [
  { incident_id: 'i1', date: '2023-01-05', offence: 'robbery', severity: 2 },
  { incident_id: 'i2', date: '2023-02-05', offence: 'robbery', severity: 2 },
  { incident_id: 'i3', date: '2023-03-05', offence: 'shooting', severity: 3 },
];
const involvements = [
  { incident_id: 'i1', person_id: 'AB12', role: 'offender' },
  { incident_id: 'i1', person_id: 'CD34', role: 'offender' },
  { incident_id: 'i2', person_id: 'ab12', role: 'offender' },
  { incident_id: 'i2', person_id: 'EF56', role: 'offender' },
  { incident_id: 'i3', person_id: 'AB 12', role: 'victim' },
  { incident_id: 'i3', person_id: 'Müller', role: 'other' },
  { incident_id: 'i3', person_id: 'MÜLLER', role: 'other' },
  { incident_id: 'i3', person_id: 'ZZ99', role: 'other' },
];
const variantWarning = (w: readonly string[]) =>
  w.find((x) => x.includes("only in letter case, spaces, leading zeros or a trailing '.0'"));

describe("ingest: person ids that differ only in letter case, spaces, leading zeros or a trailing '.0'", () => {
  it('keeps them apart and warns, naming how many and one pair', () => {
    const r = ingest({ incidents, involvements });
    // Nothing merged, nothing dropped: eight distinct ids as written.
    expect(r.summary.rejected).toBe(0);
    expect(new Set(r.data.involvements.map((v) => v.person_id)).size).toBe(8);
    const w = variantWarning(r.summary.warnings);
    // 'ab12' and 'AB 12' repeat 'AB12'; 'MÜLLER' repeats 'Müller'. The pair named is the first in
    // code-unit order.
    expect(w).toBe(
      "people: 3 person ids differ from another only in letter case, spaces, leading zeros or a trailing '.0' (e.g. 'AB 12' and 'AB12'), so they are read as different people; if the export wrote one person's id both ways, write it one way before ingest (the network would split them)",
    );
  });

  it('names the same pair whatever order the ids come in (three ways of writing one id)', () => {
    // 'p10', 'P10' and 'P 10': the pair first in code-unit order is 'P 10' and 'P10', whichever
    // of the three is read first (it was 'P 10' and 'p10' when 'p10' came first).
    const three = (order: string[]) =>
      variantWarning(
        ingest({
          incidents,
          involvements: order.map((person_id, k) => ({
            incident_id: `i${(k % 3) + 1}`,
            person_id,
            role: 'offender',
          })),
        }).summary.warnings,
      );
    const expected =
      "people: 2 person ids differ from another only in letter case, spaces, leading zeros or a trailing '.0' (e.g. 'P 10' and 'P10'), so they are read as different people; if the export wrote one person's id both ways, write it one way before ingest (the network would split them)";
    expect(three(['P10', 'p10', 'P 10'])).toBe(expected);
    expect(three(['p10', 'P10', 'P 10'])).toBe(expected);
    expect(three(['p10', 'P 10', 'P10'])).toBe(expected);
  });

  it('says the same on the columnar path', () => {
    const cols = ingestByColumns({
      incidents: aq.from(incidents),
      involvements: aq.from(involvements),
    });
    expect(variantWarning(cols.summary.warnings)).toBe(
      variantWarning(ingest({ incidents, involvements }).summary.warnings),
    );
  });

  it('names no id when the ids are pseudonymised', () => {
    const key = 'a key of at least sixteen characters';
    for (const r of [
      ingest({ incidents, involvements }, { pseudonymise: { key } }),
      ingestByColumns(
        { incidents: aq.from(incidents), involvements: aq.from(involvements) },
        { pseudonymise: { key } },
      ),
    ]) {
      const w = variantWarning(r.summary.warnings);
      expect(w).toMatch(
        /^people: 3 person ids differ from another only in letter case, spaces, leading zeros or a trailing '.0', so they/,
      );
      expect(w).not.toMatch(/AB12|ab12|Müller/);
    }
  });

  it('is silent when ids differ otherwise, or when hashes collide by chance', () => {
    const plain = involvements.filter((v) => !['ab12', 'AB 12', 'MÜLLER'].includes(v.person_id));
    expect(
      variantWarning(ingest({ incidents, involvements: plain }).summary.warnings),
    ).toBeUndefined();
    // Many distinct ids (32-bit hashes of 200,000 ids collide by chance about 5 times): no warning.
    const many = Array.from({ length: 200_000 }, (_, i) => ({
      incident_id: 'i1',
      person_id: `p${i.toString(36)}`,
      role: 'other',
    }));
    expect(
      variantWarning(ingest({ incidents, involvements: many }).summary.warnings),
    ).toBeUndefined();
  });
});

describe('ingest: person ids of digits that differ only in leading zeros', () => {
  // One table read through Excel (which drops leading zeros) beside one that was not: '00388'
  // and '388' are one person split in two. Before: no warning at all.
  const zeros = [
    { incident_id: 'i1', person_id: '00388', role: 'offender' },
    { incident_id: 'i1', person_id: '00412', role: 'offender' },
    { incident_id: 'i2', person_id: '388', role: 'offender' },
    { incident_id: 'i2', person_id: '0', role: 'other' },
    { incident_id: 'i3', person_id: '00', role: 'victim' },
    { incident_id: 'i3', person_id: 'A0388', role: 'other' },
    { incident_id: 'i3', person_id: 'A388', role: 'other' },
  ];
  const expected =
    "people: 2 person ids differ from another only in letter case, spaces, leading zeros or a trailing '.0' (e.g. '0' and '00'), so they are read as different people; if the export wrote one person's id both ways, write it one way before ingest (the network would split them)";

  it('keeps them apart and warns on both paths; ids with letters keep their zeros', () => {
    const r = ingest({ incidents, involvements: zeros });
    expect(r.summary.rejected).toBe(0);
    expect(new Set(r.data.involvements.map((v) => v.person_id)).size).toBe(7);
    // '388' repeats '00388', '00' repeats '0'; 'A388' and 'A0388' are two ids.
    expect(variantWarning(r.summary.warnings)).toBe(expected);
    const cols = ingestByColumns({
      incidents: aq.from(incidents),
      involvements: aq.from(zeros),
    });
    expect(variantWarning(cols.summary.warnings)).toBe(expected);
  });
});

describe("ingest: person ids of digits that differ only in a trailing '.0'", () => {
  // pandas writes a number column with an empty cell as decimals: one file's '388.0' beside
  // another's '388' split one person in two, with no word unless a people table named one.
  const decimals = [
    { incident_id: 'i1', person_id: '388.0', role: 'offender' },
    { incident_id: 'i1', person_id: '412.0', role: 'offender' },
    { incident_id: 'i2', person_id: '388', role: 'offender' },
    { incident_id: 'i2', person_id: '0412', role: 'other' },
    { incident_id: 'i3', person_id: '5.5', role: 'victim' },
    { incident_id: 'i3', person_id: '5', role: 'other' },
    { incident_id: 'i3', person_id: 'A7.0', role: 'other' },
    { incident_id: 'i3', person_id: 'A7', role: 'other' },
  ];
  const expected =
    "people: 2 person ids differ from another only in letter case, spaces, leading zeros or a trailing '.0' (e.g. '0412' and '412.0'), so they are read as different people; if the export wrote one person's id both ways, write it one way before ingest (the network would split them)";

  it('keeps them apart and warns on both paths; 5.5 and ids with letters are not compared so', () => {
    const r = ingest({ incidents, involvements: decimals });
    expect(r.summary.rejected).toBe(0);
    expect(new Set(r.data.involvements.map((v) => v.person_id)).size).toBe(8);
    // '388' repeats '388.0'; '0412' repeats '412.0'; '5.5' is not '5', nor 'A7.0' 'A7'.
    expect(variantWarning(r.summary.warnings)).toBe(expected);
    const cols = ingestByColumns({
      incidents: aq.from(incidents),
      involvements: aq.from(decimals),
    });
    expect(variantWarning(cols.summary.warnings)).toBe(expected);
  });
});
