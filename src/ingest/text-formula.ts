// Excel's text formula: a cell written `="00123"` in a CSV file, which Excel reads as the text
// 00123 (its leading zeros kept, where 00123 alone would become the number 123). Exports made
// to be opened in Excel write ids, case numbers and dates so. Read literally, `="00123"` in one
// table and `00123` in another were two people. Browser-safe: no Node import.

import { count } from '../core/plural.js';

/** `="…"` with nothing but text inside (a quote in it doubled, as Excel writes it). */
const TEXT_FORMULA = /^="((?:[^"]|"")*)"$/;

/**
 * The text inside a cell written as Excel's text formula (`="00123"` is `00123`, `="a""b"` is
 * `a"b`), or `undefined` for any other cell; another formula (`="A"&"B"`) is left as it is.
 */
export function unwrapTextFormula(cell: string): string | undefined {
  const m = TEXT_FORMULA.exec(cell);
  return m === null ? undefined : m[1].replace(/""/g, '"');
}

/** The text formulas of one table that were unwrapped: how many, and the first, as an example. */
export interface TextFormulas {
  /** Cells unwrapped. */
  cells: number;
  /** The first such cell as written (`="00123"`). */
  raw: string;
  /** Where it is: its table and column, and its line in the file when known. */
  where: string;
}

/**
 * Unwraps the text formulas in the data rows of parsed CSV (`rows[0]` is the header, named by
 * `header`), in place; `undefined` when there were none. `line(i)` gives the physical line of
 * data row `i`.
 */
export function unwrapTextFormulas(
  rows: string[][],
  header: readonly string[],
  table: string,
  line: (i: number) => number,
): TextFormulas | undefined {
  let found: TextFormulas | undefined;
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i];
    for (let j = 0; j < r.length; j++) {
      const c = r[j];
      // '=' first: most cells are told by one character.
      const v = c.charCodeAt(0) === 61 ? unwrapTextFormula(c) : undefined;
      if (v === undefined) continue;
      r[j] = v;
      found ??= { cells: 0, raw: c, where: `${table}, column '${header[j]}', line ${line(i - 1)}` };
      found.cells++;
    }
  }
  return found;
}

/**
 * The one warning for the text formulas unwrapped in the given tables, or `undefined` when there
 * were none: their count, and the first.
 */
export function textFormulaWarning(
  found: readonly (TextFormulas | undefined)[],
): string | undefined {
  const hit = found.filter((f) => f !== undefined);
  if (hit.length === 0) return undefined;
  const n = hit.reduce((s, f) => s + f.cells, 0);
  const { raw, where } = hit[0];
  return `Excel text formulas (="...") were read as the text inside in ${count(n, 'cell')}: '${raw}' as '${unwrapTextFormula(raw)}' (${where})`;
}
