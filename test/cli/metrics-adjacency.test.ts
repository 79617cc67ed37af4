// metrics --adjacency: the command line could not read an adjacency matrix (the London gang
// network is one), though the library has fromAdjacencyMatrix.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../e2e/ensure-built.js';
import { cli, tempDir, writeFiles } from './helpers.js';

const LONDON = join(ROOT, 'test/fixtures/LONDON_GANG.csv');

// networkx 3.6.1, computed once (python3, 2026-12-05) on test/fixtures/LONDON_GANG.csv read with
// csv.reader (encoding utf-8-sig): nx.Graph, a tie where a cell is above 0 with weight = the cell;
// per person [id, G.degree(), G.degree(weight='weight'), nx.core_number,
// nx.pagerank(alpha=0.85, weight='weight', tol=1e-14, max_iter=10000) and
// nx.betweenness_centrality(normalized=True), each rounded to 12 decimals].
// Louvain's community labels are not compared: partitions of equal modularity differ by tool.
const NETWORKX: [string, number, number, number, number, number][] = [
  ['1', 25, 37, 11, 0.034490558029, 0.108668096401],
  ['2', 22, 38, 11, 0.033079827348, 0.042841819415],
  ['3', 22, 43, 10, 0.03693746622, 0.031634438004],
  ['4', 21, 36, 9, 0.033346665805, 0.07251111559],
  ['5', 19, 34, 9, 0.031498060017, 0.048028730938],
  ['6', 16, 29, 9, 0.026829277607, 0.024980454113],
  ['7', 25, 33, 11, 0.030509152789, 0.075495922858],
  ['8', 15, 23, 11, 0.020515149748, 0.002489053164],
  ['9', 21, 36, 11, 0.032365927512, 0.048260537032],
  ['10', 22, 38, 11, 0.034234143028, 0.048346220672],
  ['11', 18, 26, 11, 0.024556697098, 0.034568098987],
  ['12', 25, 27, 11, 0.024905609642, 0.059583039948],
  ['13', 11, 18, 9, 0.016856011683, 0.004166919996],
  ['14', 24, 47, 9, 0.041518852669, 0.064026520774],
  ['15', 7, 11, 7, 0.011279745432, 0.00103664856],
  ['16', 8, 15, 7, 0.014385557632, 0.002937830793],
  ['17', 5, 9, 5, 0.010093123389, 0.0],
  ['18', 14, 24, 9, 0.025420765178, 0.044510537296],
  ['19', 13, 22, 7, 0.025782221964, 0.047300385514],
  ['20', 15, 23, 8, 0.025171030717, 0.06367993792],
  ['21', 19, 25, 11, 0.02227439528, 0.010741028566],
  ['22', 24, 35, 11, 0.030662858755, 0.045002439395],
  ['23', 23, 44, 11, 0.038532511964, 0.055746778276],
  ['24', 6, 15, 5, 0.015010122378, 0.000717534562],
  ['25', 23, 36, 11, 0.032541583922, 0.055702682124],
  ['26', 6, 15, 5, 0.015010122378, 0.000717534562],
  ['27', 8, 9, 8, 0.009661509202, 0.000224467751],
  ['28', 18, 25, 10, 0.022390349666, 0.027510778247],
  ['29', 17, 30, 11, 0.026297937321, 0.013912384752],
  ['30', 5, 14, 5, 0.013415294175, 6.5971764e-5],
  ['31', 12, 19, 9, 0.017910076899, 0.004624220462],
  ['32', 7, 10, 7, 0.010727396713, 0.00143045482],
  ['33', 10, 14, 8, 0.014010993608, 0.003660681251],
  ['34', 8, 12, 7, 0.012409437054, 0.000731607816],
  ['35', 12, 19, 9, 0.018083032906, 0.004973879009],
  ['36', 12, 18, 9, 0.017272327768, 0.004973879009],
  ['37', 7, 7, 7, 0.008572626162, 0.001304066354],
  ['38', 2, 4, 2, 0.005759410526, 0.0],
  ['39', 2, 3, 2, 0.00507350074, 0.0],
  ['40', 2, 3, 2, 0.005700274128, 0.0],
  ['41', 5, 5, 5, 0.007021453893, 0.000639926112],
  ['42', 5, 9, 4, 0.013255906192, 0.003451056281],
  ['43', 6, 10, 4, 0.015426083145, 0.009603561673],
  ['44', 4, 6, 4, 0.009475522624, 0.007410498978],
  ['45', 2, 3, 2, 0.006320262651, 0.0],
  ['46', 5, 7, 4, 0.011324082064, 0.005031696176],
  ['47', 3, 3, 3, 0.005435669024, 0.000394735499],
  ['48', 5, 7, 4, 0.008931982964, 0.002114140251],
  ['49', 3, 3, 3, 0.005138956488, 0.0],
  ['50', 2, 2, 2, 0.004704142825, 0.0],
  ['51', 7, 10, 5, 0.01322627364, 0.005896965582],
  ['52', 4, 4, 4, 0.005991646006, 0.0],
  ['53', 2, 3, 2, 0.005889632379, 0.000280090648],
  ['54', 6, 12, 6, 0.012766781057, 0.002410254749],
];
// nx.density, nx.transitivity, nx.average_clustering, Freeman's Σ(max − d) ÷ ((n−1)(n−2)).
const SUMMARY = {
  nodes: 54,
  edges: 315,
  density: 0.22012578616352202,
  components: 1,
  degree_min: 2,
  degree_max: 25,
  mean_degree: 11.666666666666666,
  transitivity: 0.5197421434327155,
  average_clustering: 0.6331465409311987,
  degree_centralisation: 0.2612481857764877,
};

