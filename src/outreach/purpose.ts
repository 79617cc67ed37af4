import type { ColumnTable } from 'arquero';
import { toCsv } from '../core/csv.js';
import { InputError } from '../core/errors.js';
import { describeInput } from '../core/guards.js';
import { checkOptions, rule } from '../core/options.js';
import { count } from '../core/plural.js';
import type { DataProfile } from '../core/profile.js';
import { PURPOSE_LABEL } from '../core/purpose.js';
import type { Dataset } from '../core/types.js';
import { windowText } from '../core/window-text.js';

/**
 * The purpose label written into every list this library makes. Lists of people are for offering
 * voluntary support; the label travels with the table (and every table derived from it with
 * arquero verbs) and heads every export and every file the library writes.
 */
export { PURPOSE_LABEL };

/** What a list was made from: carried on the table (see {@link listMetadata}). */
export interface ListMetadata {
  /** Always {@link PURPOSE_LABEL}. */
  purpose: typeof PURPOSE_LABEL;
  /** Which list: a ranked outreach list, a contact trace, or a backtest result. */
  kind: 'outreach-ranking' | 'outreach-plan' | 'contact-trace' | 'backtest' | 'audit';
  /** Name of the risk model behind the scores (or `'none'`). */
  model: string;
  /** The options the list was made with (never the pseudonymisation key). */
  parameters: Record<string, unknown>;
  /** The records used: dates (ISO) of the window `[from, to)` and the incidents in it. */
  dataWindow: { from: string | null; to: string | null; incidents: number };
  /** Incidents left out because they are older than the retention horizon. */
  excludedByRetention: number;
  /** Plain-text summary of the above, one sentence per fact. */
  summary: string;
  /**
   * True when the person ids in the list are keyed pseudonyms, whichever stage made them (ingest's
   * `pseudonymise`, `pseudonymiseDataset`, or the list's own `pseudonymise` option). Set from the
   * dataset by `withListMetadata`; `parameters.pseudonymised` says the same.
   */
  pseudonymised?: boolean;
  /**
   * People columns allowed as model inputs by the data owner although their names match a
   * protected characteristic (ingest's logged `allowAttribute` override); `[]` when none.
   */
  allowedAttributes?: readonly string[];
  /**
   * Plain-language warnings about the list: the data profile's (see `profileData`), the model's
   * (`RiskModel.warnings`: not identified, a covariate that ran off, …) and, when most listed
   * people share one score, that the order then comes from the tie-break rule.
   */
  warnings?: readonly string[];
  /** The data profile of the dataset the list was made from (see `profileData`). */
  profile?: DataProfile;
}

const PARAM = 'outreach';

/**
 * Attaches metadata to a table (as an arquero table parameter, so verbs carry it along). With the
 * dataset the list was made from, the metadata states truthfully whether ids are pseudonymised
 * (by any stage) and which protected-looking columns the data owner allowed, in `summary` too.
 */
export function withListMetadata<T extends ColumnTable>(
  table: T,
  meta: ListMetadata,
  data?: Pick<Dataset, 'pseudonymised' | 'allowedAttributes'>,
): T {
  const pseudonymised = meta.parameters.pseudonymised === true || data?.pseudonymised === true;
  const allowedAttributes = [...(data?.allowedAttributes ?? meta.allowedAttributes ?? [])];
  const lines = [
    meta.summary,
    pseudonymised
      ? 'Person ids are keyed pseudonyms.'
      : 'Person ids are as given in the records (not pseudonymised).',
  ];
  if (allowedAttributes.length) {
    lines.push(
      `Allowed as model inputs by the data owner although their names match a protected characteristic (allowAttribute): ${allowedAttributes.join(', ')}.`,
    );
  }
  const full: ListMetadata = {
    ...meta,
    parameters: { ...meta.parameters, pseudonymised },
    summary: lines.filter((l) => l !== '').join('\n'),
    pseudonymised,
    allowedAttributes: Object.freeze(allowedAttributes),
  };
  return table.params({ [PARAM]: Object.freeze(full) }) as T;
}

/**
 * The metadata of a list made by this library (purpose label, parameters, data window), or
 * `undefined` for a table that did not come from it. Survives arquero verbs (`filter`, `derive`,
 * `orderby`, `select`, `join`, …) because it is stored as a table parameter.
 *
 * @example
 * const list = rankForOutreach(data, { asOf: '2024-01-01' });
 * listMetadata(list)?.purpose; // 'For voluntary outreach and support; …'
 */
export function listMetadata(table: ColumnTable): ListMetadata | undefined {
  const params = table.params() as Record<string, unknown> | undefined;
  return params?.[PARAM] as ListMetadata | undefined;
}

/** Options of {@link exportList}. */
export interface ExportListOptions {
  /**
   * `'csv'` (through the library's one CSV writer, `toCsv`: the label, then the kind, data window,
   * parameters, summary and warnings as leading `# …` lines, and every text cell guarded against spreadsheet
   * formulas) or `'json'`. Default `'csv'`.
   */
  format?: 'csv' | 'json';
}

/**
 * Writes a list for sharing, with its purpose label, parameters and data window in the file
 * itself. Refuses a table without list metadata, so nothing leaves without its label.
 *
 * @example
 * const csv = exportList(rankForOutreach(data, { asOf: '2024-01-01', pseudonymise: { key } }));
 */
export function exportList(table: ColumnTable, options: ExportListOptions = {}): string {
  if (typeof (table as { params?: unknown } | null)?.params !== 'function') {
    throw new InputError(
      'exportList',
      `exportList: expected a list made by this library (an arquero table, e.g. from rankForOutreach), got ${describeInput(table)}.`,
    );
  }
  options = checkOptions('exportList', options, { format: rule.oneOf(['csv', 'json']) });
  const meta = listMetadata(table);
  if (!meta || meta.purpose !== PURPOSE_LABEL) {
    throw new InputError(
      'exportList',
      'exportList: the table carries no purpose label, parameters or data window, so it is not a list made by this library (rankForOutreach, traceContacts, planOutreach, backtest); export the list as the library returned it: a table made anew from its rows, or by an arquero verb that drops its metadata, is refused so that nothing leaves without its label',
    );
  }
  const format = options.format ?? exportList.defaults.format;
  const rows = table.objects() as Record<string, unknown>[];
  if (format === 'json') {
    // The label is the first field, whatever order the metadata was built in.
    const { purpose, ...rest } = meta;
    return JSON.stringify(
      { purpose, ...rest, rows },
      (_k, v) => (typeof v === 'bigint' ? Number(v) : v),
      2,
    );
  }
  if (format !== 'csv') throw new RangeError(`unknown export format '${String(format)}'`);
  const notes = [
    `kind: ${meta.kind}; model: ${meta.model}`,
    `data window: ${windowText(meta.dataWindow.from, meta.dataWindow.to)} (${count(meta.dataWindow.incidents, 'incident')})`,
    `parameters: ${JSON.stringify(meta.parameters)}`,
    meta.summary,
    // What the list must be read with (ties, records past retention, the model's caveats).
    ...(meta.warnings ?? []).map((w) => `warning: ${w}`),
  ];
  return toCsv(rows, { columns: table.columnNames(), notes });
}

/** Default of each option. */
exportList.defaults = { format: 'csv' } as { readonly format: 'csv' | 'json' };
