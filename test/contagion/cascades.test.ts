import * as aq from 'arquero';
import { csvParse } from 'd3-dsv';
import { describe, expect, it } from 'vitest';
import { type CascadeLinkInput, cascades } from '../../src/contagion/cascades.js';
import { retaliations } from '../../src/contagion/retaliations.js';
import { toCsv } from '../../src/core/csv.js';
import { makeDataset } from '../helpers.js';

type Row = Record<string, unknown>;

/** Kahn's algorithm: true when some node never reaches in-degree 0. */
function hasCycle(graph: ReturnType<typeof cascades>['graph']): boolean {
  const indeg = new Map(graph.mapNodes((n) => [n, graph.inDegree(n)] as const));
  const queue = [...indeg].filter(([, d]) => d === 0).map(([n]) => n);
  let seen = 0;
  while (queue.length) {
    const n = queue.pop()!;
    seen++;
    for (const m of graph.outNeighbors(n)) {
      indeg.set(m, indeg.get(m)! - 1);
      if (indeg.get(m) === 0) queue.push(m);
    }
  }
  return seen !== graph.order;
}

const link = (
  from: string,
  fromDate: string,
  sFrom: number,
  to: string,
  toDate: string,
  sTo: number,
  extra: Partial<CascadeLinkInput> = {},
): CascadeLinkInput => ({
  from_incident: from,
  to_incident: to,
  from_date: fromDate,
  to_date: toDate,
  severity_from: sFrom,
  severity_to: sTo,
  ...extra,
});

