import type { ColumnTable } from 'arquero';
import * as aq from 'arquero';
import { checkExitRow } from '../contagion/hawkes/background.js';
import type { ExitRow } from '../contagion/hawkes/types.js';
import { indexDataset, ROLE_CODE } from '../core/dataset-index.js';
import { InputError, OptionError } from '../core/errors.js';
import { checkDataset, describeInput } from '../core/guards.js';
import { personAsRead } from '../core/id-as-read.js';
import { checkOptions, closestName, nearId, type OptionRules, rule } from '../core/options.js';
import { count } from '../core/plural.js';
import { type DateLike, dayToIso, resolveAsOf } from '../core/time.js';
import type { Dataset } from '../core/types.js';
import {
  DEFAULT_RETENTION_YEARS,
  dateOption,
  horizonRule,
  pastRetentionWarning,
  refuseOutsideRecords,
  resolveWindow,
  windowRules,
} from '../core/window.js';
import { windowText } from '../core/window-text.js';
import { type PseudonymiseOption, pseudonymiser } from './pseudonymise.js';
import { listMetadata, PURPOSE_LABEL, withListMetadata } from './purpose.js';
import { killedBefore, personRecords } from './records.js';

/** Options of {@link auditList}. */
export interface AuditListOptions {
  /**
   * Columns to compare by: `'area'` (each person's most frequent incident area), `'group'`, and
   * any audit column of the people table (protected attributes are welcome here, and only here).
   * Default `['area', 'group']`.
   */
  by?: readonly string[];
  /** Date of the list. Default: the list's own `asOf` (from its metadata). */
  asOf?: DateLike;
  /** Horizon in days. Default: the list's own `horizonDays`, else 90. */
  horizonDays?: number;
  /**
   * Which victims to compare with: `'after'` — people victimised in [asOf, asOf + horizon)
   * (backtests, where that is known); `'before'` — those victimised in [asOf − horizon, asOf)
   * (a live list). Default: `'after'` when the data holds records dated on or after `asOf`,
   * else `'before'`.
   */
  victims?: 'after' | 'before';
  /** Severity from which a victimisation counts. Default 3. */
  minSeverity?: number;
  /** The key the list was pseudonymised with (needed to match its ids to the data; none for data pseudonymised at ingest). Default: none (the list's ids are matched as given). */
  pseudonymise?: PseudonymiseOption;
  /** Retention horizon in years for the population. Default: the list's, else 6. */
  retentionYears?: number;
  /**
   * People out of the risk set (custody, moved away), as the list's model took them
   * (`fitNetworkHawkes`' `exits`: `{ person_id, from, to? }`, dates; no `to`: still out): one
   * out over the whole horizon `[asOf, asOf + horizonDays)` — by one row or by rows that meet or
   * overlap — has no risk there, so no list could
   * name them, and they are left out of the population (the summary counts them). Default: none.
   */
  exits?: readonly ExitRow[];
}

/**
 * One row of the {@link auditList} table, one per (attribute, value), as
 * `audit.objects() as AuditRow[]` reads it. Shares are of each group's people (0–1); a ratio of
 * shares of 1 is proportionate.
 */
export interface AuditRow {
  /** The column compared by: `'area'`, `'group'` or an audit column of the people table. */
  attribute: string;
  /** Its value; `'(unknown)'` when missing. */
  value: string;
  /** People on the list with this value. */
  list_n: number;
  /** Share of the list with this value (0–1); null for an empty list. */
  list_share: number | null;
  /** People victimised in the comparison window (`victims`) with this value. */
  victims_n: number;
  /** Share of those victims with this value (0–1); null when there is no victim. */
  victims_share: number | null;
  /** People of the population (everyone a list as of `asOf` could name) with this value. */
  population_n: number;
  /** Share of the population with this value (0–1); null for an empty population. */
  population_share: number | null;
  /** `list_share ÷ victims_share`; null when either is null or the victims have none of this value. */
  list_vs_victims: number | null;
  /** `list_share ÷ population_share`; null when either is null or the population has none of this value. */
  list_vs_population: number | null;
}

const DEFAULTS = {
  by: ['area', 'group'] as readonly string[],
  horizonDays: 90,
  minSeverity: 3,
  retentionYears: DEFAULT_RETENTION_YEARS,
};

