import { UndirectedGraph } from 'graphology';
import { InputError } from '../core/errors.js';
import { checkOptions, type OptionRules, rule } from '../core/options.js';
import { count } from '../core/plural.js';
import { refuseGraphologyKeys } from './graphology-keys.js';

/** Options of {@link fromAdjacencyMatrix}. */
export interface FromAdjacencyMatrixOptions {
  /** Field separator. Default: guessed from the header row (`,`, `;` or tab). */
  delimiter?: string;
  /** Edge attribute that receives the cell value. Default `'weight'`. */
  weightAttribute?: string;
  /** Cells above this value make a tie. Default `0`; negative cells are refused unless it is below 0. */
  threshold?: number;
  /**
   * How the two cells of a pair become one undirected tie's weight when they differ: `'max'` (a
   * tie where either cell exceeds `threshold`, weighted by the larger), `'sum'`, `'min'` (a tie
   * only where both cells exceed `threshold`: reciprocated ties, as UCINET's minimum), or
   * `'error'`. Default `'error'`: an asymmetric matrix (a directed one: who named whom) is refused
   * with an `InputError` naming the first pair that differs and how many do, as igraph asks a
   * symmetric matrix of an undirected graph; read silently it gave a graph that looked sure of
   * ties the matrix gives one way only. On a symmetric matrix every choice gives the same graph.
   */
  symmetrize?: 'max' | 'sum' | 'min' | 'error';
}

const FN = 'fromAdjacencyMatrix';
const DEFAULTS = { weightAttribute: 'weight', threshold: 0, symmetrize: 'error' } as const;

const RULES: OptionRules<FromAdjacencyMatrixOptions> = {
  delimiter: rule.string(true),
  weightAttribute: rule.string(true),
  threshold: rule.number(),
  symmetrize: rule.oneOf(['max', 'sum', 'min', 'error']),
};

/**
 * Splits matrix text into rows of trimmed cells. CSV quoting (RFC 4180: `""` inside quotes is a
 * quote; a quoted cell may hold the delimiter or a line break), and, unlike a strict CSV reader,
 * spaces around a quoted cell (`, "a" ,`) as some exports pad them. Blank rows are dropped.
 */
function matrixRows(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cur = '';
  let quoted = false;
  const endRow = () => {
    row.push(cur.trim());
    if (row.some((f) => f !== '')) rows.push(row);
    row = [];
    cur = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch !== '"') cur += ch;
      else if (text[i + 1] === '"') {
        cur += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      row.push(cur.trim());
      cur = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else cur += ch;
  }
  endRow();
  return rows;
}

/**
 * Reads a square adjacency matrix in CSV (UCINET's export: a header row of ids after an empty
 * corner cell, then one row per person starting with their id) into an undirected graph. A
 * header row without the corner cell (as many ids as there are rows, each row one cell longer) is
 * read too. A negative cell is refused unless `threshold` is below 0 (it would silently make no tie). A
 * leading byte-order mark, Windows line ends, blank lines, a delimiter ending every line, spaces around cells and quoted ids (holding the delimiter,
 * quotes or a line break, CSV quoting) are read; the diagonal is ignored; a tie is
 * made where either cell of a pair exceeds `threshold` (both, with `symmetrize: 'min'`), with the
 * cell value as its weight. An asymmetric matrix is refused unless `symmetrize` says how a
 * pair's two cells make one tie. An empty id in the header, and two cells summing past floating
 * point with `symmetrize: 'sum'`, are refused (`InputError`): they made a person named '' and a
 * tie of weight Infinity.
 *
 * @example
 * const g = fromAdjacencyMatrix(csvText); // London gang: 54 people, 315 ties, weight 1–4
 * g.getEdgeAttribute('1', '2', 'weight'); // 1
 */