describe('cascades', () => {
  it('cascades(retaliations(data)) turns a back-and-forth into one chain, in time order', () => {
    const data = makeDataset([
      ['I1', '2020-01-01', 2, ['X'], ['Y']],
      ['I2', '2020-01-20', 3, ['Y'], ['X']],
      ['I3', '2020-02-10', 2, ['X'], ['Y']],
      ['I4', '2020-02-20', 4, ['Y'], ['X']],
    ]);
    const { table, graph } = cascades(retaliations(data));
    expect(table.objects()).toEqual([
      {
        cascade_id: 1,
        size: 4,
        // I1→I2, I2→I3, I3→I4; I4 also fits I1 (50 days), but by default each incident keeps
        // only its best-supported antecedent, here the more recent I3.
        links: 3,
        direct_links: 3,
        root_incident: 'I1',
        first_date: '2020-01-01',
        last_date: '2020-02-20',
        span_days: 50,
        depth: 3,
        max_escalation: 2, // I1 (2) … I4 (4)
        median_lag_days: 19, // lags 19, 21, 10
        people: ['X', 'Y'],
        groups: [],
        events: ['I1', 'I2', 'I3', 'I4'],
      },
    ]);
    expect(graph.order).toBe(4);
    expect(graph.size).toBe(3);
    expect(hasCycle(graph)).toBe(false);
    expect(graph.getNodeAttributes('I3')).toEqual({
      date: '2020-02-10',
      severity: 2,
      cascade_id: 1,
      order: 2,
      depth: 2,
    });
  });

  it('a DAG (one answer to two incidents, two answers to one) is one cascade; separate chains are separate', () => {
    const links = [
      link('A', '2021-01-01', 3, 'B', '2021-01-05', 2),
      link('A', '2021-01-01', 3, 'C', '2021-01-06', 2),
      link('B', '2021-01-05', 2, 'D', '2021-01-20', 3),
      link('C', '2021-01-06', 2, 'D', '2021-01-20', 3),
      link('E', '2020-06-01', 2, 'F', '2020-06-03', 1),
    ];
    const t = cascades(links).table.objects() as Row[];
    expect(t.map((r) => [r.cascade_id, r.root_incident, r.size, r.links, r.depth])).toEqual([
      [1, 'E', 2, 1, 1], // the earlier root comes first
      [2, 'A', 4, 4, 2],
    ]);
    expect(t[1].events).toEqual(['A', 'B', 'C', 'D']);
    // Severity falls from A (3) to B/C (2) then rises to D (3): the largest rise is 1 (B → D),
    // not 0 (A → D).
    expect(t[1].max_escalation).toBe(1);
    expect(t[0].max_escalation).toBe(-1); // only ever falls
  });

  it('a link without a severity or an incident id is refused, naming the link and field', () => {
    // Before: max_escalation -Infinity for links written without severities.
    const l = {
      from_incident: 'A',
      to_incident: 'B',
      from_date: '2021-01-01',
      to_date: '2021-01-05',
    };
    expect(() => cascades([l as unknown as CascadeLinkInput])).toThrow(
      'cascades: link 1: severity_from of A is undefined; expected a severity from 0 to 4',
    );
    expect(() =>
      cascades([{ ...link('A', '2021-01-01', 3, 'B', '2021-01-05', 2), severity_to: 7 }]),
    ).toThrow('link 1: severity_to of B is 7');
    expect(() =>
      cascades([{ ...link('A', '2021-01-01', 3, 'B', '2021-01-05', 2), to_incident: '' }]),
    ).toThrow('link 1: to_incident is empty');
    expect(() =>
      cascades([
        {
          ...link('A', '2021-01-01', 3, 'B', '2021-01-05', 2),
          severity_to: 'high' as unknown as 2,
        },
      ]),
    ).toThrow("link 1: severity_to of B is 'high' (text); expected a severity from 0 to 4");
  });

  it('a saved links file read back (numeric ids as numbers, severities as text) gives the same cascades', () => {
    // Before the link checks of 0a6a837 numeric ids passed through; then they were refused.
    const csv =
      'from_incident,to_incident,from_date,to_date,severity_from,severity_to,kind\n101,102,2023-01-01,2023-01-05,3,3,direct\n102,103,2023-01-05,2023-01-09,3,2,direct\n';
    const fromCsv = cascades(aq.fromCSV(csv)).table.objects() as Row[];
    expect(fromCsv.map((r) => [r.root_incident, r.size, r.events])).toEqual([
      ['101', 3, ['101', '102', '103']],
    ]);
    const text = aq.fromCSV(csv, { autoType: false });
    expect(cascades(text).table.objects()).toEqual(fromCsv);
  });

  it('people and groups of a links file written by toCsv and read back are their ids, not characters', () => {
    // Before: 'P1;P2' was read a character at a time: people ['1', '2', '3', ';', 'P'].
    const links = [
      {
        ...link('I1', '2023-01-01', 3, 'I2', '2023-01-05', 3),
        people: ['P1', 'P2'],
        groups: ['G1'],
      },
      { ...link('I2', '2023-01-05', 3, 'I3', '2023-01-09', 2), people: ['P2', 'P3'], groups: [] },
    ];
    const want = (cascades(links).table.objects() as Row[]).map((r) => [r.people, r.groups]);
    expect(want).toEqual([[['P1', 'P2', 'P3'], ['G1']]]);
    const back = csvParse(toCsv(links).replace(/^#.*\n/, ''));
    expect(back[0].people).toBe('P1;P2');
    const got = cascades(back as unknown as CascadeLinkInput[]).table.objects() as Row[];
    expect(got.map((r) => [r.people, r.groups])).toEqual(want);
    // arquero's reader types a one-id list '101' as a number.
    const one = aq.fromCSV(
      'from_incident,to_incident,from_date,to_date,severity_from,severity_to,people\nA,B,2023-01-01,2023-01-05,3,3,101\n',
    );
    expect(cascades(one).table.get('people', 0)).toEqual(['101']);
  });

  it("people and groups of a links table saved with arquero's own toCSV (lists as 'P1,P2') are their ids", () => {
    // Before: arquero writes an array cell as 'P1,P2' and cascades read that back as one person
    // named 'P1,P2', so a cascade of 3 people read as 2 ('P1,P2', 'P2,P3') without a word.
    const links = aq.from([
      {
        ...link('I1', '2023-01-01', 3, 'I2', '2023-01-05', 3),
        people: ['P1', 'P2'],
        groups: ['G1', 'G2'],
      },
      { ...link('I2', '2023-01-05', 3, 'I3', '2023-01-09', 2), people: ['P2', 'P3'], groups: [] },
    ]);
    const csv = links.toCSV();
    expect(csv).toContain('"P1,P2"');
    const got = cascades(aq.fromCSV(csv)).table.objects() as Row[];
    expect(got.map((r) => [r.people, r.groups])).toEqual([
      [
        ['P1', 'P2', 'P3'],
        ['G1', 'G2'],
      ],
    ]);
    // A semicolon list keeps a comma inside an id (the library's own writer).
    const semi = aq.fromCSV(
      'from_incident,to_incident,from_date,to_date,severity_from,severity_to,people\nA,B,2023-01-01,2023-01-05,3,3,"Smith, J;P2"\n',
    );
    expect(cascades(semi).table.get('people', 0)).toEqual(['P2', 'Smith, J']);
  });

  it("a one-person list the library's writer saved with a comma in its id ('Smith, J') is one id", () => {
    // Before: a cell without ';' was split at ',', so the library's own CSV of a link whose one
    // person is 'Smith, J' read back as two people, 'J' and 'Smith'.
    const text = toCsv([
      { ...link('A', '2023-01-01', 3, 'B', '2023-01-05', 3), people: ['Smith, J'] },
    ]);
    expect(text).toContain('"Smith, J;"');
    expect(cascades(aq.fromCSV(text, { comment: '#' })).table.get('people', 0)).toEqual([
      'Smith, J',
    ]);
  });

  it("'Smith,J' (no space) is one id in a file the library wrote; arquero's 'Smith, J,P2' is two", () => {
    // Before: a cell without ';' and without ', ' was split at ',': a one-person link 'Smith,J'
    // read back as 'J' and 'Smith', two people linked to the cascade (the library's writer wrote
    // it so, a list of one); and arquero's toCSV of ['Smith, J', 'P2'], 'Smith, J,P2', was one id.
    const head = 'from_incident,to_incident,from_date,to_date,severity_from,severity_to,people\n';
    const old = aq.fromCSV(
      `${head}A,B,2023-01-01,2023-01-05,3,3,"Smith,J;P2"\nB,C,2023-01-05,2023-01-09,3,2,"Smith,J"\n`,
    );
    expect(cascades(old).table.get('people', 0)).toEqual(['P2', 'Smith,J']);
    // The writer puts a ';' after a one-item list holding a comma, so a file of such links alone
    // reads back as written.
    const text = toCsv([
      { ...link('A', '2023-01-01', 3, 'B', '2023-01-05', 3), people: ['Smith,J'] },
    ]);
    expect(text).toContain('"Smith,J;"');
    expect(cascades(aq.fromCSV(text, { comment: '#' })).table.get('people', 0)).toEqual([
      'Smith,J',
    ]);
    // arquero joins an array's items with ',' alone.
    const arq = aq.from([
      { ...link('A', '2023-01-01', 3, 'B', '2023-01-05', 3), people: ['Smith, J', 'P2'] },
      { ...link('B', '2023-01-05', 3, 'C', '2023-01-09', 2), people: ['P2', 'P3'] },
    ]);
    expect(arq.toCSV()).toContain('"Smith, J,P2"');
    expect(cascades(aq.fromCSV(arq.toCSV())).table.get('people', 0)).toEqual([
      'P2',
      'P3',
      'Smith, J',
    ]);
  });

  it('a date-time a reader typed as a Date off UTC is refused: its zone cannot be told', () => {
    // Before: '2023-01-05T22:30:00' read by arquero in Los Angeles (the tests' zone) became
    // 2023-01-06T06:30Z, and the cascade's first_date moved to the next day.
    const csv =
      'from_incident,to_incident,from_date,to_date,severity_from,severity_to\nA,B,2023-01-05T22:30:00,2023-01-06T01:00:00,3,3\n';
    expect(() => cascades(aq.fromCSV(csv))).toThrow(
      'cascades: link 1: from_date was read as a Date with a time of day, 2023-01-06T06:30:00.000Z, which a reader may have moved',
    );
    const text = aq.fromCSV(csv, { parse: { from_date: String, to_date: String } });
    expect(cascades(text).table.get('first_date', 0)).toBe('2023-01-05T22:30:00');
    // On a machine on UTC there is nothing to tell apart.
    const tz = process.env.TZ;
    try {
      process.env.TZ = 'UTC';
      expect(cascades(aq.fromCSV(csv)).table.get('first_date', 0)).toBe('2023-01-05T22:30:00.000Z');
    } finally {
      process.env.TZ = tz;
    }
  });

  it('an incident id read back as a number too large to be exact is refused, not merged with another', () => {
    // Both from-ids round to 2023010100000000000: before, one cascade of 3 with a root no
    // incident has, instead of two of 2.
    const csv =
      'from_incident,to_incident,from_date,to_date,severity_from,severity_to\n2023010100000000001,2023010100000001000,2023-01-01,2023-01-05,3,3\n2023010100000000003,2023010100000002000,2023-01-01,2023-01-05,3,3\n';
    expect(() => cascades(aq.fromCSV(csv))).toThrow(
      'cascades: link 1: from_incident is the number 2023010100000000000, too large to be exact',
    );
    const asText = aq.fromCSV(csv, { parse: { from_incident: String, to_incident: String } });
    expect(
      (cascades(asText).table.objects() as Row[]).map((r) => [r.root_incident, r.size]),
    ).toEqual([
      ['2023010100000000001', 2],
      ['2023010100000000003', 2],
    ]);
  });

  it('a link given twice is kept once; a link backwards in time is an error naming it', () => {
    const l = link('A', '2021-01-01', 2, 'B', '2021-01-05', 2);
    const { table, graph } = cascades([l, l]);
    expect(table.get('links', 0)).toBe(1);
    expect(graph.size).toBe(1);
    const back = link('B', '2021-01-05', 2, 'A', '2021-01-01', 2);
    expect(() => cascades([l, back])).toThrow(/link 2 \(B → A\) runs backwards in time/);
    // Same day, no times (a same_day link): the link orders the two, whatever their ids; both
    // ways round is a cycle, an error.
    const qp = link('Q', '2021-01-01', 2, 'P', '2021-01-01', 3);
    expect(cascades([qp]).table.objects()[0]).toMatchObject({
      root_incident: 'Q',
      events: ['Q', 'P'],
    });
    const pq = link('P', '2021-01-01', 3, 'Q', '2021-01-01', 2);
    expect(() => cascades([qp, pq])).toThrow(
      'cascades: link 2 (P → Q) does not run forward in time (or the links form a cycle) among incidents dated 2021-01-01;',
    );
    // Times known: 18:00 → 10:00 the same day runs backwards.
    expect(() =>
      cascades([link('X', '2021-01-01T18:00:00Z', 2, 'Y', '2021-01-01T10:00:00Z', 2)]),
    ).toThrow(
      'runs backwards in time: from_date 2021-01-01T18:00:00Z is after to_date 2021-01-01T10:00:00Z',
    );
    expect(() => cascades([link('A', '2021-01-01', 2, 'A', '2021-01-01', 2)])).toThrow(
      'cascades: link 1 (A → A) does not run forward in time: it links an incident to itself;',
    );
  });

  it('a link with a bad date, a date that disagrees, or running backwards is an InputError naming cascades, the link and what it expects', () => {
    // Before: RangeErrors naming neither the function nor what was expected ("link 1: date
    // '2021-02-30' of A is not a valid date", "link 2: incident A has a different date or
    // severity in another link"), and a link without from_date a TypeError from inside the
    // date reader ("Cannot read properties of undefined (reading 'trim')").
    const refusal = (message: string) =>
      expect.objectContaining({ name: 'InputError', fn: 'cascades', message });
    expect(() => cascades([link('A', '2021-02-30', 2, 'B', '2021-03-05', 2)])).toThrow(
      refusal(
        "cascades: link 1: from_date of incident A is '2021-02-30', not a valid date; expected an ISO date (YYYY-MM-DD, or a date-time), a Date, or days since 1970-01-01",
      ),
    );
    const { from_date: _, ...undated } = link('A', '2021-01-01', 2, 'B', '2021-01-05', 2);
    expect(() => cascades([undated as CascadeLinkInput])).toThrow(
      refusal(
        'cascades: link 1: from_date of incident A is missing, not a valid date; expected an ISO date (YYYY-MM-DD, or a date-time), a Date, or days since 1970-01-01',
      ),
    );
    expect(() =>
      cascades([
        link('A', '2021-01-01', 2, 'B', '2021-01-05', 2),
        link('A', '2021-01-02', 2, 'C', '2021-01-06', 2),
      ]),
    ).toThrow(
      refusal(
        'cascades: link 2: incident A is dated 2021-01-02 with severity 2 here but 2021-01-01 with severity 2 in an earlier link; expected one date and severity per incident, as the links of one retaliations table have',
      ),
    );
    expect(() =>
      cascades([
        link('A', '2021-01-01', 2, 'B', '2021-01-05', 2),
        link('B', '2021-01-05', 2, 'A', '2021-01-01', 2),
      ]),
    ).toThrow(
      refusal(
        'cascades: link 2 (B → A) runs backwards in time: from_date 2021-01-05 is after to_date 2021-01-01; expected each link to run from an incident to a later one, or to one the same day, without cycles, as retaliations writes them',
      ),
    );
  });

  it('a links table without a column is refused naming it and the closest column', () => {
    // Before: a plain TypeError "links table has no 'severity_to' column", saying neither what
    // was meant nor that a column was misspelt.
    const t = aq.table({
      from_incident: ['I1'],
      to_incident: ['I2'],
      from_date: ['2023-01-01'],
      to_date: ['2023-01-05'],
      severity_from: [3],
      severity_t: [3],
    });
    expect(() => cascades(t)).toThrow(
      "cascades: the links table has no 'severity_to' column (is 'severity_t' it?); expected the columns retaliations writes: from_incident, to_incident, from_date, to_date, severity_from and severity_to",
    );
    expect(() => cascades(t)).toThrow(expect.objectContaining({ name: 'InputError' }));
  });

  it("a kind other than 'direct' or 'proxy' is refused naming the link (it was counted as proxy)", () => {
    const ok = cascades([
      link('A', '2021-01-01', 2, 'B', '2021-01-05', 2, { kind: 'direct' }),
      link('B', '2021-01-05', 2, 'C', '2021-01-09', 2),
    ]);
    expect(ok.table.get('direct_links', 0)).toBe(1);
    expect(() =>
      cascades([
        link('A', '2021-01-01', 2, 'B', '2021-01-05', 2, { kind: 'direct' }),
        link('B', '2021-01-05', 2, 'C', '2021-01-09', 2, { kind: 'Direct' }),
      ]),
    ).toThrow(
      expect.objectContaining({
        name: 'InputError',
        fn: 'cascades',
        message:
          "cascades: link 2 (B → C): kind is 'Direct'; expected 'direct' or 'proxy' (as retaliations writes it), or none for 'proxy'",
      }),
    );
  });

  it('minSize keeps only larger cascades', () => {
    const links = [
      link('A', '2021-01-01', 2, 'B', '2021-01-05', 2),
      link('B', '2021-01-05', 2, 'C', '2021-01-09', 2),
      link('E', '2021-02-01', 2, 'F', '2021-02-03', 2),
    ];
    const r = cascades(links, { minSize: 3 });
    expect(r.table.numRows()).toBe(1);
    expect(r.graph.order).toBe(3);
  });
});