const RULES: OptionRules<AuditListOptions> = {
  by: rule.array(rule.string(true)),
  asOf: rule.date,
  horizonDays: horizonRule(),
  victims: rule.oneOf(['after', 'before']),
  minSeverity: rule.number({ min: 0, max: 4 }),
  pseudonymise: rule.record(),
  retentionYears: windowRules.retentionYears,
  exits: rule.array(rule.record()),
};

/**
 * Compares a list's make-up with the make-up of the people victimised in the horizon and of the
 * whole network population, by each `by` column, so that any disproportion is visible. The
 * population is the people a list as of `asOf` could name: everyone with a record in the
 * retention window but the killed before `asOf` (the only victim of a homicide on record, whom
 * `rankForOutreach` and `planOutreach` never list); the summary counts those left out.
 *
 * One row per (attribute, value): `attribute`, `value` (`'(unknown)'` when missing), `list_n`,
 * `list_share`, `victims_n`, `victims_share`, `population_n`, `population_share`,
 * `list_vs_victims` and `list_vs_population` (ratios of shares; 1 = proportionate, null when the
 * comparison group has none): one {@link AuditRow} each. The table carries the purpose label
 * and the comparison window.
 * An `asOf` on or before the first record, or so late that every record is past the retention
 * horizon, is refused with a `DataRefusedError` (`outside-records`) naming the records' dates:
 * its empty population made a table of nulls.
 *
 * @example
 * const list = rankForOutreach(data, { asOf: '2024-01-01' });
 * auditList(data, list, { by: ['area', 'group', 'ethnicity'] }).print();
 */