export function fromAdjacencyMatrix(
  csvText: string,
  options: FromAdjacencyMatrixOptions = {},
): UndirectedGraph {
  if (typeof csvText !== 'string')
    throw new InputError(
      FN,
      `${FN}: expected the matrix as CSV text, got ${csvText === null ? 'null' : typeof csvText}`,
    );
  options = checkOptions('fromAdjacencyMatrix', options, RULES);
  const text = csvText.replace(/^\uFEFF/, '');
  // The first line that is not blank (its leading tab may be the empty corner cell).
  const firstLine = /^[^\r\n]*\S[^\r\n]*/m.exec(text)?.[0] ?? '';
  const delimiter =
    options.delimiter ??
    ([',', ';', '\t'] as const).reduce((best, d) =>
      firstLine.split(d).length > firstLine.split(best).length ? d : best,
    );
  const lines = matrixRows(text, delimiter);
  // A delimiter ending every line (some exports write one) is no column: it read as a header
  // cell and a row cell more ('matrix has 55 columns but 54 rows' for the London gang matrix).
  if (lines.length > 1 && lines.every((l) => l.length > 1 && l[l.length - 1] === '')) {
    for (const l of lines) l.pop();
  }
  if (lines.length === 0)
    throw new InputError(
      FN,
      `${FN}: the matrix text is empty; expected a header row of ids, then one row per id`,
    );
  // A header row without the empty corner cell ('a,b,c' over rows 'a,0,1,1'): every cell is an id.
  const noCorner = lines.length - 1 === lines[0].length && lines[1]?.length === lines[0].length + 1;
  const header = noCorner ? lines[0] : lines[0].slice(1);
  const n = header.length;
  if (lines.length - 1 !== n) {
    throw new InputError(
      FN,
      `${FN}: the matrix has ${count(n, 'column')} but ${count(lines.length - 1, 'row')}; expected a square matrix, one row per id of the header row`,
    );
  }
  // An empty id made a person named '' (a header cell left blank, or one delimiter too many).
  const blank = header.indexOf('');
  if (blank >= 0)
    throw new InputError(
      FN,
      `${FN}: the header row's id ${blank + 1} is empty; expected an id for every row and column (a blank header cell, or a delimiter too many?)`,
    );
  if (new Set(header).size !== n) {
    // Name the id and where: 'duplicate ids in the header row' left a user to search 54 columns.
    const at = header.findIndex((id, k) => header.indexOf(id) < k);
    const first = header.indexOf(header[at]);
    throw new InputError(
      FN,
      `${FN}: the header row names '${header[at]}' twice (columns ${first + 1} and ${at + 1} of the ids); each id names one row and one column`,
    );
  }
  const cells: number[][] = [];
  for (let r = 0; r < n; r++) {
    const fields = lines[r + 1];
    if (fields[0] !== header[r]) {
      throw new InputError(
        FN,
        `${FN}: row ${r + 2} is labelled '${fields[0]}', expected '${header[r]}' (the header's id ${r + 1}); rows follow the header's order of ids`,
      );
    }
    if (fields.length - 1 !== n) {
      throw new InputError(
        FN,
        `${FN}: row ${r + 2} has ${count(fields.length - 1, 'cell')}, expected ${n} (one per id of the header row)`,
      );
    }
    const row = fields.slice(1).map((f, c) => {
      const v = f === '' ? 0 : Number(f);
      if (!Number.isFinite(v)) {
        throw new InputError(
          FN,
          `${FN}: row ${r + 2}, column '${header[c]}': '${f}' is not a number; expected a tie weight (a number, or an empty cell for 0)`,
        );
      }
      if (v < 0 && !((options.threshold ?? 0) < 0)) {
        throw new InputError(
          FN,
          `${FN}: row ${r + 2}, column '${header[c]}': ${v} is negative and would make no tie unseen; expected 0 or more (or a threshold below ${v})`,
        );
      }
      return v;
    });
    cells.push(row);
  }
  const threshold = options.threshold ?? DEFAULTS.threshold;
  const attr = options.weightAttribute ?? DEFAULTS.weightAttribute;
  const mode = options.symmetrize ?? DEFAULTS.symmetrize;
  refuseGraphologyKeys('fromAdjacencyMatrix', 'names in the header', header);
  const graph = new UndirectedGraph();
  for (const id of header) graph.addNode(id);
  // Pairs whose cells differ (with 'error'): the first, and how many.
  let first: [number, number] | undefined;
  let differ = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = cells[i][j];
      const b = cells[j][i];
      // 'min' keeps reciprocated ties only (UCINET's minimum): one cell at 0 made a tie of weight 0.
      if (mode === 'min' ? !(a > threshold && b > threshold) : !(a > threshold) && !(b > threshold))
        continue;
      if (a !== b && mode === 'error') {
        first ??= [i, j];
        differ++;
        continue;
      }
      const w = mode === 'sum' ? a + b : mode === 'min' ? Math.min(a, b) : Math.max(a, b);
      // Two cells near 1.8e308 summed past floating point: a tie of weight Infinity.
      if (!Number.isFinite(w))
        throw new InputError(
          FN,
          `${FN}: row '${header[i]}', column '${header[j]}': the two cells ${a} and ${b} sum to ${w}, beyond floating point; rescale the matrix, or use symmetrize: 'max'`,
        );
      graph.addEdge(header[i], header[j], { [attr]: w });
    }
  }
  if (first) {
    const [x, y] = [header[first[0]], header[first[1]]];
    throw new InputError(
      FN,
      `${FN}: the matrix is not symmetric: row '${x}' gives '${y}' ${cells[first[0]][first[1]]} but row '${y}' gives '${x}' ${cells[first[1]][first[0]]}${differ > 1 ? `, and ${count(differ - 1, 'other pair differs', 'other pairs differ')}` : ''}. A directed matrix (who named whom)? The graph is undirected: say how a pair's two cells make one tie with symmetrize: 'max' (a tie where either cell has one, the larger its weight), 'min' (reciprocated ties only, the smaller) or 'sum'`,
    );
  }
  return graph;
}

/** The default of each option. */
fromAdjacencyMatrix.defaults = DEFAULTS;
