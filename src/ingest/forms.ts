/**
 * The three forms of ingest input, told apart before any row is read. Long: `incidents` and
 * `involvements` tables. Nested: `incidents` alone with a `people` list per incident (only
 * without an involvements table: with one, a column that happens to be called `people`, a head
 * count say, is just another ignored column). Flat: `involvements` alone, one row per person per
 * incident with the incident's columns repeated on each row; its incidents are the distinct
 * incident ids, read from each id's first row (or, when it gives none of the incident columns,
 * the first that gives some), and the other rows whose incident columns differ as text (found
 * here) are compared with it by the incidents reader as the long form's repeated
 * rows are (repeated-incident.ts). A flat table passed as `incidents` is refused with how to
 * pass it.
 */
import { idText, isEmpty, show } from './cells.js';
import { requireColumn, resolveColumns } from './columns.js';
import { IngestError } from './ingest-error.js';
import { type CanonicalField, INCIDENT_FIELDS } from './options.js';
import { readSource, type SourceTable, type TableInput } from './source-table.js';

/** The ingest input's tables (see `IngestInput`). */
export interface FormInput {
  incidents?: TableInput;
  involvements?: TableInput;
  people?: TableInput;
}

/** A problem with a row: field, value, reason. */
export type Problem = [field: string, value: string, reason: string];

/** The input's form and its incidents table. */
export interface InputForm {
  form: 'long' | 'nested' | 'flat';
  /** The incidents table (in the flat form, one row per distinct incident id). */
  incidents: SourceTable;
  /** Flat form: the involvements table the incidents were read from. */
  flatSource?: SourceTable;
  /** Flat form: the rows of `flatSource` whose incident columns differ from their first row's as text, by incident row. */
  variants?: Map<number, number[]>;
  /**
   * Flat form: the row of `flatSource` an incident row is read from: its first row, or when that
   * gives none of the incident columns, its first row that gives some.
   */
  flatRow?: (k: number) => number;
  /** Flat form: the first row of `flatSource` with the incident's id. */
  flatFirst?: (k: number) => number;
}

/** Tells the input's form; reads the incidents table (the flat form: from the involvements). */
export function inputForm(
  input: FormInput,
  mapping: Partial<Record<CanonicalField, string>>,
): InputForm {
  if (input.incidents === undefined) {
    const flatSource = readSource(input.involvements!, 'involvements');
    return { form: 'flat', flatSource, ...flatIncidents(flatSource, mapping) };
  }
  const incidents = readSource(input.incidents, 'incidents');
  if (input.involvements !== undefined) return { form: 'long', incidents };
  if (resolveColumns(incidents, [...INCIDENT_FIELDS, 'people'], mapping).people !== undefined) {
    return { form: 'nested', incidents };
  }
  const who = resolveColumns(incidents, ['incident_id', 'person_id', 'role'], mapping);
  if (who.person_id !== undefined && who.role !== undefined) {
    throw new IngestError(
      'flat-table',
      'incidents',
      `incidents has person columns (${who.person_id}, ${who.role}): it looks like a flat table, one row per person per incident. ` +
        'Pass it as ingest({ involvements: rows }) (on the command line: --involvements <file> without --incidents): the incident columns are read from its rows and checked to agree within each incident. ' +
        'Or split it: an incidents table with one row per incident (incident_id, date, offence or severity, …) and an involvements table (incident_id, person_id, role).',
    );
  }
  return { form: 'long', incidents };
}

/**
 * The incidents of a flat table (one row per person per incident, incident columns on each row):
 * one per distinct incident id, read from its first row, with the later rows of the same
 * incident whose incident columns differ as text (by incident).
 */
function flatIncidents(
  src: SourceTable,
  mapping: Partial<Record<CanonicalField, string>>,
): Pick<InputForm, 'incidents' | 'variants' | 'flatRow' | 'flatFirst'> {
  const cols = resolveColumns(src, [...INCIDENT_FIELDS, 'time'], mapping) as Partial<
    Record<CanonicalField, string>
  >;
  const table = 'involvements (a flat table: incident columns on each row)';
  requireColumn(table, src, cols, 'incident_id', mapping);
  requireColumn(table, src, cols, 'date', mapping);
  const getId = src.column(cols.incident_id!);
  const fields = Object.entries(cols)
    .filter(([f]) => f !== 'incident_id')
    .map(([, c]) => src.column(c!));
  const first: number[] = [];
  const byId = new Map<string, number>();
  const variants = new Map<number, number[]>();
  // Incidents whose rows so far give none of the incident columns (each empty or a missing-value
  // marker), with those rows: the first row that gives some is read as the incident's in their
  // place, and they are read with it, as rows below a filled row are (read-incidents.ts). An
  // export that fills an incident's columns on one row only need not put that row first.
  const bareSoFar = new Map<number, number[]>();
  // The first row of an incident read from a later row.
  const firstOf = new Map<number, number>();
  const bare = (i: number) => fields.every((get) => isEmpty(get(i)));
  for (let i = 0; i < src.length; i++) {
    if (src.blank(i) || src.surplus?.(i) !== undefined) continue;
    const id = idText(getId(i));
    if (!id) continue; // rejected as an involvement row
    const k = byId.get(id);
    if (k === undefined) {
      byId.set(id, first.length);
      if (bare(i)) bareSoFar.set(first.length, [i]);
      first.push(i);
      continue;
    }
    const before = bareSoFar.get(k);
    if (before !== undefined) {
      if (bare(i)) {
        before.push(i);
        continue;
      }
      bareSoFar.delete(k);
      firstOf.set(k, first[k]);
      first[k] = i;
      variants.set(k, before);
      continue;
    }
    for (const get of fields) {
      if (show(get(first[k])).trim() === show(get(i)).trim()) continue;
      const v = variants.get(k);
      if (v) v.push(i);
      else variants.set(k, [i]);
      break;
    }
  }
  return {
    variants,
    flatRow: (k) => first[k],
    flatFirst: (k) => firstOf.get(k) ?? first[k],
    incidents: {
      columns: src.columns,
      length: first.length,
      column: (name) => {
        const get = src.column(name);
        return (k) => get(first[k]);
      },
      blank: () => false,
      ...(src.line ? { line: (k: number) => src.line!(first[k]) } : {}),
    },
  };
}