export function auditList(
  data: Dataset,
  list: ColumnTable,
  options: AuditListOptions = {},
): ColumnTable {
  const isTable = (x: unknown) =>
    typeof x === 'object' && x !== null && typeof (x as ColumnTable).columnNames === 'function';
  if (isTable(data) && !isTable(list))
    throw new InputError(
      'auditList',
      'auditList(data, list, options) takes the dataset first and the list second (it got a table first)',
    );
  if (!isTable(list))
    throw new InputError(
      'auditList',
      `auditList(data, list) needs the list as an arquero table (e.g. from rankForOutreach), got ${describeInput(list)}.`,
    );
  checkDataset('auditList', data);
  checkOptions('auditList', options, RULES);
  options ??= {};
  const meta = listMetadata(list);
  const params = (meta?.parameters ?? {}) as Record<string, unknown>;
  const asOfOpt = options.asOf ?? (params.asOf as string | undefined);
  if (asOfOpt === undefined)
    throw new OptionError(
      'auditList',
      'asOf',
      "auditList: option 'asOf' is required for a list that does not carry its date (a list from rankForOutreach carries it): give the date the list was made as of, e.g. { asOf: '2024-01-01' }",
    );
  const asOf = dateOption('auditList', 'asOf', () => resolveAsOf(asOfOpt));
  const horizon =
    options.horizonDays ?? (params.horizonDays as number | undefined) ?? DEFAULTS.horizonDays;
  const minSeverity = options.minSeverity ?? DEFAULTS.minSeverity;
  const retentionYears =
    options.retentionYears ??
    (params.retentionYears as number | undefined) ??
    DEFAULT_RETENTION_YEARS;
  const by = options.by ?? DEFAULTS.by;
  // A list made from pseudonymised data (ingest's key) holds the data's own ids: no key needed.
  if (params.pseudonymised === true && !options.pseudonymise && data.pseudonymised !== true) {
    throw new OptionError(
      'auditList',
      'pseudonymise',
      "auditList: the list is pseudonymised (its person_id values are pseudonyms): pass option 'pseudonymise' with the key the list was made with, { pseudonymise: { key } }, to match them to the data",
    );
  }
  if (!list.columnNames().includes('person_id')) {
    const columns = list.columnNames();
    const near = closestName('person_id', columns);
    throw new InputError(
      'auditList',
      `auditList: the list has no person_id column${near ? ` (did you mean '${near}'? rename it person_id)` : ''}; its columns: ${columns.join(', ') || 'none'}. Give a list from rankForOutreach, or a table with a person_id column`,
    );
  }

  const index = indexDataset(data);
  const n = index.personIds.length;
  const window = resolveWindow(index, { asOf, retentionYears });
  // An asOf on or before the first record: no population, no victims, a table of nulls.
  refuseOutsideRecords('auditList', index, window);
  const facts = personRecords(index, window, by.includes('area'));

  // People table: group and audit attributes by person number.
  const person = new Array<(typeof data.people)[number] | undefined>(n);
  for (const p of data.people) {
    const i = index.personIndex.get(p.person_id);
    if (i !== undefined) person[i] = p;
  }
  const auditNames = new Set<string>(data.auditColumns);
  for (const p of data.people) for (const k of Object.keys(p.audit ?? {})) auditNames.add(k);
  const valueGetters = by.map((col): ((i: number) => string | null) => {
    if (col === 'area') return (i) => facts.area![i];
    if (col === 'group') return (i) => person[i]?.group ?? null;
    if (auditNames.has(col)) return (i) => person[i]?.audit?.[col] ?? null;
    const near = closestName(col, ['area', 'group', ...auditNames]);
    throw new OptionError(
      'auditList',
      'by',
      `auditList: cannot audit by '${col}'.${near ? ` Did you mean '${near}'?` : ''} Use 'area', 'group' or an audit column of the people table (${[...auditNames].join(', ') || 'none declared'})`,
    );
  });

  // The list's people, matched back to the data.
  const display = pseudonymiser(options.pseudonymise, 'auditList');
  const byDisplay = new Map<string, number>();
  for (let i = 0; i < n; i++) byDisplay.set(display(index.personIds[i]), i);
  const listIds = list.array('person_id') as string[];
  const inList: number[] = [];
  for (let row = 0; row < listIds.length; row++) {
    const id = listIds[row];
    const i = byDisplay.get(id);
    if (i === undefined) {
      const keyed = options.pseudonymise !== undefined || params.pseudonymised === true;
      // Another id's spelling (leading zeros, case, a typo) is worth naming; a pseudonym's is not.
      const near = keyed ? undefined : nearId(String(id), byDisplay.keys());
      throw new InputError(
        'auditList',
        `auditList: list row ${row + 1}, person_id '${id}' is not a person of the data${near ? ` (did you mean '${near}'?)` : ''}: the list must be audited on the data it was made from${keyed ? ', with the pseudonymise key it was made with' : ''}`,
      );
    }
    inList.push(i);
  }

  // Victims in the comparison window.
  const side = options.victims ?? (index.lowerBound(asOf) < index.day.length ? 'after' : 'before');
  const [vFrom, vTo] = side === 'after' ? [asOf, asOf + horizon] : [asOf - horizon, asOf];
  const victim = new Uint8Array(n);
  for (let k = index.lowerBound(vFrom); k < index.lowerBound(vTo); k++) {
    if (index.severity[k] < minSeverity) continue;
    for (let e = index.invOffset[k]; e < index.invOffset[k + 1]; e++)
      if (index.invRole[e] === ROLE_CODE.victim) victim[index.invPerson[e]] = 1;
  }
  // The population: the people a list could name, so not the killed before asOf (rankForOutreach
  // and planOutreach leave them out, by the same rule: only victims of a homicide on record).
  const killed = killedBefore(index, window.lo, window.hi);
  // Nor the people out of the risk set over the whole horizon (custody): no risk, so never listed.
  const away = outOverHorizon(index.personIndex, options.exits, asOf, asOf + horizon);
  const victims: number[] = [];
  const population: number[] = [];
  let killedCount = 0;
  let awayCount = 0;
  for (let i = 0; i < n; i++) {
    if (victim[i]) victims.push(i);
    if (facts.records[i] > 0) {
      if (killed[i] === 1) killedCount++;
      else if (away.has(i)) awayCount++;
      else population.push(i);
    }
  }

  const cols: Record<string, unknown[]> = {
    attribute: [],
    value: [],
    list_n: [],
    list_share: [],
    victims_n: [],
    victims_share: [],
    population_n: [],
    population_share: [],
    list_vs_victims: [],
    list_vs_population: [],
  };
  by.forEach((col, c) => {
    const count = (people: number[]) => {
      const m = new Map<string, number>();
      for (const i of people) {
        const v = valueGetters[c](i) ?? '(unknown)';
        m.set(v, (m.get(v) ?? 0) + 1);
      }
      return m;
    };
    const L = count(inList);
    const V = count(victims);
    const P = count(population);
    const values = [...new Set([...L.keys(), ...V.keys(), ...P.keys()])].sort();
    for (const v of values) {
      const ls = share(L.get(v) ?? 0, inList.length);
      const vs = share(V.get(v) ?? 0, victims.length);
      const ps = share(P.get(v) ?? 0, population.length);
      cols.attribute.push(col);
      cols.value.push(v);
      cols.list_n.push(L.get(v) ?? 0);
      cols.list_share.push(ls);
      cols.victims_n.push(V.get(v) ?? 0);
      cols.victims_share.push(vs);
      cols.population_n.push(P.get(v) ?? 0);
      cols.population_share.push(ps);
      cols.list_vs_victims.push(ls !== null && vs ? ls / vs : null);
      cols.list_vs_population.push(ls !== null && ps ? ls / ps : null);
    }
  });

  const victimWindow = windowText(dayToIso(vFrom), dayToIso(vTo));
  const pastRetention = pastRetentionWarning(index, window, retentionYears);
  const summary = [
    PURPOSE_LABEL,
    `Audit of a list of ${count(inList.length, 'person', 'people')} by ${by.join(', ')}, against ${count(victims.length, 'person', 'people')} victimised (severity ≥ ${minSeverity}) ${side === 'after' ? 'in the horizon' : 'in the horizon before the list date'} (${victimWindow}) and ${count(population.length, 'person', 'people')} in the network population${killedCount || awayCount ? ` (not counting ${[killedCount ? `${count(killedCount, 'person', 'people')} killed before ${dayToIso(asOf)} (the only victim of a homicide on record)` : '', awayCount ? `${count(awayCount, 'person', 'people')} out of the risk set over the whole horizon (exits: custody, moved away)` : ''].filter(Boolean).join(' and ')}, whom no list names)` : ''}.`,
  ].join('\n');
  return withListMetadata(
    aq.table(cols),
    {
      purpose: PURPOSE_LABEL,
      kind: 'audit',
      model: meta?.model ?? 'none',
      parameters: {
        asOf: dayToIso(asOf),
        horizonDays: horizon,
        by: [...by],
        victims: side,
        minSeverity,
        retentionYears,
      },
      dataWindow: {
        from: Number.isFinite(window.since) ? dayToIso(Math.ceil(window.since)) : null,
        to: dayToIso(asOf),
        incidents: window.hi - window.lo,
      },
      excludedByRetention: window.droppedByRetention,
      summary,
      warnings: pastRetention ? [pastRetention.warning] : [],
    },
    data,
  );
}