const json = (stdout: string) =>
  (JSON.parse(stdout) as { rows: Record<string, number | string>[] }).rows;

describe('metrics --adjacency', () => {
  it("gives the London gang's measures as networkx does (exact betweenness)", async () => {
    const r = await cli([
      'metrics',
      '--adjacency',
      LONDON,
      '--format',
      'json',
      '--pivots',
      '0',
      '-q',
    ]);
    expect(r.code).toBe(0);
    // The fixture the networkx values were computed on (its first row).
    expect(readFileSync(LONDON, 'utf8').split('\n')[1]).toMatch(/^1,0,1,1,2,1,1,2,3,2,/);
    const rows = json(r.stdout);
    // No record columns (group, incidents, victimisations): a matrix has none.
    expect(Object.keys(rows[0])).toEqual([
      'person_id',
      'degree',
      'strength',
      'core_number',
      'pagerank',
      'betweenness',
      'community',
      'component',
    ]);
    expect(rows.map((x) => x.person_id)).toEqual(NETWORKX.map((x) => x[0]));
    for (const [id, degree, strength, core, pagerank, betweenness] of NETWORKX) {
      const row = rows.find((x) => x.person_id === id)!;
      expect([row.degree, row.strength, row.core_number, row.component]).toEqual([
        degree,
        strength,
        core,
        0,
      ]);
      expect(Math.abs((row.pagerank as number) - pagerank)).toBeLessThan(1e-10);
      expect(Math.abs((row.betweenness as number) - betweenness)).toBeLessThan(1e-11);
    }
  });

  it('--summary gives the whole network as networkx does', async () => {
    const r = await cli(['metrics', '--adjacency', LONDON, '--summary', '--format', 'json', '-q']);
    expect(r.code).toBe(0);
    const [row] = json(r.stdout);
    for (const [k, v] of Object.entries(SUMMARY)) expect(row[k]).toBeCloseTo(v, 12);
  });

  it("the CSV's notes say what the network is and what its columns count", async () => {
    const r = await cli([
      'metrics',
      '--adjacency',
      LONDON,
      '--top',
      '2',
      '--by',
      'betweenness',
      '-q',
    ]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[1]).toBe(
      `"# undirected network of the adjacency matrix '${LONDON}' (a tie where a cell is above 0, weighted by it): 54 people, 315 ties, weights 1 to 4"`,
    );
    expect(lines).toContain(
      '# degree: people tied to; strength: Σ of the weights of the ties (the cells); core_number: the k-core the person is in',
    );
    expect(lines.filter((l) => /^\d/.test(l)).map((l) => l.split(',').slice(0, 2))).toEqual([
      ['1', '1'],
      ['2', '7'],
    ]);
  });

  it('refuses a matrix that is not square, not numeric, labelled otherwise or asymmetric, naming the row and column', async () => {
    const f = writeFiles(tempDir(), {
      'rect.csv': ',a,b,c\na,0,1,0\nb,1,0,0\n',
      'text.csv': ',a,b\na,0,x\nb,1,0\n',
      'label.csv': ',a,b\na,0,1\nc,1,0\n',
      'directed.csv': ',a,b,c\na,0,2,1\nb,0,0,1\nc,1,1,0\n',
      'negative.csv': ',a,b\na,0,-1\nb,-1,0\n',
    });
    const run = (file: string, ...more: string[]) =>
      cli(['metrics', '--adjacency', f[file], '-q', ...more]);
    const refusals = await Promise.all(
      ['rect.csv', 'text.csv', 'label.csv', 'directed.csv', 'negative.csv'].map((x) => run(x)),
    );
    expect(refusals.map((r) => [r.code, r.stderr, r.stdout])).toEqual([
      [
        1,
        `error: --adjacency '${f['rect.csv']}': the matrix has 3 columns but 2 rows; expected a square matrix, one row per id of the header row.\n`,
        '',
      ],
      [
        1,
        `error: --adjacency '${f['text.csv']}': row 2, column 'b': 'x' is not a number; expected a tie weight (a number, or an empty cell for 0).\n`,
        '',
      ],
      [
        1,
        `error: --adjacency '${f['label.csv']}': row 3 is labelled 'c', expected 'b' (the header's id 2); rows follow the header's order of ids.\n`,
        '',
      ],
      [
        1,
        `error: --adjacency '${f['directed.csv']}': the matrix is not symmetric: row 'a' gives 'b' 2 but row 'b' gives 'a' 0. A directed matrix (who named whom)? The graph is undirected: say how a pair's two cells make one tie with --symmetrize max (a tie where either cell has one, the larger its weight), min (reciprocated ties only, the smaller) or sum.\n`,
        '',
      ],
      [
        1,
        `error: --adjacency '${f['negative.csv']}': row 2, column 'b': -1 is negative and would make no tie unseen; expected 0 or more.\n`,
        '',
      ],
    ]);
    // Told how, the directed matrix is read: a-b (2 and 0) is one tie with max, none with min.
    const max = await run('directed.csv', '--symmetrize', 'max', '--summary');
    expect(max.code).toBe(0);
    expect(max.stdout).toContain(
      '3 ties, weights 1 to 2; a pair whose two cells differ is one tie, where either cell is above 0, of the larger weight (--symmetrize max)',
    );
    const min = await run('directed.csv', '--symmetrize', 'min', '--summary', '--format', 'json');
    expect(json(min.stdout)[0].edges).toBe(2);
  });

  it('refuses record flags beside it, and --symmetrize without it (usage errors)', async () => {
    const both = await cli([
      'metrics',
      '--adjacency',
      LONDON,
      '--incidents',
      'i.csv',
      '--as-of',
      '2020-01-01',
    ]);
    expect([both.code, both.stderr]).toEqual([
      2,
      'error: --adjacency reads a network, not records: leave out --incidents, --as-of (they are for --incidents and --involvements).\n',
    ]);
    const alone = await cli(['metrics', '--incidents', 'i.csv', '--symmetrize', 'max']);
    expect([alone.code, alone.stderr]).toEqual([
      2,
      'error: --symmetrize says how an adjacency matrix is read; give --adjacency <file> too.\n',
    ]);
    const typo = await cli(['metrics', '--adjacency', LONDON, '--symmetrize', 'mean']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain("argument 'mean' is invalid. Allowed choices are max, min, sum.");
  });

  it('metrics without records names it too', async () => {
    // It said only "--incidents <file> is required: …", as every command says.
    const r = await cli(['metrics']);
    expect([r.code, r.stderr]).toEqual([
      2,
      'error: --incidents <file> is required: a CSV or JSON export of incidents (add --involvements <file> for the long form; a flat table, one row per person per incident with the incident columns on each row, goes alone as --involvements <file>); or measure a network given as an adjacency matrix with --adjacency <file>.\n',
    ]);
  });

  it('--help names it', async () => {
    const r = await cli(['metrics', '--help']);
    expect(r.stdout).toContain('--adjacency <file>');
    expect(r.stdout).toContain('--symmetrize <how>');
    expect(r.stdout).toContain('metrics --adjacency LONDON_GANG.csv');
  });
});
