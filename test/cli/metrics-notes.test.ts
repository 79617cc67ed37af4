// The metrics CSV says what its figures are: the as-of date and half-life the strengths depend on
// were on stderr only (and not at all with -q), so a saved file could not be read in its units.
import { describe, expect, it } from 'vitest';
import { cli, inputArgs, tempDir, writeFiles } from './helpers.js';

const files = () =>
  inputArgs(
    writeFiles(tempDir(), {
      'incidents.csv':
        'incident_id,date,offence\nI1,2023-01-01,Robbery\nI2,2023-07-02,Robbery\nI3,2023-12-31,Wounding\n',
      'involvements.csv':
        'incident_id,person_id,role\nI1,A,offender\nI1,B,offender\nI2,A,offender\nI2,B,offender\nI3,C,offender\nI3,D,victim\n',
    }),
  );

/** The `# …` lines after the purpose label, unquoted. */
const notes = (csv: string) =>
  csv
    .split('\n')
    .slice(1)
    .filter((l) => /^"?#/.test(l))
    .map((l) => l.replace(/^"(.*)"$/, '$1').replace(/""/g, '"'));

describe('metrics --quiet', () => {
  it('writes only warnings to stderr; without it, how betweenness was computed too', async () => {
    // Before: "betweenness: exact." on stderr with -q too.
    const quiet = await cli(['metrics', ...files(), '--now', '2024-06-01', '-q']);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr.split('\n').filter((l) => l && !l.startsWith('warning: '))).toEqual([]);
    expect(quiet.stdout).toContain('# betweenness: exact.');
    const loud = await cli(['metrics', ...files(), '--now', '2024-06-01']);
    expect(loud.stderr).toContain('betweenness: exact.\n');
  });
});

describe('metrics CSV notes', () => {
  it('per person: the network, its date and the units of each column', async () => {
    const r = await cli(['metrics', ...files(), '--now', '2024-06-01', '-q']);
    expect(r.code).toBe(0);
    expect(notes(r.stdout)).toEqual([
      '# co-offending network as of 2024-01-01, from the records dated 2018-01-01 to the day before: 4 people, 1 tie',
      '# degree: distinct co-offenders; strength: Σ over shared incidents of 0.5^(age in days at 2024-01-01 ÷ 365); core_number: the k-core the person is in',
      '# pagerank: share of a walk that follows ties by strength (damping 0.85), summing to 1 over everyone; betweenness: share of the shortest paths (in steps) between two other people that pass through the person, ÷ (n − 1)(n − 2)',
      '# betweenness: exact.',
      '# community: Louvain on tie strength (seed 1), 0 = the largest; component: connected group, 0 = the largest',
    ]);
    // The note's formula gives the column: A and B shared incidents 365 and 183 days before.
    const a = r.stdout
      .split('\n')
      .find((l) => l.startsWith('A,'))!
      .split(',');
    expect(Number(a[2])).toBeCloseTo(0.5 + 0.5 ** (183 / 365), 10); // 12 significant digits
  });

  it('summary: the network and what its figures count', async () => {
    const r = await cli(['metrics', ...files(), '--now', '2024-06-01', '--summary', '-q']);
    expect(notes(r.stdout)).toEqual([
      '# co-offending network as of 2024-01-01, from the records dated 2018-01-01 to the day before: 4 people, 1 tie',
      '# degree: distinct co-offenders; density: ties ÷ possible pairs; shares, transitivity and clustering run from 0 to 1; degree_centralisation: Freeman, 1 for a star',
    ]);
  });
});

describe('metrics --top: tied values share a rank', () => {
  // The path A–B–C–D–E (one incident per tie, all on one day, so the ties weigh the same): A and
  // E, B and D stand in the same place; PageRank gives them values that differ in the 14th
  // digit, so a plain sort put one of each pair first. networkx pagerank: B, D 0.2459…,
  // C 0.2390…, A, E 0.1345….
  const path = () =>
    inputArgs(
      writeFiles(tempDir(), {
        'incidents.csv':
          'incident_id,date,offence\nI1,2023-06-01,Robbery\nI2,2023-06-01,Robbery\nI3,2023-06-01,Robbery\nI4,2023-06-01,Robbery\n',
        'involvements.csv':
          'incident_id,person_id,role\nI1,A,offender\nI1,B,offender\nI2,B,offender\nI2,C,offender\nI3,C,offender\nI3,D,offender\nI4,D,offender\nI4,E,offender\n',
      }),
    );
  const rows = (csv: string) =>
    csv
      .split('\n')
      .filter((l) => l && !/^"?#/.test(l))
      .map((l) => l.split(','));

  it('lists the people ranked k or higher, highest first, ties in one rank by person id', async () => {
    const r = await cli(['metrics', ...path(), '--now', '2024-06-01', '--top', '2', '-q']);
    expect(r.code).toBe(0);
    const [head, ...body] = rows(r.stdout);
    expect(head.slice(0, 2)).toEqual(['rank', 'person_id']);
    expect(body.map((x) => `${x[0]} ${x[1]}`)).toEqual(['1 B', '1 D']);
    const pr = head.indexOf('pagerank');
    expect(Number(body[0][pr])).toBeCloseTo(0.245945945946, 7);
    expect(notes(r.stdout)).toContain(
      '# rank: by pagerank, highest first, the people ranked 2 or higher; values within 1e-9 of the largest value of each other share a rank (1, 1, 3), listed by person id',
    );
    // A tie at the cut lists more than k: the 4th place is A and E's.
    const four = await cli(['metrics', ...path(), '--now', '2024-06-01', '--top', '4', '-q']);
    expect(
      rows(four.stdout)
        .slice(1)
        .map((x) => `${x[0]} ${x[1]}`),
    ).toEqual(['1 B', '1 D', '3 C', '4 A', '4 E']);
    const deg = await cli([
      'metrics',
      ...path(),
      '--now',
      '2024-06-01',
      '--top',
      '1',
      '--by',
      'degree',
      '-q',
    ]);
    expect(
      rows(deg.stdout)
        .slice(1)
        .map((x) => `${x[0]} ${x[1]}`),
    ).toEqual(['1 B', '1 C', '1 D']);
  });

  it('--by without --top is a usage error (it did nothing)', async () => {
    const r = await cli(['metrics', ...path(), '--now', '2024-06-01', '--by', 'degree']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      '--by picks the measure --top ranks by; give --top k too (e.g. --top 20 --by degree).',
    );
  });

  it('--top with --summary is a usage error', async () => {
    const r = await cli(['metrics', ...path(), '--now', '2024-06-01', '--top', '2', '--summary']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      '--top lists people by a measure; --summary describes the whole network: give one of them.',
    );
  });
});
