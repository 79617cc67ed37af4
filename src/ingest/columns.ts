// Finding the source column of each canonical field, shared by ingest's row and columnar paths.
import { MissingColumnError } from './missing-column-error.js';
import type { CanonicalField } from './options.js';
import type { SourceTable } from './table-shape.js';

export const PEOPLE_FIELDS = [
  'person_id',
  'birth_year',
  'group',
  'group_since',
  'group_until',
] as const;

/** Other common spellings a column is found by when no mapping is given. */
const ALTERNATIVES: Partial<Record<CanonicalField, readonly string[]>> = {
  offence: ['offense'],
  lat: ['latitude'],
  lon: ['longitude', 'lng'],
};

const looseKey = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * True when `column` names `field` as the header is searched without a mapping: its own name or
 * another common spelling, ignoring case, spaces and punctuation.
 */
export function namesField(column: string, field: CanonicalField): boolean {
  const k = looseKey(column);
  return [field, ...(ALTERNATIVES[field] ?? [])].some((t) => looseKey(t) === k);
}

/** Finds the source column of `field`: the mapped name, then the field's own name(s). */
export function findColumn(
  columns: readonly string[],
  taken: ReadonlySet<string>,
  field: CanonicalField,
  mapped: string | undefined,
): string | undefined {
  // '' maps the column without a name (R's row names), found exactly.
  if (mapped === '' && columns.includes('') && !taken.has('')) return '';
  const tries = [...(mapped ? [mapped] : []), field, ...(ALTERNATIVES[field] ?? [])];
  for (const t of tries) {
    if (columns.includes(t) && !taken.has(t)) return t;
    const k = looseKey(t);
    const hit = columns.find((c) => !taken.has(c) && looseKey(c) === k);
    if (hit !== undefined) return hit;
  }
  return undefined;
}

export function resolveColumns<F extends CanonicalField>(
  src: SourceTable,
  fields: readonly F[],
  mapping: Partial<Record<CanonicalField, string>>,
  skip: (column: string) => boolean = () => false,
): Partial<Record<F, string>> {
  const taken = new Set<string>(src.columns.filter(skip));
  const used: Partial<Record<F, string>> = {};
  for (const f of fields) {
    const c = findColumn(src.columns, taken, f, mapping[f]);
    if (c !== undefined) {
      used[f] = c;
      taken.add(c);
    }
  }
  return used;
}

export function requireColumn(
  table: string,
  src: SourceTable,
  used: Partial<Record<CanonicalField, string>>,
  field: CanonicalField,
  mapping: Partial<Record<CanonicalField, string>>,
): void {
  if (used[field] === undefined && src.length > 0) {
    throw new MissingColumnError(
      table,
      field,
      src.columns,
      mapping[field],
      '',
      src.delimiter !== undefined,
      laterHeader(src, field, mapping[field]),
    );
  }
}

/** Rows of CSV text looked at for a header below the first line. */
const HEADER_SEARCH_ROWS = 30;

/**
 * A row of CSV text, among its first {@link HEADER_SEARCH_ROWS}, that names `field` (as the
 * header is searched): the header, below lines that a reporting tool wrote above it (a title, a
 * run date, the filters used). Its physical line and cells; `undefined` when there is none or
 * the table is not CSV text. A row of one cell holding another delimiter (`;`, tab, `|`) is split
 * by it: the delimiter was read from the title line, which may have none.
 */
function laterHeader(
  src: SourceTable,
  field: CanonicalField,
  mapped: string | undefined,
): { line: number; cells: readonly string[] } | undefined {
  if (src.cells === undefined || src.line === undefined) return undefined;
  const n = Math.min(src.length, HEADER_SEARCH_ROWS);
  for (let i = 0; i < n; i++) {
    let cells = src.cells(i).map((c) => c.trim());
    const filled = cells.filter((c) => c !== '');
    if (filled.length === 1) {
      const d = [';', '\t', '|'].find((x) => filled[0].includes(x));
      if (d !== undefined) cells = filled[0].split(d).map((c) => c.trim());
    }
    if (findColumn(cells, new Set(), field, mapped || undefined) !== undefined)
      return { line: src.line(i), cells: cells.filter((c) => c !== '') };
  }
  return undefined;
}

/** A column accessor, or `undefined` when the field has no column. */
export type Getter = ((i: number) => unknown) | undefined;

/** The accessor of `column` in `src`, or `undefined` when there is no such column. */
export const getter = (src: SourceTable, column: string | undefined): Getter =>
  column === undefined ? undefined : src.column(column);
