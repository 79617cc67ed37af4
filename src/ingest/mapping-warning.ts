// A mapping entry naming a column the table does not have: said, never passed over in silence.
import { closestName } from '../core/options.js';
import { namesField, PEOPLE_FIELDS } from './columns.js';
import type { IngestSummary } from './ingest-types.js';
import { type CanonicalField, INCIDENT_FIELDS, INVOLVEMENT_FIELDS } from './options.js';

const INCIDENT_SIDE: readonly string[] = [...INCIDENT_FIELDS, 'time', 'people'];

/**
 * The warning for `mapping` entries whose column was not read from a table that reads the field
 * and has rows (`{ area: 'Area Codee' }` beside a column 'Area Code'): the field was then read from
 * a column named like it, or not at all, with no word. Names the field, the column mapped, the
 * table, what was read instead, and the closest column not read. `undefined` when every entry was
 * used (or its table was not given). @internal
 */
export function unusedMappingWarning(
  mapping: Partial<Record<CanonicalField, string>>,
  summary: Pick<IngestSummary, 'form' | 'tables' | 'columns' | 'ignoredColumns'>,
): string | undefined {
  const flat = summary.form === 'flat';
  const notes: string[] = [];
  for (const [field, column] of Object.entries(mapping) as [CanonicalField, string][]) {
    // Where the field is read from, and which summary.columns entry records it.
    const homes: { table: 'incidents' | 'involvements' | 'people'; shown: string }[] = [];
    if (INCIDENT_SIDE.includes(field)) {
      homes.push({ table: 'incidents', shown: flat ? 'involvements' : 'incidents' });
    }
    if ((INVOLVEMENT_FIELDS as readonly string[]).includes(field) && summary.form !== 'nested') {
      homes.push({ table: 'involvements', shown: 'involvements' });
    }
    if ((PEOPLE_FIELDS as readonly string[]).includes(field)) {
      homes.push({ table: 'people', shown: 'people' });
    }
    const given = homes.filter(
      ({ shown }) => summary.tables[shown as keyof typeof summary.tables].read > 0,
    );
    // A field read from the mapped column in one table (incident_id → 'URN' in incidents, or ''
    // for R's row names) and from a column of its own in another (the involvements'
    // 'incident_id') is the mapping at work: only tables that read the field from no column
    // are named then.
    const usedSomewhere = given.some(
      ({ table }) =>
        (summary.columns[table] as Record<string, string | undefined>)[field] === column,
    );
    for (const { table, shown } of given) {
      const used = (summary.columns[table] as Record<string, string | undefined>)[field];
      if (used === column || (usedSomewhere && used !== undefined)) continue;
      const columns = summary.columns[table] as Record<string, string | undefined>;
      const other = Object.keys(columns).find((f) => columns[f] === column);
      if (other !== undefined) {
        notes.push(`${field} → '${column}': that column of ${shown} was read as ${other}`);
        continue;
      }
      const near = closestName(column, summary.ignoredColumns[shown as 'incidents'] ?? []);
      notes.push(
        `${field} → '${column}' is no column of ${shown}, so ${
          used === undefined
            ? `no ${field} was read`
            : `${field} was read from '${used}', named like it`
        }${near === undefined ? '' : ` (did you mean '${near}'?)`}`,
      );
    }
  }
  if (notes.length === 0) return undefined;
  return `mapping: ${notes.join('; ')}. Check the column names in the mapping against the file's header.`;
}

/**
 * The warning for columns that name a field as the one read from does (`'Incident_ID'` beside
 * `'INCIDENTID'`, `'Offence'` beside `'offense'`) and were not read: the first was read, and the
 * other would otherwise be listed only among the columns not read. Fields given a `mapping` are
 * the caller's choice and not named. `undefined` when there are none. @internal
 */
export function twinColumnWarning(
  mapping: Partial<Record<CanonicalField, string>>,
  summary: Pick<IngestSummary, 'form' | 'columns' | 'ignoredColumns'>,
): string | undefined {
  const notes: string[] = [];
  for (const table of ['incidents', 'involvements', 'people'] as const) {
    // A flat table's incident columns are the involvements table's.
    const shown = summary.form === 'flat' && table === 'incidents' ? 'involvements' : table;
    const ignored = summary.ignoredColumns[shown] ?? [];
    const used = summary.columns[table] as Record<string, string | undefined>;
    for (const [field, column] of Object.entries(used)) {
      if (column === undefined || mapping[field as CanonicalField] !== undefined) continue;
      const twins = ignored.filter((c) => namesField(c, field as CanonicalField));
      for (const t of twins) {
        notes.push(
          `${shown}: the columns '${column}' and '${t}' both name ${field}; '${column}' was read, '${t}' was not (if it holds the ${field}, map it: mapping: { ${field}: '${t}' })`,
        );
      }
    }
  }
  return notes.length === 0 ? undefined : notes.join('; ');
}