/** Defaults of each option (`by` columns, days, severity 0–4, years); `asOf`, `horizonDays` and `retentionYears` come from the list first. */
auditList.defaults = DEFAULTS;

function share(k: number, n: number): number | null {
  return n > 0 ? k / n : null;
}

/**
 * People (by number) out of the risk set over all of `[from, to)`: `exits` rows of the person
 * that, merged where they meet or overlap, start on or before `from` and end (if at all) on or
 * after `to`. A row is checked as the fit checks it
 * (checkExitRow: `person_id` and a `from` date, a `to` after it if given, no misspelt field and
 * no date under another name); ids not in the records are ignored.
 */
function outOverHorizon(
  personIndex: ReadonlyMap<string, number>,
  exits: readonly ExitRow[] | undefined,
  from: number,
  to: number,
): Set<number> {
  const spans = new Map<number, { a: number; b: number }[]>();
  for (const [i, row] of (exits ?? []).entries()) {
    // Read as the fit reads it: a misspelt 'until' for 'to' is refused, not an open-ended exit.
    const { a, b } = checkExitRow('auditList', row, i);
    const p = personAsRead(personIndex, String(row.person_id));
    if (p === undefined) continue;
    const list = spans.get(p);
    if (list) list.push({ a, b });
    else spans.set(p, [{ a, b }]);
  }
  // Rows that meet or overlap cover the horizon between them (custody to 2024-01-15, then from
  // 2024-01-15 on), as the fit, which gives no risk on any day inside a row, reads them.
  const out = new Set<number>();
  for (const [p, list] of spans) {
    list.sort((x, y) => x.a - y.a);
    let covered = from;
    for (const { a, b } of list) {
      if (a > covered) break;
      if (b > covered) covered = b;
    }
    if (covered >= to) out.add(p);
  }
  return out;
}
